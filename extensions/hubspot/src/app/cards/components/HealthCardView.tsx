import { Button, Divider, EmptyState, ErrorState, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { CardDataState } from '../hooks/useCardData.ts';
import type { RescoreState } from '../hooks/useRescore.ts';
import { useCardI18n } from '../i18n/translator.ts';
import { CardFooter } from './CardFooter.tsx';
import { HistoryChart } from './HistoryChart.tsx';
import { OwnerLine } from './OwnerLine.tsx';
import { ScoreSummary } from './ScoreSummary.tsx';
import { TierAndRisk } from './TierAndRisk.tsx';

export interface HealthCardViewProps {
  state: CardDataState;
  rescore: RescoreState;
  onRescore: () => void;
  onRetry: () => void;
  now: number;
}

/** The card's states: loading, error, not yet scored, scored (low confidence shown inside). */
export function HealthCardView({ state, rescore, onRescore, onRetry, now }: HealthCardViewProps) {
  const { t } = useCardI18n();
  if (state.status === 'loading') return <LoadingSpinner testId="loading" label={t('card.loading')} />;
  if (state.status === 'error') {
    return (
      <ErrorState testId="error" title={t('card.error.title')}>
        <Text>{t(state.message, { status: String(state.httpStatus ?? '') })}</Text>
        <Button testId="retry" size="xs" onClick={onRetry}>
          {t('card.error.retry')}
        </Button>
      </ErrorState>
    );
  }
  const data = state.data;
  if (data.state === 'not_scored') {
    return (
      <EmptyState
        testId="not-scored"
        title={t('card.notScored.title')}
        imageName="companies"
        layout="vertical"
      >
        <Text>{t('card.notScored.body')}</Text>
        <CardFooter scoredAt={null} now={now} rescore={rescore} onRescore={onRescore} links={data.links} />
      </EmptyState>
    );
  }
  const score = data.score;
  return (
    <Flex direction="column" gap="small">
      <ScoreSummary score={score} />
      <OwnerLine score={score} />
      <Divider />
      <TierAndRisk score={score} currency={data.currency} />
      <HistoryChart history={score.history} />
      <CardFooter
        scoredAt={score.scoredAt}
        now={now}
        rescore={rescore}
        onRescore={onRescore}
        links={data.links}
      />
    </Flex>
  );
}
