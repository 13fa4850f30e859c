/**
 * A write batch that an org's Apex trigger cannot finish: triggers run once per chunk of up to 200
 * records, and the CPU time they spend grows with the chunk, so a busy trigger exceeds the
 * transaction's CPU limit ("Execution Governors and Limits": 10 s synchronous) and Salesforce rolls
 * the chunk back, answering each record with the trigger's uncatchable LimitException — as
 * "<Trigger>: System.LimitException: Apex CPU time limit exceeded" (the message as Salesforce
 * reports it, e.g. SFDO-Community/declarative-lookup-rollup-summaries#357). The same records in
 * smaller batches fit. So the records refused for the CPU limit are sent again in halves, down to
 * one; a record that still fails alone keeps its error.
 */
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
  if (records.length <= 1) return results;
  const again = results.flatMap((r, i) => (isCpuLimit(r) ? [i] : []));
  if (again.length === 0) return results;
  const half = Math.ceil(again.length / 2);
  for (const part of [again.slice(0, half), again.slice(half)]) {
    if (part.length === 0) continue;
    // Each half is smaller than the batch sent (records.length > 1), so this ends.
    const retried = await saveSplittingOnCpuLimit(
      part.map((i) => records[i]!),
      send,
    );
    part.forEach((i, j) => {
      results[i] = retried[j]!;
    });
  }
  return results;
}
