/**
 * Downloads built from the current data (admin token):
 *   GET /api/consolidated.xlsx?year=&paper=A3|A4   the consolidated workbook (bảng tổng hợp), A3 by default
 *   GET /api/recognition-list.xlsx?year=&number=[&pending=1]   the list of units proposed for recognition
 *        ("Kèm theo Tờ trình số …" with the given number, else the year's tờ trình number when set)
 *   GET /api/documents/bao-cao.docx?year=[&pending=1]     báo cáo tổng hợp
 *   GET /api/documents/to-trinh.docx?year=[&pending=1]    tờ trình đề nghị công nhận
 *   GET /api/documents/quyet-dinh.docx?year=[&pending=1]  dự thảo quyết định công nhận (the list as its annex)
 *   GET /api/summary.docx?year=[&pending=1]               the báo cáo (kept for older links)
 *   GET /api/units/:code/bien-ban.docx?year=              one unit's biên bản thẩm định
 *   GET /api/document-settings?year=       the year's document settings ({ year, saved, settings })
 *   PUT /api/document-settings?year=       save them (documentSettingsSchema; a refusal names each field
 *                                          as the console's dialog does: "Ngày ký", "Nơi nhận của báo cáo, dòng 2")
 *   POST /api/units/tokens/slips.docx      a NEW token for every unit, as printable slips (one A4 page
 *                                          each); old tokens keep working until each unit's first use
 * `pending=1` makes a draft that also lists eligible units still waiting for review, marked "chờ duyệt".
 * The .docx are filled in the process's document thread (server/documents/renderThread.ts): the
 * event loop answers other requests meanwhile; several downloads at once wait their turn there.
 */
import { Router, type Request, type Response } from 'express';
import { documentSettingsSchema, type DocumentKind } from '../../../shared/api/schemas';
import { actorName, type AppContext } from '../../app/context';
import {
  DOCUMENT_FILE_NAMES, documentSettingsFor, makeAppraisalRecord, makeTokenSlips, makeYearDocument, saveDocumentSettings, type DocumentDefaults,
} from '../../app/documents';
import { EXPORT_FILE_NAMES, exportConsolidated, exportRecognitionList } from '../../app/exports';
import { problems } from '../../app/errors';
import { commitUnitTokens, prepareUnitTokens } from '../../app/units';
import { vietnamDate } from '../../../shared/deadlines/vietnamTime';
import { documentSettingIssue } from '../../../shared/documents/settings';
import { actorOf } from '../context';
import { contentDisposition } from '../fileNames';
import { XLSX_MIME } from '../upload';
import { parseBody, queryString, queryYear } from '../validate';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DocumentOptions extends DocumentDefaults {
  /** The data folder: `<dataDir>/templates/` may hold the province's own Word templates. */
  dataDir?: string | undefined;
}

function download(res: Response, type: string, fileName: string): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', contentDisposition(fileName));
  res.setHeader('Cache-Control', 'no-store');
}

function sendDocx(res: Response, fileName: string, bytes: Buffer): void {
  download(res, DOCX_MIME, fileName);
  res.setHeader('Content-Length', String(bytes.length));
  res.end(bytes);
}

/** `?pending=1|true|có`: a draft with the units still waiting for review. */
function includePending(req: Request): boolean {
  const value = queryString(req, 'pending');
  if (value === undefined || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw problems.invalidField('pending', '1 (kèm đơn vị chờ duyệt) hoặc 0');
}

/**
 * The year's tờ trình as "125/TTr-CAT" when its settings are saved with a number: the list it is
 * attached to says so; without one, the list claims no tờ trình.
 */
async function submissionNumberOf(ctx: AppContext, year: number, defaults: DocumentDefaults): Promise<string | undefined> {
  const { saved, settings } = await documentSettingsFor(ctx, year, defaults);
  return saved && settings.toTrinh.number ? `${settings.toTrinh.number}/${settings.toTrinh.symbol}` : undefined;
}

export function documentsRouter(ctx: AppContext, options: DocumentOptions): Router {
  const router = Router();
  const defaults: DocumentDefaults = { issuingBody: options.issuingBody, place: options.place };
  const place = { dataDir: options.dataDir, defaults };

  router.get('/consolidated.xlsx', async (req, res) => {
    const year = queryYear(req, ctx.now());
    const paper = queryString(req, 'paper')?.toUpperCase() ?? 'A3';
    if (paper !== 'A3' && paper !== 'A4') throw problems.invalidField('paper', 'A3 hoặc A4');
    download(res, XLSX_MIME, EXPORT_FILE_NAMES.consolidated(year));
    await exportConsolidated(ctx, year, res, { paper });
  });

  router.get('/recognition-list.xlsx', async (req, res) => {
    const year = queryYear(req, ctx.now());
    const number = queryString(req, 'number') ?? await submissionNumberOf(ctx, year, defaults);
    const pending = includePending(req);
    download(res, XLSX_MIME, EXPORT_FILE_NAMES.recognitionList(year));
    await exportRecognitionList(ctx, year, res, { ...(number ? { submissionNumber: number } : {}), includePending: pending });
  });

  const yearDocument = (kind: Exclude<DocumentKind, 'bien-ban'>) => async (req: Request, res: Response) => {
    const year = queryYear(req, ctx.now());
    const bytes = await makeYearDocument(ctx, kind, year, { ...place, includePending: includePending(req) });
    sendDocx(res, DOCUMENT_FILE_NAMES[kind](year), bytes);
  };
  router.get('/documents/bao-cao.docx', yearDocument('bao-cao'));
  router.get('/documents/to-trinh.docx', yearDocument('to-trinh'));
  router.get('/documents/quyet-dinh.docx', yearDocument('quyet-dinh'));
  router.get('/summary.docx', yearDocument('bao-cao'));

  router.get('/units/:code/bien-ban.docx', async (req, res) => {
    const year = queryYear(req, ctx.now());
    const { fileLabel, bytes } = await makeAppraisalRecord(ctx, String(req.params.code), year, place);
    sendDocx(res, DOCUMENT_FILE_NAMES['bien-ban'](year, fileLabel), bytes);
  });

  // The slips are made before the tokens are put in force; a slip lost on the way costs nothing,
  // since each unit's old token works until the unit first signs in with its new one.
  router.post('/units/tokens/slips.docx', async (req, res) => {
    const prepared = await prepareUnitTokens(ctx);
    if (prepared.issued.length === 0) throw problems.noUnitsToIssue();
    const { settings } = await documentSettingsFor(ctx, vietnamDate(ctx.now()).year, defaults);
    const slips = prepared.issued.map(({ code, name, kind, parent, token }) => ({ code, name, kind, parent, token }));
    const bytes = await makeTokenSlips(slips, `${req.protocol}://${req.get('host')}`, settings.issuingBody, { dataDir: options.dataDir });
    await commitUnitTokens(ctx, prepared, actorName(actorOf(req)));
    res.setHeader('Cache-Control', 'no-store');
    sendDocx(res, DOCUMENT_FILE_NAMES.slips, bytes);
  });

  router.get('/document-settings', async (req, res) => {
    res.json(await documentSettingsFor(ctx, queryYear(req, ctx.now()), defaults));
  });

  router.put('/document-settings', async (req, res) => {
    const settings = parseBody(documentSettingsSchema, req.body, documentSettingIssue);
    res.json(await saveDocumentSettings(ctx, queryYear(req, ctx.now()), settings, actorOf(req)));
  });

  return router;
}
