import { EmptyState, Flex, hubspot, Link, Text } from '@hubspot/ui-extensions';

/**
 * The app's settings page in HubSpot. Scoring is tuned in Vigil's dashboard (weights,
 * curves, tier thresholds, which pipeline means renewal), where admins see the effect on
 * their book before saving; this page says so and links there, so there is one place to
 * change settings and no second copy to drift.
 */
export const DASHBOARD_SETTINGS_URL = 'https://vigil.example.com/settings';

export function SettingsPage() {
  return (
    <EmptyState
      testId="settings"
      title="Vigil customer health"
      imageName="customerExperience"
      layout="horizontal"
    >
      <Flex direction="column" gap="small">
        <Text>
          Vigil scores every customer company: health, touch tier and churn risk, written to the "Customer
          health (Vigil)" company properties and shown on the company record.
        </Text>
        <Text>Tune the scoring weights, tiers and renewal pipelines in Vigil's dashboard.</Text>
        <Link testId="dashboard-settings" href={DASHBOARD_SETTINGS_URL}>
          Open scoring settings
        </Link>
      </Flex>
    </EmptyState>
  );
}

hubspot.extend<'settings'>(() => <SettingsPage />);
