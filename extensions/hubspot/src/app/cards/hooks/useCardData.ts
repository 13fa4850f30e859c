import { useCallback, useEffect, useRef, useState } from 'react';
import type { CardResponse } from '../definition/card-response.ts';
import type { CardMessageKey } from '../i18n/en.ts';
import { CardApiError, type CardClient } from '../utils/card-client.ts';

export type CardDataState =
  | { status: 'loading' }
  | { status: 'error'; message: CardMessageKey; httpStatus: number | null }
  | { status: 'ready'; data: CardResponse };

/**
 * Loads the company's card data. A request counter drops stale answers: when the record
 * changes or a reload starts before the previous answer came back, only the latest
 * request may set the state.
 */
export function useCardData(client: CardClient, companyId: string) {
  const [state, setState] = useState<CardDataState>({ status: 'loading' });
  const latest = useRef(0);

  const load = useCallback(
    async (quiet: boolean) => {
      const request = ++latest.current;
      if (!quiet) setState({ status: 'loading' });
      try {
        const data = await client.company(companyId);
        if (request === latest.current) setState({ status: 'ready', data });
      } catch (err) {
        if (request !== latest.current) return;
        setState(
          err instanceof CardApiError
            ? { status: 'error', message: err.key, httpStatus: err.status }
            : { status: 'error', message: 'card.error.unreachable', httpStatus: null },
        );
      }
    },
    [client, companyId],
  );

  useEffect(() => {
    void load(false);
  }, [load]);

  return { state, reload: (quiet = false) => load(quiet) };
}
