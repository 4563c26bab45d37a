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

/** The web pages built by webpack: dist/web/console and dist/web/addin. */
export function defaultWebDir(): string {
  return path.join(packageRoot(), 'dist', 'web');
}
