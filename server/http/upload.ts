/**
 * Receives the workbook of an intake request: the raw body with the .xlsx content type (gzip or
 * deflate content encoding accepted), or the `file` field of a multipart form. The body is
 * streamed to a temp file of the store while its SHA-256 is computed, never held in memory, and
 * fsynced through the descriptor that wrote it; the temp file is removed once, by the route or
 * (when the route never took it) when the response ends; intake moves it into place when it keeps it.
 * Anything else is 415; over the limit 413; an empty file or a broken compressed body 400; a full disk 507.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { AppError, problems } from '../app/errors';
import type { Store } from '../store/store';
import { cleanFileName, decodeFileNameHeader } from './fileNames';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ReceivedWorkbook {
  /** The body, complete, in a temp file of the store (see Store.tempPath). */
  tempPath: string;
  size: number;
  sha256: string;
  fileName: string;
  /** The `stage` form field (multipart); the query string is read by the route. */
  stageField: string | undefined;
  /**
   * Removes the temp file now, unless `moved` (the store took it: moved into place or removed) or
   * already done; whatever is left when the response ends is removed then. Each file goes once.
   */
  release(moved?: boolean): Promise<void>;
}

declare module 'express-serve-static-core' {
  interface Request {
    workbook?: ReceivedWorkbook;
  }
}

export function receiveWorkbook(store: Store, maxBytes: number): RequestHandler {
  const form = multer({
    storage: tempFileStorage(store, maxBytes),
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 20 },
    defParamCharset: 'utf8',
  }).single('file');

  return (req, res, next) => {
    // This request's temp files not yet removed or taken by the store: each is removed once.
    const live = new Set<string>();
    const release = async (temp: string, moved = false): Promise<void> => {
      if (live.delete(temp) && !moved) await fs.rm(temp, { force: true });
    };
    // Whatever the outcome, no temp file outlives its request (intake renames the ones it keeps).
    res.once('close', () => {
      for (const temp of [...live]) void release(temp);
    });
    if (req.is(XLSX_MIME)) {
      const declared = Number(req.headers['content-length'] ?? NaN);
      const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
      if (encoding === 'identity' && declared > maxBytes) return next(problems.payloadTooLarge(maxBytes));
      const decoder = decoderFor(encoding);
      if (decoder === null) return next(problems.encodingUnsupported(encoding));
      const temp = store.tempPath();
      live.add(temp);
      const body = detachedBody(req);
      streamToFile(decoder ? [body, decoder] : [body], temp, maxBytes).then(({ size, sha256 }) => {
        // 0 bytes is the sender's file, empty (a browser sends a chosen empty file so): not a missing one.
        if (size === 0) {
          release(temp).finally(() => next(problems.emptyFile()));
          return;
        }
        const fileName = cleanFileName(decodeFileNameHeader(header(req, 'x-file-name')));
        req.workbook = { tempPath: temp, size, sha256, fileName, stageField: undefined, release: (moved) => release(temp, moved) };
        next();
      }, (error: unknown) => {
        // Removed before the answer: a full disk leaves no partial temp file behind.
        release(temp).finally(() => next(error));
      });
      return;
    }
    if (req.is('multipart/form-data')) {
      form(req, res, (error?: unknown) => {
        const file = req.file as (Express.Multer.File & { tempPath?: string; sha256?: string }) | undefined;
        const temp = file?.tempPath;
        if (temp) live.add(temp);
        if (error) return next(error);
        if (!file?.tempPath || !file.sha256) return next(problems.multipartNoFile());
        if (file.size === 0) return next(problems.emptyFile());
        const body = req.body as Record<string, unknown> | undefined;
        const stage = typeof body?.stage === 'string' ? body.stage : undefined;
        const named = decodeFileNameHeader(header(req, 'x-file-name')) ?? file.originalname;
        req.workbook = {
          tempPath: file.tempPath, size: file.size, sha256: file.sha256, fileName: cleanFileName(named), stageField: stage,
          release: (moved) => release(file.tempPath!, moved),
        };
        next();
      });
      return;
    }
    next(problems.unsupportedMediaType(req.headers['content-type'] ?? ''));
  };
}

/** undefined: no decoding; null: an encoding we do not take. */
function decoderFor(encoding: string): Transform | undefined | null {
  if (encoding === 'identity' || encoding === '') return undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip();
  if (encoding === 'deflate') return zlib.createInflate();
  return null;
}

/**
 * Streams a body into `file` (created, never overwritten), counting and hashing the bytes as they
 * pass, then fsyncs it through the descriptor that wrote it: the file is complete and on disk when
 * this resolves, so the store moves it into place without opening or reading it again. Over
 * `maxBytes` it stops with 413. A broken compressed stream is 400, a full disk 507, a read-only
 * folder 503. The caller removes the file.
 */
export async function streamToFile(source: readonly Readable[], file: string, maxBytes: number): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(problems.payloadTooLarge(maxBytes));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    // flush: fsync before the stream closes its descriptor.
    await pipeline([...source, meter, createWriteStream(file, { flags: 'wx', flush: true })]);
  } catch (error) {
    throw bodyError(error);
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * The request's body as a stream whose failure does not destroy the request: a pipeline stopped
 * partway (413 past the limit, a broken gzip stream, a full disk) destroys its streams, and
 * destroying the request would reset the connection before the answer is read. The rest of the
 * body is left for the error answer (settleUnreadBody). A sender that goes away
 * mid-body fails the stream with the request's error (ECONNRESET, "aborted").
 */
function detachedBody(req: IncomingMessage): Readable {
  const body = new PassThrough();
  req.on('error', (error) => body.destroy(error));
  return req.pipe(body);
}

/** The longest a refused body is read and thrown away before its connection is closed anyway. */
const DISCARD_BODY_MS = 30_000;

/**
 * What becomes of a request's body not yet received when its answer is sent first (refused at
 * once: 401, 413 by its declared length, 415, 429; or stopped partway: 413 past the limit, a full
 * disk). Closing a connection with bytes unread makes the kernel reset it, and browsers and
 * undici then report a network error instead of the answer and its Vietnamese message; so:
 * - an answer a person must read (anything but 429): the rest of the body is read as it arrives
 *   and thrown away (nothing kept: the cost is the bytes the sender sends anyway), for up to
 *   DISCARD_BODY_MS (as nginx's lingering close), then the connection is closed;
 * - 429, the refusal of a flood (too many uploads at once, requests, failed sign-ins): the
 *   connection closes after the answer and the body is never read. A flood's bytes are not worth
 *   reading: measured in the intake bench, draining its 2 MB bodies let the flood send 472 a
 *   second instead of 296, kept the event loop 71 % busy instead of 49 %, and raised the other
 *   units' p95 from 121 to 476 ms. Its sender may see a reset connection instead of the answer.
 * A body already received, or a request without one, is left alone.
 */
export function settleUnreadBody(req: IncomingMessage, res: ServerResponse, status: number): void {
  if (req.complete || req.destroyed) return;
  if (status === 429) {
    res.setHeader('Connection', 'close');
    return;
  }
  const timer = setTimeout(() => req.socket.destroy(), DISCARD_BODY_MS).unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.unpipe();
  req.resume();
}

/** What a failure while receiving a body means for the sender. */
function bodyError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('Z_') || code === 'ERR_ZLIB_INITIALIZATION_FAILED') return problems.badCompressedBody();
  if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE') return problems.bodyAborted();
  return storageError(error) ?? error;
}

/** A full disk or a folder that cannot be written, as the AppError the sender reads; else undefined. */
export function storageError(error: unknown): AppError | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return problems.storageFull();
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return problems.storageReadOnly();
  return undefined;
}

/** multer's storage for the `file` field: the same streaming to a temp file, with the hash. */
function tempFileStorage(store: Store, maxBytes: number): multer.StorageEngine {
  return {
    _handleFile(_req, file, callback) {
      const temp = store.tempPath();
      streamToFile([file.stream], temp, maxBytes).then(
        ({ size, sha256 }) => callback(null, { size, tempPath: temp, sha256 } as Partial<Express.Multer.File>),
        (error: unknown) => {
          // Multer reports its own size error; ours (a full disk, say) goes through as it is, the temp file gone first.
          fs.rm(temp, { force: true }).finally(() => callback(error as Error));
        },
      );
    },
    _removeFile(_req, file, callback) {
      const temp = (file as Express.Multer.File & { tempPath?: string }).tempPath;
      if (!temp) return callback(null);
      fs.rm(temp, { force: true }).then(() => callback(null), callback);
    },
  };
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
