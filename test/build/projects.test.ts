/**
 * Every test file is in exactly one vitest project (test/vitest.config.ts, test/vitest.projects.ts): the e2e list names
 * existing test files, and no unit test uses what needs the build or another program (the CLI or
 * the reader worker from dist/, a `serve` process, a browser, LibreOffice, a PostgreSQL cluster).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_FILES, TEST_FILES } from '../vitest.projects';

const root = path.resolve(__dirname, '../..');

/** What only an e2e test may use: a path into dist/ or a helper that starts built code or a program. */
const NEEDS_BUILD = [
  /['"/]dist['/]/u,
  /support\/harness'/u,
  /support\/serveProcess'/u,
  /cli\/build'/u,
  /playwright-core'/u,
  /\/browser'/u,
  /libreoffice'/u,
  /support\/postgres'/u,
];

const testFiles = readdirSync(path.join(root, 'test'), { recursive: true, encoding: 'utf8' })
  .map((f) => path.posix.join('test', f.split(path.sep).join('/')))
  .filter((f) => /\.test\.tsx?$/u.test(f) && !f.includes('node_modules'))
  .sort();

describe('vitest projects', () => {
  it('finds test files by the patterns the config uses', () => {
    expect(TEST_FILES).toEqual(['test/**/*.test.ts', 'test/**/*.test.tsx']);
    expect(testFiles.length).toBeGreaterThan(40);
  });

  it('lists only existing test files as e2e, each once', () => {
    expect(E2E_FILES.filter((f) => !testFiles.includes(f))).toEqual([]);
    expect(new Set(E2E_FILES).size).toBe(E2E_FILES.length);
  });

  it('keeps every test that needs the build or another program out of the unit project', () => {
    // This file names the patterns, it does not use them.
    const unit = testFiles.filter((f) => !E2E_FILES.includes(f) && f !== 'test/build/projects.test.ts');
    const misplaced = unit.filter((f) => {
      const source = readFileSync(path.join(root, f), 'utf8');
      return NEEDS_BUILD.some((pattern) => pattern.test(source));
    });
    expect(misplaced).toEqual([]);
    expect(unit.length).toBeGreaterThan(20);
  });
});
