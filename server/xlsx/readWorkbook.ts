/**
 * The server's fast, bounded reader of scoring workbooks. It opens the zip from its central
 * directory, inflates only xl/workbook.xml, its relationships, the worksheets the layout's defined
 * names point to and the shared strings those cells use, and scans them with a small strict XML
 * scanner that jumps over the rows and strings no name uses, keeping only the cells inside the
 * named ranges. Every size is capped; a bad file is an error value in Vietnamese, never an
 * exception.
 */
import path from 'node:path';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import { checkInterpretation, checkSnapshot, type CheckResult } from '../../shared/workbook/check';
import type { ReadIssue } from '../../shared/workbook/interpret';
import { ALL_NAMES } from '../../shared/workbook/layout';
import { cellAddress, type CellValue, type RangeGrid, type WorkbookPort, type WorkbookSnapshot } from '../../shared/workbook/port';
import { err, ok, type Result } from '../../shared/util/result';
import { xlsxText } from './messages';
import { decodeCell, parseAreaReference, type AreaReference } from './references';
import { XmlScanner } from './xml';
import { openZip, ZipProblem, type ZipArchive, type ZipLimits } from './zip';

export interface ReadLimits extends ZipLimits {
  /** Size of the file as received. */
  maxFileBytes: number;
  /** Cells (<c> elements) parsed over all worksheets read. */
  maxCells: number;
  /** Cells inside one defined name's range. */
  maxRangeCells: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxInflatedBytes: 64 * 1024 * 1024,
  maxCells: 200_000,
  maxRangeCells: 50_000,
};

const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** An encrypted OOXML file is a compound file holding a stream of this name (UTF-16LE). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

const fileIssue = (message: string): ReadIssue => ({ sheet: '', cell: '', message });

/** Reads the values of every layout name of a workbook's bytes. */
export async function readWorkbookBytes(bytes: Buffer, limits: Partial<ReadLimits> = {}): Promise<Result<WorkbookSnapshot, ReadIssue[]>> {
  // The defaults themselves when nothing is overridden: spreading them costs more than a small part's reading.
  const bounds = Object.keys(limits).length === 0 ? DEFAULT_READ_LIMITS : { ...DEFAULT_READ_LIMITS, ...limits };
  const refused = refuseByBytes(bytes, bounds);
  if (refused) return err([fileIssue(refused)]);
  const opened = openZip(bytes, bounds);
  if (!opened.ok) return err([fileIssue(opened.error.message)]);
  return readArchive(opened.value, bounds);
}

/** Reads, validates and scores a workbook's bytes; a file that cannot be read is an `ok: false` result. */
export async function checkWorkbookBytes(bytes: Buffer, registry: CriteriaRegistry, limits: Partial<ReadLimits> = {}): Promise<CheckResult> {
  const read = await readWorkbookBytes(bytes, limits);
  if (!read.ok) return checkInterpretation({ workbook: undefined, errors: read.error, warnings: [] });
  return checkSnapshot(read.value, registry);
}

/** A read-only WorkbookPort over a file's bytes (the server never writes a unit's workbook). */
export class XlsxBytesPort implements WorkbookPort {
  constructor(private readonly bytes: Buffer, private readonly limits: Partial<ReadLimits> = {}) {}

  async read(): Promise<WorkbookSnapshot> {
    const read = await readWorkbookBytes(this.bytes, this.limits);
    if (!read.ok) throw new Error(read.error.map((issue) => issue.message).join('\n'));
    return read.value;
  }

  async write(): Promise<void> {
    throw new Error('XlsxBytesPort is read-only: the server does not edit a unit\'s workbook.');
  }
}

/** Refusals decided from the raw bytes, before any unzipping. */
function refuseByBytes(bytes: Buffer, limits: ReadLimits): string | undefined {
  if (bytes.length === 0) return xlsxText.empty;
  if (bytes.length > limits.maxFileBytes) return xlsxText.tooLarge(bytes.length, limits.maxFileBytes);
  if (bytes.subarray(0, 8).equals(CFB_SIGNATURE)) {
    // Excel saves a password-protected workbook as a compound file; so is a 97-2003 .xls.
    return bytes.includes(ENCRYPTED_PACKAGE) ? xlsxText.encrypted : xlsxText.legacyXls;
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) return xlsxText.notZip;
  return undefined;
}

interface SheetEntry { name: string; part: string | undefined }
interface DefinedName { name: string; localSheetId: number | undefined; text: string }
/** A layout name's definition and where it points (undefined: not a usable reference). */
interface LayoutName { text: string; area: AreaReference | undefined }

function readArchive(archive: ZipArchive, limits: ReadLimits): Result<WorkbookSnapshot, ReadIssue[]> {
  const structure = readStructure(archive);
  if (!structure.ok) return err([fileIssue(structure.error)]);
  const { sheets, names, sharedStrings } = structure.value;
  const located = locateNames(names, sheets, limits);
  if (!located.ok) return located;
  const grids = located.value;
  const read = readSheets(archive, sheets, grids, limits);
  if (!read.ok) return read;
  const strings = readStrings(archive, grids, sharedStrings);
  if (!strings.ok) return err([fileIssue(strings.error.message)]);
  const ranges: Partial<Record<string, RangeGrid>> = {};
  for (const [name, grid] of grids) {
    const range = resolveGrid(grid, strings.value);
    if (!range.ok) return err([range.error]);
    ranges[name] = range.value;
  }
  return ok({ sheetNames: sheets.map((s) => s.name), ranges });
}

/** The workbook's sheets with their parts, its layout names, and where its shared strings are. */
function readStructure(archive: ZipArchive): Result<{ sheets: SheetEntry[]; names: Map<string, LayoutName>; sharedStrings: string }, string> {
  const workbookPart = findWorkbookPart(archive);
  if (!workbookPart.ok) return workbookPart;
  const workbook = parseWorkbookXml(archive, workbookPart.value);
  if (!workbook.ok) return err(workbook.error.message);
  const relsPart = archive.find(relationshipsPartOf(workbookPart.value));
  if (!relsPart) return err(xlsxText.missingPart(relationshipsPartOf(workbookPart.value)));
  const rels = parseRelationships(archive, relsPart);
  if (!rels.ok) return err(rels.error.message);
  const sheets = workbook.value.sheets.map(({ name, rid }) => {
    const target = rid === undefined ? undefined : rels.value.byId.get(rid);
    return { name, part: target === undefined ? undefined : archive.find(resolveTarget(workbookPart.value, target)) };
  });
  const target = rels.value.sharedStrings;
  const sharedStrings = target === undefined ? 'xl/sharedStrings.xml' : resolveTarget(workbookPart.value, target);
  return ok({ sheets, names: workbook.value.names, sharedStrings });
}

/** Each worksheet the names point to, read once for the cells inside its names' areas. */
function readSheets(archive: ZipArchive, sheets: SheetEntry[], grids: Map<string, PendingGrid>, limits: ReadLimits): Result<void, ReadIssue[]> {
  const cellBudget = { left: limits.maxCells };
  const sheetIndexes = [...new Set([...grids.values()].map((g) => g.sheetIndex))].sort((a, b) => a - b);
  for (const sheetIndex of sheetIndexes) {
    const sheet = sheets[sheetIndex]!;
    if (!sheet.part) return err([{ sheet: sheet.name, cell: '', message: xlsxText.missingSheetPart(sheet.name) }]);
    const targets = [...grids.values()].filter((g) => g.sheetIndex === sheetIndex);
    const parsed = parseSheet(archive, sheet, targets, cellBudget, limits);
    if (!parsed.ok) return err([parsed.error]);
  }
  return ok(undefined);
}

/** The shared strings the grids' cells use (read last, so that only those are decoded). */
function readStrings(archive: ZipArchive, grids: Map<string, PendingGrid>, target: string): Result<Map<number, string>, ZipProblem> {
  const wanted = new Set<number>();
  for (const grid of grids.values()) for (const row of grid.values) for (const v of row) if (v instanceof SharedRef) wanted.add(v.index);
  if (wanted.size === 0) return ok(new Map());
  const part = archive.find(target);
  if (!part) return err(new ZipProblem(xlsxText.missingPart('xl/sharedStrings.xml')));
  return parseSharedStrings(archive, part, wanted);
}

/** A grid's values with its shared strings in place. */
function resolveGrid(grid: PendingGrid, strings: Map<number, string>): Result<RangeGrid, ReadIssue> {
  const values: CellValue[][] = [];
  for (let r = 0; r < grid.values.length; r++) {
    const row = grid.values[r]!;
    const out: CellValue[] = new Array<CellValue>(row.length);
    for (let c = 0; c < row.length; c++) {
      const value = row[c]!;
      if (!(value instanceof SharedRef)) {
        out[c] = value;
        continue;
      }
      const text = strings.get(value.index);
      if (text === undefined) {
        return err({ sheet: grid.sheet, cell: cellAddress(grid.top + r, grid.left + c), message: xlsxText.sharedStringMissing(value.index) });
      }
      out[c] = text;
    }
    values.push(out);
  }
  return ok({ sheet: grid.sheet, top: grid.top, left: grid.left, values });
}

/** The layout names a workbook defines, each with where it points. */
function layoutNames(names: readonly DefinedName[]): Map<string, LayoutName> {
  const byName = new Map<string, DefinedName[]>();
  for (const defined of names) {
    const key = defined.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), defined]);
  }
  const layout = new Map<string, LayoutName>();
  for (const name of ALL_NAMES) {
    const defined = pickDefinedName(byName.get(name.toLowerCase()) ?? []);
    if (defined) layout.set(name, { text: defined.text, area: parseAreaReference(defined.text) });
  }
  return layout;
}

/** An empty grid for each layout name whose reference is usable, or the names stretched absurdly wide. */
function locateNames(names: Map<string, LayoutName>, sheets: readonly SheetEntry[], limits: ReadLimits): Result<Map<string, PendingGrid>, ReadIssue[]> {
  const grids = new Map<string, PendingGrid>();
  const issues: ReadIssue[] = [];
  for (const [name, { text, area }] of names) {
    // An unusable reference (#REF!, several areas) counts as a missing name; interpret says which.
    if (!area) continue;
    const sheetIndex = findSheet(sheets, area.sheet);
    if (sheetIndex < 0) continue;
    if ((area.bottom - area.top + 1) * (area.right - area.left + 1) > limits.maxRangeCells) {
      issues.push({ sheet: sheets[sheetIndex]!.name, cell: '', message: xlsxText.rangeTooLarge(name, text.trim()) });
      continue;
    }
    grids.set(name, newGrid(area, sheetIndex));
  }
  return issues.length > 0 ? err(issues) : ok(grids);
}

function findWorkbookPart(archive: ZipArchive): Result<string, string> {
  const direct = archive.find('xl/workbook.xml');
  if (direct) return ok(direct);
  // The package's own relationships name the main part when it is not where Excel puts it.
  const rootRels = archive.find('_rels/.rels');
  if (rootRels) {
    const rels = parseRelationships(archive, rootRels);
    if (!rels.ok) return err(rels.error.message);
    const target = rels.value.officeDocument;
    const part = target === undefined ? undefined : archive.find(target.replace(/^\/+/u, ''));
    if (part && part.toLowerCase().endsWith('.bin')) return err(xlsxText.xlsb);
    if (part) return ok(part);
  }
  if (archive.find('xl/workbook.bin')) return err(xlsxText.xlsb);
  if (archive.find('content.xml') && archive.find('mimetype')) return err(xlsxText.ods);
  return err(xlsxText.notWorkbookZip);
}

function relationshipsPartOf(part: string): string {
  return joinPath(folderOf(part), `_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`);
}

/** A relationship target is relative to the source part's folder, or absolute from the package root. */
function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return joinPath(folderOf(sourcePart), target);
}

function folderOf(part: string): string {
  return part.slice(0, Math.max(0, part.lastIndexOf('/')));
}

/** Folders and names without ".", ".." or empty segments: joined as they are. */
const PLAIN_PATH = /^(?:[\w[\]-][\w.[\]-]*\/)*[\w[\]-][\w.[\]-]*$/u;

/** `folder`/`name` as path.posix.join puts it, without its cost for plain names (every part of a workbook). */
function joinPath(folder: string, name: string): string {
  const joined = folder === '' ? name : `${folder}/${name}`;
  return PLAIN_PATH.test(joined) ? joined : path.posix.join(folder === '' ? '.' : folder, name);
}

/**
 * What was read from parts, by their inflated bytes and what was asked (`key`). The zip hands back
 * the very same bytes for a part it inflated lately (see zip.ts), and a province's workbooks share
 * most of their parts: a part is not read again for the same question. Results are never modified.
 */
interface Known<T> { table: WeakMap<Buffer, Map<string, T>>; key: string }

const knownWorkbooks = new WeakMap<Buffer, Map<string, WorkbookPart>>();
const knownRelationships = new WeakMap<Buffer, Map<string, Relationships>>();
const knownSheets = new WeakMap<Buffer, Map<string, SheetCells>>();

/** What `read` makes of a part, remembered for its very bytes (`known`) when it succeeds. */
function parsePart<T>(archive: ZipArchive, part: string, read: (xml: XmlScanner) => T | ZipProblem, known?: Known<T>): Result<T, ZipProblem> {
  const bytes = archive.read(part);
  if (!bytes.ok) return bytes;
  if (!known) return scanPart(part, bytes.value, read);
  let answers = known.table.get(bytes.value);
  const remembered = answers?.get(known.key);
  if (remembered !== undefined) return ok(remembered);
  const scanned = scanPart(part, bytes.value, read);
  if (scanned.ok) {
    if (!answers) known.table.set(bytes.value, (answers = new Map()));
    answers.set(known.key, scanned.value);
  }
  return scanned;
}

/** Scans a part with `read`: its value, the problem `read` returns, or the XML problem the scanner met. */
function scanPart<T>(part: string, bytes: Buffer, read: (xml: XmlScanner) => T | ZipProblem): Result<T, ZipProblem> {
  const xml = new XmlScanner(bytes);
  const value = read(xml);
  if (value instanceof ZipProblem) return err(value);
  if (xml.problem !== undefined) return err(new ZipProblem(xlsxText.xmlBroken(part, xml.problem)));
  return ok(value);
}

interface WorkbookPart { sheets: { name: string; rid: string | undefined }[]; names: Map<string, LayoutName> }

function parseWorkbookXml(archive: ZipArchive, part: string): Result<WorkbookPart, ZipProblem> {
  return parsePart(archive, part, (xml) => {
    const sheets: { name: string; rid: string | undefined }[] = [];
    const names: DefinedName[] = [];
    let current: DefinedName | undefined;
    while (xml.next()) {
      if (xml.kind === 'open') {
        if (xml.is('sheet')) sheets.push({ name: xml.attribute('name') ?? '', rid: xml.attribute('id') });
        else if (xml.is('definedName')) {
          const local = xml.attribute('localSheetId');
          current = { name: xml.attribute('name') ?? '', localSheetId: local === undefined ? undefined : Number(local), text: '' };
        }
      } else if (xml.kind === 'close') {
        if (current && xml.is('definedName')) {
          names.push(current);
          current = undefined;
        }
      } else if (current) {
        current.text += xml.value();
      }
    }
    return { sheets, names: layoutNames(names) };
  }, { table: knownWorkbooks, key: '' });
}

interface Relationships { byId: Map<string, string>; sharedStrings: string | undefined; officeDocument: string | undefined }

function parseRelationships(archive: ZipArchive, part: string): Result<Relationships, ZipProblem> {
  return parsePart(archive, part, (xml) => {
    const rels: Relationships = { byId: new Map(), sharedStrings: undefined, officeDocument: undefined };
    while (xml.next()) {
      if (xml.kind !== 'open' || !xml.is('Relationship')) continue;
      const id = xml.attribute('Id');
      const target = xml.attribute('Target');
      const type = xml.attribute('Type') ?? '';
      if (target === undefined || xml.attribute('TargetMode') === 'External') continue;
      if (id !== undefined) rels.byId.set(id, target);
      if (type.endsWith('/sharedStrings')) rels.sharedStrings = target;
      if (type.endsWith('/officeDocument')) rels.officeDocument = target;
    }
    return rels;
  }, { table: knownRelationships, key: '' });
}

/**
 * Of the definitions of one name (Excel compares names without case), a workbook-scope one wins;
 * a sheet-scope one (left by copying a sheet) counts only when it is the only one.
 */
function pickDefinedName(matching: readonly DefinedName[]): DefinedName | undefined {
  return matching.find((n) => n.localSheetId === undefined) ?? (matching.length === 1 ? matching[0] : undefined);
}

function findSheet(sheets: readonly SheetEntry[], name: string): number {
  const exact = sheets.findIndex((s) => s.name === name);
  if (exact >= 0) return exact;
  // Excel compares sheet names without regard to case.
  const key = (s: string) => s.normalize('NFC').toLowerCase();
  return sheets.findIndex((s) => key(s.name) === key(name));
}

/** A cell holding the index of a shared string, resolved once the strings are read. */
class SharedRef {
  constructor(readonly index: number) {}
}

interface PendingGrid {
  sheet: string;
  sheetIndex: number;
  top: number;
  left: number;
  bottom: number;
  right: number;
  values: (CellValue | SharedRef)[][];
}

function newGrid(area: AreaReference, sheetIndex: number): PendingGrid {
  const values: (CellValue | SharedRef)[][] = [];
  for (let r = area.top; r <= area.bottom; r++) {
    const row: (CellValue | SharedRef)[] = [];
    for (let c = area.left; c <= area.right; c++) row.push(null);
    values.push(row);
  }
  return { sheet: area.sheet, sheetIndex, top: area.top, left: area.left, bottom: area.bottom, right: area.right, values };
}

/** Excel's serial day number of an ISO date (cells of type "d", written by a few programs). */
function isoDateToSerial(text: string): CellValue {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : time / 86400000 + 25569;
}

interface SheetCells {
  /** Every cell of the sheet (<c> elements), read or not. */
  count: number;
  /** The cells inside the areas asked for, in the order of the sheet. */
  found: { row: number; col: number; value: CellValue | SharedRef }[];
}

function parseSheet(
  archive: ZipArchive, sheet: SheetEntry, grids: PendingGrid[], budget: { left: number }, limits: ReadLimits,
): Result<void, ReadIssue> {
  const issue = (message: string): ReadIssue => ({ sheet: sheet.name, cell: '', message });
  const tooMany = () => new ZipProblem(xlsxText.tooManyCells(sheet.name, limits.maxCells));
  const areas = grids.map((g) => `${g.top}:${g.left}:${g.bottom}:${g.right}`).join(' ');
  const parsed = parsePart(archive, sheet.part!, (xml) => {
    // The root, then its sheetData: the views, columns and formatting before it are skipped.
    if (!xml.next()) return { count: 0, found: [] };
    while (xml.next() && xml.depth >= 1) {
      if (xml.kind !== 'open') continue;
      if (xml.is('sheetData')) break;
      xml.skipElement();
    }
    if (xml.kind !== 'open' || !xml.is('sheetData')) return { count: 0, found: [] };
    // Every cell counts against the cap, read or skipped: a sheet of millions is refused before its rows are read.
    const count = xml.countAhead(`${xml.prefix()}c`);
    return count > budget.left ? tooMany() : { count, found: readRows(xml, grids) };
  }, { table: knownSheets, key: areas });
  if (!parsed.ok) return err(issue(parsed.error.message));
  budget.left -= parsed.value.count;
  if (budget.left < 0) return err(issue(tooMany().message));
  for (const { row, col, value } of parsed.value.found) {
    for (const grid of grids) {
      if (row >= grid.top && row <= grid.bottom && col >= grid.left && col <= grid.right) grid.values[row - grid.top]![col - grid.left] = value;
    }
  }
  return ok(undefined);
}

/**
 * From just after <sheetData>: the cells inside the grids that hold a value. Rows outside every
 * grid are jumped over, and once past the last of them the reading stops.
 */
function readRows(xml: XmlScanner, grids: PendingGrid[]): SheetCells['found'] {
  const found: SheetCells['found'] = [];
  const lastRow = Math.max(...grids.map((g) => g.bottom));
  const inRow = (row: number) => grids.some((g) => row >= g.top && row <= g.bottom);
  const depth = xml.depth;
  let row = 0;
  let col = 0;
  let rowsInOrder = true;
  while (xml.next() && xml.depth >= depth) {
    if (xml.kind !== 'open') continue;
    if (xml.is('row')) {
      const r = xml.attribute('r');
      const number = r === undefined ? row + 1 : Number(r);
      if (number < row) rowsInOrder = false;
      row = number;
      col = 0;
      // Rows must come in order (ECMA-376); only then can the rest be skipped safely.
      if (rowsInOrder && row > lastRow) break;
      if (!inRow(row)) xml.skipElement();
    } else if (xml.is('c')) {
      const reference = xml.attribute('r');
      const at = reference === undefined ? undefined : decodeCell(reference);
      col = at ? at.col : col + 1;
      if (at) row = at.row;
      if (!grids.some((g) => row >= g.top && row <= g.bottom && col >= g.left && col <= g.right)) {
        xml.skipElement();
        continue;
      }
      const type = xml.attribute('t') ?? 'n';
      const text = cellText(xml);
      if (text !== undefined) found.push({ row, col, value: cellValue(type, text) });
    }
  }
  return found;
}

/** A cell's text, from just after its start tag through its end tag: its <v>, or its inline string (<is>); undefined when it has neither. */
function cellText(xml: XmlScanner): string | undefined {
  const value = xml.onlyChildText('v');
  if (value !== undefined) return value;
  const depth = xml.depth;
  let text: string | undefined;
  while (xml.next() && xml.depth >= depth) {
    if (xml.kind !== 'open') continue;
    if (xml.is('v')) text = (text ?? '') + elementText(xml, false);
    else if (xml.is('is')) text = (text ?? '') + stringText(xml);
  }
  return text;
}

/** A string (<si>, <is>) just opened, through its end tag: most are a single <t>. */
function stringText(xml: XmlScanner): string {
  return xml.onlyChildText('t') ?? elementText(xml, true);
}

/**
 * The text of the element just opened, through its end tag: all of it for <v>; for a string
 * (<si>, <is>, `runs`) only its <t> runs, joined (rich text is several <r><t> runs), without
 * phonetic guides (<rPh>).
 */
function elementText(xml: XmlScanner, runs: boolean): string {
  const depth = xml.depth;
  let text = '';
  let inT = false;
  let inPhonetic = false;
  while (xml.next() && xml.depth >= depth) {
    if (xml.kind === 'text') {
      if (!runs || (inT && !inPhonetic)) text += xml.value();
    } else if (runs && xml.is('t')) {
      inT = xml.kind === 'open';
    } else if (runs && xml.is('rPh')) {
      inPhonetic = xml.kind === 'open';
    }
  }
  return text;
}

function cellValue(type: string, text: string): CellValue | SharedRef {
  switch (type) {
    case 's': {
      const index = Number(text);
      return Number.isInteger(index) && index >= 0 ? new SharedRef(index) : text;
    }
    case 'inlineStr':
    case 'str':
    case 'e':
      return text;
    case 'b':
      return text.trim() === '1' || text.trim().toLowerCase() === 'true';
    case 'd':
      return isoDateToSerial(text);
    default: {
      if (text.trim() === '') return null;
      const value = Number(text);
      return Number.isFinite(value) ? value : text;
    }
  }
}

/** The shared strings at the wanted indices: the others are jumped over, and the reading stops after the last wanted. */
function parseSharedStrings(archive: ZipArchive, part: string, wanted: Set<number>): Result<Map<number, string>, ZipProblem> {
  let last = -1;
  for (const index of wanted) last = Math.max(last, index);
  return parsePart(archive, part, (xml) => {
    const strings = new Map<number, string>();
    let index = -1;
    while (index < last && xml.next()) {
      if (xml.kind !== 'open' || !xml.is('si')) continue;
      index++;
      if (wanted.has(index)) strings.set(index, stringText(xml));
      else xml.skipElement();
    }
    return strings;
  });
}
