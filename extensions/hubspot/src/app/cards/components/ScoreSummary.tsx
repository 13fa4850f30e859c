import { Alert, Flex, ScoreCircle, StatusTag, Text } from '@hubspot/ui-extensions';
import type { CardScore } from '../definition/card-response.ts';
import { formatChange, formatPercent, STATUS_LABEL, STATUS_VARIANT } from '../utils/format.ts';

/** Health as a score circle with its status and 30-day change; a note when the data is thin. */
export function ScoreSummary({ score }: { score: CardScore }) {
  const change = formatChange(score.change30d);
  return (
    <Flex direction="column" gap="small">
      <Flex direction="row" gap="medium" align="center">
        {score.health === null ? (
          <Text testId="no-health">No health score: none of its signals has data.</Text>
        ) : (
          <ScoreCircle testId="health-score" score={Math.round(score.health)} />
        )}
        <Flex direction="column" gap="extra-small">
          {score.status !== null && (
            <StatusTag testId="health-status" variant={STATUS_VARIANT[score.status]}>
              {STATUS_LABEL[score.status]}
            </StatusTag>
          )}
          {change !== null && <Text testId="health-change">{change}</Text>}
        </Flex>
      </Flex>
      {score.lowConfidence && (
        <Alert testId="low-confidence" title="Thin data" variant="warning">
          Only {formatPercent(score.confidence)} of the scoring weight had data for this company; treat the
          score as a first impression.
        </Alert>
      )}
    </Flex>
  );
}
