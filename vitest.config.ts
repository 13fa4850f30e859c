import { defineConfig } from 'vitest/config';

// One project per test tier, so a tier can run on its own (`npm run test:unit`)
// and the whole suite runs with `npm test`. Tests live next to what they prove and
// say their tier in their name: *.unit.test.ts, *.contract.test.ts, *.e2e.test.ts,
// *.browser.test.ts; the security suite attacks a running Vigil (test/security).
export default defineConfig({
  resolve: {
    alias: {
      // The package's public entry, as outside users import it.
      vigil: new URL('./src/index.ts', import.meta.url).pathname,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{src,test,scripts,webhooks}/**/*.unit.test.ts', 'extensions/**/*.unit.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          include: ['{src,test,webhooks}/**/*.contract.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['src/**/*.e2e.test.ts', 'test/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'security',
          include: ['test/security/**/*.security.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [
            'src/**/*.browser.test.ts',
            'test/**/*.browser.test.ts',
            'extensions/**/*.browser.test.ts',
          ],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
