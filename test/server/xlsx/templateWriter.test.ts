import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { defaultCriteriaSets } from '../../../shared/criteria/defaults';
import { buildTemplate } from '../../../shared/workbook/template';
import { decimalStepFormula, writeTemplateWorkbook } from '../../../server/xlsx/templateWriter';
import { sheetReference } from '../../../shared/workbook/a1';
import { DECIMAL_HINT } from '../../../shared/i18n/vi';
import { makeWorkbookBytes } from '../../support/workbooks';
import { fullFill } from '../../support/fill';

const sets = defaultCriteriaSets();
const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const antt = sets.find((s) => s.id === 'an-toan-antt-co-so-giao-duc')!;

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('template writer', () => {
  it('writes every defined name of the model at workbook scope, exactly as the model says', async () => {
    const model = buildTemplate(coQuan, { year: 2026 });
    const workbook = await load(await writeTemplateWorkbook(coQuan, { year: 2026 }));
    const written = Object.fromEntries(
      (workbook.definedNames.model as { name: string; ranges: string[] }[]).map((n) => [n.name, n.ranges]),
    );
    for (const [name, { sheet, range }] of Object.entries(model.names)) {
      expect(written[name], name).toEqual([sheetReference(sheet, range)]);
    }
    expect(written.DH_BangChamDiem).toEqual(["'Chấm điểm'!$A$4:$G$16"]);
    expect(workbook.getWorksheet('Thông tin đơn vị')!.getCell('B9').value).toBe(2026);
  });

  it('puts a step-checking validation on every score cell and list validations on choices', async () => {
    const workbook = await load(await writeTemplateWorkbook(coQuan));
    const scores = workbook.getWorksheet('Chấm điểm')!;
    coQuan.criteria.forEach((criterion, i) => {
      const address = `F${5 + i}`;
      expect(scores.getCell(address).dataValidation).toMatchObject({
        type: 'custom', allowBlank: true, showErrorMessage: true,
        formulae: [`AND(ISNUMBER(${address}),${address}>=0,${address}<=${criterion.maxPoints},MOD(${address}*2,1)=0)`],
      });
    });
    expect(workbook.getWorksheet('Thông tin đơn vị')!.getCell('B4').dataValidation).toMatchObject({
      type: 'list', formulae: ['"Cơ quan,Doanh nghiệp,Cơ sở giáo dục"'],
    });
    expect(workbook.getWorksheet('Thông tin đơn vị')!.getCell('B9').dataValidation).toMatchObject({ type: 'whole', formulae: [2020, 2100] });
    expect(workbook.getWorksheet('Hồ sơ')!.getCell('C5').dataValidation).toMatchObject({ type: 'list', formulae: ['"Có,Chưa có"'] });
    // A decimal typed with the other separator is text, which the check refuses: its message says how to type it.
    expect(scores.getCell('F5').dataValidation).toMatchObject({ promptTitle: 'Hướng dẫn nhập', error: expect.stringContaining(DECIMAL_HINT) });
  });

  it("tells the clerk how to type decimals, and a draft set's status in words for the unit, not the province's note", async () => {
    const guide = (await load(await writeTemplateWorkbook(coQuan))).getWorksheet('Hướng dẫn')!;
    const text = guide.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    expect(text.some((line) => line.includes(DECIMAL_HINT))).toBe(true);
    expect(text.join('\n')).not.toMatch(/4,5 hoặc 4\.5|Công an tỉnh thay tệp này|dien-hinh soạn tạm|phần bổ trợ dien-hinh/u);
    expect(text).toContain('Lưu ý: đây là bộ tiêu chí dự thảo, chưa phải văn bản chính thức. Khi có văn bản chính thức, Công an tỉnh sẽ gửi bảng chấm điểm mới.');
  });

  it('a pass-fail set gets a list of Đạt / Chưa đạt on its result cells', async () => {
    const workbook = await load(await writeTemplateWorkbook(antt));
    const sheet = workbook.getWorksheet('Chấm điểm')!;
    expect(sheet.getCell('F4').value).toBe('Kết quả tự đánh giá');
    expect(sheet.getCell('F5').dataValidation).toMatchObject({ type: 'list', formulae: ['"Đạt,Chưa đạt"'] });
    // It has no hard criterion: no row counting hard criteria below the maximum; the verdict follows the required count.
    const labels = sheet.getColumn('C').values.filter((v): v is string => typeof v === 'string');
    expect(labels).not.toContain('Số tiêu chí cứng chưa đạt điểm tối đa');
    const last = 4 + antt.criteria.length;
    expect(sheet.getCell(`C${last + 3}`).value).toBe('Tự đánh giá (tính lại khi nộp)');
    expect(sheet.getCell(`F${last + 3}`).value).toMatchObject({ formula: `IF(COUNTBLANK(F5:F${last})>0,"Chưa chấm đủ",IF(F${last + 1}>=${antt.criteria.length},"Đạt","Chưa đạt"))` });
    // A points set with hard criteria keeps the row, which its verdict uses.
    const points = (await load(await writeTemplateWorkbook(coQuan))).getWorksheet('Chấm điểm')!;
    expect(points.getCell('C19').value).toBe('Số tiêu chí cứng chưa đạt điểm tối đa');
    expect(points.getCell('F20').value).toMatchObject({ formula: expect.stringContaining('F19=0') });
  });

  it('formats, totals and prints the scoring sheet as the model says', async () => {
    const workbook = await load(await writeTemplateWorkbook(coQuan));
    const sheet = workbook.getWorksheet('Chấm điểm')!;
    expect(sheet.getCell('F17').value).toMatchObject({ formula: 'SUM(F5:F16)' });
    // A computed scale rather than fit-to-width, which LibreOffice ignores (test/export/printLayout.test.ts).
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: false, printTitlesRow: '4:4', printArea: 'A1:G20' });
    expect(sheet.pageSetup.scale).toBeGreaterThanOrEqual(73);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.getCell('A4').font).toMatchObject({ name: 'Times New Roman', bold: true });
    expect(sheet.getCell('F5').protection).toMatchObject({ locked: false });
    const formats = (sheet as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings;
    expect(formats).toHaveLength(1);
    expect(formats[0]).toMatchObject({ ref: 'F5:F16', rules: [{ type: 'expression', formulae: ['AND($D5="x",ISNUMBER(F5),F5<$E5)'] }] });
  });

  it('protects the criteria-set sheet without a password and hides its JSON column', async () => {
    const workbook = await load(await writeTemplateWorkbook(coQuan));
    const sheet = workbook.getWorksheet('Bộ tiêu chí')!;
    expect((sheet as unknown as { sheetProtection: unknown }).sheetProtection).toEqual({ sheet: true });
    expect(sheet.getColumn(10).hidden).toBe(true);
    expect(String(sheet.getCell('J1').value)).toContain('"id":"dien-hinh-co-quan-du-thao"');
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Hướng dẫn', 'Thông tin đơn vị', 'Chấm điểm', 'Hồ sơ', 'Bộ tiêu chí']);
  });

  it('types a fill into the named cells', async () => {
    const workbook = await load(await makeWorkbookBytes(coQuan, fullFill(coQuan)));
    expect(workbook.getWorksheet('Thông tin đơn vị')!.getCell('B3').value).toBe('Văn phòng UBND tỉnh Đồng Tháp');
    expect(workbook.getWorksheet('Chấm điểm')!.getCell('F12').value).toBe(5);
    expect(workbook.getWorksheet('Hồ sơ')!.getCell('C4').value).toBe('Có');
  });

  it('builds validation formulas for whole and uneven steps', () => {
    expect(decimalStepFormula('F5', 0, 4, 0.5)).toBe('AND(ISNUMBER(F5),F5>=0,F5<=4,MOD(F5*2,1)=0)');
    expect(decimalStepFormula('F5', 0, 1, 1)).toBe('AND(ISNUMBER(F5),F5>=0,F5<=1,MOD(F5*1,1)=0)');
    expect(decimalStepFormula('F5', 0, 3, 0.3)).toBe('AND(ISNUMBER(F5),F5>=0,F5<=3,ABS(ROUND(F5/0.3,0)*0.3-F5)<0.000001)');
  });
});
