import { EmptyState, Flex, hubspot, Link, Text } from '@hubspot/ui-extensions';
import { settingsMessages } from './messages.ts';

/**
 * The app's settings page in HubSpot. Scoring is tuned in Vigil's dashboard (weights,
 * curves, tier thresholds, which pipeline means renewal), where admins see the effect on
 * their book before saving; this page says so and links there, so there is one place to
 * change settings and no second copy to drift.
 */
export const DASHBOARD_SETTINGS_URL = 'https://vigil.example.com/settings';

/** `locale`: the HubSpot user's (`context.user.locale`); English when absent. */
export function SettingsPage({ locale }: { locale?: string | undefined }) {
  const m = settingsMessages(locale);
  return (
    <EmptyState
      testId="settings"
      title={m['settings.title']}
      imageName="customerExperience"
      layout="horizontal"
    >
      <Flex direction="column" gap="small">
        <Text>{m['settings.what']}</Text>
        <Text>{m['settings.where']}</Text>
        <Link testId="dashboard-settings" href={DASHBOARD_SETTINGS_URL}>
          {m['settings.open']}
        </Link>
      </Flex>
    </EmptyState>
  );
}

hubspot.extend<'settings'>(({ context }) => (
  <SettingsPage locale={context.user.locale ?? context.user.language} />
));
