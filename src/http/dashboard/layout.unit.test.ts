import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/index.ts';
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

describe('page shell in the reader language', () => {
  it('speaks Japanese with a Japanese translator, and offers the switch to English', () => {
    const out = page({ title: 'x', active: 'at-risk', body, installId: 'i1', tr: translator('ja') });
    expect(out).toContain('<html lang="ja">');
    expect(out).toContain('aria-current="page">リスクのある顧客</a>');
    expect(out).toContain('>サインアウト</button>');
    expect(out).toContain('href="?lang=en&amp;installId=i1" lang="en">English</a>');
    expect(out).toContain('aria-current="true" lang="ja">日本語</a>');
  });

  it('stays English without one', () => {
    const out = page({ title: 'x', active: 'at-risk', body });
    expect(out).toContain('<html lang="en">');
    expect(out).toContain('aria-current="page">At risk</a>');
  });
});
