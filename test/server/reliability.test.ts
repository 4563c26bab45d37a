/**
 * Concurrency and crashes, over real sockets: 50 uploads at once from different units all stored
 * exactly once; the same file sent 10 times at once stored once; a `serve` process killed with
 * SIGKILL in the middle of intake loses no acknowledged submission and leaves no row without its
 * file. And a read that exceeds its time limit costs a 422, not the server.
 */
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptSchema, type Receipt } from '../../shared/api/schemas';
import { importUnits, issueUnitTokens } from '../../server/app/units';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { bearer, coQuan, reopenThisYear, startTestService, tempDir, workbookFor, XLSX, type TestService } from './support/harness';
import { startServe } from './support/serveProcess';

const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix} ${String(i + 1).padStart(3, '0')}`);

async function post(url: string, token: string, bytes: Buffer): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/submissions`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': XLSX }, body: new Uint8Array(bytes),
  });
  return { status: res.status, body: await res.json() };
}

describe('concurrent intake over loopback', () => {
  let s: TestService;
  let url = '';
  let close: () => Promise<void>;
  const unitNames = names(50, 'Cơ quan thử');
  let tokens: Map<string, { token: string; unitId: string }>;
  let files: Buffer[];

  beforeAll(async () => {
    // Ten uploads of one token at once: above the default limit per token (4), raised here on purpose.
    s = await startTestService({ uploadsPerSender: 10 });
    tokens = await s.addUnits(unitNames.map((n) => coQuan(n)));
    files = await Promise.all(unitNames.map((n) => workbookFor(n)));
    const server = s.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => {
    await close?.();
    await s?.close();
  });

  it('stores 50 simultaneous uploads from 50 units, each exactly once', async () => {
    const answers = await Promise.all(unitNames.map((n, i) => post(url, tokens.get(n)!.token, files[i]!)));
    expect(answers.map((a) => a.status)).toEqual(unitNames.map(() => 201));
    const receipts = answers.map((a) => receiptSchema.parse(a.body));
    expect(new Set(receipts.map((r) => r.submissionId)).size).toBe(50);
    const rows = await s.store.listSubmissions({ year: 2026 });
    expect(rows).toHaveLength(50);
    for (const [i, n] of unitNames.entries()) {
      const own = rows.filter((r) => r.unitId === tokens.get(n)!.unitId);
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({ version: 1, valid: true, sha256: createHash('sha256').update(files[i]!).digest('hex') });
    }
    expect(await s.store.submissionsMissingFiles()).toEqual([]);
  });

  it('stores the same file sent 10 times at once exactly once, every answer carrying its receipt', async () => {
    const n = unitNames[0]!;
    const bytes = await workbookFor(n, { scores: { 1: 0 } });
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(url, tokens.get(n)!.token, bytes)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(9);
    const ids = new Set(answers.map((a) => receiptSchema.parse(a.body).submissionId));
    expect(ids.size).toBe(1);
    const rows = await s.store.listSubmissions({ unitId: tokens.get(n)!.unitId });
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
  });
});

describe('a hostile or slow file', () => {
  it('costs its sender a 422 when the read exceeds its time limit; the reader is replaced and the server goes on', async () => {
    // A reader that starts and never answers: the time limit wins however busy the machine is.
    const silent = path.join(tempDir(), 'silent-worker.js');
    writeFileSync(silent, "const { parentPort } = require('node:worker_threads');\nparentPort.postMessage({ ready: true });\nparentPort.on('message', () => {});\n");
    const t = await startTestService({ readTimeoutMs: 200, readerWorkerFile: silent });
    try {
      const units = await t.addUnits([coQuan('Cơ quan chậm')]);
      const token = units.get('Cơ quan chậm')!.token;
      const bytes = await workbookFor('Cơ quan chậm');
      const res = await request(t.app).post('/api/submissions').set(bearer(token)).set('Content-Type', XLSX).send(bytes);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('workbook-invalid');
      expect(res.body.error.details[0].message).toMatch(/không đọc xong/u);
      expect(res.body.error.receipt).toMatchObject({ valid: false, version: null });
      const health = await request(t.app).get('/api/health');
      expect(health.status).toBe(200);
    } finally {
      await t.close();
    }
    // A pool with a normal limit reads the same file.
    const ok = await startTestService();
    try {
      const units = await ok.addUnits([coQuan('Cơ quan chậm')]);
      const res = await request(ok.app).post('/api/submissions').set(bearer(units.get('Cơ quan chậm')!.token))
        .set('Content-Type', XLSX).send(await workbookFor('Cơ quan chậm'));
      expect(res.status).toBe(201);
    } finally {
      await ok.close();
    }
  });
});

describe('a reader that cannot start', () => {
  it('answers 503 without keeping anything, since the file was not judged', async () => {
    const dir = tempDir();
    const broken = path.join(dir, 'broken-worker.js');
    writeFileSync(broken, 'throw new Error("cài đặt hỏng");\n');
    const t = await startTestService({ readerWorkerFile: broken });
    try {
      const units = await t.addUnits([coQuan('Cơ quan A')]);
      const res = await request(t.app).post('/api/submissions').set(bearer(units.get('Cơ quan A')!.token)).set('Content-Type', XLSX)
        .send(await workbookFor('Cơ quan A'));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('reader-unavailable');
      expect(res.body.error.message).toMatch(/CHƯA được nhận/u);
      expect(await t.store.listSubmissions({})).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('crash safety: SIGKILL during intake', () => {
  it('keeps every acknowledged receipt and no row without its file after a kill and a restart', async () => {
    const data = tempDir();
    const unitNames = names(40, 'Đơn vị thử');
    const store = await SqliteStore.open(data);
    const ctx = { store, now: () => new Date() };
    await importUnits(ctx, unitNames.map((n) => coQuan(n)), 'test');
    const tokens = new Map((await issueUnitTokens(ctx, 'test')).map((t) => [t.name, t.token]));
    await reopenThisYear(store, (await store.listUnits()).map((u) => u.id));
    await store.close();
    // Three versions per unit: 120 distinct files.
    const work: { token: string; bytes: Buffer }[] = [];
    for (const version of [0, 1, 2]) {
      for (const n of unitNames) work.push({ token: tokens.get(n)!, bytes: await workbookFor(n, version === 0 ? {} : { scores: { 1: version - 1 } }) });
    }

    const first = await startServe(['--http', '--data', data]);
    const adminToken = /^admin token: (\S+)$/mu.exec(first.out())![1]!;
    const acknowledged: Receipt[] = [];
    let next = 0;
    let killed = false;
    let thirtyAcknowledged!: () => void;
    const thirty = new Promise<void>((resolve) => { thirtyAcknowledged = resolve; });
    const worker = async () => {
      while (!killed && next < work.length) {
        const item = work[next++]!;
        try {
          const answer = await post(first.url, item.token, item.bytes);
          if (answer.status === 201 || answer.status === 200) acknowledged.push(receiptSchema.parse(answer.body));
          if (acknowledged.length === 30) thirtyAcknowledged();
        } catch {
          // The connection died with the process: not acknowledged.
        }
      }
    };
    const clients = Array.from({ length: 8 }, worker);
    await Promise.race([thirty, Promise.all(clients)]); // all clients done first: the check below fails
    const stopped = first.stop('SIGKILL');
    killed = true;
    await Promise.all(clients);
    await stopped;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);
    expect(acknowledged.length).toBeLessThan(work.length);

    const second = await startServe(['--http', '--data', data]);
    try {
      for (const receipt of acknowledged) {
        const res = await fetch(`${second.url}/api/submissions/${receipt.submissionId}`, { headers: bearer(adminToken) });
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ sha256: receipt.sha256, version: receipt.version });
      }
      // Every file sent again is now a duplicate or a new row; none is lost or half-stored.
      const sample = acknowledged[0]!;
      const file = await fetch(`${second.url}/api/submissions/${sample.submissionId}/file`, { headers: bearer(adminToken) });
      expect(createHash('sha256').update(Buffer.from(await file.arrayBuffer())).digest('hex')).toBe(sample.sha256);
    } finally {
      await second.stop();
    }

    const after = await SqliteStore.open(data);
    try {
      expect(await after.submissionsMissingFiles()).toEqual([]);
      const db = (after as unknown as { db: import('better-sqlite3').Database }).db;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = await after.listSubmissions({});
      expect(rows.length).toBeGreaterThanOrEqual(new Set(acknowledged.map((r) => r.submissionId)).size);
      // Versions of each unit are 1..n without gaps.
      const byUnit = new Map<string, number[]>();
      for (const r of rows) byUnit.set(r.unitId!, [...(byUnit.get(r.unitId!) ?? []), r.version!]);
      for (const versions of byUnit.values()) expect(versions).toEqual(versions.map((_, i) => i + 1));
      expect(readdirSync(path.join(data, 'files', '.tmp'))).toEqual([]);
    } finally {
      await after.close();
    }
  }, 120_000);
});
