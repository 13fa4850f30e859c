/**
 * The card's English messages (ICU MessageFormat). The card runs in HubSpot's sandboxed
 * iframe and bundles its own catalogue; ja.ts has exactly these keys
 * (messages.unit.test.ts also checks arguments and that every key is used).
 */
export const en = {
  'card.loading': 'Loading customer health',
  'card.error.title': 'Customer health is unavailable',
  'card.error.retry': 'Try again',
  'card.error.unreachable': 'Vigil could not be reached',
  'card.error.status': 'Vigil answered {status}',
  'card.error.unreadable': 'Vigil sent an unreadable answer',
  'card.error.shape': 'Vigil sent an answer this card does not understand',
  'card.error.not_installed':
    'Vigil is not connected to this HubSpot account. An admin can install it from Vigil.',
  'card.error.bad_signature':
    "Vigil did not accept HubSpot's signature. Check the app's client secret in Vigil's settings.",
  'card.notScored.title': 'Not scored yet',
  'card.notScored.body':
    'Vigil has not scored this company yet. Scores appear after the first sync, or rescore it now.',
  'card.noHealth': 'No health score: none of its signals has data.',
  'card.status.healthy': 'Healthy',
  'card.status.neutral': 'Neutral',
  'card.status.at_risk': 'At risk',
  'card.change':
    '{direction, select, up {+{points, number} in 30 days} down {−{points, number} in 30 days} other {no change in 30 days}}',
  'card.thinData.title': 'Thin data',
  'card.thinData.body':
    'Only {share, number, percent} of the scoring weight had data for this company; treat the score as a first impression.',
  'card.tier.label': 'Touch tier',
  'card.tier.high': 'High touch',
  'card.tier.low': 'Low touch',
  'card.tier.tech': 'Tech touch',
  'card.ltv.label': 'Expected LTV',
  'card.ltv.unknown': 'unknown',
  'card.risk.label': 'Churn risk',
  'card.risk.level':
    '{level, select, low {Low} medium {Medium} high {High} other {Critical}} ({risk, number})',
  'card.owner.named': 'Owner: {name}',
  'card.owner.unnamed': 'Owner: unknown (ID {id})',
  'card.owner.none': 'No owner',
  'card.reasons.none': 'No churn warning signs.',
  'card.history.none': 'The trend appears after the next score change.',
  'card.history.date': 'Date',
  'card.history.health': 'Health',
  'card.scoredAt': 'Last scored {ago}',
  'card.ago.now': 'just now',
  'card.rescore.idle': 'Rescore now',
  'card.rescore.sending': 'Asking Vigil…',
  'card.rescore.queued': 'Rescoring…',
  'card.rescore.failed': 'Rescore failed, try again',
  'card.link.dashboard': 'Open in Vigil',
  'card.link.settings': 'Scoring settings',
} as const;

export type CardMessageKey = keyof typeof en;
