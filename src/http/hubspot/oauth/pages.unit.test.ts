import express from 'express';
import { describe, expect, it } from 'vitest';
import { assetRoutes } from '../../dashboard/routes/assets.ts';
import { listen } from '../../server.ts';
import { failedPage, INSTALL_CSS, installedPage } from './pages.ts';

// The front door's CSP (style-src 'self') refuses inline styles: the install pages link a
// stylesheet Vigil serves itself, and that file exists under the dashboard's assets.
describe('install pages', () => {
  it('carry no inline style and link the install stylesheet', () => {
    const pages = [
      installedPage({ portalId: '42', reinstall: false, dashboardUrl: 'http://127.0.0.1:9/' }),
      failedPage('Nope', 'It failed.', 'http://127.0.0.1:9/oauth/hubspot/install', null),
    ];
    for (const page of pages) {
      expect(page).not.toMatch(/<style|\sstyle=/i);
      expect(page).toContain(`<link rel="stylesheet" href="${INSTALL_CSS}">`);
    }
  });

  it('have their stylesheet served as CSS', async () => {
    const http = await listen(express().use(assetRoutes()), 0);
    try {
      const res = await fetch(`${http.url}${INSTALL_CSS}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/css/);
      expect(await res.text()).toContain('max-width: 36rem');
    } finally {
      await http.close();
    }
  });
});
