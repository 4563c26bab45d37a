/**
 * Intake under load: the real `dien-hinh serve` process on a loopback port with a fresh data
 * folder; 50 concurrent clients send 1,000 workbooks from 1,000 units, each with its own unit
 * token (after 50 warm-up uploads from 50 other units, not counted). Figures: throughput, 95th percentile latency, and acknowledged receipts missing from the
 * store afterwards (must be 0).
 *
 * Then abuse, on the same server: one unit token floods it (100 connections sending different
 * random 2 MB bodies without pause) while 10 clients send 400 new versions from other units.
 * Figures: those units' 95th percentile latency (goal < 500 ms), the refused bytes stored for the
 * flooding unit (goal ≤ the quota, 50 MB by default) and the server's resident memory afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { receiptSchema } from '../../shared/api/schemas';
import { importUnits, issueUnitTokens } from '../../server/app/units';
import { DEFAULT_REFUSED_QUOTA_MB } from '../../server/app/intake';
import { vietnamDate } from '../../shared/deadlines/vietnamTime';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { fullFill } from '../support/fill';
import { makeWorkbookBytes } from '../support/workbooks';
import type { Bench } from './bench';
import { startBenchServe, type ServeProcess } from './serve';
import { post } from './upload';
import type { FloodReport, FloodSetup } from './flood';
import { Worker } from 'node:worker_threads';

const UNITS = 1000;
const CLIENTS = 50;
/** Uploads from other units before the measured run, so the server's code is compiled (not counted). */
const WARM_UP = 50;
const FLOOD_CONNECTIONS = 100;
const FLOOD_BODY_BYTES = 2 * 1024 * 1024;
/** 400, not 200: the p95 of 200 is the 10th slowest upload, too few to be steady from run to run. */
const ABUSE_UPLOADS = 400;
const ABUSE_CLIENTS = 10;
const FLOOD_UNIT = 'Cơ quan tràn ngập';

/** Resident memory of a process (Linux /proc), in MB; undefined elsewhere. */
function rssMbOf(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/**
 * User + system CPU time of a process so far (Linux /proc), in ms, or with `mainThread` of its
 * main thread only (the event loop's: its thread id is the process id); undefined elsewhere.
 */
function cpuMsOf(pid: number, mainThread = false): number | undefined {
  try {
    const fields = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Time the event loop's thread of a process has spent blocked on disk I/O (an fsync on it, say), in
 * ms: Linux's delay accounting (field 42 of the thread's stat), undefined unless it is on
 * (`sysctl kernel.task_delayacct=1`, before the process starts).
 */
function loopBlockedOnIoMsOf(pid: number): number | undefined {
  try {
    if (readFileSync('/proc/sys/kernel/task_delayacct', 'utf8').trim() !== '1') return undefined;
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[39]) * 1000) / 100;
  } catch {
    return undefined;
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const bench: Bench = {
  name: 'intake (real server, 50 clients, 1,000 workbooks)',
  async run() {
    const data = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-bench-intake-'));
    let server: ServeProcess | undefined;
    try {
      const set = defaultCriteriaSets().find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
      const names = Array.from({ length: UNITS + WARM_UP }, (_, i) => `Cơ quan số ${String(i + 1).padStart(4, '0')}`);
      const store = await SqliteStore.open(data);
      const ctx = { store, now: () => new Date() };
      await importUnits(ctx, [...names, FLOOD_UNIT].map((name) => ({ name, kind: 'co-quan' as const, parent: 'Phường 1', contact: '' })), 'bench');
      const issued = await issueUnitTokens(ctx, 'bench');
      const tokens = new Map(issued.map((t) => [t.name, t.token]));
      // Intake open whatever today's date (the server runs on the real clock).
      const year = vietnamDate(new Date()).year;
      for (const t of issued) {
        for (const stage of ['registration', 'mid-year', 'final'] as const) {
          await store.addException(t.unitId, year, stage, 'bench', { by: 'bench', at: new Date(), action: 'exception', detail: 'bench' });
        }
      }
      const floodUnitId = issued.find((t) => t.name === FLOOD_UNIT)!.unitId;
      await store.close();
      const work: { token: string; bytes: Uint8Array }[] = [];
      for (const name of names) work.push({ token: tokens.get(name)!, bytes: new Uint8Array(await makeWorkbookBytes(set, fullFill(set, name))) });

      server = await startBenchServe(data);
      const { child, url } = server;
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

      // Abuse: one token floods while other units send new versions.
      const versions: { token: string; bytes: Uint8Array }[] = [];
      for (const name of names.slice(0, ABUSE_UPLOADS)) {
        versions.push({ token: tokens.get(name)!, bytes: new Uint8Array(await makeWorkbookBytes(set, { ...fullFill(set, name), scores: { ...fullFill(set, name).scores, 1: 0 } })) });
      }
      const otherAgent = new http.Agent({ keepAlive: true, maxSockets: ABUSE_CLIENTS });
      // The flooder runs in a worker thread: an attacker is another machine, so its sending must
      // not hold up the event loop that times the other units' uploads (it still competes with
      // the server for the CPU, as on a shared machine).
      const floodSetup: FloodSetup = { url, token: tokens.get(FLOOD_UNIT)!, connections: FLOOD_CONNECTIONS, bodyBytes: FLOOD_BODY_BYTES };
      const flooder = new Worker(path.join(__dirname, 'flood.js'), { workerData: floodSetup });
      const floodReport = new Promise<FloodReport>((resolve, reject) => {
        flooder.once('message', resolve);
        flooder.once('error', reject);
      });
      await new Promise((resolve) => flooder.once('online', resolve));
      const abuseCpu0 = cpuMsOf(child.pid!);
      const abuseLoopCpu0 = cpuMsOf(child.pid!, true);
      const abuseLoopIo0 = loopBlockedOnIoMsOf(child.pid!);
      const abuseStarted = performance.now();
      const abuseLatencies: number[] = [];
      let abuseFailures = 0;
      let nextVersion = 0;
      await Promise.all(Array.from({ length: ABUSE_CLIENTS }, async () => {
        while (nextVersion < versions.length) {
          const item = versions[nextVersion++]!;
          const t0 = performance.now();
          const res = await post(otherAgent, url, item.token, item.bytes);
          abuseLatencies.push(performance.now() - t0);
          if (res.status !== 201 && res.status !== 200) abuseFailures++;
        }
      }));
      const abuseSeconds = (performance.now() - abuseStarted) / 1000;
      const abuseCpu1 = cpuMsOf(child.pid!);
      const abuseLoopCpu1 = cpuMsOf(child.pid!, true);
      const abuseLoopIo1 = loopBlockedOnIoMsOf(child.pid!);
      flooder.postMessage('stop');
      const { floodSent, floodStatuses } = await floodReport;
      await flooder.terminate();
      otherAgent.destroy();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const rssAfterMb = rssMbOf(child.pid!);
      process.stderr.write(`intake bench: flood sent ${floodSent} bodies of 2 MB (${(floodSent / abuseSeconds).toFixed(0)} a second for ${abuseSeconds.toFixed(1)} s), answers ${JSON.stringify(floodStatuses)}; `
        + `${abuseFailures} of the other units' uploads not accepted`
        + `${abuseCpu0 !== undefined && abuseCpu1 !== undefined ? `; server CPU ${Math.round(abuseCpu1 - abuseCpu0)} ms in the abuse phase (all threads)` : ''}`
        + `${abuseLoopCpu0 !== undefined && abuseLoopCpu1 !== undefined ? `, ${Math.round(abuseLoopCpu1 - abuseLoopCpu0)} ms of it on the event loop's thread` : ''}`
        + `${abuseLoopIo0 !== undefined && abuseLoopIo1 !== undefined ? `; the event loop's thread blocked on disk I/O for ${Math.round(abuseLoopIo1 - abuseLoopIo0)} ms` : ''}\n`);
      await server.stop();

      const after = await SqliteStore.open(data);
      let lost = 0;
      let abuseStoredMb = 0;
      try {
        for (const id of acknowledged) if (!(await after.getSubmission(id))) lost++;
        lost += (await after.submissionsMissingFiles()).length;
        abuseStoredMb = (await after.refusedBytesStored(floodUnitId)) / 1024 / 1024;
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
        ['intake_p95_ms_under_abuse', String(Math.round(percentile(abuseLatencies.sort((a, b) => a - b), 95)))],
        ['intake_abuse_stored_mb', `${abuseStoredMb.toFixed(1)} (quota ${DEFAULT_REFUSED_QUOTA_MB})`],
        ...(rssAfterMb !== undefined ? [['intake_abuse_rss_mb_after', String(Math.round(rssAfterMb))] as [string, string]] : []),
      ];
    } finally {
      await server?.stop();
      rmSync(data, { recursive: true, force: true });
    }
  },
};

export default bench;
