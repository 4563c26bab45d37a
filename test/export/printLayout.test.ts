/**
 * The exports and the scoring template as printed: LibreOffice (an independent reader) renders the
 * consolidated workbook, the recognition list and the template to PDF; the pages' size and
 * orientation, and every text whole, are read back from the PDF.
 */
import ExcelJS from 'exceljs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitsResponse } from '../../shared/api/schemas';
import { writeConsolidatedWorkbook } from '../../server/export/consolidatedWorkbook';
import { writeRecognitionList } from '../../server/export/recognitionList';
import { writeTemplateWorkbook } from '../../server/xlsx/templateWriter';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { registry } from '../consolidation/fixtures';
import { renderPdfs, type RenderedPdf } from '../support/libreoffice';
import { sampleResponse } from './fixtures';

const A3_LANDSCAPE = { width: 1190.55, height: 841.89 };
const A4_LANDSCAPE = { width: 841.89, height: 595.3 };
const A4_PORTRAIT = { width: 595.3, height: 841.89 };

const coQuanSet = defaultCriteriaSets().find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
let dir: string;
let response: UnitsResponse;
let rendered: Map<string, RenderedPdf>;
const file = (name: string) => path.join(dir, name);

/** Sở Tư pháp sent neither a tờ trình nor a biên bản: two "Chưa có" in its row. */
async function withMissingDossier(): Promise<UnitsResponse> {
  const r = await sampleResponse({ mixedSets: true });
  const tuPhap = r.units.find((u) => u.unit.name === 'Sở Tư pháp')!;
  const dossier = tuPhap.result!.dossier as Record<string, boolean>;
  const items = Object.keys(dossier);
  dossier[items[1]!] = false;
  dossier[items[2]!] = false;
  return r;
}

function near(page: { width: number; height: number }, expected: { width: number; height: number }): boolean {
  return Math.abs(page.width - expected.width) < 1 && Math.abs(page.height - expected.height) < 1;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dh-print-'));
  response = await withMissingDossier();
  await writeConsolidatedWorkbook(response, registry, file('tong-hop-a3.xlsx'));
  await writeConsolidatedWorkbook(response, registry, file('tong-hop-a4.xlsx'), { paper: 'A4' });
  await writeRecognitionList(response, file('danh-sach.xlsx'), registry, { submissionNumber: '125/TTr-CAT', includePending: true });
  await writeFile(file('mau.xlsx'), await writeTemplateWorkbook(coQuanSet, { year: 2026 }));
  rendered = await renderPdfs([file('tong-hop-a3.xlsx'), file('tong-hop-a4.xlsx'), file('danh-sach.xlsx'), file('mau.xlsx')], dir);
}, 240_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('exports as LibreOffice prints them', () => {
  it('the consolidated workbook prints on A3 landscape, each sheet one page across, nothing cut', () => {
    const pdf = rendered.get(file('tong-hop-a3.xlsx'))!;
    // Four sheets of a few rows: one page each.
    expect(pdf.pages).toHaveLength(4);
    for (const page of pdf.pages) expect(near(page, A3_LANDSCAPE), JSON.stringify(page)).toBe(true);
    const main = pdf.text[0]!;
    for (const header of ['Tên đơn vị', 'Kết quả', 'Lý do', 'Thời điểm nộp', 'Tình trạng hạn nộp']) expect(main).toContain(header);
    for (const unit of response.units) expect(main).toContain(unit.unit.name.slice(0, 12));
    // "Chưa có" whole on one line (not wrapped, not cut), once per missing item.
    expect(main.match(/Chưa có/gu)).toHaveLength(2);
    expect(main).toContain('10/11/2026 09:00');
    expect(main).not.toContain('###');
  });

  it('on A4 the wide sheet splits into two pages across, the unit columns and the header on both', () => {
    const pdf = rendered.get(file('tong-hop-a4.xlsx'))!;
    for (const page of pdf.pages) expect(near(page, A4_LANDSCAPE), JSON.stringify(page)).toBe(true);
    const [first, second] = pdf.text;
    for (const page of [first!, second!]) {
      expect(page).toContain('STT');
      expect(page).toContain('Tên đơn vị');
      expect(page).toContain('Sở Tư pháp');
      expect(page).toContain('Xã Đông Hòa');
    }
    expect(first).toContain('Kết quả');
    expect(second).toContain('Thời điểm nộp');
    expect(second).toContain('(tiếp theo)');
    expect(`${first}${second}`.match(/Chưa có/gu)).toHaveLength(2);
    expect(second).not.toContain('###');
  });

  it('the recognition list prints on A4 portrait with its sections', () => {
    const pdf = rendered.get(file('danh-sach.xlsx'))!;
    expect(pdf.pages).toHaveLength(1);
    expect(near(pdf.pages[0]!, A4_PORTRAIT)).toBe(true);
    const text = pdf.text[0]!;
    expect(text).toContain('(Kèm theo Tờ trình số 125/TTr-CAT)');
    expect(text).toContain('xếp theo tổng điểm');
    expect(text).toContain('giá đạt/không đạt, xếp theo tên');
    expect(text).toContain('Đạt 6/6 tiêu');
    expect(text).toContain('Tổng cộng: 5 đơn vị.');
  });

  it('the scoring template prints whole: every sheet one page across, every instruction and criterion text complete, print areas set', async () => {
    const pdf = rendered.get(file('mau.xlsx'))!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file('mau.xlsx'));
    // One page across per sheet: as many pages as the sheets need down, no page holding only cut-off columns.
    for (const page of pdf.pages) expect(near(page, A4_PORTRAIT) || near(page, A4_LANDSCAPE), JSON.stringify(page)).toBe(true);
    const words = (text: string) => text.normalize('NFC').split(/\s+/u).filter(Boolean);
    const printed = new Set(words(pdf.text.join(' ')));
    const guide = workbook.getWorksheet('Hướng dẫn')!;
    const sheets = [guide, workbook.getWorksheet('Chấm điểm')!, workbook.getWorksheet('Hồ sơ')!];
    for (const sheet of sheets) {
      expect(sheet.pageSetup.printArea, sheet.name).toMatch(/^\$?A\$?1:\$?[A-Z]+\$?\d+$/u);
      expect(sheet.pageSetup.fitToPage).toBe(false);
      sheet.eachRow((row) => row.eachCell((cell) => {
        if (typeof cell.value !== 'string' || !cell.alignment?.wrapText) return;
        // Every word of every wrapped text is on paper: none cut at the page's edge or a row's bottom.
        for (const word of words(cell.value)) expect(printed.has(word), `${sheet.name}!${cell.address}: "${word}" of "${cell.value}"`).toBe(true);
      }));
    }
    for (const criterion of coQuanSet.criteria) for (const word of words(criterion.title)) expect(printed.has(word), `${criterion.number}: ${word}`).toBe(true);
    // Rows are as tall as their wrapped text: the longest criterion text takes more than one line.
    const scores = workbook.getWorksheet('Chấm điểm')!;
    let tallest = 0;
    scores.eachRow((row) => { tallest = Math.max(tallest, row.height ?? 0); });
    expect(tallest).toBeGreaterThanOrEqual(2 * 16);
    // The guide's first page is portrait and its text is not spread over a second page across.
    expect(near(pdf.pages[0]!, A4_PORTRAIT)).toBe(true);
    // The last step, wrapped over two lines, printed whole on that page.
    const guideText = pdf.text[0]!.replace(/\s+/gu, ' ');
    expect(guideText).toContain('7. Nộp tệp này cho Công an tỉnh trên trang dành cho đơn vị');
    expect(guideText).toContain('hoặc gửi thư điện tử kèm tệp.');
  });
});
