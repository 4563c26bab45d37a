/**
 * `dien-hinh export consolidated|list|summary --out FILE [--year Y] [--data DIR]`: the documents
 * of a year from a data folder (the same as the server's downloads), without the server.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { vietnamDate } from '../../../shared/deadlines/vietnamTime';
import { cliServerText, msg, serveText } from '../../app/messages';
import { exportConsolidated, exportRecognitionList, exportSummary } from '../../app/exports';
import { dataDirFrom } from '../../config/config';
import { loadCriteriaRegistry } from '../../criteria/registry';
import { writeBuffer } from '../../export/output';
import { openStore } from '../../store/open';
import { DATABASE_FILE } from '../../store/sqlite/sqliteStore';
import type { Command } from '../command';
import { parseCommandArgs, usageError } from './serverArgs';

const USAGE = 'export consolidated|list|summary --out <tệp> [--year 2026] [--data <thư mục>] [--place "Đồng Tháp"] [--issuing-body "CÔNG AN TỈNH …"] [--number 125]';
const KINDS = ['consolidated', 'list', 'summary'] as const;

export const exportCommand: Command = {
  name: 'export',
  usage: USAGE,
  summary: 'Xuất bảng tổng hợp (.xlsx), danh sách đề nghị công nhận (.xlsx) hoặc báo cáo tổng hợp (.docx) từ thư mục dữ liệu của máy chủ.',
  async run(args) {
    const parsed = parseCommandArgs({
      args, allowPositionals: true, strict: true,
      options: {
        data: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' }, place: { type: 'string' },
        'issuing-body': { type: 'string' }, number: { type: 'string' },
      },
    }, USAGE);
    if (!parsed) return 2;
    const kind = parsed.positionals[0] as (typeof KINDS)[number] | undefined;
    const { values } = parsed;
    if (!kind || !KINDS.includes(kind)) return usageError(USAGE, cliServerText.exportKind(kind ?? ''));
    if (!values.out) return usageError(USAGE, cliServerText.exportOutMissing);
    const year = values.year === undefined ? vietnamDate(new Date()).year : Number(values.year);
    if (!/^\d{4}$/u.test(String(year))) return usageError(USAGE, msg.invalidYear(values.year ?? ''));
    const dataDir = dataDirFrom(values.data);
    if (!existsSync(path.join(dataDir, DATABASE_FILE))) {
      process.stderr.write(`${cliServerText.dataMissing(dataDir)}\n`);
      return 1;
    }
    const loaded = loadCriteriaRegistry(dataDir);
    if (!loaded.ok) {
      process.stderr.write(`${serveText.setsProblems(loaded.error)}\n`);
      return 1;
    }
    const registry = loaded.value;
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
