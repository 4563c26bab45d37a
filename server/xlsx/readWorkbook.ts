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
import { checkInterpretation, checkSnapshot } from '../../shared/workbook/check';
import type { CheckResult } from '../../shared/workbook/checkResult';
import { isoDateDayCount, type ReadIssue } from '../../shared/workbook/interpret';
import { plainSerialToSystem } from '../../shared/workbook/excelDate';
import { resolveDefinedName, type NameDefinition } from '../../shared/workbook/definedNames';
import { ALL_NAMES } from '../../shared/workbook/layout';
import { cellAddress, parseCellAddress, parseSheetArea, type SheetArea } from '../../shared/workbook/a1';
import { type CellValue, type RangeGrid, type WorkbookPort, type WorkbookSnapshot } from '../../shared/workbook/port';
import { err, ok, type Result } from '../../shared/util/result';
import { xlsxText } from './messages';
import { evaluateFormula, parseFormula, referenceArea, type ParsedFormula } from './formulas';
import { decodeEscapes, XmlScanner } from './xml';
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
/**
 * A layout name's definition and where it points (undefined: not a usable reference), or the
 * sheets of several equally valid sheet-level copies of it (a scoring sheet copied more than once).
 */
interface LayoutName { text: string; area: SheetArea | undefined; sheetsInDoubt?: string[] }

function readArchive(archive: ZipArchive, limits: ReadLimits): Result<WorkbookSnapshot, ReadIssue[]> {
  const structure = readStructure(archive);
  if (!structure.ok) return err([fileIssue(structure.error)]);
  const { sheets, names, sharedStrings, date1904 } = structure.value;
  const located = locateNames(names, sheets, limits);
  if (!located.ok) return located;
  const grids = located.value;
  const store: SheetStore = new Map();
  const context: ReadContext = { archive, sheets, limits, date1904, store, cellBudget: { left: limits.maxCells } };
  const read = readSheets(context, grids);
  if (!read.ok) return read;
  const formulas = readFormulaInputs(context);
  if (!formulas.ok) return formulas;
  const strings = readStrings(archive, store, sharedStrings);
  if (!strings.ok) return err([fileIssue(strings.error.message)]);
  const computed = computeFormulas(context, formulas.value, strings.value);
  const ranges: Partial<Record<string, RangeGrid>> = {};
  for (const [name, grid] of grids) {
    const range = resolveGrid(grid, strings.value, computed);
    if (!range.ok) return err([range.error]);
    ranges[name] = range.value;
  }
  return ok({ sheetNames: sheets.map((s) => s.name), ranges, ...(date1904 ? { date1904 } : {}) });
}

/** The workbook's sheets with their parts, its layout names, and where its shared strings are. */
function readStructure(archive: ZipArchive): Result<{ sheets: SheetEntry[]; names: Map<string, LayoutName>; sharedStrings: string; date1904: boolean }, string> {
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
  return ok({ sheets, names: workbook.value.names, sharedStrings, date1904: workbook.value.date1904 });
}

/** What reading one workbook's sheets shares: the archive, its sheets, the limits, and the cells read so far. */
interface ReadContext {
  archive: ZipArchive;
  sheets: SheetEntry[];
  limits: ReadLimits;
  date1904: boolean;
  store: SheetStore;
  /** Cells (<c> elements) left to parse over the whole file; each sheet counts once. */
  cellBudget: { left: number };
}

/** Per sheet index: the areas read, and what was found in them. */
type SheetStore = Map<number, { areas: Area[]; found: FoundIndex }>;

/** A sheet's cells found, by cell key, with its formulas without values (parsed) and the shared strings its cells use. */
interface FoundIndex {
  cells: Map<number, PendingValue>;
  formulas: { key: number; parsed: ParsedFormula | undefined }[];
  strings: number[];
}

/** The index of each remembered sheet reading (those are never modified, so neither is their index). */
const foundIndexes = new WeakMap<SheetCells, FoundIndex>();

function indexFound(sheet: SheetCells): FoundIndex {
  const known = foundIndexes.get(sheet);
  if (known) return known;
  const index: FoundIndex = { cells: new Map(), formulas: [], strings: [] };
  for (const { row, col, value } of sheet.found) {
    const key = cellKey(row, col);
    index.cells.set(key, value);
    if (value instanceof SharedRef) index.strings.push(value.index);
    else if (value instanceof FormulaCell) index.formulas.push({ key, parsed: parseFormulaCell(value, row, col, sheet.shared) });
  }
  foundIndexes.set(sheet, index);
  return index;
}

const cellKey = (row: number, col: number) => row * 16385 + col;

/** Each worksheet the names point to, read once for the cells inside its names' areas. */
function readSheets(context: ReadContext, grids: Map<string, PendingGrid>): Result<void, ReadIssue[]> {
  const sheetIndexes = [...new Set([...grids.values()].map((g) => g.sheetIndex))].sort((a, b) => a - b);
  for (const sheetIndex of sheetIndexes) {
    const targets = [...grids.values()].filter((g) => g.sheetIndex === sheetIndex);
    const parsed = readSheetAreas(context, sheetIndex, targets);
    if (!parsed.ok) return err([parsed.error]);
    for (const { row, col, value } of parsed.value.found) {
      for (const grid of targets) {
        if (row >= grid.top && row <= grid.bottom && col >= grid.left && col <= grid.right) grid.values[row - grid.top]![col - grid.left] = value;
      }
    }
  }
  return ok(undefined);
}

/** Reads `areas` of a sheet (with those read before) into the store; the sheet's cells count against the budget once. */
function readSheetAreas(context: ReadContext, sheetIndex: number, areas: readonly Area[]): Result<SheetCells, ReadIssue> {
  const sheet = context.sheets[sheetIndex]!;
  if (!sheet.part) return err({ sheet: sheet.name, cell: '', message: xlsxText.missingSheetPart(sheet.name) });
  const before = context.store.get(sheetIndex);
  const all = [...(before?.areas ?? []), ...areas];
  const parsed = parseSheet(context, sheet, all, before === undefined);
  if (!parsed.ok) return parsed;
  context.store.set(sheetIndex, { areas: all, found: indexFound(parsed.value) });
  return parsed;
}

/** A formula cell without a saved value, where it is, and what it computes (undefined: not computable). */
interface PendingFormula { sheetIndex: number; row: number; col: number; parsed: ParsedFormula | undefined }

/** At most so many rounds of reading the cells formulas refer to (a formula over a formula over ...). */
const FORMULA_READ_ROUNDS = 3;

/**
 * Every formula cell read without a saved value, parsed, with the cells it refers to read too
 * (a few rounds, for formulas over formulas; within the range-size limit).
 */
function readFormulaInputs(context: ReadContext): Result<PendingFormula[], ReadIssue[]> {
  const pending: PendingFormula[] = [];
  const seen = new Set<number>();
  let extraCells = 0;
  for (let round = 0; round <= FORMULA_READ_ROUNDS; round++) {
    const wanted = new Map<number, Area[]>();
    for (const [sheetIndex, { found }] of context.store) {
      for (const { key, parsed } of found.formulas) {
        // A sheet read again (for more cells) has its earlier formulas again.
        if (seen.has(sheetIndex * 2 ** 35 + key)) continue;
        seen.add(sheetIndex * 2 ** 35 + key);
        pending.push({ sheetIndex, row: Math.floor(key / 16385), col: key % 16385, parsed });
        for (const reference of parsed?.references ?? []) {
          const area = referenceArea(reference, context.sheets[sheetIndex]!.name);
          const target = findSheet(context.sheets, area.sheet);
          if (target < 0 || covered(context.store.get(target)?.areas, area)) continue;
          extraCells += (area.bottom - area.top + 1) * (area.right - area.left + 1);
          if (extraCells > context.limits.maxRangeCells) continue;
          wanted.set(target, [...(wanted.get(target) ?? []), area]);
        }
      }
    }
    if (wanted.size === 0 || round === FORMULA_READ_ROUNDS) break;
    for (const [sheetIndex, areas] of wanted) {
      const read = readSheetAreas(context, sheetIndex, areas);
      if (!read.ok) return err([read.error]);
    }
  }
  return ok(pending);
}

/** A formula cell's own text, or its shared formula's (written once, on the first cell of its area) moved to it. */
function parseFormulaCell(cell: FormulaCell, row: number, col: number, shared: SheetCells['shared']): ParsedFormula | undefined {
  if (cell.kind === 'normal') return parseFormula(cell.text);
  if (cell.kind !== 'shared' || cell.group === undefined) return undefined;
  const master = shared.get(cell.group);
  return master ? parseFormula(master.text, row - master.row, col - master.col) : undefined;
}

function covered(areas: readonly Area[] | undefined, area: Area): boolean {
  return areas !== undefined && areas.some((a) => a.top <= area.top && a.bottom >= area.bottom && a.left <= area.left && a.right >= area.right);
}

/**
 * The values of the formula cells without saved values that can be computed safely, by cell
 * (sheet index, then cell key); the others are absent. Formulas over formulas are computed in
 * as many passes as it takes; a loop of references stays uncomputed.
 */
function computeFormulas(context: ReadContext, pending: PendingFormula[], strings: Map<number, string>): Map<number, Map<number, CellValue>> {
  const computed = new Map<number, Map<number, CellValue>>();
  if (pending.length === 0) return computed;
  const valueAt = (sheetIndex: number, row: number, col: number): CellValue | undefined => {
    const sheet = context.store.get(sheetIndex);
    if (!sheet || !covered(sheet.areas, { top: row, bottom: row, left: col, right: col })) return undefined;
    const value = sheet.found.cells.get(cellKey(row, col));
    if (value === undefined) return null;
    if (value instanceof SharedRef) return strings.get(value.index);
    if (value instanceof FormulaCell) return computed.get(sheetIndex)?.get(cellKey(row, col));
    return value;
  };
  let left = pending.filter((p) => p.parsed !== undefined);
  for (let progress = true; progress && left.length > 0;) {
    progress = false;
    const next: PendingFormula[] = [];
    for (const formula of left) {
      const lookup = (sheet: string | undefined, row: number, col: number) => {
        const target = sheet === undefined ? formula.sheetIndex : findSheet(context.sheets, sheet);
        return target < 0 ? undefined : valueAt(target, row, col);
      };
      const value = evaluateFormula(formula.parsed!, lookup);
      if (value === undefined) {
        next.push(formula);
        continue;
      }
      let sheet = computed.get(formula.sheetIndex);
      if (!sheet) computed.set(formula.sheetIndex, (sheet = new Map()));
      sheet.set(cellKey(formula.row, formula.col), value);
      progress = true;
    }
    left = next;
  }
  return computed;
}

/** The shared strings the cells read use (read last, so that only those are decoded). */
function readStrings(archive: ZipArchive, store: SheetStore, target: string): Result<Map<number, string>, ZipProblem> {
  const wanted = new Set<number>();
  for (const { found } of store.values()) for (const index of found.strings) wanted.add(index);
  if (wanted.size === 0) return ok(new Map());
  const part = archive.find(target);
  if (!part) return err(new ZipProblem(xlsxText.missingPart('xl/sharedStrings.xml')));
  return parseSharedStrings(archive, part, wanted);
}

/** A grid's values with its shared strings and computed formulas in place; the formulas not computed are listed. */
function resolveGrid(grid: PendingGrid, strings: Map<number, string>, computed: Map<number, Map<number, CellValue>>): Result<RangeGrid, ReadIssue> {
  const values: CellValue[][] = [];
  const uncomputed: [number, number][] = [];
  for (let r = 0; r < grid.values.length; r++) {
    const row = grid.values[r]!;
    const out: CellValue[] = new Array<CellValue>(row.length);
    for (let c = 0; c < row.length; c++) {
      const value = row[c]!;
      if (value instanceof FormulaCell) {
        const result = computed.get(grid.sheetIndex)?.get(cellKey(grid.top + r, grid.left + c));
        out[c] = result ?? null;
        if (result === undefined) uncomputed.push([r, c]);
        continue;
      }
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
  return ok({ sheet: grid.sheet, top: grid.top, left: grid.left, values, ...(uncomputed.length > 0 ? { uncomputed } : {}) });
}

/**
 * The layout names a workbook defines, each with where it points, the definition that counts
 * picked as the add-in picks it (resolveDefinedName). Excel compares names without case; a
 * definition is valid when it is one area of a sheet the workbook has.
 */
function layoutNames(names: readonly DefinedName[], sheets: readonly { name: string }[]): Map<string, LayoutName> {
  const byName = new Map<string, NameDefinition<DefinedName>[]>();
  for (const defined of names) {
    const key = defined.name.toLowerCase();
    const area = parseSheetArea(defined.text);
    const target = area === undefined ? -1 : findSheet(sheets, area.sheet);
    const definition: NameDefinition<DefinedName> = {
      // A scope index past the sheets is no sheet's: it never counts as a copy on its own sheet.
      scopeSheet: defined.localSheetId === undefined ? undefined : (sheets[defined.localSheetId]?.name ?? ''),
      targetSheet: target >= 0 ? sheets[target]!.name : undefined,
      value: defined,
    };
    byName.set(key, [...(byName.get(key) ?? []), definition]);
  }
  const layout = new Map<string, LayoutName>();
  for (const name of ALL_NAMES) {
    const picked = resolveDefinedName(byName.get(name.toLowerCase()) ?? []);
    if (picked.kind === 'sheet-copies') layout.set(name, { text: picked.values[0]!.text, area: undefined, sheetsInDoubt: picked.sheets });
    else if (picked.kind !== 'absent') layout.set(name, { text: picked.value.text, area: parseSheetArea(picked.value.text) });
  }
  return layout;
}

/** An empty grid for each layout name whose reference is usable, or the names stretched absurdly wide. */
function locateNames(names: Map<string, LayoutName>, sheets: readonly SheetEntry[], limits: ReadLimits): Result<Map<string, PendingGrid>, ReadIssue[]> {
  const grids = new Map<string, PendingGrid>();
  const issues: ReadIssue[] = [];
  const inDoubt = new Set<string>();
  for (const [name, { text, area, sheetsInDoubt }] of names) {
    if (sheetsInDoubt) {
      const key = sheetsInDoubt.join('\u0000');
      if (!inDoubt.has(key)) issues.push({ sheet: sheetsInDoubt[0]!, cell: '', message: xlsxText.sheetCopies(sheetsInDoubt) });
      inDoubt.add(key);
      continue;
    }
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

interface WorkbookPart { sheets: { name: string; rid: string | undefined }[]; names: Map<string, LayoutName>; date1904: boolean }

function parseWorkbookXml(archive: ZipArchive, part: string): Result<WorkbookPart, ZipProblem> {
  return parsePart(archive, part, (xml) => {
    const sheets: { name: string; rid: string | undefined }[] = [];
    const names: DefinedName[] = [];
    let current: DefinedName | undefined;
    let date1904 = false;
    while (xml.next()) {
      if (xml.kind === 'open') {
        if (xml.is('sheet')) sheets.push({ name: decodeEscapes(xml.attribute('name') ?? ''), rid: xml.attribute('id') });
        else if (xml.is('workbookPr')) date1904 = isTrue(xml.attribute('date1904'));
        else if (xml.is('definedName')) {
          const local = xml.attribute('localSheetId');
          current = { name: xml.attribute('name') ?? '', localSheetId: local === undefined ? undefined : Number(local), text: '' };
        }
      } else if (xml.kind === 'close') {
        if (current && xml.is('definedName')) {
          current.text = decodeEscapes(current.text);
          names.push(current);
          current = undefined;
        }
      } else if (current) {
        current.text += xml.value();
      }
    }
    return { sheets, names: layoutNames(names, sheets), date1904 };
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

/** An XML schema boolean: "1" or "true". */
function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

function findSheet(sheets: readonly { name: string }[], name: string): number {
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

/**
 * A formula cell without a saved value: its own formula ("normal"), a follower of a shared formula
 * (`group`, text on the group's first cell), or a kind the reader does not compute (array, data table).
 */
class FormulaCell {
  constructor(readonly kind: 'normal' | 'shared' | 'other', readonly text: string, readonly group: string | undefined) {}
}

type PendingValue = CellValue | SharedRef | FormulaCell;

interface Area { top: number; left: number; bottom: number; right: number }

interface PendingGrid {
  sheet: string;
  sheetIndex: number;
  top: number;
  left: number;
  bottom: number;
  right: number;
  values: PendingValue[][];
}

function newGrid(area: SheetArea, sheetIndex: number): PendingGrid {
  const values: PendingValue[][] = [];
  for (let r = area.top; r <= area.bottom; r++) {
    const row: PendingValue[] = [];
    for (let c = area.left; c <= area.right; c++) row.push(null);
    values.push(row);
  }
  return { sheet: area.sheet, sheetIndex, top: area.top, left: area.left, bottom: area.bottom, right: area.right, values };
}

/**
 * Excel's serial day number, in the workbook's date system, of an ISO date cell (type "d",
 * written by a few programs), as a Vietnam calendar date whatever the machine's time zone (see
 * isoDateDayCount). Text that is not an ISO date is kept as it is.
 */
function isoDateToSerial(text: string, date1904: boolean): CellValue {
  const days = isoDateDayCount(text);
  return days === undefined ? text : plainSerialToSystem(days, date1904);
}

interface SheetCells {
  /** Every cell of the sheet (<c> elements), read or not. */
  count: number;
  /** The cells inside the areas asked for that hold a value or a formula, in the order of the sheet. */
  found: { row: number; col: number; value: PendingValue }[];
  /** The text and first cell of each shared formula (by group) whose first cell is inside the areas. */
  shared: Map<string, { text: string; row: number; col: number }>;
}

/**
 * The cells of `areas` on a sheet. `charge`: the sheet's cells count against the file's budget
 * (the first time the sheet is read, not when it is read again for the cells formulas refer to).
 */
function parseSheet(context: ReadContext, sheet: SheetEntry, areas: readonly Area[], charge: boolean): Result<SheetCells, ReadIssue> {
  const { limits, cellBudget: budget } = context;
  const issue = (message: string): ReadIssue => ({ sheet: sheet.name, cell: '', message });
  const tooMany = () => new ZipProblem(xlsxText.tooManyCells(sheet.name, limits.maxCells));
  const key = `${context.date1904 ? '1904 ' : ''}${areas.map((g) => `${g.top}:${g.left}:${g.bottom}:${g.right}`).join(' ')}`;
  const parsed = parsePart(context.archive, sheet.part!, (xml) => {
    const empty: SheetCells = { count: 0, found: [], shared: new Map() };
    // The root, then its sheetData: the views, columns and formatting before it are skipped.
    if (!xml.next()) return empty;
    while (xml.next() && xml.depth >= 1) {
      if (xml.kind !== 'open') continue;
      if (xml.is('sheetData')) break;
      xml.skipElement();
    }
    if (xml.kind !== 'open' || !xml.is('sheetData')) return empty;
    // Every cell counts against the cap, read or skipped: a sheet of millions is refused before its rows are read.
    const count = xml.countAhead(`${xml.prefix()}c`);
    if (charge && count > budget.left) return tooMany();
    const shared: SheetCells['shared'] = new Map();
    return { count, found: readRows(xml, areas, shared, context.date1904), shared };
  }, { table: knownSheets, key });
  if (!parsed.ok) return err(issue(parsed.error.message));
  if (!charge) return parsed;
  budget.left -= parsed.value.count;
  if (budget.left < 0) return err(issue(tooMany().message));
  return parsed;
}

/**
 * From just after <sheetData>: the cells inside the areas that hold a value or a formula. Rows
 * outside every area are jumped over, and once past the last of them the reading stops.
 */
function readRows(xml: XmlScanner, areas: readonly Area[], shared: SheetCells['shared'], date1904: boolean): SheetCells['found'] {
  const found: SheetCells['found'] = [];
  const lastRow = Math.max(...areas.map((g) => g.bottom));
  const inRow = (row: number) => areas.some((g) => row >= g.top && row <= g.bottom);
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
      const at = reference === undefined ? undefined : parseCellAddress(reference);
      col = at ? at.col : col + 1;
      if (at) row = at.row;
      if (!areas.some((g) => row >= g.top && row <= g.bottom && col >= g.left && col <= g.right)) {
        xml.skipElement();
        continue;
      }
      const type = xml.attribute('t') ?? 'n';
      const cell = cellContent(xml);
      if (cell.formula?.group !== undefined && cell.formula.text !== '' && cell.formula.kind === 'shared') {
        shared.set(cell.formula.group, { text: cell.formula.text, row, col });
      }
      const value = cell.text === undefined ? undefined : cellValue(type, cell.text, date1904);
      const saved = value !== undefined && (value !== null || type === 'str' || type === 'inlineStr');
      if (cell.formula && !saved) found.push({ row, col, value: new FormulaCell(cell.formula.kind, cell.formula.text, cell.formula.group) });
      else if (value !== undefined) found.push({ row, col, value });
    }
  }
  return found;
}

interface CellFormula { kind: 'normal' | 'shared' | 'other'; text: string; group: string | undefined }

/**
 * A cell's content, from just after its start tag through its end tag: the text of its <v> or
 * inline string (<is>), undefined when it has neither, and its formula (<f>) when it has one.
 */
function cellContent(xml: XmlScanner): { text: string | undefined; formula?: CellFormula } {
  const value = xml.onlyChildText('v');
  if (value !== undefined) return { text: value };
  const depth = xml.depth;
  let text: string | undefined;
  let formula: CellFormula | undefined;
  while (xml.next() && xml.depth >= depth) {
    if (xml.kind !== 'open') continue;
    if (xml.is('v')) text = (text ?? '') + elementText(xml, false);
    else if (xml.is('is')) text = (text ?? '') + stringText(xml);
    else if (xml.is('f')) {
      const type = xml.attribute('t') ?? 'normal';
      const group = xml.attribute('si');
      formula = { kind: type === 'normal' ? 'normal' : type === 'shared' ? 'shared' : 'other', text: '', group };
      formula.text = elementText(xml, false);
    }
  }
  return formula ? { text, formula } : { text };
}

/** A string (<si>, <is>) just opened, through its end tag: most are a single <t>. Excel's escapes (_x000D_) decoded. */
function stringText(xml: XmlScanner): string {
  return decodeEscapes(xml.onlyChildText('t') ?? elementText(xml, true));
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

function cellValue(type: string, text: string, date1904: boolean): CellValue | SharedRef {
  switch (type) {
    case 's': {
      const index = Number(text);
      return Number.isInteger(index) && index >= 0 ? new SharedRef(index) : text;
    }
    case 'inlineStr':
      return text;
    case 'str':
      return decodeEscapes(text);
    case 'e':
      return text === '' ? null : text;
    case 'b':
      if (text.trim() === '') return null;
      return text.trim() === '1' || text.trim().toLowerCase() === 'true';
    case 'd':
      return text.trim() === '' ? null : isoDateToSerial(text, date1904);
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
