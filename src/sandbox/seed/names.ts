import type { Rng } from './rng.ts';

// Names, domains and cross-CRM ids. Company names combine word lists; a counter per base name keeps
// every domain unique, since HubSpot deduplicates companies by domain.

const FIRST = [
  'Acme',
  'Northwind',
  'Blue',
  'Silver',
  'Bright',
  'Red',
  'Green',
  'Swift',
  'Clear',
  'Iron',
  'Nova',
  'Polar',
  'Summit',
  'Harbor',
  'Cedar',
  'Granite',
  'Lumen',
  'Vertex',
  'Orbit',
  'Pioneer',
  'Atlas',
  'Beacon',
  'Crest',
  'Delta',
  'Ember',
  'Falcon',
  'Golden',
  'Horizon',
  'Indigo',
  'Juniper',
  'Keystone',
  'Lakeside',
  'Maple',
  'Noble',
  'Oak',
  'Pine',
  'Quartz',
  'River',
  'Sage',
  'Tidal',
  'Union',
  'Valley',
  'West',
  'Zephyr',
] as const;
const SECOND = [
  'Labs',
  'Systems',
  'Analytics',
  'Logistics',
  'Health',
  'Foods',
  'Robotics',
  'Media',
  'Capital',
  'Energy',
  'Software',
  'Works',
  'Networks',
  'Dynamics',
  'Partners',
  'Retail',
  'Bio',
  'Cloud',
  'Data',
  'Freight',
  'Studio',
  'Security',
  'Learning',
  'Finance',
  'Motors',
  'Solar',
  'Legal',
  'Travel',
  'Insights',
  'Supply',
] as const;
const SUFFIX = ['', '', '', ' Inc', ' Ltd', ' GmbH', ' LLC', ' Group', ' SA', ' BV'] as const;
const TLD = ['com', 'com', 'com', 'io', 'co', 'de', 'fr', 'co.uk', 'nl', 'net'] as const;

export function createNameRegistry() {
  const seen = new Map<string, number>();
  return (rng: Rng): { name: string; domain: string } => {
    const first = rng.pick(FIRST);
    const second = rng.pick(SECOND);
    const base = `${first}${second}`.toLowerCase();
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const ordinal = count === 1 ? '' : String(count);
    const name = `${first} ${second}${ordinal === '' ? '' : ` ${ordinal}`}${rng.pick(SUFFIX)}`;
    return { name, domain: `${base}${ordinal}.${rng.pick(TLD)}` };
  };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * An 18-character Salesforce Account id: key prefix 001, a pod-like prefix, a unique counter in
 * base 62, then Salesforce's case-safe suffix (one character per 5-character chunk whose bits flag
 * the upper-case letters).
 */
export function salesforceAccountId(counter: number): string {
  let digits = '';
  let rest = counter;
  for (let i = 0; i < 6; i++) {
    digits = BASE62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  }
  const id15 = `0015g0000${digits}`;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charCodeAt(chunk * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return id15 + suffix;
}

export const TICKET_SUBJECTS = [
  'Cannot log in after password reset',
  'Export to CSV times out',
  'Invoice shows wrong seat count',
  'SSO configuration question',
  'Dashboard loads slowly',
  'Add users to workspace',
  'API returns 500 on sync',
  'Feature request: custom fields',
  'Data missing after import',
  'How do I set up alerts?',
  'Billing address change',
  'Integration disconnected',
  'Report totals do not match',
  'Mobile app crashes',
  'Need training for new team',
  'Permissions not applied',
  'Webhook deliveries failing',
  'Cancel add-on',
] as const;

export const OWNER_IDS = ['71843210', '71843211', '71843212', '71843213', '71843214', '71843215'] as const;
