/**
 * The CLI tests run the built program, as a user does. `npm test` builds first; when a test file
 * is run on its own, this builds once if dist/ is missing or older than the sources.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const MAIN = path.join(ROOT, 'dist/server/cli/main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|json)$/u.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const built = statSync(MAIN, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(newestSource(path.join(ROOT, 'shared')), newestSource(path.join(ROOT, 'server')));
  if (built >= sources) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    // tsc still emits when another part of the tree has a type error; the tests then say whether
    // the CLI works. Show the compiler's words rather than hide them.
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    process.stderr.write(`tsc reported errors while building the CLI for tests:\n${output.slice(0, 4000)}\n`);
  }
}
