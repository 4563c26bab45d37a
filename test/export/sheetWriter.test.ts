/**
 * The exports' workbook writing through exceljs's streaming writer: text stays text (with Excel's
 * quote prefix where it could become a formula), what XML cannot carry is dropped, numbers and
 * dates are values, the package is one Excel accepts; row heights and print scales as planned.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { columnPoints, printPlan, putCell, writeWorkbook } from '../../server/export/sheetWriter';
import { wrappedLines } from '../../server/export/xlsxLayout';
import { checkPackage, zipEntries } from './zip';

async function bytesOf(build: (book: ExcelJS.stream.xlsx.WorkbookWriter) => void): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  await writeWorkbook(output, build);
  return Buffer.concat(chunks);
}

describe('sheet writer', () => {
  it('keeps text as text with the quote prefix where Excel would see a formula, drops what XML cannot carry, writes numbers and dates as values', async () => {
    const style = { font: { name: 'Times New Roman', size: 10 } };
    const dated = { numFmt: 'dd/mm/yyyy hh:mm' };
    const bytes = await bytesOf((book) => {
      const sheet = book.addWorksheet('Thử');
      const row = sheet.getRow(1);
      putCell(row, 1, '=1+1', style);
      putCell(row, 2, 'a\u0001b\uFFFE <&> "q" 😀', style);
      putCell(row, 3, 'x'.repeat(40_000), style);
      putCell(row, 4, '+84 912', style);
      putCell(row, 5, '-Phường 1', style);
      putCell(row, 6, '@Ban', style);
      putCell(row, 7, 'Sở Y tế', style);
      row.commit();
      const second = sheet.getRow(3);
      putCell(second, 1, 2.5, style);
      putCell(second, 2, Number.NaN, style);
      putCell(second, 3, new Date('2026-11-10T09:00:00Z'), dated);
      second.commit();
      sheet.commit();
    });
    await checkPackage(bytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet('Thử')!;
    const prefixed = (address: string) => (ws.getCell(address).style as { quotePrefix?: boolean }).quotePrefix === true;
    expect(ws.getCell('A1').value).toBe('=1+1');
    expect(ws.getCell('A1').type).toBe(ExcelJS.ValueType.String);
    expect(['A1', 'D1', 'E1', 'F1'].map(prefixed)).toEqual([true, true, true, true]);
    expect(['B1', 'C1', 'G1'].map(prefixed)).toEqual([false, false, false]);
    expect(ws.getCell('A1').font?.name).toBe('Times New Roman');
    expect(ws.getCell('B1').value).toBe('ab <&> "q" 😀');
    expect(String(ws.getCell('C1').value)).toHaveLength(32_767);
    expect(ws.getCell('A3').value).toBe(2.5);
    expect(ws.getCell('B3').value).toBeNull();
    expect(ws.getCell('C3').value).toEqual(new Date('2026-11-10T09:00:00Z'));
    const parts = await zipEntries(bytes);
    for (const [name, xml] of parts) if (name.startsWith('xl/worksheets/')) expect(xml).not.toMatch(/<f[ >]/u);
    const styles = parts.get('xl/styles.xml')!;
    expect(styles).toMatch(/<xf [^>]*quotePrefix="1"/u);
    // The default font, in whose digit width columns are measured, has a substitute everywhere.
    expect(styles).toMatch(/<fonts[^>]*><font><family val="1"\/><sz val="11"\/><name val="Times New Roman"\/>/u);
  });

  it('estimates wrapped lines word by word, breaking words longer than a line', () => {
    expect(wrappedLines('Sở Y tế', 10, 1)).toBe(1);
    expect(wrappedLines('Nộp muộn 5 ngày', 10, 1)).toBe(2);
    expect(wrappedLines('Tiêu chí cứng 5 đạt 4/5 điểm.\nTiêu chí cứng 8 đạt 4,5/5 điểm.', 40, 1)).toBe(2);
    expect(wrappedLines('=HYPERLINK("http://example.invalid/x","Bấm vào đây")', 25, 1)).toBe(3);
    expect(wrappedLines('x'.repeat(25), 10, 1)).toBe(3);
  });

  it('plans the largest print scale that fits the pages across, never below the minimum', () => {
    const widths = [5, 26, 11, 16, 7, 10, 11, 12, 36, 10, 8, 8, 8, 8, 8, 15, 11, 11, 16];
    const total = widths.map(columnPoints).reduce((a, b) => a + b, 0);
    const a3 = printPlan(widths, 2, 1190.55 - 57.6, 1, 80);
    expect(a3.pagesWide).toBe(1);
    expect(total * (a3.scale / 100)).toBeLessThanOrEqual(1190.55 - 57.6);
    expect(total * ((a3.scale + 1) / 100)).toBeGreaterThan(1190.55 - 57.6);
    const a4 = printPlan(widths, 2, 841.89 - 57.6, 2, 80);
    expect(a4).toMatchObject({ pagesWide: 2 });
    expect(a4.firstPageLastColumn).toBeGreaterThan(2);
    expect(a4.firstPageLastColumn).toBeLessThan(widths.length);
    // Too wide for one page at the minimum: more pages, never a smaller scale.
    expect(printPlan(Array(60).fill(10), 2, 784, 1, 80)).toMatchObject({ scale: 80 });
    expect(printPlan(Array(60).fill(10), 2, 784, 1, 80).pagesWide).toBeGreaterThan(1);
  });
});
