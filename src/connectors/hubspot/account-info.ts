import { z } from 'zod';
import type { HubSpotApi } from './api.ts';

/**
 * The portal's company currency and time zone, from `GET /account-info/v3/details`
 * (HubSpot API reference, "Retrieve account details"; companyCurrency and timeZone are
 * required fields of the response). Amounts Vigil shows and tier thresholds are in this
 * currency; dates are shown in this zone.
 */
export interface AccountDetails {
  portalId: number;
  companyCurrency: string;
  timeZone: string;
  uiDomain: string | null;
}

const detailsSchema = z.object({
  portalId: z.number().int(),
  companyCurrency: z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 currency code'),
  timeZone: z.string().min(1),
  uiDomain: z.string().optional(),
});

export async function readAccountDetails(api: HubSpotApi): Promise<AccountDetails> {
  const r = await api.raw(
    { endpoint: 'GET /account-info/v3/details', method: 'GET', safe: true },
    '/account-info/v3/details',
  );
  const parsed = detailsSchema.safeParse(r.data);
  if (!parsed.success) {
    throw new Error(
      `HubSpot account details (GET /account-info/v3/details) are not as documented: ${parsed.error.issues
        .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const d = parsed.data;
  return {
    portalId: d.portalId,
    companyCurrency: d.companyCurrency.toUpperCase(),
    timeZone: d.timeZone,
    uiDomain: d.uiDomain ?? null,
  };
}
