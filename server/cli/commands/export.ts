/**
 * `dien-hinh export <loại> --out FILE [--year Y] [--data DIR] …`: the documents of a year from a
 * data folder (the same as the server's downloads), without the server. The Word documents take
 * the year's saved document settings; flags change them for this run, `--save` remembers them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { documentSettingsSchema, type DocumentSettings } from '../../../shared/api/schemas';
import { vietnamDate } from '../../../shared/deadlines/vietnamTime';
import { cliServerText, msg, serveText } from '../../app/messages';
import { documentSettingsFor, makeAppraisalRecord, makeYearDocument, saveDocumentSettings } from '../../app/documents';
import { unitNameKey } from '../../../shared/units/identity';
import { AppError } from '../../app/errors';
import { exportConsolidated, exportRecognitionList } from '../../app/exports';

import { loadCriteriaRegistry } from '../../criteria/registry';
import { writeBuffer } from '../../export/output';
import { openStore } from '../../store/open';
import { DATABASE_FILE } from '../../store/sqlite/sqliteStore';
import type { Command } from '../command';
import { openCommandStore, parseCommandArgs, STORE_OPTIONS, storeLocation, usageError } from './serverArgs';

const USAGE = 'export consolidated|list|bao-cao|to-trinh|quyet-dinh|bien-ban --out <tệp> [--year 2026] [--data <thư mục>] [--database-url postgres://…] [--pending] [--unit <mã>]'
  + ' [--parent-body "BỘ CÔNG AN"] [--issuing-body "CÔNG AN TỈNH …"] [--place "Đồng Tháp"] [--date dd/mm/yyyy] [--number 125] [--symbol BC-CAT]'
  + ' [--signer-authority "KT. GIÁM ĐỐC"] [--signer-title "PHÓ GIÁM ĐỐC"] [--signer-name "…"] [--recipient "…"]… [--addressee "…"] [--save]';
/** `summary` is the báo cáo under its former name. */
const KINDS = ['consolidated', 'list', 'bao-cao', 'to-trinh', 'quyet-dinh', 'bien-ban', 'summary'] as const;
type Kind = (typeof KINDS)[number];

const SETTING_FLAGS = {
  'parent-body': { type: 'string' }, 'issuing-body': { type: 'string' }, place: { type: 'string' }, date: { type: 'string' },
  number: { type: 'string' }, symbol: { type: 'string' }, 'signer-authority': { type: 'string' }, 'signer-title': { type: 'string' },
  'signer-name': { type: 'string' }, recipient: { type: 'string', multiple: true }, addressee: { type: 'string' },
} as const;

type SettingValues = { [K in keyof typeof SETTING_FLAGS]?: (typeof SETTING_FLAGS)[K] extends { multiple: true } ? string[] : string };

/**
 * The settings with the flags applied: letterhead, place, date and addressee for every document;
 * number, symbol and recipients for the document exported (the quyết định's signer is the
 * chairman's, so the signer flags change it when exporting the quyết định).
 */
export function settingsWithFlags(base: DocumentSettings, kind: Kind, values: SettingValues): DocumentSettings {
  const s: DocumentSettings = structuredClone(base);
  if (values['parent-body'] !== undefined) s.parentBody = values['parent-body'];
  if (values['issuing-body'] !== undefined) s.issuingBody = values['issuing-body'];
  if (values.place !== undefined) s.place = values.place;
  if (values.date !== undefined) s.date = values.date;
  if (values.addressee !== undefined) s.addressee = values.addressee;
  const signer = kind === 'quyet-dinh' ? s.quyetDinh.signer : s.signer;
  if (values['signer-authority'] !== undefined) signer.authority = values['signer-authority'];
  if (values['signer-title'] !== undefined) signer.title = values['signer-title'];
  if (values['signer-name'] !== undefined) signer.name = values['signer-name'];
  const doc = kind === 'to-trinh' ? s.toTrinh : kind === 'quyet-dinh' ? s.quyetDinh : kind === 'bien-ban' ? undefined : s.baoCao;
  if (doc) {
    if (values.number !== undefined) doc.number = values.number;
    if (values.symbol !== undefined) doc.symbol = values.symbol;
    if (values.recipient !== undefined) doc.recipients = values.recipient;
  } else if (values.symbol !== undefined) s.bienBan.symbol = values.symbol;
  return s;
}

export const exportCommand: Command = {
  name: 'export',
  usage: USAGE,
  summary: 'Xuất bảng tổng hợp, danh sách đề nghị công nhận (.xlsx), báo cáo tổng hợp, tờ trình, dự thảo quyết định hoặc biên bản thẩm định (.docx) từ thư mục dữ liệu của máy chủ.',
  async run(args) {
    const parsed = parseCommandArgs({
      args, allowPositionals: true, strict: true,
      options: {
        ...STORE_OPTIONS, out: { type: 'string' }, year: { type: 'string' }, pending: { type: 'boolean' },
        unit: { type: 'string' }, save: { type: 'boolean' }, ...SETTING_FLAGS,
      },
    }, USAGE);
    if (!parsed) return 2;
    const kind = parsed.positionals[0] as Kind | undefined;
    const { values } = parsed;
    if (!kind || !KINDS.includes(kind)) return usageError(USAGE, cliServerText.exportKind(kind ?? ''));
    if (!values.out) return usageError(USAGE, cliServerText.exportOutMissing);
    if (kind === 'bien-ban' && !values.unit) return usageError(USAGE, cliServerText.exportUnitMissing);
    const year = values.year === undefined ? vietnamDate(new Date()).year : Number(values.year);
    if (!/^\d{4}$/u.test(String(year))) return usageError(USAGE, msg.invalidYear(values.year ?? ''));
    const where = storeLocation(values, USAGE);
    if (!where) return 2;
    const { dataDir } = where;
    if (!where.databaseUrl && !existsSync(path.join(dataDir, DATABASE_FILE))) {
      process.stderr.write(`${cliServerText.dataMissing(dataDir)}\n`);
      return 1;
    }
    const loaded = loadCriteriaRegistry(dataDir);
    if (!loaded.ok) {
      process.stderr.write(`${serveText.setsProblems(loaded.error)}\n`);
      return 1;
    }
    const store = await openCommandStore(where);
    if (!store) return 1;
    const ctx = { store, registry: loaded.value, now: () => new Date() };
    const out = path.resolve(values.out);
    try {
      if (kind === 'consolidated') await exportConsolidated(ctx, year, out);
      else if (kind === 'list') await exportRecognitionList(ctx, year, out);
      else {
        const docKind = kind === 'summary' ? 'bao-cao' : kind;
        const current = await documentSettingsFor(ctx, year);
        const checked = documentSettingsSchema.safeParse(settingsWithFlags(current.settings, docKind, values));
        if (!checked.success) {
          process.stderr.write(`${cliServerText.documentSettingsInvalid(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))}\n`);
          return 2;
        }
        if (values.save) await saveDocumentSettings(ctx, year, checked.data, cliServerText.cliActor);
        const options = { dataDir, settings: checked.data, includePending: values.pending === true };
        const bytes = docKind === 'bien-ban'
          ? (await makeAppraisalRecord(ctx, await unitIdOf(ctx, values.unit!), year, options)).bytes
          : await makeYearDocument(ctx, docKind, year, options);
        await writeBuffer(out, bytes);
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 1;
    } finally {
      await store.close();
    }
    process.stdout.write(`${cliServerText.exportDone(out)}\n`);
    return 0;
  },
};

/**
 * A unit named by its code (mã đơn vị) or internal id, else by a name exactly one unit has (any
 * spelling); a name several units share is refused with their codes, never guessed.
 */
async function unitIdOf(ctx: { store: Awaited<ReturnType<typeof openStore>> }, given: string): Promise<string> {
  const unit = (await ctx.store.findUnitByCode(given)) ?? (await ctx.store.getUnit(given));
  if (unit) return unit.id;
  const named = await ctx.store.findUnitsByNameKey(unitNameKey(given));
  if (named.length === 1) return named[0]!.id;
  if (named.length > 1) throw new AppError('unit-ambiguous', cliServerText.exportUnitAmbiguous(given, named.map((u) => u.code)));
  throw new AppError('unit-not-found', cliServerText.exportUnitUnknown(given));
}

export default exportCommand;
