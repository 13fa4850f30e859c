/**
 * A write batch that an org's Apex trigger cannot finish: triggers run once per chunk of up to 200
 * records, and the CPU time they spend grows with the chunk, so a busy trigger exceeds the
 * transaction's CPU limit ("Execution Governors and Limits": 10 s synchronous) and Salesforce rolls
 * the chunk back, answering each record with the trigger's uncatchable LimitException — as
 * "<Trigger>: System.LimitException: Apex CPU time limit exceeded" (the message as Salesforce
 * reports it, e.g. SFDO-Community/declarative-lookup-rollup-summaries#357). The same records in
 * smaller batches fit.
 *
 * So the records refused for the CPU limit are sent again in smaller batches: half the size each
 * time a batch is still refused, and once a size goes through, the rest at that size — about
 * log2(n) refused calls plus n / (the size that fits) saved ones, not the 2n a halving of every
 * half costs when the trigger fails whatever the size. Two bounds keep a trigger that never fits
 * from spending the org's API allocation: a record refused alone keeps its error (a smaller batch
 * cannot help), and at most MAX_EXTRA_CALLS calls follow the first; records not yet sent again then
 * keep their CPU-limit error, reported per record like any other refusal (the next sync sends them
 * again).
 */
export const MAX_EXTRA_CALLS = 16;

export interface SaveResultLike {
  readonly success: boolean;
  readonly errors: ReadonlyArray<{
    readonly statusCode?: string | undefined;
    readonly message?: string | undefined;
  }>;
}

export function isCpuLimit(result: SaveResultLike): boolean {
  return !result.success && result.errors.some((e) => /Apex CPU time limit exceeded/i.test(e.message ?? ''));
}

export async function saveSplittingOnCpuLimit<T, R extends SaveResultLike>(
  records: readonly T[],
  send: (batch: readonly T[]) => Promise<readonly R[]>,
): Promise<R[]> {
  const results = [...(await send(records))];
  // Indexes of the records still refused for the CPU limit, in order.
  let pending = results.flatMap((r, i) => (isCpuLimit(r) ? [i] : []));
  if (records.length <= 1 || pending.length === 0) return results;
  let size = Math.ceil(pending.length / 2);
  let extra = 0;
  while (pending.length > 0 && extra < MAX_EXTRA_CALLS) {
    const part = pending.slice(0, size);
    const retried = await send(part.map((i) => records[i]!));
    extra++;
    part.forEach((i, j) => {
      results[i] = retried[j]!;
    });
    const refused = part.filter((i) => isCpuLimit(results[i]!));
    if (refused.length > 0 && size > 1) {
      // Still too large: the refused ones go first again, at half the size.
      pending = [...refused, ...pending.slice(size)];
      size = Math.ceil(size / 2);
    } else {
      // Saved (or refused alone, which keeps its error): the rest at this size.
      pending = pending.slice(size);
    }
  }
  return results;
}
