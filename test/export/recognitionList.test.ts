import ExcelJS from 'exceljs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolidate } from '../../shared/consolidation/consolidate';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { writeRecognitionList } from '../../server/export/recognitionList';
import { writeConsolidatedWorkbook } from '../../server/export/consolidatedWorkbook';
import { requestData } from '../../server/documents/data';
import { defaultDocumentSettings } from '../../shared/documents/settings';
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
  it('lists eligible units per criteria set, points ranked by total, a pass-fail set apart; attached to a tờ trình only when its number is known', async () => {
    const file = path.join(dir, 'danh-sach.xlsx');
    // A draft with the units still waiting for review (only Sở Y tế is approved), each marked.
    await writeRecognitionList(await sampleResponse({ mixedSets: true }), file, registry, { submissionNumber: '125/TTr-CAT', includePending: true });
    const sheet = await load(file);
    expect(sheet.getCell('A1').value).toBe('DANH SÁCH');
    expect(sheet.getCell('A2').value).toBe('ĐƠN VỊ ĐỀ NGHỊ CÔNG NHẬN ĐIỂN HÌNH VỀ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2026');
    expect(sheet.getCell('A3').value).toBe('(Kèm theo Tờ trình số 125/TTr-CAT)');
    expect(values(sheet, 5)).toEqual(['STT', 'Tên đơn vị', 'Loại', 'Thuộc xã/phường', 'Kết quả chấm', 'Ghi chú']);
    expect(String(sheet.getCell('A6').value)).toMatch(/^1\. Bộ tiêu chí dự thảo: cơ quan, doanh nghiệp, cơ sở giáo dục .* — xếp theo tổng điểm$/u);
    const rows = [7, 8, 9, 10].map((r) => values(sheet, r));
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      [1, HOSTILE_NAME, 50], [2, 'Sở Y tế', 50], [3, 'Công ty Cấp nước Đồng Tháp', 49.5], [4, 'Trường THPT Vĩnh Thuận', 47],
    ]);
    expect(String(sheet.getCell('A11').value)).toMatch(/^2\. Bộ tiêu chí dự thảo: xã, phường.* — đánh giá đạt\/không đạt, xếp theo tên$/u);
    // The pass-fail xã is never ranked among point totals: its own section, criteria met, no points.
    expect(values(sheet, 12).slice(0, 5)).toEqual([1, 'Xã Đông Hòa', 'Xã', 'Huyện Cao Lãnh', 'Đạt 6/6 tiêu chí']);
    expect(sheet.getCell('B7').type).toBe(ExcelJS.ValueType.String);
    expect((sheet.getCell('B7').style as { quotePrefix?: boolean }).quotePrefix).toBe(true);
    expect(rows[1]![5]).toBe('50/50 điểm; Hồ sơ: đã duyệt; Chấm theo bộ tiêu chí dự thảo');
    expect(rows[2]![5]).toBe('CHỜ DUYỆT (dự thảo: chưa được đề nghị); 49,5/50 điểm; Nộp muộn 5 ngày; Hồ sơ chưa được duyệt; Chấm theo bộ tiêu chí dự thảo');
    expect(rows[3]![5]).toMatch(/^CHỜ DUYỆT \(dự thảo: chưa được đề nghị\); 47\/50 điểm; Theo điểm thẩm định;/u);
    expect(values(sheet, 12)[5]).toMatch(/^CHỜ DUYỆT \(dự thảo: chưa được đề nghị\); Đạt 6\/6 tiêu chí;/u);
    expect(sheet.getCell('E9').numFmt).toBe('0.0');
    expect(sheet.getCell('E7').numFmt).toBe('0');
    expect(sheet.getCell('A14').value).toBe('Tổng cộng: 5 đơn vị.');
    expect(sheet.getCell('A15').value).toBeNull();
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', printTitlesRow: '5:5' });
    // 13 pt text printed at the sheet's scale stays at 8 pt or more.
    expect(13 * (sheet.pageSetup.scale! / 100)).toBeGreaterThanOrEqual(8);
  });

  it('heads and numbers each section as the tờ trình and the quyết định do: the same titles, no version or slug, each from 1', async () => {
    const response = await sampleResponse({ mixedSets: true });
    const file = path.join(dir, 'as-word.xlsx');
    await writeRecognitionList(response, file, registry, { includePending: true });
    const sheet = await load(file);
    const rows = sheet.getSheetValues().slice(6).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    // The Word documents' sections, from what fills their templates.
    const word = requestData({ response, settings: defaultDocumentSettings(), sets: registry, today: NOW, includePending: true }).sections;
    const headings = rows.filter((r) => typeof r[0] === 'string' && !r[0].startsWith('Tổng cộng'));
    expect(headings.map((r) => r[0])).toEqual(word.map((section) => section.title));
    expect(headings.map((r) => String(r[0])).join(' ')).not.toMatch(/phiên bản|du-thao|chấm theo điểm/u);
    const numbered = rows.filter((r) => typeof r[0] === 'number').map((r) => [r[0], r[1]]);
    expect(numbered).toEqual(word.flatMap((section) => section.units.map((u) => [u.no, u.name])));
    expect(word.map((section) => section.units[0]!.no)).toEqual([1, 1]);
  });

  it('says a late file came after the lock day, in the list and in the consolidated workbook alike', async () => {
    const response = await sampleResponse();
    const late = response.units.find((u) => u.unit.name === 'Công ty Cấp nước Đồng Tháp')!;
    const final = late.stages.find((stage) => stage.stage === 'final')!;
    expect(final).toMatchObject({ status: 'late', daysLate: 5 });
    final.afterLock = true;
    const list = path.join(dir, 'sau-han-khoa.xlsx');
    await writeRecognitionList(response, list, registry, { includePending: true });
    const listed = await load(list);
    let notes = '';
    listed.eachRow((row) => { notes += `${String(row.getCell(6).value)}\n`; });
    expect(notes).toContain('Nộp muộn 5 ngày (sau hạn khoá)');
    const consolidated = path.join(dir, 'tong-hop-sau-han-khoa.xlsx');
    await writeConsolidatedWorkbook(response, registry, consolidated);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(consolidated);
    let timing = '';
    workbook.getWorksheet('Bảng tổng hợp')!.eachRow((row) => row.eachCell((cell) => { timing += `${String(cell.value)}\n`; }));
    expect(timing).toContain('Nộp muộn 5 ngày (sau hạn khoá)');
  });

  it('without a tờ trình number, does not claim to be attached to one', async () => {
    const file = path.join(dir, 'no-number.xlsx');
    await writeRecognitionList(await sampleResponse(), file, registry, { includePending: true });
    const sheet = await load(file);
    expect(sheet.getCell('A3').value).toBeNull();
    let text = '';
    sheet.eachRow((row) => row.eachCell((c) => { text += `${String(c.value)}\n`; }));
    expect(text).not.toContain('Kèm theo');
    // One criteria set on points: no section title, the units right under the header.
    expect(values(sheet, 6)[1]).toBe(HOSTILE_NAME);
  });

  it('lists each criteria set in its own section, approved units only unless a draft asks for pending ones, marked', async () => {
    const response = await sampleResponse({ mixedSets: true });
    const approvedOnly = path.join(dir, 'approved.xlsx');
    await writeRecognitionList(response, approvedOnly, registry);
    const approved = await load(approvedOnly);
    // Only Sở Y tế's final report is approved: one points section, no title, no pending mark.
    expect(approved.getCell('B6').value).toBe('Sở Y tế');
    expect(String(approved.getCell('F6').value)).not.toContain('CHỜ DUYỆT');
    expect(approved.getCell('B7').value).toBeNull();

    const draft = path.join(dir, 'draft.xlsx');
    await writeRecognitionList(response, draft, registry, { includePending: true });
    const sheet = await load(draft);
    const rows = sheet.getSheetValues().slice(6).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    const titles = rows.map((r) => String(r[0] ?? '')).filter((t) => /^\d+\. /u.test(t));
    // A pass-fail set and a points set: two sections, never one ranking.
    expect(titles).toHaveLength(2);
    expect(titles.some((t) => t.includes('đánh giá đạt/không đạt'))).toBe(true);
    const pendingRow = rows.find((r) => r[1] === 'Xã Đông Hòa');
    expect(String(pendingRow?.[5])).toContain('CHỜ DUYỆT');
    const approvedRow = rows.find((r) => r[1] === 'Sở Y tế');
    expect(String(approvedRow?.[5])).not.toContain('CHỜ DUYỆT');
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
