/**
 * `npm run lint` must be clean: ESLint over what eslint.config.mjs covers (today addin/office/,
 * with eslint-plugin-office-addins' load/sync rules), run through its Node API so `npm test`
 * and CI fail on a lint error.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

describe('lint', () => {
  it('eslint finds no problem in the linted folders', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['.']);
    const linted = results.map((r) => path.relative(root, r.filePath));
    expect(linted).toContain(path.join('addin', 'office', 'excelPort.ts'));
    const problems = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? ''} ${m.message}`));
    expect(problems).toEqual([]);
  }, 120_000);
});
