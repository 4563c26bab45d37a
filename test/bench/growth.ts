/**
 * The cost of growth on SQLite: 1,000, 10,000 and 100,000 units with 3 submissions each
 * (registration, mid-year report, final report), generated straight into a real data folder
 * through the Store interface (no workbook file per submission: every row points at one stored
 * workbook, and its CheckResult is one the shared reader produced, re-scored per unit).
 *
 * What is measured is the service's own code:
 * - board: the real `dien-hinh serve` process on a loopback port, GET /api/units for the first
 *   page the console asks for (the console's own query string), median of 5 after one warm-up;
 *   the cold (first) answer is printed on stderr;
 * - export: a child process (so its peak memory is the export's own) running the code the CLI's
 *   `export` and the console's downloads run: the consolidated workbook, the recognition list and
 *   the báo cáo .docx of the year, timed together; peak resident memory (VmHWM) of that process.
 *
 * Figures: board_{1k,10k,100k}_units_ms, export_{1k,10k,100k}_units_s, export_100k_units_peak_mb
 * and the growth ratios board_growth_100k_over_10k, export_growth_100k_over_10k (10 = linear).
 * `DIEN_HINH_BENCH_GROWTH_SIZES=1000,10000` runs fewer sizes. `DIEN_HINH_BENCH_GROWTH_DATA=<folder>`
 * keeps each size's generated data folder there (`<units>-units`) and reuses it on the next run
 * (100,000 units take minutes to generate); what is measured is the same.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateGrowthData } from './growthData';
import { startBenchServe } from './serve';
import { BOARD_FIRST_PAGE_QUERY } from '../../shared/api/boardPage';
import type { Bench } from './bench';

const RUNS = 5;
const YEAR = 2026;

interface SizeFigures {
  units: number;
  boardMs: number;
  boardColdMs: number;
  exportS: number;
  exportPeakMb: number;
}

/** One GET of the board's first page: milliseconds until the whole body is in. */
async function boardOnce(url: string, token: string): Promise<{ ms: number; rows: number; expected: number }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/units?year=${YEAR}&${BOARD_FIRST_PAGE_QUERY}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = await res.json() as { units: unknown[]; counts: { expected: number } };
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`board answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms, rows: body.units.length, expected: body.counts.expected };
}

async function measureBoard(data: string, token: string, units: number): Promise<{ ms: number; coldMs: number }> {
  const server = await startBenchServe(data);
  try {
    const cold = await boardOnce(server.url, token);
    if (cold.expected !== units) throw new Error(`the board counts ${cold.expected} units, expected ${units}`);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await boardOnce(server.url, token)).ms);
    times.sort((a, b) => a - b);
    process.stderr.write(`  board: ${cold.rows} rows of ${cold.expected}; cold ${Math.round(cold.ms)} ms, runs ${times.map(Math.round).join(', ')} ms\n`);
    return { ms: times[Math.floor(RUNS / 2)]!, coldMs: cold.ms };
  } finally {
    await server.stop();
  }
}

/** The export in its own process (dist/test/bench/growthExport.js): its time and peak memory. */
async function measureExport(data: string, units: number): Promise<{ s: number; peakMb: number }> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-bench-growth-out-'));
  try {
    const child = spawn(process.execPath, [path.join(__dirname, 'growthExport.js'), data, String(YEAR), out, String(units)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (c: Buffer) => { text += c.toString('utf8'); });
    const [code] = await once(child, 'exit') as [number | null];
    if (code !== 0) throw new Error(`export child exited ${code}: ${text}`);
    const result = JSON.parse(text.trim().split('\n').at(-1)!) as { ms: number; peakMb: number; phases: Record<string, number>; sizes: Record<string, number> };
    process.stderr.write(`  export: ${result.ms} ms (${Object.entries(result.phases).map(([k, v]) => `${k} ${v}`).join(', ')} ms), peak ${result.peakMb} MB, `
      + `files ${Object.entries(result.sizes).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KB`).join(', ')}\n`);
    return { s: result.ms / 1000, peakMb: result.peakMb };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * A data folder of `units` units: generated into a temporary folder (removed after), or kept
 * under DIEN_HINH_BENCH_GROWTH_DATA and reused when its admin token file (written last, so a
 * generation cut short is done again) is there.
 */
async function dataFolder(units: number): Promise<{ data: string; adminToken: string; kept: boolean }> {
  const keptIn = process.env.DIEN_HINH_BENCH_GROWTH_DATA;
  const generate = async (data: string) => {
    const t0 = Date.now();
    const { adminToken } = await generateGrowthData(data, units, YEAR);
    process.stderr.write(`  ${units} units: generated in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    return adminToken;
  };
  if (!keptIn) {
    const data = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-bench-growth-'));
    return { data, adminToken: await generate(data), kept: false };
  }
  const data = path.join(keptIn, `${units}-units`);
  const tokenFile = `${data}.admin-token`;
  if (existsSync(tokenFile)) {
    process.stderr.write(`  ${units} units: reusing ${data}\n`);
    return { data, adminToken: readFileSync(tokenFile, 'utf8').trim(), kept: true };
  }
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data, { recursive: true });
  const adminToken = await generate(data);
  writeFileSync(tokenFile, adminToken);
  return { data, adminToken, kept: true };
}

function sizes(): number[] {
  const given = process.env.DIEN_HINH_BENCH_GROWTH_SIZES;
  return given ? given.split(',').map(Number) : [1000, 10_000, 100_000];
}

const label = (units: number): string => `${units / 1000}k`;

const bench: Bench = {
  name: 'growth on SQLite (1k / 10k / 100k units, 3 submissions each)',
  async run() {
    const measured: SizeFigures[] = [];
    for (const units of sizes()) {
      const { data, adminToken, kept } = await dataFolder(units);
      try {
        const t1 = Date.now();
        const board = await measureBoard(data, adminToken, units);
        const t2 = Date.now();
        const exported = await measureExport(data, units);
        process.stderr.write(`  ${units} units: board phase ${((t2 - t1) / 1000).toFixed(1)} s, export phase ${((Date.now() - t2) / 1000).toFixed(1)} s\n`);
        measured.push({ units, boardMs: board.ms, boardColdMs: board.coldMs, exportS: exported.s, exportPeakMb: exported.peakMb });
      } finally {
        if (!kept) rmSync(data, { recursive: true, force: true });
      }
    }
    const figures: [string, string][] = [];
    for (const m of measured) {
      figures.push([`board_${label(m.units)}_units_ms`, String(Math.round(m.boardMs))]);
      figures.push([`board_${label(m.units)}_units_cold_ms`, String(Math.round(m.boardColdMs))]);
    }
    for (const m of measured) figures.push([`export_${label(m.units)}_units_s`, m.exportS.toFixed(1)]);
    for (const m of measured) figures.push([`export_${label(m.units)}_units_peak_mb`, String(m.exportPeakMb)]);
    const at = (n: number) => measured.find((m) => m.units === n);
    const big = at(100_000);
    const mid = at(10_000);
    if (big && mid) {
      figures.push(['board_growth_100k_over_10k', (big.boardMs / mid.boardMs).toFixed(2)]);
      figures.push(['export_growth_100k_over_10k', (big.exportS / mid.exportS).toFixed(2)]);
    }
    return figures;
  },
};

export default bench;
