/**
 * The province's list of expected units, as a CSV or an XLSX with a header row in Vietnamese or
 * English: Mã đơn vị / code (optional), Tên đơn vị / name, Loại / kind, Xã/phường / parent,
 * Liên hệ / contact. Two rows may share a name when their parents differ; a repeated code, a
 * repeated name + parent, an unknown kind or a control character in a name refuses the row. CSV
 * read by csv-parse: UTF-8 with or without BOM, or UTF-16 with its BOM (Excel's "Unicode Text"),
 * separated by commas, semicolons (Excel's choice on a Vietnamese Windows) or tabs; a file in
 * another encoding is refused whole rather than read with broken letters. Every bad row is
 * reported with its line number; the list is all-or-nothing.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { isValidUnitCode, normalizeUnitCode } from '../../shared/units/codes';
import { hasControlCharacters, parentKey, parseUnitKind, searchKey, unitNameKey } from '../../shared/units/identity';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds';
import type { NewUnit } from '../store/store';
import { unitsText } from '../app/messages';
import { loadExceljs } from '../export/sheetWriter';

export interface UnitsFileProblem {
  /** 1-based line of the CSV, or row of the worksheet; 0 for the file as a whole. */
  line: number;
  message: string;
}

export interface ParsedUnits {
  units: (NewUnit & { line: number })[];
  problems: UnitsFileProblem[];
}

type Column = 'code' | 'name' | 'kind' | 'parent' | 'contact';

/** Header texts, compared accent- and case-insensitively. */
const HEADERS: Record<Column, string[]> = {
  code: ['mã đơn vị', 'mã', 'code', 'unit code'],
  name: ['tên đơn vị', 'tên', 'đơn vị', 'name', 'unit', 'unit name'],
  kind: ['loại', 'loại đơn vị', 'kind', 'type', 'unit kind'],
  parent: ['xã/phường', 'thuộc xã/phường', 'xã, phường', 'xã phường', 'parent', 'commune', 'ward'],
  contact: ['liên hệ', 'người liên hệ', 'contact'],
};

function headerKey(text: string): string {
  return searchKey(text).replace(/\s*([/,])\s*/gu, '$1');
}

const HEADER_LOOKUP = new Map<string, Column>(
  (Object.entries(HEADERS) as [Column, string[]][]).flatMap(([column, texts]) => texts.map((t) => [headerKey(t), column] as const)),
);

export async function readUnitsFile(file: string): Promise<ParsedUnits> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv' || extension === '.txt') return parseUnitsCsv(await fs.readFile(file));
  if (extension === '.xlsx') return parseUnitsXlsx(await fs.readFile(file));
  return { units: [], problems: [{ line: 0, message: unitsText.unsupportedFile(path.basename(file)) }] };
}

/** Rows as they appear: each with its 1-based line (the line the record starts on, for CSV). */
interface RawRow {
  line: number;
  cells: string[];
}

/**
 * A units list in CSV: text, or the file's bytes (decoded per its byte-order mark, else as UTF-8;
 * bytes that are not UTF-8 are one problem for the whole file).
 */
export function parseUnitsCsv(input: string | Uint8Array): ParsedUnits {
  const text = typeof input === 'string' ? input : decodeCsv(input);
  if (text === undefined) return { units: [], problems: [{ line: 0, message: unitsText.csvNotUtf8 }] };
  const rows = csvRows(text.replace(/^\uFEFF/u, ''));
  return rows.ok ? fromRows(rows.rows) : { units: [], problems: [rows.problem] };
}

export async function parseUnitsXlsx(bytes: Buffer): Promise<ParsedUnits> {
  const workbook = new (loadExceljs().Workbook)();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return { units: [], problems: [{ line: 0, message: unitsText.unreadableXlsx(error instanceof Error ? error.message : String(error)) }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { units: [], problems: [{ line: 0, message: unitsText.noHeader }] };
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= row.cellCount; col++) cells.push(row.getCell(col).text ?? '');
    rows.push({ line: rowNumber, cells });
  });
  return fromRows(rows);
}

function fromRows(rows: RawRow[]): ParsedUnits {
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) return { units: [], problems: [{ line: 0, message: unitsText.noHeader }] };
  const columns = new Map<Column, number>();
  header.cells.forEach((cell, index) => {
    const column = HEADER_LOOKUP.get(headerKey(cell));
    if (column && !columns.has(column)) columns.set(column, index);
  });
  const missing = (['name', 'kind'] as const).filter((c) => !columns.has(c));
  if (missing.length > 0) return { units: [], problems: [{ line: header.line, message: unitsText.missingColumns(missing) }] };

  const units: ParsedUnits['units'] = [];
  const problems: UnitsFileProblem[] = [];
  const seenIdentity = new Map<string, number>();
  const seenCode = new Map<string, number>();
  const raw = (row: RawRow, column: Column) => {
    const index = columns.get(column);
    return index === undefined ? '' : (row.cells[index] ?? '');
  };
  const cell = (row: RawRow, column: Column) => raw(row, column).normalize('NFC').replace(/\s+/gu, ' ').trim();
  for (const row of nonEmpty.slice(1)) {
    const rowProblems: string[] = [];
    const name = cell(row, 'name');
    const parent = cell(row, 'parent');
    const kindText = cell(row, 'kind');
    const code = normalizeUnitCode(cell(row, 'code'));
    for (const column of ['code', 'name', 'parent', 'contact'] as const) {
      if (hasControlCharacters(raw(row, column))) rowProblems.push(unitsText.controlCharacters(HEADER_LABELS[column]));
    }
    if (!name) rowProblems.push(unitsText.nameMissing);
    const kind = parseUnitKind(kindText);
    if (!kind) rowProblems.push(kindText ? unitsText.kindInvalid(kindText, Object.values(UNIT_KIND_LABELS)) : unitsText.kindMissing(name));
    if (code && !isValidUnitCode(code)) rowProblems.push(unitsText.codeInvalid(cell(row, 'code')));
    if (code) {
      const first = seenCode.get(code);
      if (first !== undefined) rowProblems.push(unitsText.duplicateCode(code, first));
      else seenCode.set(code, row.line);
    }
    if (name) {
      const key = `${unitNameKey(name)}\u0000${parentKey(parent)}`;
      const first = seenIdentity.get(key);
      if (first !== undefined) rowProblems.push(unitsText.duplicate(name, parent, first));
      else seenIdentity.set(key, row.line);
    }
    if (rowProblems.length > 0) {
      for (const message of rowProblems) problems.push({ line: row.line, message });
      continue;
    }
    units.push({ line: row.line, code, name, kind: kind!, parent, contact: cell(row, 'contact') });
  }
  return { units, problems };
}

/** How a problem names a column. */
const HEADER_LABELS: Record<Column, string> = { code: 'Mã đơn vị', name: 'Tên đơn vị', kind: 'Loại', parent: 'Xã/phường', contact: 'Liên hệ' };

/** The text of a CSV file's bytes: UTF-16 (LE or BE) or UTF-8 by byte-order mark, else UTF-8; undefined when not valid in its encoding. */
function decodeCsv(bytes: Uint8Array): string | undefined {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  try {
    // The decoder drops the byte-order mark.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The separators Excel saves a list with, by preference when a header line has as many of each. */
const SEPARATORS = [',', ';', '\t'] as const;

/** The separator of a CSV: the one the header line (outside quotes) holds most of; "," when it has none. */
function guessSeparator(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|\r|$/u)).replace(/"(?:[^"]|"")*"/gu, '');
  let best: string = SEPARATORS[0];
  for (const separator of SEPARATORS) if (header.split(separator).length > header.split(best).length) best = separator;
  return best;
}

/**
 * RFC 4180 records (csv-parse), each with the line it starts on. Quotes are read as Excel writes
 * them; a stray quote inside a field is kept as text. A quote never closed is one problem naming
 * its line.
 */
function csvRows(text: string): { ok: true; rows: RawRow[] } | { ok: false; problem: UnitsFileProblem } {
  const bytes = Buffer.from(text, 'utf8');
  const rows: RawRow[] = [];
  // csv-parse says where each record ends, in bytes; its own line count is off for CRLF inside quotes.
  let line = 1;
  let at = 0;
  try {
    parseCsv(bytes, {
      delimiter: guessSeparator(text),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (record: string[], context) => {
        rows.push({ line, cells: record });
        for (; at < context.bytes; at++) if (bytes[at] === 0x0a || (bytes[at] === 0x0d && bytes[at + 1] !== 0x0a)) line++;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // `line` is where the record that failed starts.
    return { ok: false, problem: { line, message: error.code === 'CSV_QUOTE_NOT_CLOSED' ? unitsText.csvQuoteNotClosed : unitsText.csvUnreadable(error.message) } };
  }
  return { ok: true, rows };
}
