/**
 * The running sync service: opens the data folder's store (or the PostgreSQL database of
 * `config.databaseUrl`), starts the reader pool, creates the
 * admin token on a folder's first start, and listens over HTTPS (when certificates are
 * configured) or HTTP. `stop()` shuts down gracefully: no new connections, requests in flight
 * finish (each intake commits or never started), then the reader pool, the document thread
 * (started by the first download: server/documents/renderThread.ts) and the store close.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import type { AppContext } from '../app/context';
import { ReaderPool } from '../app/reader/pool';
import { closeDocumentThread } from '../documents/renderThread';
import { ensureAdminToken } from '../app/units';
import type { ServerConfig } from '../config/config';
import { packageRoot } from '../config/paths';
import { lockDataFolder } from '../store/lock';
import { openStore } from '../store/open';
import { createHttpApp } from './app';

/** Another `serve` holds the data folder. */
export class DataFolderLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(`data folder in use by another server: ${dataDir}`);
    this.name = 'DataFolderLockedError';
  }
}

const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningService {
  url: string;
  /** Set on the first start of a data folder only: print it once. */
  adminToken: string | undefined;
  ctx: AppContext;
  stop(): Promise<void>;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/**
 * Starts the service on its data folder. Throws DataFolderLockedError when another server holds
 * the folder; a folder that cannot be written throws its EACCES / EROFS / ENOSPC error.
 */
export async function startService(config: ServerConfig, registry: CriteriaRegistry, log: Logger): Promise<RunningService> {
  await mkdir(config.dataDir, { recursive: true });
  // SQLite: one server per data folder. PostgreSQL: several servers share the database (that is
  // what it is for) and may share the folder, which then holds only sets, templates and temp files.
  const lock = config.databaseUrl ? { release: () => undefined } : lockDataFolder(config.dataDir);
  if (!lock) throw new DataFolderLockedError(config.dataDir);
  let store;
  try {
    // WAL checkpoints in a thread of their own: none runs inside a commit on the event loop.
    store = await openStore(config.dataDir, config.databaseUrl, {
      checkpoints: 'background',
      onBackgroundError: (error) => log.error({ err: error }, 'store background work failed'),
    });
    // Only servers sweep, and only what dead processes left behind (temp files are named by pid).
    const swept = await store.sweepStaleTemp();
    if (swept > 0) log.info({ swept }, 'stale temp files removed');
    // A folder that opens but cannot be written (read-only mount) is found now, not at the first upload.
    await store.probeWritable();
  } catch (error) {
    await store?.close();
    lock.release();
    throw error;
  }
  const reader = new ReaderPool({
    registry,
    ...(config.reader.size !== undefined ? { size: config.reader.size } : {}),
    timeoutMs: config.reader.timeoutMs,
    maxOldGenerationSizeMb: config.reader.maxOldGenerationSizeMb,
    limits: { maxFileBytes: config.maxUploadBytes },
  });
  const ctx: AppContext = { store, registry, reader, now: () => new Date(), log };
  try {
    const adminToken = await ensureAdminToken(ctx);
    const app = createHttpApp(ctx, {
      corsOrigins: config.corsOrigins, rateLimitPerMinute: config.rateLimitPerMinute, maxUploadBytes: config.maxUploadBytes,
      webDir: config.webDir, issuingBody: config.issuingBody, place: config.place, version: packageVersion(), dataDir: config.dataDir,
      uploadsPerSender: config.intake.uploadsPerToken, refusedQuotaBytes: config.intake.refusedQuotaBytes,
      maxQueuedBytes: config.intake.maxQueuedBytes, signInFailuresPerAddress: config.intake.signInFailures,
      readers: config.reader.size ?? Math.max(1, Math.min(4, availableParallelism())),
    });
    const server = config.tls
      ? https.createServer({ cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) }, app)
      : http.createServer(app);
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    // The development certificate is for "localhost"; over HTTP the literal address avoids ::1 vs 127.0.0.1 surprises.
    const anyAddress = host === '0.0.0.0' || host === '[::]';
    const shownHost = config.tls && (anyAddress || host === '127.0.0.1' || host === '[::1]') ? 'localhost' : anyAddress ? '127.0.0.1' : host;
    const url = `${config.tls ? 'https' : 'http'}://${shownHost}:${address.port}`;
    let stopping: Promise<void> | undefined;
    return {
      url, adminToken, ctx,
      stop: () => (stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          // Requests in flight finish; connections still open after the grace period are cut.
          const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
          server.close(() => {
            clearTimeout(force);
            resolve();
          });
          server.closeIdleConnections();
        });
        await reader.close();
        await closeDocumentThread();
        await store.close();
        lock.release();
      })()),
    };
  } catch (error) {
    await reader.close();
    await store.close();
    lock.release();
    throw error;
  }
}
