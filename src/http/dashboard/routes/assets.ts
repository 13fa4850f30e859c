import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';

/**
 * Static files of the dashboard, served by Vigil (never a CDN): its own CSS and scripts
 * from ../public, and uPlot from node_modules. Fixed names only — no path from the
 * request reaches the file system.
 */
const here = dirname(fileURLToPath(import.meta.url));
const publicDir = join(here, '..', 'public');
const uplotDir = dirname(createRequire(import.meta.url).resolve('uplot'));

const FILES: Record<string, string> = {
  'dashboard.css': join(publicDir, 'dashboard.css'),
  'install.css': join(publicDir, 'install.css'),
  'charts.js': join(publicDir, 'charts.js'),
  'settings.js': join(publicDir, 'settings.js'),
  'portal-locale.js': join(publicDir, 'portal-locale.js'),
  'page.js': join(publicDir, 'page.js'),
  'model.js': join(publicDir, 'model.js'),
  'uPlot.iife.min.js': join(uplotDir, 'uPlot.iife.min.js'),
  'uPlot.min.css': join(uplotDir, 'uPlot.min.css'),
};

export function assetRoutes(): Router {
  const router = Router();
  router.get('/dashboard/assets/:file', (req, res, next) => {
    const path = FILES[req.params['file'] ?? ''];
    if (path === undefined) {
      next();
      return;
    }
    res.sendFile(path, { maxAge: '1h' });
  });
  return router;
}
