/**
 * Intake and receipts.
 *   POST /api/submissions[?unit=]    a workbook (any token; a unit token only its own unit's; `unit`: the
 *                                    code an officer chose after 409 unit-ambiguous / 422 unit-unknown)
 *   GET  /api/submissions/:id        its receipt (a unit token only its own)
 *   GET  /api/submissions/:id/file   the stored bytes (a unit token only its own)
 */
import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import type { AppContext } from '../../app/context';
import { AppError } from '../../app/errors';
import { ingestWorkbook } from '../../app/intake';
import { msg } from '../../app/messages';
import { calendarFor } from '../../app/calendar';
import { toReceipt } from '../../app/receipts';
import type { SubmissionRecord } from '../../store/store';
import { actorOf } from '../context';
import { contentDisposition } from '../fileNames';
import { receiveWorkbook, XLSX_MIME } from '../upload';
import { parseStage, queryString } from '../validate';

export function submissionsRouter(ctx: AppContext, maxUploadBytes: number): Router {
  const router = Router();

  router.post('/submissions', receiveWorkbook(maxUploadBytes), async (req, res) => {
    const workbook = req.workbook!;
    const stage = parseStage(queryString(req, 'stage') ?? workbook.stageField);
    // `?unit=<code>`: the unit an officer chose for a file several units could own (admin only).
    const unitCode = queryString(req, 'unit');
    const actor = actorOf(req);
    if (unitCode && actor.kind !== 'admin') throw new AppError('forbidden', msg.unitChoiceAdminOnly);
    const outcome = await ingestWorkbook(ctx, { bytes: workbook.bytes, fileName: workbook.fileName, stage, actor, ...(unitCode ? { unitCode } : {}) });
    res.status(outcome.duplicate ? 200 : 201).json(outcome.receipt);
  });

  router.get('/submissions/:id', async (req, res) => {
    const record = await ownSubmission(ctx, req);
    const unit = record.unitId ? await ctx.store.getUnit(record.unitId) : undefined;
    res.json(toReceipt(record, unit, false, await calendarFor(ctx, record.year)));
  });

  router.get('/submissions/:id/file', async (req, res) => {
    const record = await ownSubmission(ctx, req);
    const stream = await ctx.store.openFile(record.sha256);
    if (!stream) throw new AppError('file-missing', msg.fileMissing);
    res.setHeader('Content-Type', XLSX_MIME);
    res.setHeader('Content-Length', String(record.size));
    res.setHeader('Content-Disposition', contentDisposition(record.fileName));
    await pipeline(stream, res);
  });

  return router;
}

/** The submission, if the caller may read it: admin any, a unit its own. */
async function ownSubmission(ctx: AppContext, req: Request): Promise<SubmissionRecord> {
  const actor = actorOf(req);
  const record = await ctx.store.getSubmission(String(req.params.id));
  if (!record) throw new AppError('submission-not-found', msg.submissionNotFound);
  if (actor.kind === 'unit' && record.unitId !== actor.unit.id) throw new AppError('forbidden', msg.otherUnitsReceipt);
  return record;
}
