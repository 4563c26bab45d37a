/** Which test files are in which vitest project (test/vitest.config.ts; checked by test/build/projects.test.ts). */

/** Where test files are. */
export const TEST_FILES = ['test/**/*.test.ts', 'test/**/*.test.tsx'];

/**
 * The test files that need the build (dist/: the CLI, the reader worker pool of the server
 * harness, `serve` processes, the web bundles) or another program (LibreOffice, a PostgreSQL server). Everything else is a unit test.
 */
export const E2E_FILES = [
  'test/addin/e2e/taskpane.e2e.test.ts',
  'test/cli/help.test.ts',
  'test/cli/workbookCommands.test.ts',
  'test/console/e2e.test.ts',
  'test/console/setsRoute.test.ts',
  'test/documents/documents.test.ts',
  'test/documents/renderThread.test.ts',
  'test/documents/serveDocuments.test.ts',
  'test/export/consolidateCli.test.ts',
  'test/export/printLayout.test.ts',
  'test/portal/api.test.ts',
  'test/portal/e2e.test.ts',
  'test/portal/store.test.ts',
  'test/server/abuse.test.ts',
  'test/server/api.test.ts',
  'test/server/board.test.ts',
  'test/server/cli.test.ts',
  'test/server/config.test.ts',
  'test/server/earlyAnswers.test.ts',
  'test/server/intake.test.ts',
  'test/server/intakeRules.test.ts',
  'test/server/pgMigrate.test.ts',
  'test/server/pgServe.test.ts',
  'test/server/pgStore.test.ts',
  'test/server/reliability.test.ts',
  'test/server/slips.test.ts',
  'test/server/store.test.ts',
  'test/server/unitCodes.test.ts',
  'test/server/units.test.ts',
];
