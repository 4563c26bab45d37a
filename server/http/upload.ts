/**
 * Receives the workbook of an intake request: the raw body with the .xlsx content type, or the
 * `file` field of a multipart form (in memory, bounded). Anything else is 415; over the limit 413.
 */
import express, { type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from '../app/errors';
import { msg } from '../app/messages';
import { cleanFileName, decodeFileNameHeader } from './fileNames';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ReceivedWorkbook {
  bytes: Buffer;
  fileName: string;
  /** The `stage` form field (multipart); the query string is read by the route. */
  stageField: string | undefined;
}

declare module 'express-serve-static-core' {
  interface Request {
    workbook?: ReceivedWorkbook;
  }
}

export function receiveWorkbook(maxBytes: number): RequestHandler {
  const raw = express.raw({ type: () => true, limit: maxBytes });
  const form = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 20 },
    defParamCharset: 'utf8',
  }).single('file');

  return (req, res, next) => {
    if (req.is(XLSX_MIME)) {
      raw(req, res, (error?: unknown) => {
        if (error) return next(error);
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        if (bytes.length === 0) return next(new AppError('empty-body', msg.emptyBody));
        req.workbook = { bytes, fileName: cleanFileName(decodeFileNameHeader(header(req, 'x-file-name'))), stageField: undefined };
        next();
      });
      return;
    }
    if (req.is('multipart/form-data')) {
      form(req, res, (error?: unknown) => {
        if (error) return next(error);
        const file = req.file;
        if (!file) return next(new AppError('empty-body', msg.multipartNoFile));
        if (file.size === 0) return next(new AppError('empty-body', msg.emptyBody));
        const body = req.body as Record<string, unknown> | undefined;
        const stage = typeof body?.stage === 'string' ? body.stage : undefined;
        const named = decodeFileNameHeader(header(req, 'x-file-name')) ?? file.originalname;
        req.workbook = { bytes: file.buffer, fileName: cleanFileName(named), stageField: stage };
        next();
      });
      return;
    }
    next(new AppError('unsupported-media-type', msg.unsupportedMediaType(req.headers['content-type'] ?? '')));
  };
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
