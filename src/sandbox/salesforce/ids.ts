// Salesforce record ids: a 3-character key prefix naming the sObject type, an instance/pod part,
// a base-62 counter (15 case-sensitive characters), then the case-safe 3-character suffix the REST
// API always returns (18 characters): each suffix character encodes which of 5 characters in its
// chunk are upper-case ("What is the 18-character record Id?", Salesforce Help).

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Key prefixes of the sObjects the sandbox serves (Salesforce's standard ones). */
export const KEY_PREFIX = {
  Account: '001',
  Contact: '003',
  Opportunity: '006',
  Case: '500',
  Task: '00T',
  Event: '00U',
  User: '005',
  Organization: '00D',
  // Not relied on by Vigil (it never parses prefixes); the sandbox's own choice for currency types.
  CurrencyType: '02E',
  PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa',
  AccountHistory: '017',
  UserPermissionAccess: '0Up',
  TaskStatus: '01J',
  CustomField: '00N',
  QueryLocator: '01g',
  BulkJob: '750',
} as const;

/** The case-safe suffix of a 15-character id. */
export function checksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charCodeAt(chunk * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return suffix;
}

/** An 18-character id: prefix (3) + pod '5g0000' (6, as the seed's account ids) + counter in base 62 (6). */
export function recordId(prefix: string, counter: number, pod = '5g0000'): string {
  let digits = '';
  let rest = counter;
  for (let i = 0; i < 6; i++) {
    digits = BASE62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  }
  const id15 = `${prefix}${pod}${digits}`.slice(0, 15);
  return id15 + checksum(id15);
}

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;

/**
 * The 18-character form of a 15- or 18-character id, or null when it is not an id (Salesforce
 * answers MALFORMED_ID). An 18-character id whose suffix does not match is malformed too.
 */
export function normalizeId(id: string): string | null {
  if (!ID_PATTERN.test(id)) return null;
  const id15 = id.slice(0, 15);
  const full = id15 + checksum(id15);
  return id.length === 18 && id !== full ? null : full;
}
