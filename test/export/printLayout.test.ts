/**
 * The exports as printed: LibreOffice (an independent reader) renders the consolidated workbook and
 * the recognition list to PDF; the pages' size and orientation, and every text whole on its line,
 * are read back from the PDF.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitsResponse } from '../../shared/api/schemas';
import { writeConsolidatedWorkbook } from '../../server/export/consolidatedWorkbook';
import { writeRecognitionList } from '../../server/export/recognitionList';
import { registry } from '../consolidation/fixtures';
import { renderPdfs, type RenderedPdf } from '../support/libreoffice';
import { sampleResponse } from './fixtures';

const A3_LANDSCAPE = { width: 1190.55, height: 841.89 };
const A4_LANDSCAPE = { width: 841.89, height: 595.3 };
const A4_PORTRAIT = { width: 595.3, height: 841.89 };

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
  await writeRecognitionList(response, file('danh-sach.xlsx'), registry, { submissionNumber: '125/TTr-CAT' });
  rendered = await renderPdfs([file('tong-hop-a3.xlsx'), file('tong-hop-a4.xlsx'), file('danh-sach.xlsx')], dir);
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
    expect(text).toContain('(chấm theo điểm)');
    expect(text).toContain('(chấm Đạt/Chưa đạt)');
    expect(text).toContain('Đạt 6/6 tiêu');
    expect(text).toContain('Tổng cộng: 5 đơn vị.');
  });
});
