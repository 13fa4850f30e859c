import { DescriptionList, DescriptionListItem, List, StatusTag, Text } from '@hubspot/ui-extensions';
import type { CardScore } from '../definition/card-response.ts';
import { formatMoney, RISK_LABEL, RISK_VARIANT, TIER_LABEL } from '../utils/format.ts';

/** The touch tier with the expected LTV behind it, and churn risk with its top reasons. */
export function TierAndRisk({ score }: { score: CardScore }) {
  return (
    <>
      <DescriptionList direction="row">
        <DescriptionListItem label="Touch tier">
          <Text testId="tier">{TIER_LABEL[score.tier]}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Expected LTV">
          <Text testId="expected-ltv">{formatMoney(score.expectedLtv)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Churn risk">
          <StatusTag testId="risk-level" variant={RISK_VARIANT[score.riskLevel]}>
            {`${RISK_LABEL[score.riskLevel]} (${Math.round(score.risk)})`}
          </StatusTag>
        </DescriptionListItem>
      </DescriptionList>
      {score.reasons.length === 0 ? (
        <Text testId="no-reasons">No churn warning signs.</Text>
      ) : (
        <List testId="reasons" variant="unordered">
          {score.reasons.map((r) => (
            <Text key={r.code}>{r.sentence}</Text>
          ))}
        </List>
      )}
    </>
  );
}
