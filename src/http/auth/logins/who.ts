import type { Install } from '../../../store/index.ts';

/**
 * Who a CRM sign-in speaks for: the installs of the portal or org the CRM vouched for, or
 * every install for an operator (VIGIL_OPERATOR_EMAILS). A user whose account has no active
 * install gets no session: there is nothing for them to see.
 */
export interface IdentifiedUser {
  readonly crm: 'hubspot' | 'salesforce';
  /** The HubSpot hub id or the Salesforce org id, as the CRM answered it. */
  readonly accountId: string;
  /** The user's e-mail as the CRM answered it; null when the CRM did not vouch for one. */
  readonly email: string | null;
}

export interface AccessDeps {
  readonly operatorEmails: readonly string[];
  readonly installs: { list(options: { status: 'active' }): Promise<Install[]> };
}

export type Who = { principal: string; installs: string[] | null };

export async function accessForUser(user: IdentifiedUser, deps: AccessDeps): Promise<Who | null> {
  const email = user.email?.trim().toLowerCase() ?? null;
  const principal = `${user.crm}:${email ?? `account ${user.accountId}`}`;
  if (email !== null && deps.operatorEmails.includes(email)) return { principal, installs: null };
  const installs = (await deps.installs.list({ status: 'active' }))
    .filter((i) => i.crm === user.crm && i.accountId === user.accountId)
    .map((i) => i.id);
  return installs.length === 0 ? null : { principal, installs };
}
