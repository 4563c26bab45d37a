/** The SQLite store on a real file: migrations, group commit, idempotency, temp files, refusal of a newer schema. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SchemaTooNewError } from '../../server/store/sqlite/migrations';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import type { NewSubmission } from '../../server/store/store';
import type { CheckResult } from '../../shared/workbook/check';
import { runCli } from './support/serveProcess';
import { tempDir } from './support/harness';

const RESULT: CheckResult = {
  ok: true, unit: null, setId: null, setVersion: null, setHash: null, draftSet: null, scores: [], total: null, max: null,
  threshold: null, hardFailures: [], dossier: {}, band: null, eligible: false, reasons: [], errors: [], warnings: [],
};
const change = { by: 'test', at: new Date('2026-11-01T00:00:00Z'), action: 'test', detail: 'test' };

function submission(unitId: string | null, sha256: string, valid = true): NewSubmission {
  return {
    unitId, year: 2026, stage: 'final', sha256, size: 1, fileName: 'a.xlsx', receivedAt: new Date('2026-11-01T00:00:00Z'),
    late: false, daysLate: 0, valid, result: RESULT, errors: [], actor: 'test',
  };
}
const sha = (n: number) => n.toString(16).padStart(64, '0');

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

  it('commits submissions that arrive together in one transaction, each in its own savepoint', async () => {
    const store = await SqliteStore.open(tempDir());
    try {
      await store.upsertUnits([{ name: 'A', kind: 'co-quan', parent: '', contact: '' }], { ...change, detail: () => 'import' });
      const unitId = (await store.listUnits())[0]!.id;
      const audit = () => ({ action: 'submission', detail: 'x' });
      const answers = await Promise.allSettled([
        store.recordSubmission(submission(unitId, sha(1)), audit),
        store.recordSubmission(submission(unitId, sha(2)), audit),
        // A unit that does not exist breaks the foreign key: only this one fails.
        store.recordSubmission(submission('no-such-unit', sha(3)), audit),
        store.recordSubmission(submission(unitId, sha(1)), audit),
        store.recordSubmission(submission(unitId, sha(4), false), audit),
      ]);
      expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const values = answers.map((a) => (a.status === 'fulfilled' ? a.value : undefined));
      expect(values.map((v) => v && [v.record.version, v.duplicate])).toEqual([[1, false], [2, false], undefined, [1, true], [null, false]]);
      expect(values[3]!.record.id).toBe(values[0]!.record.id);
      const rows = await store.listSubmissions({ unitId });
      expect(rows.map((r) => r.sha256)).toEqual([sha(1), sha(2), sha(4)]);
      expect((await store.audit({})).filter((e) => e.action === 'submission')).toHaveLength(3);
    } finally {
      await store.close();
    }
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
