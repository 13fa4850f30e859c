/**
 * Which official spec and path template describe a request path, for contract tests.
 * Paths with no spec in the shared collection (app events) map to null.
 */
const ROUTES: ReadonlyArray<readonly [RegExp, (m: RegExpMatchArray) => readonly [string, string]]> = [
  // The deals spec spells its paths with the type id (0-3).
  [
    /^\/crm\/v3\/objects\/(companies|deals|tickets|notes)(\/batch\/\w+|\/search|\/merge)?$/,
    (m) => [`424-v3-${m[1]}.json`, `/crm/v3/objects/${m[1] === 'deals' ? '0-3' : m[1]}${m[2] ?? ''}`],
  ],
  [
    /^\/crm\/v3\/properties\/\w+\/groups\/[\w-]+$/,
    () => ['145899-v3-properties.json', '/crm/v3/properties/{objectType}/groups/{groupName}'],
  ],
  [
    /^\/crm\/v3\/properties\/\w+\/groups$/,
    () => ['145899-v3-properties.json', '/crm/v3/properties/{objectType}/groups'],
  ],
  [
    /^\/crm\/v3\/properties\/\w+\/batch\/(\w+)$/,
    (m) => ['145899-v3-properties.json', `/crm/v3/properties/{objectType}/batch/${m[1]}`],
  ],
  [
    /^\/crm\/v3\/properties\/\w+\/[\w-]+$/,
    () => ['145899-v3-properties.json', '/crm/v3/properties/{objectType}/{propertyName}'],
  ],
  [
    /^\/crm\/v4\/associations\/\w+\/\w+\/batch\/read$/,
    () => ['130902-v4-associations.json', '/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read'],
  ],
  [/^\/oauth\/v1\/token$/, () => ['155908-v1-oauth.json', '/oauth/v1/token']],
];

export function specRoute(path: string): { file: string; template: string } | null {
  for (const [pattern, build] of ROUTES) {
    const m = path.match(pattern);
    if (m) {
      const [file, template] = build(m);
      return { file, template };
    }
  }
  return null;
}
