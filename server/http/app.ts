/**
 * The Express application: `/api` (JSON, helmet defaults, CORS for the add-in, a rate limit per
 * token, bearer-token auth), the task pane at `/addin/` and the console at `/`.
 */
import { randomUUID } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { HealthResponse } from '../../shared/api/schemas';
import type { AppContext } from '../app/context';
import { DEFAULT_REFUSED_QUOTA_MB, IntakeLimits } from '../app/intake';
import { intakeGuardText } from '../app/messages';
import { ReadQueue } from '../app/readQueue';
import { StoreFailedError } from '../store/store';
import { CheckpointError } from '../store/sqlite/checkpointer';
import { authenticate, requireAdmin } from './auth';
import './context';
import { apiNotFound, errorHandler } from './errors';
import { rateLimiter, SignInGuard } from './limits';
import { documentsRouter } from './routes/documents';
import { settingsRouter } from './routes/settings';
import { submissionsRouter } from './routes/submissions';
import { unitPortalRouter } from './routes/unit';
import { unitsRouter } from './routes/units';
import { apiCors, apiHeaders } from './security';
import { webRouter } from './static';

export interface HttpOptions {
  corsOrigins: readonly string[];
  rateLimitPerMinute: number;
  maxUploadBytes: number;
  webDir: string;
  issuingBody: string | undefined;
  place: string;
  version: string;
  /** The data folder, whose `templates/` may hold the province's own Word templates. */
  dataDir?: string;
  /** Uploads in progress per token (default 4). */
  uploadsPerSender?: number;
  /** Refused files kept per unit, in bytes (default 50 MB). */
  refusedQuotaBytes?: number;
  /** Bytes of uploads waiting for a reader before `busy` (default 512 MB). */
  maxQueuedBytes?: number;
  /** Readers working at once (the pool's size; default 4). */
  readers?: number;
  /** Failed sign-ins per address in 15 minutes before 429 (default 20). */
  signInFailuresPerAddress?: number;
}

export const DEFAULT_UPLOADS_PER_SENDER = 4;
export const DEFAULT_MAX_QUEUED_MB = 512;
export const DEFAULT_SIGN_IN_FAILURES = 20;

export function createHttpApp(ctx: AppContext, options: HttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(ctx.log));

  const readers = options.readers ?? 4;
  const limits = new IntakeLimits(
    options.refusedQuotaBytes ?? DEFAULT_REFUSED_QUOTA_MB * 1024 * 1024,
    // Twice the readers: the next file is loaded while a reader finishes the last one.
    new ReadQueue(ctx.reader, { concurrency: readers * 2, maxQueuedBytes: options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_MB * 1024 * 1024 }),
  );
  const signIn = new SignInGuard(ctx.store, options.signInFailuresPerAddress ?? DEFAULT_SIGN_IN_FAILURES, ctx.log);

  const api = Router();
  api.use(apiHeaders, apiCors(options.corsOrigins), rateLimiter(options.rateLimitPerMinute));
  api.get('/health', async (_req, res) => {
    await ctx.store.adminTokenCount();
    const base: Omit<HealthResponse, 'ok'> = { version: options.version, time: ctx.now().toISOString() };
    try {
      await ctx.store.probeWritable();
    } catch (error) {
      ctx.log.error({ err: error }, 'health: the store cannot take data');
      res.status(503).json({ ok: false, ...base, problem: healthProblem(error) });
      return;
    }
    res.json({ ok: true, ...base });
  });
  api.use(signIn.check);
  api.use(authenticate(ctx.store, signIn));
  api.use(submissionsRouter(ctx, {
    maxUploadBytes: options.maxUploadBytes, uploadsPerSender: options.uploadsPerSender ?? DEFAULT_UPLOADS_PER_SENDER, limits,
  }));
  api.use(express.json({ limit: '1mb' }));
  api.use(settingsRouter(ctx));
  api.use(unitPortalRouter(ctx));
  api.use(requireAdmin);
  api.use(unitsRouter(ctx));
  api.use(documentsRouter(ctx, { issuingBody: options.issuingBody, place: options.place, dataDir: options.dataDir }));
  api.use(apiNotFound);
  app.use('/api', api);

  app.use(webRouter(options.webDir));
  app.use(errorHandler(options.maxUploadBytes));
  return app;
}

/** One line per request: method, path, status, time, who (never the token). */
function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.log = log.child({ req: randomUUID().slice(0, 8) });
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log?.info({ method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

/** What /api/health says of a store that cannot take data: a failed fsync, a failed checkpoint, or a folder that cannot be written. */
function healthProblem(error: unknown): string {
  if (error instanceof StoreFailedError) return intakeGuardText.healthStoreFailed;
  if (error instanceof CheckpointError) return intakeGuardText.healthCheckpointFailed;
  return intakeGuardText.healthReadOnly;
}
