/**
 * The Word documents end to end: the real app over a real SQLite data folder, real workbooks
 * submitted and reviewed, each .docx read back by LibreOffice (PDF, then its text).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitsResponseSchema, type DocumentSettings, type UnitsResponse } from '../../shared/api/schemas';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { makeTokenSlips } from '../../server/app/documents';
import { templatePath } from '../../server/documents/template';
import { fullFill } from '../support/fill';
import { makeWorkbookBytes } from '../support/workbooks';
import { bearer, coQuan, startTestService, workbookFor, XLSX, type TestService } from '../server/support/harness';
import { readWithLibreOffice } from '../support/libreoffice';
import { runCli } from '../server/support/serveProcess';
import { tempDir } from '../server/support/harness';

const XA_SET = defaultCriteriaSets().find((s) => s.id === 'dien-hinh-xa-du-thao')!;

let s: TestService;
let admin: Record<string, string>;
const ids = new Map<string, string>();

async function send(bytes: Buffer, name: string): Promise<string> {
  const res = await request(s.app).post('/api/submissions').set(admin).set('Content-Type', XLSX).set('X-File-Name', encodeURIComponent(`${name}.xlsx`)).send(bytes);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.submissionId as string;
}

async function review(name: string, state: 'approved' | 'received' | 'has-issues'): Promise<void> {
  const res = await request(s.app).post(`/api/units/${ids.get(name)}/review`).set(admin).send({ state, note: '' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function units(): Promise<UnitsResponse> {
  const res = await request(s.app).get('/api/units?year=2026').set(admin);
  expect(res.status).toBe(200);
  return unitsResponseSchema.parse(res.body);
}

async function download(url: string): Promise<Buffer> {
  const res = await request(s.app).get(url).set(admin).buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(res.status, res.status !== 200 ? String(res.body) : '').toBe(200);
  expect(res.headers['content-type']).toContain('wordprocessingml.document');
  return res.body as Buffer;
}

/** Settings as the officer saves them: a deputy signs on behalf of the director. */
function settings(): DocumentSettings {
  return {
    parentBody: 'BỘ CÔNG AN', issuingBody: 'CÔNG AN TỈNH ĐỒNG THÁP', place: 'Đồng Tháp', date: '05/12/2026',
    signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn Bình' },
    addressee: 'Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp',
    baoCao: { number: '125', symbol: 'BC-CAT', recipients: ['Chủ tịch UBND tỉnh (để b/c);', 'Đồng chí Giám đốc (để b/c);', 'Lưu: VT, PV01.'] },
    toTrinh: { number: '126', symbol: 'TTr-CAT', recipients: ['Như trên;', 'Lưu: VT, PV01.'] },
    quyetDinh: {
      symbol: 'QĐ-UBND', recipients: ['Như Điều 3;', 'Lưu: VT.'], issuingBody: 'ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP',
      signer: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Phạm Thành Công' },
    },
    bienBan: { symbol: 'BB-HĐTĐ', council: 'Hội đồng thẩm định', chair: 'Trần Văn Chủ', secretary: 'Lê Thị Ký' },
  };
}

beforeAll(async () => {
  // 30/11/2026 10:00 in Vietnam: 10 days after the final report's due day (20/11), before the lock (30/11).
  s = await startTestService({ now: new Date('2026-11-30T03:00:00Z') });
  admin = bearer(s.adminToken);
  await s.addUnits([
    coQuan('Sở Y tế'), coQuan('Sở Tư pháp'), coQuan('Sở Nội vụ'), coQuan('Công ty Cấp nước Đồng Tháp'), coQuan('Sở Xây dựng'),
    { name: 'Xã Tân Hòa', kind: 'xa', parent: 'Đồng Tháp', contact: '' },
  ]);
  for (const u of (await units()).units) ids.set(u.unit.name, u.unit.id);
  await send(await workbookFor('Sở Y tế'), 'Sở Y tế');
  await send(await workbookFor('Sở Tư pháp', { scores: { 1: 3, 2: 3 } }), 'Sở Tư pháp');
  await send(await workbookFor('Sở Nội vụ', { scores: { 5: 4 } }), 'Sở Nội vụ');
  await send(await workbookFor('Công ty Cấp nước Đồng Tháp'), 'Công ty Cấp nước Đồng Tháp');
  const xa = fullFill(XA_SET, 'Xã Tân Hòa');
  await send(await makeWorkbookBytes(XA_SET, { ...xa, unit: { ...xa.unit, kind: 'Xã', parent: 'Đồng Tháp' } }), 'Xã Tân Hòa');
  for (const name of ['Sở Y tế', 'Sở Tư pháp', 'Sở Nội vụ', 'Xã Tân Hòa']) await review(name, 'approved');
  await review('Công ty Cấp nước Đồng Tháp', 'received');
  s.clock.now = new Date('2026-12-04T03:00:00Z');
}, 120_000);

afterAll(async () => {
  await s.close();
});

describe('document settings', () => {
  it('start from defaults not yet saved, refuse a "Nơi nhận" naming the signer, and are remembered per year', async () => {
    const first = await request(s.app).get('/api/document-settings?year=2026').set(admin);
    expect(first.body).toMatchObject({ year: 2026, saved: false, settings: { parentBody: 'BỘ CÔNG AN', issuingBody: 'CÔNG AN TỈNH ĐỒNG THÁP' } });

    const naming = settings();
    naming.baoCao.recipients = ['Đồng chí Nguyễn Văn Bình (để b/c);', 'Lưu: VT.'];
    const refused = await request(s.app).put('/api/document-settings?year=2026').set(admin).send(naming);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('"Nơi nhận" không ghi người ký');
    expect(refused.body.error.details[0].cell).toBe('baoCao.recipients.0');

    const head = settings();
    head.signer = { authority: '', title: 'GIÁM ĐỐC', name: '' };
    const headRefused = await request(s.app).put('/api/document-settings?year=2026').set(admin).send(head);
    expect(headRefused.status).toBe(400);
    expect(headRefused.body.error.details[0].cell).toBe('baoCao.recipients.1'); // "Đồng chí Giám đốc" while the Giám đốc signs

    // Each refusal names the field as the console's dialog labels it, never by its path.
    expect(headRefused.body.error.details[0].message).toMatch(/^Nơi nhận của báo cáo, dòng 2: "Nơi nhận" không ghi người ký/u);
    const badDay = await request(s.app).put('/api/document-settings?year=2026').set(admin).send({ ...settings(), date: '31/02/2026' });
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.details).toEqual([{ sheet: '', cell: 'date', message: expect.stringMatching(/^Ngày ký: viết ngày theo dạng dd\/mm\/yyyy/u) }]);
    expect(`${headRefused.body.error.message} ${badDay.body.error.message}`).not.toContain('Trường "');

    // A day or a month typed with one digit is taken, and kept as the documents print it.
    const short = await request(s.app).put('/api/document-settings?year=2026').set(admin).send({ ...settings(), date: '5/12/2026' });
    expect(short.status, JSON.stringify(short.body)).toBe(200);
    expect(short.body.settings.date).toBe('05/12/2026');

    const saved = await request(s.app).put('/api/document-settings?year=2026').set(admin).send(settings());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const again = await request(s.app).get('/api/document-settings?year=2026').set(admin);
    expect(again.body).toEqual({ year: 2026, saved: true, settings: settings() });
    expect((await request(s.app).get('/api/document-settings?year=2027').set(admin)).body.saved).toBe(false);
    const audit = await request(s.app).get('/api/audit').set(admin);
    expect(audit.body.some((e: { action: string }) => e.action === 'document-settings')).toBe(true);
  });
});

describe('a unit named in a route by its code or by its id', () => {
  it('gets the same biên bản and the same history either way', async () => {
    const unit = (await units()).units.find((u) => u.unit.name === 'Sở Tư pháp')!.unit;
    expect(unit.code).not.toBe(unit.id);
    const documentXml = async (ref: string) => new PizZip(await download(`/api/units/${encodeURIComponent(ref)}/bien-ban.docx?year=2026`)).file('word/document.xml')!.asText();
    const byCode = await documentXml(unit.code);
    expect(byCode).toContain('Sở Tư pháp');
    expect(byCode).toBe(await documentXml(unit.id));
    const history = (ref: string) => request(s.app).get(`/api/units/${encodeURIComponent(ref)}/submissions?year=2026`).set(admin);
    const [codeHistory, idHistory] = [await history(unit.code), await history(unit.id)];
    expect(codeHistory.status).toBe(200);
    expect(codeHistory.body).toEqual(idHistory.body);
    const unknown = await request(s.app).get('/api/units/KHONG-CO/bien-ban.docx?year=2026').set(admin);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unit-not-found');
  });

  it('names the biên bản file with the unit\'s code and xã/phường, and refuses one for a unit with no valid final report', async () => {
    const unit = (await units()).units.find((u) => u.unit.name === 'Sở Tư pháp')!.unit;
    const res = await request(s.app).get(`/api/units/${encodeURIComponent(unit.code)}/bien-ban.docx?year=2026`).set(admin);
    expect(res.status).toBe(200);
    const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/u.exec(String(res.headers['content-disposition']))![1]!);
    expect(name).toBe(`Biên bản thẩm định ${unit.code} Sở Tư pháp${unit.parent ? ` (${unit.parent})` : ''} 2026.docx`);
    const added = await request(s.app).post('/api/units').set(admin).send({ name: 'Ban Chỉ huy Quân sự tỉnh', kind: 'co-quan', parent: 'Phường 1' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const none = await request(s.app).get(`/api/units/${encodeURIComponent(added.body.code as string)}/bien-ban.docx?year=2026`).set(admin);
    expect(none.status).toBe(409);
    expect(none.body.error).toMatchObject({ code: 'no-submission', message: expect.stringMatching(/chưa có bảng chấm điểm báo cáo kết quả năm hợp lệ/u) });
  });
});

describe('the documents, read by LibreOffice', () => {
  let docs: Awaited<ReturnType<typeof readWithLibreOffice>>;

  beforeAll(async () => {
    await request(s.app).put('/api/document-settings?year=2026').set(admin).send(settings()).expect(200);
    docs = await readWithLibreOffice({
      baoCao: await download('/api/documents/bao-cao.docx?year=2026'),
      summary: await download('/api/summary.docx?year=2026'),
      toTrinh: await download('/api/documents/to-trinh.docx?year=2026'),
      toTrinhDraft: await download('/api/documents/to-trinh.docx?year=2026&pending=1'),
      quyetDinh: await download('/api/documents/quyet-dinh.docx?year=2026'),
      bienBan: await download(`/api/units/${ids.get('Sở Tư pháp')}/bien-ban.docx?year=2026`),
    });
  }, 240_000);

  it('báo cáo: letterhead, số/ký hiệu, place and date, signer, nơi nhận without the signer', () => {
    const { text, lines } = docs.baoCao!;
    expect(lines[0]).toMatch(/^BỘ CÔNG AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/u);
    expect(lines[1]).toMatch(/^CÔNG AN TỈNH ĐỒNG THÁP Độc lập - Tự do - Hạnh phúc$/u);
    expect(lines[2]).toBe('Số: 125/BC-CAT Đồng Tháp, ngày 05 tháng 12 năm 2026');
    expect(text).toContain('BÁO CÁO Tổng hợp kết quả tự chấm điểm');
    expect(text).toMatch(/KT\. GIÁM ĐỐC PHÓ GIÁM ĐỐC .*Nguyễn Văn Bình/u);
    const recipients = text.slice(text.indexOf('Nơi nhận:'));
    expect(recipients).toContain('- Đồng chí Giám đốc (để b/c);');
    expect(text.match(/Nguyễn Văn Bình/gu)).toHaveLength(1); // only under the signature
    expect(docs.summary!.text).toBe(text); // /api/summary.docx answers the báo cáo
  });

  it('lists only approved eligible units, each criteria set its own section, points in order, pass/fail apart', () => {
    const { text } = docs.toTrinh!;
    expect(text).toContain('TỜ TRÌNH');
    expect(text).toContain('Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp');
    expect(text).toContain('Số: 126/TTr-CAT');
    const yTe = text.indexOf('Sở Y tế'), tuPhap = text.indexOf('Sở Tư pháp'), xa = text.indexOf('Xã Tân Hòa');
    expect(yTe).toBeGreaterThan(0);
    expect(tuPhap).toBeGreaterThan(yTe); // 50 before 48
    expect(xa).toBeGreaterThan(tuPhap); // the pass/fail set in its own, later section
    expect(text).toMatch(/1\. Bộ tiêu chí dự thảo: cơ quan.*xếp theo tổng điểm/u);
    expect(text).toMatch(/2\. Bộ tiêu chí dự thảo: xã.*đánh giá đạt\/không đạt, xếp theo tên/u);
    expect(text).toContain('Đạt 6/6 tiêu chí');
    expect(text).not.toContain('Sở Nội vụ'); // approved but not eligible
    expect(text).not.toContain('Công ty Cấp nước'); // eligible but waiting for review
    expect(text).not.toContain('chờ duyệt');
    expect(text).toContain('Tổng cộng: 3 đơn vị.');
    // Each section numbered from 1, as the recognition list attached to the tờ trình numbers it.
    const { lines } = docs.toTrinh!;
    expect(lines.find((l) => l.includes('Sở Y tế'))).toMatch(/^1 Sở Y tế /u);
    expect(lines.find((l) => l.includes('Sở Tư pháp'))).toMatch(/^2 Sở Tư pháp /u);
    expect(lines.find((l) => l.includes('Xã Tân Hòa'))).toMatch(/^1 Xã Tân Hòa /u);
  });

  it('a draft asked with the pending units marks each of them', () => {
    const { text } = docs.toTrinhDraft!;
    expect(text).toContain('BẢN NHÁP');
    // The mark is in the name's cell (which LibreOffice's text gives before the next columns' cells).
    expect(text).toMatch(/Công ty Cấp nước Đồng Tháp[^0-9]{0,40}\(chờ duyệt\)/u);
    expect(text.match(/\(chờ duyệt\)/gu)).toHaveLength(1);
    expect(text).toContain('Tổng cộng: 4 đơn vị.');
  });

  it('quyết định: the People\'s Committee signs, the list is the annex', () => {
    const { text, pages } = docs.quyetDinh!;
    expect(text).toContain('DỰ THẢO');
    expect(text).toContain('ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP');
    expect(text).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP');
    expect(text).toContain('Điều 1. Công nhận 3 đơn vị');
    expect(text).toMatch(/TM\. ỦY BAN NHÂN DÂN CHỦ TỊCH .*Phạm Thành Công/u);
    const annex = text.slice(text.indexOf('DANH SÁCH'));
    expect(annex).toContain('(Kèm theo Quyết định số ……/QĐ-UBND ngày …… tháng …… năm …… của Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp)');
    expect(annex.indexOf('Sở Y tế')).toBeLessThan(annex.indexOf('Sở Tư pháp'));
    expect(annex).toContain('Xã Tân Hòa');
    expect(pages).toBeGreaterThanOrEqual(2);
  });

  it('quyết định: the committee\'s number and date left dotted as in the annex, the tờ trình cited with its date', () => {
    const { text, lines } = docs.quyetDinh!;
    // The Công an's signing date (05/12/2026) belongs to its own documents, never to the committee's decision.
    expect(lines).toContain('Số: ……/QĐ-UBND Đồng Tháp, ngày …… tháng …… năm ……');
    expect(text).toContain('Xét đề nghị của Công an tỉnh Đồng Tháp tại Tờ trình số 126/TTr-CAT ngày 05 tháng 12 năm 2026.');
    expect(text.match(/ngày 05 tháng 12 năm 2026/gu)).toHaveLength(1);
    // The annex numbers each section from 1, as the tờ trình does.
    const annex = lines.slice(lines.findIndex((l) => l.startsWith('DANH SÁCH')));
    expect(annex.find((l) => l.includes('Sở Tư pháp'))).toMatch(/^2 Sở Tư pháp /u);
    expect(annex.find((l) => l.includes('Xã Tân Hòa'))).toMatch(/^1 Xã Tân Hòa /u);
  });

  it('biên bản thẩm định: self-score beside the appraisal per criterion, conclusion and signature lines', () => {
    const { text, lines } = docs.bienBan!;
    expect(text).toContain('BIÊN BẢN THẨM ĐỊNH');
    // The title names the unit with its xã/phường: two schools of one name in two communes are told apart.
    expect(lines).toContain('của Sở Tư pháp (Cơ quan, Phường 1)');
    expect(text).toContain('HỘI ĐỒNG THẨM ĐỊNH');
    expect(lines).toContain('Tổng cộng 50 48 48');
    expect(lines.find((l) => l.startsWith('1 Ban hành nghị quyết'))).toMatch(/ 4 3 3$/u); // max, self-score, appraisal side by side
    expect(text).toContain('Đơn vị đủ điều kiện đề nghị công nhận');
    expect(text).toMatch(/THƯ KÝ .*CHỦ TỊCH HỘI ĐỒNG/u);
    expect(text).toContain('Lê Thị Ký');
    expect(text).toContain('Trần Văn Chủ');
  });
});

describe('lateness follows the calendar in force', () => {
  it('extending the final due day turns "Muộn 10 ngày" into "Đúng hạn" on the board, in the receipts and in every document', async () => {
    const before = (await units()).units.find((u) => u.unit.name === 'Sở Y tế')!.stages.find((x) => x.stage === 'final')!;
    expect(before).toMatchObject({ status: 'late', daysLate: 10 });
    const receiptBefore = await request(s.app).get(`/api/submissions/${before.latestSubmissionId}`).set(admin);
    expect(receiptBefore.body).toMatchObject({ late: true, daysLate: 10 });
    const yTe = ids.get('Sở Y tế')!;
    const late = await readWithLibreOffice({
      baoCao: await download('/api/documents/bao-cao.docx?year=2026'),
      bienBan: await download(`/api/units/${yTe}/bien-ban.docx?year=2026`),
    });
    expect(late.baoCao!.text).toMatch(/Sở Y tế .*Muộn 10 ngày/u);
    expect(late.baoCao!.text).toContain('Số đơn vị nộp muộn so với hạn đang áp dụng: 5 đơn vị.');
    expect(late.bienBan!.text).toContain('Muộn 10 ngày');

    const extended = { ...DEFAULT_CALENDAR, milestones: DEFAULT_CALENDAR.milestones.map((m) => (m.stage === 'final' ? { ...m, due: '05/12', lock: '10/12' } : m)) };
    await request(s.app).put('/api/calendar?year=2026').set(admin).send(extended).expect(200);

    const after = (await units()).units.find((u) => u.unit.name === 'Sở Y tế')!;
    expect(after.stages.find((x) => x.stage === 'final')).toMatchObject({ status: 'on-time', daysLate: 0 });
    expect((await units()).counts.late).toBe(0);
    const receiptAfter = await request(s.app).get(`/api/submissions/${before.latestSubmissionId}`).set(admin);
    expect(receiptAfter.body).toMatchObject({ late: false, daysLate: 0 });
    const history = await request(s.app).get(`/api/units/${yTe}/submissions?year=2026`).set(admin);
    expect(history.body.submissions.every((x: { late: boolean }) => !x.late)).toBe(true);
    const onTime = await readWithLibreOffice({
      baoCao: await download('/api/documents/bao-cao.docx?year=2026'),
      bienBan: await download(`/api/units/${yTe}/bien-ban.docx?year=2026`),
    });
    expect(onTime.baoCao!.text).not.toContain('Muộn 10 ngày');
    expect(onTime.baoCao!.text).toMatch(/Sở Y tế .*Đúng hạn/u);
    expect(onTime.baoCao!.text).toContain('Số đơn vị nộp muộn so với hạn đang áp dụng: 0 đơn vị.');
    expect(onTime.bienBan!.text).toContain('Đúng hạn');
    expect(onTime.bienBan!.text).not.toContain('Muộn 10 ngày');
    await request(s.app).put('/api/calendar?year=2026').set(admin).send(DEFAULT_CALENDAR).expect(200);
  }, 240_000);
});

describe('templates the province edits', () => {
  it('uses <data>/templates/<file> with no code change, and names the file when its tags are broken', async () => {
    const own = path.join(s.dataDir, 'templates');
    mkdirSync(own, { recursive: true });
    const zip = new PizZip(readFileSync(templatePath('to-trinh')));
    const xml = zip.file('word/document.xml')!.asText();
    expect(xml).toContain('>TỜ TRÌNH<');
    zip.file('word/document.xml', xml.replace('>TỜ TRÌNH<', '>TỜ TRÌNH CỦA TỈNH<'));
    writeFileSync(path.join(own, 'to-trinh.docx'), zip.generate({ type: 'nodebuffer' }));
    const read = await readWithLibreOffice({ toTrinh: await download('/api/documents/to-trinh.docx?year=2026') });
    expect(read.toTrinh!.text).toContain('TỜ TRÌNH CỦA TỈNH');
    expect(read.toTrinh!.text).toContain('Sở Y tế');

    zip.file('word/document.xml', xml.replace('{addressee}', '{addressee'));
    writeFileSync(path.join(own, 'to-trinh.docx'), zip.generate({ type: 'nodebuffer' }));
    const broken = await request(s.app).get('/api/documents/to-trinh.docx?year=2026').set(admin);
    expect(broken.status).toBe(500);
    expect(broken.body.error.code).toBe('template-invalid');
    expect(broken.body.error.message).toContain(path.join(own, 'to-trinh.docx'));
    rmSync(path.join(own, 'to-trinh.docx')); // back to the shipped template
    expect((await request(s.app).get('/api/documents/to-trinh.docx?year=2026').set(admin)).status).toBe(200);
  }, 240_000);
});

describe('token slips', () => {
  it('one A4 page per unit with its name, code, the unit page and the token', async () => {
    const bytes = await makeTokenSlips([
      { code: 'DT-0001', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: 'Xã Tân Hòa', token: 'dhu_AAAA1111' },
      { code: 'DT-0002', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: 'Phường Cao Lãnh', token: 'dhu_BBBB2222' },
      { code: 'DT-0003', name: 'Sở Y tế', kind: 'co-quan', parent: '', token: 'dhu_CCCC3333' },
    ], 'https://dienhinh.congan.dongthap.gov.vn/', 'CÔNG AN TỈNH ĐỒNG THÁP');
    const { slips } = await readWithLibreOffice({ slips: bytes });
    expect(slips!.pages).toBe(3);
    expect(slips!.text).toContain('PHIẾU MÃ NỘP HỒ SƠ');
    expect(slips!.text).toContain('https://dienhinh.congan.dongthap.gov.vn/don-vi/');
    for (const token of ['dhu_AAAA1111', 'dhu_BBBB2222', 'dhu_CCCC3333']) expect(slips!.text).toContain(token);
    expect(slips!.text.indexOf('DT-0001')).toBeLessThan(slips!.text.indexOf('DT-0002'));
  }, 120_000);
});

describe('dien-hinh export: the same documents from the data folder, settings flags', () => {
  it('writes the tờ trình with the flags, refuses a "Nơi nhận" naming the signer, and --save remembers', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'to-trinh.docx');
    const refused = await runCli(['export', 'to-trinh', '--data', s.dataDir, '--year', '2026', '--out', out, '--signer-name', 'Phạm Thị Hoa', '--recipient', 'Đồng chí Phạm Thị Hoa;']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Nơi nhận của tờ trình, dòng 1: "Nơi nhận" không ghi người ký');
    // The committee numbers its decision when it issues it: the draft takes no number.
    const numbered = await runCli(['export', 'quyet-dinh', '--data', s.dataDir, '--year', '2026', '--out', path.join(dir, 'quyet-dinh.docx'), '--number', '45']);
    expect(numbered.code).toBe(2);
    expect(numbered.stderr).toContain('Dự thảo quyết định để trống số và ngày');
    // Nor the biên bản, nor the workbooks: --number is refused rather than ignored.
    const record = await runCli(['export', 'bien-ban', '--unit', 'x', '--data', s.dataDir, '--year', '2026', '--out', path.join(dir, 'bb.docx'), '--number', '7']);
    expect(record).toMatchObject({ code: 2 });
    expect(record.stderr).toContain('Biên bản thẩm định để trống số');
    const sheet = await runCli(['export', 'list', '--data', s.dataDir, '--year', '2026', '--out', path.join(dir, 'ds.xlsx'), '--number', '7']);
    expect(sheet).toMatchObject({ code: 2 });
    expect(sheet.stderr).toContain('không ghi số văn bản');
    const done = await runCli(['export', 'to-trinh', '--data', s.dataDir, '--year', '2026', '--out', out, '--number', '301', '--signer-name', 'Phạm Thị Hoa', '--pending', '--save']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const bienBan = path.join(dir, 'bien-ban.docx');
    expect((await runCli(['export', 'bien-ban', '--data', s.dataDir, '--year', '2026', '--unit', 'sở y tế', '--out', bienBan])).code).toBe(0);
    const read = await readWithLibreOffice({ toTrinh: readFileSync(out), bienBan: readFileSync(bienBan) });
    expect(read.toTrinh!.text).toContain('Số: 301/TTr-CAT');
    expect(read.toTrinh!.text).toContain('Phạm Thị Hoa');
    expect(read.toTrinh!.text).toContain('(chờ duyệt)');
    expect(read.bienBan!.text).toContain('của Sở Y tế');
    const remembered = await request(s.app).get('/api/document-settings?year=2026').set(admin);
    expect(remembered.body.settings.toTrinh.number).toBe('301');
    expect(remembered.body.settings.signer.name).toBe('Phạm Thị Hoa');
    expect((await runCli(['export', 'bien-ban', '--data', s.dataDir, '--unit', 'Không có', '--out', bienBan])).code).toBe(1);
  }, 240_000);
});
