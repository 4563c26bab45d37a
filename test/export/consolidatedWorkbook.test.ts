import ExcelJS from 'exceljs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConsolidatedWorkbook } from '../../server/export/consolidatedWorkbook';
import { registry } from '../consolidation/fixtures';
import { HOSTILE_NAME, sampleResponse } from './fixtures';
import { zipEntries } from './zip';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'dh-consolidated-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  const values: unknown[] = [];
  for (let c = 1; c <= sheet.columnCount; c++) values.push(sheet.getCell(row, c).value);
  return values;
}

function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  for (let c = 1; c <= sheet.columnCount; c++) if (sheet.getCell(4, c).value === header) return c;
  throw new Error(`no column ${header}`);
}

describe('consolidated workbook', () => {
  it('writes one row per expected unit with scores, verdicts, dossier, timing and review', async () => {
    const response = await sampleResponse();
    const file = path.join(dir, 'bang-tong-hop.xlsx');
    await writeConsolidatedWorkbook(response, registry, file);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const workbook = await load(await readFile(file));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Bảng tổng hợp', 'Tổng hợp', 'Bộ tiêu chí 1']);
    const sheet = workbook.getWorksheet('Bảng tổng hợp')!;
    expect(String(sheet.getCell('A1').value)).toBe('BẢNG TỔNG HỢP KẾT QUẢ TỰ CHẤM ĐIỂM ĐƠN VỊ ĐIỂN HÌNH VỀ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2026');
    expect(String(sheet.getCell('A2').value)).toContain('Lập lúc 23/11/2026 10:00 (giờ Việt Nam). Đơn vị phải nộp: 8; đã nộp hợp lệ: 5; đủ điều kiện đề nghị công nhận: 4.');
    expect(String(sheet.getCell('A2').value)).toContain('Điểm từng tiêu chí xem ở trang "Bộ tiêu chí 1".');
    expect(rowValues(sheet, 4)).toEqual([
      'STT', 'Tên đơn vị', 'Loại', 'Thuộc xã/phường', 'Bộ tiêu chí',
      'Tổng điểm', 'Tiêu chí cứng', 'Kết quả', 'Lý do', 'Nguồn điểm', 'Báo cáo kết quả', 'Tờ trình', 'Biên bản họp', 'Bản đăng ký',
      'Phiên bản', 'Thời điểm nộp', 'Đúng hạn / Nộp muộn', 'Trạng thái duyệt', 'Tình trạng hạn nộp', 'Mã đơn vị',
    ]);
    expect(sheet.rowCount).toBe(4 + 8);

    const names = response.units.map((u) => u.unit.name);
    for (let i = 0; i < names.length; i++) expect(sheet.getCell(5 + i, 2).value).toBe(names[i]);
    const rowOf = (name: string) => 5 + names.indexOf(name.normalize('NFC'));
    const cell = (name: string, header: string) => sheet.getCell(rowOf(name), columnOf(sheet, header));

    expect(cell('Sở Y tế', 'Tổng điểm').value).toBe(50);
    expect(cell('Sở Y tế', 'Tổng điểm').numFmt).toBe('0.0');
    expect(cell('Sở Y tế', 'Kết quả').value).toBe('Đủ điều kiện');
    expect(cell('Sở Y tế', 'Tiêu chí cứng').value).toBe('Đạt');
    expect(cell('Sở Y tế', 'Trạng thái duyệt').value).toBe('Đã duyệt');
    expect(cell('Sở Y tế', 'Phiên bản').value).toBe(1);
    expect(cell('Sở Y tế', 'Bộ tiêu chí').value).toBe('Bộ 1');
    expect(cell('Sở Y tế', 'Báo cáo kết quả').value).toBe('Có');
    expect(String(sheet.getCell('A2').value)).toContain('Bộ 1: Bộ tiêu chí dự thảo: cơ quan, doanh nghiệp, cơ sở giáo dục');
    // 10/11/2026 02:00 UTC is 09:00 in Vietnam; Excel has no zones, so the wall clock is written.
    expect(cell('Sở Y tế', 'Thời điểm nộp').value).toEqual(new Date('2026-11-10T09:00:00Z'));
    expect(cell('Sở Y tế', 'Thời điểm nộp').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(cell('Sở Y tế', 'Đúng hạn / Nộp muộn').value).toBe('Đúng hạn');

    const tuPhap = (h: string) => cell('Sở Tư pháp', h);
    expect(tuPhap('Tổng điểm').value).toBe(48);
    expect(tuPhap('Tiêu chí cứng').value).toBe('Chưa đạt: 5, 8');
    expect((tuPhap('Tiêu chí cứng').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(tuPhap('Kết quả').value).toBe('Chưa đủ điều kiện');
    expect(tuPhap('Lý do').value).toBe('Tiêu chí cứng 5 đạt 4/5 điểm, phải đạt điểm tối đa.\nTiêu chí cứng 8 đạt 4,5/5 điểm, phải đạt điểm tối đa.');
    expect(tuPhap('Trạng thái duyệt').value).toBe('Chưa duyệt');
    // Two paragraphs of reasons: the row is at least two lines tall.
    expect(sheet.getRow(rowOf('Sở Tư pháp')).height).toBeGreaterThanOrEqual(2 * 13);

    expect(cell('Công ty Cấp nước Đồng Tháp', 'Đúng hạn / Nộp muộn').value).toBe('Nộp muộn 5 ngày');
    expect(cell('Công ty Cấp nước Đồng Tháp', 'Tổng điểm').value).toBe(49.5);
    expect(cell('Trường THPT Vĩnh Thuận', 'Nguồn điểm').value).toBe('Thẩm định');
    expect(cell('Trường THPT Vĩnh Thuận', 'Tổng điểm').value).toBe(47);
    expect(cell('Trường THPT Vĩnh Thuận', 'Loại').value).toBe('Cơ sở giáo dục');

    expect(cell('+84 Sở Nội vụ', 'Kết quả').value).toBe('Tệp không hợp lệ');
    expect(cell('+84 Sở Nội vụ', 'Tổng điểm').value).toBeNull();
    expect(cell('Sở Xây dựng', 'Kết quả').value).toBe('Chưa nộp');
    expect(cell('Sở Xây dựng', 'Lý do').value).toBe('Chưa nộp báo cáo kết quả năm.');
    expect(cell('Sở Xây dựng', 'Tình trạng hạn nộp').value).toBe('Quá hạn 3 ngày');
    expect(cell('Sở Xây dựng', 'Thời điểm nộp').value).toBeNull();

    // The criteria's scores are on the set's own sheet, with its maximum points and hard flags.
    const set = workbook.getWorksheet('Bộ tiêu chí 1')!;
    expect(rowValues(set, 4).slice(0, 5)).toEqual(['STT', 'Tên đơn vị', 'Loại', 'Thuộc xã/phường', 'Tiêu chí 1\n(tối đa 4)']);
    expect(rowValues(set, 4)).toContain('Tiêu chí 5\n(tối đa 5, cứng)');
    const setRow = (name: string) => { for (let r = 5; r <= set.rowCount; r++) if (set.getCell(r, 2).value === name) return r; throw new Error(name); };
    const setCell = (name: string, header: string) => set.getCell(setRow(name), columnOf(set, header));
    expect(setCell('Sở Tư pháp', 'Tiêu chí 1\n(tối đa 4)').value).toBe(3.5);
    expect((setCell('Sở Tư pháp', 'Tiêu chí 5\n(tối đa 5, cứng)').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect((setCell('Sở Tư pháp', 'Tiêu chí 1\n(tối đa 4)').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
    expect(setCell('Sở Tư pháp', 'Tổng điểm').value).toBe(48);
    expect(set.rowCount).toBe(4 + 5);
  });

  it('prints on A3 landscape one page across, or A4 two pages across with the unit columns and header repeated; text never below 8 pt on paper', async () => {
    for (const paper of ['A3', 'A4'] as const) {
      const file = path.join(dir, `print-${paper}.xlsx`);
      await writeConsolidatedWorkbook(await sampleResponse({ mixedSets: true }), registry, file, paper === 'A4' ? { paper } : {});
      const bytes = await readFile(file);
      const workbook = await load(bytes);
      expect(workbook.worksheets).toHaveLength(4);
      for (const sheet of workbook.worksheets) {
        expect(sheet.pageSetup, `${paper} ${sheet.name}`).toMatchObject({
          paperSize: paper === 'A3' ? 8 : 9, orientation: 'landscape', fitToPage: false, printTitlesRow: '4:4', printTitlesColumn: 'A:B',
        });
        const scale = sheet.pageSetup.scale!;
        expect(scale).toBeGreaterThanOrEqual(80);
        expect(scale).toBeLessThanOrEqual(100);
        sheet.eachRow((row) => row.eachCell((c) => {
          expect((c.font?.size ?? 11) * (scale / 100), `${sheet.name}!${c.address}`).toBeGreaterThanOrEqual(8);
        }));
      }
      const main = workbook.getWorksheet('Bảng tổng hợp')!;
      expect(main.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
      const xml = await zipEntries(bytes);
      expect(xml.get('xl/worksheets/sheet1.xml')).toContain('<autoFilter ref="A4:T14"/>');
      expect(xml.get('xl/workbook.xml')).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Bảng tổng hợp&apos;!$A:$B,&apos;Bảng tổng hợp&apos;!$4:$4</definedName>');
      // Every column's width is in the file (exceljs leaves out a width equal to its default, 9).
      const cols = [...xml.get('xl/worksheets/sheet1.xml')!.matchAll(/<col min="(\d+)" max="(\d+)"/gu)].reduce((n, m) => n + Number(m[2]) - Number(m[1]) + 1, 0);
      expect(cols).toBe(20);
    }
  });

  it('text beginning with =, +, - or @ stays text with Excel\'s quote prefix, never a formula', async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (c: Buffer) => chunks.push(c));
    await writeConsolidatedWorkbook(await sampleResponse(), registry, output);
    const bytes = Buffer.concat(chunks);
    const sheet = (await load(bytes)).getWorksheet('Bảng tổng hợp')!;
    const found = new Map<string, ExcelJS.Cell>();
    sheet.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') found.set(c.value, c); }));
    for (const text of [HOSTILE_NAME, '+84 Sở Nội vụ', '-Phường 1', '@Ban Dân tộc']) {
      const c = found.get(text);
      expect(c, text).toBeDefined();
      expect(c!.type).toBe(ExcelJS.ValueType.String);
      expect(c!.formula).toBeUndefined();
      // Excel's quote prefix: editing the cell keeps it text.
      expect((c!.style as { quotePrefix?: boolean }).quotePrefix, text).toBe(true);
    }
    expect((found.get('Sở Y tế')!.style as { quotePrefix?: boolean }).quotePrefix).toBeUndefined();
    for (const [name, content] of await zipEntries(bytes)) {
      if (name.startsWith('xl/worksheets/')) expect(content, name).not.toMatch(/<f[ >]/u);
    }
  });

  it('summary sheet counts per kind with a total row', async () => {
    const file = path.join(dir, 'summary.xlsx');
    const response = await sampleResponse({ mixedSets: true });
    await writeConsolidatedWorkbook(response, registry, file);
    const workbook = await load(await readFile(file));
    const sheet = workbook.getWorksheet('Tổng hợp')!;
    expect(rowValues(sheet, 4)).toEqual(['Loại đơn vị', 'Phải nộp', 'Đã nộp', 'Hợp lệ', 'Đủ điều kiện', 'Nộp muộn', 'Chưa nộp hồ sơ hợp lệ']);
    expect(rowValues(sheet, 5)).toEqual(['Xã', 2, 2, 2, 1, 0, 0]);
    expect(rowValues(sheet, 6)).toEqual(['Cơ quan', 6, 4, 3, 2, 0, 3]);
    expect(rowValues(sheet, 7)).toEqual(['Doanh nghiệp', 1, 1, 1, 1, 1, 0]);
    expect(rowValues(sheet, 8)).toEqual(['Cơ sở giáo dục', 1, 1, 1, 1, 0, 0]);
    expect(rowValues(sheet, 9)).toEqual(['Tổng cộng', 10, 8, 7, 5, 1, 3]);
    expect(sheet.getCell('A11').value).toBe('Số đơn vị đủ điều kiện (5) đạt chỉ tiêu tối thiểu 3 đơn vị/năm.');
  });

  it('with several criteria sets, adds one detail sheet per set and shows pass-fail as Đạt / Chưa đạt', async () => {
    const file = path.join(dir, 'mixed.xlsx');
    await writeConsolidatedWorkbook(await sampleResponse({ mixedSets: true }), registry, file);
    const workbook = await load(await readFile(file));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Bảng tổng hợp', 'Tổng hợp', 'Bộ tiêu chí 1', 'Bộ tiêu chí 2']);
    const main = workbook.getWorksheet('Bảng tổng hợp')!;
    expect(main.getCell(4, 6).value).toBe('Tổng điểm');
    expect(String(main.getCell('A2').value)).toContain('2 bộ tiêu chí khác nhau');
    // A pass-fail set's result is never a number among point totals.
    let dongHoa = 0;
    main.eachRow((row, n) => { if (row.getCell(2).value === 'Xã Đông Hòa') dongHoa = n; });
    expect(main.getCell(dongHoa, 6).value).toBe('Đạt 6/6 tiêu chí');
    const xa = workbook.worksheets.find((w) => String(w.getCell('A1').value).includes('xã, phường'))!;
    // A pass-fail criterion has no maximum to show, and this set has no hard criterion to meet.
    expect(rowValues(xa, 4).slice(0, 5)).toEqual(['STT', 'Tên đơn vị', 'Loại', 'Thuộc xã/phường', 'Tiêu chí 1']);
    expect(rowValues(xa, 4).slice(-4)).toEqual(['Số tiêu chí đạt', 'Tiêu chí cứng', 'Kết quả', 'Nguồn điểm']);
    expect(xa.getCell('L6').value).toBe('Không có');
    expect(main.getCell(dongHoa, 7).value).toBe('Không có');
    expect(xa.getCell('K6').value).toBe(6);
    expect(xa.getCell('B5').value).toBe('Xã Bình Thạnh');
    expect(xa.getCell('G5').value).toBe('Chưa đạt');
    expect((xa.getCell('G5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(xa.getCell('B6').value).toBe('Xã Đông Hòa');
    expect(xa.rowCount).toBe(6);
  });

  it('writes every row of a sheet many times larger than the zip takes at once (the writer waits for it), in order', async () => {
    const sample = await sampleResponse();
    const scored = sample.units.find((u) => u.result)!;
    const count = 3000;
    const units = Array.from({ length: count }, (_, i) => ({ ...scored, unit: { ...scored.unit, id: `u${i}`, code: `CQ-${i + 1}`, name: `Đơn vị số ${String(i + 1).padStart(4, '0')}` } }));
    const file = path.join(dir, 'lon.xlsx');
    await writeConsolidatedWorkbook({ ...sample, units }, registry, file);
    const workbook = await load(await readFile(file));
    for (const name of ['Bảng tổng hợp', 'Bộ tiêu chí 1']) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.rowCount, name).toBe(4 + count);
      const names: unknown[] = [];
      for (let r = 5; r <= 4 + count; r++) names.push(sheet.getCell(r, 2).value);
      expect(names, name).toEqual(units.map((u) => u.unit.name));
      expect(sheet.getCell(4 + count, 1).value, name).toBe(count);
    }
  });

  it('a failed export leaves no file under the requested name', async () => {
    const file = path.join(dir, 'missing-folder', 'x.xlsx');
    await expect(writeConsolidatedWorkbook(await sampleResponse(), registry, file)).rejects.toThrow();
    expect(await readdir(dir)).not.toContain('missing-folder');
  });
});
