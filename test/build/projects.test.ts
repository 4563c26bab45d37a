/**
 * Every test file is in exactly one vitest project (test/vitest.config.ts, test/vitest.projects.ts): the e2e list names
 * existing test files, and no unit test uses what needs the build or another program (the CLI or
 * the reader worker from dist/, a `serve` process, a browser, LibreOffice, a PostgreSQL cluster).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_FILES, TEST_FILES } from '../vitest.projects';

const root = path.resolve(__dirname, '../..');

/**
 * What only an e2e test may use: the test helpers that start built code or a program (named by
 * their path, so an import written as `./build` or `../cli/build` is found alike), the browser
 * driver, and any path into dist/.
 */
const NEEDS_BUILD_MODULES = [
  'test/cli/build',
  'test/console/browser',
  'test/portal/browser',
  'test/server/support/harness',
  'test/server/support/serveProcess',
  'test/support/libreoffice',
  'test/support/postgres',
];
const NEEDS_BUILD_PACKAGES = ['playwright-core'];

/** The repository paths (no extension) or package names a test file imports. */
function importsOf(file: string, source: string): string[] {
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/gu)].map((m) => m[1]!);
  return specifiers.map((s) => s.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.[cm]?[jt]sx?$/u, '') : s);
}

/**
 * Why a test file needs the build or another program (what it imports, directly or through a
 * test helper), or undefined when it does not.
 */
function needsBuild(file: string, source: string, seen = new Set<string>()): string | undefined {
  if (/['"/]dist['/]/u.test(source)) return 'dist/';
  for (const imported of importsOf(file, source)) {
    if (NEEDS_BUILD_MODULES.includes(imported) || NEEDS_BUILD_PACKAGES.includes(imported)) return imported;
    if (!imported.startsWith('test/') || seen.has(imported)) continue;
    seen.add(imported);
    const helper = ['.ts', '.tsx'].map((ext) => path.join(root, imported + ext)).find((f) => existsSync(f));
    const through = helper ? needsBuild(imported, readFileSync(helper, 'utf8'), seen) : undefined;
    if (through) return `${through} (through ${imported})`;
  }
  return undefined;
}

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
    const misplaced = unit
      .map((f) => ({ file: f, needs: needsBuild(f, readFileSync(path.join(root, f), 'utf8')) }))
      .filter((m) => m.needs !== undefined);
    expect(misplaced).toEqual([]);
    expect(unit.length).toBeGreaterThan(20);
  });

  it('finds a helper that needs the build however its import is written', () => {
    expect(needsBuild('test/cli/help.test.ts', "import { ensureBuilt } from './build';")).toBe('test/cli/build');
    expect(needsBuild('test/x/a.test.ts', "import { startServe } from '../server/support/serveProcess.js';")).toBe('test/server/support/serveProcess');
    expect(needsBuild('test/x/a.test.ts', "const { chromium } = await import('playwright-core');")).toBe('playwright-core');
    expect(needsBuild('test/x/a.test.ts', "const MAIN = path.join(root, 'dist/server/cli/main.js');")).toBe('dist/');
    expect(needsBuild('test/x/a.test.ts', "import { parseOptions } from '../../server/cli/command';")).toBeUndefined();
  });

  it('every module named as needing the build exists', () => {
    for (const m of NEEDS_BUILD_MODULES) expect(readdirSync(path.join(root, path.dirname(m))).some((f) => f.startsWith(`${path.basename(m)}.`)), m).toBe(true);
  });
});
