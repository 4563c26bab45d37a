/**
 * Downloads built from the current data (admin token), streamed:
 *   GET /api/consolidated.xlsx?year=&paper=A3|A4   the consolidated workbook (bảng tổng hợp), A3 by default
 *   GET /api/recognition-list.xlsx?year=&number=   the list of units proposed for recognition ("Kèm theo Tờ trình số …" only with a number)
 *   GET /api/summary.docx?year=&number=&signer=   the submission summary (Nghị định 30 form)
 */
import { Router, type Response } from 'express';
import type { AppContext } from '../../app/context';
import { EXPORT_FILE_NAMES, exportConsolidated, exportRecognitionList, exportSummary } from '../../app/exports';
import { AppError } from '../../app/errors';
import { msg } from '../../app/messages';
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
    const paper = queryString(req, 'paper')?.toUpperCase() ?? 'A3';
    if (paper !== 'A3' && paper !== 'A4') throw new AppError('bad-request', msg.invalidField('paper', 'A3 hoặc A4'));
    download(res, XLSX_MIME, EXPORT_FILE_NAMES.consolidated(year));
    await exportConsolidated(ctx, year, res, { paper });
  });

  router.get('/recognition-list.xlsx', async (req, res) => {
    const year = queryYear(req, ctx.now());
    const number = queryString(req, 'number');
    download(res, XLSX_MIME, EXPORT_FILE_NAMES.recognitionList(year));
    await exportRecognitionList(ctx, year, res, number ? { submissionNumber: number } : {});
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
