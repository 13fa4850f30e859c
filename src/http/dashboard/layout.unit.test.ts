import { describe, expect, it } from 'vitest';
import { html } from './html.ts';
import { page } from './layout.ts';

const body = html`<h1>x</h1>`;

describe('page shell', () => {
  it('has no portal switcher with one portal', () => {
    const out = page({
      title: 'Portfolio',
      active: 'portfolio',
      body,
      portals: { current: 'a', all: [{ id: 'a', crm: 'hubspot', accountId: '123' }] },
    });
    expect(out).not.toContain('aria-label="Portal"');
  });

  it('lists every connected portal, marks the open one, and keeps links on it', () => {
    const out = page({
      title: 'Portfolio',
      active: 'portfolio',
      body,
      installId: 'b',
      portals: {
        current: 'b',
        all: [
          { id: 'a', crm: 'hubspot', accountId: '123' },
          { id: 'b', crm: 'salesforce', accountId: '00D5g' },
        ],
      },
    });
    expect(out).toContain('<nav class="portals" aria-label="Portal">');
    expect(out).toContain('<a href="/?installId=a">HubSpot portal 123</a>');
    expect(out).toContain('<a href="/?installId=b" aria-current="true">Salesforce org 00D5g</a>');
    expect(out).toContain('href="/at-risk?installId=b"');
  });
});
