/**
 * Child process of the growth bench: `node growthExport.js <data> <year> <out dir> <units>`.
 * Exports a year the way `dien-hinh export` does (the same use cases the console's downloads
 * call): the consolidated workbook, the recognition list and the báo cáo .docx, the last filled
 * in the process's document thread as the server fills it (renderThread.ts). Prints one JSON
 * line: total ms, each phase's ms, the files' sizes and this process's peak resident memory
 * (VmHWM, Linux) in MB — so the figure is the export's own, not the bench's.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { makeYearDocument } from '../../server/app/documents';
import { exportConsolidated, exportRecognitionList } from '../../server/app/exports';
import { loadCriteriaRegistry } from '../../server/criteria/registry';
import { writeBuffer } from '../../server/export/output';
import { openStore } from '../../server/store/open';

/** Peak resident memory of this process so far, in MB (VmHWM); sampled RSS where /proc is absent. */
function peakMb(): number {
  const kb = /VmHWM:\s+(\d+)/u.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

async function main(): Promise<void> {
  const [data, yearText, out, unitsText] = process.argv.slice(2) as [string, string, string, string];
  const year = Number(yearText);
  const loaded = loadCriteriaRegistry(data);
  if (!loaded.ok) throw new Error(loaded.error.join('\n'));
  const store = await openStore(data);
  const ctx = { store, registry: loaded.value, now: () => new Date(Date.UTC(year, 10, 30, 3)) };
  const files = {
    consolidated: path.join(out, 'tong-hop.xlsx'),
    list: path.join(out, 'danh-sach.xlsx'),
    baoCao: path.join(out, 'bao-cao.docx'),
  };
  const phases: Record<string, number> = {};
  const started = performance.now();
  let last = started;
  const lap = (name: string) => { const now = performance.now(); phases[name] = Math.round(now - last); last = now; };
  try {
    await exportConsolidated(ctx, year, files.consolidated);
    lap('consolidated');
    await exportRecognitionList(ctx, year, files.list);
    lap('list');
    await writeBuffer(files.baoCao, await makeYearDocument(ctx, 'bao-cao', year, { dataDir: data }));
    lap('bao-cao');
  } finally {
    await store.close();
  }
  const ms = Math.round(performance.now() - started);
  const sizes = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, statSync(f).size]));
  if (sizes.consolidated! < Number(unitsText) * 20) throw new Error(`the consolidated workbook is too small for ${unitsText} units: ${sizes.consolidated} bytes`);
  process.stdout.write(`${JSON.stringify({ ms, phases, sizes, peakMb: peakMb() })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
