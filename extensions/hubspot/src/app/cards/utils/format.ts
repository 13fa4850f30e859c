import type { HealthStatus, RiskLevel } from '../definition/card-response.ts';

/** Colours for the card's tags; the words come from the catalogue (../i18n). */
export const STATUS_VARIANT: Record<HealthStatus, 'success' | 'warning' | 'danger'> = {
  healthy: 'success',
  neutral: 'warning',
  at_risk: 'danger',
};
export const RISK_VARIANT: Record<RiskLevel, 'success' | 'warning' | 'danger'> = {
  low: 'success',
  medium: 'warning',
  high: 'danger',
  critical: 'danger',
};

/** The 30-day change as the catalogue's `card.change` arguments; null when unknown. */
export function changeValues(
  change: number | null,
): { direction: 'up' | 'down' | 'none'; points: number } | null {
  if (change === null) return null;
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return { direction: 'none', points: 0 };
  return { direction: rounded > 0 ? 'up' : 'down', points: Math.abs(rounded) };
}
