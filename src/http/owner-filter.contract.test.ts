import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../test/support/databases.ts';
import { companiesQuerySchema } from './schemas.ts';
import { storeReadModel } from './store-read-model.ts';

/** Five scored companies, three owners with names and one the CRM gave none. */
async function seed(db: Parameters<Parameters<typeof forEachDatabase>[1]>[0], accountId: string) {
  const install = await createTestInstall(db.store, { accountId });
  await db.store.owners.replaceAll(install.id, [
    { id: '101', name: '佐藤 花子', email: null },
    { id: '102', name: 'Max Mustermann', email: null },
    { id: '103', name: 'Maxine Sato', email: null },
  ]);
  await db.store.pool.query(
    `INSERT INTO company_scores (install_id, company_id, name, owner, health, status, confidence, risk, risk_level,
       reasons, top_reason, tier, expected_ltv, arr, breakdown, scored_at, config_version)
     SELECT $1, 'c' || i, 'Company ' || i, o, 50, 'neutral', 1, 10 * i, 'low', '{}'::text[], NULL, 'low', NULL,
       1000, '{}'::jsonb, now(), 0
     FROM unnest(ARRAY[1, 2, 3, 4, 5], ARRAY['101', '102', '103', '104', NULL]) AS t(i, o)`,
    [install.id],
  );
  return install.id;
}

forEachDatabase('at-risk list filtered by owner name', (db) => {
  const owners = async (installId: string, ownerName: string) => {
    const query = companiesQuerySchema.parse({ ownerName });
    const page = await storeReadModel(db.store).companies(installId, query);
    return page.items.map((c) => c.owner).sort();
  };

  it('matches part of a name in any case, Japanese names included', async () => {
    const id = await seed(db, 'owner-filter-1');
    expect(await owners(id, 'max')).toEqual(['102', '103']);
    expect(await owners(id, 'MUSTER')).toEqual(['102']);
    expect(await owners(id, 'sato')).toEqual(['103']);
    expect(await owners(id, '佐藤')).toEqual(['101']);
    expect(await owners(id, '  花子 ')).toEqual(['101']);
  });

  it('finds an owner without a name by its id, and nothing for a name nobody has', async () => {
    const id = await seed(db, 'owner-filter-2');
    expect(await owners(id, '104')).toEqual(['104']);
    expect(await owners(id, 'Tanaka')).toEqual([]);
  });

  it('rejects an empty or overlong name with the field named', () => {
    expect(companiesQuerySchema.safeParse({ ownerName: '   ' }).error?.issues[0]?.path).toEqual([
      'ownerName',
    ]);
    expect(companiesQuerySchema.safeParse({ ownerName: 'x'.repeat(101) }).success).toBe(false);
  });
});
