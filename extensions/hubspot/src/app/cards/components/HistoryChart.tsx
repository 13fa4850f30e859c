import { LineChart, Text } from '@hubspot/ui-extensions';
import type { CardHistoryPoint } from '../definition/card-response.ts';

/** A small line of health over time; a sentence until there are two points to draw. */
export function HistoryChart({ history }: { history: CardHistoryPoint[] }) {
  const points = history
    .filter((p): p is { at: number; health: number } => p.health !== null)
    .map((p) => ({ date: new Date(p.at).toISOString(), health: p.health }));
  if (points.length < 2)
    return <Text testId="no-history">The trend appears after the next score change.</Text>;
  return (
    <LineChart
      testId="history"
      data={points}
      axes={{
        x: { field: 'date', fieldType: 'datetime', label: 'Date' },
        y: { field: 'health', fieldType: 'linear', label: 'Health' },
      }}
      options={{ showLegend: false, showTooltips: true }}
    />
  );
}
