/**
 * `dien-hinh export consolidated|list|summary --out FILE [--year Y] [--data DIR]`: the documents
 * of a year from a data folder (the same as the server's downloads), without the server.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { vietnamDate } from '../../../shared/deadlines/vietnamTime';
import { cliServerText, msg } from '../../app/messages';
import { exportConsolidated, exportRecognitionList, exportSummary } from '../../app/exports';
import { dataDirFrom } from '../../config/config';
import { loadServerRegistry } from '../../config/registry';
import { writeBuffer } from '../../export/output';
import { openStore } from '../../store/open';
import { DATABASE_FILE } from '../../store/sqlite/sqliteStore';
import type { Command } from '../command';

const USAGE = 'export consolidated|list|summary --out <tệp> [--year 2026] [--data <thư mục>] [--place "Đồng Tháp"] [--issuing-body "CÔNG AN TỈNH …"] [--number 125]';
const KINDS = ['consolidated', 'list', 'summary'] as const;

export const exportCommand: Command = {
  name: 'export',
  usage: USAGE,
  summary: 'Xuất bảng tổng hợp (.xlsx), danh sách đề nghị công nhận (.xlsx) hoặc báo cáo tổng hợp (.docx) từ thư mục dữ liệu của máy chủ.',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args, allowPositionals: true, strict: true,
        options: {
          data: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' }, place: { type: 'string' },
          'issuing-body': { type: 'string' }, number: { type: 'string' },
        },
      });
    } catch (error) {
      process.stderr.write(cliServerText.badUsage(USAGE, error instanceof Error ? error.message : String(error)));
      return 2;
    }
    const kind = parsed.positionals[0] as (typeof KINDS)[number] | undefined;
    const { values } = parsed;
    if (!kind || !KINDS.includes(kind)) {
      process.stderr.write(cliServerText.badUsage(USAGE, cliServerText.exportKind(kind ?? '')));
      return 2;
    }
    if (!values.out) {
      process.stderr.write(cliServerText.badUsage(USAGE, cliServerText.exportOutMissing));
      return 2;
    }
    const year = values.year === undefined ? vietnamDate(new Date()).year : Number(values.year);
    if (!/^\d{4}$/u.test(String(year))) {
      process.stderr.write(cliServerText.badUsage(USAGE, msg.invalidYear(values.year ?? '')));
      return 2;
    }
    const dataDir = dataDirFrom(values.data);
    if (!existsSync(path.join(dataDir, DATABASE_FILE))) {
      process.stderr.write(`${cliServerText.dataMissing(dataDir)}\n`);
      return 1;
    }
    const { registry, problems } = await loadServerRegistry(dataDir);
    for (const p of problems) process.stderr.write(`${p}\n`);
    const store = await openStore(dataDir);
    const ctx = { store, registry, now: () => new Date() };
    const out = path.resolve(values.out);
    try {
      if (kind === 'consolidated') await exportConsolidated(ctx, year, out);
      else if (kind === 'list') await exportRecognitionList(ctx, year, out);
      else {
        const bytes = await exportSummary(ctx, year, {
          place: values.place ?? 'Đồng Tháp',
          ...(values['issuing-body'] ? { issuingBody: values['issuing-body'] } : {}),
          ...(values.number ? { documentNumber: values.number } : {}),
        });
        await writeBuffer(out, bytes);
      }
    } finally {
      await store.close();
    }
    process.stdout.write(`${cliServerText.exportDone(out)}\n`);
    return 0;
  },
};

export default exportCommand;
