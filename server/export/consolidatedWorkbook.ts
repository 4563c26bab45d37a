/**
 * The provincial consolidated workbook (bảng tổng hợp), written with the project's small .xlsx
 * writer (worksheet XML as strings, shared styles computed once): a thousand units take a few
 * tens of milliseconds.
 *
 * Several criteria sets: the main sheet has one row per expected unit and one column per
 * criterion number found in any set in use ("Tiêu chí N" is criterion N of the set named on
 * that row); when more than one set is in use, each set also gets its own sheet whose headers
 * carry that set's maximum points and hard flags, listing only the units scored on it. A
 * column per set would make the main sheet unreadable; one sheet per set alone would lose the
 * one-row-per-unit view the province checks completeness with.
 */
import type { Writable } from 'node:stream';
import { REVIEW_STATE_LABELS, type UnitStatus, type UnitsResponse } from '../../shared/api/schemas';
import { countUnits, finalStage } from '../../shared/consolidation/consolidate';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import { DOSSIER_ITEMS, type CriteriaSet } from '../../shared/criteria/schema';
import { formatVnDateTime } from '../../shared/deadlines/vietnamTime';
import { UNIT_KINDS, UNIT_KIND_LABELS } from '../../shared/units/kinds';
import { DOSSIER_ITEM_SHORT, UNIT_CODE_LABEL } from '../../shared/workbook/layout';
import type { UnlistedUnit } from '../../shared/consolidation/fromFiles';
import { writeBuffer } from './output';
import { sheetText, UNLISTED_SHEET, unlistedText } from './text';
import { XlsxWriter, type AlignSpec, type CellValue, type FontSpec, type SheetOptions, type XlsxRow, type XlsxSheet } from './xlsxWriter';
import { rowHeight, wrappedLines } from './xlsxLayout';

const HEADER_ROW = 4;
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

const FONT: FontSpec = { name: 'Times New Roman', size: 10 };
const BOLD: FontSpec = { ...FONT, bold: true };
/** 10 pt Times fits about 1.2 characters per unit of column width (units of the default 11 pt font). */
const CHARS_PER_WIDTH = 1.2;
const LINE_HEIGHT = 13;
const HEADER_ALIGN: AlignSpec = { horizontal: 'center', vertical: 'center', wrap: true };
const HEADER_FILL = 'FFD9E1F2';
/** Excel's own "Bad" style colours: what people already read as a failure. */
const FAIL_FILL = 'FFFFC7CE';
const FAIL_FONT: FontSpec = { ...FONT, color: 'FF9C0006' };
const TOP_WRAP: AlignSpec = { vertical: 'top', wrap: true };
const CENTER: AlignSpec = { horizontal: 'center', vertical: 'top' };
const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
const FOOTER = '&CTrang &P/&N';

/** The styles of the workbook, each computed once. */
function stylesOf(book: XlsxWriter) {
  const cell = (extra: { font?: FontSpec; align?: AlignSpec; numFmt?: string; fill?: string } = {}) =>
    book.style({ font: FONT, border: true, align: TOP_WRAP, ...extra });
  const title = { horizontal: 'center', vertical: 'center', wrap: true } as const;
  return {
    text: cell(),
    center: cell({ align: CENTER }),
    bold: cell({ font: BOLD }),
    failText: cell({ font: FAIL_FONT, fill: FAIL_FILL }),
    score: cell({ numFmt: '0.0', align: CENTER }),
    failScore: cell({ numFmt: '0.0', align: CENTER, font: FAIL_FONT, fill: FAIL_FILL }),
    whole: cell({ numFmt: '0', align: CENTER }),
    wholeBold: cell({ numFmt: '0', align: CENTER, font: BOLD }),
    date: cell({ numFmt: 'dd/mm/yyyy hh:mm' }),
    header: book.style({ font: BOLD, fill: HEADER_FILL, border: true, align: HEADER_ALIGN }),
    headerRotated: book.style({ font: BOLD, fill: HEADER_FILL, border: true, align: { ...HEADER_ALIGN, rotation: 90 } }),
    title: book.style({ font: { ...FONT, size: 14, bold: true }, align: title }),
    subtitle: book.style({ font: { ...FONT, italic: true }, align: title }),
    note: book.style({ font: { ...FONT, italic: true } }),
  };
}
type Styles = ReturnType<typeof stylesOf>;

/** A set in use, by id and version, with the registry's definition when it still knows it. */
interface SetInUse {
  key: string;
  id: string;
  version: string;
  set: CriteriaSet | undefined;
  numbers: number[];
  /** Scored Đạt / Chưa đạt per criterion rather than in points. */
  passFail: boolean;
}

export async function writeConsolidatedWorkbook(
  response: UnitsResponse, sets: CriteriaRegistry, output: Writable | string, unlisted: readonly UnlistedUnit[] = [],
): Promise<void> {
  await writeBuffer(output, consolidatedWorkbookBytes(response, sets, unlisted));
}

/** The consolidated workbook's bytes; `unlisted` (offline, --units) get a sheet of their own. */
export function consolidatedWorkbookBytes(response: UnitsResponse, sets: CriteriaRegistry, unlisted: readonly UnlistedUnit[] = []): Buffer {
  const book = new XlsxWriter();
  const styles = stylesOf(book);
  const used = setsInUse(response, sets);
  writeMainSheet(book, styles, response, used);
  writeSummarySheet(book, styles, response, used);
  if (used.length > 1) used.forEach((s, i) => writeSetSheet(book, styles, response, s, i + 1));
  if (unlisted.length > 0) writeUnlistedSheet(book, styles, unlisted);
  return book.toBuffer();
}

function setKey(id: string | null, version: string | null): string {
  return `${id ?? ''}@${version ?? ''}`;
}

function setsInUse(response: UnitsResponse, registry: CriteriaRegistry): SetInUse[] {
  const found = new Map<string, SetInUse>();
  for (const row of response.units) {
    const result = row.result;
    if (!result || !result.setId) continue;
    const key = setKey(result.setId, result.setVersion);
    let entry = found.get(key);
    if (!entry) {
      const set = registry.find(result.setId, result.setVersion ?? undefined);
      entry = { key, id: result.setId, version: result.setVersion ?? '', set, numbers: set ? set.criteria.map((c) => c.number) : [], passFail: set?.scoring.kind === 'pass-fail' };
      found.set(key, entry);
    }
    for (const s of result.scores) if (!entry.numbers.includes(s.number)) entry.numbers.push(s.number);
  }
  return [...found.values()].sort((a, b) => setTitle(a).localeCompare(setTitle(b), 'vi'));
}

function setTitle(s: SetInUse): string {
  return s.set ? sheetText.setTitle(s.set.title, s.set.version) : sheetText.unknownSet(s.id);
}

function titleRows(sheet: XlsxSheet, styles: Styles, lastCol: number, title: string, subtitle: string): void {
  const first = sheet.row(1);
  first.put(1, title, styles.title);
  first.height = 36;
  first.commit();
  sheet.merge(1, 1, 1, lastCol);
  const second = sheet.row(2);
  second.put(1, subtitle, styles.subtitle);
  second.height = 30;
  second.commit();
  sheet.merge(2, 1, 2, lastCol);
}

/** Header row; the narrow columns (scores, dossier items) have vertical headers so that 30 columns still print on A4. */
function headerRow(sheet: XlsxSheet, styles: Styles, headers: string[], rotated: ReadonlySet<number> = new Set()): void {
  const row = sheet.row(HEADER_ROW);
  headers.forEach((h, i) => row.put(i + 1, h, rotated.has(i + 1) ? styles.headerRotated : styles.header));
  row.height = rotated.size > 0 ? 80 : 45;
  row.commit();
}

function sheetOptions(widths: number[], frozenCols: number, lastRow: number, lastCol: number): SheetOptions {
  return {
    widths,
    freeze: { rows: HEADER_ROW, cols: frozenCols },
    autoFilter: { headerRow: HEADER_ROW, lastRow, lastCol },
    page: { orientation: 'landscape', margins: MARGINS, fitToWidth: true },
    printTitleRows: { from: HEADER_ROW, to: HEADER_ROW },
    footer: FOOTER,
  };
}

/** Excel has no time zones: the instant is written as the Vietnam wall-clock time it was. */
function vietnamWallClock(iso: string): Date {
  return new Date(new Date(iso).getTime() + VIETNAM_OFFSET_MS);
}

/** A verdict's total: whole numbers for a pass-fail set (criteria met), one decimal for points. */
function totalStyle(styles: Styles, s: SetInUse | undefined): number {
  return s?.passFail ? styles.whole : styles.score;
}

/** A criterion's score: "Đạt" / "Chưa đạt" for a pass-fail set, else the points; red when it fails a hard criterion. */
function putScore(row: XlsxRow, col: number, styles: Styles, s: SetInUse | undefined, score: number | null, hardFailed: boolean): void {
  if (score === null) {
    row.put(col, null, styles.score);
    return;
  }
  const passFail = s?.passFail === true;
  const bad = hardFailed || (passFail && score < 1);
  row.put(col, passFail ? (score >= 1 ? sheetText.passed : sheetText.failed) : score, bad ? styles.failScore : styles.score);
}

function writeMainSheet(book: XlsxWriter, styles: Styles, response: UnitsResponse, used: SetInUse[]): void {
  const h = sheetText.headers;
  const numbers = [...new Set(used.flatMap((s) => s.numbers))].sort((a, b) => a - b);
  const single = used.length === 1 ? used[0]!.set : undefined;
  const criterionHeader = (n: number) => {
    const c = single?.criteria.find((x) => x.number === n);
    return c ? h.criterionDetail(n, c.maxPoints, c.hard) : h.criterion(n);
  };
  const headers = [
    h.number, h.name, h.kind, h.parent, h.set,
    ...numbers.map(criterionHeader),
    h.total, h.hard, h.verdict, h.reasons, h.scoreSource,
    ...DOSSIER_ITEMS.map((item) => DOSSIER_ITEM_SHORT[item]),
    h.version, h.submittedAt, h.timing, h.review, h.deadline, UNIT_CODE_LABEL,
  ];
  // Tight widths: A4 landscape fitted to one page wide must stay legible.
  const widths = [4, 24, 10, 14, 6, ...numbers.map(() => 5.5), 6.5, 9, 11, 36, 8, ...DOSSIER_ITEMS.map(() => 4.5), 5, 11, 10, 10, 14, 10];
  const first = 6;
  const rotated = new Set([
    ...numbers.map((_, i) => first + i),
    ...DOSSIER_ITEMS.map((_, i) => first + numbers.length + 5 + i),
  ]);
  const lastRow = HEADER_ROW + response.units.length;
  const sheet = book.addSheet(sheetText.consolidatedSheet, sheetOptions(widths, 2, lastRow, headers.length));
  const { counts } = response;
  const subtitle = [
    sheetText.generated(formatVnDateTime(new Date(response.generatedAt)), counts.expected, counts.valid, counts.eligible),
    ...used.map((s, i) => `${sheetText.setShort(i + 1)}: ${setTitle(s)}.`),
    ...(used.length > 1 ? [sheetText.setsNote(used.length)] : []),
    ...(used.some((s) => s.set?.draft) ? [sheetText.draftSet] : []),
  ].join(' ');
  titleRows(sheet, styles, headers.length, sheetText.title(response.year), subtitle);
  headerRow(sheet, styles, headers, rotated);

  const bySet = new Map(used.map((s) => [s.key, s]));
  const setLabels = new Map(used.map((s, i) => [s.key, sheetText.setShort(i + 1)]));
  response.units.forEach((unit, index) => {
    const row = sheet.row(HEADER_ROW + 1 + index);
    let col = 1;
    let lines = 1;
    const next = (value: CellValue, style: number) => {
      if (typeof value === 'string') lines = Math.max(lines, wrappedLines(value, widths[col - 1] ?? 10, CHARS_PER_WIDTH));
      row.put(col++, value, style);
    };
    const result = unit.result;
    const final = finalStage(unit);
    const setInUse = result ? bySet.get(setKey(result.setId, result.setVersion)) : undefined;
    next(index + 1, styles.center);
    next(unit.unit.name, styles.text);
    next(UNIT_KIND_LABELS[unit.unit.kind], styles.text);
    next(unit.unit.parent, styles.text);
    next(setInUse ? setLabels.get(setInUse.key)! : '', styles.center);
    const scores = new Map((result?.scores ?? []).map((s) => [s.number, s]));
    const failed = new Set(unit.verdict?.hardFailures ?? []);
    for (const n of numbers) {
      const s = scores.get(n);
      if (!s || s.score === null) next(null, styles.text);
      else putScore(row, col++, styles, setInUse, s.score, failed.has(n));
    }
    next(unit.verdict?.total ?? null, totalStyle(styles, setInUse));
    if (unit.verdict) {
      const hard = unit.verdict.hardFailures;
      next(hard.length === 0 ? sheetText.hardMet : sheetText.hardFailed(hard), hard.length > 0 ? styles.failText : styles.text);
      next(unit.verdict.eligible ? sheetText.eligible : sheetText.notEligible, styles.bold);
      next(unit.verdict.reasons.join('\n'), styles.text);
      next(unit.appraised ? sheetText.appraisal : sheetText.selfScore, styles.text);
      for (const item of DOSSIER_ITEMS) next(result?.dossier[item] === true ? sheetText.present : sheetText.absent, styles.center);
    } else {
      next(null, styles.text);
      next(final.status === 'invalid' ? sheetText.invalidOnly : sheetText.notSubmitted, styles.bold);
      next(final.status === 'invalid' ? sheetText.invalidOnlyReason : sheetText.notSubmittedReason, styles.text);
      next(null, styles.text);
      for (let i = 0; i < DOSSIER_ITEMS.length; i++) next(null, styles.text);
    }
    const counted = final.status === 'on-time' || final.status === 'late';
    next(counted ? final.versions : null, styles.center);
    next(final.submittedAt ? vietnamWallClock(final.submittedAt) : null, styles.date);
    next(final.status === 'on-time' ? sheetText.onTime : final.status === 'late' ? sheetText.late(final.daysLate) : '', styles.text);
    next(final.review ? REVIEW_STATE_LABELS[final.review] : final.status === 'not-submitted' ? '' : sheetText.notReviewed, styles.text);
    next(unit.risk.label, styles.text);
    next(unit.unit.code, styles.text);
    row.height = rowHeight(lines, LINE_HEIGHT);
    row.commit();
  });
}

/** Files of units not on the list: apart, and said to be never counted, ranked or proposed. */
function writeUnlistedSheet(book: XlsxWriter, styles: Styles, unlisted: readonly UnlistedUnit[]): void {
  const headers = [...unlistedText.headers];
  const sheet = book.addSheet(UNLISTED_SHEET, {
    widths: [5, 14, 34, 14, 20, 12, 50],
    freeze: { rows: HEADER_ROW },
    page: { orientation: 'landscape', margins: MARGINS, fitToWidth: true },
    printTitleRows: { from: HEADER_ROW, to: HEADER_ROW },
  });
  titleRows(sheet, styles, headers.length, unlistedText.title, unlistedText.note);
  headerRow(sheet, styles, headers);
  unlisted.forEach((u, index) => {
    const row = sheet.row(HEADER_ROW + 1 + index);
    row.put(1, index + 1, styles.center);
    row.put(2, u.code, styles.text);
    row.put(3, u.name, styles.text);
    row.put(4, u.kind ? UNIT_KIND_LABELS[u.kind] : '', styles.text);
    row.put(5, u.parent, styles.text);
    row.put(6, u.result.total, styles.score);
    row.put(7, u.files.join('\n'), styles.text);
    row.height = rowHeight(Math.max(1, u.files.length), LINE_HEIGHT);
    row.commit();
  });
}

function writeSummarySheet(book: XlsxWriter, styles: Styles, response: UnitsResponse, used: SetInUse[]): void {
  const h = sheetText.summaryHeaders;
  const headers = [h.kind, h.expected, h.submitted, h.valid, h.eligible, h.late, h.missing];
  const kinds = UNIT_KINDS.filter((kind) => response.units.some((u) => u.unit.kind === kind));
  const lastRow = HEADER_ROW + kinds.length + 1;
  const sheet = book.addSheet(sheetText.summarySheet, {
    widths: [22, 12, 12, 12, 14, 12, 16],
    freeze: { rows: HEADER_ROW },
    page: { orientation: 'portrait', margins: MARGINS, fitToWidth: true },
    printTitleRows: { from: HEADER_ROW, to: HEADER_ROW },
  });
  titleRows(sheet, styles, headers.length, sheetText.summaryTitle(response.year), formatVnDateTime(new Date(response.generatedAt)));
  headerRow(sheet, styles, headers);
  const countRow = (rowNumber: number, label: string, c: ReturnType<typeof countUnits>, bold: boolean) => {
    const row = sheet.row(rowNumber);
    row.put(1, label, bold ? styles.bold : styles.text);
    [c.expected, c.submitted, c.valid, c.eligible, c.late, c.missing].forEach((value, i) => row.put(i + 2, value, bold ? styles.wholeBold : styles.whole));
    row.commit();
  };
  kinds.forEach((kind, i) => countRow(HEADER_ROW + 1 + i, UNIT_KIND_LABELS[kind], countUnits(response.units.filter((u) => u.unit.kind === kind)), false));
  countRow(lastRow, h.total, response.counts, true);
  const notes = [
    sheetText.targetNote(response.counts.eligible, response.yearlyTarget),
    ...used.map((s, i) => `${sheetText.setShort(i + 1)}: ${setTitle(s)}${s.set?.draft ? ` — ${sheetText.draftSet}` : ''}`),
  ];
  notes.forEach((note, i) => {
    const row = sheet.row(lastRow + 2 + i);
    row.put(1, note, styles.note);
    row.commit();
  });
}

function writeSetSheet(book: XlsxWriter, styles: Styles, response: UnitsResponse, s: SetInUse, index: number): void {
  const h = sheetText.headers;
  const rows = response.units.filter((u) => u.result && setKey(u.result.setId, u.result.setVersion) === s.key);
  const criteria = s.numbers.map((n) => s.set?.criteria.find((c) => c.number === n));
  const headers = [
    h.number, h.name, h.kind, h.parent,
    ...s.numbers.map((n, i) => (criteria[i] ? h.criterionDetail(n, criteria[i]!.maxPoints, criteria[i]!.hard) : h.criterion(n))),
    h.total, h.hard, h.verdict,
  ];
  const widths = [4, 30, 12, 18, ...s.numbers.map(() => 7), 7, 10, 12];
  const sheet = book.addSheet(sheetText.setSheet(index), sheetOptions(widths, 2, HEADER_ROW + rows.length, headers.length));
  titleRows(sheet, styles, headers.length, `${sheetText.setShort(index)}: ${setTitle(s)}`, s.set?.draft ? sheetText.draftSet : '');
  headerRow(sheet, styles, headers);
  rows.forEach((unit: UnitStatus, i) => {
    const row = sheet.row(HEADER_ROW + 1 + i);
    row.put(1, i + 1, styles.center);
    row.put(2, unit.unit.name, styles.text);
    row.put(3, UNIT_KIND_LABELS[unit.unit.kind], styles.text);
    row.put(4, unit.unit.parent, styles.text);
    row.height = rowHeight(Math.max(wrappedLines(unit.unit.name, widths[1]!, CHARS_PER_WIDTH), wrappedLines(unit.unit.parent, widths[3]!, CHARS_PER_WIDTH)), LINE_HEIGHT);
    const scores = new Map(unit.result!.scores.map((x) => [x.number, x.score]));
    const failed = new Set(unit.verdict?.hardFailures ?? []);
    s.numbers.forEach((n, j) => putScore(row, 5 + j, styles, s, scores.get(n) ?? null, failed.has(n)));
    const col = 5 + s.numbers.length;
    row.put(col, unit.verdict?.total ?? null, totalStyle(styles, s));
    const hard = unit.verdict?.hardFailures ?? [];
    row.put(col + 1, hard.length === 0 ? sheetText.hardMet : sheetText.hardFailed(hard), hard.length > 0 ? styles.failText : styles.text);
    row.put(col + 2, unit.verdict?.eligible ? sheetText.eligible : sheetText.notEligible, styles.bold);
    row.commit();
  });
}
