/**
 * Excel's A1 references, once for the add-in (Office.js addresses and name formulas), the .xlsx
 * reader (defined names, cell `r` attributes, formulas) and the writers: column letters, cell
 * addresses, sheet names quoted as Excel quotes them, and one rectangular area on one sheet.
 * Rows and columns are 1-based; the grid ends at XFD1048576.
 */

/** The last column of Excel's grid (XFD). */
export const MAX_COLUMN = 16384;
/** The last row of Excel's grid. */
export const MAX_ROW = 1048576;

/** "F" from column 6, "AA" from 27, "XFD" from 16384. Columns below 1 give "". */
export function columnLetters(col: number): string {
  let letters = '';
  for (let n = Math.floor(col); n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Column 6 from "F" (any case); undefined for anything but 1 to 3 letters within the grid. */
export function columnNumber(letters: string): number | undefined {
  if (letters.length < 1 || letters.length > 3) return undefined;
  let col = 0;
  for (let i = 0; i < letters.length; i++) {
    const code = letters.charCodeAt(i) & ~32; // upper case
    if (code < 65 || code > 90) return undefined;
    col = col * 26 + (code - 64);
  }
  return col <= MAX_COLUMN ? col : undefined;
}

/** "F7" from row 7, column 6. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/**
 * Row and column of a cell reference, as Excel writes one: "F7", "$F$7", "f7" (1 to 3 letters, 1
 * to 7 digits, each optionally after a "$"). Undefined for anything else and for cells outside
 * the grid. Written without a regular expression: the .xlsx reader calls it for every cell.
 */
export function parseCellAddress(address: string): { row: number; col: number } | undefined {
  let i = address.charCodeAt(0) === 36 ? 1 : 0;
  let col = 0;
  const lettersStart = i;
  for (; i < address.length; i++) {
    const code = address.charCodeAt(i) & ~32;
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
  }
  const letters = i - lettersStart;
  if (letters < 1 || letters > 3) return undefined;
  if (address.charCodeAt(i) === 36) i++;
  let row = 0;
  const digitsStart = i;
  for (; i < address.length; i++) {
    const code = address.charCodeAt(i);
    if (code < 48 || code > 57) return undefined;
    row = row * 10 + (code - 48);
  }
  const digits = i - digitsStart;
  if (digits < 1 || digits > 7) return undefined;
  if (row < 1 || row > MAX_ROW || col > MAX_COLUMN) return undefined;
  return { row, col };
}

/** A name Excel writes without quotes: letters, digits, "_" and "." (not first), ASCII only. */
const PLAIN_SHEET = /^[A-Za-z_][A-Za-z0-9_.]*$/u;
/** Plain names Excel still quotes because they read as a reference: A1 style ("AB12") or R1C1 ("R", "C3", "R2C5"). */
const LOOKS_LIKE_REFERENCE = /^(?:[A-Za-z]{1,3}\d+|[Rr]\d*(?:[Cc]\d*)?|[Cc]\d*)$/u;

/**
 * A sheet name as it goes before "!" in a reference, the way Excel writes it: as it is when it is
 * a plain identifier-like name ("Sheet1", "Data_2026"); otherwise in apostrophes, an apostrophe
 * inside doubled ('Chấm điểm', 'O''Brien', 'A1', 'R2C3', '2026').
 */
export function quoteSheetName(sheet: string): string {
  return PLAIN_SHEET.test(sheet) && !LOOKS_LIKE_REFERENCE.test(sheet) ? sheet : `'${sheet.replace(/'/gu, "''")}'`;
}

/** The name inside a quoted sheet name's apostrophes, doubled apostrophes made single: `O''Brien` → `O'Brien`. */
export function unquoteSheetName(quotedInner: string): string {
  return quotedInner.replace(/''/gu, "'");
}

/** 'Chấm điểm'!F5: a sheet and an address ("F5", "$A$4:$G$16") as one reference, the sheet quoted as Excel does. */
export function sheetReference(sheet: string, address: string): string {
  return `${quoteSheetName(sheet)}!${address}`;
}

/** One rectangular area of one sheet, 1-based and inclusive. */
export interface SheetArea {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A quoted sheet name, or a plain one (none of the characters that end a name in a formula), then "!" and one cell or area. */
const SHEET_AREA = /^(?:'((?:[^']|'')+)'|([^\s'![\]:,()=;]+))!([^:]+)(?::([^:]+))?$/u;

/**
 * Reads one area of one sheet, as Excel, LibreOffice and Office.js write it in defined names and
 * addresses: "'Chấm điểm'!$A$4:$G$16", "Sheet1!B3", "=Sheet1!B3", "'O''Brien'!A1" (white space
 * around it ignored). Undefined for anything else: several areas, whole rows or columns, `#REF!`,
 * another workbook ("[1]Sheet1!A1"), formulas, cells beyond XFD1048576.
 */
export function parseSheetArea(reference: string): SheetArea | undefined {
  const match = SHEET_AREA.exec(reference.trim().replace(/^=/u, ''));
  if (!match) return undefined;
  const from = parseCellAddress(match[3]!);
  const to = parseCellAddress(match[4] ?? match[3]!);
  if (!from || !to) return undefined;
  return {
    sheet: match[1] !== undefined ? unquoteSheetName(match[1]) : match[2]!,
    top: Math.min(from.row, to.row), bottom: Math.max(from.row, to.row),
    left: Math.min(from.col, to.col), right: Math.max(from.col, to.col),
  };
}
