/**
 * Intake under load: the real `dien-hinh serve` process on a loopback port with a fresh data
 * folder; 50 concurrent clients send 1,000 workbooks from 1,000 units, each with its own unit
 * token (after 50 warm-up uploads from 50 other units, not counted). Figures: throughput, 95th percentile latency, and acknowledged receipts missing from the
 * store afterwards (must be 0).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { receiptSchema } from '../../shared/api/schemas';
import { importUnits, issueUnitTokens } from '../../server/app/units';
import { packageRoot } from '../../server/config/paths';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { fullFill } from '../support/fill';
import { makeWorkbookBytes } from '../support/workbooks';
import type { Bench } from './bench';

const UNITS = 1000;
const CLIENTS = 50;
/** Uploads from other units before the measured run, so the server's code is compiled (not counted). */
const WARM_UP = 50;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** User + system CPU time of a process so far (Linux /proc), in ms; undefined elsewhere. */
function cpuMsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** One upload with node:http (a keep-alive agent): lighter on the client than fetch, so the figure is the server's. */
function post(agent: http.Agent, base: string, token: string, bytes: Uint8Array): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/submissions`, {
      method: 'POST', agent,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': XLSX, 'Content-Length': bytes.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const bench: Bench = {
  name: 'intake (real server, 50 clients, 1,000 workbooks)',
  async run() {
    const data = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-bench-intake-'));
    try {
      const set = defaultCriteriaSets().find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
      const names = Array.from({ length: UNITS + WARM_UP }, (_, i) => `Cơ quan số ${String(i + 1).padStart(4, '0')}`);
      const store = await SqliteStore.open(data);
      const ctx = { store, now: () => new Date() };
      await importUnits(ctx, names.map((name) => ({ name, kind: 'co-quan' as const, parent: 'Phường 1', contact: '' })), 'bench');
      const tokens = new Map((await issueUnitTokens(ctx, 'bench')).map((t) => [t.name, t.token]));
      await store.close();
      const work: { token: string; bytes: Uint8Array }[] = [];
      for (const name of names) work.push({ token: tokens.get(name)!, bytes: new Uint8Array(await makeWorkbookBytes(set, fullFill(set, name))) });

      // DIEN_HINH_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
      const nodeArgs = (process.env.DIEN_HINH_BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
      const child = spawn(process.execPath, [
        ...nodeArgs,
        path.join(packageRoot(), 'dist', 'server', 'cli', 'main.js'), 'serve', '--port', '0', '--http', '--data', data,
        '--log-level', 'warn', '--rate-limit', '1000000', ...(process.env.DIEN_HINH_BENCH_SERVE_ARGS ?? '').split(' ').filter((a) => a !== ''),
      ], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString('utf8');
          const found = /tại (http:\/\/\S+)/u.exec(out)?.[1];
          if (found && /Đang chạy HTTP/u.test(out)) resolve(found);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
      const warmUp = work.splice(UNITS);
      await Promise.all(Array.from({ length: 10 }, async (_, i) => {
        for (let j = i; j < warmUp.length; j += 10) await post(agent, url, warmUp[j]!.token, warmUp[j]!.bytes);
      }));

      const latencies: number[] = [];
      const acknowledged: string[] = [];
      let failures = 0;
      let next = 0;
      const serverCpu0 = cpuMsOf(child.pid!);
      const started = performance.now();
      const clientCpu0 = process.cpuUsage();
      await Promise.all(Array.from({ length: CLIENTS }, async () => {
        while (next < work.length) {
          const item = work[next++]!;
          const t0 = performance.now();
          const res = await post(agent, url, item.token, item.bytes);
          const body: unknown = JSON.parse(res.body);
          latencies.push(performance.now() - t0);
          if (res.status === 201 || res.status === 200) acknowledged.push(receiptSchema.parse(body).submissionId);
          else failures++;
        }
      }));
      const seconds = (performance.now() - started) / 1000;
      agent.destroy();
      const serverCpu1 = cpuMsOf(child.pid!);
      const serverCpuMs = serverCpu0 !== undefined && serverCpu1 !== undefined ? serverCpu1 - serverCpu0 : undefined;
      const cc = process.cpuUsage(clientCpu0);
      process.stderr.write(`intake bench: client CPU ${((cc.user + cc.system) / 1000 / work.length).toFixed(2)} ms per upload\n`);
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');

      const after = await SqliteStore.open(data);
      let lost = 0;
      try {
        for (const id of acknowledged) if (!(await after.getSubmission(id))) lost++;
        lost += (await after.submissionsMissingFiles()).length;
      } finally {
        await after.close();
      }
      latencies.sort((a, b) => a - b);
      if (failures > 0) process.stderr.write(`intake bench: ${failures} uploads were not accepted\n`);
      // CPU per intake does not depend on what else the machine runs; throughput and latency do.
      if (serverCpuMs !== undefined) process.stderr.write(`intake bench: server CPU ${(serverCpuMs / work.length).toFixed(2)} ms per workbook (all threads)\n`);
      return [
        ['intake_per_s', String(Math.round(work.length / seconds))],
        ['intake_p95_ms', String(Math.round(percentile(latencies, 95)))],
        ['intake_lost', String(lost)],
        ['intake_refused', String(failures)],
      ];
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  },
};

export default bench;
