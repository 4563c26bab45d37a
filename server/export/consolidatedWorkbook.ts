/**
 * The provincial consolidated workbook (bảng tổng hợp), written with exceljs's streaming writer
 * so a thousand units cost little memory and time.
 *
 * Several criteria sets: the main sheet has one row per expected unit and one column per
 * criterion number found in any set in use ("Tiêu chí N" is criterion N of the set named on
 * that row); when more than one set is in use, each set also gets its own sheet whose headers
 * carry that set's maximum points and hard flags, listing only the units scored on it. A
 * column per set would make the main sheet unreadable; one sheet per set alone would lose the
 * one-row-per-unit view the province checks completeness with.
 */
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { REVIEW_STATE_LABELS, type UnitStatus, type UnitsResponse } from '../../shared/api/schemas';
import { countUnits, finalStage } from '../../shared/consolidation/consolidate';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import { DOSSIER_ITEMS, type CriteriaSet } from '../../shared/criteria/schema';
import { formatVnDateTime } from '../../shared/deadlines/vietnamTime';
import { UNIT_KINDS, UNIT_KIND_LABELS } from '../../shared/units/kinds';
import { DOSSIER_ITEM_SHORT } from '../../shared/workbook/layout';
import { safeText, writeOutput } from './output';
import { rowHeight, wrappedLines } from './xlsxLayout';
import { sheetText } from './text';

const HEADER_ROW = 4;
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

const FONT = { name: 'Times New Roman', size: 10 };
/** 10 pt Times fits about 1.2 characters per unit of column width (units of the default 11 pt font). */
const CHARS_PER_WIDTH = 1.2;
const LINE_HEIGHT = 13;
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};
const HEADER_ALIGN: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
const HEADER_ROTATED: Partial<ExcelJS.Alignment> = { ...HEADER_ALIGN, textRotation: 90 };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
/** Excel's own "Bad" style colours: what people already read as a failure. */
const FAIL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const FAIL_FONT = { ...FONT, color: { argb: 'FF9C0006' } };
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9, // A4
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

/** A set in use, by id and version, with the registry's definition when it still knows it. */
interface SetInUse {
  key: string;
  id: string;
  version: string;
  set: CriteriaSet | undefined;
  numbers: number[];
}

export async function writeConsolidatedWorkbook(response: UnitsResponse, sets: CriteriaRegistry, output: Writable | string): Promise<void> {
  await writeOutput(output, async (stream) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: true });
    workbook.creator = 'dien-hinh';
    const used = setsInUse(response, sets);
    writeMainSheet(workbook, response, used);
    writeSummarySheet(workbook, response, used);
    if (used.length > 1) used.forEach((s, i) => writeSetSheet(workbook, response, s, i + 1));
    await workbook.commit();
  });
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
      entry = { key, id: result.setId, version: result.setVersion ?? '', set, numbers: set ? set.criteria.map((c) => c.number) : [] };
      found.set(key, entry);
    }
    for (const s of result.scores) if (!entry.numbers.includes(s.number)) entry.numbers.push(s.number);
  }
  return [...found.values()].sort((a, b) => setTitle(a).localeCompare(setTitle(b), 'vi'));
}

function setTitle(s: SetInUse): string {
  return s.set ? sheetText.setTitle(s.set.title, s.set.version) : sheetText.unknownSet(s.id);
}

function isPassFail(s: SetInUse | undefined): boolean {
  return s?.set?.scoring.kind === 'pass-fail';
}

const TOP_WRAP: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };
const CENTER: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'top' };
const BOLD = { ...FONT, bold: true };

/**
 * One shared style object per combination of parts: exceljs renders each new style object to
 * XML to find its index, but remembers the objects it has seen, so sharing them makes tens of
 * thousands of cells cheap. The parts must be the module's constants (compared by identity).
 */
const interned = new Map<string, Partial<ExcelJS.Style>>();
const partIds = new WeakMap<object, number>();
let nextPartId = 1;
function partId(part: object | undefined): number {
  if (!part) return 0;
  let id = partIds.get(part);
  if (id === undefined) {
    id = nextPartId++;
    partIds.set(part, id);
  }
  return id;
}

function styleOf(parts: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  const font = parts.font ?? FONT;
  const alignment = parts.alignment ?? TOP_WRAP;
  const key = `${partId(font)}|${partId(alignment)}|${parts.numFmt ?? ''}|${partId(parts.fill)}`;
  let style = interned.get(key);
  if (!style) {
    style = { font, border: BORDER, alignment, ...(parts.numFmt ? { numFmt: parts.numFmt } : {}), ...(parts.fill ? { fill: parts.fill } : {}) };
    interned.set(key, style);
  }
  return style;
}

/** A cell: text always as a plain string value (never a formula, whatever it starts with). */
function put(row: ExcelJS.Row, col: number, value: string | number | Date | null, style: Partial<ExcelJS.Style> = {}): ExcelJS.Cell {
  const cell = row.getCell(col);
  cell.value = typeof value === 'string' ? safeText(value) : value;
  cell.style = styleOf(style);
  return cell;
}

function titleRows(sheet: ExcelJS.Worksheet, lastCol: number, title: string, subtitle: string): void {
  const first = sheet.getRow(1);
  first.getCell(1).value = safeText(title);
  first.getCell(1).font = { ...FONT, size: 14, bold: true };
  first.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  first.height = 36;
  sheet.mergeCells(1, 1, 1, lastCol);
  first.commit();
  const second = sheet.getRow(2);
  second.getCell(1).value = safeText(subtitle);
  second.getCell(1).font = { ...FONT, italic: true };
  second.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  second.height = 30;
  sheet.mergeCells(2, 1, 2, lastCol);
  second.commit();
}

/** Header row; the narrow columns (scores, dossier items) have vertical headers so that 30 columns still print on A4. */
function headerRow(sheet: ExcelJS.Worksheet, rowNumber: number, headers: string[], rotated: ReadonlySet<number> = new Set()): void {
  const row = sheet.getRow(rowNumber);
  headers.forEach((h, i) => put(row, i + 1, h, { font: BOLD, fill: HEADER_FILL, alignment: rotated.has(i + 1) ? HEADER_ROTATED : HEADER_ALIGN }));
  row.height = rotated.size > 0 ? 80 : 45;
  row.commit();
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, frozenCols: number, lastRow: number, lastCol: number, widths: number[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: frozenCols, ySplit: HEADER_ROW, topLeftCell: `${colLetter(frozenCols + 1)}${HEADER_ROW + 1}`, activeCell: 'A1' }],
    pageSetup: { ...PAGE_SETUP, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  sheet.columns = widths.map((width) => ({ width }));
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: Math.max(lastRow, HEADER_ROW), column: lastCol } };
  sheet.headerFooter = { oddFooter: '&CTrang &P/&N' };
  return sheet;
}

function colLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Excel has no time zones: the instant is written as the Vietnam wall-clock time it was. */
function vietnamWallClock(iso: string): Date {
  return new Date(new Date(iso).getTime() + VIETNAM_OFFSET_MS);
}

function scoreFormat(s: SetInUse | undefined): string {
  return isPassFail(s) ? '0' : '0.0';
}

function writeMainSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, response: UnitsResponse, used: SetInUse[]): void {
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
    h.version, h.submittedAt, h.timing, h.review, h.deadline,
  ];
  // Tight widths: A4 landscape fitted to one page wide must stay legible.
  const widths = [4, 24, 10, 14, 6, ...numbers.map(() => 5.5), 6.5, 9, 11, 36, 8, ...DOSSIER_ITEMS.map(() => 4.5), 5, 11, 10, 10, 14];
  const first = 6;
  const rotated = new Set([
    ...numbers.map((_, i) => first + i),
    ...DOSSIER_ITEMS.map((_, i) => first + numbers.length + 5 + i),
  ]);
  const lastRow = HEADER_ROW + response.units.length;
  const sheet = addSheet(workbook, sheetText.consolidatedSheet, 2, lastRow, headers.length, widths);
  const { counts } = response;
  const subtitle = [
    sheetText.generated(formatVnDateTime(new Date(response.generatedAt)), counts.expected, counts.valid, counts.eligible),
    ...used.map((s, i) => `${sheetText.setShort(i + 1)}: ${setTitle(s)}.`),
    ...(used.length > 1 ? [sheetText.setsNote(used.length)] : []),
    ...(used.some((s) => s.set?.draft) ? [sheetText.draftSet] : []),
  ].join(' ');
  titleRows(sheet, headers.length, sheetText.title(response.year), subtitle);
  sheet.getRow(3).commit();
  headerRow(sheet, HEADER_ROW, headers, rotated);

  const bySet = new Map(used.map((s) => [s.key, s]));
  const setIndex = new Map(used.map((s, i) => [s.key, i + 1]));
  response.units.forEach((unit, index) => {
    const row = sheet.getRow(HEADER_ROW + 1 + index);
    let col = 1;
    let lines = 1;
    const next = (value: string | number | Date | null, style: Partial<ExcelJS.Style> = {}) => {
      if (typeof value === 'string') lines = Math.max(lines, wrappedLines(value, widths[col - 1] ?? 10, CHARS_PER_WIDTH));
      return put(row, col++, value, style);
    };
    const result = unit.result;
    const final = finalStage(unit);
    const setInUse = result ? bySet.get(setKey(result.setId, result.setVersion)) : undefined;
    next(index + 1, { alignment: CENTER });
    next(unit.unit.name);
    next(UNIT_KIND_LABELS[unit.unit.kind]);
    next(unit.unit.parent);
    next(setInUse ? sheetText.setShort(setIndex.get(setInUse.key)!) : '', { alignment: CENTER });
    const scores = new Map((result?.scores ?? []).map((s) => [s.number, s]));
    const failed = new Set(unit.verdict?.hardFailures ?? []);
    for (const n of numbers) {
      const s = scores.get(n);
      if (!s || s.score === null) {
        next(null);
        continue;
      }
      const bad = failed.has(n) || (isPassFail(setInUse) && s.score < 1);
      const value = isPassFail(setInUse) ? (s.score >= 1 ? sheetText.passed : sheetText.failed) : s.score;
      next(value, { numFmt: '0.0', alignment: CENTER, ...(bad ? { fill: FAIL_FILL, font: FAIL_FONT } : {}) });
    }
    next(unit.verdict?.total ?? null, { numFmt: scoreFormat(setInUse), alignment: CENTER });
    if (unit.verdict) {
      const hard = unit.verdict.hardFailures;
      next(hard.length === 0 ? sheetText.hardMet : sheetText.hardFailed(hard), hard.length > 0 ? { fill: FAIL_FILL, font: FAIL_FONT } : {});
      next(unit.verdict.eligible ? sheetText.eligible : sheetText.notEligible, { font: BOLD });
      next(unit.verdict.reasons.join('\n'));
      next(unit.appraised ? sheetText.appraisal : sheetText.selfScore);
      for (const item of DOSSIER_ITEMS) next(result?.dossier[item] === true ? sheetText.present : sheetText.absent, { alignment: CENTER });
    } else {
      next(null);
      next(final.status === 'invalid' ? sheetText.invalidOnly : sheetText.notSubmitted, { font: BOLD });
      next(final.status === 'invalid' ? sheetText.invalidOnlyReason : sheetText.notSubmittedReason);
      next(null);
      for (let i = 0; i < DOSSIER_ITEMS.length; i++) next(null);
    }
    const counted = final.status === 'on-time' || final.status === 'late';
    next(counted ? final.versions : null, { alignment: CENTER });
    next(final.submittedAt ? vietnamWallClock(final.submittedAt) : null, { numFmt: 'dd/mm/yyyy hh:mm' });
    next(final.status === 'on-time' ? sheetText.onTime : final.status === 'late' ? sheetText.late(final.daysLate) : '');
    next(final.review ? REVIEW_STATE_LABELS[final.review] : final.status === 'not-submitted' ? '' : sheetText.notReviewed);
    next(unit.risk.label);
    row.height = rowHeight(lines, LINE_HEIGHT);
    row.commit();
  });
  sheet.commit();
}

function writeSummarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, response: UnitsResponse, used: SetInUse[]): void {
  const h = sheetText.summaryHeaders;
  const headers = [h.kind, h.expected, h.submitted, h.valid, h.eligible, h.late, h.missing];
  const kinds = UNIT_KINDS.filter((kind) => response.units.some((u) => u.unit.kind === kind));
  const lastRow = HEADER_ROW + kinds.length + 1;
  const sheet = workbook.addWorksheet(sheetText.summarySheet, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: { ...PAGE_SETUP, orientation: 'portrait', printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  sheet.columns = [22, 12, 12, 12, 14, 12, 16].map((width) => ({ width }));
  titleRows(sheet, headers.length, sheetText.summaryTitle(response.year), formatVnDateTime(new Date(response.generatedAt)));
  sheet.getRow(3).commit();
  headerRow(sheet, HEADER_ROW, headers);
  const countRow = (rowNumber: number, label: string, c: ReturnType<typeof countUnits>, bold: boolean) => {
    const row = sheet.getRow(rowNumber);
    const font = bold ? BOLD : FONT;
    put(row, 1, label, { font });
    [c.expected, c.submitted, c.valid, c.eligible, c.late, c.missing].forEach((value, i) => put(row, i + 2, value, { font, numFmt: '0', alignment: CENTER }));
    row.commit();
  };
  kinds.forEach((kind, i) => countRow(HEADER_ROW + 1 + i, UNIT_KIND_LABELS[kind], countUnits(response.units.filter((u) => u.unit.kind === kind)), false));
  countRow(lastRow, h.total, response.counts, true);
  const notes = [
    sheetText.targetNote(response.counts.eligible, response.yearlyTarget),
    ...used.map((s, i) => `${sheetText.setShort(i + 1)}: ${setTitle(s)}${s.set?.draft ? ` — ${sheetText.draftSet}` : ''}`),
  ];
  notes.forEach((note, i) => {
    const row = sheet.getRow(lastRow + 2 + i);
    row.getCell(1).value = safeText(note);
    row.getCell(1).font = { ...FONT, italic: true };
    row.commit();
  });
  sheet.commit();
}

function writeSetSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, response: UnitsResponse, s: SetInUse, index: number): void {
  const h = sheetText.headers;
  const rows = response.units.filter((u) => u.result && setKey(u.result.setId, u.result.setVersion) === s.key);
  const criteria = s.numbers.map((n) => s.set?.criteria.find((c) => c.number === n));
  const headers = [
    h.number, h.name, h.kind, h.parent,
    ...s.numbers.map((n, i) => (criteria[i] ? h.criterionDetail(n, criteria[i]!.maxPoints, criteria[i]!.hard) : h.criterion(n))),
    h.total, h.hard, h.verdict,
  ];
  const widths = [4, 30, 12, 18, ...s.numbers.map(() => 7), 7, 10, 12];
  const sheet = addSheet(workbook, sheetText.setSheet(index), 2, HEADER_ROW + rows.length, headers.length, widths);
  titleRows(sheet, headers.length, `${sheetText.setShort(index)}: ${setTitle(s)}`, s.set?.draft ? sheetText.draftSet : '');
  sheet.getRow(3).commit();
  headerRow(sheet, HEADER_ROW, headers);
  rows.forEach((unit: UnitStatus, i) => {
    const row = sheet.getRow(HEADER_ROW + 1 + i);
    put(row, 1, i + 1, { alignment: CENTER });
    put(row, 2, unit.unit.name);
    put(row, 3, UNIT_KIND_LABELS[unit.unit.kind]);
    put(row, 4, unit.unit.parent);
    row.height = rowHeight(Math.max(wrappedLines(unit.unit.name, widths[1]!, CHARS_PER_WIDTH), wrappedLines(unit.unit.parent, widths[3]!, CHARS_PER_WIDTH)), LINE_HEIGHT);
    const scores = new Map(unit.result!.scores.map((x) => [x.number, x.score]));
    const failed = new Set(unit.verdict?.hardFailures ?? []);
    s.numbers.forEach((n, j) => {
      const score = scores.get(n) ?? null;
      const bad = score !== null && (failed.has(n) || (isPassFail(s) && score < 1));
      const value = score === null ? null : isPassFail(s) ? (score >= 1 ? sheetText.passed : sheetText.failed) : score;
      put(row, 5 + j, value, { numFmt: '0.0', alignment: CENTER, ...(bad ? { fill: FAIL_FILL, font: FAIL_FONT } : {}) });
    });
    const col = 5 + s.numbers.length;
    put(row, col, unit.verdict?.total ?? null, { numFmt: scoreFormat(s), alignment: CENTER });
    const hard = unit.verdict?.hardFailures ?? [];
    put(row, col + 1, hard.length === 0 ? sheetText.hardMet : sheetText.hardFailed(hard), hard.length > 0 ? { fill: FAIL_FILL, font: FAIL_FONT } : {});
    put(row, col + 2, unit.verdict?.eligible ? sheetText.eligible : sheetText.notEligible, { font: BOLD });
    row.commit();
  });
  sheet.commit();
}
