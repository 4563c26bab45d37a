/**
 * Two projects, every test file in exactly one (test/vitest.projects.ts lists them; test/build/projects.test.ts checks it):
 * - unit: unit and contract tests, run from the TypeScript sources with nothing built
 *   (`npm run test:unit`, seconds to a minute);
 * - e2e: what needs `npm run build` (the CLI and the reader workers from dist/, `serve` processes,
 *   webpack bundles in headless Chromium) or another program (LibreOffice, PostgreSQL) (`npm run test:e2e`).
 * `npm test` runs both.
 */
import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { E2E_FILES, TEST_FILES } from './vitest.projects';

const EXCLUDE = ['**/node_modules/**', 'dist/**'];

export default defineConfig({
  root: path.resolve(__dirname, '..'),
  test: {
    environment: 'node',
    testTimeout: 30000,
    hookTimeout: 120000,
    pool: 'forks',
    setupFiles: ['test/vitest.setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: TEST_FILES, exclude: [...EXCLUDE, ...E2E_FILES] } },
      { extends: true, test: { name: 'e2e', include: E2E_FILES, exclude: EXCLUDE } },
    ],
  },
});
