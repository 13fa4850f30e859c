import { Alert, Flex, ScoreCircle, StatusTag, Text } from '@hubspot/ui-extensions';
import type { CardScore, HealthStatus } from '../definition/card-response.ts';
import type { CardMessageKey } from '../i18n/en.ts';
import { useCardI18n } from '../i18n/translator.ts';
import { changeValues, STATUS_VARIANT } from '../utils/format.ts';

const STATUS_TEXT: Record<HealthStatus, CardMessageKey> = {
  healthy: 'card.status.healthy',
  neutral: 'card.status.neutral',
  at_risk: 'card.status.at_risk',
};

/** Health as a score circle with its status and 30-day change; a note when the data is thin. */
export function ScoreSummary({ score }: { score: CardScore }) {
  const { t } = useCardI18n();
  const change = changeValues(score.change30d);
  return (
    <Flex direction="column" gap="small">
      <Flex direction="row" gap="medium" align="center">
        {score.health === null ? (
          <Text testId="no-health">{t('card.noHealth')}</Text>
        ) : (
          <ScoreCircle testId="health-score" score={Math.round(score.health)} />
        )}
        <Flex direction="column" gap="extra-small">
          {score.status !== null && (
            <StatusTag testId="health-status" variant={STATUS_VARIANT[score.status]}>
              {t(STATUS_TEXT[score.status])}
            </StatusTag>
          )}
          {change !== null && <Text testId="health-change">{t('card.change', change)}</Text>}
        </Flex>
      </Flex>
      {score.lowConfidence && (
        <Alert testId="low-confidence" title={t('card.thinData.title')} variant="warning">
          {t('card.thinData.body', { share: score.confidence })}
        </Alert>
      )}
    </Flex>
  );
}
