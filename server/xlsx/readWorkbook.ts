/**
 * The server's fast, bounded reader of scoring workbooks. It opens the zip from its central
 * directory, inflates only xl/workbook.xml, its relationships, the worksheets the layout's defined
 * names point to and the shared strings those cells use, and parses them with a SAX parser, keeping only
 * the cells inside the named ranges. Every size is capped; a bad file is an error value in
 * Vietnamese, never an exception.
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
import { attribute, parseXmlPart, selectSharedStrings, selectSheetRows, type XmlHandler } from './xml';
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
  const bounds = { ...DEFAULT_READ_LIMITS, ...limits };
  const refused = refuseByBytes(bytes, bounds);
  if (refused) return err([fileIssue(refused)]);
  const opened = await openZip(bytes, bounds);
  if (!opened.ok) return err([fileIssue(opened.error.message)]);
  const archive = opened.value;
  try {
    return readArchive(archive, bounds);
  } finally {
    archive.close();
  }
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

function readArchive(archive: ZipArchive, limits: ReadLimits): Result<WorkbookSnapshot, ReadIssue[]> {
  const workbookPart = findWorkbookPart(archive);
  if (!workbookPart.ok) return err([fileIssue(workbookPart.error)]);

  const workbook = parseWorkbookXml(archive, workbookPart.value);
  if (!workbook.ok) return err([fileIssue(workbook.error.message)]);

  const relsPart = archive.find(relationshipsPartOf(workbookPart.value));
  if (!relsPart) return err([fileIssue(xlsxText.missingPart(relationshipsPartOf(workbookPart.value)))]);
  const rels = parseRelationships(archive, relsPart);
  if (!rels.ok) return err([fileIssue(rels.error.message)]);

  const sheets: SheetEntry[] = workbook.value.sheets.map(({ name, rid }) => {
    const target = rid === undefined ? undefined : rels.value.byId.get(rid);
    return { name, part: target === undefined ? undefined : archive.find(resolveTarget(workbookPart.value, target)) };
  });

  // Where each layout name points.
  const areas = new Map<string, AreaReference & { sheetIndex: number }>();
  const issues: ReadIssue[] = [];
  const byName = new Map<string, DefinedName[]>();
  for (const defined of workbook.value.names) {
    const key = defined.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), defined]);
  }
  for (const name of ALL_NAMES) {
    const defined = pickDefinedName(byName.get(name.toLowerCase()) ?? []);
    if (!defined) continue;
    const area = parseAreaReference(defined.text);
    // An unusable reference (#REF!, several areas) counts as a missing name; interpret says which.
    if (!area) continue;
    const sheetIndex = findSheet(sheets, area.sheet);
    if (sheetIndex < 0) continue;
    if ((area.bottom - area.top + 1) * (area.right - area.left + 1) > limits.maxRangeCells) {
      issues.push({ sheet: sheets[sheetIndex]!.name, cell: '', message: xlsxText.rangeTooLarge(name, defined.text.trim()) });
      continue;
    }
    areas.set(name, { ...area, sheetIndex });
  }
  if (issues.length > 0) return err(issues);

  // Read each worksheet once, keeping only the cells inside its names' areas.
  const grids = new Map<string, PendingGrid>();
  for (const [name, area] of areas) grids.set(name, newGrid(area));
  const cellBudget = { left: limits.maxCells };
  const sheetIndexes = [...new Set([...areas.values()].map((a) => a.sheetIndex))].sort((a, b) => a - b);
  for (const sheetIndex of sheetIndexes) {
    const sheet = sheets[sheetIndex]!;
    if (!sheet.part) return err([{ sheet: sheet.name, cell: '', message: xlsxText.missingSheetPart(sheet.name) }]);
    const targets = [...areas.entries()].filter(([, a]) => a.sheetIndex === sheetIndex).map(([name]) => grids.get(name)!);
    const parsed = parseSheet(archive, sheet, targets, cellBudget, limits);
    if (!parsed.ok) return err([parsed.error]);
  }

  // Shared strings last: only the indices those cells use are kept.
  const wanted = new Set<number>();
  for (const grid of grids.values()) for (const row of grid.values) for (const v of row) if (v instanceof SharedRef) wanted.add(v.index);
  let strings = new Map<number, string>();
  if (wanted.size > 0) {
    const target = rels.value.sharedStrings;
    const part = archive.find(target === undefined ? 'xl/sharedStrings.xml' : resolveTarget(workbookPart.value, target));
    if (!part) return err([fileIssue(xlsxText.missingPart('xl/sharedStrings.xml'))]);
    const read = parseSharedStrings(archive, part, wanted);
    if (!read.ok) return err([fileIssue(read.error.message)]);
    strings = read.value;
  }

  const ranges: Partial<Record<string, RangeGrid>> = {};
  for (const [name, grid] of grids) {
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
          return err([{ sheet: grid.sheet, cell: cellAddress(grid.top + r, grid.left + c), message: xlsxText.sharedStringMissing(value.index) }]);
        }
        out[c] = text;
      }
      values.push(out);
    }
    ranges[name] = { sheet: grid.sheet, top: grid.top, left: grid.left, values };
  }
  return ok({ sheetNames: sheets.map((s) => s.name), ranges });
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
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

/** A relationship target is relative to the source part's folder, or absolute from the package root. */
function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(sourcePart), target));
}

function parseWorkbookXml(archive: ZipArchive, part: string) {
  const sheets: { name: string; rid: string | undefined }[] = [];
  const names: DefinedName[] = [];
  let current: DefinedName | undefined;
  const handler: XmlHandler = {
    open(name, attributes) {
      if (name === 'sheet') sheets.push({ name: attribute(attributes, 'name') ?? '', rid: attribute(attributes, 'id') });
      else if (name === 'definedName') {
        const local = attribute(attributes, 'localSheetId');
        current = { name: attribute(attributes, 'name') ?? '', localSheetId: local === undefined ? undefined : Number(local), text: '' };
      }
    },
    close(name) {
      if (name === 'definedName' && current) {
        names.push(current);
        current = undefined;
      }
    },
    text(text) {
      if (current) current.text += text;
    },
  };
  const parsed = parseXmlPart(archive, part, handler);
  return parsed.ok ? ok({ sheets, names }) : parsed;
}

interface Relationships { byId: Map<string, string>; sharedStrings: string | undefined; officeDocument: string | undefined }

function parseRelationships(archive: ZipArchive, part: string): Result<Relationships, ZipProblem> {
  const rels: Relationships = { byId: new Map(), sharedStrings: undefined, officeDocument: undefined };
  const handler: XmlHandler = {
    open(name, attributes) {
      if (name !== 'Relationship') return;
      const id = attribute(attributes, 'Id');
      const target = attribute(attributes, 'Target');
      const type = attribute(attributes, 'Type') ?? '';
      if (target === undefined || attribute(attributes, 'TargetMode') === 'External') return;
      if (id !== undefined) rels.byId.set(id, target);
      if (type.endsWith('/sharedStrings')) rels.sharedStrings = target;
      if (type.endsWith('/officeDocument')) rels.officeDocument = target;
    },
    close() {},
    text() {},
  };
  const parsed = parseXmlPart(archive, part, handler);
  return parsed.ok ? ok(rels) : parsed;
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
  top: number;
  left: number;
  bottom: number;
  right: number;
  values: (CellValue | SharedRef)[][];
}

function newGrid(area: AreaReference): PendingGrid {
  const width = area.right - area.left + 1;
  const values = Array.from({ length: area.bottom - area.top + 1 }, () => new Array<CellValue | SharedRef>(width).fill(null));
  return { sheet: area.sheet, top: area.top, left: area.left, bottom: area.bottom, right: area.right, values };
}

/** Excel's serial day number of an ISO date (cells of type "d", written by a few programs). */
function isoDateToSerial(text: string): CellValue {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : time / 86400000 + 25569;
}

function parseSheet(
  archive: ZipArchive, sheet: SheetEntry, grids: PendingGrid[], budget: { left: number }, limits: ReadLimits,
): Result<void, ReadIssue> {
  // The rows that matter: once past the last of them, the parser stops.
  const lastRow = Math.max(...grids.map((g) => g.bottom));
  let row = 0;
  let col = 0;
  let inCell = false;
  let type = '';
  let capture: 'v' | 'is' | undefined;
  let inPhonetic = false;
  let inT = false;
  let text = '';
  let hasValue = false;
  let targets: PendingGrid[] = [];
  let rowsInOrder = true;

  const handler: XmlHandler = {
    open(name, attributes) {
      if (handler.done) return;
      if (name === 'c') {
        const reference = attributes.r;
        const at = reference === undefined ? undefined : decodeCell(reference);
        col = at ? at.col : col + 1;
        if (at && at.row !== row) row = at.row;
        targets = [];
        for (const grid of grids) {
          if (row >= grid.top && row <= grid.bottom && col >= grid.left && col <= grid.right) targets.push(grid);
        }
        inCell = targets.length > 0;
        type = attributes.t ?? 'n';
        text = '';
        hasValue = false;
        return;
      }
      if (name === 'row') {
        const r = attributes.r === undefined ? row + 1 : Number(attributes.r);
        if (r < row) rowsInOrder = false;
        row = r;
        col = 0;
        // Rows must come in order (ECMA-376); only then can the rest be skipped safely.
        if (rowsInOrder && row > lastRow) handler.done = true;
        return;
      }
      if (!inCell) return;
      if (name === 'v') { capture = 'v'; hasValue = true; }
      else if (name === 'is') { capture = 'is'; hasValue = true; }
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't') inT = true;
    },
    close(name) {
      if (name === 'c') {
        if (inCell && hasValue) {
          const value = cellValue(type, text);
          for (const grid of targets) grid.values[row - grid.top]![col - grid.left] = value;
        }
        inCell = false;
        capture = undefined;
        return;
      }
      if (!inCell) return;
      if (name === 'v' || name === 'is') capture = undefined;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inT = false;
    },
    text(chunk) {
      if (capture === 'v' || (capture === 'is' && inT && !inPhonetic)) text += chunk;
    },
  };
  const parsed = parseXmlPart(archive, sheet.part!, handler, (all) => {
    const selected = selectSheetRows(all, (r) => grids.some((g) => r >= g.top && r <= g.bottom));
    // Every cell counts against the cap, parsed or skipped: a sheet of millions is refused.
    budget.left -= selected.cells;
    if (budget.left < 0) handler.problem = new ZipProblem(xlsxText.tooManyCells(sheet.name, limits.maxCells));
    return selected.xml;
  });
  return parsed.ok ? ok(undefined) : err({ sheet: sheet.name, cell: '', message: parsed.error.message });
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

function parseSharedStrings(archive: ZipArchive, part: string, wanted: Set<number>): Result<Map<number, string>, ZipProblem> {
  const sorted = [...wanted].sort((a, b) => a - b);
  const strings = new Map<number, string>();
  // When only the wanted <si> elements could be cut out, the k-th one parsed is order[k];
  // otherwise every <si> is parsed and counted.
  let order: number[] | undefined;
  let seen = -1;
  let index = -1;
  let keep = false;
  let inT = false;
  let inPhonetic = false;
  let text = '';
  const handler: XmlHandler = {
    open(name) {
      if (name === 'si') {
        seen++;
        index = order ? order[seen]! : seen;
        keep = wanted.has(index);
        text = '';
      } else if (name === 't') inT = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    close(name) {
      if (name === 'si') {
        if (keep) strings.set(index, text);
        keep = false;
      } else if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
    },
    text(chunk) {
      // Rich text is several <r><t> runs: their texts join; phonetic guides (<rPh>) are not the text.
      if (keep && inT && !inPhonetic) text += chunk;
    },
  };
  const parsed = parseXmlPart(archive, part, handler, (all) => {
    const selected = selectSharedStrings(all, sorted);
    if (!selected) return all;
    order = selected.order;
    return selected.xml;
  });
  return parsed.ok ? ok(strings) : parsed;
}
