/**
 * Every failure leaves the API in one shape (`apiErrorSchema`): a code for programs, a Vietnamese
 * message for people, the cells to fix and, for a refused workbook, its receipt. Unexpected errors
 * are logged with their stack and answered with a generic 500; none is swallowed.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { ApiError } from '../../shared/api/schemas';
import { AppError, type ErrorCode } from '../app/errors';
import { msg } from '../app/messages';

export const STATUS: Record<ErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'wrong-unit': 403,
  'not-found': 404,
  'unit-not-found': 404,
  'submission-not-found': 404,
  'file-missing': 500,
  'unit-exists': 409,
  'unit-unknown': 422,
  'unit-ambiguous': 409,
  'last-admin-token': 409,
  'workbook-invalid': 422,
  locked: 423,
  'no-submission': 409,
  'appraisal-invalid': 422,
  'empty-body': 400,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  busy: 503,
  'reader-unavailable': 503,
  internal: 500,
  'template-invalid': 500,
  'too-many-uploads': 429,
  'sign-in-limited': 429,
  'storage-full': 507,
  'storage-read-only': 503,
  'file-not-kept': 410,
};

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
  res.status(STATUS[error.code]).json(body);
}

/** Errors thrown by body parsers (raw-body, express.json, multer) as the AppError they mean. */
function fromParser(error: unknown, maxUploadBytes: number): AppError | undefined {
  if (error instanceof multer.MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE') return new AppError('payload-too-large', msg.payloadTooLarge(maxUploadBytes));
    return new AppError('bad-request', msg.multipartBroken(error.message));
  }
  const e = error as { type?: unknown; status?: unknown; statusCode?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (e.type === 'entity.too.large' || status === 413) return new AppError('payload-too-large', msg.payloadTooLarge(maxUploadBytes));
  if (e.type === 'entity.parse.failed') return new AppError('bad-request', msg.badJson);
  if (e.type === 'encoding.unsupported' || status === 415) return new AppError('unsupported-media-type', msg.unsupportedMediaType(''));
  if (e.type === 'request.aborted') return new AppError('bad-request', msg.multipartBroken(String(e.message)));
  if (typeof e.message === 'string' && /^(Unexpected end of form|Multipart: Boundary not found|Malformed part header)/u.test(e.message)) {
    return new AppError('bad-request', msg.multipartBroken(e.message));
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
    const known = error instanceof AppError ? error : fromParser(error, maxUploadBytes);
    if (known) {
      if (STATUS[known.code] >= 500) req.log?.error({ err: error, code: known.code }, known.message);
      sendError(res, known);
      return;
    }
    req.log?.error({ err: error }, 'unexpected error');
    sendError(res, new AppError('internal', msg.internal));
  };
}

export const apiNotFound: RequestHandler = (_req, _res, next) => next(new AppError('not-found', msg.notFound));
