import type { CompanyUpdate } from '../../connectors/types.ts';
import type { RunContext } from '../context.ts';

/**
 * A batch the CRM accepted just before its worker died, with the ledger not yet told, must not
 * be written a second time when the run resumes. Each batch's values are recorded as an intent
 * before it is sent (ledger.recordIntent); a company whose intent was never settled is in doubt.
 * Of the updates about to be queued, those in doubt are read back from the CRM, and the ones it
 * already holds are recorded as written instead of sent. A connector that cannot read values
 * back (none today) falls back to sending: the values are the same, only the call is repeated.
 *
 * Returns the updates still to send.
 */
export async function settleInDoubt(
  ctx: RunContext,
  updates: readonly CompanyUpdate[],
): Promise<CompanyUpdate[]> {
  const { store, connector, logger } = ctx.deps;
  const { installId } = ctx.state;
  if (updates.length === 0 || connector.readCompanyValues === undefined) return [...updates];
  const doubt = await store.ledger.inDoubt(
    installId,
    updates.map((u) => u.companyId),
  );
  if (doubt.size === 0) return [...updates];
  const checked = updates.filter((u) => doubt.has(u.companyId));
  const names = [...new Set(checked.flatMap((u) => Object.keys(u.properties)))].sort();
  const held = new Map<string, Record<string, string | null>>();
  const size = Math.max(1, connector.maxWriteBatch);
  for (let i = 0; i < checked.length; i += size) {
    const ids = checked.slice(i, i + size).map((u) => u.companyId);
    for (const [id, values] of await connector.readCompanyValues(ids, names)) held.set(id, values);
  }
  const there = checked.filter((u) => {
    const current = held.get(u.companyId);
    return (
      current !== undefined &&
      Object.entries(u.properties).every(([k, v]) => sameCrmValue(v, current[k] ?? null))
    );
  });
  if (there.length > 0) {
    await store.ledger.recordWritten(
      installId,
      there,
      there.map((u) => ({ companyId: u.companyId, ok: true })),
    );
  }
  logger.info(
    { installId, inDoubt: checked.length, alreadyWritten: there.length },
    'write-back: writes of an interrupted run checked against the CRM',
  );
  const skip = new Set(there.map((u) => u.companyId));
  return updates.filter((u) => !skip.has(u.companyId));
}

/**
 * Whether the CRM's value is the one Vigil wrote. HubSpot hands values back in its own form:
 * an empty string is no value (null), a number may lose or gain trailing zeros ("72.50" →
 * "72.5"), and a datetime comes back as ISO 8601 whatever form it was written in (epoch ms or
 * ISO) — CRM properties guide, "Property types". Anything else must match exactly.
 */
export function sameCrmValue(wanted: string, held: string | null): boolean {
  if (held === wanted) return true;
  if (held === null || held === '') return wanted === '';
  if (wanted === '') return false;
  const a = Number(wanted);
  const b = Number(held);
  if (Number.isFinite(a) && Number.isFinite(b)) {
    // Two numbers, or an epoch-ms datetime against another one.
    if (a === b) return true;
  }
  const isoLike = /^\d{4}-\d{2}-\d{2}T/;
  if (isoLike.test(wanted) || isoLike.test(held)) {
    const ta = isoLike.test(wanted) ? Date.parse(wanted) : a;
    const tb = isoLike.test(held) ? Date.parse(held) : b;
    return Number.isFinite(ta) && ta === tb;
  }
  return false;
}
