import type pg from 'pg';
import { sql } from '../db.ts';

/** A CRM user who owns records (HubSpot owner, Salesforce user), by the id records carry. */
export interface CrmOwner {
  id: string;
  name: string;
  email: string | null;
}

export function createOwnersRepo(pool: pg.Pool) {
  return {
    /**
     * Replaces the install's owners with this list in one statement: owners removed from
     * the CRM disappear, so a name is never shown for an id the CRM no longer knows.
     */
    async replaceAll(installId: string, owners: readonly CrmOwner[]): Promise<void> {
      await sql(
        pool,
        `WITH incoming AS (
           SELECT * FROM jsonb_to_recordset($2::jsonb) AS o(id text, name text, email text)
         ), gone AS (
           DELETE FROM crm_owners c WHERE c.install_id = $1 AND NOT EXISTS (SELECT 1 FROM incoming i WHERE i.id = c.id)
         )
         INSERT INTO crm_owners (install_id, id, name, email, refreshed_at)
         SELECT $1, id, name, email, now() FROM incoming
         ON CONFLICT (install_id, id) DO UPDATE SET name = excluded.name, email = excluded.email,
           refreshed_at = excluded.refreshed_at`,
        [installId, JSON.stringify(owners)],
        { operation: 'owners.replaceAll', installId, count: owners.length },
      );
    },

    /** Owner names by id, for the ids asked (unknown ids are absent from the map). */
    async names(installId: string, ids?: readonly string[]): Promise<Map<string, string>> {
      const r = await sql<{ id: string; name: string }>(
        pool,
        ids === undefined
          ? `SELECT id, name FROM crm_owners WHERE install_id = $1 ORDER BY name`
          : `SELECT id, name FROM crm_owners WHERE install_id = $1 AND id = ANY($2::text[]) ORDER BY name`,
        ids === undefined ? [installId] : [installId, ids],
        { operation: 'owners.names', installId },
      );
      return new Map(r.rows.map((row) => [row.id, row.name]));
    },

    /** The ids of owners whose name contains `text` (case-insensitive), for a filter by name. */
    async idsByName(installId: string, text: string): Promise<string[]> {
      const r = await sql<{ id: string }>(
        pool,
        `SELECT id FROM crm_owners WHERE install_id = $1 AND name ILIKE '%' || $2 || '%' ORDER BY id`,
        [installId, text.replace(/[\\%_]/g, (c) => `\\${c}`)],
        { operation: 'owners.idsByName', installId },
      );
      return r.rows.map((row) => row.id);
    },
  };
}

export type OwnersRepo = ReturnType<typeof createOwnersRepo>;
