import type { HealthStatus, RiskLevel, Tier } from '../definition/card-response.ts';

/** Labels and formats the card shows; pure, so the components stay presentation only. */
export const STATUS_LABEL: Record<HealthStatus, string> = {
  healthy: 'Healthy',
  neutral: 'Neutral',
  at_risk: 'At risk',
};
export const STATUS_VARIANT: Record<HealthStatus, 'success' | 'warning' | 'danger'> = {
  healthy: 'success',
  neutral: 'warning',
  at_risk: 'danger',
};
export const TIER_LABEL: Record<Tier, string> = { high: 'High touch', low: 'Low touch', tech: 'Tech touch' };
export const RISK_LABEL: Record<RiskLevel, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
export const RISK_VARIANT: Record<RiskLevel, 'success' | 'warning' | 'danger'> = {
  low: 'success',
  medium: 'warning',
  high: 'danger',
  critical: 'danger',
};

export function formatMoney(value: number | null): string {
  if (value === null) return 'unknown';
  if (Math.abs(value) >= 1_000_000) return `$${(value / 1_000_000).toFixed(1)}M`;
  if (Math.abs(value) >= 10_000) return `$${Math.round(value / 1_000)}k`;
  return `$${Math.round(value).toLocaleString('en-US')}`;
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "+6.5 in 30 days", "−3 in 30 days", "no change in 30 days"; null when unknown. */
export function formatChange(change: number | null): string | null {
  if (change === null) return null;
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return 'no change in 30 days';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)} in 30 days`;
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function formatAgo(at: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  return `${days} days ago`;
}
