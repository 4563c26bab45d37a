/** `dien-hinh sets`, `template` and `check`, run as a user runs them: the built CLI in a child process. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SET_DOCUMENTS, defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry, parseCriteriaSet } from '../../shared/criteria/load';
import { viRead } from '../../shared/i18n/vi';
import { checkResultSchema } from '../../shared/workbook/checkResult';
import { checkWorkbookBytes } from '../../server/xlsx/readWorkbook';
import { fullFill } from '../support/fill';
import { makeWorkbookBytes } from '../support/workbooks';
import { ensureBuilt, MAIN } from './build';

let dir: string;
const sets = defaultCriteriaSets();
const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const antt = sets.find((s) => s.id === 'an-toan-antt-co-so-giao-duc')!;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { cwd: dir, timeout: 60_000, env: { ...process.env, DIEN_HINH_DATA: path.join(dir, 'no-data') } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A province's data folder holding one official set of its own (not among the defaults). */
function provinceData(): string {
  const data = path.join(dir, 'data');
  mkdirSync(path.join(data, 'criteria'), { recursive: true });
  const document = structuredClone(DEFAULT_SET_DOCUMENTS[0]) as Record<string, unknown>;
  Object.assign(document, { id: 'dien-hinh-co-quan-dong-thap', version: '2026.1', draft: false, title: 'Bộ tiêu chí cơ quan (Công an tỉnh Đồng Tháp)' });
  delete document.draftNote;
  writeFileSync(path.join(data, 'criteria', 'dong-thap.json'), JSON.stringify(document, null, 2));
  return data;
}

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'dh-cli-workbook-'));
  const fill = fullFill(coQuan);
  fill.scores![8] = '4,5';
  writeFileSync(path.join(dir, 'hard-failure.xlsx'), await makeWorkbookBytes(coQuan, fill));
  writeFileSync(path.join(dir, 'good.xlsx'), await makeWorkbookBytes(coQuan, fullFill(coQuan, 'Sở Tư pháp')));
  const bad = fullFill(coQuan, 'Sở Nội vụ');
  bad.scores![3] = 7;
  delete bad.scores![4];
  writeFileSync(path.join(dir, 'above-max.xlsx'), await makeWorkbookBytes(coQuan, bad));
  const pass = fullFill(antt, 'Trường THPT Vĩnh Thuận');
  pass.unit!.kind = 'Cơ sở giáo dục';
  pass.scores![4] = 'Chưa đạt';
  writeFileSync(path.join(dir, 'pass-fail.xlsx'), await makeWorkbookBytes(antt, pass));
  writeFileSync(path.join(dir, 'not-excel.xlsx'), 'Tên đơn vị;Điểm\n');
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dien-hinh --help', () => {
  it('lists sets, template and check', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('  sets         Liệt kê các bộ tiêu chí có trong hệ thống');
    expect(stdout).toContain('  template     Tạo bảng tự chấm điểm (tệp Excel) theo một bộ tiêu chí.\n');
    expect(stdout).toContain('  check        Đọc và kiểm tra bảng tự chấm điểm');
  });
});

describe('dien-hinh sets', () => {
  it('--json: every default set with its count, scale and draft flag', async () => {
    const { code, stdout } = await cli('sets', '--json');
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as Record<string, unknown>[];
    expect(listed.map((s) => s.id)).toEqual(sets.map((s) => s.id));
    expect(listed[0]).toEqual({
      id: 'dien-hinh-co-quan-du-thao', version: '2026.1-du-thao', title: coQuan.title,
      unitKinds: ['co-quan', 'doanh-nghiep', 'co-so-giao-duc'], scoring: 'points', criteria: 12, scale: 50, draft: true, file: null,
    });
    expect(listed.find((s) => s.id === 'an-toan-antt-co-so-giao-duc')).toMatchObject({ scoring: 'pass-fail', criteria: 6, scale: null });
  });

  it("human output, and a province's own set from --data", async () => {
    const data = provinceData();
    const { code, stdout } = await cli('sets', '--data', data);
    expect(code).toBe(0);
    expect(stdout).toContain([
      'dien-hinh-co-quan-du-thao (phiên bản 2026.1-du-thao) — DỰ THẢO, cần đối chiếu văn bản chính thức',
      `  ${coQuan.title}`,
      '  Áp dụng cho: Cơ quan, Doanh nghiệp, Cơ sở giáo dục',
      '  12 tiêu chí · thang 50 điểm, đạt từ 45 điểm · tiêu chí cứng: 5, 8, 9',
      '  Nguồn: mặc định (kèm theo dien-hinh)',
    ].join('\n'));
    expect(stdout).toContain([
      'dien-hinh-co-quan-dong-thap (phiên bản 2026.1)',
      '  Bộ tiêu chí cơ quan (Công an tỉnh Đồng Tháp)',
    ].join('\n'));
    expect(stdout).toContain(`  Nguồn: tệp "${path.join(data, 'criteria', 'dong-thap.json')}"`);
  });

  it('an invalid province file fails with the file and field (exit 1); a --data folder that does not exist is bad usage (exit 2)', async () => {
    const data = path.join(dir, 'broken-data');
    mkdirSync(path.join(data, 'criteria'), { recursive: true });
    writeFileSync(path.join(data, 'criteria', 'sai.json'), JSON.stringify({ ...(DEFAULT_SET_DOCUMENTS[0] as object), unitKinds: ['huyen'] }));
    const broken = await cli('sets', '--data', data);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('Không nạp được bộ tiêu chí của tỉnh; sửa các lỗi sau rồi chạy lại:\n');
    expect(broken.stderr).toContain(`  - tệp "${path.join(data, 'criteria', 'sai.json')}": trường "unitKinds.0" không hợp lệ:`);
    const missing = await cli('sets', '--data', 'khong-co');
    expect(missing).toMatchObject({ code: 2, stderr: 'Thư mục dữ liệu "khong-co" không tồn tại. Kiểm tra --data.\n' });
  });

  it('an unknown option is bad usage', async () => {
    const { code, stderr } = await cli('sets', '--xml');
    expect(code).toBe(2);
    expect(stderr).toBe('Sai cú pháp: lệnh này không có tuỳ chọn "--xml".\nGõ "dien-hinh sets --help" để xem cách dùng.\n');
  });
});

describe('dien-hinh template', () => {
  it('writes a workbook the reader accepts, with the year filled in', async () => {
    const { code, stdout } = await cli('template', '--set', 'dien-hinh-co-quan-du-thao', '--out', 'mau.xlsx', '--year', '2026');
    expect(code).toBe(0);
    expect(stdout).toBe([
      'Đã tạo bảng tự chấm điểm "mau.xlsx" theo bộ tiêu chí dien-hinh-co-quan-du-thao (phiên bản 2026.1-du-thao).',
      'Lưu ý: đây là bộ tiêu chí DỰ THẢO, cần đối chiếu với văn bản chính thức trước khi gửi cho đơn vị.',
      '',
    ].join('\n'));
    const result = await checkWorkbookBytes(readFileSync(path.join(dir, 'mau.xlsx')), createRegistry(sets));
    expect(result.errors.map((e) => e.cell)).toEqual(['B3']);
    expect(result.unit!.year).toBe(2026);
    expect(result.setId).toBe('dien-hinh-co-quan-du-thao');
  });

  it('does not overwrite an existing file without --force', async () => {
    writeFileSync(path.join(dir, 'da-co.xlsx'), 'bảng đã chấm');
    const refused = await cli('template', '--set', 'an-toan-antt-xa-phuong', '--out', 'da-co.xlsx');
    expect(refused).toMatchObject({ code: 1, stderr: 'Tệp "da-co.xlsx" đã có. Thêm --force để ghi đè, hoặc chọn tên khác.\n' });
    expect(readFileSync(path.join(dir, 'da-co.xlsx'), 'utf8')).toBe('bảng đã chấm');
    expect(await cli('template', '--set', 'an-toan-antt-xa-phuong', '--out', 'da-co.xlsx', '--force')).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(path.join(dir, 'da-co.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it("a province's set from --data, chosen by id", async () => {
    const { code } = await cli('template', '--set', 'dien-hinh-co-quan-dong-thap', '--out', 'dong-thap.xlsx', '--data', provinceData());
    expect(code).toBe(0);
    const province = parseCriteriaSet(JSON.parse(readFileSync(path.join(dir, 'data', 'criteria', 'dong-thap.json'), 'utf8')));
    if (!province.ok) throw new Error(province.error.join('\n'));
    const result = await checkWorkbookBytes(readFileSync(path.join(dir, 'dong-thap.xlsx')), createRegistry([province.value]));
    expect(result).toMatchObject({ setId: 'dien-hinh-co-quan-dong-thap', draftSet: false });
  });

  it.each([
    [['--out', 'a.xlsx'], 'Sai cú pháp: thiếu --set <mã>: mã bộ tiêu chí (xem "dien-hinh sets").'],
    [['--set', 'dien-hinh-co-quan-du-thao'], 'Sai cú pháp: thiếu --out <tệp.xlsx>: tệp sẽ tạo (với --all-units: thư mục).'],
    [['--set', 'dien-hinh-co-quan-du-thao', '--out', 'a.xls'], 'Sai cú pháp: tệp "a.xls" phải có đuôi .xlsx.'],
    [['--set', 'dien-hinh-co-quan-du-thao', '--out', 'a.xlsx', '--year', '26'], 'Sai cú pháp: năm "26" không hợp lệ; nhập năm có 4 chữ số từ 2020 đến 2100, ví dụ 2026.'],
    [['--set', 'khong-co', '--out', 'a.xlsx'], `Sai cú pháp: không có bộ tiêu chí "khong-co". Các mã có: ${sets.map((s) => s.id).join(', ')}.`],
    [['--set', 'dien-hinh-co-quan-du-thao', '--version', '9', '--out', 'a.xlsx'], 'Sai cú pháp: bộ tiêu chí "dien-hinh-co-quan-du-thao" không có phiên bản "9". Các phiên bản có: 2026.1-du-thao.'],
  ])('bad usage %j exits 2 with a Vietnamese message', async (args, message) => {
    const { code, stderr } = await cli('template', ...args);
    expect(code).toBe(2);
    expect(stderr).toBe(`${message}\nGõ "dien-hinh template --help" để xem cách dùng.\n`);
  });
});

describe('dien-hinh check', () => {
  it('prints the unit, the set, every score, the total, hard failures and the verdict with reasons', async () => {
    const { code, stdout } = await cli('check', 'hard-failure.xlsx');
    expect(code).toBe(0);
    expect(stdout).toBe([
      '━━ hard-failure.xlsx',
      'Đơn vị: Văn phòng UBND tỉnh Đồng Tháp (Cơ quan), thuộc Phường Cao Lãnh, năm 2026',
      'Bộ tiêu chí: dien-hinh-co-quan-du-thao (phiên bản 2026.1-du-thao) — dự thảo',
      'Điểm tự chấm:',
      ...coQuan.criteria.map((c) => {
        const score = c.number === 8 ? '4,5' : String(c.maxPoints).replace('.', ',');
        const hard = c.number === 8 ? '  ← tiêu chí cứng, chưa đạt điểm tối đa' : c.hard ? '  (tiêu chí cứng)' : '';
        return `  Tiêu chí ${String(c.number).padStart(2)}: ${score}/${c.maxPoints}${hard}`;
      }),
      'Tổng điểm: 49,5/50 (ngưỡng đạt 45)',
      'Tiêu chí cứng chưa đạt điểm tối đa: 8',
      'Hồ sơ: đủ 4 thành phần',
      'Kết quả: CHƯA ĐỦ ĐIỀU KIỆN',
      '  - Tiêu chí cứng 8 đạt 4,5/5 điểm, phải đạt điểm tối đa.',
      // "4,5" was typed into a cell as text: counted, and said, since the file's own total leaves it out.
      'Lưu ý:',
      `  - 'Chấm điểm'!F12: ${viRead.scoreStoredAsText('4,5', 4.5)}`,
      '',
      '',
    ].join('\n'));
  });

  it('errors with sheet!cell, and exit 1 when any file is invalid', async () => {
    const { code, stdout } = await cli('check', 'good.xlsx', 'above-max.xlsx', 'not-excel.xlsx', 'pass-fail.xlsx');
    expect(code).toBe(1);
    expect(stdout).toContain([
      'Kết quả: TỆP CÓ LỖI, chưa xét điều kiện công nhận.',
      'Lỗi phải sửa:',
      "  - 'Chấm điểm'!F7: Điểm 7 vượt điểm tối đa 4. Nhập từ 0 đến 4.",
    ].join('\n'));
    // A refused score and an empty one are told apart, in a file with errors.
    expect(stdout).toContain(['  Tiêu chí  3: không hợp lệ (xem lỗi bên dưới)', '  Tiêu chí  4: chưa chấm'].join('\n'));
    expect(stdout).toContain([
      '━━ not-excel.xlsx',
      'Kết quả: TỆP CÓ LỖI, chưa xét điều kiện công nhận.',
      'Lỗi phải sửa:',
      '  - Tệp không phải là bảng tính .xlsx. Hãy nộp đúng tệp bảng tự chấm điểm, lưu ở dạng .xlsx (Excel: Tệp › Lưu thành, chọn kiểu "Sổ làm việc Excel (.xlsx)"; LibreOffice: Tệp › Lưu thành…, chọn kiểu "Excel 2007-365 (.xlsx)"; WPS: Tệp › Lưu thành, chọn kiểu .xlsx).',
    ].join('\n'));
    expect(stdout).toContain(['  Tiêu chí  3: Đạt', '  Tiêu chí  4: Chưa đạt', '  Tiêu chí  5: Đạt'].join('\n'));
    expect(stdout).toContain('Số tiêu chí đạt: 5/6\n');
    expect(stdout.endsWith('Đã kiểm tra 4 tệp: 2 hợp lệ, 2 có lỗi.\n')).toBe(true);
  });

  it('--json prints one array with the file and every CheckResult field', async () => {
    const { code, stdout } = await cli('check', '--json', 'good.xlsx', 'above-max.xlsx', 'missing.xlsx');
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as Record<string, unknown>[];
    expect(results.map((r) => r.file)).toEqual(['good.xlsx', 'above-max.xlsx', 'missing.xlsx']);
    for (const result of results) expect(checkResultSchema.safeParse(result).success).toBe(true);
    expect(results[0]).toMatchObject({
      ok: true, unit: { name: 'Sở Tư pháp', kind: 'co-quan' }, setId: 'dien-hinh-co-quan-du-thao', total: 50, max: 50,
      hardFailures: [], eligible: true, reasons: [], errors: [],
    });
    expect((results[0]!.scores as unknown[])[4]).toEqual({ number: 5, max: 5, score: 5, hard: true, evidence: '' });
    expect(results[1]).toMatchObject({ ok: false, eligible: false, errors: [{ sheet: 'Chấm điểm', cell: 'F7', message: 'Điểm 7 vượt điểm tối đa 4. Nhập từ 0 đến 4.' }] });
    expect(results[2]).toMatchObject({ ok: false, unit: null, errors: [{ sheet: '', cell: '' }] });
    expect((results[2]!.errors as { message: string }[])[0]!.message).toMatch(/^Không đọc được tệp \(ENOENT: .*\)\. Kiểm tra đường dẫn và quyền đọc\.$/u);
  });

  it("exit 0 when every file is valid; a province's own set is known only with --data", async () => {
    expect((await cli('check', 'good.xlsx', 'hard-failure.xlsx')).code).toBe(0);
    const data = provinceData();
    const province = parseCriteriaSet(JSON.parse(readFileSync(path.join(data, 'criteria', 'dong-thap.json'), 'utf8')));
    if (!province.ok) throw new Error(province.error.join('\n'));
    writeFileSync(path.join(dir, 'dong-thap-filled.xlsx'), await makeWorkbookBytes(province.value, fullFill(province.value, 'Sở Tài chính')));
    const unknown = await cli('check', '--json', 'dong-thap-filled.xlsx');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)[0].errors).toEqual([{
      sheet: 'Bộ tiêu chí', cell: 'B1',
      message: viRead.unknownSet('dien-hinh-co-quan-dong-thap', '2026.1'),
    }]);
    const known = await cli('check', '--json', 'dong-thap-filled.xlsx', '--data', data);
    expect(known.code).toBe(0);
    expect(JSON.parse(known.stdout)[0]).toMatchObject({ ok: true, eligible: true, total: 50, draftSet: false });
  });

  it('bad usage: no file, unknown option (exit 2)', async () => {
    expect(await cli('check')).toMatchObject({ code: 2, stderr: 'Sai cú pháp: chưa chỉ ra tệp .xlsx nào cần kiểm tra.\nGõ "dien-hinh check --help" để xem cách dùng.\n' });
    expect((await cli('check', '--csv', 'good.xlsx')).code).toBe(2);
  });
});
