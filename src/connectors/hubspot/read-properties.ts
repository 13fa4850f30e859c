import type { ScoringMapping } from '../../domain/config/schema.ts';
import type { CrmObjectType } from '../types.ts';

/**
 * The properties to ask HubSpot for: exactly those the scoring mapping names (so an
 * admin's remapping changes what is read), plus what the sync itself needs — the
 * modification stamp, the creation date, and `hs_merged_object_ids` to see merges.
 * Asking for fewer properties makes every page lighter; asking for an unknown one is
 * harmless (HubSpot leaves it out).
 */
const ALWAYS: Record<CrmObjectType, readonly string[]> = {
  company: ['hs_lastmodifieddate', 'createdate', 'hs_merged_object_ids'],
  deal: ['hs_lastmodifieddate', 'createdate', 'hs_merged_object_ids'],
  ticket: ['hs_lastmodifieddate', 'createdate', 'hs_merged_object_ids'],
};

function named(values: ReadonlyArray<string | null | undefined>): string[] {
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

export function propertiesFor(type: CrmObjectType, mapping: ScoringMapping): string[] {
  let mapped: string[];
  if (type === 'company') {
    const c = mapping.company;
    mapped = named([
      c.name,
      c.domain,
      c.owner,
      c.createdAt,
      c.lastLogin,
      c.activeUsers,
      c.licensedSeats,
      c.featuresUsed,
      c.usageLast30d,
      c.usagePrev30d,
      c.nps,
      c.csat,
      ...c.lastContact,
      c.daysPaymentOverdue,
      c.failedPayments,
      c.onboardingStatus,
      // The lifecycle stage says who is a customer at all.
      'lifecyclestage',
    ]);
  } else if (type === 'deal') {
    const d = mapping.deal;
    mapped = named([d.amount, d.stage, d.closeDate, d.dealType, d.pipeline, d.isWon, d.isClosed, 'dealname']);
  } else {
    const t = mapping.ticket;
    mapped = named([
      t.priority,
      t.stage,
      t.createdAt,
      t.closedAt,
      t.isClosed,
      t.escalated,
      'hs_pipeline',
      'subject',
    ]);
  }
  return [...new Set([...mapped, ...ALWAYS[type]])].sort();
}
