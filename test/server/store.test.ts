/** The SQLite store on a real file: the store contract (./support/storeContract.ts), migrations, group commit at close, temp files, refusal of a newer schema. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, SchemaTooNewError } from '../../server/store/sqlite/migrations';
import { DATABASE_FILE, SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { change, sha, storeContract, submission } from './support/storeContract';
import { runCli } from './support/serveProcess';
import { tempDir } from './support/harness';

storeContract('SQLite', async () => {
  const dir = tempDir();
  const store = await SqliteStore.open(dir);
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
      expect(upgraded.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 7 });
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
    const waiting = [5, 6].map((n) => store.recordSubmission(submission(unitId, sha(n)), () => ({ action: 'submission', detail: 'x' })));
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
