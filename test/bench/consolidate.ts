/**
 * Offline consolidation of 1,000 workbooks from a folder, against a baseline that reads the same
 * files with exceljs's `readFile` and the same cells (every defined name of the layout).
 * Figures: consolidate_speedup (baseline time / whole consolidation: read, consolidate, write the
 * consolidated workbook, the summary and the list; must be ≥ 8) and consolidate_peak_mb (< 400).
 * Each consolidation does what `dien-hinh consolidate` does (server/cli/commands/consolidate.ts),
 * the báo cáo filled in the process's long-lived document thread; the two runs in this process
 * share that thread, as a server's successive exports do (the first run pays its start-up).
 */
import ExcelJS from 'exceljs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry } from '../../shared/criteria/load';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { ALL_NAMES } from '../../shared/workbook/layout';
import { writeConsolidatedWorkbook } from '../../server/export/consolidatedWorkbook';
import { consolidateFiles, findWorkbooks } from '../../server/export/offline';
import { writeRecognitionList } from '../../server/export/recognitionList';
import { yearDocumentData } from '../../server/app/documents';
import { closeDocumentThread, documentThread } from '../../server/documents/renderThread';
import { defaultDocumentSettings } from '../../shared/documents/settings';
import { writeBuffer } from '../../server/export/output';
import { fullFill, type Fill } from '../support/fill';
import { makeWorkbookBytes } from '../support/workbooks';
import { samplePeakRss, type Bench } from './bench';

const COUNT = 1000;
const sets = defaultCriteriaSets();
const registry = createRegistry(sets);
const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const xa = sets.find((s) => s.id === 'dien-hinh-xa-du-thao')!;

/** A varied year: most units at or near full marks, some failing a hard criterion, a fifth of them xã on the pass-fail set. */
function fillFor(i: number): { set: typeof coQuan; fill: Fill } {
  const isXa = i % 5 === 0;
  const set = isXa ? xa : coQuan;
  const base = fullFill(set, `${isXa ? 'Xã' : 'Cơ quan'} thử nghiệm số ${i + 1}`);
  const scores = { ...base.scores };
  if (!isXa && i % 7 === 0) scores[5] = 4;
  if (!isXa && i % 3 === 0) scores[1] = 3.5;
  if (isXa && i % 10 === 0) scores[2] = 'Chưa đạt';
  return { set, fill: { ...base, unit: { ...base.unit, kind: isXa ? 'Xã' : 'Cơ quan', parent: `Phường ${(i % 17) + 1}` }, scores } };
}

async function generate(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const { set, fill } = fillFor(i);
    const file = path.join(dir, `dot-${i % 4}`, `don-vi-${i + 1}.xlsx`);
    if (i < 4) await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, await makeWorkbookBytes(set, fill));
    // Received between 01/11 and 29/11: some after the due day.
    const when = new Date(Date.UTC(2026, 10, 1 + (i % 29), 2));
    await utimes(file, when, when);
    files.push(file);
  }
  return files;
}

/** What a straightforward implementation does: open each file with exceljs and read the named cells. */
async function baseline(files: readonly string[]): Promise<number> {
  let cells = 0;
  for (const file of files) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    for (const name of ALL_NAMES) {
      for (const range of workbook.definedNames.getRanges(name).ranges) {
        const [sheetPart, area] = range.split('!') as [string, string];
        const sheet = workbook.getWorksheet(sheetPart.replace(/^'|'$/gu, ''));
        if (!sheet) continue;
        const [from, to = from] = area.replace(/\$/gu, '').split(':') as [string, string?];
        const a = sheet.getCell(from);
        const b = sheet.getCell(to);
        for (let r = Number(a.row); r <= Number(b.row); r++) {
          for (let c = Number(a.col); c <= Number(b.col); c++) if (sheet.getCell(r, c).value !== null) cells++;
        }
      }
    }
  }
  return cells;
}

const cpuMs = (): number => { const used = process.cpuUsage(); return Math.round((used.user + used.system) / 1000); };

/** The whole offline run, as `dien-hinh consolidate` does it: read, consolidate, write the three documents. */
async function consolidation(files: readonly string[], dir: string): Promise<{ ms: number; cpuMs: number }> {
  const started = process.hrtime.bigint();
  const cpu = cpuMs();
  const lap = stopwatch();
  const now = new Date(Date.UTC(2026, 10, 30, 3));
  // As the CLI: the báo cáo is filled in the document thread (started, or asked to open the
  // template, first) while the workbooks are written.
  documentThread().prepare('bao-cao');
  const run = await consolidateFiles(files, { registry, calendar: DEFAULT_CALENDAR, now, year: 2026 });
  const read = lap();
  const report = documentThread().render('bao-cao', yearDocumentData('bao-cao', { response: run.response, settings: defaultDocumentSettings(), sets: registry, today: now, includePending: true, fromFiles: { calendarTitle: DEFAULT_CALENDAR.title } }));
  await writeConsolidatedWorkbook(run.response, registry, path.join(dir, 'tong-hop.xlsx'));
  const sheet = lap();
  await writeRecognitionList(run.response, path.join(dir, 'danh-sach.xlsx'), registry);
  const list = lap();
  await writeBuffer(path.join(dir, 'bao-cao.docx'), await report);
  // The wait for the report beyond the workbooks (it was filled meanwhile).
  const summary = lap();
  const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  if (run.response.counts.valid !== COUNT) throw new Error(`expected ${COUNT} valid units, got ${run.response.counts.valid}`);
  process.stderr.write(`  consolidation: ${ms} ms (read + consolidate ${read}, sheet ${sheet}, list ${list}, summary ${summary}), ${run.response.counts.eligible} eligible\n`);
  return { ms, cpuMs: cpuMs() - cpu };
}

async function baselinePass(files: readonly string[]): Promise<{ ms: number; cpuMs: number; cells: number }> {
  const started = process.hrtime.bigint();
  const cpu = cpuMs();
  const cells = await baseline(files);
  return { ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6), cpuMs: cpuMs() - cpu, cells };
}

/** Milliseconds since the previous lap. */
function stopwatch(): () => number {
  let last = process.hrtime.bigint();
  return () => {
    const now = process.hrtime.bigint();
    const ms = Math.round(Number(now - last) / 1e6);
    last = now;
    return ms;
  };
}

const bench: Bench = {
  name: 'offline consolidation of 1,000 workbooks',
  async run() {
    const dir = await mkdtemp(path.join(tmpdir(), 'dh-bench-consolidate-'));
    try {
      const inbox = path.join(dir, 'hop-thu');
      const started = Date.now();
      await generate(inbox);
      process.stderr.write(`  generated ${COUNT} workbooks in ${Date.now() - started} ms\n`);

      const { files } = await findWorkbooks([inbox]);
      // Peak memory of the first run, before the baseline's exceljs models fill the heap.
      const peak = samplePeakRss();
      const first = await consolidation(files, dir);
      const peakMb = peak.stop();
      // Then alternate, so that what else the machine runs weighs on both sides alike.
      const firstBase = await baselinePass(files);
      const secondBase = await baselinePass(files);
      const second = await consolidation(files, dir);
      const ours = first.ms + second.ms;
      const base = firstBase.ms + secondBase.ms;
      process.stderr.write(`  baseline (exceljs readFile + ${firstBase.cells} named cells): ${firstBase.ms} + ${secondBase.ms} ms, CPU ${firstBase.cpuMs + secondBase.cpuMs} ms\n`);
      process.stderr.write(`  consolidation CPU ${first.cpuMs + second.cpuMs} ms (all threads); CPU ratio ${((firstBase.cpuMs + secondBase.cpuMs) / (first.cpuMs + second.cpuMs)).toFixed(1)}\n`);
      return [
        ['consolidate_speedup', (base / ours).toFixed(1)],
        ['consolidate_peak_mb', String(peakMb)],
      ];
    } finally {
      await closeDocumentThread();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
