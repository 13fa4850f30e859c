import { useCallback, useEffect, useRef, useState } from 'react';
import type { CardClient } from '../utils/card-client.ts';

export type RescoreState = 'idle' | 'sending' | 'queued' | 'failed';

/**
 * "Rescore now": asks Vigil to recompute the company, then reloads the card once the
 * recompute has had time to land (Vigil debounces for about a second, then scores).
 */
export function useRescore(
  client: CardClient,
  companyId: string,
  onDone: () => void,
  options: { refreshAfterMs?: number } = {},
) {
  const [state, setState] = useState<RescoreState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const rescore = useCallback(async () => {
    setState('sending');
    try {
      await client.rescore(companyId);
      setState('queued');
      timer.current = setTimeout(() => {
        setState('idle');
        onDone();
      }, options.refreshAfterMs ?? 4_000);
    } catch {
      setState('failed');
    }
  }, [client, companyId, onDone, options.refreshAfterMs]);
  return { state, rescore };
}
