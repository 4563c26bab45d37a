/**
 * What a file found in a folder (offline `consolidate`, `ingest`) or dropped on the console is,
 * by its name alone — one rule for every path that picks workbooks out of many files.
 */

/**
 * - `xlsx`: the format dien-hinh reads.
 * - `other-spreadsheet`: another spreadsheet format a unit may have saved its form in (.xls, .ods,
 *   WPS's .et…): never passed over in silence, since it is a unit's file that cannot count as it is.
 * - `ignored`: no one's file: Office's "~$name.xlsx" lock files and hidden files (".DS_Store").
 * - `other`: anything else (a letter, a scan, a note): not a workbook.
 */
export type FileKind = 'xlsx' | 'other-spreadsheet' | 'ignored' | 'other';

/** Excel's other formats (97-2003, binary, macro-enabled, templates), OpenDocument, WPS and Numbers. */
const OTHER_SPREADSHEETS = /\.(?:xls|xlsb|xlsm|xltx|xltm|xlt|ods|fods|ots|et|ett|numbers)$/iu;

/** The kind of a file by its name (a base name or a path: only the last part counts). */
export function fileKindOf(name: string): FileKind {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  if (base.startsWith('~$') || base.startsWith('.')) return 'ignored';
  if (/\.xlsx$/iu.test(base)) return 'xlsx';
  return OTHER_SPREADSHEETS.test(base) ? 'other-spreadsheet' : 'other';
}
