/**
 * Units known by their code, against the real app, a real SQLite file and real .xlsx files: two
 * schools of one name in different communes, their per-unit workbooks filled with exceljs and sent
 * by the admin without a token, a name-only file refused with both candidates and then placed by
 * the officer's choice, tokens rotated one unit at a time, and an old data folder migrated.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, receiptSchema, unitListResponseSchema, unitTokenResponseSchema } from '../../shared/api/schemas';
import { unitWorkbook, unitWorkbookFileName } from '../../server/app/unitWorkbooks';
import { importUnits } from '../../server/app/units';
import { tokenHash } from '../../server/app/tokens';
import { MIGRATIONS, migrate } from '../../server/store/sqlite/migrations';
import { DATABASE_FILE, SqliteStore } from '../../server/store/sqlite/sqliteStore';
import type { UnitRecord } from '../../server/store/store';
import { parseUnitsCsv } from '../../server/units/unitsFile';
import { expectedFromList } from '../../shared/consolidation/fromFiles';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { runCli } from './support/serveProcess';
import { fullFill } from '../support/fill';
import { fillWorkbook } from '../support/fillExisting';
import { makeWorkbookBytes } from '../support/workbooks';
import { bearer, CO_QUAN_SET, startTestService, tempDir, workbookFor, XLSX, type TestService } from './support/harness';

const KIM_DONG = 'Trường Tiểu học Kim Đồng';
const LIST = [
  'Mã đơn vị,Tên đơn vị,Loại,Xã/phường,Liên hệ',
  `,${KIM_DONG},Cơ sở giáo dục,Xã Tân Hồng,Cô Lan`,
  `,${KIM_DONG},Cơ sở giáo dục,Xã Tháp Mười,Thầy Minh`,
  'DT-SYT,Sở Y tế,Cơ quan,Phường Cao Lãnh,',
].join('\n');

let s: TestService;
let units: UnitRecord[];
const school = (parent: string) => units.find((u) => u.name === KIM_DONG && u.parent === parent)!;

beforeAll(async () => {
  s = await startTestService();
  const parsed = parseUnitsCsv(LIST);
  expect(parsed.problems).toEqual([]);
  const imported = await importUnits(s.ctx, parsed.units, 'test');
  expect(imported).toEqual({ ok: true, outcome: { added: 3, updated: 0, unchanged: 0 } });
  units = await s.store.listUnits();
});
afterAll(async () => { await s?.close(); });

const admin = () => bearer(s.adminToken);
const upload = (auth: Record<string, string>, bytes: Buffer, query = '') =>
  request(s.app).post(`/api/submissions${query}`).set(auth).set('Content-Type', XLSX).set('X-File-Name', 'bang.xlsx').send(bytes);

/** The unit's own workbook, as the product writes it, filled by the clerk (exceljs) with every criterion at its maximum. */
async function filledWorkbookOf(unit: UnitRecord, scores: Record<number, number> = {}): Promise<Buffer> {
  const base = fullFill(CO_QUAN_SET);
  const bytes = await unitWorkbook(CO_QUAN_SET, unit, 2026);
  // The clerk types scores, the head and the dossier; the code, name, kind and parent were filled in.
  return fillWorkbook(bytes, CO_QUAN_SET, {
    unit: { head: 'Nguyễn Văn A', contact: 'Trần Thị B', phone: '0277 3851 234' },
    scores: { ...base.scores, ...scores }, dossier: base.dossier,
  });
}

describe('two schools of one name in different communes', () => {
  it('both import, each with its own readable code; the registry lists the codes', async () => {
    const codes = [school('Xã Tân Hồng').code, school('Xã Tháp Mười').code];
    expect(codes).toEqual(['GD-001', 'GD-002']);
    expect(units.find((u) => u.name === 'Sở Y tế')!.code).toBe('DT-SYT');
    const res = await request(s.app).get('/api/units/registry').set(admin());
    expect(res.status).toBe(200);
    expect(unitListResponseSchema.parse(res.body).map((u) => u.code).sort()).toEqual(['DT-SYT', 'GD-001', 'GD-002']);
  });

  it("each school's per-unit workbook, filled and sent by the admin without a token, lands on its own unit", async () => {
    for (const parent of ['Xã Tân Hồng', 'Xã Tháp Mười']) {
      const unit = school(parent);
      const res = await upload(admin(), await filledWorkbookOf(unit, parent === 'Xã Tân Hồng' ? { 1: 2 } : {}));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const receipt = receiptSchema.parse(res.body);
      expect(receipt.unit).toMatchObject({ code: unit.code, parent });
      expect(receipt.version).toBe(1);
      expect(receipt.warnings.map((w) => w.message).join(' ')).not.toMatch(/khác danh sách/u);
    }
    const tanHong = await s.store.listSubmissions({ unitId: school('Xã Tân Hồng').id });
    const thapMuoi = await s.store.listSubmissions({ unitId: school('Xã Tháp Mười').id });
    expect(tanHong).toHaveLength(1);
    expect(thapMuoi).toHaveLength(1);
    expect(tanHong[0]!.result.unit?.code).toBe('GD-001');
    expect(tanHong[0]!.result.total).not.toBe(thapMuoi[0]!.result.total);
  });

  it('a file with only the name is refused (409) with both candidates, nothing kept; the officer chooses and it is stored there', async () => {
    const before = (await s.store.listSubmissions({})).length;
    const nameOnly = await workbookFor(KIM_DONG, { unit: { kind: 'Cơ sở giáo dục', parent: '' } });
    const res = await upload(admin(), nameOnly);
    expect(res.status).toBe(409);
    const error = apiErrorSchema.parse(res.body).error;
    expect(error.code).toBe('unit-ambiguous');
    expect(error.candidates?.map((c) => c.code)).toEqual(['GD-001', 'GD-002']);
    expect(error.message).toMatch(/2 đơn vị tên "Trường Tiểu học Kim Đồng"/u);
    expect((await s.store.listSubmissions({})).length).toBe(before);

    const chosen = await upload(admin(), nameOnly, '?unit=gd-002');
    expect(chosen.status).toBe(201);
    expect(receiptSchema.parse(chosen.body).unit?.code).toBe('GD-002');
  });

  it('a file with the name and a xã typed without diacritics lands on that school, the list spelling shown as a warning', async () => {
    const typed = await workbookFor(KIM_DONG, { unit: { kind: 'Cơ sở giáo dục', parent: 'thap muoi' } });
    const res = await upload(admin(), typed);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const receipt = receiptSchema.parse(res.body);
    expect(receipt.unit?.code).toBe('GD-002');
    expect(receipt.warnings.map((w) => w.message).join(' ')).toMatch(/"thap muoi".*"Xã Tháp Mười"/u);
    // The name too: typed without diacritics, it is found among all units (no unit has it as typed).
    const plain = await upload(admin(), await workbookFor('TRUONG TIEU HOC KIM DONG', { unit: { kind: 'Cơ sở giáo dục', parent: 'xa tan hong' } }));
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(receiptSchema.parse(plain.body).unit?.code).toBe('GD-001');
    expect(receiptSchema.parse(plain.body).warnings.map((w) => w.message).join(' ')).toMatch(/"TRUONG TIEU HOC KIM DONG".*"Trường Tiểu học Kim Đồng"/u);
    // With other diacritics it is another xã: not folded, still refused with both candidates.
    const other = await upload(admin(), await workbookFor(KIM_DONG, { unit: { kind: 'Cơ sở giáo dục', parent: 'Thạp Mười' } }));
    expect(other.status).toBe(409);
  });

  it("a school's token sending the other school's per-unit workbook is refused 403 naming both; its own is accepted", async () => {
    const t1 = unitTokenResponseSchema.parse((await request(s.app).post('/api/units/GD-001/token').set(admin())).body);
    const other = await filledWorkbookOf(school('Xã Tháp Mười'), { 2: 1 });
    const refused = await upload(bearer(t1.token), other);
    expect(refused.status).toBe(403);
    const error = apiErrorSchema.parse(refused.body).error;
    expect(error.code).toBe('wrong-unit');
    expect(error.message).toMatch(/GD-002.*GD-001/su);
    expect(error.candidates?.map((c) => c.code)).toEqual(['GD-001', 'GD-002']);
    const own = await upload(bearer(t1.token), await filledWorkbookOf(school('Xã Tân Hồng'), { 2: 1 }));
    expect(own.status).toBe(201);
    expect(receiptSchema.parse(own.body).unit?.code).toBe('GD-001');
  });

  it('a matched code whose typed name differs from the list is accepted with a visible warning on the version', async () => {
    const unit = units.find((u) => u.code === 'DT-SYT')!;
    const bytes = await fillWorkbook(await unitWorkbook(CO_QUAN_SET, unit, 2026), CO_QUAN_SET, {
      unit: { name: 'Sở Y tế tỉnh Đồng Tháp' }, scores: fullFill(CO_QUAN_SET).scores, dossier: fullFill(CO_QUAN_SET).dossier,
    });
    const res = await upload(admin(), bytes);
    expect(res.status).toBe(201);
    const receipt = receiptSchema.parse(res.body);
    expect(receipt.unit?.code).toBe('DT-SYT');
    expect(receipt.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^Tên trong tệp khác danh sách: tên đơn vị "Sở Y tế tỉnh Đồng Tháp"/u));
    const history = await request(s.app).get('/api/units/DT-SYT/submissions?year=2026').set(admin());
    expect(history.status).toBe(200);
    expect(history.body.unit.code).toBe('DT-SYT');
    expect(JSON.stringify(history.body.submissions[0].result.warnings)).toMatch(/khác danh sách/u);
  });

  it('an unknown code is 422 with the units of that name; a route with an unknown code is 404 in Vietnamese', async () => {
    // A workbook carrying a code the registry lacks (DH_MaDonVi = GD-999).
    const fill = fullFill(CO_QUAN_SET, KIM_DONG);
    const withCode = await makeWorkbookBytes(CO_QUAN_SET, { ...fill, unit: { ...fill.unit, kind: 'Cơ sở giáo dục', parent: 'Xã Tân Hồng' } }, { unitCode: 'GD-999' });
    const res = await upload(admin(), withCode);
    expect(res.status).toBe(422);
    const error = apiErrorSchema.parse(res.body).error;
    expect(error.code).toBe('unit-unknown');
    expect(error.message).toMatch(/GD-999/u);
    expect(error.candidates?.map((c) => c.code)).toEqual(['GD-001']);
    const missing = await request(s.app).get('/api/units/XX-404/submissions').set(admin());
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/Không có đơn vị mã "XX-404"/u);
  });
});

describe("one unit's token", () => {
  it('rotating one unit leaves every other unit working; the old one stops; revoke stops it; all in the audit log', async () => {
    const issue = async (code: string) => unitTokenResponseSchema.parse((await request(s.app).post(`/api/units/${code}/token`).set(admin())).body);
    const a = await issue('GD-001');
    const b = await issue('GD-002');
    const c = await issue('DT-SYT');
    expect(a).toMatchObject({ code: 'GD-001', name: KIM_DONG });
    const works = async (token: string) => (await request(s.app).get('/api/submissions/none').set(bearer(token))).status !== 401;
    const a2 = await issue('GD-001');
    expect(await works(a.token)).toBe(false);
    expect(await works(a2.token)).toBe(true);
    expect(await works(b.token)).toBe(true);
    expect(await works(c.token)).toBe(true);
    expect((await request(s.app).delete('/api/units/GD-002/token').set(admin())).status).toBe(204);
    expect(await works(b.token)).toBe(false);
    expect(await works(c.token)).toBe(true);
    const audit = await request(s.app).get('/api/audit?unit=GD-001').set(admin());
    expect(audit.body.map((e: { action: string }) => e.action)).toContain('unit-token');
    expect(audit.body.every((e: { unitCode: string }) => e.unitCode === 'GD-001')).toBe(true);
    const revoked = await request(s.app).get('/api/audit?unit=GD-002').set(admin());
    expect(revoked.body[0]).toMatchObject({ action: 'unit-token-revoke', actor: 'Quản trị viên' });
  });
});

describe('per-unit workbook downloads', () => {
  it('one unit as .xlsx named for the clerk, all units as a .zip', async () => {
    const one = await request(s.app).get(`/api/units/GD-002/workbook.xlsx?set=${CO_QUAN_SET.id}&year=2026`).set(admin()).buffer(true)
      .parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect(one.status).toBe(200);
    expect(decodeURIComponent(one.headers['content-disposition']!)).toContain('GD-002 - Trường Tiểu học Kim Đồng (Xã Tháp Mười) - Điển hình.xlsx');
    const zip = await request(s.app).get(`/api/units/workbooks.zip?set=${CO_QUAN_SET.id}`).set(admin()).buffer(true)
      .parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect(zip.status).toBe(200);
    // Named by the set's short name, as its workbooks are, not by the set's id.
    expect(decodeURIComponent(zip.headers['content-disposition']!)).toContain('Bảng tự chấm điểm - Điển hình.zip');
    const body = zip.body as Buffer;
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    for (const name of ['GD-001 - Trường Tiểu học Kim Đồng (Xã Tân Hồng) - Điển hình.xlsx', 'GD-002 - Trường Tiểu học Kim Đồng (Xã Tháp Mười) - Điển hình.xlsx', 'DT-SYT - Sở Y tế (Phường Cao Lãnh) - Điển hình.xlsx']) {
      expect(body.includes(Buffer.from(name, 'utf8')), name).toBe(true);
    }
  });
});

describe('units list validation', () => {
  it('reports every bad row with its line: duplicate code, duplicate name + parent (both lines), unknown kind, NUL and control characters', () => {
    const parsed = parseUnitsCsv([
      'code,name,kind,parent',
      'A-1,Trạm Y tế,Cơ quan,Xã Tân Hồng',
      'A-1,Trạm Y tế,Cơ quan,Xã Tháp Mười',
      ',TRẠM Y TẾ,Cơ quan,Tân Hồng',
      ',Công ty B,nhà máy,',
      ',Sở\u0000Tư pháp,Cơ quan,',
      ',Sở Nội\u0007vụ,Cơ quan,',
      'A B,Sở Xây dựng,Cơ quan,',
    ].join('\n'));
    expect(parsed.units.map((u) => u.line)).toEqual([2]);
    expect(parsed.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(parsed.problems[0]!.message).toMatch(/mã đơn vị "A-1" trùng với dòng 2/u);
    expect(parsed.problems[1]!.message).toMatch(/trùng tên và xã\/phường với dòng 2/u);
    expect(parsed.problems[2]!.message).toMatch(/"nhà máy" không hợp lệ/u);
    expect(parsed.problems[3]!.message).toMatch(/ký tự điều khiển/u);
    expect(parsed.problems[4]!.message).toMatch(/ký tự điều khiển/u);
    expect(parsed.problems[5]!.message).toMatch(/mã đơn vị "A B" không hợp lệ/u);
  });

  it('re-importing updates by code and by name + parent, never duplicates, never deletes submissions', async () => {
    const before = (await s.store.listSubmissions({})).length;
    const again = parseUnitsCsv([
      'Mã đơn vị,Tên đơn vị,Loại,Xã/phường,Liên hệ',
      `GD-001,${KIM_DONG},Cơ sở giáo dục,Xã Tân Hồng,Cô Lan (0277)`,
      `,${KIM_DONG.toUpperCase()},Cơ sở giáo dục,Tháp Mười,Thầy Minh`,
      'DT-SYT,Sở Y tế tỉnh Đồng Tháp,Cơ quan,Phường Cao Lãnh,',
    ].join('\n'));
    // GD-001 by its code (new contact), DT-SYT renamed by its code; GD-002 found by name + parent (other spelling, same unit).
    expect(await importUnits(s.ctx, again.units, 'test')).toEqual({ ok: true, outcome: { added: 0, updated: 2, unchanged: 1 } });
    expect(await importUnits(s.ctx, again.units, 'test')).toEqual({ ok: true, outcome: { added: 0, updated: 0, unchanged: 3 } });
    const after = await s.store.listUnits();
    expect(after.map((u) => u.code).sort()).toEqual(['DT-SYT', 'GD-001', 'GD-002']);
    expect(after.find((u) => u.code === 'DT-SYT')!.name).toBe('Sở Y tế tỉnh Đồng Tháp');
    expect((await s.store.listSubmissions({})).length).toBe(before);
  });
});

describe('migration 2 of a data folder made by the previous schema', () => {
  it('gives every unit a code and keeps every unit, token, submission, review, appraisal, exception and audit entry', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, DATABASE_FILE));
    migrate(db, MIGRATIONS.filter((m) => m.version === 1));
    const at = '2026-11-01T03:00:00.000Z';
    const insertUnit = db.prepare('INSERT INTO units (id, name, name_key, kind, parent, contact, token_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    insertUnit.run('u-a', 'Sở Tư pháp', 'sở tư pháp', 'co-quan', 'Phường 1', '', tokenHash('dhu_old_a'), '2026-01-01T00:00:00Z', at);
    insertUnit.run('u-b', 'Trường Tiểu học Kim Đồng', 'trường tiểu học kim đồng', 'co-so-giao-duc', 'Xã Tân Hồng', 'Cô Lan', null, '2026-01-02T00:00:00Z', at);
    insertUnit.run('u-c', 'Xã Mỹ An', 'xã mỹ an', 'xa', '', '', null, '2026-01-03T00:00:00Z', at);
    // A result as version 1 stored it: no unit code.
    const result = (name: string, ok: boolean) => JSON.stringify({
      ok, unit: { name, kind: 'co-quan', parent: 'Phường 1', head: '', contact: '', phone: '', year: 2026 }, setId: null, setVersion: null,
      setHash: null, draftSet: null, scores: [], total: null, max: null, threshold: null, hardFailures: [], dossier: {}, band: null,
      eligible: false, reasons: [], errors: [], warnings: [],
    });
    const insertSubmission = db.prepare(`INSERT INTO submissions (id, unit_id, year, stage, version, sha256, size, file_name, received_at, late,
      days_late, valid, result_json, errors_json, actor) VALUES (?, ?, 2026, 'final', ?, ?, 10, 'a.xlsx', ?, 0, 0, ?, ?, '[]', 'admin')`);
    insertSubmission.run('s1', 'u-a', 1, 'h1', at, 1, result('Sở Tư pháp', true));
    insertSubmission.run('s2', 'u-a', 2, 'h2', at, 1, result('Sở Tư pháp', true));
    insertSubmission.run('s3', 'u-b', null, 'h3', at, 0, result('Trường Tiểu học Kim Đồng', false));
    insertSubmission.run('s4', null, null, 'h4', at, 0, result('Đơn vị lạ', false));
    db.prepare("INSERT INTO reviews (submission_id, state, note, by, at) VALUES ('s2', 'approved', '', 'admin', ?)").run(at);
    db.prepare("INSERT INTO appraisals (unit_id, year, criterion, score, by, at) VALUES ('u-a', 2026, 5, 4, 'admin', ?)").run(at);
    db.prepare("INSERT INTO exceptions (unit_id, year, stage, note, by, at) VALUES ('u-b', 2026, 'final', 'ốm', 'admin', ?)").run(at);
    db.prepare("INSERT INTO admin_tokens (label, token_hash, created_at) VALUES ('admin', ?, ?)").run(tokenHash('dha_old'), at);
    db.prepare("INSERT INTO audit_log (at, actor, action, unit_id, detail) VALUES (?, 'admin', 'units-import', NULL, 'x')").run(at);
    db.close();

    const store = await SqliteStore.open(dir);
    try {
      const migrated = await store.listUnits();
      expect(migrated.map((u) => [u.id, u.code]).sort()).toEqual([['u-a', 'CQ-001'], ['u-b', 'GD-001'], ['u-c', 'XA-001']]);
      const submissions = await store.listSubmissions({});
      expect(submissions.map((r) => [r.id, r.unitId, r.version]).sort()).toEqual([
        ['s1', 'u-a', 1], ['s2', 'u-a', 2], ['s3', 'u-b', null], ['s4', null, null],
      ]);
      expect(submissions.find((r) => r.id === 's2')!.review?.state).toBe('approved');
      expect(submissions[0]!.result.unit?.code).toBe('');
      expect((await store.appraisals(2026)).get('u-a')).toEqual({ 5: 4 });
      expect((await store.exceptions(2026)).get('u-b')).toEqual(['final']);
      expect((await store.unitByTokenHash(tokenHash('dhu_old_a')))?.code).toBe('CQ-001');
      expect(await store.adminLabelByTokenHash(tokenHash('dha_old'))).toBe('admin');
      expect((await store.audit({})).length).toBe(1);
      // Submissions are still append-only, and a same-name school in another commune now fits.
      const outcome = await importUnits({ store, now: () => new Date() }, [
        { name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: 'Xã Tháp Mười', contact: '' },
      ], 'test');
      expect(outcome).toEqual({ ok: true, outcome: { added: 1, updated: 0, unchanged: 0 } });
      expect((await store.findUnitsByNameKey('trường tiểu học kim đồng')).map((u) => u.code)).toEqual(['GD-001', 'GD-002']);
    } finally {
      await store.close();
    }
    // Opened again: nothing more to migrate, nothing changed.
    const reopened = await SqliteStore.open(dir);
    expect((await reopened.listSubmissions({})).length).toBe(4);
    await reopened.close();
  });
});

describe('offline consolidate --units with same-name schools and an unlisted unit (real CLI, real files)', { timeout: 180_000 }, () => {
  it('keeps two rows, and lists the unlisted unit apart: never counted, ranked or proposed', async () => {
    const dir = tempDir();
    const inbox = path.join(dir, 'hop-thu');
    mkdirSync(inbox);
    const list = path.join(dir, 'don-vi.csv');
    writeFileSync(list, LIST);
    const expected = expectedFromList(parseUnitsCsv(LIST).units);
    const fill = fullFill(CO_QUAN_SET);
    for (const u of expected.filter((x) => x.name === KIM_DONG)) {
      const bytes = await makeWorkbookBytes(CO_QUAN_SET, { ...fill, unit: { ...fill.unit, name: u.name, kind: 'Cơ sở giáo dục', parent: u.parent } }, { unitCode: u.code! });
      writeFileSync(path.join(inbox, `${u.code}.xlsx`), bytes);
    }
    writeFileSync(path.join(inbox, 'la.xlsx'), await workbookFor('Công ty TNHH Lạ', { unit: { kind: 'Doanh nghiệp' } }));
    // Neither code nor xã/phường: either school could own it.
    writeFileSync(path.join(inbox, 'kim-dong.xlsx'), await makeWorkbookBytes(CO_QUAN_SET, { ...fill, unit: { ...fill.unit, name: KIM_DONG, kind: 'Cơ sở giáo dục', parent: '' } }));
    const out = path.join(dir, 'tong-hop.xlsx');
    const listOut = path.join(dir, 'danh-sach.xlsx');
    const run = await runCli(['consolidate', inbox, '--units', list, '--out', out, '--list', listOut, '--year', '2026']);
    expect(run.stderr).toMatch(/Công ty TNHH Lạ.*không có trong danh sách.*không đề nghị công nhận/su);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const main = book.worksheets[0]!;
    const codeCol = [...Array(main.columnCount).keys()].map((i) => i + 1).find((c) => main.getCell(4, c).value === 'Mã đơn vị')!;
    const rows = [5, 6, 7].map((r) => [main.getCell(r, 2).value, main.getCell(r, 4).value, main.getCell(r, codeCol).value]);
    expect(rows).toEqual([
      ['Sở Y tế', 'Phường Cao Lãnh', 'DT-SYT'],
      [KIM_DONG, 'Xã Tân Hồng', 'GD-001'],
      [KIM_DONG, 'Xã Tháp Mười', 'GD-002'],
    ]);
    expect(String(main.getCell('A2').value)).toMatch(/Đơn vị phải nộp: 3/u);
    const apart = book.getWorksheet('Ngoài danh sách')!;
    expect(String(apart.getCell('A2').value)).toMatch(/KHÔNG tính vào số phải nộp, KHÔNG xếp hạng, KHÔNG đề nghị công nhận/u);
    expect(apart.getCell('C5').value).toBe('Công ty TNHH Lạ');
    // The file either school could own is on a sheet of its own, with both candidates: never lost from sight.
    expect(run.stderr).toMatch(/kim-dong\.xlsx.*khớp 2 đơn vị.*chưa tính cho đơn vị nào \(ghi ở trang "Chưa rõ đơn vị"/su);
    const unsure = book.getWorksheet('Chưa rõ đơn vị')!;
    expect(String(unsure.getCell('B5').value)).toMatch(/kim-dong\.xlsx$/u);
    expect(unsure.getCell('C5').value).toBe(KIM_DONG);
    expect(unsure.getCell('D5').value).toBe(`GD-001 · ${KIM_DONG} (Xã Tân Hồng)\nGD-002 · ${KIM_DONG} (Xã Tháp Mười)`);
    const proposed = new ExcelJS.Workbook();
    await proposed.xlsx.readFile(listOut);
    const names: unknown[] = [];
    proposed.worksheets[0]!.eachRow((row) => names.push(row.getCell(2).value));
    expect(names).toContain(KIM_DONG);
    expect(names).not.toContain('Công ty TNHH Lạ');
  });
});

describe('a unit workbook\'s file name', () => {
  const unit = (name: string, parent: string): UnitRecord => ({ id: 'x', code: 'DN-012', name, kind: 'doanh-nghiep', parent, contact: '', hasToken: false } as UnitRecord);
  const sets = defaultCriteriaSets();
  const dienHinh = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
  const antt = sets.find((s) => s.id === 'an-toan-antt-co-quan-doanh-nghiep')!;

  it('is code, name, xã/phường and the set\'s short name, with what Windows refuses replaced', () => {
    expect(unitWorkbookFileName(unit('Trường Tiểu học Kim Đồng', 'Xã Tháp Mười'), dienHinh)).toBe('DN-012 - Trường Tiểu học Kim Đồng (Xã Tháp Mười) - Điển hình.xlsx');
    expect(unitWorkbookFileName(unit('Công ty A/B: "Kho" số 2', ''), dienHinh)).toBe('DN-012 - Công ty A-B- -Kho- số 2 - Điển hình.xlsx');
  });

  it('differs per set, so a unit\'s two workbooks are two files; a set without a short name gives its title, cut at a word', () => {
    const kimDong = unit('Trường Tiểu học Kim Đồng', 'Xã Tân Hồng');
    expect(unitWorkbookFileName(kimDong, antt)).toBe('DN-012 - Trường Tiểu học Kim Đồng (Xã Tân Hồng) - An toàn về ANTT.xlsx');
    expect(unitWorkbookFileName(kimDong, antt)).not.toBe(unitWorkbookFileName(kimDong, dienHinh));
    const { shortTitle: _, ...untitled } = dienHinh;
    expect(unitWorkbookFileName(kimDong, untitled)).toBe('DN-012 - Trường Tiểu học Kim Đồng (Xã Tân Hồng) - Bộ tiêu chí dự thảo- cơ quan, doanh….xlsx');
  });

  it('cuts a long name at a word with "…" and keeps the xã/phường and the set', () => {
    const name = 'Công ty Trách nhiệm hữu hạn Một thành viên Chế biến Thủy sản Xuất khẩu Đồng Tháp (100% vốn FDI) / Kho số 2 tại khu công nghiệp Sa Đéc';
    const file = unitWorkbookFileName(unit(name, 'Phường Sa Đéc'), antt);
    expect([...file].length).toBeLessThanOrEqual(125);
    expect(file).toMatch(/^DN-012 - Công ty Trách nhiệm hữu hạn .*[^\s]… \(Phường Sa Đéc\) - An toàn về ANTT\.xlsx$/u);
    const cut = file.slice('DN-012 - '.length, file.indexOf('…'));
    expect(name.startsWith(cut)).toBe(true);
    expect(name[cut.length]).toBe(' ');
  });
});
