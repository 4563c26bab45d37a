/**
 * The Express application: `/api` (JSON, helmet defaults, CORS for the add-in, a rate limit per
 * token, bearer-token auth), the task pane at `/addin/` and the console at `/`.
 */
import { randomUUID } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { AppContext } from '../app/context';
import { authenticate, requireAdmin } from './auth';
import './context';
import { apiNotFound, errorHandler } from './errors';
import { rateLimiter } from './limits';
import { documentsRouter } from './routes/documents';
import { setDetailRouter } from './routes/sets';
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
}

export function createHttpApp(ctx: AppContext, options: HttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(ctx.log));

  const api = Router();
  api.use(apiHeaders, apiCors(options.corsOrigins), rateLimiter(options.rateLimitPerMinute));
  api.get('/health', async (_req, res) => {
    await ctx.store.adminTokenCount();
    res.json({ ok: true, version: options.version, time: ctx.now().toISOString() });
  });
  api.use(authenticate(ctx.store));
  api.use(submissionsRouter(ctx, options.maxUploadBytes));
  api.use(express.json({ limit: '1mb' }));
  api.use(settingsRouter(ctx));
  api.use(setDetailRouter(ctx));
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
