/** The built unit portal for browser tests and the bench (rebuilt with webpack when its sources are newer). */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { newestMtime, ROOT } from '../console/browser';

export const PORTAL_DIR = path.join(ROOT, 'dist/web/portal');

/** Builds the portal with webpack unless dist/web/portal is newer than its sources (and the console code it shares). */
export function ensurePortalBuilt(): void {
  const index = path.join(PORTAL_DIR, 'index.html');
  const sources = Math.max(...['server/portal', 'server/console', 'shared'].map((d) => newestMtime(path.join(ROOT, d))));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--config-name', 'portal'], {
    cwd: ROOT, stdio: 'ignore',
  });
}
