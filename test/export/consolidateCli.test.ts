/** The offline `dien-hinh consolidate` end to end: the built CLI on real .xlsx files in folders. */
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkbookBytes } from '../support/workbooks';
import { coQuan, fillFor, xaSet } from '../consolidation/fixtures';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { zipEntries } from './zip';

const MAIN = path.resolve(__dirname, '../../dist/server/cli/main.js');
let dir: string;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { cwd: dir, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function put(file: string, bytes: Buffer | string, when: string): Promise<void> {
  const full = path.join(dir, file);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, bytes);
  await utimes(full, new Date(when), new Date(when));
}

async function sheetRows(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(dir, file));
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row, n) => { if (n > 4) rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))); });
  return rows;
}

/** Each unit's "Đúng hạn / Nộp muộn" cell on the bảng tổng hợp, by unit name: found by its header, as a reader of the sheet finds it. */
async function timingByUnit(file: string): Promise<Map<string, string>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(dir, file));
  const sheet = workbook.getWorksheet('Bảng tổng hợp')!;
  let name = 0;
  let timing = 0;
  const byUnit = new Map<string, string>();
  sheet.eachRow((row) => {
    const cells = (row.values as unknown[]).map((v) => String(v ?? ''));
    if (timing === 0) {
      name = cells.indexOf('Tên đơn vị');
      timing = cells.indexOf('Đúng hạn / Nộp muộn');
      if (timing < 0) timing = 0;
    } else if (cells[name]) byUnit.set(cells[name]!, cells[timing]!);
  });
  expect(timing).toBeGreaterThan(0);
  return byUnit;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dh-cli-'));
  const yTeOld = await makeWorkbookBytes(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan', { 1: 2 }));
  const yTe = await makeWorkbookBytes(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan'));
  await put('hop-thu/dot-1/so-y-te-ban-cu.xlsx', yTeOld, '2026-11-05T02:00:00Z');
  await put('hop-thu/dot-2/Sở Y tế.xlsx', yTe, '2026-11-10T02:00:00Z');
  await put('hop-thu/dot-2/ban-sao/Sở Y tế (1).xlsx', yTe, '2026-11-11T02:00:00Z');
  await put('hop-thu/tu-phap.xlsx', await makeWorkbookBytes(coQuan, fillFor(coQuan, 'Sở Tư pháp', 'Cơ quan', { 5: 4 })), '2026-11-25T02:00:00Z');
  await put('hop-thu/binh-thanh.XLSX', await makeWorkbookBytes(xaSet, fillFor(xaSet, 'Xã Bình Thạnh', 'Xã')), '2026-11-09T02:00:00Z');
  await put('hop-thu/hong.xlsx', Buffer.from('đây không phải là tệp Excel'), '2026-11-09T02:00:00Z');
  await put('hop-thu/sai-diem.xlsx', await makeWorkbookBytes(coQuan, fillFor(coQuan, 'Sở Nội vụ', 'Cơ quan', { 2: 'bốn' })), '2026-11-09T02:00:00Z');
  await put('hop-thu/~$Sở Y tế.xlsx', Buffer.from('lock'), '2026-11-09T02:00:00Z');
  await put('hop-thu/ghi-chu.txt', 'không phải bảng chấm điểm', '2026-11-09T02:00:00Z');
  // A unit's form saved as Excel 97-2003 (a compound file): read, and refused saying how to save it.
  await put('hop-thu/gui-lai.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), '2026-11-09T02:00:00Z');
  await put('don-vi.csv', 'Tên đơn vị,Loại,Xã/phường,Liên hệ\nSở Y tế,Cơ quan,Phường Cao Lãnh,Trần Thị B\nSở Xây dựng,Cơ quan,Phường 1,Lê Văn C\n', '2026-11-01T00:00:00Z');
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('dien-hinh consolidate', () => {
  it('consolidates a folder tree, reports unusable files by name, still writes all three documents (exit 1)', async () => {
    const { code, stderr } = await cli(['consolidate', 'hop-thu', '--out', 'tong-hop.xlsx', '--summary', 'bao-cao.docx', '--list', 'danh-sach.xlsx', '--year', '2026']);
    expect(code).toBe(1);
    expect(stderr).toContain('Tìm thấy 8 tệp bảng tính.');
    // Not a spreadsheet: named as not read. The .xls is a unit's file: read and refused with how to save it.
    expect(stderr).toContain(`Bỏ qua 1 tệp không phải bảng tính: ${path.join('hop-thu', 'ghi-chu.txt')}.`);
    expect(stderr).toMatch(new RegExp(`Không đọc được "${path.join('hop-thu', 'gui-lai.xls')}".*Excel 97-2003 \\(\\.xls\\)`, 'u'));
    expect(stderr).toContain(`Không đọc được "${path.join('hop-thu', 'hong.xlsx')}"`);
    expect(stderr).toContain(`Tệp "${path.join('hop-thu', 'sai-diem.xlsx')}" không hợp lệ:`);
    expect(stderr).toMatch(/- 'Chấm điểm'!F\d+: "bốn" không phải là số điểm/u);
    expect(stderr).toContain(`Tệp "${path.join('hop-thu', 'dot-2', 'ban-sao', 'Sở Y tế (1).xlsx')}" giống hệt tệp "${path.join('hop-thu', 'dot-2', 'Sở Y tế.xlsx')}"; chỉ tính một lần.`);
    expect(stderr).toContain('Đã ghi bảng tổng hợp: tong-hop.xlsx');
    expect(stderr).toMatch(/Xong \(năm 2026\): 8 tệp, 4 đơn vị, 3 đơn vị nộp hợp lệ, 2 đơn vị đủ điều kiện; 3 tệp không dùng được/u);

    const rows = await sheetRows('tong-hop.xlsx');
    expect(rows.map((r) => r[1])).toEqual(['Sở Nội vụ', 'Sở Tư pháp', 'Sở Y tế', 'Xã Bình Thạnh']);
    const yTe = rows[2]!;
    expect(yTe).toContain('Đủ điều kiện');
    expect(yTe).toContain('50');
    expect(rows[1]).toContain('Chưa đạt: 5');
    expect(rows[1]).toContain('Nộp muộn 5 ngày');
    expect(rows[0]).toContain('Tệp không hợp lệ');

    const list = await sheetRows('danh-sach.xlsx');
    expect(list.filter((r) => /^\d+$/u.test(r[0]!)).map((r) => r[1])).toEqual(['Sở Y tế', 'Xã Bình Thạnh']);
    const docx = (await zipEntries(await readFile(path.join(dir, 'bao-cao.docx')))).get('word/document.xml')!;
    expect(docx).toContain('CÔNG AN TỈNH ĐỒNG THÁP');
    expect(docx).toContain('Số đơn vị có bảng tự chấm điểm hợp lệ: 3 đơn vị.');
  });

  it('with the expected units list, lists units that sent nothing as "Chưa nộp"; all good files exit 0', async () => {
    const { code, stderr } = await cli(['consolidate', path.join('hop-thu', 'dot-1'), path.join('hop-thu', 'dot-2', 'Sở Y tế.xlsx'), '--out', 'co-danh-sach.xlsx', '--units', 'don-vi.csv']);
    expect(stderr).not.toContain('không hợp lệ');
    expect(code).toBe(0);
    const rows = await sheetRows('co-danh-sach.xlsx');
    expect(rows.map((r) => [r[1], r.includes('Chưa nộp')])).toEqual([['Sở Xây dựng', true], ['Sở Y tế', false]]);
    // The later file (10/11) is version 2 and counts: full marks.
    expect(rows[1]).toContain('50');
  });

  it('counts the files of units not on the list in its last line, apart from the unusable ones', async () => {
    const { code, stderr } = await cli(['consolidate', 'hop-thu', '--out', 'ngoai-danh-sach.xlsx', '--units', 'don-vi.csv', '--year', '2026']);
    expect(code).toBe(1);
    // Sở Tư pháp and Xã Bình Thạnh sent valid files but are not on don-vi.csv; Sở Nội vụ's file is invalid (unusable, counted once).
    expect(stderr).toMatch(/; 3 tệp không dùng được \(xem các thông báo ở trên\); 2 tệp của đơn vị ngoài danh sách, không tính \(trang "Ngoài danh sách"\)\.\n/u);
  });

  it("scores against a province's own criteria sets from --data", async () => {
    const own = { ...coQuan, id: 'dien-hinh-co-quan-tinh', version: '2026.2', title: 'Bộ tiêu chí cơ quan của tỉnh' };
    await put('du-lieu/criteria/co-quan-tinh.json', JSON.stringify(own), '2026-11-01T00:00:00Z');
    await put('rieng/so-y-te.xlsx', await makeWorkbookBytes(own, fillFor(own, 'Sở Y tế', 'Cơ quan')), '2026-11-10T02:00:00Z');
    const withData = await cli(['consolidate', 'rieng', '--out', 'rieng.xlsx', '--data', 'du-lieu']);
    expect(withData.stderr).not.toContain('không hợp lệ');
    expect(withData.code).toBe(0);
    expect((await sheetRows('rieng.xlsx'))[0]).toContain('Đủ điều kiện');
    const without = await cli(['consolidate', 'rieng', '--out', 'rieng.xlsx']);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('Bộ tiêu chí "dien-hinh-co-quan-tinh" phiên bản "2026.2" không có trong hệ thống');
    await put('hong/criteria/sai.json', '{ "id": ', '2026-11-01T00:00:00Z');
    const broken = await cli(['consolidate', 'rieng', '--out', 'rieng.xlsx', '--data', 'hong']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^Không nạp được bộ tiêu chí: .*sai\.json/mu);
  });

  describe('--calendar: lateness against the province\'s calendar, the file GET /api/calendar answers', () => {
    // Sở Tư pháp sent on 25/11 (late by 5 days under the default's 20/11); Sở Y tế on 10/11.
    const calendar = (title: string, final: { due: string; lock: string }) => JSON.stringify({
      id: 'lich-tinh', title,
      milestones: [
        { stage: 'registration', due: '20/01', lock: '31/01', source: '' },
        { stage: 'mid-year', due: '10/06', lock: '30/06', source: '' },
        { stage: 'final', ...final, source: 'Kế hoạch của tỉnh' },
      ],
      byUnitKind: {},
    });
    beforeAll(async () => {
      await put('lich/tu-phap.xlsx', await makeWorkbookBytes(coQuan, fillFor(coQuan, 'Sở Tư pháp', 'Cơ quan')), '2026-11-25T02:00:00Z');
      await put('lich/y-te.xlsx', await makeWorkbookBytes(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan')), '2026-11-10T02:00:00Z');
      // As the console saves it: UTF-8 with Notepad's byte-order mark must do too.
      await put('lich-muon.json', `\uFEFF${calendar('Lịch năm 2026 của Công an tỉnh', { due: '30/11', lock: '10/12' })}`, '2026-11-01T00:00:00Z');
      await put('lich-som.json', calendar('Lịch rút ngắn', { due: '05/11', lock: '08/11' }), '2026-11-01T00:00:00Z');
    });

    it('without it, the default calendar: late by 5 days, and the run says which calendar it used', async () => {
      const { code, stderr } = await cli(['consolidate', 'lich', '--out', 'lich-mac-dinh.xlsx']);
      expect(code).toBe(0);
      expect(stderr).toContain('Hạn nộp tính theo "Lịch theo Kế hoạch 67/KH-UBND (mặc định, có thể điều chỉnh)"; nếu lịch của tỉnh khác, tải lịch ở thẻ "Hạn nộp" của trang tổng hợp rồi chỉ ra bằng --calendar <tệp.json>.');
      expect(await timingByUnit('lich-mac-dinh.xlsx')).toEqual(new Map([['Sở Tư pháp', 'Nộp muộn 5 ngày'], ['Sở Y tế', 'Đúng hạn']]));
    });

    it('a calendar moving the final due day later makes the late file on time, in the bảng tổng hợp and the báo cáo', async () => {
      const { code, stderr } = await cli(['consolidate', 'lich', '--out', 'lich-muon.xlsx', '--summary', 'lich-muon.docx', '--calendar', 'lich-muon.json']);
      expect(stderr).toContain('Hạn nộp tính theo lịch "Lịch năm 2026 của Công an tỉnh" (tệp "lich-muon.json").');
      expect(code).toBe(0);
      expect(await timingByUnit('lich-muon.xlsx')).toEqual(new Map([['Sở Tư pháp', 'Đúng hạn'], ['Sở Y tế', 'Đúng hạn']]));
      const docx = (await zipEntries(await readFile(path.join(dir, 'lich-muon.docx')))).get('word/document.xml')!;
      expect(docx.replace(/&quot;/gu, '"')).toContain('Số đơn vị nộp muộn so với hạn nộp theo "Lịch năm 2026 của Công an tỉnh": 0 đơn vị (thời điểm nhận tính theo ngày sửa đổi của tệp');
    });

    it('a calendar moving it earlier makes an on-time file late, after the lock', async () => {
      const { code } = await cli(['consolidate', 'lich', '--out', 'lich-som.xlsx', '--summary', 'lich-som.docx', '--calendar', 'lich-som.json']);
      expect(code).toBe(0);
      expect(await timingByUnit('lich-som.xlsx')).toEqual(new Map([['Sở Tư pháp', 'Nộp muộn 20 ngày (sau hạn khoá)'], ['Sở Y tế', 'Nộp muộn 5 ngày (sau hạn khoá)']]));
      const docx = (await zipEntries(await readFile(path.join(dir, 'lich-som.docx')))).get('word/document.xml')!;
      expect(docx.replace(/&quot;/gu, '"')).toContain('Số đơn vị nộp muộn so với hạn nộp theo "Lịch rút ngắn": 2 đơn vị');
    });

    it('a calendar file that is missing, not JSON or not a calendar: what and where in Vietnamese, exit 1, nothing written', async () => {
      const see = 'Tệp lịch của năm tải ở thẻ "Hạn nộp" của trang tổng hợp.\n';
      expect(await cli(['consolidate', 'lich', '--out', 'khong-ghi.xlsx', '--calendar', 'khong-co.json'])).toMatchObject({
        code: 1, stderr: `Không đọc được tệp lịch hạn nộp "khong-co.json" (--calendar): không có tệp này; kiểm tra tên tệp và thư mục. ${see}`,
      });
      await put('lich-hong.json', '{\n  "id": "lich-tinh",\n  "title": "Lịch"\n  "milestones": []\n}\n', '2026-11-01T00:00:00Z');
      const notJson = await cli(['consolidate', 'lich', '--out', 'khong-ghi.xlsx', '--calendar', 'lich-hong.json']);
      expect(notJson.code).toBe(1);
      expect(notJson.stderr).toMatch(/^Tệp lịch hạn nộp "lich-hong\.json" \(--calendar\) không phải là JSON hợp lệ ở dòng 4, cột 3 \(.*\)\. Sửa chỗ đó/u);
      const wrong = JSON.parse(calendar('Lịch', { due: '30/11', lock: '10/12' })) as { milestones: { stage: string; due: string }[] };
      wrong.milestones[2]!.due = '31/13';
      wrong.milestones[1]!.stage = 'giua-nam';
      await put('lich-sai.json', JSON.stringify(wrong, null, 2), '2026-11-01T00:00:00Z');
      expect(await cli(['consolidate', 'lich', '--out', 'khong-ghi.xlsx', '--calendar', 'lich-sai.json'])).toMatchObject({
        code: 1,
        stderr: 'Tệp lịch hạn nộp "lich-sai.json" (--calendar) không phải là lịch hạn nộp hợp lệ; sửa các trường sau rồi chạy lại (tệp tải ở thẻ "Hạn nộp" của trang tổng hợp là mẫu đúng):\n'
          + '  - milestones[1].stage: Tùy chọn không hợp lệ: mong đợi một trong các giá trị "registration"|"mid-year"|"final"\n'
          + '  - milestones[2].due: viết theo dạng dd/mm, ví dụ 20/11\n',
      });
      await expect(readFile(path.join(dir, 'khong-ghi.xlsx'))).rejects.toThrow(/ENOENT/u);
    });

    it('--help lists it with what it takes and its default', async () => {
      const { code, stdout } = await cli(['consolidate', '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/\n {2}--calendar <tệp\.json> +lịch hạn nộp của tỉnh để tính đúng hạn, nộp muộn \(tệp tải ở thẻ "Hạn nộp" của trang tổng hợp, hoặc GET \/api\/calendar\?year=\) \(mặc định lịch theo Kế hoạch 67\/KH-UBND, báo cáo kết quả năm hạn 20\/11, khoá 30\/11\)\n/u);
      expect(stdout).toContain('tệp lịch hạn nộp có lỗi');
    });
  });

  it('judges each file against its listed unit\'s kind and the set counted before it, as intake does: says why a file is not used, warns of a change of set', async () => {
    const company = 'Công ty TNHH Sa Đéc';
    const school = 'Trường Tiểu học Kim Đồng';
    const safety = defaultCriteriaSets().find((x) => x.id === 'an-toan-antt-co-so-giao-duc')!;
    const pass = (set: typeof xaSet) => Object.fromEntries(set.criteria.map((c) => [c.number, 'Đạt']));
    await put('bo-khac/cong-ty.xlsx', await makeWorkbookBytes(coQuan, fillFor(coQuan, company, 'Doanh nghiệp')), '2026-11-05T02:00:00Z');
    await put('bo-khac/cong-ty-mau-xa.xlsx', await makeWorkbookBytes(xaSet, fillFor(xaSet, company, '', pass(xaSet))), '2026-11-06T02:00:00Z');
    await put('bo-khac/truong.xlsx', await makeWorkbookBytes(coQuan, fillFor(coQuan, school, 'Cơ sở giáo dục')), '2026-11-05T02:00:00Z');
    await put('bo-khac/truong-an-toan.xlsx', await makeWorkbookBytes(safety, fillFor(safety, school, 'Cơ sở giáo dục', pass(safety))), '2026-11-06T02:00:00Z');
    await put('bo-khac.csv', `Tên đơn vị,Loại,Xã/phường\n${company},Doanh nghiệp,Phường Cao Lãnh\n${school},Cơ sở giáo dục,Phường Cao Lãnh\n`, '2026-11-01T00:00:00Z');

    const { code, stderr } = await cli(['consolidate', 'bo-khac', '--out', 'bo-khac.xlsx', '--units', 'bo-khac.csv', '--year', '2026']);
    expect(code).toBe(1);
    expect(stderr).toContain(`Tệp "${path.join('bo-khac', 'cong-ty-mau-xa.xlsx')}" không hợp lệ:\n  - 'Bộ tiêu chí': Bộ tiêu chí "${xaSet.title}" của bảng chấm điểm này chỉ áp dụng cho Xã, Phường, Đặc khu; theo danh sách đơn vị của tỉnh, đơn vị thuộc loại "Doanh nghiệp"`);
    expect(stderr).toContain(`Lưu ý, tệp "${path.join('bo-khac', 'truong-an-toan.xlsx')}": Bảng chấm điểm này theo bộ tiêu chí "${safety.title}", khác bộ tiêu chí "${coQuan.title}" của phiên bản 1 (bản được tính trước tệp này).`);
    expect(stderr).toMatch(/Xong \(năm 2026\): 4 tệp, 2 đơn vị, 2 đơn vị nộp hợp lệ, 2 đơn vị đủ điều kiện; 1 tệp không dùng được/u);
    // The company is scored on its own set; the school on the set it changed to.
    const rows = await sheetRows('bo-khac.xlsx');
    expect(rows.map((r) => [r[1], r[5]])).toEqual([[company, '50'], [school, 'Đạt 6/6 tiêu chí']]);
  });

  it('refuses bad usage with exit 2', async () => {
    const missing = await cli(['consolidate', 'khong-co', '--out', 'x.xlsx']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Không tìm thấy "khong-co".');
    expect((await cli(['consolidate', 'hop-thu'])).code).toBe(2);
  });

  it('names what is wrong with its arguments (exit 2)', async () => {
    const see = '\nGõ "dien-hinh consolidate --help" để xem cách dùng.\n';
    expect(await cli(['consolidate', 'a'])).toMatchObject({ code: 2, stderr: `Sai cú pháp: thiếu --out <tệp.xlsx>: bảng tổng hợp sẽ tạo, ví dụ bang-tong-hop.xlsx.${see}` });
    expect(await cli(['consolidate', '--out', 'x.xlsx'])).toMatchObject({ code: 2, stderr: `Sai cú pháp: chưa chỉ ra thư mục hoặc tệp .xlsx nào để tổng hợp.${see}` });
    expect(await cli(['consolidate', 'a', '--out=x.xlsx', '--year', '26'])).toMatchObject({ code: 2, stderr: `Sai cú pháp: năm "26" không hợp lệ; nhập năm có 4 chữ số, ví dụ --year 2026.${see}` });
    expect(await cli(['consolidate', 'a', '--out'])).toMatchObject({ code: 2, stderr: `Sai cú pháp: tuỳ chọn --out cần một giá trị (--out <tệp.xlsx>).${see}` });
  });
});
