/**
 * README's set-up commands run `npm ci` on a fresh machine. npm 12 runs a dependency's install
 * script only when package.json's `allowScripts` approves it (npm 11.16+ warns); better-sqlite3's
 * builds the SQLite module the service starts on. Every dependency with an install script must be
 * decided there, and every entry there must still name an installed dependency.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
};

/** Installed packages by name (the last node_modules/ segment of the lock's key) with their versions. */
function installed(): Map<string, { versions: Set<string>; script: boolean }> {
  const found = new Map<string, { versions: Set<string>; script: boolean }>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const known = found.get(name) ?? { versions: new Set<string>(), script: false };
    if (entry.version) known.versions.add(entry.version);
    known.script ||= entry.hasInstallScript === true;
    found.set(name, known);
  }
  return found;
}

/** `name` or `name@version` (a scoped name keeps its leading @). */
function splitEntry(entry: string): { name: string; version: string | undefined } {
  const at = entry.indexOf('@', 1);
  return at < 0 ? { name: entry, version: undefined } : { name: entry.slice(0, at), version: entry.slice(at + 1) };
}

describe('install scripts (package.json allowScripts)', () => {
  const packages = installed();
  const decided = Object.entries(manifest.allowScripts ?? {}).map(([entry, allowed]) => ({ ...splitEntry(entry), allowed }));

  it('decides every dependency that has an install script, better-sqlite3 allowed', () => {
    const withScripts = [...packages].filter(([, p]) => p.script).map(([name]) => name);
    expect(withScripts).toContain('better-sqlite3');
    for (const name of withScripts) {
      const entry = decided.find((d) => d.name === name && (d.version === undefined || packages.get(name)!.versions.has(d.version)));
      expect(entry, `${name} has an install script and no allowScripts entry for its locked version`).toBeDefined();
    }
    expect(decided.find((d) => d.name === 'better-sqlite3')?.allowed).toBe(true);
  });

  it('names only installed dependencies', () => {
    for (const d of decided) expect(packages.has(d.name), `allowScripts names ${d.name}, which is not installed`).toBe(true);
  });
});
