// The installing user and hub domain the sandbox reports in token info (HubSpot reports the
// installing user's email and the portal's domain).

export const SANDBOX_USER = { id: 1, email: 'sandbox.user@example.com' } as const;

export function hubDomain(portalId: number): string {
  return `portal-${portalId}.sandbox`;
}
