import { hubspot } from '@hubspot/ui-extensions';
import { useCallback, useMemo } from 'react';
import { HealthCardView } from './components/HealthCardView.tsx';
import { useCardData } from './hooks/useCardData.ts';
import { useRescore } from './hooks/useRescore.ts';
import { CardI18n, cardTranslator } from './i18n/translator.ts';
import { type CardClient, createCardClient, type Fetcher } from './utils/card-client.ts';

/**
 * The company health card (entry: wiring only). The hooks fetch through `hubspot.fetch`,
 * which signs each request for Vigil; the components only present.
 */
export function HealthCard(props: {
  companyId: string;
  client: CardClient;
  /** The HubSpot user's locale ("ja-JP", "en-US"); English when absent. */
  locale?: string | undefined;
  now?: () => number;
}) {
  const { state, reload } = useCardData(props.client, props.companyId);
  const refresh = useCallback(() => void reload(true), [reload]);
  const { state: rescore, rescore: requestRescore } = useRescore(props.client, props.companyId, refresh);
  return (
    <CardI18n.Provider value={cardTranslator(props.locale)}>
      <HealthCardView
        state={state}
        rescore={rescore}
        onRescore={() => void requestRescore()}
        onRetry={() => void reload()}
        now={(props.now ?? Date.now)()}
      />
    </CardI18n.Provider>
  );
}

function Extension(props: {
  companyId: string;
  portalId: number;
  locale: string | undefined;
  fetcher: Fetcher;
}) {
  // The portal goes along for `hs project dev`, whose proxy appends no portalId (endpoints.ts).
  const client = useMemo(
    () => createCardClient(props.fetcher, { portalId: props.portalId }),
    [props.fetcher, props.portalId],
  );
  return <HealthCard companyId={props.companyId} client={client} locale={props.locale} />;
}

hubspot.extend<'crm.record.sidebar'>(({ context }) => (
  <Extension
    companyId={String(context.crm.objectId)}
    portalId={context.portal.id}
    locale={context.user.locale ?? context.user.language}
    fetcher={hubspot.fetch}
  />
));
