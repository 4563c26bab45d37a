/**
 * The real sync service for tests: a SQLite store in a fresh temporary folder, the real reader
 * pool (worker threads from dist/, built by `npm test`), the real Express app. A settable clock
 * lets tests stand before, after and past a deadline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { afterAll } from 'vitest';
import { createRegistry, type CriteriaRegistry } from '../../../shared/criteria/load';
import { defaultCriteriaSets } from '../../../shared/criteria/defaults';
import type { CriteriaSet } from '../../../shared/criteria/schema';
import type { AppContext } from '../../../server/app/context';
import { ReaderPool } from '../../../server/app/reader/pool';
import { ensureAdminToken, importUnits, issueUnitTokens, type IssuedToken } from '../../../server/app/units';
import { createHttpApp, type HttpOptions } from '../../../server/http/app';
import { SqliteStore, type SqliteStoreOptions } from '../../../server/store/sqlite/sqliteStore';
import type { Change, NewUnit, Store } from '../../../server/store/store';
import { makeWorkbookBytes } from '../../support/workbooks';
import { vietnamDate } from '../../../shared/deadlines/vietnamTime';
import { fullFill, type Fill } from '../../support/fill';

export const SETS = defaultCriteriaSets();
export const CO_QUAN_SET: CriteriaSet = SETS.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const created: string[] = [];

/** A fresh folder under the system's temporary folder, removed after the test file. */
export function tempDir(prefix = 'dien-hinh-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface Clock {
  now: Date;
}

export interface TestService {
  app: ReturnType<typeof createHttpApp>;
  ctx: AppContext;
  store: SqliteStore;
  dataDir: string;
  adminToken: string;
  clock: Clock;
  registry: CriteriaRegistry;
  /** Imports units and issues their tokens; returns the tokens by unit name. */
  addUnits(units: NewUnit[]): Promise<Map<string, IssuedToken>>;
  close(): Promise<void>;
}

export async function startTestService(
  options: Partial<HttpOptions> & { now?: Date; readTimeoutMs?: number; readerMemoryMb?: number; log?: Logger; readerWorkerFile?: string; sqlite?: SqliteStoreOptions } = {},
): Promise<TestService> {
  const dataDir = tempDir();
  const store = await SqliteStore.open(dataDir, options.sqlite);
  const registry = createRegistry(SETS);
  const reader = new ReaderPool({
    registry, size: 2, timeoutMs: options.readTimeoutMs ?? 10_000, maxOldGenerationSizeMb: options.readerMemoryMb ?? 256,
    ...(options.readerWorkerFile ? { workerFile: options.readerWorkerFile } : {}),
  });
  const clock: Clock = { now: options.now ?? new Date('2026-11-10T03:00:00Z') };
  const ctx: AppContext = { store, registry, reader, now: () => clock.now, log: options.log ?? pino({ level: 'silent' }) };
  const adminToken = (await ensureAdminToken(ctx))!;
  const { now: _now, readTimeoutMs: _timeout, readerMemoryMb: _memory, log: _log, readerWorkerFile: _worker, sqlite: _sqlite, ...httpOptions } = options;
  const app = createHttpApp(ctx, {
    corsOrigins: ['https://localhost:3000'], rateLimitPerMinute: 100_000, maxUploadBytes: 20 * 1024 * 1024,
    webDir: path.join(dataDir, 'no-web'), issuingBody: undefined, place: 'Đồng Tháp', version: 'test', dataDir,
    ...httpOptions,
  });
  return {
    app, ctx, store, dataDir, adminToken, clock, registry,
    async addUnits(units) {
      await importUnits(ctx, units, 'test');
      const tokens = await issueUnitTokens(ctx, 'test');
      return new Map(tokens.map((t) => [t.name, t]));
    },
    async close() {
      await reader.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function coQuan(name: string, parent = 'Phường 1'): NewUnit {
  return { name, kind: 'co-quan', parent, contact: '' };
}

/** A full, valid cơ quan workbook for a unit (every criterion at its maximum unless `fill` says otherwise). */
export async function workbookFor(name: string, fill: Fill = {}): Promise<Buffer> {
  const base = fullFill(CO_QUAN_SET, name);
  return makeWorkbookBytes(CO_QUAN_SET, {
    ...base, ...fill,
    unit: { ...base.unit, ...fill.unit },
    scores: { ...base.scores, ...fill.scores },
  });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Reopens intake of every stage of the current year for these units (an admin exception), so a
 * real `serve` on the real clock accepts their files whatever today's date is.
 */
export async function reopenThisYear(store: Store, unitIds: readonly string[]): Promise<void> {
  const year = vietnamDate(new Date()).year;
  const change: Change = { by: 'test', at: new Date(), action: 'exception', detail: 'test' };
  for (const unitId of unitIds) {
    for (const stage of ['registration', 'mid-year', 'final'] as const) await store.addException(unitId, year, stage, 'test', change);
  }
}
