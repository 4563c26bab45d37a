/**
 * Intake through two `serve` processes on one PostgreSQL database (issue 11): a throwaway cluster
 * with the server's durable defaults (fsync on), two real servers sharing the database and the
 * data folder, 50 clients sending 1,000 workbooks from 1,000 units, each upload to the two
 * servers in turn (after 50 warm-up uploads from other units, not counted). Figures: the 95th
 * percentile latency (`intake_p95_ms_two_instances_pg`), throughput, and acknowledged receipts
 * missing from the database afterwards (must be 0).
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { receiptSchema } from '../../shared/api/schemas';
import { vietnamDate } from '../../shared/deadlines/vietnamTime';
import { importUnits, issueUnitTokens } from '../../server/app/units';
import { PgStore } from '../../server/store/postgres/pgStore';
import { fullFill } from '../support/fill';
import { startPostgres } from '../support/postgres';
import { makeWorkbookBytes } from '../support/workbooks';
import type { Bench } from './bench';
import { startBenchServe, type ServeProcess } from './serve';
import { percentile } from './intake';
import { post } from './upload';

const UNITS = 1000;
const CLIENTS = 50;
const WARM_UP = 50;

const bench: Bench = {
  name: 'intake through two serve processes on PostgreSQL (50 clients, 1,000 workbooks)',
  async run() {
    const cluster = await startPostgres({ durable: true });
    const data = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-bench-pg-'));
    const servers: ServeProcess[] = [];
    try {
      const url = await cluster.createDatabase();
      const set = defaultCriteriaSets().find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
      const names = Array.from({ length: UNITS + WARM_UP }, (_, i) => `Cơ quan số ${String(i + 1).padStart(4, '0')}`);
      const store = await PgStore.open(url, data);
      let tokens = new Map<string, string>();
      try {
        const ctx = { store, now: () => new Date() };
        await importUnits(ctx, names.map((name) => ({ name, kind: 'co-quan' as const, parent: 'Phường 1', contact: '' })), 'bench');
        const issued = await issueUnitTokens(ctx, 'bench');
        tokens = new Map(issued.map((t) => [t.name, t.token]));
        // Intake open whatever today's date (the servers run on the real clock).
        const year = vietnamDate(new Date()).year;
        await Promise.all(issued.map(async (t) => {
          for (const stage of ['registration', 'mid-year', 'final'] as const) {
            await store.addException(t.unitId, year, stage, 'bench', { by: 'bench', at: new Date(), action: 'exception', detail: 'bench' });
          }
        }));
      } finally {
        await store.close();
      }
      const work: { token: string; bytes: Uint8Array }[] = [];
      for (const name of names) work.push({ token: tokens.get(name)!, bytes: new Uint8Array(await makeWorkbookBytes(set, fullFill(set, name))) });

      for (let i = 0; i < 2; i++) servers.push(await startBenchServe(data, ['--database-url', url]));
      const agents = servers.map(() => new http.Agent({ keepAlive: true, maxSockets: CLIENTS }));
      const warmUp = work.splice(UNITS);
      await Promise.all(warmUp.map((item, i) => post(agents[i % 2]!, servers[i % 2]!.url, item.token, item.bytes)));

      const latencies: number[] = [];
      const acknowledged: string[] = [];
      let failures = 0;
      let next = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: CLIENTS }, async () => {
        while (next < work.length) {
          const n = next++;
          const item = work[n]!;
          const t0 = performance.now();
          const res = await post(agents[n % 2]!, servers[n % 2]!.url, item.token, item.bytes);
          latencies.push(performance.now() - t0);
          if (res.status === 201 || res.status === 200) acknowledged.push(receiptSchema.parse(JSON.parse(res.body)).submissionId);
          else failures++;
        }
      }));
      const seconds = (performance.now() - started) / 1000;
      for (const agent of agents) agent.destroy();
      for (const server of servers.splice(0)) await server.stop();

      const after = await PgStore.open(url, data);
      let lost = 0;
      try {
        for (const id of acknowledged) if (!(await after.getSubmission(id))) lost++;
        lost += (await after.submissionsMissingFiles()).length;
      } finally {
        await after.close();
      }
      if (failures > 0) process.stderr.write(`intake pg bench: ${failures} uploads were not accepted\n`);
      latencies.sort((a, b) => a - b);
      return [
        ['intake_p95_ms_two_instances_pg', String(Math.round(percentile(latencies, 95)))],
        ['intake_per_s_two_instances_pg', String(Math.round(work.length / seconds))],
        ['intake_lost_two_instances_pg', String(lost)],
      ];
    } finally {
      for (const server of servers) await server.stop();
      await cluster.stop();
      rmSync(data, { recursive: true, force: true });
    }
  },
};

export default bench;
