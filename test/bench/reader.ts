/**
 * Reader bench: 1,000 filled workbooks (varied sets, units and scores, made by the template
 * writer), checked by the bounded reader and read by a baseline that loads each with exceljs
 * `xlsx.readFile` and reads the same cells. Generation, the reader alone (for its peak memory)
 * and the comparison each run in their own child process, so the memory measured is the
 * reader's and not what generating the files, or another bench, left behind.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry } from '../../shared/criteria/load';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds';
import { checkSnapshot } from '../../shared/workbook/check';
import type { CheckResult } from '../../shared/workbook/checkResult';
import { ALL_NAMES } from '../../shared/workbook/layout';
import type { CellValue, RangeGrid, WorkbookSnapshot } from '../../shared/workbook/port';
import { checkWorkbookBytes } from '../../server/xlsx/readWorkbook';
import { parseSheetArea } from '../../shared/workbook/a1';
import { makeWorkbookBytes } from '../support/workbooks';
import type { Fill } from '../support/fill';
import { samplePeakRss, type Bench } from './bench';
import { seededRandom } from '../support/random';
import { dateToSerial } from '../../shared/workbook/excelDate';

const COUNT = 1000;
/** Files read by both before timing: steady state, as when consolidating hundreds (the JIT has warmed up). */
const WARM_UP = 100;

interface PassFigures { ms: number; peakMb: number; valid: number; totalSum: number }

const PLACES = ['Cao Lãnh', 'Sa Đéc', 'Hồng Ngự', 'Mỹ Tho', 'Vĩnh Thuận', 'Tân Hồng', 'Lai Vung', 'Châu Thành'];
const KINDS_OF_NAME = ['Trường THPT', 'Công ty TNHH', 'Phòng', 'Xã', 'Phường', 'Bệnh viện đa khoa'];

async function generate(dir: string): Promise<void> {
  const sets = defaultCriteriaSets();
  const next = seededRandom(2026);
  for (let i = 0; i < COUNT; i++) {
    const set = sets[i % sets.length]!;
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const scores: Record<number, CellValue> = {};
    for (const c of set.criteria) {
      const roll = next();
      if (set.scoring.kind === 'pass-fail') scores[c.number] = roll < 0.9 ? 'Đạt' : 'Chưa đạt';
      else if (roll < 0.7) scores[c.number] = c.maxPoints;
      else if (roll < 0.85) scores[c.number] = String(c.maxPoints - c.step).replace('.', ','); // typed as text, "3,5"
      else if (roll < 0.98) scores[c.number] = Math.max(0, c.maxPoints - 2 * c.step);
      else scores[c.number] = c.maxPoints + 1; // an error the reader must report
    }
    const name = `${pick(KINDS_OF_NAME)} ${pick(PLACES)} số ${i + 1}`;
    const fill: Fill = {
      unit: {
        name: next() < 0.2 ? name.normalize('NFD') : name, kind: UNIT_KIND_LABELS[pick(set.unitKinds)],
        parent: `Phường ${pick(PLACES)}`, head: 'Nguyễn Văn A', contact: 'Trần Thị B', phone: `0277 38${String(i).padStart(4, '0')}`, year: 2026,
      },
      scores,
      evidence: { 1: `Kế hoạch số ${i + 1}/KH ngày 15/01/2026` },
      dossier: { report: true, request: next() < 0.9, minutes: next() < 0.9, registration: true },
    };
    writeFileSync(path.join(dir, `don-vi-${String(i).padStart(4, '0')}.xlsx`), await makeWorkbookBytes(set, fill));
  }
}

function files(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(dir, f));
}

/** The reader alone over every file: its time and its peak memory, nothing else in the process. */
async function readerPass(dir: string): Promise<PassFigures> {
  const registry = createRegistry(defaultCriteriaSets());
  const list = files(dir);
  for (const file of list.slice(0, WARM_UP)) await checkWorkbookBytes(readFileSync(file), registry);
  const peak = samplePeakRss();
  const start = process.hrtime.bigint();
  const results: CheckResult[] = [];
  for (const file of list) results.push(await checkWorkbookBytes(readFileSync(file), registry));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, peakMb: peak.stop(), ...summary(results) };
}

interface Comparison { readerMs: number; baselineMs: number; readerCpuMs: number; baselineCpuMs: number; reader: Summary; baseline: Summary }

/**
 * Both over every file, alternating file by file (and which goes first), so that the load of the
 * machine at any moment weighs on both alike: the ratio of their sums is the speedup. The reader
 * checks (reads, validates, scores); the baseline loads with exceljs and reads the same cells.
 */
async function comparePass(dir: string): Promise<Comparison> {
  const registry = createRegistry(defaultCriteriaSets());
  const list = files(dir);
  for (const file of list.slice(0, WARM_UP)) {
    await checkWorkbookBytes(readFileSync(file), registry);
    await exceljsSnapshot(file);
  }
  let readerNs = 0n;
  let baselineNs = 0n;
  // CPU time too (all threads of the process): on a busy machine wall time also counts waiting.
  let readerCpu = 0;
  let baselineCpu = 0;
  const cpu = () => { const used = process.cpuUsage(); return (used.user + used.system) / 1000; };
  const readerResults: CheckResult[] = [];
  const baselineResults: CheckResult[] = [];
  for (const [i, file] of list.entries()) {
    // The CPU readings (a system call each) are taken outside the wall-clock readings.
    const runReader = async () => {
      const startCpu = cpu();
      const start = process.hrtime.bigint();
      readerResults.push(await checkWorkbookBytes(readFileSync(file), registry));
      readerNs += process.hrtime.bigint() - start;
      readerCpu += cpu() - startCpu;
    };
    const runBaseline = async () => {
      const startCpu = cpu();
      const start = process.hrtime.bigint();
      const snapshot = await exceljsSnapshot(file);
      baselineNs += process.hrtime.bigint() - start;
      baselineCpu += cpu() - startCpu;
      // Checked outside the timing: the baseline is what reading the same cells costs.
      baselineResults.push(checkSnapshot(snapshot, registry));
    };
    if (i % 2 === 0) {
      await runReader();
      await runBaseline();
    } else {
      await runBaseline();
      await runReader();
    }
  }
  return {
    readerMs: Number(readerNs) / 1e6, baselineMs: Number(baselineNs) / 1e6, readerCpuMs: readerCpu, baselineCpuMs: baselineCpu,
    reader: summary(readerResults), baseline: summary(baselineResults),
  };
}

async function exceljsSnapshot(file: string): Promise<WorkbookSnapshot> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const ranges: Partial<Record<string, RangeGrid>> = {};
  for (const name of ALL_NAMES) {
    const reference = workbook.definedNames.getRanges(name).ranges[0];
    const area = reference === undefined ? undefined : parseSheetArea(reference);
    if (!area) continue;
    const sheet = workbook.getWorksheet(area.sheet);
    if (!sheet) continue;
    const values: CellValue[][] = [];
    for (let r = area.top; r <= area.bottom; r++) {
      const row: CellValue[] = [];
      for (let c = area.left; c <= area.right; c++) row.push(plain(sheet.getCell(r, c).value));
      values.push(row);
    }
    ranges[name] = { sheet: area.sheet, top: area.top, left: area.left, values };
  }
  return { sheetNames: workbook.worksheets.map((w) => w.name), ranges };
}

function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return dateToSerial(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean' ? result : null;
  }
  if ('text' in value) return String(value.text);
  return null;
}

interface Summary { valid: number; totalSum: number }

function summary(results: CheckResult[]): Summary {
  return { valid: results.filter((r) => r.ok).length, totalSum: results.reduce((sum, r) => sum + (r.total ?? 0), 0) };
}

/** Runs this module in a child process for one phase; the child prints its figures as JSON. */
function child(phase: 'generate' | 'reader' | 'compare', dir: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [__filename, phase, dir], { maxBuffer: 1 << 20, timeout: 30 * 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${phase} failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout || '{}'));
    });
  });
}

const bench: Bench = {
  name: `reader (${COUNT} workbooks: bounded reader vs exceljs readFile)`,
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-bench-reader-'));
    try {
      await child('generate', dir);
      const alone = await child('reader', dir) as PassFigures;
      const compared = await child('compare', dir) as Comparison;
      if (compared.reader.valid !== compared.baseline.valid || Math.abs(compared.reader.totalSum - compared.baseline.totalSum) > 1e-6) {
        throw new Error(`the reader and the baseline disagree: ${JSON.stringify(compared)}`);
      }
      process.stderr.write(
        `  reader alone ${alone.ms.toFixed(0)} ms (${(alone.ms / COUNT).toFixed(2)} ms/file, peak ${alone.peakMb} MB); `
        + `alternating: reader ${compared.readerMs.toFixed(0)} ms, exceljs ${compared.baselineMs.toFixed(0)} ms `
        + `(CPU: reader ${compared.readerCpuMs.toFixed(0)} ms, exceljs ${compared.baselineCpuMs.toFixed(0)} ms, `
        + `ratio ${(compared.baselineCpuMs / compared.readerCpuMs).toFixed(1)}; load average ${os.loadavg()[0]!.toFixed(1)}); `
        + `${compared.reader.valid}/${COUNT} valid\n`,
      );
      return [
        ['reader_speedup', (compared.baselineMs / compared.readerMs).toFixed(1)],
        ['reader_peak_mb', String(alone.peakMb)],
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;

if (require.main === module) {
  const [phase, dir] = process.argv.slice(2) as [string, string];
  const run = phase === 'generate' ? generate(dir).then(() => ({})) : phase === 'reader' ? readerPass(dir) : comparePass(dir);
  run.then(
    (figures) => process.stdout.write(JSON.stringify(figures)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
