import type { CrmObjectType } from '../connectors/types.ts';
import type { ScoringConfig, ScoringMapping } from '../domain/config/schema.ts';
import type { CompanyInput } from '../domain/records.ts';
import type { TierInput } from '../domain/tiers/assign.ts';
import type { SyncStore } from '../sync/deps.ts';
import { CHURN_RATE_KEY } from '../sync/portfolio.ts';
import { type CrossCrmStore, type InstallLink, partnerOf, sideOf } from './links.ts';
import { DEFAULT_PRECEDENCE, type MergePrecedence, mergeCompanyInput, mergedMapping } from './merge.ts';
import { ownReadProperties } from './read-properties.ts';
import { rematch } from './rematch.ts';

/**
 * One health view for a customer on both CRMs, as a decorator around the sync's store: the engine
 * runs each install as it always does, and for a linked install this view
 * - hands it every company merged with its match on the other side (mergeCompanyInput), under one
 *   mapping (mergedMapping) and the HubSpot install's scoring settings — so both sides compute the
 *   same score, each writes it to its own CRM, and each keeps its own timeline entries;
 * - passes the other side's book churn rate along (the Salesforce side uses the HubSpot side's), and
 *   ranks tiers over the whole customer base (its own customers plus the other side's unmatched
 *   ones), so expected LTV and tier agree too;
 * - marks the matched record on the other side dirty whenever a change dirties one here, and redoes
 *   the matches when company records changed (lazily, at the next load);
 * - reads and mirrors each CRM's own properties (the engine asks for the merged mapping's names).
 * Installs without a link pass straight through.
 */
export interface LinkedStoreOptions {
  readonly precedence?: MergePrecedence;
  /** How long a link and the installs' configs are remembered (default 10 s). */
  readonly cacheMs?: number;
  readonly now?: () => number;
}

export interface LinkedView {
  readonly store: SyncStore;
  /** The properties an install reads from its CRM; null when the install has no link. */
  readProperties(installId: string, type: CrmObjectType): Promise<string[] | null>;
}

interface Linked {
  link: InstallLink;
  side: 'hubspot' | 'salesforce';
  partner: string;
}

export function linkedSyncStore(
  inner: SyncStore,
  cross: CrossCrmStore,
  options: LinkedStoreOptions = {},
): LinkedView {
  const precedence = options.precedence ?? DEFAULT_PRECEDENCE;
  const now = options.now ?? Date.now;
  const ttl = options.cacheMs ?? 10_000;
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit !== undefined && now() - hit.at < ttl) return hit.value as Promise<T>;
    const value = load();
    value.catch(() => cache.delete(key));
    cache.set(key, { at: now(), value });
    return value;
  }
  const linkOf = (installId: string) =>
    cached(`link:${installId}`, async (): Promise<Linked | null> => {
      const link = await cross.linkOf(installId);
      return link === null
        ? null
        : { link, side: sideOf(link, installId), partner: partnerOf(link, installId) };
    });
  const configOf = (installId: string) =>
    cached(`config:${installId}`, () => inner.configs.current(installId));
  const mappingsOf = async (link: InstallLink) => {
    const [hubspot, salesforce] = await Promise.all([
      configOf(link.hubspotInstallId),
      configOf(link.salesforceInstallId),
    ]);
    return { hubspot: hubspot.config.mapping, salesforce: salesforce.config.mapping };
  };
  const ownMapping = async (l: Linked): Promise<ScoringMapping> => (await mappingsOf(l.link))[l.side];

  async function propagate(l: Linked, affected: readonly string[]): Promise<void> {
    const pairs = await cross.matchesOf(l.link.id, l.side, affected);
    const ids = pairs.map((p) => (l.side === 'hubspot' ? p.accountId : p.companyId));
    if (ids.length > 0) await cross.markDirty(l.partner, ids);
  }

  async function loadMerged(l: Linked, installId: string, ids: readonly string[], opts: { now?: number }) {
    const mappings = await mappingsOf(l.link);
    if (await cross.claimStale(l.link.id)) await rematch(cross, l.link, mappings, { installId, ids });
    const own = await inner.mirror.loadInputs(installId, ids, opts);
    const pairs = await cross.matchesOf(l.link.id, l.side, ids);
    const partnerOfId = new Map(
      pairs.map((p) => (l.side === 'hubspot' ? [p.companyId, p.accountId] : [p.accountId, p.companyId])),
    );
    const partners = await inner.mirror.loadInputs(l.partner, [...partnerOfId.values()], opts);
    const partnerInput = new Map(partners.map((p) => [p.company.id, p]));
    return own.map((input): CompanyInput => {
      const id = partnerOfId.get(input.company.id);
      const other = id === undefined ? null : (partnerInput.get(id) ?? null);
      const pair =
        l.side === 'hubspot' ? { hubspot: input, salesforce: other } : { hubspot: other, salesforce: input };
      return mergeCompanyInput(pair, mappings, precedence, { id: input.company.id });
    });
  }

  async function mergedConfig(l: Linked, own: { version: number; config: ScoringConfig }) {
    const hubspot = l.side === 'hubspot' ? own : await configOf(l.link.hubspotInstallId);
    const mapping = mergedMapping(await mappingsOf(l.link), precedence);
    let tiers = hubspot.config.tiers;
    if (l.side === 'salesforce' && tiers.annualChurnRate === null) {
      // The HubSpot side measures the book's churn; both sides value lifetimes with it.
      const raw = await inner.cursors.get(l.link.hubspotInstallId, CHURN_RATE_KEY);
      const rate = raw === null || raw === '' ? Number.NaN : Number(raw);
      if (Number.isFinite(rate) && rate >= 0) tiers = { ...tiers, annualChurnRate: rate };
    }
    return { version: own.version, config: { ...hubspot.config, tiers, mapping } };
  }

  const foreign = new Map<string, Set<string>>();

  const store: SyncStore = {
    ...inner,
    mirror: {
      ...inner.mirror,
      async upsert(installId, records, upsertOptions) {
        const l = await linkOf(installId);
        if (l === null) return inner.mirror.upsert(installId, records, upsertOptions);
        const mapping = await ownMapping(l);
        const properties = {
          company: ownReadProperties('company', mapping, l.side),
          deal: ownReadProperties('deal', mapping, l.side),
          ticket: ownReadProperties('ticket', mapping, l.side),
        };
        const saved = await inner.mirror.upsert(installId, records, { properties });
        if (saved.written > 0 && records.some((r) => r.type === 'company')) await cross.markStale(l.link.id);
        await propagate(l, saved.affectedCompanyIds);
        return saved;
      },
      async remove(installId, removals) {
        const l = await linkOf(installId);
        const affected = await inner.mirror.remove(installId, removals);
        if (l === null) return affected;
        if (removals.some((r) => r.type === 'company')) await cross.markStale(l.link.id);
        await propagate(l, [...affected, ...removals.filter((r) => r.type === 'company').map((r) => r.id)]);
        return affected;
      },
      async loadInputs(installId, ids, loadOptions) {
        const l = await linkOf(installId);
        if (l === null) return inner.mirror.loadInputs(installId, ids, loadOptions);
        return loadMerged(l, installId, ids, loadOptions ?? {});
      },
    },
    scores: {
      ...inner.scores,
      async tierInputs(installId): Promise<TierInput[]> {
        const own = await inner.scores.tierInputs(installId);
        const l = await linkOf(installId);
        if (l === null) return own;
        const partnerSide = l.side === 'hubspot' ? 'salesforce' : 'hubspot';
        const unmatched = new Set(await cross.unmatchedIds(l.link.id, l.partner, partnerSide));
        const others = (await inner.scores.tierInputs(l.partner)).filter((t) => unmatched.has(t.companyId));
        foreign.set(installId, new Set(others.map((t) => t.companyId)));
        return [...own, ...others];
      },
      async updateTiers(installId, tiers) {
        const skip = foreign.get(installId);
        if (skip === undefined || skip.size === 0) return inner.scores.updateTiers(installId, tiers);
        return inner.scores.updateTiers(installId, new Map([...tiers].filter(([id]) => !skip.has(id))));
      },
    },
    configs: {
      async current(installId) {
        const own = await inner.configs.current(installId);
        const l = await linkOf(installId);
        return l === null ? own : mergedConfig(l, own);
      },
    },
  };

  return {
    store,
    async readProperties(installId, type) {
      const l = await linkOf(installId);
      return l === null ? null : ownReadProperties(type, await ownMapping(l), l.side);
    },
  };
}
