import { describe, expect, it } from 'vitest';
import { decodeCell, parseAreaReference } from '../../../server/xlsx/references';

describe('defined-name references', () => {
  it('reads quoted, unquoted, absolute and relative references', () => {
    expect(parseAreaReference("'Chấm điểm'!$A$4:$G$16")).toEqual({ sheet: 'Chấm điểm', top: 4, left: 1, bottom: 16, right: 7 });
    expect(parseAreaReference('Sheet1!B3')).toEqual({ sheet: 'Sheet1', top: 3, left: 2, bottom: 3, right: 2 });
    expect(parseAreaReference("'O''Brien''s'!$b$2:a1")).toEqual({ sheet: "O'Brien's", top: 1, left: 1, bottom: 2, right: 2 });
    expect(parseAreaReference("  'Hồ sơ'!$A$3:$E$7 ")).toMatchObject({ sheet: 'Hồ sơ', bottom: 7 });
  });

  it('refuses what is not one area of one sheet', () => {
    for (const text of ['#REF!', "'Chấm điểm'!#REF!", "'Chấm điểm'!$4:$4", "'Chấm điểm'!$A:$A", 'Sheet1!A1,Sheet1!B2', '[1]Sheet1!$A$1', 'SUM(A1:A3)', 'A1', "'Chấm điểm'!$A$1:$XFE$2", 'Sheet1!A0']) {
      expect(parseAreaReference(text), text).toBeUndefined();
    }
  });

  it('decodes cell references in any case, with or without $', () => {
    expect(decodeCell('F5')).toEqual({ row: 5, col: 6 });
    expect(decodeCell('$xfd$1048576')).toEqual({ row: 1048576, col: 16384 });
    expect(decodeCell('AA10')).toEqual({ row: 10, col: 27 });
    expect(decodeCell('F')).toBeUndefined();
    expect(decodeCell('5')).toBeUndefined();
    expect(decodeCell('F5x')).toBeUndefined();
  });
});
