/**
 * POST /api/submissions against the real app, a real SQLite file and real .xlsx bytes: receipts,
 * idempotency, versions, refusals kept for the audit trail, scope, limits, file names, deadlines.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, receiptSchema, unitSubmissionsResponseSchema } from '../../shared/api/schemas';
import { bearer, CO_QUAN_SET, coQuan, startTestService, workbookFor, XLSX, type TestService } from './support/harness';
import { searchKey } from '../../shared/units/identity';

const VP = 'Văn phòng UBND tỉnh Đồng Tháp';
const SO_TP = 'Sở Tư pháp tỉnh Đồng Tháp';
const TRUONG = 'Trường THPT Cao Lãnh';

let s: TestService;
let tokens: Map<string, { token: string; unitId: string }>;
let vpBytes: Buffer;

beforeAll(async () => {
  s = await startTestService();
  tokens = await s.addUnits([coQuan(VP), coQuan(SO_TP), coQuan(TRUONG)]);
  vpBytes = await workbookFor(VP);
});
afterAll(async () => { await s?.close(); });

const tokenOf = (name: string) => tokens.get(name)!.token;
const upload = (token: string, bytes: Buffer, fileName?: string) => {
  const r = request(s.app).post('/api/submissions').set(bearer(token)).set('Content-Type', XLSX);
  if (fileName !== undefined) r.set('X-File-Name', encodeURIComponent(fileName));
  return r.send(bytes);
};
const rowsOf = async (unitId: string) => (await s.store.listSubmissions({ unitId }));

describe('receipts, idempotency and versions', () => {
  it('accepts a unit\'s own workbook with a full receipt, then returns the same receipt for the same bytes', async () => {
    const first = await upload(tokenOf(VP), vpBytes, 'bang-cham-diem.xlsx');
    expect(first.status).toBe(201);
    const receipt = receiptSchema.parse(first.body);
    expect(receipt).toMatchObject({
      unit: { id: tokens.get(VP)!.unitId, name: VP, kind: 'co-quan' }, year: 2026, stage: 'final', version: 1,
      late: false, daysLate: 0, duplicate: false, valid: true, errors: [], fileName: 'bang-cham-diem.xlsx',
    });
    expect(receipt.verdict).toMatchObject({ eligible: true, total: 50, max: 50 });

    const again = await upload(tokenOf(VP), vpBytes, 'another-name.xlsx');
    expect(again.status).toBe(200);
    expect(receiptSchema.parse(again.body)).toMatchObject({ submissionId: receipt.submissionId, duplicate: true, version: 1 });
    expect(await rowsOf(tokens.get(VP)!.unitId)).toHaveLength(1);

    const read = await request(s.app).get(`/api/submissions/${receipt.submissionId}`).set(bearer(tokenOf(VP)));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ submissionId: receipt.submissionId, version: 1, sha256: receipt.sha256 });
  });

  it('keeps every version: a changed file is version 2, version 1 keeps its bytes, and the diff names the changed criteria', async () => {
    const unitId = tokens.get(VP)!.unitId;
    const changed = await workbookFor(VP, { scores: { 1: 2 } });
    const res = await upload(tokenOf(VP), changed);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 2, duplicate: false });

    const rows = await rowsOf(unitId);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    const v1 = await request(s.app).get(`/api/submissions/${rows[0]!.id}/file`).set(bearer(s.adminToken)).buffer(true)
      .parse((r, done) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => done(null, Buffer.concat(chunks))); });
    expect(v1.status).toBe(200);
    expect(Buffer.compare(v1.body as Buffer, vpBytes)).toBe(0);

    const history = unitSubmissionsResponseSchema.parse(
      (await request(s.app).get(`/api/units/${unitId}/submissions?year=2026`).set(bearer(s.adminToken))).body,
    );
    expect(history.submissions.map((x) => x.version)).toEqual([1, 2]);
    expect(history.submissions[0]!.changes).toEqual([]);
    const max1 = history.submissions[0]!.result.scores.find((x) => x.number === 1)!.max;
    expect(history.submissions[1]!.changes).toEqual([{ number: 1, before: max1, after: 2 }]);

    // The store refuses to change or remove a submission row.
    const db = (s.store as unknown as { db: import('better-sqlite3').Database }).db;
    expect(() => db.prepare('UPDATE submissions SET valid = 0').run()).toThrow(/append-only/u);
    expect(() => db.prepare('DELETE FROM submissions').run()).toThrow(/append-only/u);
  });
});

describe('a blank form', () => {
  it('is refused as a final report and never replaces the counted version', async () => {
    const name = 'Trường Mầm non Hoa Sen';
    const { token, unitId } = (await s.addUnits([coQuan(name)])).get(name)!;
    const scored = await upload(token, await workbookFor(name), 'hoa-sen.xlsx');
    expect(scored.status).toBe(201);
    const blank = await workbookFor(name, { scores: Object.fromEntries(CO_QUAN_SET.criteria.map((c) => [c.number, null])) });

    const refused = await upload(token, blank, 'mau-trong.xlsx');
    expect(refused.status).toBe(422);
    const body = apiErrorSchema.parse(refused.body);
    expect(body.error.code).toBe('workbook-invalid');
    expect(body.error.details).toEqual([expect.objectContaining({ sheet: 'Chấm điểm', cell: '' })]);
    expect(body.error.details![0]!.message).toMatch(/chưa có điểm của tiêu chí nào nên không phải là báo cáo kết quả năm/u);
    expect(body.error.receipt).toMatchObject({ valid: false, version: null });
    const units = await request(s.app).get('/api/units?year=2026').set(bearer(s.adminToken));
    const row = (units.body.units as { unit: { id: string }; verdict: { total: number; eligible: boolean } | null }[]).find((u) => u.unit.id === unitId)!;
    expect(row.verdict).toMatchObject({ total: 50, eligible: true });
  });
});

describe('refusals', () => {
  it('refuses an invalid workbook with 422 and its cells, and keeps the file and a row with version null', async () => {
    const bad = await workbookFor(SO_TP, { scores: { 1: 999 } });
    const res = await upload(tokenOf(SO_TP), bad, 'so-tu-phap.xlsx');
    expect(res.status).toBe(422);
    const body = apiErrorSchema.parse(res.body);
    expect(body.error.code).toBe('workbook-invalid');
    expect(body.error.message).toMatch(/lỗi cần sửa \(xem danh sách ô kèm theo\)/u);
    expect(body.error.details!.length).toBeGreaterThan(0);
    expect(body.error.details!.some((d) => d.cell !== '' && /999/u.test(d.message))).toBe(true);
    expect(body.error.receipt).toMatchObject({ valid: false, version: null, duplicate: false });

    const rows = await rowsOf(tokens.get(SO_TP)!.unitId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ valid: false, version: null });
    expect(await s.store.hasFile(rows[0]!.sha256)).toBe(true);
    const audit = await request(s.app).get(`/api/audit?unitId=${tokens.get(SO_TP)!.unitId}`).set(bearer(s.adminToken));
    // The unit acting with its token is named with its code (two units may share a name).
    const code = (await s.store.getUnit(tokens.get(SO_TP)!.unitId))!.code;
    expect(audit.body[0]).toMatchObject({ action: 'submission-invalid', actionLabel: 'Nộp báo cáo (không hợp lệ)', actor: `${code} · ${SO_TP}` });

    // Sending it again is the same refusal, with the same receipt.
    const again = await upload(tokenOf(SO_TP), bad);
    expect(again.status).toBe(422);
    expect(again.body.error.receipt).toMatchObject({ submissionId: body.error.receipt!.submissionId, duplicate: true });
  });

  it('refuses a file that is not a workbook at all (422) and keeps it under the sending unit', async () => {
    const res = await upload(tokenOf(TRUONG), Buffer.from('this is not a spreadsheet'), 'ghi-chu.xlsx');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('workbook-invalid');
    expect(res.body.error.details[0].message).toMatch(/xlsx/u);
    // Its error names no cell, and the message points at no list of cells.
    expect(res.body.error.details[0].cell).toBe('');
    expect(res.body.error.message).toMatch(/^Bảng chấm điểm có 1 lỗi cần sửa \(xem chi tiết kèm theo\)/u);
    expect(res.body.error.receipt.unit.id).toBe(tokens.get(TRUONG)!.unitId);
  });

  it('refuses another unit\'s workbook with 403 naming both units, and keeps nothing', async () => {
    const before = (await s.store.listSubmissions({})).length;
    const res = await upload(tokenOf(SO_TP), vpBytes);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('wrong-unit');
    expect(res.body.error.message).toContain(VP);
    expect(res.body.error.message).toContain(SO_TP);
    expect((await s.store.listSubmissions({})).length).toBe(before);
  });

  it('answers unit-unknown to an admin for a unit not on the list, and accepts it once the unit is added', async () => {
    const name = 'Công ty Cổ phần Thủy sản Sa Đéc';
    const bytes = await workbookFor(name, { unit: { kind: 'Doanh nghiệp' } });
    const res = await upload(s.adminToken, bytes);
    expect(res.status).toBe(422);
    const body = apiErrorSchema.parse(res.body);
    expect(body.error.code).toBe('unit-unknown');
    expect(body.error.message).toContain(name);
    expect(body.error.message).toMatch(/thêm đơn vị/u);
    expect(body.error.workbookUnit).toMatchObject({ name, kind: 'doanh-nghiep' });
    expect(body.error.receipt).toMatchObject({ unit: null, valid: false, version: null });

    const added = await request(s.app).post('/api/units').set(bearer(s.adminToken))
      .send({ name: body.error.workbookUnit!.name, kind: 'doanh-nghiep', parent: 'Phường Sa Đéc' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name, kind: 'doanh-nghiep', parent: 'Phường Sa Đéc' });
    // The same name in the same commune (typed NFD, in capitals, without "Phường") is the same unit.
    const twice = await request(s.app).post('/api/units').set(bearer(s.adminToken))
      .send({ name: name.normalize('NFD').toUpperCase(), kind: 'doanh-nghiep', parent: 'Sa Đéc' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('unit-exists');
    // Typed without diacritics it is the same unit too: refused, naming the listed one, so no second unit is made that no file lands on.
    const plain = await request(s.app).post('/api/units').set(bearer(s.adminToken))
      .send({ name: searchKey(name), kind: 'doanh-nghiep', parent: 'phuong sa dec' });
    expect(plain.status).toBe(409);
    expect(apiErrorSchema.parse(plain.body).error).toMatchObject({ code: 'unit-exists', candidates: [{ id: added.body.id }] });
    expect(plain.body.error.message).toMatch(/gõ không dấu trùng với đơn vị đã có .*"Phường Sa Đéc"|gõ không dấu trùng với đơn vị đã có .*\(Phường Sa Đéc\)/u);

    const retry = await upload(s.adminToken, bytes);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ unit: { id: added.body.id }, version: 1, valid: true });
    // With its own diacritics a unit of another xã is its own, however close its spelling.
    const own = await request(s.app).post('/api/units').set(bearer(s.adminToken)).send({ name, kind: 'doanh-nghiep', parent: 'Phường Sa Đét' });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
  });
});

describe('request limits and shapes', () => {
  it('answers 415 with a Vietnamese apiError for other content types', async () => {
    for (const type of ['text/plain', 'application/json', 'application/octet-stream']) {
      const res = await request(s.app).post('/api/submissions').set(bearer(tokenOf(VP))).set('Content-Type', type).send('{"a":1}');
      expect(res.status).toBe(415);
      expect(apiErrorSchema.parse(res.body).error).toMatchObject({ code: 'unsupported-media-type' });
      expect(res.body.error.message).toMatch(/Kiểu nội dung/u);
    }
  });

  it('answers 400 to an empty file, saying it is empty (not that none came), and to an unknown stage', async () => {
    // Raw (the portal, the console, curl --data-binary), gzip that unpacks to nothing, and a form's empty file field.
    const empties = [
      await upload(tokenOf(VP), Buffer.alloc(0), 'bang cham.xlsx'),
      await request(s.app).post('/api/submissions').set(bearer(tokenOf(VP))).set('Content-Type', XLSX).set('Content-Encoding', 'gzip').send(gzipSync(Buffer.alloc(0))),
      await request(s.app).post('/api/submissions').set(bearer(tokenOf(VP))).attach('file', Buffer.alloc(0), { filename: 'bang cham.xlsx', contentType: XLSX }),
    ];
    for (const empty of empties) {
      expect(empty.status).toBe(400);
      expect(apiErrorSchema.parse(empty.body).error.code).toBe('empty-body');
      expect(empty.body.error.message).toMatch(/trống \(0 byte\)/u);
      expect(empty.body.error.message).toMatch(/lưu lại dạng \.xlsx/u);
      expect(empty.body.error.message).not.toMatch(/Không nhận được tệp/u);
    }
    // A form without the file field did not send a file: that one says so.
    const noField = await request(s.app).post('/api/submissions').set(bearer(tokenOf(VP))).field('stage', 'final');
    expect(noField.status).toBe(400);
    expect(noField.body.error.message).toMatch(/không có trường "file"/u);
    const stage = await request(s.app).post('/api/submissions?stage=yearly').set(bearer(tokenOf(VP))).set('Content-Type', XLSX).send(vpBytes);
    expect(stage.status).toBe(400);
    expect(stage.body.error.message).toMatch(/Giai đoạn "yearly"/u);
  });

  it('answers 413 over the size limit, raw or multipart, and stays up', async () => {
    const small = await startTestService({ maxUploadBytes: 64 * 1024 });
    try {
      const big = Buffer.alloc(200 * 1024, 1);
      const raw = await request(small.app).post('/api/submissions').set(bearer(small.adminToken)).set('Content-Type', XLSX).send(big);
      expect(raw.status).toBe(413);
      expect(apiErrorSchema.parse(raw.body).error.code).toBe('payload-too-large');
      expect(raw.body.error.message).toMatch(/Tệp quá lớn/u);
      const form = await request(small.app).post('/api/submissions').set(bearer(small.adminToken)).attach('file', big, 'lon.xlsx');
      expect(form.status).toBe(413);
      expect(form.body.error.code).toBe('payload-too-large');
      const health = await request(small.app).get('/api/health');
      expect(health.status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('takes a multipart upload with a stage field and a Vietnamese file name', async () => {
    const bytes = await workbookFor(TRUONG);
    const res = await request(s.app).post('/api/submissions').set(bearer(tokenOf(TRUONG)))
      .field('stage', 'final').attach('file', bytes, { filename: 'Báo cáo sơ kết – Trường.xlsx', contentType: XLSX });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stage: 'final', fileName: 'Báo cáo sơ kết – Trường.xlsx', version: 1 });
  });

  it('stores path-like and non-ASCII names as text only, and sends them back with an RFC 5987 filename*', async () => {
    const traversal = await workbookFor(VP, { scores: { 2: 0 } });
    const res = await upload(tokenOf(VP), traversal, '../../etc/passwd');
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe('passwd.xlsx');
    const filesRoot = path.join(s.dataDir, 'files');
    expect(readdirSync(s.dataDir).sort()).toEqual(['dien-hinh.sqlite', 'dien-hinh.sqlite-shm', 'dien-hinh.sqlite-wal', 'files']);
    expect(existsSync(path.join(filesRoot, res.body.sha256.slice(0, 2), `${res.body.sha256}.xlsx`))).toBe(true);

    const name = 'Bảng chấm điểm – Vĩnh Thuận.xlsx';
    const viet = await upload(tokenOf(VP), await workbookFor(VP, { scores: { 3: 0 } }), name);
    expect(viet.status).toBe(201);
    expect(viet.body.fileName).toBe(name);
    const file = await request(s.app).get(`/api/submissions/${viet.body.submissionId}/file`).set(bearer(s.adminToken));
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe(XLSX);
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Bang cham diem _ Vinh Thuan.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
  });
});

describe('deadlines', () => {
  it('accepts a late final report marked late, refuses after the lock day (423) until an admin reopens the stage', async () => {
    const t = await startTestService({ now: new Date('2026-11-25T02:00:00Z') });
    try {
      const units = await t.addUnits([coQuan(VP)]);
      const token = units.get(VP)!.token;
      const late = await request(t.app).post('/api/submissions?stage=final').set(bearer(token)).set('Content-Type', XLSX).send(vpBytes);
      expect(late.status).toBe(201);
      expect(late.body).toMatchObject({ late: true, daysLate: 5, stage: 'final' });

      t.clock.now = new Date('2026-12-05T02:00:00Z');
      const changed = await workbookFor(VP, { scores: { 1: 0 } });
      const locked = await request(t.app).post('/api/submissions?stage=final').set(bearer(token)).set('Content-Type', XLSX).send(changed);
      expect(locked.status).toBe(423);
      expect(apiErrorSchema.parse(locked.body).error.code).toBe('locked');
      expect(locked.body.error.message).toContain('30/11/2026');
      // The file acknowledged before the lock still answers with its receipt.
      const retry = await request(t.app).post('/api/submissions?stage=final').set(bearer(token)).set('Content-Type', XLSX).send(vpBytes);
      expect(retry.status).toBe(200);
      expect(retry.body.duplicate).toBe(true);

      const unitId = units.get(VP)!.unitId;
      const notAdmin = await request(t.app).post(`/api/units/${unitId}/exceptions?year=2026`).set(bearer(token)).send({ stage: 'final' });
      expect(notAdmin.status).toBe(403);
      const reopened = await request(t.app).post(`/api/units/${unitId}/exceptions?year=2026`).set(bearer(t.adminToken))
        .send({ stage: 'final', note: 'Đơn vị gửi bổ sung theo công văn 12' });
      expect(reopened.status).toBe(201);
      expect(reopened.body.reopened).toEqual(['final']);
      const accepted = await request(t.app).post('/api/submissions?stage=final').set(bearer(token)).set('Content-Type', XLSX).send(changed);
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ version: 2, late: true, daysLate: 15 });
    } finally {
      await t.close();
    }
  });

  it('says which year a workbook names when it is not this year: last year locked with the fix, next year never counted', async () => {
    const t = await startTestService({ now: new Date('2026-12-06T02:00:00Z') });
    try {
      const units = await t.addUnits([coQuan(VP)]);
      const token = units.get(VP)!.token;
      const send = async (year: number) => request(t.app).post('/api/submissions').set(bearer(token)).set('Content-Type', XLSX)
        .send(await workbookFor(VP, { unit: { year } }));
      const lastYear = await send(2025);
      expect(lastYear.status).toBe(423);
      expect(lastYear.body.error.message).toMatch(/^Đã quá ngày khoá tiếp nhận báo cáo kết quả năm 2025 \(30\/11\/2025\)\. Bảng chấm điểm ghi Năm 2025: nếu đây là hồ sơ năm 2026, sửa ô Năm/u);
      const nextYear = await send(2027);
      expect(nextYear.status).toBe(422);
      expect(nextYear.body.error.code).toBe('workbook-invalid');
      expect(nextYear.body.error.details).toEqual([expect.objectContaining({ sheet: 'Thông tin đơn vị', message: expect.stringMatching(/^Năm 2027 ghi trong bảng chấm điểm chưa đến \(năm nay là 2026\)/u) })]);
      expect(nextYear.body.error.receipt).toMatchObject({ valid: false, version: null });
      expect(nextYear.body.error.receipt.verdict?.eligible ?? false).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('takes the stage from the calendar when the sender does not name it', async () => {
    const t = await startTestService({ now: new Date('2026-01-10T02:00:00Z') });
    try {
      const units = await t.addUnits([coQuan(VP)]);
      const res = await request(t.app).post('/api/submissions').set(bearer(units.get(VP)!.token)).set('Content-Type', XLSX).send(vpBytes);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ stage: 'registration', late: false });
    } finally {
      await t.close();
    }
  });
});
