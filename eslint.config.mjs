// ESLint (v9 flat config). Today it covers the Office.js code, addin/office/ (the only code that
// touches `Office`/`Excel`): typescript-eslint's recommended rules plus eslint-plugin-office-addins'
// load/sync rules (a property read before load + sync, a sync missing after a load, syncs in
// loops). `npm run lint` runs it; test/lint.test.ts makes `npm test` fail when it is not clean.
// To lint more of the repository (issue 13), add its folders to LINTED and fix what it finds.
import officeAddins from 'eslint-plugin-office-addins';
import tseslint from 'typescript-eslint';

/** Folders linted with the TypeScript rules. */
export const LINTED = ['addin/office/**/*.ts'];

/** eslint-plugin-office-addins' rules about load and sync (its "recommended" also brings prettier, which this repo does not use). */
const OFFICE_RULES = {
  'office-addins/call-sync-after-load': 'error',
  'office-addins/call-sync-before-read': 'error',
  'office-addins/load-object-before-read': 'error',
  'office-addins/no-context-sync-in-loop': 'error',
  'office-addins/no-empty-load': 'error',
  'office-addins/no-navigational-load': 'error',
  'office-addins/no-office-initialize': 'error',
  'office-addins/test-for-null-using-isNullObject': 'error',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  {
    files: LINTED,
    extends: [tseslint.configs.recommended],
    plugins: { 'office-addins': officeAddins.default ?? officeAddins },
    rules: {
      ...OFFICE_RULES,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
