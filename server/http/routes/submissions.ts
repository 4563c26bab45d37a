/**
 * Intake and receipts.
 *   POST /api/submissions[?unit=]    a workbook (any token; a unit token only its own unit's; `unit`: the
 *                                    code an officer chose after 409 unit-ambiguous / 422 unit-unknown);
 *                                    `Idempotency-Key` makes retries safe; at most N at once per sender
 *   GET  /api/submissions/:id        its receipt (a unit token only its own)
 *   GET  /api/submissions/:id/file   the stored bytes (a unit token only its own)
 */
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type RequestHandler } from 'express';
import { idempotencyKeySchema } from '../../../shared/api/schemas';
import type { AppContext } from '../../app/context';
import { problems } from '../../app/errors';
import { calendarFor } from '../../app/calendar';
import { ingestWorkbook, IntakeLimits, repeatAnswer, senderOf, type TempFileBody } from '../../app/intake';
import { toReceipt } from '../../app/receipts';
import type { SubmissionRecord } from '../../store/store';
import { actorOf } from '../context';
import { contentDisposition } from '../fileNames';
import { receiveWorkbook, storageError, XLSX_MIME } from '../upload';
import { parseStage, queryString } from '../validate';

export interface IntakeHttpOptions {
  maxUploadBytes: number;
  /** Uploads one sender (token) may have in progress at once; more are answered 429 unread. */
  uploadsPerSender: number;
  limits: IntakeLimits;
}


export function submissionsRouter(ctx: AppContext, options: IntakeHttpOptions): Router {
  const router = Router();

  router.post('/submissions', uploadSlot(options.uploadsPerSender), async (req, res, next) => {
    // A repeat of a key is answered before its body is read: the first submission's answer.
    const key = idempotencyKeyOf(req);
    const first = key !== undefined ? await ctx.store.findByIdempotencyKey({ sender: senderOf(actorOf(req)), key }) : undefined;
    if (!first) return next();
    const outcome = await repeatAnswer(ctx, first, options.limits);
    res.status(200).json(outcome.receipt);
  }, receiveWorkbook(ctx.store, options.maxUploadBytes), async (req, res) => {
    const workbook = req.workbook!;
    const stage = parseStage(queryString(req, 'stage') ?? workbook.stageField);
    // `?unit=<code>`: the unit an officer chose for a file several units could own (admin only).
    const unitCode = queryString(req, 'unit');
    const actor = actorOf(req);
    if (unitCode && actor.kind !== 'admin') throw problems.unitChoiceAdminOnly();
    const key = idempotencyKeyOf(req);
    let outcome;
    const body: TempFileBody = { tempPath: workbook.tempPath, size: workbook.size, sha256: workbook.sha256 };
    try {
      outcome = await ingestWorkbook(ctx, {
        body, fileName: workbook.fileName, stage,
        actor, limits: options.limits, ...(key !== undefined ? { idempotencyKey: key } : {}), ...(unitCode ? { unitCode } : {}),
      });
    } catch (error) {
      throw storageError(error) ?? error;
    } finally {
      // Gone before the answer (the store took it if intake kept it).
      await workbook.release(body.adopted === true);
    }
    res.status(outcome.duplicate ? 200 : 201).json(outcome.receipt);
  });

  router.get('/submissions/:id', async (req, res) => {
    const record = await ownSubmission(ctx, req);
    const unit = record.unitId ? await ctx.store.getUnit(record.unitId) : undefined;
    res.json(toReceipt(record, unit, false, await calendarFor(ctx, record.year), ctx.registry));
  });

  router.get('/submissions/:id/file', async (req, res) => {
    const record = await ownSubmission(ctx, req);
    if (!record.fileKept) throw problems.fileNotKept();
    const stream = await ctx.store.openFile(record.sha256);
    if (!stream) throw problems.fileMissing();
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
  if (!record) throw problems.submissionNotFound();
  if (actor.kind === 'unit' && record.unitId !== actor.unit.id) throw problems.otherUnitsReceipt();
  return record;
}

/** The request's Idempotency-Key header; 400 when present but malformed. */
function idempotencyKeyOf(req: Request): string | undefined {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const value = (Array.isArray(raw) ? raw[0] ?? '' : raw).trim();
  if (!idempotencyKeySchema.safeParse(value).success) throw problems.idempotencyKeyInvalid();
  return value;
}

/**
 * At most `limit` uploads in progress per sender (token): one sender flooding the service is
 * answered 429 at once, its bodies never read (the connection closes: settleUnreadBody), and
 * cannot hold every reader or fill the disk.
 */
function uploadSlot(limit: number): RequestHandler {
  const inProgress = new Map<string, number>();
  return (req, res, next) => {
    const sender = senderOf(actorOf(req));
    const count = inProgress.get(sender) ?? 0;
    if (count >= limit) return next(problems.tooManyUploads(limit));
    inProgress.set(sender, count + 1);
    res.once('close', () => {
      const left = (inProgress.get(sender) ?? 1) - 1;
      if (left > 0) inProgress.set(sender, left);
      else inProgress.delete(sender);
    });
    next();
  };
}
