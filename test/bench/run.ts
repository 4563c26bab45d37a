/**
 * `npm run bench`: every performance figure of the project, measured against a baseline in the
 * same run, printed last as `name: value` lines.
 */
import type { Bench } from './bench';

const BENCHES: (() => Promise<{ default: Bench }>)[] = [
  () => import('./reader'),
  () => import('./consolidate'),
  () => import('./taskpane'),
  () => import('./portal'),
  () => import('./intake'),
  () => import('./intakePg'),
  () => import('./board'),
  () => import('./growth'),
];

async function main(): Promise<void> {
  const figures: [string, string][] = [];
  for (const load of BENCHES) {
    const bench = (await load()).default;
    process.stderr.write(`bench: ${bench.name}…\n`);
    figures.push(...(await bench.run()));
  }
  for (const [name, value] of figures) process.stdout.write(`${name}: ${value}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
