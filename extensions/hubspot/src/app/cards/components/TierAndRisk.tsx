import { DescriptionList, DescriptionListItem, List, StatusTag, Text } from '@hubspot/ui-extensions';
import type { CardScore, Tier } from '../definition/card-response.ts';
import type { CardMessageKey } from '../i18n/en.ts';
import { useCardI18n } from '../i18n/translator.ts';
import { RISK_VARIANT } from '../utils/format.ts';

const TIER_TEXT: Record<Tier, CardMessageKey> = {
  high: 'card.tier.high',
  low: 'card.tier.low',
  tech: 'card.tier.tech',
};

/**
 * The touch tier with the expected LTV behind it (in the portal's currency), and churn
 * risk with its top reasons (sentences Vigil wrote in the portal's language).
 */
export function TierAndRisk({ score, currency }: { score: CardScore; currency: string }) {
  const i18n = useCardI18n();
  const { t } = i18n;
  return (
    <>
      <DescriptionList direction="row">
        <DescriptionListItem label={t('card.tier.label')}>
          <Text testId="tier">{t(TIER_TEXT[score.tier])}</Text>
        </DescriptionListItem>
        <DescriptionListItem label={t('card.ltv.label')}>
          <Text testId="expected-ltv">
            {score.expectedLtv === null ? t('card.ltv.unknown') : i18n.money(score.expectedLtv, currency)}
          </Text>
        </DescriptionListItem>
        <DescriptionListItem label={t('card.risk.label')}>
          <StatusTag testId="risk-level" variant={RISK_VARIANT[score.riskLevel]}>
            {t('card.risk.level', { level: score.riskLevel, risk: Math.round(score.risk) })}
          </StatusTag>
        </DescriptionListItem>
      </DescriptionList>
      {score.reasons.length === 0 ? (
        <Text testId="no-reasons">{t('card.reasons.none')}</Text>
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
