// Company websites as CRMs hold them — "https://www.Acme.com/about", "acme.com.", "ACME.COM:443" —
// reduced to one comparable host name, so a HubSpot `domain` and a Salesforce `Website` can be
// matched. Returns null for values that hold no host name.

export function normalizeDomain(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  let s = value.trim().toLowerCase();
  if (s === '') return null;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  s = s.replace(/^[^@/]*@/, '');
  s = s.split(/[/?#]/, 1)[0] ?? '';
  s = s
    .replace(/:\d+$/, '')
    .replace(/\.+$/, '')
    .replace(/^www\d*\./, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(s)) return null;
  return s;
}
