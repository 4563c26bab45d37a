/**
 * The real `dien-hinh serve` process as every bench starts it: over HTTP on a free loopback port,
 * the rate limit out of the way (one client machine sends everything), its warnings and errors on
 * the bench's stderr. Started through the tests' own helper (test/server/support/serveProcess).
 *
 * DIEN_HINH_BENCH_SERVE_ARGS adds serve options (e.g. `--readers 2`) and
 * DIEN_HINH_BENCH_NODE_ARGS node options (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` profiles the
 * server), both space-separated.
 */
import { startServe, type ServeProcess } from '../server/support/serveProcess';

export type { ServeProcess };

/**
 * Starts `serve` on the data folder `data` with `args` added (e.g. `--database-url …`); resolves
 * once it listens. Stop it with `stop()` (SIGTERM, waits for the exit).
 */
export async function startBenchServe(data: string, args: readonly string[] = []): Promise<ServeProcess> {
  const server = await startServe(
    ['--http', '--data', data, '--rate-limit', '1000000', ...words(process.env.DIEN_HINH_BENCH_SERVE_ARGS), ...args],
    { nodeArgs: words(process.env.DIEN_HINH_BENCH_NODE_ARGS) },
  );
  // What the server says after its start (warnings, errors) is part of the bench's report.
  server.child.stderr.pipe(process.stderr, { end: false });
  return server;
}

function words(text: string | undefined): string[] {
  return (text ?? '').split(' ').filter((word) => word !== '');
}
