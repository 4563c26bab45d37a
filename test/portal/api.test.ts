/**
 * The unit portal's routes against the real app (SQLite in a temporary folder, real reader pool,
 * real .xlsx): a unit token reads only its own unit, the page shows deadlines, files, reviews with
 * their notes (recorded as seen the first time, and the province's panel says so), the workbook
 * comes pre-filled, one file name per set, each set saying what it is for, and the appraisal
 * reaches the unit only once published. A file with errors has no verdict; a pass-fail set's
 * verdicts say so.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitPageResponseSchema, unitSubmissionsResponseSchema } from '../../shared/api/schemas';
import { NAMES } from '../../shared/workbook/layout';
import { bearer, coQuan, SETS, startTestService, workbookFor, XLSX, type TestService } from '../server/support/harness';
import { fullFill } from '../support/fill';
import { makeWorkbookBytes } from '../support/workbooks';

const XA_SET = SETS.find((s) => s.id === 'dien-hinh-xa-du-thao')!;

const A = 'Sở Tư pháp';
const B = 'Sở Y tế';
let service: TestService;
let tokenA: string;
let tokenB: string;
let unitIdA: string;

const upload = (token: string, bytes: Buffer, name = 'bang-cham-diem.xlsx') =>
  request(service.app).post('/api/submissions').set(bearer(token)).set('Content-Type', XLSX).set('X-File-Name', encodeURIComponent(name)).send(bytes);

const page = async (token: string) => {
  const res = await request(service.app).get('/api/unit').set(bearer(token));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return unitPageResponseSchema.parse(res.body);
};

beforeAll(async () => {
  service = await startTestService();
  const tokens = await service.addUnits([coQuan(A, 'Phường Cao Lãnh'), coQuan(B, 'Phường Mỹ Phú')]);
  tokenA = tokens.get(A)!.token;
  tokenB = tokens.get(B)!.token;
  unitIdA = tokens.get(A)!.unitId;
});

afterAll(async () => {
  await service?.close();
});

describe('GET /api/unit', () => {
  it('answers the unit of the token, and nothing without a unit token', async () => {
    const a = await page(tokenA);
    expect(a.unit).toMatchObject({ id: unitIdA, name: A, kind: 'co-quan', parent: 'Phường Cao Lãnh' });
    expect(a.deadlines.map((d) => d.stage)).toEqual(['registration', 'mid-year', 'final']);
    // 10/11/2026 against the default calendar: final report due 20/11 → 10 days left.
    expect(a.deadlines.find((d) => d.stage === 'final')).toMatchObject({ due: '20/11/2026', state: 'due-soon', daysLeft: 10, label: 'Còn 10 ngày' });
    expect(a.deadlines.find((d) => d.stage === 'registration')!.state).toBe('locked');
    expect(a.workbooks.map((w) => w.setId)).toContain('dien-hinh-co-quan-du-thao');
    expect((await page(tokenB)).unit.name).toBe(B);

    expect((await request(service.app).get('/api/unit')).status).toBe(401);
    expect((await request(service.app).get('/api/unit').set(bearer('dhu_not-a-token'))).status).toBe(401);
    const admin = await request(service.app).get('/api/unit').set(bearer(service.adminToken));
    expect(admin.status).toBe(403);
    expect(admin.body.error.message).toContain('mã nộp của đơn vị');
    // A unit token cannot reach the province's routes about another unit.
    expect((await request(service.app).get(`/api/units/${unitIdA}/submissions`).set(bearer(tokenB))).status).toBe(403);
  });

  it('lists every file with its verdict and cells; the review note is marked seen the first time the unit reads it', async () => {
    expect((await upload(tokenA, await workbookFor(A))).status).toBe(201);
    const broken = await upload(tokenA, await workbookFor(A, { scores: { 3: 99 } }), 'loi.xlsx');
    expect(broken.status).toBe(422);
    // A file with errors was never judged: its receipt carries no verdict (its total may pass the threshold).
    expect(broken.body.error.receipt).toMatchObject({ valid: false, verdict: null });

    const review = await request(service.app).post(`/api/units/${unitIdA}/review`).set(bearer(service.adminToken))
      .send({ state: 'has-issues', note: 'Thiếu biên bản họp' });
    expect(review.status).toBe(200);
    const before = unitSubmissionsResponseSchema.parse(review.body).submissions.find((s) => s.review === 'has-issues')!;
    expect(before.reviewNote).toBe('Thiếu biên bản họp');
    expect(before.reviewSeenAt).toBeNull();

    service.clock.now = new Date('2026-11-11T02:00:00Z');
    const a = await page(tokenA);
    expect(a.submissions).toHaveLength(2);
    const [newest, first] = a.submissions;
    expect(newest).toMatchObject({ valid: false, version: null, fileName: 'loi.xlsx', verdict: null });
    expect(newest!.errors.some((e) => e.sheet === 'Chấm điểm' && /^F\d+$/u.test(e.cell))).toBe(true);
    expect(first).toMatchObject({ valid: true, version: 1, late: false, review: { state: 'has-issues', note: 'Thiếu biên bản họp', seenAt: '2026-11-11T02:00:00.000Z' } });
    expect(first!.verdict).toMatchObject({ eligible: true });
    expect(a.stages.find((s) => s.stage === 'final')).toMatchObject({ status: 'on-time', review: 'has-issues', versions: 1 });
    expect(a.deadlines.find((d) => d.stage === 'final')!.state).toBe('done');

    // Read again later: the first time stays.
    service.clock.now = new Date('2026-11-12T02:00:00Z');
    expect((await page(tokenA)).submissions[1]!.review!.seenAt).toBe('2026-11-11T02:00:00.000Z');
    const panel = unitSubmissionsResponseSchema.parse(
      (await request(service.app).get(`/api/units/${unitIdA}/submissions`).set(bearer(service.adminToken))).body,
    );
    expect(panel.submissions.find((s) => s.review === 'has-issues')!.reviewSeenAt).toBe('2026-11-11T02:00:00.000Z');
    const audit = await request(service.app).get(`/api/audit?unitId=${unitIdA}`).set(bearer(service.adminToken));
    expect(audit.body.filter((e: { action: string }) => e.action === 'review-seen')).toHaveLength(1);

    // B sees none of it.
    const b = await page(tokenB);
    expect(b.submissions).toEqual([]);
    expect(JSON.stringify(b)).not.toContain(A);
    expect((await request(service.app).get(`/api/submissions/${first!.id}`).set(bearer(tokenB))).status).toBe(403);
  });

  it('shows the appraisal only once the province publishes it', async () => {
    const put = await request(service.app).put(`/api/units/${unitIdA}/appraisal`).set(bearer(service.adminToken)).send({ scores: { 5: 2 } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await page(tokenA)).appraisal).toBeNull();

    expect((await request(service.app).put(`/api/units/${unitIdA}/appraisal/publication`).set(bearer(tokenA)).send({ published: true })).status).toBe(403);
    expect((await request(service.app).put(`/api/units/${unitIdA}/appraisal/publication`).set(bearer(service.adminToken)).send({ published: 'yes' })).status).toBe(400);
    const published = await request(service.app).put(`/api/units/${unitIdA}/appraisal/publication`).set(bearer(service.adminToken)).send({ published: true });
    expect(published.status).toBe(200);
    expect(unitSubmissionsResponseSchema.parse(published.body).appraisalPublishedAt).toBe('2026-11-12T02:00:00.000Z');

    const a = await page(tokenA);
    expect(a.appraisal).toMatchObject({ appraised: true, passFail: false, verdict: { eligible: false } });
    expect(a.appraisal!.scores.find((s) => s.number === 5)).toMatchObject({ appraised: 2 });
    expect(a.appraisal!.verdict.reasons.join(' ')).toContain('5');
    expect((await page(tokenB)).appraisal).toBeNull();

    await request(service.app).put(`/api/units/${unitIdA}/appraisal/publication`).set(bearer(service.adminToken)).send({ published: false }).expect(200);
    expect((await page(tokenA)).appraisal).toBeNull();
  });

  it('says when the set is scored Đạt / Chưa đạt, so the page does not show 1 and 0', async () => {
    const name = 'Xã Bình Thạnh';
    const { token, unitId } = (await service.addUnits([{ name, kind: 'xa', parent: '', contact: '' }])).get(name)!;
    const fill = fullFill(XA_SET, name);
    const sent = await upload(token, await makeWorkbookBytes(XA_SET, { ...fill, unit: { ...fill.unit, kind: 'Xã', parent: '' } }));
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    // The receipt, the file history and the receipt read back say the set is pass-fail: "Đạt 6/6 tiêu chí", not points.
    expect(sent.body.verdict).toMatchObject({ eligible: true, total: 6, max: 6, passFail: true });
    expect((await page(token)).submissions[0]!.verdict).toMatchObject({ total: 6, passFail: true });
    const readBack = await request(service.app).get(`/api/submissions/${sent.body.submissionId}`).set(bearer(token));
    expect(readBack.body.verdict).toMatchObject({ total: 6, passFail: true });
    await request(service.app).put(`/api/units/${unitId}/appraisal`).set(bearer(service.adminToken)).send({ scores: { 2: 0 } }).expect(200);
    await request(service.app).put(`/api/units/${unitId}/appraisal/publication`).set(bearer(service.adminToken)).send({ published: true }).expect(200);
    const shown = (await page(token)).appraisal!;
    expect(shown).toMatchObject({ passFail: true, verdict: { eligible: false, total: 5, max: 6, passFail: true } });
    expect(shown.scores.find((s) => s.number === 2)).toMatchObject({ self: 1, appraised: 0 });
  });
});

describe('GET /api/unit/workbook.xlsx', () => {
  it('offers the yearly report\'s set first and the one used on request after, each in a file named for its set', async () => {
    const b = await page(tokenB);
    expect(b.workbooks.map((w) => [w.setId, w.purpose])).toEqual([
      ['dien-hinh-co-quan-du-thao', 'yearly-report'], ['an-toan-antt-co-quan-doanh-nghiep', 'on-request'],
    ]);
    const names = await Promise.all(b.workbooks.map(async (w) => {
      const res = await request(service.app).get(`/api/unit/workbook.xlsx?set=${w.setId}`).set(bearer(tokenB));
      expect(res.status).toBe(200);
      return /filename\*=UTF-8''(.+)$/u.exec(res.headers['content-disposition']!)![1]!;
    }));
    expect(names.map(decodeURIComponent)).toEqual([
      `${b.unit.code} - ${B} (Phường Mỹ Phú) - Điển hình.xlsx`, `${b.unit.code} - ${B} (Phường Mỹ Phú) - An toàn về ANTT.xlsx`,
    ]);
  });

  it("writes the token's own unit into the workbook", async () => {
    const res = await request(service.app).get('/api/unit/workbook.xlsx?set=dien-hinh-co-quan-du-thao').set(bearer(tokenB))
      .buffer(true).parse((r, done) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => done(null, Buffer.concat(chunks))); });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(B));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const at = (name: string) => {
      const [range] = workbook.definedNames.getRanges(name).ranges;
      const [sheet, cell] = range!.split('!');
      return workbook.getWorksheet(sheet!.replace(/^'|'$/gu, ''))!.getCell(cell!.replace(/\$/gu, '')).value;
    };
    expect(at(NAMES.unit.name)).toBe(B);
    expect(at(NAMES.unit.parent)).toBe('Phường Mỹ Phú');
    expect(at(NAMES.unit.kind)).toBe('Cơ quan');

    const other = await request(service.app).get('/api/unit/workbook.xlsx?set=dien-hinh-xa-du-thao').set(bearer(tokenB));
    expect(other.status).toBe(404);
    expect(other.body.error.message).toContain('không áp dụng');
    expect((await request(service.app).get('/api/unit/workbook.xlsx').set(bearer(service.adminToken))).status).toBe(403);
  });
});
