/**
 * Every failure leaves the API in one shape (`apiErrorSchema`): a code for programs, a Vietnamese
 * message for people, the cells to fix and, for a refused workbook, its receipt; the status is the
 * catalogue entry's (../app/errors.ts). Unexpected errors
 * are logged with their stack and answered with a generic 500; none is swallowed.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { ApiError } from '../../shared/api/schemas';
import { AppError, problems } from '../app/errors';
import { StoreFailedError } from '../store/store';
import { settleUnreadBody } from './upload';

export function sendError(res: Response, error: AppError): void {
  const body: ApiError = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      ...(error.receipt ? { receipt: error.receipt } : {}),
      ...(error.workbookUnit ? { workbookUnit: error.workbookUnit } : {}),
      ...(error.candidates ? { candidates: error.candidates } : {}),
    },
  };
  // A download that failed before its first byte answers JSON, not a file.
  res.removeHeader('Content-Disposition');
  res.removeHeader('Content-Length');
  res.status(error.status).json(body);
}

/** Errors thrown by body parsers (raw-body, express.json, multer) as the AppError they mean. */
function fromParser(error: unknown, maxUploadBytes: number): AppError | undefined {
  if (error instanceof multer.MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE') return problems.payloadTooLarge(maxUploadBytes);
    return problems.multipartBroken(error.message);
  }
  const e = error as { type?: unknown; status?: unknown; statusCode?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (e.type === 'entity.too.large' || status === 413) return problems.payloadTooLarge(maxUploadBytes);
  if (e.type === 'entity.parse.failed') return problems.badJson();
  if (e.type === 'encoding.unsupported' || status === 415) return problems.unsupportedMediaType('');
  if (e.type === 'request.aborted') return problems.multipartBroken(String(e.message));
  if (typeof e.message === 'string' && /^(Unexpected end of form|Multipart: Boundary not found|Malformed part header)/u.test(e.message)) {
    return problems.multipartBroken(e.message);
  }
  return undefined;
}

export function errorHandler(maxUploadBytes: number): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      req.log?.error({ err: error }, 'error after the response started');
      next(error);
      return;
    }
    // A store stopped after a failed fsync is not a crash of this request: the sender is told so, in full.
    const known = error instanceof AppError ? error : error instanceof StoreFailedError ? problems.storageFailed() : fromParser(error, maxUploadBytes);
    if (known && known.status >= 500) req.log?.error({ err: error, code: known.code }, known.message);
    if (!known) req.log?.error({ err: error }, 'unexpected error');
    const answer = known ?? problems.internal();
    settleUnreadBody(req, res, answer.status);
    sendError(res, answer);
  };
}

export const apiNotFound: RequestHandler = (_req, _res, next) => next(problems.notFound());
