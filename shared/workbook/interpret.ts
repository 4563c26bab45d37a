import { parseCriteriaSet, criteriaSetHash, type CriteriaRegistry } from '../criteria/load';
import type { CriteriaSet, DossierItem } from '../criteria/schema';
import { DOSSIER_ITEMS } from '../criteria/schema';
import { viRead } from '../i18n/vi';
import { parseScore } from '../scoring/score';
import type { Entry } from '../scoring/evaluate';
import { parseUnitKind, searchKey, unitNameKey } from '../units/identity';
import { normalizeUnitCode } from '../units/codes';
import { remembered } from '../util/memo';
import { COMMUNE_LEVEL_KINDS, UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from '../units/kinds';
import { formatNumberVi, parseLooseNumber } from '../util/numbers';
import {
  DOSSIER_HEADERS, DOSSIER_ITEM_LABELS, HARD_MARK, NAMES, PASS_FAIL_SCORE_HEADER, PRESENT_NO, PRESENT_YES,
  SCORE_HEADERS, SHEETS, TEMPLATE_VERSION, UNIT_FIELDS, UNIT_FIELD_LABELS, type DossierColumn, type ScoreColumn, type UnitField,
} from './layout';
import { cellAddress } from './a1';
import { DAY_MS, EXCEL_EPOCH_MS, serialToDate } from './excelDate';
import { VIETNAM_OFFSET_MS } from '../deadlines/vietnamTime';
import type { CellValue, RangeGrid, WorkbookSnapshot } from './port';

/** A problem in a workbook: where it is and what to do about it (Vietnamese). */
export interface ReadIssue {
  sheet: string;
  cell: string;
  message: string;
}

export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}

export interface UnitInfo {
  /** The unit code (DH_MaDonVi), normalised; '' when the workbook has none. */
  code: string;
  name: string;
  kind: UnitKind | undefined;
  parent: string;
  head: string;
  contact: string;
  phone: string;
  year: number | undefined;
}

export interface ScoreRow {
  number: number;
  entry: Entry;
  raw: CellValue;
  evidence: string;
  scoreCell: CellRef;
  evidenceCell: CellRef | undefined;
}

export interface DossierRow {
  item: DossierItem;
  present: boolean;
  documentNumber: string;
  documentDate: string;
  presentCell: CellRef | undefined;
  documentNumberCell: CellRef | undefined;
  documentDateCell: CellRef | undefined;
}

export interface ScoringWorkbook {
  set: CriteriaSet;
  setHash: string;
  unit: UnitInfo;
  unitCells: Partial<Record<UnitField, CellRef>>;
  /** One row per criterion of the set, in the set's order. */
  scores: ScoreRow[];
  dossier: DossierRow[];
}

export interface Interpretation {
  /** Undefined when the workbook cannot be understood at all (not a scoring workbook, set unknown). */
  workbook: ScoringWorkbook | undefined;
  errors: ReadIssue[];
  warnings: ReadIssue[];
}

export function entriesOf(workbook: ScoringWorkbook): Map<number, Entry> {
  return new Map(workbook.scores.map((row) => [row.number, row.entry]));
}

export function dossierOf(workbook: ScoringWorkbook): Partial<Record<DossierItem, boolean>> {
  return Object.fromEntries(workbook.dossier.map((row) => [row.item, row.present]));
}

/**
 * Understands a scoring workbook from the values of its defined names. Everything that would make
 * a result wrong is an error with its sheet and cell; what is merely incomplete is a warning.
 */
export function interpretWorkbook(snapshot: WorkbookSnapshot, registry?: CriteriaRegistry): Interpretation {
  const errors: ReadIssue[] = [];
  const warnings: ReadIssue[] = [];
  const fail = (): Interpretation => ({ workbook: undefined, errors, warnings });

  const versionRange = snapshot.ranges[NAMES.templateVersion];
  if (!versionRange || !snapshot.ranges[NAMES.scoreTable]) {
    errors.push({ sheet: SHEETS.scores, cell: '', message: viRead.notScoringWorkbook });
    return fail();
  }
  // A formula the file saved no value for and the reader could not compute is never read as empty.
  const unknown = uncomputedCells(snapshot);
  if (unknown.length > 0) {
    errors.push(...unknown);
    return fail();
  }
  const version = cleanText(versionRange.values[0]?.[0]);
  if (version !== TEMPLATE_VERSION) {
    errors.push({ ...at(versionRange, 0, 0), message: viRead.templateVersion(version, TEMPLATE_VERSION) });
    return fail();
  }

  const embedded = readEmbeddedSet(snapshot, registry, errors);
  if (!embedded) return fail();
  const { set, hash } = embedded;

  const { unit, unitCells } = readUnit(snapshot, set, errors, warnings);
  const scores = readScores(snapshot, set, errors, warnings);
  const dossier = readDossier(snapshot, errors, warnings);
  if (!scores) return fail();
  return { workbook: { set, setHash: hash, unit, unitCells, scores, dossier }, errors, warnings };
}

/**
 * Parses and hashes an embedded set's JSON, remembering the last few: a province's hundreds of
 * workbooks embed the same two or three sets, and parsing plus hashing one costs about as much
 * as reading the rest of the workbook. The same text always gives the same set (never mutated).
 */
const embeddedSets = new Map<string, { set: CriteriaSet; hash: string } | null>();
const EMBEDDED_SETS_KEPT = 16;

function parseEmbeddedSet(json: string): { set: CriteriaSet; hash: string } | undefined {
  return remembered(embeddedSets, json, () => {
    let document: unknown;
    try {
      document = JSON.parse(json);
    } catch {
      return null; // not JSON: the caller reports the set as broken
    }
    const parsed = parseCriteriaSet(document);
    return parsed.ok ? { set: parsed.value, hash: criteriaSetHash(parsed.value) } : null;
  }, EMBEDDED_SETS_KEPT) ?? undefined;
}

function readEmbeddedSet(snapshot: WorkbookSnapshot, registry: CriteriaRegistry | undefined, errors: ReadIssue[]) {
  const idRange = snapshot.ranges[NAMES.setId];
  const versionRange = snapshot.ranges[NAMES.setVersion];
  const hashRange = snapshot.ranges[NAMES.setHash];
  const jsonRange = snapshot.ranges[NAMES.setJson];
  const missing = ([
    [NAMES.setId, idRange], [NAMES.setVersion, versionRange], [NAMES.setHash, hashRange], [NAMES.setJson, jsonRange],
  ] as const).filter(([, range]) => !range);
  if (missing.length > 0) {
    for (const [name] of missing) errors.push({ sheet: SHEETS.criteriaSet, cell: '', message: viRead.missingName(NAME_DESCRIPTIONS[name]!) });
    return undefined;
  }
  const id = cleanText(idRange!.values[0]?.[0]);
  const version = cleanText(versionRange!.values[0]?.[0]);
  const statedHash = cleanText(hashRange!.values[0]?.[0]);
  const json = jsonRange!.values.map((row) => (typeof row[0] === 'string' ? row[0] : '')).join('');
  const where = at(jsonRange!, 0, 0);

  const embedded = parseEmbeddedSet(json);
  if (!embedded) {
    errors.push({ ...where, message: viRead.setJsonBroken });
    return undefined;
  }
  const { set, hash } = embedded;
  if (hash !== statedHash || set.id !== id || set.version !== version) {
    errors.push({ ...at(hashRange!, 0, 0), message: viRead.setHashMismatch });
    return undefined;
  }
  if (registry) {
    const known = registry.find(id, version);
    if (!known) {
      errors.push({ ...at(idRange!, 0, 0), message: viRead.unknownSet(id, version) });
      return undefined;
    }
    if (criteriaSetHash(known) !== hash) {
      errors.push({ ...at(hashRange!, 0, 0), message: viRead.setDiffersFromRegistry(id, version) });
      return undefined;
    }
  }
  return { set, hash };
}

function readUnit(snapshot: WorkbookSnapshot, set: CriteriaSet, errors: ReadIssue[], warnings: ReadIssue[]) {
  const unitCells: Partial<Record<UnitField, CellRef>> = {};
  const values: Partial<Record<UnitField, CellValue>> = {};
  for (const field of UNIT_FIELDS) {
    const range = snapshot.ranges[NAMES.unit[field]];
    if (!range) {
      errors.push({ sheet: SHEETS.unit, cell: '', message: viRead.missingName(NAME_DESCRIPTIONS[NAMES.unit[field]]!) });
      continue;
    }
    unitCells[field] = { sheet: range.sheet, row: range.top, col: range.left };
    values[field] = range.values[0]?.[0] ?? null;
  }
  const where = (field: UnitField) => {
    const ref = unitCells[field];
    return ref ? { sheet: ref.sheet, cell: cellAddress(ref.row, ref.col) } : { sheet: SHEETS.unit, cell: '' };
  };
  const name = cleanText(values.name);
  if (!name && unitCells.name) errors.push({ ...where('name'), message: viRead.unitNameMissing });

  let kind: UnitKind | undefined;
  const kindText = cleanText(values.kind);
  if (kindText) {
    kind = parseUnitKind(kindText);
    if (!kind) {
      errors.push({ ...where('kind'), message: viRead.unitKindInvalid(kindText, UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]).join(', ')) });
    } else if (!set.unitKinds.includes(kind)) {
      errors.push({ ...where('kind'), message: viRead.unitKindNotInSet(UNIT_KIND_LABELS[kind], set.title) });
    }
  }

  let year: number | undefined;
  const yearText = cleanText(values.year);
  if (yearText) {
    year = /^\d{4}$/u.test(yearText) ? Number(yearText) : undefined;
    if (year === undefined) errors.push({ ...where('year'), message: viRead.yearInvalid(yearText) });
  }
  for (const field of UNIT_FIELDS) {
    // A xã, phường or đặc khu belongs to no commune: its blank "Thuộc xã/phường" is right.
    if (field === 'parent' && kind && COMMUNE_LEVEL_KINDS.includes(kind)) continue;
    if (field !== 'name' && unitCells[field] && !cleanText(values[field])) {
      warnings.push({ ...where(field), message: viRead.unitFieldMissing(UNIT_FIELD_LABELS[field]) });
    }
  }
  const codeRange = snapshot.ranges[NAMES.unitCode];
  const unit: UnitInfo = {
    code: normalizeUnitCode(cleanText(codeRange?.values[0]?.[0] ?? null)),
    name,
    kind,
    parent: cleanText(values.parent),
    head: cleanText(values.head),
    contact: cleanText(values.contact),
    phone: cleanText(values.phone),
    year,
  };
  return { unit, unitCells };
}

function readScores(snapshot: WorkbookSnapshot, set: CriteriaSet, errors: ReadIssue[], warnings: ReadIssue[]): ScoreRow[] | undefined {
  const range = snapshot.ranges[NAMES.scoreTable]!;
  const headers: Record<ScoreColumn, string> = {
    ...SCORE_HEADERS,
    ...(set.scoring.kind === 'pass-fail' ? { score: PASS_FAIL_SCORE_HEADER } : {}),
  };
  const columns = mapColumns(range, headers, ['number', 'title', 'maxPoints', 'score'], errors);
  if (!columns) return undefined;

  const rows = new Map<number, ScoreRow>();
  const byNumber = new Map(set.criteria.map((c) => [c.number, c]));
  range.values.slice(1).forEach((cells, index) => {
    const r = index + 1;
    const cell = (col: ScoreColumn) => (columns[col] === undefined ? null : cells[columns[col]!] ?? null);
    const where = (col: ScoreColumn) => at(range, r, columns[col] ?? 0);
    const numberText = cleanText(cell('number'));
    if (!numberText) {
      if (cleanText(cell('score'))) errors.push({ ...where('score'), message: viRead.rowWithoutNumber });
      return;
    }
    const criterion = /^\d+$/u.test(numberText) ? byNumber.get(Number(numberText)) : undefined;
    if (!criterion) {
      errors.push({ ...where('number'), message: viRead.numberNotInSet(numberText) });
      return;
    }
    if (rows.has(criterion.number)) {
      errors.push({ ...where('number'), message: viRead.numberDuplicated(criterion.number) });
      return;
    }
    if (unitNameKey(cleanText(cell('title'))) !== unitNameKey(criterion.title)) {
      errors.push({ ...where('title'), message: viRead.criterionTextEdited(criterion.number) });
    }
    const max = cell('maxPoints');
    if (parseLooseNumber(typeof max === 'boolean' ? null : max) !== criterion.maxPoints) {
      errors.push({ ...where('maxPoints'), message: viRead.criterionMaxEdited(criterion.number, formatNumberVi(criterion.maxPoints)) });
    }
    if (columns.hard !== undefined && isMarked(cell('hard')) !== criterion.hard) {
      errors.push({ ...where('hard'), message: viRead.criterionHardEdited(criterion.number) });
    }
    const raw = cell('score');
    const parsed = parseScore(set, criterion, raw);
    if (!parsed.ok) errors.push({ ...where('score'), message: parsed.error });
    // A number kept as text ("3.5" typed on a Vietnamese system): read, but the workbook's own
    // total leaves it out, so the clerk sees another total than the receipt's unless told why.
    else if (parsed.value !== undefined && set.scoring.kind === 'points' && typeof raw === 'string') {
      warnings.push({ ...where('score'), message: viRead.scoreStoredAsText(raw.trim(), parsed.value) });
    }
    const entry: Entry = !parsed.ok
      ? { kind: 'invalid', message: parsed.error }
      : parsed.value === undefined ? { kind: 'empty' } : { kind: 'scored', score: parsed.value };
    rows.set(criterion.number, {
      number: criterion.number,
      entry,
      raw,
      evidence: cleanText(cell('evidence')),
      scoreCell: ref(range, r, columns.score!),
      evidenceCell: columns.evidence === undefined ? undefined : ref(range, r, columns.evidence),
    });
  });

  const result: ScoreRow[] = [];
  for (const criterion of set.criteria) {
    const row = rows.get(criterion.number);
    if (row) result.push(row);
    else errors.push({ sheet: range.sheet, cell: rangeAddress(range), message: viRead.criterionDeleted(criterion.number) });
  }
  return result;
}

function readDossier(snapshot: WorkbookSnapshot, errors: ReadIssue[], warnings: ReadIssue[]): DossierRow[] {
  const range = snapshot.ranges[NAMES.dossierTable];
  const absent = (item: DossierItem): DossierRow => ({
    item, present: false, documentNumber: '', documentDate: '',
    presentCell: undefined, documentNumberCell: undefined, documentDateCell: undefined,
  });
  if (!range) {
    errors.push({ sheet: SHEETS.dossier, cell: '', message: viRead.missingName(NAME_DESCRIPTIONS[NAMES.dossierTable]!) });
    return DOSSIER_ITEMS.map(absent);
  }
  const columns = mapColumns(range, DOSSIER_HEADERS, ['item', 'present'], errors);
  if (!columns) return DOSSIER_ITEMS.map(absent);
  const itemByKey = new Map(DOSSIER_ITEMS.map((item) => [searchKey(DOSSIER_ITEM_LABELS[item]), item]));
  const found = new Map<DossierItem, DossierRow>();
  range.values.slice(1).forEach((cells, index) => {
    const r = index + 1;
    const cell = (col: DossierColumn) => (columns[col] === undefined ? null : cells[columns[col]!] ?? null);
    const item = itemByKey.get(searchKey(cleanText(cell('item'))));
    if (!item || found.has(item)) return;
    const presentText = cleanText(cell('present'));
    const present = isMarked(cell('present'));
    // A checkbox (Excel, Google Sheets) is TRUE or FALSE: FALSE is "Chưa có", as an empty cell.
    if (presentText && !present && !NOT_MARKED.has(searchKey(presentText))) {
      errors.push({ ...at(range, r, columns.present!), message: viRead.dossierPresentInvalid(presentText) });
    } else if (presentText && !present) {
      warnings.push({ ...at(range, r, columns.present!), message: viRead.dossierItemNotPresent(DOSSIER_ITEM_LABELS[item]) });
    }
    const optionalRef = (col: DossierColumn) => (columns[col] === undefined ? undefined : ref(range, r, columns[col]!));
    found.set(item, {
      item,
      present,
      documentNumber: cleanText(cell('documentNumber')),
      documentDate: dateText(cell('documentDate'), snapshot.date1904 === true),
      presentCell: optionalRef('present'),
      documentNumberCell: optionalRef('documentNumber'),
      documentDateCell: optionalRef('documentDate'),
    });
  });
  return DOSSIER_ITEMS.map((item) => {
    const row = found.get(item);
    if (row) return row;
    warnings.push({ sheet: range.sheet, cell: rangeAddress(range), message: viRead.dossierItemMissing(DOSSIER_ITEM_LABELS[item]) });
    return absent(item);
  });
}

/** Finds each column by its header text, tolerating case, spacing, NFD and moved columns. */
function mapColumns<C extends string>(
  range: RangeGrid, headers: Record<C, string>, required: readonly NoInfer<C>[], errors: ReadIssue[],
): Partial<Record<C, number>> | undefined {
  const headerRow = range.values[0] ?? [];
  // Each header cell's key once, not once per expected header (this runs for every workbook read).
  const headerKeys = headerRow.map((value) => searchKey(cleanText(value)));
  const columns: Partial<Record<C, number>> = {};
  for (const [column, header] of Object.entries(headers) as [C, string][]) {
    const index = headerKeys.indexOf(searchKey(header));
    if (index >= 0) columns[column] = index;
  }
  const missing = required.filter((column) => columns[column] === undefined);
  for (const column of missing) {
    errors.push({ sheet: range.sheet, cell: `${cellAddress(range.top, range.left)}:${cellAddress(range.top, range.left + Math.max(0, headerRow.length - 1))}`, message: viRead.columnMissing(headers[column]) });
  }
  return missing.length > 0 ? undefined : columns;
}

const SCORE_HEADERS_USED = [SCORE_HEADERS.number, SCORE_HEADERS.title, SCORE_HEADERS.hard, SCORE_HEADERS.maxPoints, SCORE_HEADERS.score, PASS_FAIL_SCORE_HEADER, SCORE_HEADERS.evidence];
const MARKED = new Set([searchKey(HARD_MARK), searchKey(PRESENT_YES), 'true', '1', 'yes', 'da co', 'dat', 'x']);
/** What a clerk or a checkbox writes for "not yet": read as "Chưa có". */
const NOT_MARKED = new Set([searchKey(PRESENT_NO), 'khong', 'false', '0', 'no']);

/** Each layout name as a clerk knows that part of the form (a message never shows a name's internals). */
const NAME_DESCRIPTIONS: Record<string, string> = {
  ...Object.fromEntries(UNIT_FIELDS.map((field) => [NAMES.unit[field], `ô "${UNIT_FIELD_LABELS[field]}" (trang "${SHEETS.unit}")`])),
  [NAMES.scoreTable]: `bảng chấm điểm (trang "${SHEETS.scores}")`,
  [NAMES.total]: `ô tổng điểm (trang "${SHEETS.scores}")`,
  [NAMES.dossierTable]: `bảng hồ sơ (trang "${SHEETS.dossier}")`,
  [NAMES.setId]: `mã bộ tiêu chí (trang "${SHEETS.criteriaSet}")`,
  [NAMES.setVersion]: `phiên bản bộ tiêu chí (trang "${SHEETS.criteriaSet}")`,
  [NAMES.setHash]: `mã kiểm tra bộ tiêu chí (trang "${SHEETS.criteriaSet}")`,
  [NAMES.setJson]: `dữ liệu bộ tiêu chí (trang "${SHEETS.criteriaSet}")`,
  [NAMES.templateVersion]: `phiên bản mẫu (trang "${SHEETS.criteriaSet}")`,
};

/**
 * The columns of each table whose values the reading uses; every cell of the other names is used,
 * but for the total, which is recomputed (the template writes it as a formula).
 */
const USED_COLUMNS: Partial<Record<string, readonly string[]>> = {
  [NAMES.scoreTable]: [...SCORE_HEADERS_USED],
  [NAMES.dossierTable]: [DOSSIER_HEADERS.item, DOSSIER_HEADERS.present, DOSSIER_HEADERS.documentNumber, DOSSIER_HEADERS.documentDate],
};

/**
 * An error for each formula cell the reading uses whose value the file did not save and the
 * reader could not compute (see RangeGrid.uncomputed). In a table a column counts by its header.
 */
function uncomputedCells(snapshot: WorkbookSnapshot): ReadIssue[] {
  const issues: ReadIssue[] = [];
  for (const [name, range] of Object.entries(snapshot.ranges)) {
    if (!range?.uncomputed || name === NAMES.total) continue;
    const used = USED_COLUMNS[name];
    const usedKeys = used && new Set(used.map((header) => searchKey(header)));
    for (const [r, c] of range.uncomputed) {
      const header = searchKey(cleanText(range.values[0]?.[c]));
      if (usedKeys && r > 0 && !usedKeys.has(header)) continue;
      const where = at(range, r, c);
      issues.push({ ...where, message: viRead.formulaWithoutValue(where.cell, where.sheet) });
    }
  }
  return issues;
}

function isMarked(value: CellValue): boolean {
  if (value === true) return true;
  if (value === 1) return true;
  return MARKED.has(searchKey(cleanText(value)));
}

function cleanText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  // A number or a boolean prints as ASCII without spaces: nothing to clean.
  if (typeof value !== 'string') return String(value);
  // Every cell of every read is cleaned, and a province's workbooks repeat the same short texts.
  return value.length > LONGEST_REMEMBERED ? clean(value) : remembered(cleanTexts, value, () => clean(value));
}

function clean(value: string): string {
  const text = value.normalize('NFC');
  // Most texts are already clean; testing for that costs a fraction of the replacement.
  return UNCLEAN_SPACE.test(text) ? text.replace(/\s+/gu, ' ').trim() : text;
}

const cleanTexts = new Map<string, string>();
const LONGEST_REMEMBERED = 1024;

/** White space that cleanText changes: other than single spaces between words. */
const UNCLEAN_SPACE = /[^\S ]| {2}|^ | $/u;


/** An ISO 8601 date, with an optional time and an optional zone. */
const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/u;

/**
 * The day count from 30 December 1899 (a fraction for the time; see plainSerialToSystem for the
 * serial of a workbook's date system) of an ISO date read as a
 * Vietnam calendar date and time, whatever the machine's time zone: a time with a zone ("Z",
 * "+00:00") is moved to Vietnam's time, one without is Vietnam's already. Undefined when the text
 * is not an ISO date of the calendar.
 */
export function isoDateDayCount(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (Number(h) > 24 || Number(mi) > 59 || Number(s) > 60) return undefined;
  let time = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s)) + Math.round(Number(`0.${fraction || '0'}`) * 1000);
  if (zone !== undefined) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offset = zone === 'Z' ? 0 : sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.replace(':', '').slice(3, 5) || '0')) * 60_000;
    time = time - offset + VIETNAM_OFFSET_MS;
  }
  return (time - EXCEL_EPOCH_MS) / DAY_MS;
}

/**
 * A date as people read it, dd/mm/yyyy, on Vietnam's calendar whatever the machine's time zone:
 * an Excel serial number (in the workbook's date system: `date1904` for Excel for Mac's old one),
 * or an ISO date typed or pasted as text (see isoDateDayCount). Other text is returned cleaned.
 */
export function dateText(value: CellValue, date1904 = false): string {
  if (typeof value === 'number' && value > 0 && value < 2958466) return ddmmyyyy(serialToDate(value, date1904));
  const text = cleanText(value);
  const plain = isoDateDayCount(text);
  return plain === undefined ? text : ddmmyyyy(new Date(Math.round(plain * DAY_MS + EXCEL_EPOCH_MS)));
}

function ddmmyyyy(date: Date): string {
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getUTCFullYear()}`;
}

function ref(range: RangeGrid, r: number, c: number): CellRef {
  return { sheet: range.sheet, row: range.top + r, col: range.left + c };
}

function at(range: RangeGrid, r: number, c: number): { sheet: string; cell: string } {
  return { sheet: range.sheet, cell: cellAddress(range.top + r, range.left + c) };
}

function rangeAddress(range: RangeGrid): string {
  const width = Math.max(1, ...range.values.map((row) => row.length));
  return `${cellAddress(range.top, range.left)}:${cellAddress(range.top + Math.max(0, range.values.length - 1), range.left + width - 1)}`;
}
