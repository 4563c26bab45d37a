/**
 * `dien-hinh export <loại> --out FILE [--year Y] [--data DIR] …`: the documents of a year from a
 * data folder (the same as the server's downloads), without the server. The Word documents take
 * the year's saved document settings; flags change them for this run, `--save` remembers them.
 */
import path from 'node:path';
import { documentSettingsSchema, type DocumentSettings } from '../../../shared/api/schemas';
import { vietnamDate } from '../../../shared/deadlines/vietnamTime';
import { documentSettingIssue } from '../../../shared/documents/settings';
import { cliServerText, msg, zodVietnamese } from '../../app/messages';
import { documentSettingsFor, makeAppraisalRecord, makeYearDocument, saveDocumentSettings } from '../../app/documents';
import { unitNameKey } from '../../../shared/units/identity';
import { problems } from '../../app/errors';
import { exportConsolidated, exportRecognitionList } from '../../app/exports';
import { writeBuffer } from '../../export/output';
import type { Store } from '../../store/store';
import { DATA_OPTION, DATABASE_URL_OPTION, defineCommand } from '../command';
import { dataFolderMissing, loadRegistryOrReport, storeLocation, withCommandStore } from '../store';

/** `summary` is the báo cáo under its former name. */
const KINDS = ['consolidated', 'list', 'bao-cao', 'to-trinh', 'quyet-dinh', 'bien-ban', 'summary'] as const;
type Kind = (typeof KINDS)[number];

/** Why --number does not apply to a kind: the documents that print no number of ours (else it would be ignored in silence). */
const NUMBERLESS: Partial<Record<Kind, string>> = {
  'quyet-dinh': cliServerText.exportDecisionNumber,
  'bien-ban': cliServerText.exportRecordNumber,
  consolidated: cliServerText.exportWorkbookNumber,
  list: cliServerText.exportWorkbookNumber,
};

/** Flags that change the Word documents' settings for this run (`--save` remembers them). */
const SETTING_FLAGS = {
  'parent-body': { type: 'string', value: '<tên>', description: 'cơ quan cấp trên ở tiêu đề, ví dụ "BỘ CÔNG AN"' },
  'issuing-body': { type: 'string', value: '<tên>', description: 'cơ quan ban hành, ví dụ "CÔNG AN TỈNH ĐỒNG THÁP"' },
  place: { type: 'string', value: '<địa danh>', description: 'địa danh ghi trước ngày tháng, ví dụ "Đồng Tháp"' },
  date: { type: 'string', value: '<dd/mm/yyyy>', description: 'ngày ghi trên văn bản' },
  number: { type: 'string', value: '<số>', description: 'số văn bản của báo cáo hoặc tờ trình, ví dụ 125' },
  symbol: { type: 'string', value: '<ký hiệu>', description: 'ký hiệu văn bản, ví dụ BC-CAT' },
  'signer-authority': { type: 'string', value: '<thẩm quyền>', description: 'thẩm quyền ký, ví dụ "KT. GIÁM ĐỐC"' },
  'signer-title': { type: 'string', value: '<chức vụ>', description: 'chức vụ người ký, ví dụ "PHÓ GIÁM ĐỐC"' },
  'signer-name': { type: 'string', value: '<họ tên>', description: 'họ tên người ký' },
  recipient: { type: 'string', value: '<nơi nhận>', multiple: true, description: 'một dòng "Nơi nhận"' },
  addressee: { type: 'string', value: '<kính gửi>', description: 'nơi "Kính gửi" của tờ trình' },
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
    // Only the báo cáo and the tờ trình carry a number of ours: `run` refuses --number for the rest (NUMBERLESS).
    if (values.number !== undefined && 'number' in doc) doc.number = values.number;
    if (values.symbol !== undefined) doc.symbol = values.symbol;
    if (values.recipient !== undefined) doc.recipients = values.recipient;
  } else if (values.symbol !== undefined) s.bienBan.symbol = values.symbol;
  return s;
}

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'Xuất bảng tổng hợp, danh sách đề nghị công nhận (.xlsx), báo cáo tổng hợp, tờ trình, dự thảo quyết định hoặc biên bản thẩm định (.docx) từ thư mục dữ liệu của máy chủ.',
  usage: [
    'export consolidated|list --out <tệp.xlsx> [--year 2026] [--data <thư mục>] [--database-url <postgres://…>]',
    'export bao-cao|to-trinh|quyet-dinh --out <tệp.docx> [--year 2026] [--pending] [thông tin văn bản…] [--save] [--data <thư mục>] [--database-url <postgres://…>]',
    'export bien-ban --unit <mã đơn vị> --out <tệp.docx> [--year 2026] [thông tin văn bản…] [--save] [--data <thư mục>] [--database-url <postgres://…>]',
  ],
  positionals: [{
    name: '<loại>',
    description: 'consolidated (bảng tổng hợp), list (danh sách đề nghị công nhận), bao-cao (báo cáo tổng hợp), to-trinh (tờ trình), quyet-dinh (dự thảo quyết định), bien-ban (biên bản thẩm định)',
  }],
  options: {
    out: { type: 'string', value: '<tệp>', required: true, description: 'tệp sẽ ghi' },
    year: { type: 'string', value: '<năm>', description: 'năm đánh giá', defaultNote: 'năm hiện tại' },
    data: DATA_OPTION,
    'database-url': DATABASE_URL_OPTION,
    pending: { type: 'boolean', description: 'văn bản kể cả đơn vị đủ điều kiện nhưng chưa được duyệt (ghi "chờ duyệt")' },
    unit: { type: 'string', value: '<mã đơn vị>', description: 'với bien-ban: đơn vị cần lập biên bản (mã hoặc tên)' },
    save: { type: 'boolean', description: 'lưu thông tin văn bản đã chỉ định làm mặc định của năm' },
    ...SETTING_FLAGS,
  },
  examples: [
    'dien-hinh export consolidated --year 2026 --out bang-tong-hop.xlsx --data /srv/dien-hinh',
    'dien-hinh export bao-cao --year 2026 --number 125 --date 15/12/2026 --out bao-cao.docx --data /srv/dien-hinh',
    'dien-hinh export bien-ban --unit CQ-001 --year 2026 --out bien-ban.docx --data /srv/dien-hinh',
  ],
  async run({ values, positionals }, usageError) {
    const kind = positionals[0] as Kind | undefined;
    if (!kind || !KINDS.includes(kind)) return usageError(cliServerText.exportKind(kind ?? ''));
    if (kind === 'bien-ban' && !values.unit) return usageError(cliServerText.exportUnitMissing);
    const numberless = NUMBERLESS[kind];
    if (numberless && values.number !== undefined) return usageError(numberless);
    const year = values.year === undefined ? vietnamDate(new Date()).year : Number(values.year);
    if (!/^\d{4}$/u.test(String(year))) return usageError(msg.invalidYear(values.year ?? ''));
    const where = storeLocation(values, usageError);
    if (!where) return 2;
    const { dataDir } = where;
    if (dataFolderMissing(where)) return 1;
    const registry = loadRegistryOrReport(dataDir);
    if (!registry) return 1;
    const out = path.resolve(values.out);
    return withCommandStore(where, async (store) => {
      const ctx = { store, registry, now: () => new Date() };
      if (kind === 'consolidated') await exportConsolidated(ctx, year, out);
      else if (kind === 'list') await exportRecognitionList(ctx, year, out);
      else {
        const docKind = kind === 'summary' ? 'bao-cao' : kind;
        const current = await documentSettingsFor(ctx, year);
        const checked = documentSettingsSchema.safeParse(settingsWithFlags(current.settings, docKind, values), { error: zodVietnamese });
        if (!checked.success) {
          process.stderr.write(`${cliServerText.documentSettingsInvalid(checked.error.issues.map(documentSettingIssue))}\n`);
          return 2;
        }
        if (values.save) await saveDocumentSettings(ctx, year, checked.data, cliServerText.cliActor);
        const options = { dataDir, settings: checked.data, includePending: values.pending === true };
        const bytes = docKind === 'bien-ban'
          ? (await makeAppraisalRecord(ctx, await unitIdOf(ctx, values.unit!), year, options)).bytes
          : await makeYearDocument(ctx, docKind, year, options);
        await writeBuffer(out, bytes);
      }
      process.stdout.write(`${cliServerText.exportDone(out)}\n`);
      return 0;
    });
  },
});

/**
 * A unit named by its code (mã đơn vị) or internal id, else by a name exactly one unit has (any
 * spelling); a name several units share is refused with their codes, never guessed.
 */
async function unitIdOf(ctx: { store: Store }, given: string): Promise<string> {
  const unit = (await ctx.store.findUnitByCode(given)) ?? (await ctx.store.getUnit(given));
  if (unit) return unit.id;
  const named = await ctx.store.findUnitsByNameKey(unitNameKey(given));
  if (named.length === 1) return named[0]!.id;
  if (named.length > 1) throw problems.unitNamedAmbiguous(given, named.map((u) => u.code));
  throw problems.unitNamedUnknown(given);
}

export default exportCommand;
