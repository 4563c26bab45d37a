/**
 * Downloads built from the current data (admin token), streamed:
 *   GET /api/consolidated.xlsx?year=       the consolidated workbook (bảng tổng hợp)
 *   GET /api/recognition-list.xlsx?year=   the list of units proposed for recognition
 *   GET /api/summary.docx?year=&number=&signer=   the submission summary (Nghị định 30 form)
 */
import { Router, type Response } from 'express';
import type { AppContext } from '../../app/context';
import { EXPORT_FILE_NAMES, exportConsolidated, exportRecognitionList, exportSummary } from '../../app/exports';
import { contentDisposition } from '../fileNames';
import { XLSX_MIME } from '../upload';
import { queryString, queryYear } from '../validate';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DocumentOptions {
  issuingBody: string | undefined;
  place: string;
}

function download(res: Response, type: string, fileName: string): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', contentDisposition(fileName));
  res.setHeader('Cache-Control', 'no-store');
}

export function documentsRouter(ctx: AppContext, options: DocumentOptions): Router {
  const router = Router();

  router.get('/consolidated.xlsx', async (req, res) => {
    const year = queryYear(req, ctx.now());
    download(res, XLSX_MIME, EXPORT_FILE_NAMES.consolidated(year));
    await exportConsolidated(ctx, year, res);
  });

  router.get('/recognition-list.xlsx', async (req, res) => {
    const year = queryYear(req, ctx.now());
    download(res, XLSX_MIME, EXPORT_FILE_NAMES.recognitionList(year));
    await exportRecognitionList(ctx, year, res);
  });

  router.get('/summary.docx', async (req, res) => {
    const year = queryYear(req, ctx.now());
    const bytes = await exportSummary(ctx, year, {
      place: options.place,
      ...(options.issuingBody ? { issuingBody: options.issuingBody } : {}),
      ...(queryString(req, 'number') ? { documentNumber: queryString(req, 'number')! } : {}),
      ...(queryString(req, 'signer') ? { signerName: queryString(req, 'signer')! } : {}),
    });
    download(res, DOCX_MIME, EXPORT_FILE_NAMES.summary(year));
    res.setHeader('Content-Length', String(bytes.length));
    res.end(bytes);
  });

  return router;
}
