/**
 * Walks the marketplace install as a browser would, against Vigil and the sandbox's
 * authorize page: install → HubSpot's consent (the sandbox picks `portalId`) → callback
 * with the state cookie. Returns the callback's status; for benches and demos.
 */
export async function installThroughOAuth(vigilUrl: string, portalId: number | string): Promise<number> {
  const start = await fetch(`${vigilUrl}/oauth/hubspot/install`, { redirect: 'manual' });
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const authorize = new URL(start.headers.get('location') ?? '');
  authorize.searchParams.set('portalId', String(portalId));
  const granted = await fetch(authorize, { redirect: 'manual' });
  const callback = granted.headers.get('location');
  if (callback === null) throw new Error(`the authorize page answered ${granted.status}`);
  const done = await fetch(callback, { headers: { cookie } });
  await done.arrayBuffer();
  return done.status;
}
