import { LineChart, Text } from '@hubspot/ui-extensions';
import type { CardHistoryPoint } from '../definition/card-response.ts';
import { useCardI18n } from '../i18n/translator.ts';

/** A small line of health over time; a sentence until there are two points to draw. */
export function HistoryChart({ history }: { history: CardHistoryPoint[] }) {
  const { t } = useCardI18n();
  const points = history
    .filter((p): p is { at: number; health: number } => p.health !== null)
    .map((p) => ({ date: new Date(p.at).toISOString(), health: p.health }));
  if (points.length < 2) return <Text testId="no-history">{t('card.history.none')}</Text>;
  return (
    <LineChart
      testId="history"
      data={points}
      axes={{
        x: { field: 'date', fieldType: 'datetime', label: t('card.history.date') },
        y: { field: 'health', fieldType: 'linear', label: t('card.history.health') },
      }}
      options={{ showLegend: false, showTooltips: true }}
    />
  );
}
