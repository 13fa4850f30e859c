import { expect, it } from 'vitest';
import { createTestInstall, forEachDatabase } from '../../../test/support/databases.ts';

forEachDatabase('portal locale and owners', (db) => {
  it('defaults to English, USD and UTC, then keeps what is saved field by field', async () => {
    const i = await createTestInstall(db.store, { accountId: 'locale-1' });
    expect(await db.store.portalLocale.get(i.id)).toEqual({
      language: 'en',
      currency: 'USD',
      timeZone: 'UTC',
      confirmedAt: null,
    });
    // HubSpot's account details answer legacy zone links such as US/Eastern.
    await db.store.portalLocale.update(i.id, { timeZone: 'US/Eastern' });
    await db.store.portalLocale.update(i.id, { currency: 'jpy', timeZone: 'Asia/Tokyo' });
    const ja = await db.store.portalLocale.update(i.id, { language: 'ja', confirmed: true });
    expect(ja).toMatchObject({ language: 'ja', currency: 'JPY', timeZone: 'Asia/Tokyo' });
    expect(ja.confirmedAt).toBeTypeOf('number');
    // Confirming again keeps the first confirmation's time.
    const again = await db.store.portalLocale.update(i.id, { confirmed: true });
    expect(again.confirmedAt).toBe(ja.confirmedAt);
  });

  it('rejects a currency or time zone that does not exist, saying which', async () => {
    const i = await createTestInstall(db.store, { accountId: 'locale-2' });
    await expect(db.store.portalLocale.update(i.id, { currency: 'YEN' })).rejects.toThrow(/ISO 4217/);
    await expect(db.store.portalLocale.update(i.id, { timeZone: 'Tokyo' })).rejects.toThrow(/IANA/);
  });

  it('replaces the owners whole and finds them by part of their name', async () => {
    const i = await createTestInstall(db.store, { accountId: 'owners-1' });
    await db.store.owners.replaceAll(i.id, [
      { id: '101', name: '佐藤 花子', email: 'hanako@example.jp' },
      { id: '102', name: 'Max 100% Mustermann', email: null },
    ]);
    expect(await db.store.owners.names(i.id, ['101', '999'])).toEqual(new Map([['101', '佐藤 花子']]));
    expect(await db.store.owners.idsByName(i.id, '佐藤')).toEqual(['101']);
    expect(await db.store.owners.idsByName(i.id, '100%')).toEqual(['102']);
    expect(await db.store.owners.idsByName(i.id, '%')).toEqual(['102']);
    await db.store.owners.replaceAll(i.id, [{ id: '102', name: 'Max Mustermann', email: null }]);
    expect(await db.store.owners.names(i.id)).toEqual(new Map([['102', 'Max Mustermann']]));
  });
});
