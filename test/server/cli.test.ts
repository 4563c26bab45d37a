/** `dien-hinh backup` and `dien-hinh export` (real CLI from dist/) on a data folder in use. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { vietnamDate } from '../../shared/deadlines/vietnamTime';
import { bearer, coQuan, startTestService, tempDir, workbookFor, XLSX, type TestService } from './support/harness';
import { runCli } from './support/serveProcess';

const cli = runCli;

const NAMES = ['Văn phòng UBND tỉnh Đồng Tháp', 'Sở Tư pháp tỉnh Đồng Tháp'];
let s: TestService;

beforeAll(async () => {
  s = await startTestService();
  const tokens = await s.addUnits(NAMES.map((n) => coQuan(n)));
  for (const name of NAMES) {
    for (const fill of [{}, { scores: { 1: 0 } }]) {
      const res = await request(s.app).post('/api/submissions').set(bearer(tokens.get(name)!.token)).set('Content-Type', XLSX)
        .send(await workbookFor(name, fill));
      expect(res.status).toBe(201);
    }
  }
});
afterAll(async () => { await s?.close(); });

describe('backup and export', () => {
  it('backs up a data folder in use into a folder that is itself a data folder', async () => {
    const out = path.join(tempDir(), 'sao-luu');
    const done = await cli(['backup', '--data', s.dataDir, '--out', out]);
    expect(done.stderr).toBe('');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/Đã sao lưu cơ sở dữ liệu và 4 tệp/u);
    const copy = await SqliteStore.open(out);
    try {
      const rows = await copy.listSubmissions({});
      expect(rows).toHaveLength(4);
      expect(await copy.submissionsMissingFiles()).toEqual([]);
      expect((await copy.listUnits()).map((u) => u.name).sort()).toEqual([...NAMES].sort());
    } finally {
      await copy.close();
    }
    const again = await cli(['backup', '--data', s.dataDir, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/đã có dữ liệu/u);
    const noOut = await cli(['backup', '--data', s.dataDir]);
    expect(noOut.code).toBe(2);
  });

  it('exports the consolidated workbook and the summary from a data folder', async () => {
    const dir = tempDir();
    const xlsx = path.join(dir, 'tong-hop.xlsx');
    const done = await cli(['export', 'consolidated', '--data', s.dataDir, '--year', '2026', '--out', xlsx]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    let text = '';
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => { text += `${cell.text}\n`; }));
    for (const name of NAMES) expect(text).toContain(name);

    const docx = path.join(dir, 'bao-cao.docx');
    expect((await cli(['export', 'summary', '--data', s.dataDir, '--year', '2026', '--out', docx])).code).toBe(0);
    expect(existsSync(docx)).toBe(true);
    const bad = await cli(['export', 'everything', '--data', s.dataDir, '--out', docx]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Loại tài liệu "everything"/u);
  });

  it('says in Vietnamese which folder is missing when an output cannot be written, for every command that writes one', async () => {
    const dir = tempDir();
    const missing = path.join(dir, 'chua-tao');
    const inbox = path.join(dir, 'hop-thu');
    mkdirSync(inbox);
    writeFileSync(path.join(inbox, 'van-phong.xlsx'), await workbookFor(NAMES[0]!));
    const runs = [
      ['export', 'consolidated', '--data', s.dataDir, '--year', '2026', '--out', path.join(missing, 'tong-hop.xlsx')],
      ['export', 'bao-cao', '--data', s.dataDir, '--year', '2026', '--out', path.join(missing, 'bao-cao.docx')],
      ['consolidate', inbox, '--out', path.join(missing, 'tong-hop.xlsx')],
      ['template', '--set', 'dien-hinh-co-quan-du-thao', '--out', path.join(missing, 'mau.xlsx')],
      ['units', 'tokens', '--data', s.dataDir, '--out', path.join(missing, 'ma.txt')],
    ];
    for (const args of runs) {
      const done = await cli(args);
      expect(done.code, `${args.join(' ')}\n${done.stderr}`).toBe(1);
      expect(done.stderr, args.join(' ')).toContain(`thư mục "${missing}" không tồn tại; tạo thư mục đó trước hoặc chọn nơi lưu khác.`);
      expect(done.stderr, args.join(' ')).not.toMatch(/ENOENT|Error|\.tmp|Lỗi không mong muốn/u);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('never creates an empty data folder for a command that reads units from one; it says which folder it looked in', async () => {
    // A folder that exists but holds no data folder (run from the wrong place, or a typo of a sibling).
    const nowhere = tempDir();
    const inbox = tempDir();
    writeFileSync(path.join(inbox, 'van-phong.xlsx'), await workbookFor(NAMES[0]!));
    for (const args of [
      ['template', '--set', 'dien-hinh-co-quan-du-thao', '--unit', 'GD-002', '--out', path.join(tempDir(), 'x.xlsx'), '--data', nowhere],
      ['units', 'list', '--data', nowhere],
      ['units', 'tokens', '--data', nowhere],
      ['ingest', inbox, '--data', nowhere],
      ['admin-token', '--list', '--data', nowhere],
    ]) {
      const done = await cli(args);
      expect(done.code, args.join(' ')).toBe(1);
      expect(done.stderr).toContain(`Thư mục dữ liệu "${nowhere}" chưa có cơ sở dữ liệu của dien-hinh (chưa tạo gì)`);
      expect(readdirSync(nowhere), args.join(' ')).toEqual([]);
    }
  });

  it('takes a folder of workbooks into the data folder with the intake rules (ingest)', async () => {
    // The CLI runs on the real clock: workbooks of the current year, due on its last day.
    const year = vietnamDate(new Date()).year;
    await s.store.putCalendar(year, { ...DEFAULT_CALENDAR, milestones: DEFAULT_CALENDAR.milestones.map((m) => ({ ...m, due: '31/12', lock: '31/12' })) },
      { by: 'test', at: new Date(), action: 'calendar', detail: 'test' });
    const units = ['Ban Dân tộc tỉnh Đồng Tháp', 'Sở Nội vụ tỉnh Đồng Tháp'];
    await s.addUnits([...units.map((n) => coQuan(n)), coQuan('Trạm Y tế', 'Phường 2'), coQuan('Trạm Y tế', 'Phường 3')]);
    const folder = path.join(tempDir(), 'thu-dien-tu');
    mkdirSync(path.join(folder, 'dot-2'), { recursive: true });
    writeFileSync(path.join(folder, 'bdt.xlsx'), await workbookFor(units[0]!, { unit: { year } }));
    writeFileSync(path.join(folder, 'dot-2', 'snv.xlsx'), await workbookFor(units[1]!, { unit: { year } }));
    writeFileSync(path.join(folder, 'dot-2', 'la.xlsx'), await workbookFor('Đơn vị lạ', { unit: { year } }));
    writeFileSync(path.join(folder, 'ghi-chu.txt'), 'không phải bảng chấm điểm');
    // A form saved as Excel 97-2003: a unit's file, taken to intake and refused with how to save it.
    writeFileSync(path.join(folder, 'gui-lai.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    // Either Trạm Y tế could own it: no code, no xã/phường.
    writeFileSync(path.join(folder, 'tram-y-te.xlsx'), await workbookFor('Trạm Y tế', { unit: { year, parent: '' } }));

    const first = await cli(['ingest', folder, '--data', s.dataDir, '--stage', 'final']);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/✓ .*bdt\.xlsx: đã nhận \([A-Z]{2}-\d{3} Ban Dân tộc tỉnh Đồng Tháp, phiên bản 1\)/u);
    expect(first.stdout).toMatch(/✓ .*snv\.xlsx: đã nhận \([A-Z]{2}-\d{3} Sở Nội vụ tỉnh Đồng Tháp, phiên bản 1\)/u);
    expect(first.stdout).toMatch(/✗ .*la\.xlsx: Đơn vị "Đơn vị lạ" không có trong danh sách/u);
    // Whoever runs the command is told how to add the unit from where they are, and no HTTP path.
    expect(first.stdout).toContain('dien-hinh units import <tệp>');
    expect(first.stdout).not.toMatch(/\/api\//u);
    // ingest cannot choose a unit: it says the two ways that can.
    expect(first.stdout).toMatch(/✗ .*tram-y-te\.xlsx: Có 2 đơn vị tên "Trạm Y tế"/u);
    expect(first.stdout).toContain('Để chọn đơn vị: ghi Mã đơn vị (hoặc Thuộc xã/phường) vào tệp rồi chạy lại dien-hinh ingest');
    expect(first.stdout).toMatch(/✗ .*gui-lai\.xls: .*\n {4}Tệp ở định dạng Excel 97-2003 \(\.xls\)/u);
    // Each refused file's issues are placed as `check` places them: Excel's 'Sheet'!Cell, or the sheet alone.
    expect(first.stdout).toContain("    'Thông tin đơn vị': Đơn vị \"Đơn vị lạ\" không có trong danh sách");
    expect(first.stdout).toMatch(/Đã nhận 2 tệp, trùng 0, bị từ chối 3\./u);
    expect(first.stdout).not.toMatch(/ghi-chu/u);
    expect(first.stderr).toMatch(/Bỏ qua 1 tệp không phải bảng tính: .*ghi-chu\.txt\./u);

    const again = await cli(['ingest', folder, '--data', s.dataDir, '--stage', 'final']);
    // The same bytes again: receipts, not new rows (the unknown unit's file is refused again, stored once).
    expect(again.stdout).toMatch(/Đã nhận 0 tệp, trùng 2, bị từ chối 3\./u);
    const rows = (await s.store.listSubmissions({ year })).filter((r) => r.actor === 'dòng lệnh');
    expect(rows.map((r) => r.fileName).sort()).toEqual(['bdt.xlsx', 'gui-lai.xls', 'la.xlsx', 'snv.xlsx']);
    expect(rows.filter((r) => r.valid)).toHaveLength(2);
    const bad = await cli(['ingest', '--data', s.dataDir]);
    expect(bad.code).toBe(2);
  });

  it('issues a named admin token whose changes the audit log attributes to that person', async () => {
    const made = await cli(['admin-token', '--label', 'Nguyễn Văn An', '--data', s.dataDir]);
    expect(made.code).toBe(0);
    const token = /^admin token: (dha_\S+)$/mu.exec(made.stdout)![1]!;
    const put = await request(s.app).put('/api/calendar?year=2031').set(bearer(token)).send(DEFAULT_CALENDAR);
    expect(put.status).toBe(200);
    const audit = await request(s.app).get('/api/audit?limit=1').set(bearer(s.adminToken));
    expect(audit.body[0]).toMatchObject({ action: 'calendar', actor: 'Nguyễn Văn An' });
    expect((await cli(['admin-token', '--data', s.dataDir])).code).toBe(2);
  });
});
