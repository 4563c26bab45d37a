/**
 * Every advice to save a file again as .xlsx that a unit can read — on the unit page, from the
 * workbook reader, from the intake — says how in Excel, LibreOffice and WPS, in one wording: a
 * clerk with LibreOffice is not told only Excel's menu.
 */
import { describe, expect, it } from 'vitest';
import { msg } from '../../server/app/messages';
import { viPortal } from '../../server/portal/i18n/vi';
import { xlsxText } from '../../server/xlsx/messages';
import { SAVE_AS_XLSX, viRead } from '../../shared/i18n/vi';

const ADVICE: [string, string][] = [
  ['unit page: a file that is not .xlsx', viPortal.uploadNotXlsx('bang-cham-diem.ods')],
  ['reader: .xls', xlsxText.legacyXls],
  ['reader: .ods', xlsxText.ods],
  ['reader: .xlsb', xlsxText.xlsb],
  ['reader: not a spreadsheet', xlsxText.notZip],
  ['reader: cut short', xlsxText.truncated],
  ['reader: broken part', xlsxText.partBroken('xl/workbook.xml')],
  ['reader: missing part', xlsxText.missingPart('xl/workbook.xml')],
  ['reader: missing sheet', xlsxText.missingSheetPart('Chấm điểm')],
  ['reader: broken XML', xlsxText.xmlBroken('xl/worksheets/sheet3.xml', 'unclosed tag')],
  ['reader: lost string', xlsxText.sharedStringMissing(4)],
  ['reader: not the form', viRead.notScoringWorkbook],
  ['intake: an empty file', msg.emptyFile],
];

describe('advice to save as .xlsx', () => {
  it('names the three programs', () => {
    expect(SAVE_AS_XLSX).toBe('Excel: Tệp › Lưu thành, chọn kiểu "Sổ làm việc Excel (.xlsx)"; LibreOffice: Tệp › Lưu thành…, chọn kiểu "Excel 2007-365 (.xlsx)"; WPS: Tệp › Lưu thành, chọn kiểu .xlsx');
  });

  it.each(ADVICE)('%s: in the one wording', (_where, message) => {
    expect(message).toContain(SAVE_AS_XLSX);
  });

  it('nothing a unit reads sends it to Excel alone', () => {
    // Each sentence with made-up arguments: a list for the one that takes sheet names, text otherwise.
    const said = (m: string | ((...a: never[]) => string)): string => {
      if (typeof m === 'string') return m;
      const call = m as (...a: unknown[]) => string;
      try {
        return call('1', '1', '1');
      } catch {
        return call(['1'], '1');
      }
    };
    const everything = [...Object.values(xlsxText), ...Object.values(viRead)].map(said).concat(viPortal.uploadNotXlsx('a.xls'), viPortal.workbookHint);
    for (const message of everything) {
      if (/Excel/u.test(message) && /lưu|Lưu/u.test(message) && !/mật khẩu/u.test(message)) expect(message, message).toMatch(/LibreOffice/u);
    }
  });
});
