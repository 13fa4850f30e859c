import {
  type CardResponse,
  type CardScore,
  type HEALTH_STATUSES,
  LOW_CONFIDENCE,
  MAX_REASONS,
  type RISK_LEVELS,
  type TIERS,
} from '../../../extensions/hubspot/src/app/cards/definition/card-response.ts';
import type { RiskLevel } from '../../domain/churn/risk.ts';
import type { Tier } from '../../domain/config/schema.ts';
import type { HealthStatus } from '../../domain/health/score.ts';
import type { CompanyScoreRow, HistoryPoint } from '../../store/index.ts';

// The card's unions are the scoring core's, in both directions: a value added to either
// side without the other fails the type check here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameStatus: Same<(typeof HEALTH_STATUSES)[number], HealthStatus> = true;
const sameTier: Same<(typeof TIERS)[number], Tier> = true;
const sameLevel: Same<(typeof RISK_LEVELS)[number], RiskLevel> = true;
export const CONTRACT_MATCHES = sameStatus && sameTier && sameLevel;

export interface CardLinksInput {
  readonly dashboardUrl: string;
  /** The calling portal (from the signed request): the dashboard opens that portal's install. */
  readonly portalId: string;
  /** The portal's company currency (ISO 4217); amounts on the card are in it. */
  readonly currency: string;
  /** The name of the company's owner (Vigil's cache of HubSpot owners); absent or null when not known. */
  readonly ownerName?: string | null | undefined;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The card's view of one company's stored score; `row` null = not scored yet. */
export function toCardResponse(
  companyId: string,
  row: CompanyScoreRow | null,
  history: readonly HistoryPoint[],
  links: CardLinksInput,
): CardResponse {
  const base = links.dashboardUrl.replace(/\/+$/, '');
  // The dashboard's own paths (src/http/dashboard/routes/pages.ts); `?portalId=` picks this
  // portal among the session's installs, and survives the sign-in redirect (`next`).
  const portal = `portalId=${encodeURIComponent(links.portalId)}`;
  const cardLinks = {
    dashboard: `${base}/companies/${encodeURIComponent(companyId)}?${portal}`,
    settings: `${base}/settings?${portal}`,
  };
  const currency = links.currency;
  if (row === null) return { state: 'not_scored', companyId, currency, links: cardLinks };
  const score: CardScore = {
    health: row.health === null ? null : round1(row.health),
    status: row.status,
    change30d: row.change30d === null ? null : round1(row.change30d),
    confidence: row.confidence,
    lowConfidence: row.confidence < LOW_CONFIDENCE,
    tier: row.tier,
    expectedLtv: row.expectedLtv === null ? null : Math.round(row.expectedLtv),
    arr: row.arr === null ? null : Math.round(row.arr),
    risk: round1(row.risk),
    riskLevel: row.riskLevel,
    reasons: row.reasonsDetail.slice(0, MAX_REASONS).map((r) => ({ code: r.code, sentence: r.sentence })),
    history: history.map((h) => ({ at: h.at, health: h.health === null ? null : round1(h.health) })),
    scoredAt: row.scoredAt,
    // A blank owner property (a cleared owner) means nobody owns it: the card says so.
    ownerId: row.owner === null || row.owner === '' ? null : row.owner,
    ownerName: row.owner === null || row.owner === '' ? null : links.ownerName || null,
  };
  return { state: 'scored', companyId, currency, score, links: cardLinks };
}
