import type { CrmConnector, CrmObjectType } from '../connectors/types.ts';
import type { LinkedView } from './linked-store.ts';

/**
 * The connector of a linked install, reading its own CRM's properties: the engine derives the
 * property list from the config it is given — for a linked install the merged mapping, whose
 * canonical names no CRM has — so reads ask the linked view instead. Unlinked installs read what
 * the engine asks for. Everything else is the connector itself — its optional calls too: a
 * wrapper without `accountDetails` left every `vigil start` portal in USD/UTC whatever the CRM's
 * company currency, and without `readOwners` with owner ids instead of names.
 */
export function linkedConnector(connector: CrmConnector, installId: string, view: LinkedView): CrmConnector {
  const own = async (type: CrmObjectType, asked: readonly string[]) =>
    (await view.readProperties(installId, type)) ?? asked;
  return {
    kind: connector.kind,
    accountId: connector.accountId,
    maxWriteBatch: connector.maxWriteBatch,
    provision: (...args: Parameters<CrmConnector['provision']>) => connector.provision(...args),
    readAll: async (type, properties, cursor) => connector.readAll(type, await own(type, properties), cursor),
    readChanged: async (type, properties, since, cursor) =>
      connector.readChanged(type, await own(type, properties), since, cursor),
    readRemoved: (...args: Parameters<CrmConnector['readRemoved']>) => connector.readRemoved(...args),
    writeCompanies: (...args: Parameters<CrmConnector['writeCompanies']>) =>
      connector.writeCompanies(...args),
    writeTimeline: (...args: Parameters<CrmConnector['writeTimeline']>) => connector.writeTimeline(...args),
    callStats: (...args: Parameters<CrmConnector['callStats']>) => connector.callStats(...args),
    ...optionalCalls(connector),
  };
}

/** The connector's optional calls, bound to it, where it has them (absent stays absent). */
function optionalCalls(connector: CrmConnector): Partial<CrmConnector> {
  const out: Partial<CrmConnector> = {};
  if (connector.accountDetails !== undefined) out.accountDetails = () => connector.accountDetails!();
  if (connector.readOwners !== undefined) out.readOwners = () => connector.readOwners!();
  if (connector.disconnect !== undefined) out.disconnect = () => connector.disconnect!();
  if (connector.readCompanyHistory !== undefined)
    out.readCompanyHistory = (ids, properties) => connector.readCompanyHistory!(ids, properties);
  if (connector.readCompanyValues !== undefined)
    out.readCompanyValues = (...args) => connector.readCompanyValues!(...args);
  if (connector.syncWarnings !== undefined) out.syncWarnings = () => connector.syncWarnings!();
  return out;
}
