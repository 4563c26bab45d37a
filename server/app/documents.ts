/**
 * The Word documents of a year — báo cáo, tờ trình, dự thảo quyết định, biên bản thẩm định — and
 * the token slips, each a template filled by docxtemplater (server/documents/), and the year's
 * document settings they are filled with. Every document is filled in the process's document
 * thread (server/documents/renderThread.ts), so the server's event loop stays free meanwhile;
 * the errors are the same as filling it here (AppError 'template-invalid' naming the file).
 */
import { documentSettingsSchema, type DocumentKind, type DocumentSettings, type DocumentSettingsResponse } from '../../shared/api/schemas';
import { defaultDocumentSettings, documentSettingIssue } from '../../shared/documents/settings';
import { appraisalData, decisionData, reportData, requestData, slipsData, type DocumentRequest, type TokenSlip } from '../documents/data';
import { documentThread } from '../documents/renderThread';
import { docsText } from '../documents/text';
import { actorName, type Actor, type DataContext } from './context';
import { problems } from './errors';
import { msg, zodVietnamese } from './messages';
import { requireUnit, storedSubmission, unitsStatus } from './status';

export interface DocumentDefaults {
  /** `serve --issuing-body` / `--place`: the start of a year's settings before anyone saves them. */
  issuingBody?: string | undefined;
  place?: string | undefined;
}

export interface DocumentPlace {
  /** The data folder, whose `templates/` may hold the province's own templates. */
  dataDir?: string | undefined;
}

/** The year's document settings: the saved ones, else the defaults (`saved: false`: the console asks first). */
export async function documentSettingsFor(ctx: Pick<DataContext, 'store'>, year: number, defaults: DocumentDefaults = {}): Promise<DocumentSettingsResponse> {
  const stored = await ctx.store.getDocumentSettings(year);
  if (stored !== undefined) {
    const parsed = documentSettingsSchema.safeParse(stored, { error: zodVietnamese });
    if (parsed.success) return { year, saved: true, settings: parsed.data };
    // Saved by an older version under other rules: say what to fix rather than print wrong documents.
    throw problems.documentSettingsInvalid(year, parsed.error.issues.map(documentSettingIssue).join('; '));
  }
  const settings = defaultDocumentSettings();
  if (defaults.issuingBody?.trim()) settings.issuingBody = defaults.issuingBody.trim().toLocaleUpperCase('vi-VN');
  if (defaults.place?.trim()) settings.place = defaults.place.trim();
  return { year, saved: false, settings };
}

/** Saves a year's document settings (checked: "Nơi nhận" never names the signer) and logs who did. */
export async function saveDocumentSettings(ctx: DataContext, year: number, settings: DocumentSettings, actor: Actor | string): Promise<DocumentSettingsResponse> {
  const checked = documentSettingsSchema.parse(settings);
  await ctx.store.putDocumentSettings(year, checked, {
    by: typeof actor === 'string' ? actor : actorName(actor), at: ctx.now(), action: 'document-settings', detail: msg.audit.documentSettings(year),
  });
  return { year, saved: true, settings: checked };
}

export interface DocumentOptions extends DocumentPlace {
  /** A draft listing eligible units still waiting for review, each marked "chờ duyệt". */
  includePending?: boolean;
  /** Settings to use instead of the saved ones (the CLI's flags on top of them). */
  settings?: DocumentSettings;
  defaults?: DocumentDefaults;
}

/** The báo cáo, tờ trình or dự thảo quyết định of a year, as .docx bytes (filled in the document thread). */
export async function makeYearDocument(ctx: DataContext, kind: Exclude<DocumentKind, 'bien-ban'>, year: number, options: DocumentOptions = {}): Promise<Buffer> {
  // The thread (started if need be) opens the template while the year is consolidated.
  documentThread().prepare(kind, options.dataDir);
  const [response, settings] = await Promise.all([
    unitsStatus(ctx, year),
    options.settings ?? documentSettingsFor(ctx, year, options.defaults).then((r) => r.settings),
  ]);
  const data = yearDocumentData(kind, { response, settings, sets: ctx.registry, today: ctx.now(), includePending: options.includePending === true });
  return documentThread().render(kind, data, options.dataDir);
}

/**
 * What a year document's template is filled with (plain data, sent to the document thread); the
 * offline `consolidate`, which has no store, fills the báo cáo with it from its own consolidation.
 */
export function yearDocumentData(kind: Exclude<DocumentKind, 'bien-ban'>, request: DocumentRequest): object {
  return kind === 'bao-cao' ? reportData(request) : kind === 'to-trinh' ? requestData(request) : decisionData(request);
}

/**
 * One unit's biên bản thẩm định for a year: its own scores beside the council's, the conclusion.
 * `codeOrId` is the unit's code (or its internal id); an unknown one is AppError('unit-not-found').
 * No valid final report to appraise: AppError('no-submission'). `fileLabel` names the download: code, name, xã/phường.
 */
export async function makeAppraisalRecord(ctx: DataContext, codeOrId: string, year: number, options: DocumentOptions = {}): Promise<{ fileLabel: string; bytes: Buffer }> {
  const unit = await requireUnit(ctx, codeOrId);
  const unitId = unit.id;
  documentThread().prepare('bien-ban', options.dataDir);
  const [response, settings, records, appraisals] = await Promise.all([
    unitsStatus(ctx, year),
    options.settings ?? documentSettingsFor(ctx, year, options.defaults).then((r) => r.settings),
    ctx.store.listSubmissions({ year, unitId }),
    ctx.store.appraisals(year, unitId),
  ]);
  const row = response.units.find((u) => u.unit.id === unitId)!;
  const final = row.stages.find((s) => s.stage === 'final');
  // The unit's own result: the counted final report as read at intake (row.result has the council's scores applied).
  const counted = records.map(storedSubmission).find((s) => s.id === final?.latestSubmissionId && s.valid);
  // Nothing to appraise: a biên bản of empty scores would read as one.
  if (!counted?.result) throw problems.noFinalSubmission();
  const data = appraisalData({ row, selfResult: counted?.result ?? null, appraisal: appraisals.get(unitId), settings, sets: ctx.registry, today: ctx.now(), year });
  return { fileLabel: unitFileLabel(unit), bytes: await documentThread().render('bien-ban', data, options.dataDir) };
}

/**
 * The token slips (phiếu mã nộp hồ sơ): one A4 page per unit with its name, code, the unit page
 * of the service (`<serviceUrl>/don-vi/`), the token and how to sign in. `issuingBody` heads
 * each page ("CÔNG AN TỈNH ĐỒNG THÁP"). Filled in the document thread.
 */
export function makeTokenSlips(slips: readonly TokenSlip[], serviceUrl: string, issuingBody: string, place: DocumentPlace = {}): Promise<Buffer> {
  return documentThread().render('slips', slipsData(slips, serviceUrl, issuingBody), place.dataDir);
}

export const DOCUMENT_FILE_NAMES = docsText.fileNames;

/** A unit as a download's file name names it: its code, name and xã/phường (two of one name are two files). */
function unitFileLabel(unit: { code: string; name: string; parent: string }): string {
  return `${unit.code} ${unit.name}${unit.parent ? ` (${unit.parent})` : ''}`;
}
