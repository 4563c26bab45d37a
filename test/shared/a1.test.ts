/**
 * Excel's A1 references, date serials and Vietnam's wall clock, once in the shared core: examples
 * from what Excel, LibreOffice and Office.js write, and round-trip properties over arbitrary input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vietnamDate, vietnamWallClock } from '../../shared/deadlines/vietnamTime';
import {
  cellAddress, columnLetters, columnNumber, MAX_COLUMN, MAX_ROW, parseCellAddress, parseSheetArea, quoteSheetName, sheetReference,
} from '../../shared/workbook/a1';
import { dateToSerial, DAYS_1904, plainSerialToSystem, serialToDate } from '../../shared/workbook/excelDate';
import { dateText } from '../../shared/workbook/interpret';

const RUNS = { numRuns: 300 };
const column = fc.integer({ min: 1, max: MAX_COLUMN });
const row = fc.integer({ min: 1, max: MAX_ROW });
/** Sheet names Excel allows: 1 to 31 characters, none of : \ / ? * [ ], not starting or ending with an apostrophe. */
const sheetName = fc.string({ minLength: 1, maxLength: 31, unit: fc.oneof(fc.constantFrom('a', 'Z', '1', '_', '.', ' ', "'", '!', ',', 'ấ', 'đ', '(', '-', '=', ';'), fc.integer({ min: 32, max: 0x2fff }).map((code) => String.fromCharCode(code))) })
  .filter((s) => !/[:\\/?*[\]]/u.test(s) && !s.startsWith("'") && !s.endsWith("'") && s.trim() !== '');

describe('column letters and cell addresses', () => {
  it('names the columns as Excel does', () => {
    expect([1, 26, 27, 52, 53, 702, 703, MAX_COLUMN].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(columnNumber('xfd')).toBe(MAX_COLUMN);
    expect(columnNumber('XFE')).toBeUndefined();
    expect(columnNumber('AAAA')).toBeUndefined();
    expect(columnNumber('')).toBeUndefined();
    expect(columnNumber('A1')).toBeUndefined();
  });

  it('reads cell references in any case, with or without $, inside the grid only', () => {
    expect(parseCellAddress('F5')).toEqual({ row: 5, col: 6 });
    expect(parseCellAddress('$xfd$1048576')).toEqual({ row: MAX_ROW, col: MAX_COLUMN });
    expect(parseCellAddress('AA10')).toEqual({ row: 10, col: 27 });
    for (const text of ['F', '5', 'F5x', 'A0', 'XFE1', 'A1048577', '$$A1', 'A$$1', 'A1$', ' A1', 'ABCD1', 'A12345678', '', 'Ä1']) {
      expect(parseCellAddress(text), text).toBeUndefined();
    }
  });

  it('columnLetters and columnNumber are inverse over the grid', () => {
    fc.assert(fc.property(column, (col) => columnNumber(columnLetters(col)) === col), RUNS);
  });

  it('cellAddress and parseCellAddress are inverse, with $ and in lower case too', () => {
    fc.assert(fc.property(row, column, fc.boolean(), fc.boolean(), (r, c, absolute, lower) => {
      let text = cellAddress(r, c);
      if (absolute) text = text.replace(/^([A-Z]+)(\d+)$/u, '$$$1$$$2');
      if (lower) text = text.toLowerCase();
      expect(parseCellAddress(text)).toEqual({ row: r, col: c });
    }), RUNS);
  });
});

describe('sheet names in references', () => {
  it('quotes as Excel does: plain identifier-like names stay, others and reference-like ones are quoted', () => {
    expect(quoteSheetName('Sheet1')).toBe('Sheet1');
    expect(quoteSheetName('Data_2026.v2')).toBe('Data_2026.v2');
    expect(quoteSheetName('Chấm điểm')).toBe("'Chấm điểm'");
    expect(quoteSheetName("O'Brien sheet")).toBe("'O''Brien sheet'");
    expect(quoteSheetName('2026')).toBe("'2026'");
    for (const like of ['A1', 'xfd1048576', 'R', 'c', 'R2C3', 'R1', 'C12']) expect(quoteSheetName(like), like).toBe(`'${like}'`);
    expect(sheetReference('Hồ sơ', '$A$3:$E$7')).toBe("'Hồ sơ'!$A$3:$E$7");
  });

  it('reads one area of one sheet as Excel, LibreOffice and Office.js write it', () => {
    expect(parseSheetArea("'Chấm điểm'!$A$4:$G$16")).toEqual({ sheet: 'Chấm điểm', top: 4, left: 1, bottom: 16, right: 7 });
    expect(parseSheetArea('Sheet1!B3')).toEqual({ sheet: 'Sheet1', top: 3, left: 2, bottom: 3, right: 2 });
    expect(parseSheetArea('=Sheet1!$B$3')).toEqual({ sheet: 'Sheet1', top: 3, left: 2, bottom: 3, right: 2 });
    expect(parseSheetArea("'O''Brien''s'!$b$2:a1")).toEqual({ sheet: "O'Brien's", top: 1, left: 1, bottom: 2, right: 2 });
    expect(parseSheetArea("  'Hồ sơ'!$A$3:$E$7 ")).toMatchObject({ sheet: 'Hồ sơ', bottom: 7 });
    expect(parseSheetArea("'Hi!there'!C1")).toMatchObject({ sheet: 'Hi!there', top: 1, left: 3 });
  });

  it('refuses what is not one area of one sheet', () => {
    for (const text of [
      '#REF!', "'Chấm điểm'!#REF!", "'Chấm điểm'!$4:$4", "'Chấm điểm'!$A:$A", 'Sheet1!A1,Sheet1!B2', '[1]Sheet1!$A$1', 'SUM(A1:A3)', '=SUM(A1:A3)',
      'A1', "'Chấm điểm'!$A$1:$XFE$2", 'Sheet1!A0', "='A b'!B1,'C d'!D2", "'O'Brien'!A1", 'Sheet1!A1:B2:C3', "''!A1",
    ]) {
      expect(parseSheetArea(text), text).toBeUndefined();
    }
  });

  it('any sheet name and area written with sheetReference reads back the same', () => {
    fc.assert(fc.property(sheetName, row, column, row, column, (sheet, r1, c1, r2, c2) => {
      const address = `${cellAddress(r1, c1)}:${cellAddress(r2, c2)}`;
      expect(parseSheetArea(sheetReference(sheet, address))).toEqual({
        sheet, top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2),
      });
    }), RUNS);
  });
});

describe("Excel's date serials", () => {
  const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

  it('follows the 1900 system with its 29 February 1900, and the 1904 system', () => {
    expect(serialToDate(1)).toEqual(utc(1900, 1, 1));
    expect(serialToDate(59)).toEqual(utc(1900, 2, 28));
    expect(serialToDate(61)).toEqual(utc(1900, 3, 1));
    expect(serialToDate(46096)).toEqual(utc(2026, 3, 15));
    expect(serialToDate(46096.75)).toEqual(new Date(Date.UTC(2026, 2, 15, 18)));
    expect(serialToDate(0, true)).toEqual(utc(1904, 1, 1));
    expect(serialToDate(46096 - DAYS_1904, true)).toEqual(utc(2026, 3, 15));
    expect(dateToSerial(utc(1900, 1, 1))).toBe(1);
    expect(dateToSerial(utc(1900, 2, 28))).toBe(59);
    expect(dateToSerial(utc(1900, 3, 1))).toBe(61);
    expect(dateToSerial(utc(2026, 3, 15), true)).toBe(46096 - DAYS_1904);
    expect(plainSerialToSystem(2)).toBe(1);
    expect(dateText(1)).toBe('01/01/1900');
    expect(dateText(46096)).toBe('15/03/2026');
    expect(dateText('1900-01-01')).toBe('01/01/1900');
  });

  it('serial → date → serial is the identity in both systems (Excel\'s 29 February 1900 aside)', () => {
    const whole = fc.integer({ min: 1, max: 2958465 }).filter((s) => s !== 60);
    const fraction = fc.integer({ min: 0, max: 86_399 }).map((s) => s / 86_400);
    fc.assert(fc.property(whole, fraction, fc.boolean(), (day, time, date1904) => {
      const serial = date1904 ? day - 1 + time : day + time;
      expect(dateToSerial(serialToDate(serial, date1904), date1904)).toBeCloseTo(serial, 6);
    }), RUNS);
  });

  it('date → serial → date is the identity from 1 January 1900 (1904 system: from 1 January 1904) to 9999', () => {
    fc.assert(fc.property(fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }), fc.boolean(), (date, date1904) => {
      fc.pre(!date1904 || date.getTime() >= Date.UTC(1904, 0, 1));
      const ms = Math.round(date.getTime() / 1000) * 1000 || 0; // whole seconds, and never -0
      expect(serialToDate(dateToSerial(new Date(ms), date1904), date1904).getTime()).toBe(ms);
    }), RUNS);
  });
});

describe("Vietnam's wall clock (UTC+7 all year)", () => {
  it('shows an instant as Vietnam reads it, whatever the machine zone', () => {
    expect(vietnamWallClock(new Date('2026-12-31T17:05:00Z')).toISOString()).toBe('2027-01-01T00:05:00.000Z');
  });

  it('agrees with the calendar day for any instant', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1976-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (instant) => {
      const day = vietnamDate(instant);
      const shown = new Date(`${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}T00:00:00+07:00`);
      const next = shown.getTime() + 86_400_000;
      expect(instant.getTime() >= shown.getTime() && instant.getTime() < next).toBe(true);
      expect(vietnamWallClock(instant).getUTCDate()).toBe(day.day);
    }), RUNS);
  });
});
