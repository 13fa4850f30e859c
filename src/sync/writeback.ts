import type { CompanyUpdate, WriteOutcome } from '../connectors/types.ts';
import { checkpoint, progress, type RunContext, resumeCursor } from './context.ts';
import type { Phase } from './run-state.ts';
import { vigilProperties, withScoredAt } from './writeback/properties.ts';

/**
 * Writes the Vigil properties back, only where they differ from what was last written
 * (the ledger keeps the last written values per company). Full runs scan the whole
 * book, incremental runs the companies they scored or re-tiered. Writes go in batches
 * of the connector's maxWriteBatch (HubSpot batch update: 100); each record's outcome
 * is recorded on its own — a bad record never fails its batch, and a failed write stays
 * pending in the ledger, so the next run retries it.
 */
export async function writeBack(ctx: RunContext, next: Phase): Promise<void> {
  const { store } = ctx.deps;
  const { installId } = ctx.state;
  const stats = ctx.state.stats;
  let cursor = resumeCursor(ctx, 'writeback');
  const touched = stats.scanAll ? null : [...stats.touched].sort();
  const size = Math.max(1, ctx.deps.connector.maxWriteBatch);
  // Updates wait here until a whole batch is ready, so a run spends ⌈changed / 100⌉ calls
  // whatever the scan batch. Each remembers where its scan batch began: the checkpoint
  // never moves past an update that isn't written yet.
  const buffer: Array<{ update: CompanyUpdate; scannedFrom: string | null }> = [];
  for (;;) {
    const ids =
      touched === null
        ? await store.mirror.allCompanyIds(installId, cursor, ctx.batchSize)
        : touched.filter((id) => cursor === null || id > cursor).slice(0, ctx.batchSize);
    if (ids.length === 0) break;
    const current = await store.scores.current(installId, ids);
    const desired = new Map<string, Record<string, string>>();
    const scoredAt = new Map<string, number>();
    for (const c of current) {
      desired.set(c.companyId, vigilProperties(c));
      scoredAt.set(c.companyId, c.scoredAt);
    }
    for (const u of await store.ledger.pending(installId, desired)) {
      const properties = withScoredAt(u.properties, scoredAt.get(u.companyId) ?? stats.asOf);
      if (Object.keys(properties).length > 0) {
        buffer.push({ update: { companyId: u.companyId, properties }, scannedFrom: cursor });
      }
    }
    while (buffer.length >= size)
      await writeUpdates(
        ctx,
        buffer.splice(0, size).map((b) => b.update),
      );
    cursor = ids[ids.length - 1]!;
    // null is a real position (the start), so no `??` here.
    const first = buffer[0];
    await checkpoint(ctx, 'writeback', first === undefined ? cursor : first.scannedFrom);
    progress(ctx, 'writeback', null);
  }
  if (buffer.length > 0)
    await writeUpdates(
      ctx,
      buffer.map((b) => b.update),
    );
  await checkpoint(ctx, next, null);
}

async function writeUpdates(ctx: RunContext, updates: readonly CompanyUpdate[]): Promise<void> {
  const { store, connector, logger } = ctx.deps;
  const stats = ctx.state.stats;
  const size = Math.max(1, connector.maxWriteBatch);
  for (let i = 0; i < updates.length; i += size) {
    const chunk = updates.slice(i, i + size);
    const outcomes: WriteOutcome[] = await connector.writeCompanies(chunk);
    await store.ledger.recordWritten(ctx.state.installId, chunk, outcomes);
    for (let j = 0; j < outcomes.length; j++) {
      const o = outcomes[j]!;
      if (o.ok) {
        stats.companiesWritten++;
        stats.propertiesWritten += Object.keys(chunk[j]?.properties ?? {}).length;
      } else {
        stats.writeFailures++;
        logger.warn(
          {
            installId: ctx.state.installId,
            companyId: o.companyId,
            code: o.error?.code,
            retryable: o.error?.retryable,
          },
          'company write-back failed',
        );
      }
    }
  }
}
