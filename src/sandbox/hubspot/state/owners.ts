import { OWNER_IDS } from '../../seed/names.ts';

/**
 * The portal's owners (HubSpot users who own records), as `GET /crm/v3/owners` returns
 * them (PublicOwner in @hubspot/api-client: id, email, firstName, lastName, userId,
 * createdAt, updatedAt, archived, type). The seed's records carry OWNER_IDS; a yen portal's
 * team has Japanese names. Kept beside the portal, keyed by the portal object.
 */
export interface SandboxOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  archived: boolean;
}

export const US_NAMES: Array<[string, string]> = [
  ['Avery', 'Brooks'],
  ['Jordan', 'Lee'],
  ['Sam', 'Patel'],
  ['Riley', 'Chen'],
  ['Morgan', 'Diaz'],
  ['Casey', 'Nguyen'],
];
export const JA_NAMES: Array<[string, string]> = [
  ['花子', '佐藤'],
  ['翔太', '鈴木'],
  ['美咲', '高橋'],
  ['大輔', '田中'],
  ['陽菜', '伊藤'],
  ['健一', '渡辺'],
];

const owners = new WeakMap<object, SandboxOwner[]>();

export function seedOwners(portal: object, japanese: boolean): void {
  const names = japanese ? JA_NAMES : US_NAMES;
  owners.set(
    portal,
    OWNER_IDS.map((id, i) => ({
      id,
      email: `owner${i + 1}@example.com`,
      firstName: names[i]![0],
      lastName: names[i]![1],
      userId: 9_000_000 + i,
      archived: false,
    })),
  );
}

export function ownersOf(portal: object): SandboxOwner[] {
  return owners.get(portal) ?? [];
}
