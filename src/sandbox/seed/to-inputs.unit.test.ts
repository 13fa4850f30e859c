import { describe, expect, it } from 'vitest';
import { generatePortal } from './generate.ts';
import { seedToInputs } from './to-inputs.ts';

describe('seedToInputs', () => {
  const now = Date.UTC(2026, 10, 1);
  const portal = generatePortal({ size: 'tiny', seed: 7, now });
  const inputs = seedToInputs(portal);

  it('gives one input per company, in order', () => {
    expect(inputs.map((i) => i.company.id)).toEqual(portal.companies.map((c) => c.id));
  });

  it('puts every deal and ticket under the company it is associated with', () => {
    const dealOwner = new Map(portal.dealCompany);
    const ticketOwner = new Map(portal.ticketCompany);
    let deals = 0;
    let tickets = 0;
    for (const input of inputs) {
      for (const d of input.deals) expect(dealOwner.get(d.id)).toBe(input.company.id);
      for (const t of input.tickets) expect(ticketOwner.get(t.id)).toBe(input.company.id);
      deals += input.deals.length;
      tickets += input.tickets.length;
    }
    expect(deals).toBe(portal.deals.length);
    expect(tickets).toBe(portal.tickets.length);
  });
});
