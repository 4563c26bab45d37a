/**
 * The read and decision API against the real app and a real SQLite file: the auth matrix, the
 * status board, review, appraisal, calendar, audit, sets, downloads, health and the web pages.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiErrorSchema, auditEntrySchema, unitsResponseSchema, unitSubmissionsResponseSchema,
} from '../../shared/api/schemas';
import { calendarSchema, DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { readCalendarFile } from '../../server/app/calendar';
import { intakeGuardText } from '../../server/app/messages';
import { bearer, CO_QUAN_SET, coQuan, startTestService, tempDir, workbookFor, XLSX, type TestService } from './support/harness';

const A = 'Văn phòng UBND tỉnh Đồng Tháp';
const B = 'Sở Tư pháp tỉnh Đồng Tháp';
const C = 'Ban Dân tộc tỉnh Đồng Tháp';

let s: TestService;
let tokens: Map<string, { token: string; unitId: string }>;
let receiptA = '';
let receiptB = '';

const binary = (r: request.Test) => r.buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});

beforeAll(async () => {
  s = await startTestService();
  tokens = await s.addUnits([coQuan(A), coQuan(B), coQuan(C)]);
  const a = await request(s.app).post('/api/submissions').set(bearer(tokens.get(A)!.token)).set('Content-Type', XLSX).send(await workbookFor(A));
  const b = await request(s.app).post('/api/submissions').set(bearer(tokens.get(B)!.token)).set('Content-Type', XLSX)
    .send(await workbookFor(B, { scores: { 5: 0 } }));
  expect(a.status).toBe(201);
  expect(b.status).toBe(201);
  receiptA = a.body.submissionId;
  receiptB = b.body.submissionId;
});
afterAll(async () => { await s?.close(); });

describe('auth matrix', () => {
  const adminRoutes: [string, string, unknown?][] = [
    ['get', '/api/units?year=2026'],
    ['post', '/api/units', { name: 'X', kind: 'co-quan' }],
    ['get', '/api/units/UNIT/submissions?year=2026'],
    ['post', '/api/units/UNIT/review', { state: 'approved' }],
    ['put', '/api/units/UNIT/appraisal', { scores: {} }],
    ['post', '/api/units/UNIT/exceptions', { stage: 'final' }],
    ['get', '/api/calendar?year=2026'],
    ['put', '/api/calendar?year=2026', DEFAULT_CALENDAR],
    ['get', '/api/audit'],
    ['get', '/api/consolidated.xlsx'],
    ['get', '/api/summary.docx'],
    ['get', '/api/recognition-list.xlsx'],
  ];
  const call = (method: string, url: string, body?: unknown) => {
    const r = (request(s.app) as unknown as Record<string, (u: string) => request.Test>)[method]!(url.replace('UNIT', tokens.get(A)!.unitId));
    return body === undefined ? r : r.send(body as object);
  };

  it('answers 401 without a token or with an unknown one, on every route but health', async () => {
    for (const [method, url, body] of [...adminRoutes, ['post', '/api/submissions'] as [string, string], ['get', '/api/sets'] as [string, string]]) {
      const none = await call(method, url, body);
      expect(none.status, `${method} ${url}`).toBe(401);
      expect(apiErrorSchema.parse(none.body).error.code).toBe('unauthorized');
      const wrong = await call(method, url, body).set(bearer('dha_not-a-real-token'));
      expect(wrong.status, `${method} ${url}`).toBe(401);
      expect(wrong.body.error.message).toMatch(/Mã truy cập không đúng/u);
    }
    expect((await request(s.app).get('/api/health')).status).toBe(200);
  });

  it('answers 403 to a unit token on every admin route', async () => {
    for (const [method, url, body] of adminRoutes) {
      const res = await call(method, url, body).set(bearer(tokens.get(A)!.token));
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(apiErrorSchema.parse(res.body).error.code).toBe('forbidden');
    }
  });

  it('lets a unit read only its own receipts and files; the admin reads all', async () => {
    const own = await request(s.app).get(`/api/submissions/${receiptA}`).set(bearer(tokens.get(A)!.token));
    expect(own.status).toBe(200);
    const other = await request(s.app).get(`/api/submissions/${receiptB}`).set(bearer(tokens.get(A)!.token));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/đơn vị khác/u);
    const otherFile = await request(s.app).get(`/api/submissions/${receiptB}/file`).set(bearer(tokens.get(A)!.token));
    expect(otherFile.status).toBe(403);
    expect((await request(s.app).get(`/api/submissions/${receiptB}`).set(bearer(s.adminToken))).status).toBe(200);
    expect((await request(s.app).get('/api/submissions/nope').set(bearer(s.adminToken))).status).toBe(404);
    expect((await request(s.app).get('/api/sets').set(bearer(tokens.get(A)!.token))).status).toBe(200);
  });

  it('answers unknown API paths with a 404 apiError', async () => {
    const res = await request(s.app).get('/api/nothing-here').set(bearer(s.adminToken));
    expect(res.status).toBe(404);
    expect(apiErrorSchema.parse(res.body).error.code).toBe('not-found');
  });
});

describe('status board, review, appraisal', () => {
  it('lists every expected unit with its stages and verdict (GET /api/units)', async () => {
    const res = await request(s.app).get('/api/units?year=2026').set(bearer(s.adminToken));
    expect(res.status).toBe(200);
    const board = unitsResponseSchema.parse(res.body);
    expect(board.counts).toMatchObject({ expected: 3, submitted: 2, valid: 2, missing: 1, eligible: 1 });
    const byName = new Map(board.units.map((u) => [u.unit.name, u]));
    expect(byName.get(A)!.verdict!.eligible).toBe(true);
    expect(byName.get(B)!.verdict).toMatchObject({ eligible: false, hardFailures: [5] });
    expect(byName.get(C)!.stages.find((x) => x.stage === 'final')!.status).toBe('not-submitted');
    const badYear = await request(s.app).get('/api/units?year=20x6').set(bearer(s.adminToken));
    expect(badYear.status).toBe(400);
  });

  it('records a review on the counted final submission, with who and when in the audit log', async () => {
    const unitId = tokens.get(A)!.unitId;
    const res = await request(s.app).post(`/api/units/${unitId}/review?year=2026`).set(bearer(s.adminToken))
      .send({ state: 'approved', note: 'Hồ sơ đầy đủ' });
    expect(res.status).toBe(200);
    const unit = unitSubmissionsResponseSchema.parse(res.body);
    expect(unit.submissions.at(-1)!.review).toBe('approved');
    const board = unitsResponseSchema.parse((await request(s.app).get('/api/units?year=2026').set(bearer(s.adminToken))).body);
    expect(board.units.find((u) => u.unit.id === unitId)!.stages.find((x) => x.stage === 'final')!.review).toBe('approved');

    const bad = await request(s.app).post(`/api/units/${unitId}/review`).set(bearer(s.adminToken)).send({ state: 'ok' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].cell).toBe('state');
    const none = await request(s.app).post(`/api/units/${tokens.get(C)!.unitId}/review?year=2026`).set(bearer(s.adminToken)).send({ state: 'received' });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('no-submission');
    const missing = await request(s.app).post('/api/units/nope/review').set(bearer(s.adminToken)).send({ state: 'received' });
    expect(missing.status).toBe(404);

    const audit = (await request(s.app).get(`/api/audit?unitId=${unitId}`).set(bearer(s.adminToken))).body as unknown[];
    const entry = auditEntrySchema.parse(audit[0]);
    expect(entry).toMatchObject({ actor: 'Quản trị viên', action: 'review', actionLabel: 'Duyệt hồ sơ', unitId });
    expect(entry.detail).toMatch(/Đã duyệt.*Hồ sơ đầy đủ/u);
    expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
  });

  it('validates appraisal scores against the set (0..max, step) and recomputes the verdict on them', async () => {
    const unitId = tokens.get(A)!.unitId;
    const hard = CO_QUAN_SET.criteria.find((c) => c.hard)!;
    const other = CO_QUAN_SET.criteria.find((c) => !c.hard)!;
    const bad = await request(s.app).put(`/api/units/${unitId}/appraisal?year=2026`).set(bearer(s.adminToken))
      .send({ scores: { [hard.number]: hard.maxPoints + 1, 999: 1, [other.number]: other.step / 2 } });
    expect(bad.status).toBe(422);
    const body = apiErrorSchema.parse(bad.body);
    expect(body.error.code).toBe('appraisal-invalid');
    expect(body.error.details!.map((d) => d.cell).sort()).toEqual([String(hard.number), String(other.number), '999'].sort());
    expect(body.error.details!.find((d) => d.cell === String(hard.number))!.message).toMatch(/vượt điểm tối đa/u);
    expect(body.error.details!.find((d) => d.cell === String(other.number))!.message).toMatch(/bước điểm/u);
    expect((await s.store.appraisals(2026)).size).toBe(0);

    const good = await request(s.app).put(`/api/units/${unitId}/appraisal?year=2026`).set(bearer(s.adminToken))
      .send({ scores: { [hard.number]: 0 } });
    expect(good.status).toBe(200);
    expect(unitSubmissionsResponseSchema.parse(good.body).appraisal).toEqual({ [hard.number]: 0 });
    const board = unitsResponseSchema.parse((await request(s.app).get('/api/units?year=2026').set(bearer(s.adminToken))).body);
    const row = board.units.find((u) => u.unit.id === unitId)!;
    expect(row.appraised).toBe(true);
    expect(row.verdict).toMatchObject({ eligible: false, hardFailures: [hard.number] });

    const cleared = await request(s.app).put(`/api/units/${unitId}/appraisal?year=2026`).set(bearer(s.adminToken))
      .send({ scores: { [hard.number]: null } });
    expect(unitSubmissionsResponseSchema.parse(cleared.body).appraisal).toBeNull();
    const noFinal = await request(s.app).put(`/api/units/${tokens.get(C)!.unitId}/appraisal?year=2026`).set(bearer(s.adminToken)).send({ scores: { 1: 1 } });
    expect(noFinal.status).toBe(409);
  });
});

describe('calendar, sets, audit', () => {
  it('returns the default calendar, saves a new one per year, and refuses an invalid one in Vietnamese', async () => {
    const first = await request(s.app).get('/api/calendar?year=2027').set(bearer(s.adminToken));
    expect(calendarSchema.parse(first.body).id).toBe(DEFAULT_CALENDAR.id);
    const edited = { ...DEFAULT_CALENDAR, title: 'Lịch 2027', byUnitKind: { 'co-quan': [{ stage: 'final', due: '10/11', lock: '15/11', source: '' }] } };
    const put = await request(s.app).put('/api/calendar?year=2027').set(bearer(s.adminToken)).send(edited);
    expect(put.status).toBe(200);
    const answer = await request(s.app).get('/api/calendar?year=2027').set(bearer(s.adminToken));
    const again = calendarSchema.parse(answer.body);
    expect(again.byUnitKind['co-quan']![0]!.due).toBe('10/11');
    // The answer saved as it came (the console's "Tải lịch (.json)") is the file `consolidate --calendar` reads.
    const saved = path.join(tempDir('dien-hinh-calendar-'), 'lich-han-nop-2027.json');
    writeFileSync(saved, answer.text);
    expect(readCalendarFile(saved)).toEqual({ ok: true, value: again });
    expect(calendarSchema.parse((await request(s.app).get('/api/calendar?year=2026').set(bearer(s.adminToken))).body).title)
      .toBe(DEFAULT_CALENDAR.title);
    const bad = await request(s.app).put('/api/calendar?year=2027').set(bearer(s.adminToken)).send({ ...edited, milestones: [{ stage: 'final', due: '31/13' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/dd\/mm/u);
    // A lock day before its due day would lock intake before it is due: refused, naming the field.
    const locked = await request(s.app).put('/api/calendar?year=2027').set(bearer(s.adminToken))
      .send({ ...edited, byUnitKind: { 'co-quan': [{ stage: 'final', due: '20/11', lock: '10/11', source: '' }] } });
    expect(locked.status).toBe(400);
    expect(locked.body.error.message).toMatch(/byUnitKind\.co-quan\.0\.lock.*ngày khoá 10\/11 trước hạn nộp 20\/11/u);
    const audit = (await request(s.app).get('/api/audit?limit=1').set(bearer(s.adminToken))).body;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'calendar', actionLabel: 'Cập nhật lịch nộp hồ sơ', actor: 'Quản trị viên', unitId: null });
  });

  it('lists the criteria sets and gives one in full', async () => {
    const list = await request(s.app).get('/api/sets').set(bearer(s.adminToken));
    expect(list.body.map((x: { id: string }) => x.id)).toContain(CO_QUAN_SET.id);
    const one = await request(s.app).get(`/api/sets/${CO_QUAN_SET.id}?version=${CO_QUAN_SET.version}`).set(bearer(s.adminToken));
    expect(one.body.criteria).toHaveLength(CO_QUAN_SET.criteria.length);
    expect((await request(s.app).get('/api/sets/khong-co').set(bearer(s.adminToken))).status).toBe(404);
  });
});

describe('downloads', () => {
  it('streams the consolidated workbook with one row per expected unit', async () => {
    const res = await binary(request(s.app).get('/api/consolidated.xlsx?year=2026').set(bearer(s.adminToken)));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Bang tong hop dien hinh 2026\.xlsx"; filename\*=UTF-8''B%E1%BA%A3ng/u);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const text = workbook.worksheets.flatMap((ws) => {
      const cells: string[] = [];
      ws.eachRow((row) => row.eachCell((cell) => { cells.push(String(cell.text)); }));
      return cells;
    }).join('\n');
    for (const name of [A, B, C]) expect(text).toContain(name);
    expect(workbook.worksheets[0]!.pageSetup.paperSize).toBe(8);

    const a4 = await binary(request(s.app).get('/api/consolidated.xlsx?year=2026&paper=A4').set(bearer(s.adminToken)));
    const onA4 = new ExcelJS.Workbook();
    await onA4.xlsx.load(a4.body as unknown as ArrayBuffer);
    expect(onA4.worksheets[0]!.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesColumn: 'A:B' });
    const a5 = await request(s.app).get('/api/consolidated.xlsx?year=2026&paper=A5').set(bearer(s.adminToken));
    expect(a5.status).toBe(400);
  });

  it('sends the recognition list and the summary document', async () => {
    const list = await binary(request(s.app).get('/api/recognition-list.xlsx?year=2026').set(bearer(s.adminToken)));
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(list.body as unknown as ArrayBuffer);
    let listed = '';
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => { listed += `${cell.text}\n`; }));
    expect(listed).toContain(A);
    expect(listed).not.toContain(B);
    expect(listed).not.toContain('Kèm theo');
    const numbered = await binary(request(s.app).get('/api/recognition-list.xlsx?year=2026&number=125%2FTTr-CAT').set(bearer(s.adminToken)));
    const withNumber = new ExcelJS.Workbook();
    await withNumber.xlsx.load(numbered.body as unknown as ArrayBuffer);
    expect(withNumber.worksheets[0]!.getCell('A3').value).toBe('(Kèm theo Tờ trình số 125/TTr-CAT)');

    const docx = await binary(request(s.app).get('/api/summary.docx?year=2026&number=125').set(bearer(s.adminToken)));
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers['content-disposition']).toMatch(/filename\*=UTF-8''B%C3%A1o%20c%C3%A1o/u);
    expect((docx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

describe('web pages and headers', () => {
  it('keeps helmet defaults and CORS to the add-in origin on the API', async () => {
    const res = await request(s.app).get('/api/health').set('Origin', 'https://localhost:3000');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['access-control-allow-origin']).toBe('https://localhost:3000');
    const evil = await request(s.app).get('/api/health').set('Origin', 'https://evil.example');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(s.app).options('/api/submissions').set('Origin', 'https://localhost:3000')
      .set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,x-file-name,content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/X-File-Name/iu);
  });

  it('says in Vietnamese to run npm run build when the pages are not built', async () => {
    const res = await request(s.app).get('/');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run build');
  });

  it('serves the console with an SPA fallback and the task pane framable by Office', async () => {
    const web = tempDir('dien-hinh-web-');
    mkdirSync(path.join(web, 'console'), { recursive: true });
    mkdirSync(path.join(web, 'addin', 'assets'), { recursive: true });
    writeFileSync(path.join(web, 'console', 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(path.join(web, 'console', 'console.js'), 'console.log(1)');
    writeFileSync(path.join(web, 'addin', 'index.html'), '<!doctype html><title>pane</title>');
    writeFileSync(path.join(web, 'addin', 'assets', 'icon-32.png'), 'png');
    const t = await startTestService({ webDir: web });
    try {
      expect((await request(t.app).get('/')).text).toContain('console');
      const deep = await request(t.app).get('/units/abc').set('Accept', 'text/html');
      expect(deep.status).toBe(200);
      expect(deep.text).toContain('console');
      expect((await request(t.app).get('/missing.js')).status).toBe(404);
      expect((await request(t.app).get('/console.js')).text).toContain('console.log');

      const pane = await request(t.app).get('/addin/');
      expect(pane.status).toBe(200);
      expect(pane.text).toContain('pane');
      expect(pane.headers['x-frame-options']).toBeUndefined();
      const csp = pane.headers['content-security-policy'] as string;
      expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/\*\.officeapps\.live\.com/u);
      expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/\*\.sharepoint\.com/u);
      expect(csp).toMatch(/script-src [^;]*https:\/\/appsforoffice\.microsoft\.com/u);
      expect((await request(t.app).get('/assets/icon-32.png')).status).toBe(200);
      expect((await request(t.app).get('/addin/assets/icon-32.png')).status).toBe(200);
      // The console's and the unit page's icon is one the service has (else browsers ask /favicon.ico: a 404 on every page).
      for (const page of ['server/console/console.html', 'server/portal/portal.html']) {
        const icon = /<link rel="icon"[^>]* href="([^"]+)"/u.exec(readFileSync(path.resolve(__dirname, '../..', page), 'utf8'))?.[1];
        expect(icon, page).toBeDefined();
        expect((await request(t.app).get(icon!)).status, page).toBe(200);
      }
    } finally {
      await t.close();
    }
  });

  it('answers 429 in Vietnamese past the rate limit of a token', async () => {
    const t = await startTestService({ rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await request(t.app).get('/api/sets').set(bearer(t.adminToken))).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await request(t.app).get('/api/sets').set(bearer(t.adminToken));
      expect(apiErrorSchema.parse(limited.body).error).toMatchObject({ code: 'rate-limited' });
      expect(limited.body.error.message).toMatch(/Quá nhiều yêu cầu/u);
      // Another token has its own budget.
      const units = await t.addUnits([coQuan(A)]);
      expect((await request(t.app).get('/api/sets').set(bearer(units.get(A)!.token))).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('a disk that fails under the service', () => {
  it('after a failed WAL fsync refuses uploads with 503 storage-failed in Vietnamese, and /api/health says why', async () => {
    let failing = false;
    const eio = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    const service = await startTestService({ sqlite: { checkpoints: 'background', syncWal: async () => { if (failing) throw eio; } } });
    try {
      const unit = (await service.addUnits([coQuan(A)])).get(A)!;
      const send = async (fill: Record<number, number>) =>
        request(service.app).post('/api/submissions').set(bearer(unit.token)).set('Content-Type', XLSX).send(await workbookFor(A, { scores: fill }));
      expect((await send({})).status).toBe(201);
      failing = true;
      // The upload whose commit could not be made durable is not acknowledged.
      expect((await send({ 1: 7 })).status).toBeGreaterThanOrEqual(500);
      failing = false;
      // Every later one is refused with the catalogue's entry: what happened, that the file was not taken, what to do.
      const refused = await send({ 1: 6 });
      expect(refused.status).toBe(503);
      expect(apiErrorSchema.parse(refused.body).error).toMatchObject({ code: 'storage-failed', message: intakeGuardText.storageFailed });
      const health = await request(service.app).get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ ok: false, problem: intakeGuardText.healthStoreFailed });
    } finally {
      await service.close();
    }
  }, 60_000);
});
