import type { CompanyUpdate, WriteOutcome } from '../connectors/types.ts';
import { checkpoint, progress, type RunContext, resumeCursor } from './context.ts';
import type { Phase } from './run-state.ts';
import { settleInDoubt } from './writeback/in-doubt.ts';
import { vigilProperties, withScoredAt } from './writeback/properties.ts';

/** Write batches queued behind the one being sent, at most: bounds memory to a few batches. */
const WRITES_AHEAD = 3;

/**
 * Writes the Vigil properties back, only where they differ from what was last written
 * (the ledger keeps the last written values per company). Full runs scan the whole
 * book, incremental runs the companies they scored or re-tiered. Writes go in batches
 * of the connector's maxWriteBatch (HubSpot batch update: 100) while the scan goes on,
 * so the database work hides behind the rate-limited calls; each record's outcome is
 * recorded on its own — a bad record never fails its batch, and a failed write stays
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
  // Batches handed to the writer and not yet recorded, oldest first, with their completion.
  const queued: Array<{
    batch: Array<{ update: CompanyUpdate; scannedFrom: string | null }>;
    done: Promise<void>;
  }> = [];
  // Writes, ledger updates and checkpoints run one after another on this chain, so the
  // checkpoints it saves only move forward.
  let chain: Promise<void> = Promise.resolve();
  let failure = null as { error: unknown } | null;
  const enqueue = (task: () => Promise<void>): Promise<void> => {
    chain = chain.then(() => (failure === null ? task() : undefined));
    chain.catch((error: unknown) => {
      failure ??= { error };
    });
    return chain;
  };
  // Where a resumed run must scan from: the oldest update not yet written, else the scan's end.
  const position = (): string | null => {
    const first = queued[0]?.batch[0] ?? buffer[0];
    return first === undefined ? cursor : first.scannedFrom;
  };
  const send = (batch: Array<{ update: CompanyUpdate; scannedFrom: string | null }>): void => {
    const entry = { batch, done: Promise.resolve() };
    queued.push(entry);
    entry.done = enqueue(async () => {
      // Recorded before the call: if this process dies after the CRM took the batch and before
      // its outcome is recorded, the resumed run checks the CRM instead of writing it again.
      await store.ledger.recordIntent(
        installId,
        batch.map((b) => b.update),
      );
      await writeUpdates(
        ctx,
        batch.map((b) => b.update),
      );
      queued.shift();
      await checkpoint(ctx, 'writeback', position());
      progress(ctx, 'writeback', null);
    });
  };

  for (;;) {
    if (failure !== null) break;
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
    const updates: CompanyUpdate[] = [];
    for (const u of await store.ledger.pending(installId, desired)) {
      const properties = withScoredAt(u.properties, scoredAt.get(u.companyId) ?? stats.asOf);
      if (Object.keys(properties).length > 0) updates.push({ companyId: u.companyId, properties });
    }
    for (const update of await settleInDoubt(ctx, updates)) buffer.push({ update, scannedFrom: cursor });
    cursor = ids[ids.length - 1]!;
    let sent = false;
    for (; buffer.length >= size; sent = true) send(buffer.splice(0, size));
    // With nothing to write, the scan's progress is saved on the same chain.
    if (!sent) void enqueue(() => checkpoint(ctx, 'writeback', position()));
    // Scan ahead of the writer by a few batches at most.
    while (queued.length > WRITES_AHEAD && failure === null) await settled(queued[0]!.done);
  }
  if (failure === null && buffer.length > 0) send(buffer.splice(0));
  await chain;
  if (failure !== null) throw failure.error;
  await checkpoint(ctx, next, null);
}

/** Waits for a promise without rethrowing (the chain's failure is read separately). */
async function settled(p: Promise<unknown>): Promise<void> {
  await p.then(
    () => undefined,
    () => undefined,
  );
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
