import { sql, transaction } from '../store/db.ts';
import type { Store } from '../store/open.ts';
import type { CompanyKeys, CrossCrmStore, InstallLink } from './links.ts';
import type { MatchPair } from './match.ts';

// The cross-CRM tables (migration 1767398400000_install-links.sql) over the store's pool, with the
// store's error handling (`sql` turns driver errors into StoreErrors with context).

interface LinkRow {
  id: string;
  hubspot_install_id: string;
  salesforce_install_id: string;
}

interface MatchRow {
  company_id: string;
  account_id: string;
  matched_by: MatchPair['by'];
}

const toLink = (r: LinkRow): InstallLink => ({
  id: r.id,
  hubspotInstallId: r.hubspot_install_id,
  salesforceInstallId: r.salesforce_install_id,
});
const toPair = (r: MatchRow): MatchPair => ({
  companyId: r.company_id,
  accountId: r.account_id,
  by: r.matched_by,
});

export function crossCrmStoreOf(store: Pick<Store, 'pool' | 'mirror'>): CrossCrmStore {
  const pool = store.pool;
  return {
    async linkOf(installId) {
      const r = await sql<LinkRow>(
        pool,
        `SELECT id, hubspot_install_id, salesforce_install_id FROM install_links
         WHERE hubspot_install_id = $1 OR salesforce_install_id = $1`,
        [installId],
        { operation: 'links.linkOf', installId },
      );
      const row = r.rows[0];
      return row === undefined ? null : toLink(row);
    },

    async link(hubspotInstallId, salesforceInstallId) {
      // A reconnected org or portal replaces the old link of either install.
      return transaction(pool, { operation: 'links.link', installId: hubspotInstallId }, async (c) => {
        await sql(
          c,
          `DELETE FROM install_links
           WHERE (hubspot_install_id = $1 AND salesforce_install_id <> $2)
              OR (salesforce_install_id = $2 AND hubspot_install_id <> $1)`,
          [hubspotInstallId, salesforceInstallId],
          { operation: 'links.link' },
        );
        await sql(
          c,
          `INSERT INTO install_links (hubspot_install_id, salesforce_install_id) VALUES ($1, $2)
           ON CONFLICT (hubspot_install_id) DO NOTHING`,
          [hubspotInstallId, salesforceInstallId],
          { operation: 'links.link' },
        );
        const r = await sql<LinkRow>(
          c,
          `SELECT id, hubspot_install_id, salesforce_install_id FROM install_links WHERE hubspot_install_id = $1`,
          [hubspotInstallId],
          { operation: 'links.link' },
        );
        return toLink(r.rows[0]!);
      });
    },

    async markStale(linkId) {
      await sql(pool, `UPDATE install_links SET stale = true WHERE id = $1 AND NOT stale`, [linkId], {
        operation: 'links.markStale',
      });
    },

    async claimStale(linkId) {
      const r = await sql(
        pool,
        `UPDATE install_links SET stale = false, matched_at = now() WHERE id = $1 AND stale RETURNING id`,
        [linkId],
        { operation: 'links.claimStale' },
      );
      return (r.rowCount ?? 0) > 0;
    },

    async matches(linkId) {
      const r = await sql<MatchRow>(
        pool,
        `SELECT company_id, account_id, matched_by FROM crm_matches WHERE link_id = $1 ORDER BY company_id`,
        [linkId],
        { operation: 'links.matches' },
      );
      return r.rows.map(toPair);
    },

    async matchesOf(linkId, side, ids) {
      if (ids.length === 0) return [];
      const column = side === 'hubspot' ? 'company_id' : 'account_id';
      const r = await sql<MatchRow>(
        pool,
        `SELECT company_id, account_id, matched_by FROM crm_matches
         WHERE link_id = $1 AND ${column} = ANY($2::text[])`,
        [linkId, [...ids]],
        { operation: 'links.matchesOf' },
      );
      return r.rows.map(toPair);
    },

    async replaceMatches(linkId, pairs) {
      await transaction(pool, { operation: 'links.replaceMatches' }, async (c) => {
        await sql(c, `DELETE FROM crm_matches WHERE link_id = $1`, [linkId], {
          operation: 'links.replaceMatches',
        });
        if (pairs.length === 0) return;
        await sql(
          c,
          `INSERT INTO crm_matches (link_id, company_id, account_id, matched_by)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
          [linkId, pairs.map((p) => p.companyId), pairs.map((p) => p.accountId), pairs.map((p) => p.by)],
          { operation: 'links.replaceMatches' },
        );
      });
    },

    async companyKeys(installId, properties) {
      const r = await sql<{ id: string; domain: string | null; linked_id: string | null }>(
        pool,
        `SELECT id,
                CASE WHEN $2::text IS NULL THEN NULL ELSE properties ->> $2::text END AS domain,
                CASE WHEN $3::text IS NULL THEN NULL ELSE properties ->> $3::text END AS linked_id
         FROM companies WHERE install_id = $1 AND NOT archived ORDER BY id`,
        [installId, properties.domain, properties.linkedId],
        { operation: 'links.companyKeys', installId },
      );
      return r.rows.map((row): CompanyKeys => ({ id: row.id, domain: row.domain, linkedId: row.linked_id }));
    },

    async unmatchedIds(linkId, installId, side) {
      const column = side === 'hubspot' ? 'company_id' : 'account_id';
      const r = await sql<{ id: string }>(
        pool,
        `SELECT c.id FROM companies c
         WHERE c.install_id = $2 AND NOT c.archived
           AND NOT EXISTS (SELECT 1 FROM crm_matches m WHERE m.link_id = $1 AND m.${column} = c.id)
         ORDER BY c.id`,
        [linkId, installId],
        { operation: 'links.unmatchedIds', installId },
      );
      return r.rows.map((row) => row.id);
    },

    markDirty: (installId, ids) => store.mirror.markDirty(installId, ids),
  };
}
