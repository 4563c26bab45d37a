/** Where the program's own files are, wherever it runs from (sources under vitest, dist/ in production). */
import { existsSync } from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The folder holding dien-hinh's package.json. */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return (root = dir);
    if (path.dirname(dir) === dir) throw new Error(`package.json not found above ${__dirname}`);
  }
}

/**
 * A worker thread's compiled file `name`: beside the module that starts it (`moduleDir`, its
 * __dirname) or, under a TypeScript runner (vitest runs the sources), the one `npm run build` put
 * in dist/ (`distDir`: its folder there, e.g. 'server/app/reader'). Throws when it is not built.
 */
export function builtWorkerFile(moduleDir: string, distDir: string, name: string): string {
  const beside = path.join(moduleDir, name);
  if (existsSync(beside)) return beside;
  const compiled = path.join(packageRoot(), 'dist', distDir, name);
  if (existsSync(compiled)) return compiled;
  throw new Error(`the worker ${name} is not built (${compiled}); run "npm run build"`);
}

/** The web pages built by webpack: dist/web/console and dist/web/addin. */
export function defaultWebDir(): string {
  return path.join(packageRoot(), 'dist', 'web');
}
