import ExcelJS from 'exceljs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolidate } from '../../shared/consolidation/consolidate';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { writeRecognitionList } from '../../server/export/recognitionList';
import { registry, unit } from '../consolidation/fixtures';
import { HOSTILE_NAME, NOW, sampleResponse } from './fixtures';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'dh-list-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function load(file: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['Danh sách đề nghị']);
  return workbook.worksheets[0]!;
}

const values = (sheet: ExcelJS.Worksheet, row: number) => [1, 2, 3, 4, 5, 6].map((c) => sheet.getCell(row, c).value);

describe('recognition list', () => {
  it('a draft with the units waiting for review: each criteria set in its own order, pass/fail after the points', async () => {
    const file = path.join(dir, 'danh-sach.xlsx');
    await writeRecognitionList(await sampleResponse({ mixedSets: true }), file, registry, { includePending: true });
    const sheet = await load(file);
    expect(sheet.getCell('A1').value).toBe('DANH SÁCH');
    expect(sheet.getCell('A2').value).toBe('ĐƠN VỊ ĐỀ NGHỊ CÔNG NHẬN ĐIỂN HÌNH VỀ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2026');
    expect(values(sheet, 5)).toEqual(['STT', 'Tên đơn vị', 'Loại', 'Thuộc xã/phường', 'Tổng điểm', 'Ghi chú']);
    const rows = [6, 7, 8, 9, 10].map((r) => values(sheet, r));
    // The points set by total then name; the pass-fail xã in its own section after, never among point totals.
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      [1, HOSTILE_NAME, 50], [2, 'Sở Y tế', 50], [3, 'Công ty Cấp nước Đồng Tháp', 49.5], [4, 'Trường THPT Vĩnh Thuận', 47], [5, 'Xã Đông Hòa', 6],
    ]);
    expect(sheet.getCell('A1').formula).toBeUndefined();
    expect(sheet.getCell('B6').type).toBe(ExcelJS.ValueType.String);
    expect(rows[1]![5]).toBe('50/50 điểm; Hồ sơ: đã duyệt; Chấm theo bộ tiêu chí dự thảo');
    expect(rows[2]![5]).toBe('49,5/50 điểm; Nộp muộn 5 ngày; Hồ sơ chưa được duyệt; Chấm theo bộ tiêu chí dự thảo');
    expect(rows[3]![5]).toMatch(/^47\/50 điểm; Theo điểm thẩm định;/u);
    expect(rows[4]![5]).toMatch(/^Đạt 6\/6 tiêu chí;/u);
    expect(rows[4]![2]).toBe('Xã');
    expect(rows[4]![3]).toBe('Huyện Cao Lãnh');
    expect(sheet.getCell('E8').numFmt).toBe('0.0');
    expect(sheet.getCell('E6').numFmt).toBe('0');
    expect(sheet.getCell('A12').value).toBe('Tổng cộng: 5 đơn vị.');
    expect(sheet.getCell('A13').value).toBeNull();
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', printTitlesRow: '5:5' });
  });

  it('by default lists only the approved eligible units', async () => {
    const file = path.join(dir, 'danh-sach-duyet.xlsx');
    await writeRecognitionList(await sampleResponse({ mixedSets: true }), file, registry);
    const sheet = await load(file);
    expect(values(sheet, 6).slice(0, 2)).toEqual([1, 'Sở Y tế']);
    expect(sheet.getCell('A7').value).toBeNull();
    expect(sheet.getCell('A8').value).toBe('Tổng cộng: 1 đơn vị.');
  });

  it('says so when no unit qualifies, and names the yearly target', async () => {
    const file = path.join(dir, 'empty.xlsx');
    const response = consolidate({ year: 2026, now: NOW, calendar: DEFAULT_CALENDAR, units: [unit('u1', 'Sở Y tế')], submissions: [], sets: registry });
    await writeRecognitionList(response, file);
    const sheet = await load(file);
    expect(sheet.getCell('A6').value).toBeNull();
    expect(sheet.getCell('A7').value).toBe('Chưa có đơn vị nào đủ điều kiện đề nghị công nhận.');
    expect(sheet.getCell('A8').value).toBe('Số đơn vị đủ điều kiện (0) thấp hơn chỉ tiêu tối thiểu 3 đơn vị/năm.');
    expect((await readFile(file)).length).toBeGreaterThan(0);
  });
});
