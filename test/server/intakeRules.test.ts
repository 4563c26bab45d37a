/**
 * Intake rules against the real app, a real SQLite file and real .xlsx files: a workbook on a
 * criteria set that does not apply to the registered unit's kind is refused; a version on another
 * set than the counted one is accepted with a warning naming both sets; a file sent again is the
 * same submission when it is the counted version, and a new version (a return to it) when it is
 * an older one.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, receiptSchema, unitPageResponseSchema, unitSubmissionsResponseSchema, unitsResponseSchema } from '../../shared/api/schemas';
import type { CriteriaSet } from '../../shared/criteria/schema';
import { vi } from '../../shared/i18n/vi';
import { fullFill } from '../support/fill';
import { makeWorkbookBytes } from '../support/workbooks';
import { bearer, CO_QUAN_SET, SETS, startTestService, XLSX, type TestService } from './support/harness';
import type { IssuedToken } from '../../server/app/units';

const XA_SET = SETS.find((x) => x.id === 'dien-hinh-xa-du-thao')!;
const SAFETY_SCHOOL = SETS.find((x) => x.id === 'an-toan-antt-co-so-giao-duc')!;

const COMPANY = 'Công ty TNHH Sa Đéc';
const SCHOOL = 'Trường Tiểu học Kim Đồng';

let s: TestService;
let company: IssuedToken;
let school: IssuedToken;

beforeAll(async () => {
  s = await startTestService();
  const tokens = await s.addUnits([
    { name: COMPANY, kind: 'doanh-nghiep', parent: 'Phường Sa Đéc', contact: '' },
    { name: SCHOOL, kind: 'co-so-giao-duc', parent: 'Xã Tân Hồng', contact: '' },
  ]);
  company = tokens.get(COMPANY)!;
  school = tokens.get(SCHOOL)!;
});
afterAll(async () => { await s?.close(); });

/** A workbook of `set` filled in full (every criterion at its maximum or "Đạt") for a unit, with the kind typed as given. */
async function workbook(set: CriteriaSet, unit: IssuedToken, kind: string, scores: Record<number, string | number> = {}): Promise<Buffer> {
  const base = fullFill(set, unit.name);
  return makeWorkbookBytes(set, { ...base, unit: { ...base.unit, kind, parent: unit.parent }, scores: { ...base.scores, ...scores } });
}

const upload = (token: string, bytes: Buffer, fileName = 'bang-cham-diem.xlsx') =>
  request(s.app).post('/api/submissions').set(bearer(token)).set('Content-Type', XLSX).set('X-File-Name', encodeURIComponent(fileName)).send(bytes);

const boardRow = async (code: string) => {
  const board = unitsResponseSchema.parse((await request(s.app).get('/api/units?year=2026').set(bearer(s.adminToken))).body);
  return board.units.find((u) => u.unit.code === code)!;
};

describe('a workbook on a criteria set that does not apply to the registered unit\'s kind', () => {
  it('is refused (422, kept, not counted) naming the set, its kinds, the unit\'s kind and what to do, whatever kind the workbook names', async () => {
    const own = await upload(company.token, await workbook(CO_QUAN_SET, company, 'Doanh nghiệp'));
    expect(own.status).toBe(201);

    const expected = {
      sheet: 'Bộ tiêu chí', cell: '',
      message: `Bộ tiêu chí "${XA_SET.title}" của bảng chấm điểm này chỉ áp dụng cho Xã, Phường, Đặc khu; ` +
        'theo danh sách đơn vị của tỉnh, đơn vị thuộc loại "Doanh nghiệp" nên không chấm theo bộ này được. ' +
        'Tệp này không được tính; bản hợp lệ đã nộp trước (nếu có) vẫn được tính. ' +
        'Hãy tải bảng chấm điểm dành cho loại "Doanh nghiệp" tại trang dành cho đơn vị trên hệ thống của tỉnh (hoặc xin Công an tỉnh gửi), ' +
        'điền lại rồi nộp; nếu loại đơn vị trong danh sách chưa đúng, báo Công an tỉnh sửa danh sách.',
    };
    // The blank Xã form (no kind typed), and the same with "Xã" typed: the reader alone takes both.
    for (const kind of ['', 'Xã']) {
      const res = await upload(company.token, await workbook(XA_SET, company, kind), 'mau-xa.xlsx');
      expect(res.status).toBe(422);
      const body = apiErrorSchema.parse(res.body);
      expect(body.error.code).toBe('workbook-invalid');
      expect(body.error.details).toEqual([expected]);
      expect(body.error.receipt).toMatchObject({ valid: false, version: null });
    }
    // The officer dropping the file into the console: the unit found from the workbook, the same rule.
    const byAdmin = await request(s.app).post('/api/submissions').set(bearer(s.adminToken)).set('Content-Type', XLSX)
      .send(await workbook(XA_SET, company, 'Xã', { 1: 'Chưa đạt' }));
    expect(byAdmin.status).toBe(422);
    expect(apiErrorSchema.parse(byAdmin.body).error.details).toEqual([expected]);

    const rows = await s.store.listSubmissions({ unitId: company.unitId });
    expect(rows.map((r) => [r.version, r.valid])).toEqual([[1, true], [null, false], [null, false], [null, false]]);
    const row = await boardRow(company.code);
    expect(row.verdict).toMatchObject({ total: 50, max: 50, eligible: true });
    expect(row.stages.find((x) => x.stage === 'final')).toMatchObject({ versions: 1 });
  });
});

describe('a version on another criteria set than the counted one', () => {
  it('is accepted with a warning naming both sets on the receipt, the unit page and the console; a version on the same set is not warned', async () => {
    const first = await upload(school.token, await workbook(CO_QUAN_SET, school, 'Cơ sở giáo dục'));
    expect(first.status).toBe(201);
    expect(receiptSchema.parse(first.body).warnings.filter((w) => w.sheet === 'Bộ tiêu chí')).toEqual([]);

    const switched = await upload(school.token, await workbook(SAFETY_SCHOOL, school, 'Cơ sở giáo dục'), 'an-toan.xlsx');
    expect(switched.status).toBe(201);
    const receipt = receiptSchema.parse(switched.body);
    const warning = {
      sheet: 'Bộ tiêu chí', cell: '',
      message: `Bảng chấm điểm này theo bộ tiêu chí "${SAFETY_SCHOOL.title}", khác bộ tiêu chí "${CO_QUAN_SET.title}" của phiên bản 1 (bản được tính trước tệp này). ` +
        `Tệp vẫn được nhận và từ nay đơn vị được xét theo bộ tiêu chí "${SAFETY_SCHOOL.title}". ` +
        `Nếu Công an tỉnh không yêu cầu đổi bộ tiêu chí, hãy nộp lại bảng chấm điểm theo bộ "${CO_QUAN_SET.title}" (tải tại trang dành cho đơn vị).`,
    };
    expect(receipt).toMatchObject({ version: 2, valid: true });
    expect(receipt.warnings).toContainEqual(warning);

    // The unit page (newest first) and the console's history show it on that version.
    const page = unitPageResponseSchema.parse((await request(s.app).get('/api/unit').set(bearer(school.token))).body);
    expect(page.submissions[0]!.warnings).toContainEqual(warning);
    const history = unitSubmissionsResponseSchema.parse(
      (await request(s.app).get(`/api/units/${school.code}/submissions?year=2026`).set(bearer(s.adminToken))).body,
    );
    expect(history.submissions.map((x) => x.result.warnings.some((w) => w.sheet === 'Bộ tiêu chí'))).toEqual([false, true]);

    // A yearly report on a set the province uses only when it asks says so too.
    const onRequest = { sheet: 'Bộ tiêu chí', cell: '', message: vi.setOnRequest(SAFETY_SCHOOL.title, 'Điển hình') };
    expect(SAFETY_SCHOOL.purpose).toBe('on-request');
    expect(receipt.warnings).toContainEqual(onRequest);

    // Another version on the set now counted: no change of set to warn of; the set's purpose still is.
    const again = await upload(school.token, await workbook(SAFETY_SCHOOL, school, 'Cơ sở giáo dục', { 1: 'Chưa đạt' }), 'an-toan-2.xlsx');
    expect(again.status).toBe(201);
    expect(receiptSchema.parse(again.body).warnings.filter((w) => w.sheet === 'Bộ tiêu chí')).toEqual([onRequest]);
  });
});

describe('a file sent again', () => {
  it('is the same submission when it is the counted version; a return to an older version becomes a new version that counts', async () => {
    const name = 'Công ty Cổ phần Mỹ Phú';
    const unit = (await s.addUnits([{ name, kind: 'doanh-nghiep', parent: 'Phường Mỹ Phú', contact: '' }])).get(name)!;
    const older = await workbook(CO_QUAN_SET, unit, 'Doanh nghiệp', { 1: 2 });
    const later = await workbook(CO_QUAN_SET, unit, 'Doanh nghiệp');
    const v1 = receiptSchema.parse((await upload(unit.token, older, 'lan-1.xlsx')).body);
    const v2 = receiptSchema.parse((await upload(unit.token, later, 'lan-2.xlsx')).body);
    expect([v1.version, v2.version]).toEqual([1, 2]);

    // The counted version again (a double click, a retry): its own receipt, nothing new.
    const retry = await upload(unit.token, later, 'lan-2 (1).xlsx');
    expect(retry.status).toBe(200);
    expect(receiptSchema.parse(retry.body)).toMatchObject({ submissionId: v2.submissionId, version: 2, duplicate: true });

    // Version 1's bytes again: the clerk goes back to that file; it counts from now on, and says which version it repeats.
    const back = await upload(unit.token, older, 'lan-1.xlsx');
    expect(back.status).toBe(201);
    const v3 = receiptSchema.parse(back.body);
    expect(v3).toMatchObject({ version: 3, duplicate: false, valid: true, sha256: v1.sha256 });
    expect(v3.submissionId).not.toBe(v1.submissionId);
    expect(v3.warnings).toContainEqual({
      sheet: '', cell: '',
      message: 'Tệp này giống hệt phiên bản 1 đã nộp trước đây. Vì phiên bản đang được tính là một tệp khác, tệp được nhận thành phiên bản mới và từ nay là phiên bản được tính.',
    });
    const row = await boardRow(unit.code);
    expect(row.stages.find((x) => x.stage === 'final')).toMatchObject({ versions: 3 });
    expect(row.verdict).toMatchObject({ total: v1.verdict!.total });
    // Two rows, one stored file: the new version's file is version 1's bytes.
    expect((await s.store.submissionsWithFile(v1.sha256)).map((r) => r.version)).toEqual([1, 3]);
    const file = await request(s.app).get(`/api/submissions/${v3.submissionId}/file`).set(bearer(unit.token)).buffer(true)
      .parse((r, done) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => done(null, Buffer.concat(chunks))); });
    expect(Buffer.compare(file.body as Buffer, older)).toBe(0);

    // Now it is the counted version: sent again, the same submission.
    expect(receiptSchema.parse((await upload(unit.token, older)).body)).toMatchObject({ submissionId: v3.submissionId, duplicate: true });
  });

  it('answers a repeat of an Idempotency-Key with the first answer, also for a return to an older version', async () => {
    const name = 'Công ty TNHH Tân Hồng';
    const unit = (await s.addUnits([{ name, kind: 'doanh-nghiep', parent: 'Xã Tân Hồng', contact: '' }])).get(name)!;
    const older = await workbook(CO_QUAN_SET, unit, 'Doanh nghiệp', { 1: 2 });
    const later = await workbook(CO_QUAN_SET, unit, 'Doanh nghiệp');
    const keyed = (bytes: Buffer, key: string) => request(s.app).post('/api/submissions').set(bearer(unit.token)).set('Content-Type', XLSX)
      .set('Idempotency-Key', key).send(bytes);
    expect((await keyed(older, 'k-1')).status).toBe(201);
    expect((await keyed(later, 'k-2')).status).toBe(201);
    const back = await keyed(older, 'k-3');
    expect(back.status).toBe(201);
    const v3 = receiptSchema.parse(back.body);
    expect(v3.version).toBe(3);
    // A retry of that very upload (its key), with the bytes or even others: its answer, nothing new.
    for (const bytes of [older, later]) {
      const again = await keyed(bytes, 'k-3');
      expect(again.status).toBe(200);
      expect(receiptSchema.parse(again.body)).toMatchObject({ submissionId: v3.submissionId, version: 3, duplicate: true });
    }
    expect((await s.store.listSubmissions({ unitId: unit.unitId })).map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('after the lock day: the counted version still gets its receipt, a return to an older version is refused as locked', async () => {
    const name = 'Công ty TNHH Tháp Mười';
    const unit = (await s.addUnits([{ name, kind: 'doanh-nghiep', parent: 'Xã Tháp Mười', contact: '' }])).get(name)!;
    const older = await workbook(CO_QUAN_SET, unit, 'Doanh nghiệp', { 1: 2 });
    const later = await workbook(CO_QUAN_SET, unit, 'Doanh nghiệp');
    expect((await upload(unit.token, older)).status).toBe(201);
    const counted = receiptSchema.parse((await upload(unit.token, later)).body);
    const before = s.clock.now;
    s.clock.now = new Date('2026-12-02T03:00:00Z');
    try {
      const again = await upload(unit.token, later);
      expect(again.status).toBe(200);
      expect(receiptSchema.parse(again.body)).toMatchObject({ submissionId: counted.submissionId, duplicate: true });
      const back = await upload(unit.token, older);
      expect(back.status).toBe(423);
      expect(apiErrorSchema.parse(back.body).error.code).toBe('locked');
    } finally {
      s.clock.now = before;
    }
    expect((await s.store.listSubmissions({ unitId: unit.unitId })).map((r) => r.version)).toEqual([1, 2]);
  });
});
