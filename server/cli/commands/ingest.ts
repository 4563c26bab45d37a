/**
 * `dien-hinh ingest <folder|file.xlsx…> [--data DIR] [--stage S]`: takes workbooks saved into a
 * folder (from e-mail, say) into a data folder, exactly as uploads are: same reader, same rules,
 * same receipts, acting as the admin ("dòng lệnh"). Exit 0 when every file was accepted (or had
 * been), 1 when some were refused (each is reported with its cells), 2 on bad usage.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import type { Stage } from '../../../shared/deadlines/calendar';
import type { AppContext } from '../../app/context';
import { AppError } from '../../app/errors';
import { ingestWorkbook } from '../../app/intake';
import { ingestText } from '../../app/messages';
import { ReaderPool } from '../../app/reader/pool';
import { displayPath, findWorkbooks } from '../../export/offline';
import { offlineText } from '../../export/text';
import { parseStage } from '../../http/validate';
import { DATA_OPTION, DATABASE_URL_OPTION, defineCommand } from '../command';
import { dataFolderMissing, loadRegistryOrReport, storeLocation, withCommandStore } from '../store';

export const ingestCommand = defineCommand({
  name: 'ingest',
  summary: 'Nhận vào thư mục dữ liệu các bảng chấm điểm đã lưu trong một thư mục (ví dụ tệp đính kèm thư điện tử), như khi nộp qua mạng.',
  usage: ['ingest <thư mục|tệp.xlsx…> [--data <thư mục>] [--database-url <postgres://…>] [--stage registration|mid-year|final]'],
  positionals: [{ name: '<thư mục|tệp.xlsx…>', description: 'các thư mục (tìm cả thư mục con) hoặc tệp .xlsx cần nhận' }],
  options: {
    data: DATA_OPTION,
    'database-url': DATABASE_URL_OPTION,
    stage: {
      type: 'string', value: '<giai đoạn>',
      description: 'registration (Đăng ký), mid-year (Sơ kết 6 tháng) hoặc final (Báo cáo kết quả năm)', defaultNote: 'theo lịch nộp hồ sơ',
    },
  },
  examples: ['dien-hinh ingest ~/thu-dien-tu/2026 --data /srv/dien-hinh --stage final'],
  notes: ['Mã thoát: 0 mọi tệp được nhận (hoặc đã nhận trước đó); 1 có tệp bị từ chối (kèm các ô cần sửa); 2 sai cú pháp.'],
  async run({ values, positionals }, usageError) {
    if (positionals.length === 0) return usageError(ingestText.noInputs);
    let stage;
    try {
      stage = parseStage(values.stage);
    } catch (error) {
      return usageError(error instanceof Error ? error.message : String(error));
    }
    const { files, missing, skipped } = await findWorkbooks(positionals);
    for (const input of missing) process.stderr.write(`${ingestText.missing(input)}\n`);
    if (skipped.length > 0) process.stderr.write(offlineText.skipped(skipped.map((file) => displayPath(file))));
    if (missing.length > 0) return 2;
    if (files.length === 0) {
      process.stderr.write(`${ingestText.none}\n`);
      return 1;
    }
    const where = storeLocation(values, usageError);
    if (!where) return 2;
    // Files are placed on the units of an existing data folder: a mistyped one is said, never created empty.
    if (dataFolderMissing(where)) return 1;
    const registry = loadRegistryOrReport(where.dataDir);
    if (!registry) return 1;
    return withCommandStore(where, async (store) => {
      const reader = new ReaderPool({ registry });
      const ctx: AppContext = { store, registry, reader, now: () => new Date(), log: pino({ level: 'silent' }) };
      try {
        return await ingestFiles(ctx, files, stage);
      } finally {
        await reader.close();
      }
    });
  },
});

/**
 * Takes each file in as an upload would be (acting as the admin "dòng lệnh"); prints a line per
 * file (a refusal with its cells) and the counts.
 * @returns 0 when every file was accepted or had been, 1 when any was refused
 */
async function ingestFiles(ctx: AppContext, files: readonly string[], stage: Stage | undefined): Promise<number> {
  const counts = { accepted: 0, duplicates: 0, refused: 0 };
  for (const file of files) {
    const shown = displayPath(file);
    try {
      const { receipt, duplicate } = await ingestWorkbook(ctx, {
        body: { bytes: await readFile(file) }, fileName: path.basename(file), stage, actor: { kind: 'admin', label: 'dòng lệnh' },
      });
      const unit = receipt.unit ? `${receipt.unit.code} ${receipt.unit.name}` : '';
      if (duplicate) counts.duplicates++;
      else counts.accepted++;
      process.stdout.write(`${duplicate ? ingestText.duplicate(shown, unit) : ingestText.accepted(shown, unit, receipt.version ?? 0, receipt.late)}\n`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      counts.refused++;
      process.stdout.write(`${ingestText.refused(shown, error.message)}\n`);
      for (const d of error.details ?? []) process.stdout.write(`${ingestText.issue(d)}\n`);
      for (const c of error.candidates ?? []) process.stdout.write(`${ingestText.candidate(c.code, c.name, c.parent)}\n`);
      if (error.code === 'unit-unknown') process.stdout.write(`${ingestText.addUnitHint}\n`);
      if (error.code === 'unit-ambiguous') process.stdout.write(`${ingestText.chooseUnitHint}\n`);
    }
  }
  process.stdout.write(`${ingestText.summary(counts.accepted, counts.duplicates, counts.refused)}\n`);
  return counts.refused > 0 ? 1 : 0;
}

export default ingestCommand;
