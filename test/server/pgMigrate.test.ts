/**
 * `dien-hinh migrate`: a data folder made by the real service (uploads, a refused file, an
 * idempotency key, reviews, appraisals, a publication, the calendar, document settings, the audit
 * log) copied into an empty PostgreSQL database and checked; then `serve` on PostgreSQL shows the
 * same board and files as `serve` on the folder, with the same tokens. A non-empty target is refused.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { startPostgres, type PgCluster } from '../support/postgres';
import { bearer, coQuan, startTestService, workbookFor, XLSX, type TestService } from './support/harness';
import { runCli, startServe } from './support/serveProcess';
import type { Change } from '../../server/store/store';

const NAMES = ['Văn phòng UBND tỉnh Đồng Tháp', 'Sở Tư pháp tỉnh Đồng Tháp', 'Công an xã Mỹ An'];

let cluster: PgCluster;
let s: TestService;
let unitToken = '';
let firstCode = '';

beforeAll(async () => {
  cluster = await startPostgres();
  s = await startTestService();
  const tokens = await s.addUnits(NAMES.map((n) => coQuan(n)));
  unitToken = tokens.get(NAMES[0]!)!.token;
  for (const [i, name] of NAMES.entries()) {
    for (const [j, fill] of [{}, { scores: { 1: 0 } }].entries()) {
      const res = await request(s.app).post('/api/submissions').set(bearer(tokens.get(name)!.token)).set('Idempotency-Key', `key-${i}-${j}`)
        .set('Content-Type', XLSX).send(await workbookFor(name, fill));
      expect(res.status).toBe(201);
    }
  }
  const refused = await request(s.app).post('/api/submissions').set(bearer(s.adminToken)).set('Content-Type', XLSX).send(Buffer.from('not a workbook'));
  expect(refused.status).toBeGreaterThanOrEqual(400);
  const code = (await s.store.listUnits()).find((u) => u.name === NAMES[0])!.code;
  firstCode = code;
  expect((await request(s.app).post(`/api/units/${code}/review`).set(bearer(s.adminToken)).send({ state: 'has-issues', note: 'Thiếu' })).status).toBe(200);
  expect((await request(s.app).post(`/api/units/${code}/review`).set(bearer(s.adminToken)).send({ state: 'approved', note: '' })).status).toBe(200);
  expect((await request(s.app).put(`/api/units/${code}/appraisal`).set(bearer(s.adminToken)).send({ scores: { 1: 0 } })).status).toBe(200);
  const unitId = (await s.store.findUnitByCode(code))!.id;
  const change: Change = { by: 'test', at: new Date('2026-11-12T00:00:00Z'), action: 'calendar', detail: 'test' };
  await s.store.setAppraisalPublished(unitId, 2026, true, change);
  await s.store.putCalendar(2026, DEFAULT_CALENDAR, change);
  await s.store.putDocumentSettings(2026, { issuingBody: 'Công an tỉnh Đồng Tháp' }, change);
  await s.store.addException(unitId, 2026, 'final', 'mở lại', change);
  await s.store.close();
}, 180_000);

afterAll(async () => {
  await s?.close();
  await cluster?.stop();
});

const withoutTime = (value: unknown) => JSON.parse(JSON.stringify(value, (k, v) => (k === 'generatedAt' ? undefined : v)));

// Real processes (the CLI several times, serve twice) on a shared machine: minutes, not seconds, under load.
describe('dien-hinh migrate', { timeout: 240_000 }, () => {
  it('copies a data folder into an empty database, checks it, and serve on PostgreSQL shows the same board', async () => {
    const url = await cluster.createDatabase();
    const done = await runCli(['migrate', '--from', s.dataDir, '--to', url]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/đã chép 7 bài nộp/u);
    // Six workbooks and the refused file (kept within its quota).
    expect(done.stdout).toMatch(/đã chép 7 tệp đã nộp/u);
    expect(done.stdout).toMatch(/Đã chuyển xong và đối chiếu khớp/u);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const files = (await client.query<{ ok: boolean }>("SELECT bool_and(encode(sha256(bytes), 'hex') = sha256) AS ok FROM files")).rows[0]!;
      expect(files.ok).toBe(true);
      // Ids continue after the copied ones: a new audit entry does not collide.
      await client.query("INSERT INTO audit_log (at, actor, action, detail) VALUES (now(), 'test', 'test', 'after migrate')");
    } finally {
      await client.end();
    }

    // The store commands take the same URL.
    const listed = await runCli(['units', 'list', '--json', '--data', s.dataDir, '--database-url', url]);
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((u) => u.name).sort()).toEqual([...NAMES].sort());
    const verified = await runCli(['verify', '--database-url', url, '--data', s.dataDir]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/Đã kiểm tra 7 tệp/u);
    const backup = await runCli(['backup', '--database-url', url, '--out', `${s.dataDir}-backup`]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toMatch(/pg_dump/u);

    const onPg = await startServe(['--http', '--data', s.dataDir, '--database-url', url]);
    let boardPg: unknown;
    let filePg: ArrayBuffer;
    try {
      expect(onPg.out()).not.toMatch(/admin token/u);
      const res = await fetch(`${onPg.url}/api/units?year=2026`, { headers: bearer(s.adminToken) });
      expect(res.status).toBe(200);
      boardPg = await res.json();
      const mine = await fetch(`${onPg.url}/api/unit`, { headers: bearer(unitToken) });
      expect(mine.status).toBe(200);
      expect((boardPg as { units: unknown[] }).units).toHaveLength(NAMES.length);
      const rows = await (await fetch(`${onPg.url}/api/units/${firstCode}/submissions?year=2026`, { headers: bearer(s.adminToken) })).json() as { submissions: { id: string }[] };
      filePg = await (await fetch(`${onPg.url}/api/submissions/${rows.submissions[0]!.id}/file`, { headers: bearer(s.adminToken) })).arrayBuffer();
    } finally {
      await onPg.stop();
    }
    const onSqlite = await startServe(['--http', '--data', s.dataDir]);
    try {
      const boardSqlite = await (await fetch(`${onSqlite.url}/api/units?year=2026`, { headers: bearer(s.adminToken) })).json();
      expect(withoutTime(boardPg)).toEqual(withoutTime(boardSqlite));
      const rows = await (await fetch(`${onSqlite.url}/api/units/${firstCode}/submissions?year=2026`, { headers: bearer(s.adminToken) })).json() as { submissions: { id: string }[] };
      const fileSqlite = await (await fetch(`${onSqlite.url}/api/submissions/${rows.submissions[0]!.id}/file`, { headers: bearer(s.adminToken) })).arrayBuffer();
      expect(Buffer.from(filePg)).toEqual(Buffer.from(fileSqlite));
    } finally {
      await onSqlite.stop();
    }
  });

  it('refuses a database that already holds data, and a folder without a database', async () => {
    const url = await cluster.createDatabase();
    expect((await runCli(['migrate', '--from', s.dataDir, '--to', url])).code).toBe(0);
    const again = await runCli(['migrate', '--from', s.dataDir, '--to', url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/đã có dữ liệu của dien-hinh/u);
    const empty = await runCli(['migrate', '--from', '/nonexistent-folder', '--to', url]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/không có cơ sở dữ liệu dien-hinh/u);
    expect((await runCli(['migrate', '--from', s.dataDir])).code).toBe(2);
  });
});
