/**
 * The task pane's start-up weight: gzipped size of the JavaScript the pane's index.html loads
 * (initial chunks only; the submit panel and the template inserter are lazy chunks). Reads the
 * production build in dist/web/addin (`npm run bench` builds first). Figures: taskpane_gzip_kb
 * (must stay < 400) and, for reference, taskpane_lazy_gzip_kb.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Bench } from './bench';

/** The package root, from the sources (test/bench) or the build (dist/test/bench). */
function packageRoot(): string {
  const up = path.resolve(__dirname, '..', '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

const gzipKb = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

export function taskpaneWeights(addinDir: string): { initialKb: number; lazyKb: number; initial: string[] } {
  const html = readFileSync(path.join(addinDir, 'index.html'), 'utf8');
  // Scripts of our own (the CDN's office.js is not part of the bundle).
  const initial = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/gu)]
    .map((m) => m[1]!)
    .filter((src) => !/^https?:/u.test(src))
    .map((src) => path.basename(src));
  if (initial.length === 0) throw new Error(`no bundle script in ${addinDir}/index.html`);
  const lazy = readdirSync(addinDir).filter((f) => f.endsWith('.js') && !initial.includes(f));
  const sum = (files: string[]) => files.reduce((total, f) => total + gzipKb(path.join(addinDir, f)), 0);
  return { initialKb: sum(initial), lazyKb: sum(lazy), initial };
}

const bench: Bench = {
  name: 'task pane bundle',
  async run() {
    const { initialKb, lazyKb } = taskpaneWeights(path.join(packageRoot(), 'dist', 'web', 'addin'));
    return [
      ['taskpane_gzip_kb', initialKb.toFixed(1)],
      ['taskpane_lazy_gzip_kb', lazyKb.toFixed(1)],
    ];
  },
};

export default bench;
