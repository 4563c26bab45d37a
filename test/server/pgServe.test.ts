/**
 * Two real `serve` processes (different ports, one PostgreSQL database, one data folder) take
 * uploads at once: many units, the same file through both (one submission; a return to an older
 * one, one new version), different files of one unit through both. No acknowledged submission is
 * lost, no version is numbered twice, no file is stored twice, and reviews and appraisals made through either are what both show. Each keeps its board
 * between requests (server/app/board.ts): it must show the other's writes, and a command's, at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { receiptSchema, unitsResponseSchema, type UnitsResponse } from '../../shared/api/schemas';
import { importUnits, issueUnitTokens } from '../../server/app/units';
import { PgStore } from '../../server/store/postgres/pgStore';
import { startPostgres, type PgCluster } from '../support/postgres';
import { coQuan, reopenThisYear, tempDir, workbookFor, XLSX } from './support/harness';
import { startServe, type ServeProcess } from './support/serveProcess';

const UNITS = Array.from({ length: 12 }, (_, i) => `Cơ quan hai máy ${String(i + 1).padStart(2, '0')}`);

let cluster: PgCluster;
let url = '';
let a: ServeProcess;
let b: ServeProcess;
let admin = '';
let tokens: Map<string, { token: string; unitId: string; code: string }>;

beforeAll(async () => {
  cluster = await startPostgres();
  url = await cluster.createDatabase();
  const data = tempDir();
  const store = await PgStore.open(url, data);
  try {
    const ctx = { store, now: () => new Date() };
    await importUnits(ctx, UNITS.map((n) => coQuan(n)), 'test');
    const issued = await issueUnitTokens(ctx, 'test');
    tokens = new Map(issued.map((t) => [t.name, { token: t.token, unitId: t.unitId, code: t.code }]));
    await reopenThisYear(store, issued.map((t) => t.unitId));
  } finally {
    await store.close();
  }
  // One after the other: the first start of a database prints its admin token once.
  a = await startServe(['--http', '--data', data, '--database-url', url]);
  admin = /admin token: (\S+)/u.exec(a.out())![1]!;
  b = await startServe(['--http', '--data', data, '--database-url', url]);
  expect(b.out()).not.toMatch(/admin token/u);
}, 120_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await cluster?.stop();
});

async function upload(serve: ServeProcess, token: string, bytes: Buffer): Promise<{ status: number; id: string; version: number | null }> {
  const res = await fetch(`${serve.url}/api/submissions`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': XLSX }, body: new Uint8Array(bytes),
  });
  const body = await res.json();
  if (res.status !== 200 && res.status !== 201) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
  const receipt = receiptSchema.parse(body);
  return { status: res.status, id: receipt.submissionId, version: receipt.version };
}

async function api(serve: ServeProcess, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${serve.url}/api${path}`, {
    method, headers: { Authorization: `Bearer ${admin}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return res.json();
}

const withoutTime = (value: unknown) => JSON.parse(JSON.stringify(value, (k, v) => (k === 'generatedAt' ? undefined : v)));

describe('two serve processes on one PostgreSQL database', () => {
  it('never lose an acknowledged upload, never number a version twice, never store the same file twice', async () => {
    const files = new Map<string, Buffer[]>();
    for (const name of UNITS) {
      files.set(name, await Promise.all([workbookFor(name), workbookFor(name, { scores: { 1: 0 } }), workbookFor(name, { scores: { 2: 0 } })]));
    }
    // Per unit, all units at once: its first file through both at once (one version, one duplicate); then its
    // second through A and its third through B at once; then its first again through both at once (a return
    // to version 1: one new version, one duplicate).
    const sends = UNITS.map(async (name) => {
      const { token } = tokens.get(name)!;
      const [same, viaA, viaB] = files.get(name)!;
      const first = await Promise.all([upload(a, token, same!), upload(b, token, same!)]);
      const next = await Promise.all([upload(a, token, viaA!), upload(b, token, viaB!)]);
      const back = await Promise.all([upload(a, token, same!), upload(b, token, same!)]);
      return [...first, ...next, ...back];
    });
    const receipts = (await Promise.all(sends)).flat();
    expect(receipts.filter((r) => r.status === 201)).toHaveLength(UNITS.length * 4);
    expect(receipts.filter((r) => r.status === 200)).toHaveLength(UNITS.length * 2);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = (await client.query<{ id: string; unit_id: string; version: number; sha256: string }>(
        'SELECT id, unit_id, version, sha256 FROM submissions')).rows;
      const ids = new Set(rows.map((r) => r.id));
      for (const receipt of receipts) expect(ids.has(receipt.id)).toBe(true);
      expect(rows).toHaveLength(UNITS.length * 4);
      for (const name of UNITS) {
        const own = rows.filter((r) => r.unit_id === tokens.get(name)!.unitId);
        expect(own.map((r) => r.version).sort()).toEqual([1, 2, 3, 4]);
        expect(own.find((r) => r.version === 4)!.sha256).toBe(own.find((r) => r.version === 1)!.sha256);
      }
      // The two answers for the same file sent at once name the same submission.
      for (let i = 0; i < UNITS.length; i++) {
        expect(receipts[i * 6]!.id).toBe(receipts[i * 6 + 1]!.id);
        expect(receipts[i * 6 + 4]!.id).toBe(receipts[i * 6 + 5]!.id);
      }
      const files = (await client.query<{ n: string; distinct: string }>('SELECT COUNT(*) AS n, COUNT(DISTINCT sha256) AS distinct FROM files')).rows[0]!;
      expect(Number(files.n)).toBe(UNITS.length * 3);
      expect(Number(files.distinct)).toBe(UNITS.length * 3);
    } finally {
      await client.end();
    }
  });

  it('shows through each the reviews and appraisals made through the other', async () => {
    const [first, second] = UNITS.map((n) => tokens.get(n)!.code);
    await api(a, 'POST', `/units/${first}/review`, { state: 'has-issues', note: 'Thiếu biên bản' });
    await api(b, 'POST', `/units/${first}/review`, { state: 'approved', note: '' });
    await Promise.all([
      api(a, 'PUT', `/units/${second}/appraisal`, { scores: { 1: 0 } }),
      api(b, 'POST', `/units/${second}/review`, { state: 'approved', note: 'Đạt' }),
    ]);
    await api(b, 'PUT', `/units/${second}/appraisal`, { scores: { 2: 0 } });
    for (const code of [first, second]) {
      const [viaA, viaB] = await Promise.all([api(a, 'GET', `/units/${code}/submissions`), api(b, 'GET', `/units/${code}/submissions`)]);
      expect(withoutTime(viaA)).toEqual(withoutTime(viaB));
    }
    const shown = JSON.stringify(await api(a, 'GET', `/units/${first}/submissions`));
    expect(shown).toMatch(/"approved"/u);
    const [boardA, boardB] = await Promise.all([api(a, 'GET', '/units'), api(b, 'GET', '/units')]);
    expect(withoutTime(boardA)).toEqual(withoutTime(boardB));
  });

  it('keeps each process\'s board current with what the other process, or a command, wrote meanwhile', async () => {
    const board = async (serve: ServeProcess, page = '') => unitsResponseSchema.parse(await api(serve, 'GET', `/units${page}`));
    const row = (response: UnitsResponse, name: string) => response.units.find((u) => u.unit.name === name)!;
    const final = (response: UnitsResponse, name: string) => row(response, name).stages.find((st) => st.stage === 'final')!;
    /** Both boards, whole and paged, are the same and pass `check`. */
    const bothShow = async (check: (response: UnitsResponse) => void) => {
      const [viaA, viaB] = await Promise.all([board(a), board(b)]);
      check(viaA);
      check(viaB);
      expect(withoutTime(viaA)).toEqual(withoutTime(viaB));
      const paged = await board(b, '?limit=5&offset=0');
      expect(paged.counts).toEqual(viaA.counts);
      expect(withoutTime(paged.units)).toEqual(withoutTime(viaA.units.slice(0, 5)));
    };
    const [third, fourth, fifth] = [UNITS[2]!, UNITS[3]!, UNITS[4]!];
    // Both boards are kept now: every later request only asks the database what changed since.
    await bothShow((r) => expect(final(r, third).review).toBeNull());

    await api(a, 'POST', `/units/${tokens.get(third)!.code}/review`, { state: 'rejected', note: 'Thiếu biên bản' });
    expect(final(await board(b), third).review).toBe('rejected');
    await bothShow((r) => expect(final(r, third).review).toBe('rejected'));

    await api(b, 'PUT', `/units/${tokens.get(fourth)!.code}/appraisal`, { scores: { 1: 0 } });
    expect(row(await board(a), fourth).appraised).toBe(true);
    await bothShow((r) => expect(row(r, fourth).appraised).toBe(true));

    const versions = final(await board(b), fifth).versions;
    expect((await upload(a, tokens.get(fifth)!.token, await workbookFor(fifth, { scores: { 3: 0 } }))).status).toBe(201);
    expect(final(await board(b), fifth).versions).toBe(versions + 1);
    await bothShow((r) => expect(final(r, fifth).versions).toBe(versions + 1));

    // A command beside them (its own connection) adds a unit: a change of the whole year for both.
    const expected = (await board(a)).counts.expected;
    const store = await PgStore.open(url, tempDir());
    try {
      await importUnits({ store, now: () => new Date() }, [coQuan('Cơ quan thêm sau')], 'test');
    } finally {
      await store.close();
    }
    await bothShow((r) => {
      expect(r.counts.expected).toBe(expected + 1);
      expect(row(r, 'Cơ quan thêm sau')).toBeDefined();
    });
  });
});
