/**
 * The province's list of expected units, as a CSV or an XLSX with a header row in Vietnamese or
 * English: Mã đơn vị / code (optional), Tên đơn vị / name, Loại / kind, Xã/phường / parent,
 * Liên hệ / contact. Two rows may share a name when their parents differ; a repeated code, a
 * repeated name + parent, an unknown kind or a control character in a name refuses the row. CSV in UTF-8
 * with or without BOM, separated by commas or semicolons (Excel's choice on a Vietnamese
 * Windows). Every bad row is reported with its line number; the list is all-or-nothing.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { isValidUnitCode, normalizeUnitCode } from '../../shared/units/codes';
import { hasControlCharacters, parentKey, parseUnitKind, searchKey, unitNameKey } from '../../shared/units/identity';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds';
import type { NewUnit } from '../store/store';
import { unitsText } from '../app/messages';

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
  if (extension === '.csv' || extension === '.txt') return parseUnitsCsv(await fs.readFile(file, 'utf8'));
  if (extension === '.xlsx') return parseUnitsXlsx(await fs.readFile(file));
  return { units: [], problems: [{ line: 0, message: unitsText.unsupportedFile(path.basename(file)) }] };
}

/** Rows as they appear: each with its 1-based line (the line the record starts on, for CSV). */
interface RawRow {
  line: number;
  cells: string[];
}

export function parseUnitsCsv(text: string): ParsedUnits {
  return fromRows(csvRows(text.replace(/^\uFEFF/u, '')));
}

export async function parseUnitsXlsx(bytes: Buffer): Promise<ParsedUnits> {
  const workbook = new ExcelJS.Workbook();
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

/** RFC 4180 records with the separator guessed from the header line (";" or ","). */
function csvRows(text: string): RawRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  const separator = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  const rows: RawRow[] = [];
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    cells.push(field);
    rows.push({ line: start, cells });
    cells = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === separator) {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
    i++;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return rows;
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}
