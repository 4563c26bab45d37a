/**
 * The SQLite store on a real file: the store contract (./support/storeContract.ts, with the
 * server's background checkpoints), migrations, group commit at close, temp files, refusal of a
 * newer schema, WAL checkpoints off the event loop, a failed WAL fsync.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { CheckpointError, WalCheckpointer } from '../../server/store/sqlite/checkpointer';
import { migrate, MIGRATIONS, SchemaTooNewError } from '../../server/store/sqlite/migrations';
import { DATABASE_FILE, SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { StoreFailedError, type Change } from '../../server/store/store';
import { change, sha, storeContract, submission } from './support/storeContract';
import { runCli } from './support/serveProcess';
import { tempDir } from './support/harness';

storeContract('SQLite', async () => {
  const dir = tempDir();
  const store = await SqliteStore.open(dir, { checkpoints: 'background' });
  return {
    store,
    async exec(sql) {
      const db = new Database(path.join(dir, DATABASE_FILE));
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    close: () => store.close(),
  };
});

describe('SQLite store', () => {
  it('migrates once, then reopens the same folder without migrating again', async () => {
    const dir = tempDir();
    const first = await SqliteStore.open(dir);
    await first.close();
    const second = await SqliteStore.open(dir);
    await second.close();
    const db = new Database(path.join(dir, 'dien-hinh.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('upgrades a data folder of schema 6: its audit entries kept, from then on append-only', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, DATABASE_FILE));
    migrate(db, MIGRATIONS.filter((m) => m.version <= 6));
    db.prepare("INSERT INTO audit_log (at, actor, action, unit_id, detail) VALUES ('2026-11-01T03:00:00.000Z', 'admin', 'units-import', NULL, 'before')").run();
    // Schema 6 let a row be rewritten: the upgrade is what stops it.
    db.prepare("UPDATE audit_log SET detail = 'rewritten before the upgrade'").run();
    db.close();
    const store = await SqliteStore.open(dir);
    try {
      expect((await store.audit({})).map((e) => [e.actor, e.action, e.detail])).toEqual([['admin', 'units-import', 'rewritten before the upgrade']]);
    } finally {
      await store.close();
    }
    const upgraded = new Database(path.join(dir, DATABASE_FILE));
    try {
      expect(upgraded.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: Math.max(...MIGRATIONS.map((m) => m.version)) });
      // Schema 8: the same bytes may be a new version (a return to an older one); refused bytes stay one row.
      const unique = new Map((upgraded.pragma('index_list(submissions)') as { name: string; unique: number }[]).map((i) => [i.name, i.unique]));
      expect([unique.get('submissions_same_file'), unique.get('submissions_same_refused')]).toEqual([0, 1]);
      expect(() => upgraded.prepare("UPDATE audit_log SET detail = 'after'").run()).toThrow(/append-only/u);
      expect(() => upgraded.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/u);
      expect(upgraded.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    } finally {
      upgraded.close();
    }
  });

  it('refuses a data folder written by a newer program, and serve says so in Vietnamese', async () => {
    const dir = tempDir();
    await (await SqliteStore.open(dir)).close();
    const db = new Database(path.join(dir, 'dien-hinh.sqlite'));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')").run();
    db.close();
    await expect(SqliteStore.open(dir)).rejects.toBeInstanceOf(SchemaTooNewError);
    const serve = await runCli(['serve', '--http', '--port', '0', '--data', dir]);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toMatch(/mới hơn chương trình này/u);
  });

  it('commits the submissions waiting for their group commit before it closes, and answers them', async () => {
    const dir = tempDir();
    const store = await SqliteStore.open(dir);
    await store.upsertUnits([{ name: 'A', kind: 'co-quan', parent: '', contact: '' }], { ...change, detail: () => 'import' });
    const unitId = (await store.listUnits())[0]!.id;
    const waiting = [5, 6].map((n) => store.recordSubmission(submission(unitId, sha(n)), audit));
    await store.close();
    expect((await Promise.all(waiting)).map((w) => w.record.version)).toEqual([1, 2]);
    const reopened = await SqliteStore.open(dir);
    try {
      expect((await reopened.listSubmissions({ unitId })).map((r) => r.sha256)).toEqual([sha(5), sha(6)]);
    } finally {
      await reopened.close();
    }
  });

  it('writes files by content hash; opening never empties temp files, the sweep removes only dead processes\' ones', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'files', '.tmp'), { recursive: true });
    // A process that has exited (its pid is free again) and one that runs: this test's own.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(path.join(dir, 'files', '.tmp', `${dead}-abc`), 'half');
    writeFileSync(path.join(dir, 'files', '.tmp', `${process.pid}-def`), 'in flight');
    const store = await SqliteStore.open(dir);
    try {
      expect(readdirSync(path.join(dir, 'files', '.tmp')).sort()).toEqual([`${dead}-abc`, `${process.pid}-def`].sort());
      expect(await store.sweepStaleTemp()).toBe(1);
      expect(readdirSync(path.join(dir, 'files', '.tmp'))).toEqual([`${process.pid}-def`]);
      await store.putFile(sha(10), Buffer.from('xlsx bytes'));
      await store.putFile(sha(10), Buffer.from('xlsx bytes'));
      expect(existsSync(path.join(dir, 'files', sha(10).slice(0, 2), `${sha(10)}.xlsx`))).toBe(true);
      expect(await store.hasFile(sha(11))).toBe(false);
      await expect(store.putFile('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/not a sha256/u);
    } finally {
      await store.close();
    }
  });
});

/** WAL bytes of a data folder's database now (0 when the file is absent). */
function walBytes(dir: string): number {
  return statSync(path.join(dir, `${DATABASE_FILE}-wal`), { throwIfNoEntry: false })?.size ?? 0;
}

const audit = (): Pick<Change, 'action' | 'detail'> => ({ action: 'submission', detail: 'x' });

describe('SQLite WAL checkpoints in the background (the server)', () => {
  const THRESHOLD = 512 * 1024;

  it('keeps the WAL bounded under many writes with SQLite\'s own checkpoints off, and close leaves everything in the database file', async () => {
    const dir = tempDir();
    // Idle checkpoints out of the way: only the checkpoints started by the WAL's size keep it bounded here.
    const store = await SqliteStore.open(dir, { checkpoints: 'background', checkpointThresholdBytes: THRESHOLD, checkpointIdleMs: 600_000 });
    await store.upsertUnits([{ name: 'A', kind: 'co-quan', parent: '', contact: '' }], { ...change, detail: () => 'import' });
    const unitId = (await store.listUnits())[0]!.id;
    // Rows of ~4 KB in groups of 20: about 16 MB through the WAL, 32 times the threshold.
    const ROWS = 4000;
    let largest = 0;
    for (let n = 0; n < ROWS; n += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.recordSubmission(
        { ...submission(unitId, sha(n + i + 1)), fileName: `${'x'.repeat(4000)}.xlsx` }, audit,
      )));
      largest = Math.max(largest, walBytes(dir));
    }
    // Without the checkpointer the WAL would hold every row (SQLite's automatic checkpoint is off on
    // this connection); with it, about 4 × the threshold (where group commits wait for it) and a group.
    expect(statSync(path.join(dir, DATABASE_FILE)).size + walBytes(dir)).toBeGreaterThan(16 * 1024 * 1024);
    expect(largest).toBeLessThan(8 * THRESHOLD);
    await store.close();
    expect(walBytes(dir)).toBe(0);
    // The database file alone (no WAL beside it) holds every row.
    const copy = tempDir();
    copyFileSync(path.join(dir, DATABASE_FILE), path.join(copy, DATABASE_FILE));
    const db = new Database(path.join(copy, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM submissions').get()).toEqual({ n: ROWS });
    } finally {
      db.close();
    }
  });

  it('empties the WAL once writes stop', async () => {
    const dir = tempDir();
    const store = await SqliteStore.open(dir, { checkpoints: 'background', checkpointIdleMs: 50 });
    try {
      await store.upsertUnits([{ name: 'A', kind: 'co-quan', parent: '', contact: '' }], { ...change, detail: () => 'import' });
      expect(walBytes(dir)).toBeGreaterThan(0);
      await vi.waitFor(() => expect(walBytes(dir)).toBe(0), { timeout: 20_000, interval: 50 });
      // Another connection (a command beside the server) finds the rows in the database file.
      expect((await store.listUnits()).map((u) => u.name)).toEqual(['A']);
    } finally {
      await store.close();
    }
  });

  it('reports a failed checkpoint (the thread\'s end, SQLite\'s error), keeps it as the problem and retries until one succeeds', async () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    const setup = new Database(file);
    setup.pragma('journal_mode = WAL');
    setup.exec('CREATE TABLE t (x)');
    setup.close();
    const errors: CheckpointError[] = [];
    const checkpointer = await WalCheckpointer.start({ databaseFile: file, busyTimeoutMs: 100, thresholdBytes: 0, idleMs: 100, onError: (e) => errors.push(e) });
    // Another program takes the database for itself (exclusive locking mode) and writes to it.
    const other = new Database(file);
    try {
      other.pragma('locking_mode = EXCLUSIVE');
      // The checkpointer's thread dies (as a crash would end it).
      await (checkpointer as unknown as { worker: Worker }).worker.terminate();
      other.prepare('INSERT INTO t VALUES (?)').run(randomBytes(3000));
      expect(errors[0]?.message).toMatch(/thread ended/u);
      // Retried without any commit (the idle timer): a new thread, which cannot read the database while the other program holds it.
      await vi.waitFor(() => expect(errors.some((e) => e.code === 'SQLITE_BUSY')).toBe(true), { timeout: 20_000, interval: 20 });
      expect(checkpointer.problem).toBeInstanceOf(CheckpointError);
      expect(checkpointer.completed).toBe(0);
    } finally {
      other.close();
    }
    // Once the other program is gone, a retry succeeds and the problem is cleared.
    await vi.waitFor(() => expect(checkpointer.problem).toBeUndefined(), { timeout: 20_000, interval: 20 });
    expect(checkpointer.completed).toBeGreaterThan(0);
    await checkpointer.close();
    expect(walBytes(dir)).toBe(0);
  });

  it('a store whose checkpointer fails says so where health looks (probeWritable) and to its log, until a checkpoint succeeds again', async () => {
    const dir = tempDir();
    const errors: Error[] = [];
    const store = await SqliteStore.open(dir, { checkpoints: 'background', checkpointIdleMs: 100, onBackgroundError: (e) => errors.push(e) });
    try {
      await store.upsertUnits([{ name: 'A', kind: 'co-quan', parent: '', contact: '' }], { ...change, detail: () => 'import' });
      await store.probeWritable();
      // The checkpointer's thread dies (as a crash would end it).
      const checkpointer = (store as unknown as { checkpointer: { worker: Worker } }).checkpointer;
      await checkpointer.worker.terminate();
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/thread ended/u)]);
      await expect(store.probeWritable()).rejects.toBeInstanceOf(CheckpointError);
      // The next idle checkpoint starts another thread and empties the WAL: the problem is gone.
      await vi.waitFor(() => expect(store.problem()).toBeUndefined(), { timeout: 20_000, interval: 50 });
      await store.probeWritable();
      expect(walBytes(dir)).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('SQLite store after a failed WAL fsync', () => {
  it('refuses every write and every read that could answer with a row it may have lost, until reopened', async () => {
    const dir = tempDir();
    let failing = false;
    const eio = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    const store = await SqliteStore.open(dir, {
      checkpoints: 'background',
      syncWal: async () => {
        if (failing) throw eio;
      },
    });
    let unitId: string;
    try {
      await store.upsertUnits([{ name: 'A', kind: 'co-quan', parent: '', contact: '' }], { ...change, detail: () => 'import' });
      unitId = (await store.listUnits())[0]!.id;
      const kept = await store.recordSubmission(submission(unitId, sha(1)), audit);
      expect(kept.duplicate).toBe(false);
      failing = true;
      // The batch whose fsync failed: its sender is told so.
      await expect(store.recordSubmission(submission(unitId, sha(2)), audit)).rejects.toBe(eio);
      failing = false;
      // Its resend is not answered as a duplicate of a row that may not be on disk; nothing else is written.
      await expect(store.recordSubmission(submission(unitId, sha(2)), audit)).rejects.toBeInstanceOf(StoreFailedError);
      await expect(store.findSubmission({ sha256: sha(2), unitId, year: 2026, stage: 'final' })).rejects.toBeInstanceOf(StoreFailedError);
      await expect(store.submissionsWithFile(sha(2))).rejects.toBeInstanceOf(StoreFailedError);
      await expect(store.recordSubmission(submission(unitId, sha(3)), audit)).rejects.toBeInstanceOf(StoreFailedError);
      await expect(store.addException(unitId, 2026, 'final', 'x', change)).rejects.toBeInstanceOf(StoreFailedError);
      // Health's probe says so (the server answers 503).
      await expect(store.probeWritable()).rejects.toBeInstanceOf(StoreFailedError);
      // Nothing found is still nothing found.
      expect(await store.findSubmission({ sha256: sha(9), unitId, year: 2026, stage: 'final' })).toBeUndefined();
    } finally {
      await store.close();
    }
    // Restarted: the store recovered from what is on disk (here the fsync did not really fail, so the row is there).
    const reopened = await SqliteStore.open(dir, { checkpoints: 'background' });
    try {
      const resend = await reopened.recordSubmission(submission(unitId, sha(2)), audit);
      expect(resend.duplicate).toBe(true);
      expect((await reopened.recordSubmission(submission(unitId, sha(3)), audit)).record.version).toBe(3);
      await reopened.probeWritable();
    } finally {
      await reopened.close();
    }
  });
});
