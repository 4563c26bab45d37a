/**
 * The PostgreSQL store on a real throwaway server (test/support/postgres.ts): the store contract,
 * migrations once and refused when newer, and two stores (two connection pools, as two processes
 * would have) writing the same units at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { migratePg, PG_MIGRATIONS } from '../../server/store/postgres/migrations';
import { insertAudit, PgStore } from '../../server/store/postgres/pgStore';
import { SchemaTooNewError } from '../../server/store/sqlite/migrations';
import { startPostgres, type PgCluster } from '../support/postgres';
import { tempDir } from './support/harness';
import { runCli } from './support/serveProcess';
import { change, shaOf, storeContract, submission } from './support/storeContract';
import type { Change } from '../../server/store/store';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

storeContract('PostgreSQL', async () => {
  const url = await cluster.createDatabase();
  const store = await PgStore.open(url, tempDir());
  return { store, exec: async (sql) => { await query(url, sql); }, close: () => store.close() };
});

describe('PostgreSQL store', () => {
  it('migrates once; a second process opening the same database at the same moment waits, then migrates nothing', async () => {
    const url = await cluster.createDatabase();
    const [a, b] = await Promise.all([PgStore.open(url, tempDir()), PgStore.open(url, tempDir())]);
    await Promise.all([a.close(), b.close()]);
    const versions = (await query(url, 'SELECT version FROM schema_migrations ORDER BY version')).rows;
    expect(versions).toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version })));
  });

  it('upgrades a database of schema 6: its audit entries kept, from then on append-only', async () => {
    const url = await cluster.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migratePg(client, PG_MIGRATIONS.filter((m) => m.version <= 6));
      await client.query("INSERT INTO audit_log (at, actor, action, detail) VALUES ('2026-11-01T03:00:00Z', 'admin', 'units-import', 'before')");
      // Schema 6 let a row be rewritten: the upgrade is what stops it.
      await client.query("UPDATE audit_log SET detail = 'rewritten before the upgrade'");
    } finally {
      await client.end();
    }
    const store = await PgStore.open(url, tempDir());
    try {
      expect((await store.audit({})).map((e) => [e.actor, e.action, e.detail])).toEqual([['admin', 'units-import', 'rewritten before the upgrade']]);
    } finally {
      await store.close();
    }
    expect((await query(url, 'SELECT MAX(version) AS v FROM schema_migrations')).rows).toEqual([{ v: Math.max(...PG_MIGRATIONS.map((m) => m.version)) }]);
    await expect(query(url, "UPDATE audit_log SET detail = 'after'")).rejects.toThrow(/append-only/u);
    await expect(query(url, 'DELETE FROM audit_log')).rejects.toThrow(/append-only/u);
    await expect(query(url, 'TRUNCATE audit_log')).rejects.toThrow(/append-only/u);
    expect((await query(url, 'SELECT COUNT(*)::int AS n FROM audit_log')).rows).toEqual([{ n: 1 }]);
  });

  it('refuses a database migrated by a newer program, and serve says so in Vietnamese', async () => {
    const url = await cluster.createDatabase();
    await (await PgStore.open(url, tempDir())).close();
    await query(url, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', now())");
    await expect(PgStore.open(url, tempDir())).rejects.toBeInstanceOf(SchemaTooNewError);
    const serve = await runCli(['serve', '--http', '--port', '0', '--data', tempDir(), '--database-url', url]);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toMatch(/PostgreSQL ở phiên bản 99, mới hơn chương trình này/u);
  });

  it('serve and the store commands say in Vietnamese when they cannot reach the database (password hidden), or it is not PostgreSQL', async () => {
    const serve = await runCli(['serve', '--http', '--port', '0', '--data', tempDir(), '--database-url', cluster.url('no_such_database')]);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toMatch(/Không kết nối được cơ sở dữ liệu PostgreSQL .*3D000/u);
    const units = await runCli(['units', 'list', '--data', tempDir(), '--database-url', 'postgres://nobody:secret@127.0.0.1:1/x']);
    expect(units.code).toBe(1);
    expect(units.stderr).toMatch(/^Không kết nối được cơ sở dữ liệu PostgreSQL postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/x \(ECONNREFUSED/u);
    const notPostgres = await runCli(['units', 'list', '--database-url', 'mysql://localhost/x']);
    expect(notPostgres.code).toBe(2);
    expect(notPostgres.stderr).toMatch(/phải là địa chỉ PostgreSQL/u);
  });

  it('keeps the bytes of a stored file unchangeable, and refuses bytes that do not hash to their key', async () => {
    const url = await cluster.createDatabase();
    const store = await PgStore.open(url, tempDir());
    try {
      const bytes = Buffer.from('workbook');
      await store.putFile(shaOf(bytes), bytes);
      await expect(query(url, `UPDATE files SET stored_at = now() WHERE sha256 = '${shaOf(bytes)}'`)).rejects.toThrow(/append-only/u);
      await expect(store.putFile(shaOf(Buffer.from('other')), bytes)).rejects.toThrow(/check constraint/u);
      await expect(query(url, 'TRUNCATE submissions CASCADE')).rejects.toThrow(/append-only/u);
      await expect(query(url, 'TRUNCATE audit_log')).rejects.toThrow(/append-only/u);
    } finally {
      await store.close();
    }
  });

  it('two stores on one database (two processes) record at once: versions numbered once, the same bytes once', async () => {
    const url = await cluster.createDatabase();
    const [a, b] = [await PgStore.open(url, tempDir()), await PgStore.open(url, tempDir())];
    try {
      await a.upsertUnits(Array.from({ length: 4 }, (_, i) => ({ name: `Đơn vị ${i}`, kind: 'co-quan' as const, parent: '', contact: '' })), { ...change, detail: () => 'import' });
      const units = await b.listUnits();
      const audit = (): Pick<Change, 'action' | 'detail'> => ({ action: 'submission', detail: 'x' });
      const send = (store: PgStore, unitId: string, bytes: Buffer) => {
        const hash = shaOf(bytes);
        return store.putFile(hash, bytes).then(() => store.recordSubmission(submission(unitId, hash), audit));
      };
      const fileOf = (u: number, n: number) => Buffer.from(`unit ${u} file ${n}`);
      // Seven different files of every unit at once, half through each process: each one version, numbered once.
      const first = await Promise.all(units.flatMap((unit, u) => Array.from({ length: 7 }, (_, n) => send(n % 2 === 0 ? a : b, unit.id, fileOf(u, n)))));
      expect(first.filter((x) => x.duplicate)).toHaveLength(0);
      // Then, for every unit at once, its counted file through both processes at once (a double click: both the
      // same submission), then its version 1 through both at once (a return to it: one new version, one its duplicate).
      const counted = await Promise.all(units.map((unit) => a.countedSubmission({ unitId: unit.id, year: 2026, stage: 'final' })));
      const firsts = await Promise.all(units.map(async (unit) => (await a.listSubmissions({ unitId: unit.id })).find((r) => r.version === 1)!));
      const repeats = await Promise.all(units.map(async (unit, u) => {
        const same = await Promise.all([a, b].map((store) => store.recordSubmission(submission(unit.id, counted[u]!.sha256), audit)));
        const back = await Promise.all([a, b].map((store) => store.recordSubmission(submission(unit.id, firsts[u]!.sha256), audit)));
        return [...same, ...back];
      }));
      const answers = [...first, ...repeats.flat()];
      for (const [u, unit] of units.entries()) {
        const rows = await a.listSubmissions({ unitId: unit.id });
        expect(rows.map((r) => r.version).sort((x, y) => x! - y!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(new Set(rows.map((r) => r.sha256)).size).toBe(7);
        expect(rows.find((r) => r.version === 8)!.sha256).toBe(firsts[u]!.sha256);
      }
      expect(answers.filter((x) => x.duplicate)).toHaveLength(units.length * 3);
      const ids = new Set((await a.listSubmissions({})).map((r) => r.id));
      for (const answer of answers) expect(ids.has(answer.record.id)).toBe(true);
      expect(Number((await query(url, 'SELECT COUNT(*) AS n FROM files')).rows[0].n)).toBe(units.length * 7);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('commits change stamps in id order: while another connection holds audit id N uncommitted, a later write cannot commit N+1, so no reader skips N', async () => {
    const url = await cluster.createDatabase();
    const store = await PgStore.open(url, tempDir());
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await store.upsertUnits(['Công an xã A', 'Công an xã B'].map((name) => ({ name, kind: 'co-quan' as const, parent: '', contact: '' })),
        { ...change, detail: () => 'import' });
      const [a, b] = (await store.listUnits()).map((u) => u.id);
      const seen = await store.changeStamp();
      // Another process's write transaction, paused after its audit entry: id N, not committed yet.
      await other.query('BEGIN');
      await insertAudit(other, a!, { ...change, action: 'exception' });
      const n = Number((await other.query<{ n: string }>('SELECT MAX(id) AS n FROM audit_log')).rows[0]!.n);
      expect(n).toBeGreaterThan(seen);
      // A later write through the store: it must wait for N to commit before it draws its id.
      let laterCommitted = false;
      const later = store.addException(b!, 2026, 'final', 'mở lại', { ...change, action: 'exception' }).then(() => { laterCommitted = true; });
      for (let polls = 0; ; polls++) {
        const waiting = Number((await query(url, "SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n);
        if (waiting > 0 || laterCommitted) break;
        expect(polls, 'the later write neither waits nor commits').toBeLessThan(2_000);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(laterCommitted).toBe(false);
      // A reader meanwhile sees neither: its stamp stays below N, so N is read once committed.
      const during = await store.changesSince(seen, 10);
      expect(during).toEqual({ stamp: seen, changes: [], more: false });
      await other.query('COMMIT');
      await later;
      const after = await store.changesSince(during.stamp, 10);
      expect(after.stamp).toBe(n + 1);
      expect(new Set(after.changes)).toEqual(new Set([{ unitId: a, action: 'exception' }, { unitId: b, action: 'exception' }]));
    } finally {
      await other.end();
      await store.close();
    }
  });
});
