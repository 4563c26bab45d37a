/**
 * The provincial consolidated workbook (bảng tổng hợp), written with exceljs's streaming writer.
 *
 * Sheets: "Bảng tổng hợp", one row per expected unit (the view the province checks completeness
 * with: verdict, reasons, dossier, timing, review); "Tổng hợp", the counts per unit kind; then one
 * sheet per criteria set in use ("Bộ tiêu chí 1"…) with that set's criteria, maximum points and
 * hard flags, listing only the units scored on it. Criterion scores live on the set sheets only:
 * criterion N of one set is not criterion N of another, and a pass-fail set's "6/6" is not a
 * 50-point total.
 *
 * Printing: A3 landscape by default, one page wide; on A4 the columns go over two pages across
 * with the unit columns (STT, Tên đơn vị) and the header row repeated. The print scale is
 * computed from the column widths and never goes below what keeps 10 pt text at 8 pt on paper;
 * every text cell wraps and every row is as tall as its longest text.
 */
import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { REVIEW_STATE_LABELS, type UnitStatus, type UnitsResponse } from '../../shared/api/schemas';
import { countUnits, finalStage } from '../../shared/consolidation/consolidate';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import { DOSSIER_ITEMS, type CriteriaSet } from '../../shared/criteria/schema';
import { formatVnDateTime, vietnamWallClock } from '../../shared/deadlines/vietnamTime';
import { UNIT_KINDS, UNIT_KIND_LABELS } from '../../shared/units/kinds';
import { DOSSIER_ITEM_SHORT, UNIT_CODE_LABEL } from '../../shared/workbook/layout';
import type { FileNote, UnlistedUnit } from '../../shared/consolidation/fromFiles';
import { eachRow, lineHeight, linesOf, PAPER, printPlan, putCell, writeWorkbook, type CellStyle, type CellValue, type Paper, type PrintPlan } from './sheetWriter';
import { AMBIGUOUS_SHEET, ambiguousText, listText, sheetText, UNLISTED_SHEET, unlistedText } from './text';
import { rowHeight } from './xlsxLayout';

const HEADER_ROW = 4;
/** The size of every cell's text; the print scale keeps it at least MIN_PRINTED_PT on paper. */
export const TEXT_PT = 10;
export const MIN_PRINTED_PT = 8;
const TITLE_PT = 14;
/** Columns repeated on every printed page: STT and the unit's name. */
const TITLE_COLUMNS = 2;
const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
const FOOTER = '&CTrang &P/&N';

const FONT: Partial<ExcelJS.Font> = { name: 'Times New Roman', size: TEXT_PT };
const BOLD: Partial<ExcelJS.Font> = { ...FONT, bold: true };
const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const TOP_WRAP: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };
const CENTER_WRAP: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'top', wrapText: true };
/** Excel's own "Bad" style colours: what people already read as a failure. */
const FAIL: CellStyle = { font: { ...FONT, color: { argb: 'FF9C0006' } }, fill: fill('FFFFC7CE') };

/** The styles of the workbook, each one object so that exceljs computes it once. */
const S = {
  text: { font: FONT, border: BORDER, alignment: TOP_WRAP },
  center: { font: FONT, border: BORDER, alignment: CENTER_WRAP },
  bold: { font: BOLD, border: BORDER, alignment: TOP_WRAP },
  failText: { ...FAIL, border: BORDER, alignment: TOP_WRAP },
  failCenter: { ...FAIL, border: BORDER, alignment: CENTER_WRAP },
  score: { font: FONT, border: BORDER, alignment: CENTER_WRAP, numFmt: '0.0' },
  failScore: { ...FAIL, border: BORDER, alignment: CENTER_WRAP, numFmt: '0.0' },
  whole: { font: FONT, border: BORDER, alignment: CENTER_WRAP, numFmt: '0' },
  wholeBold: { font: BOLD, border: BORDER, alignment: CENTER_WRAP, numFmt: '0' },
  date: { font: FONT, border: BORDER, alignment: TOP_WRAP, numFmt: 'dd/mm/yyyy hh:mm' },
  header: { font: BOLD, fill: fill('FFD9E1F2'), border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  title: { font: { ...FONT, size: TITLE_PT, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  subtitle: { font: { ...FONT, italic: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  note: { font: { ...FONT, italic: true }, alignment: { vertical: 'top', wrapText: true } },
} satisfies Record<string, CellStyle>;

/** A set in use, by id and version, with the registry's definition when it still knows it. */
interface SetInUse {
  key: string;
  id: string;
  version: string;
  set: CriteriaSet | undefined;
  numbers: number[];
  /** Scored Đạt / Chưa đạt per criterion rather than in points. */
  passFail: boolean;
  /** The set has no hard criterion (its hard column reads "Không có", not "Đạt"). */
  noHard: boolean;
}

export interface ConsolidatedOptions {
  /** The paper it prints on, landscape: A3 (default, one page across) or A4 (two pages across). */
  paper?: Paper;
  /** Files of units not on the units list (offline `consolidate --units`): a sheet of their own. */
  unlisted?: readonly UnlistedUnit[];
  /** Files several listed units could own (offline `consolidate --units`): a sheet of their own, so they are never lost from sight. */
  ambiguous?: readonly Extract<FileNote, { kind: 'ambiguous' }>[];
}

/**
 * Writes the consolidated workbook to a stream, or to a file path (through a temporary file, so
 * a failed export leaves nothing under that name). Rejects with the stream's or the file's error.
 */
export async function writeConsolidatedWorkbook(response: UnitsResponse, sets: CriteriaRegistry, output: Writable | string, options: ConsolidatedOptions = {}): Promise<void> {
  const paper = options.paper ?? 'A3';
  const used = setsInUse(response, sets);
  await writeWorkbook(output, async (book) => {
    await writeMainSheet(book, paper, response, used);
    writeSummarySheet(book, paper, response, used);
    for (const [i, s] of used.entries()) await writeSetSheet(book, paper, response, s, i + 1);
    if (options.unlisted && options.unlisted.length > 0) writeUnlistedSheet(book, paper, options.unlisted);
    if (options.ambiguous && options.ambiguous.length > 0) writeAmbiguousSheet(book, paper, response, options.ambiguous);
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
      entry = { key, id: result.setId, version: result.setVersion ?? '', set, numbers: set ? set.criteria.map((c) => c.number) : [], passFail: set?.scoring.kind === 'pass-fail', noHard: set !== undefined && !set.criteria.some((c) => c.hard) };
      found.set(key, entry);
    }
    for (const s of result.scores) if (!entry.numbers.includes(s.number)) entry.numbers.push(s.number);
  }
  return [...found.values()].sort((a, b) => setTitle(a).localeCompare(setTitle(b), 'vi'));
}

function setTitle(s: SetInUse): string {
  return s.set ? sheetText.setTitle(s.set.title, s.set.version) : sheetText.unknownSet(s.id);
}

/** A sheet laid out for print on `paper` landscape: the scale that keeps text legible, titles repeated. */
function addSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, paper: Paper, widths: number[], lastRow: number, frozenCols: number): { sheet: ExcelJS.Worksheet; plan: PrintPlan } {
  const printable = PAPER[paper].height - (MARGINS.left + MARGINS.right) * 72;
  const plan = printPlan(widths, TITLE_COLUMNS, printable, paper === 'A3' ? 1 : 2, Math.ceil((MIN_PRINTED_PT / TEXT_PT) * 100));
  const sheet = book.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: frozenCols, ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: PAPER[paper].code as ExcelJS.PaperSize,
      orientation: 'landscape',
      fitToPage: false,
      scale: plan.scale,
      margins: MARGINS,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      printTitlesColumn: 'A:B',
      horizontalCentered: true,
    },
    headerFooter: { oddFooter: FOOTER },
  });
  sheet.columns = widths.map((width) => ({ width }));
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: Math.max(lastRow, HEADER_ROW), column: widths.length } };
  return { sheet, plan };
}

/**
 * Title and subtitle rows merged across the columns of the first printed page (a title merged
 * across two pages would print cut in half), as tall as their wrapped text.
 */
function titleRows(sheet: ExcelJS.Worksheet, plan: PrintPlan, widths: readonly number[], title: string, subtitle: string): void {
  // Over several pages across, the repeated unit columns would repeat a clipped title: the title
  // starts after them, and the next pages get "(tiếp theo)" above their own columns.
  const split = plan.pagesWide > 1;
  const from = split ? TITLE_COLUMNS + 1 : 1;
  const last = plan.firstPageLastColumn;
  const total = [widths.slice(from - 1, last).reduce((a, b) => a + b, 0)];
  const first = sheet.getRow(1);
  const second = sheet.getRow(2);
  putCell(first, from, title, S.title);
  putCell(second, from, subtitle, S.subtitle);
  let titleLines = linesOf([title], total, TITLE_PT + 1);
  if (split && last < widths.length) {
    const rest = `${title} ${sheetText.continued}`;
    putCell(first, last + 1, rest, S.title);
    titleLines = Math.max(titleLines, linesOf([rest], [widths.slice(last).reduce((a, b) => a + b, 0)], TITLE_PT + 1));
    sheet.mergeCells(1, last + 1, 1, widths.length);
  }
  first.height = rowHeight(titleLines, lineHeight(TITLE_PT));
  second.height = rowHeight(linesOf([subtitle], total, TEXT_PT), lineHeight(TEXT_PT));
  sheet.mergeCells(1, from, 1, last);
  sheet.mergeCells(2, from, 2, last);
  first.commit();
  second.commit();
}

function headerRow(sheet: ExcelJS.Worksheet, widths: readonly number[], headers: readonly string[]): void {
  const row = sheet.getRow(HEADER_ROW);
  headers.forEach((h, i) => putCell(row, i + 1, h, S.header));
  // Bold text is wider: count it as one point larger.
  row.height = rowHeight(linesOf(headers, widths, TEXT_PT + 1), lineHeight(TEXT_PT));
  row.commit();
}

/** Writes a data row cell by cell and sets its height for the longest wrapped text. */
function dataRow(sheet: ExcelJS.Worksheet, number: number, widths: readonly number[], cells: readonly [CellValue, CellStyle][]): void {
  const row = sheet.getRow(number);
  cells.forEach(([value, style], i) => putCell(row, i + 1, value, style));
  row.height = rowHeight(linesOf(cells.map(([v]) => (typeof v === 'string' ? v : null)), widths, TEXT_PT), lineHeight(TEXT_PT));
  row.commit();
}


/** A criterion's score: "Đạt" / "Chưa đạt" for a pass-fail set, else the points; red when it fails a hard criterion. */
function scoreCell(s: SetInUse, score: number | null, hardFailed: boolean): [CellValue, CellStyle] {
  if (score === null) return [null, S.score];
  const bad = hardFailed || (s.passFail && score < 1);
  if (s.passFail) return [score >= 1 ? sheetText.passed : sheetText.failed, bad ? S.failCenter : S.center];
  return [score, bad ? S.failScore : S.score];
}

/** The hard criteria's column: met, the ones failed (red), or none when the unit's set has no hard criterion. */
function hardCell(unit: UnitStatus, s: SetInUse | undefined): [CellValue, CellStyle] {
  const failed = unit.verdict?.hardFailures ?? [];
  if (failed.length > 0) return [sheetText.hardFailed(failed), S.failText];
  return [s?.noHard ? sheetText.noHard : sheetText.hardMet, S.text];
}

/** The verdict's total: points with one decimal, or "Đạt 6/6 tiêu chí" for a pass-fail set (never mixed with points). */
function totalCell(unit: UnitStatus, s: SetInUse | undefined): [CellValue, CellStyle] {
  const v = unit.verdict;
  if (!v || v.total === null) return [null, S.score];
  if (s?.passFail && v.max !== null) return [listText.notes.passFail(v.total, v.max), S.center];
  return [v.total, S.score];
}

async function writeMainSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, paper: Paper, response: UnitsResponse, used: SetInUse[]): Promise<void> {
  const h = sheetText.headers;
  const headers = [
    h.number, h.name, h.kind, h.parent, h.set,
    h.total, h.hard, h.verdict, h.reasons, h.scoreSource,
    ...DOSSIER_ITEMS.map((item) => DOSSIER_ITEM_SHORT[item]),
    h.version, h.submittedAt, h.timing, h.review, h.deadline, UNIT_CODE_LABEL,
  ];
  // "Chưa có" fits one line in the dossier columns (8); the dates fit one line in 15.
  const widths = [5, 26, 11, 16, 7, 10, 11, 12, 36, 10, ...DOSSIER_ITEMS.map(() => 8), 8, 15, 11, 11, 16, 10];
  const { sheet, plan } = addSheet(book, sheetText.consolidatedSheet, paper, widths, HEADER_ROW + response.units.length, 2);
  const { counts } = response;
  const subtitle = [
    sheetText.generated(formatVnDateTime(new Date(response.generatedAt)), counts.expected, counts.valid, counts.eligible),
    ...used.map((s, i) => `${sheetText.setShort(i + 1)}: ${setTitle(s)}.`),
    ...(used.length > 0 ? [sheetText.setsNote(used.length)] : []),
    ...(used.some((s) => s.set?.draft) ? [sheetText.draftSet] : []),
  ].join(' ');
  titleRows(sheet, plan, widths, sheetText.title(response.year), subtitle);
  headerRow(sheet, widths, headers);

  const bySet = new Map(used.map((s) => [s.key, s]));
  const setLabels = new Map(used.map((s, i) => [s.key, sheetText.setShort(i + 1)]));
  await eachRow(sheet, response.units, (unit, index) => {
    const result = unit.result;
    const final = finalStage(unit);
    const setInUse = result ? bySet.get(setKey(result.setId, result.setVersion)) : undefined;
    const cells: [CellValue, CellStyle][] = [
      [index + 1, S.center],
      [unit.unit.name, S.text],
      [UNIT_KIND_LABELS[unit.unit.kind], S.text],
      [unit.unit.parent, S.text],
      [setInUse ? setLabels.get(setInUse.key)! : null, S.center],
      totalCell(unit, setInUse),
    ];
    if (unit.verdict) {
      cells.push(
        hardCell(unit, setInUse),
        [unit.verdict.eligible ? sheetText.eligible : sheetText.notEligible, S.bold],
        [unit.verdict.reasons.join('\n'), S.text],
        [unit.appraised ? sheetText.appraisal : sheetText.selfScore, S.text],
        ...DOSSIER_ITEMS.map((item): [CellValue, CellStyle] => [result?.dossier[item] === true ? sheetText.present : sheetText.absent, S.center]),
      );
    } else {
      cells.push(
        [null, S.text],
        [final.status === 'invalid' ? sheetText.invalidOnly : sheetText.notSubmitted, S.bold],
        [final.status === 'invalid' ? sheetText.invalidOnlyReason : sheetText.notSubmittedReason, S.text],
        [null, S.text],
        ...DOSSIER_ITEMS.map((): [CellValue, CellStyle] => [null, S.center]),
      );
    }
    const counted = final.status === 'on-time' || final.status === 'late';
    cells.push(
      [counted ? final.versions : null, S.center],
      [final.submittedAt ? vietnamWallClock(new Date(final.submittedAt)) : null, S.date],
      [final.status === 'on-time' ? sheetText.onTime : final.status === 'late' ? sheetText.late(final.daysLate, final.afterLock === true) : null, S.text],
      [final.review ? REVIEW_STATE_LABELS[final.review] : final.status === 'not-submitted' ? null : sheetText.notReviewed, S.text],
      [unit.risk.label, S.text],
      [unit.unit.code, S.text],
    );
    dataRow(sheet, HEADER_ROW + 1 + index, widths, cells);
  });
  sheet.commit();
}

function writeSummarySheet(book: ExcelJS.stream.xlsx.WorkbookWriter, paper: Paper, response: UnitsResponse, used: SetInUse[]): void {
  const h = sheetText.summaryHeaders;
  const headers = [h.kind, h.expected, h.submitted, h.valid, h.eligible, h.late, h.missing];
  const widths = [24, 12, 12, 12, 14, 12, 18];
  const kinds = UNIT_KINDS.filter((kind) => response.units.some((u) => u.unit.kind === kind));
  const lastRow = HEADER_ROW + kinds.length + 1;
  const { sheet, plan } = addSheet(book, sheetText.summarySheet, paper, widths, lastRow, 0);
  titleRows(sheet, plan, widths, sheetText.summaryTitle(response.year), formatVnDateTime(new Date(response.generatedAt)));
  headerRow(sheet, widths, headers);
  const countRow = (rowNumber: number, label: string, c: ReturnType<typeof countUnits>, bold: boolean) =>
    dataRow(sheet, rowNumber, widths, [
      [label, bold ? S.bold : S.text],
      ...[c.expected, c.submitted, c.valid, c.eligible, c.late, c.missing].map((value): [CellValue, CellStyle] => [value, bold ? S.wholeBold : S.whole]),
    ]);
  kinds.forEach((kind, i) => countRow(HEADER_ROW + 1 + i, UNIT_KIND_LABELS[kind], countUnits(response.units.filter((u) => u.unit.kind === kind)), false));
  countRow(lastRow, h.total, response.counts, true);
  const notes = [
    sheetText.targetNote(response.counts.eligible, response.yearlyTarget),
    ...used.map((s, i) => `${sheetText.setShort(i + 1)}: ${setTitle(s)}${s.set?.draft ? ` — ${sheetText.draftSet}` : ''}`),
  ];
  const noteWidth = [widths.reduce((a, b) => a + b, 0)];
  notes.forEach((note, i) => {
    const rowNumber = lastRow + 2 + i;
    const row = sheet.getRow(rowNumber);
    putCell(row, 1, note, S.note);
    row.height = rowHeight(linesOf([note], noteWidth, TEXT_PT), lineHeight(TEXT_PT));
    sheet.mergeCells(rowNumber, 1, rowNumber, widths.length);
    row.commit();
  });
  sheet.commit();
}

async function writeSetSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, paper: Paper, response: UnitsResponse, s: SetInUse, index: number): Promise<void> {
  const h = sheetText.headers;
  const rows = response.units.filter((u) => u.result && setKey(u.result.setId, u.result.setVersion) === s.key);
  const criteria = s.numbers.map((n) => s.set?.criteria.find((c) => c.number === n));
  const headers = [
    h.number, h.name, h.kind, h.parent,
    ...s.numbers.map((n, i) => {
      const c = criteria[i];
      if (!c) return h.criterion(n);
      return s.passFail ? h.passFailCriterion(n, c.hard) : h.criterionDetail(n, c.maxPoints, c.hard);
    }),
    s.passFail ? h.passedCount : h.total, h.hard, h.verdict, h.scoreSource,
  ];
  // Not 9: exceljs leaves a column of width 9 out of the file (its default), and Excel's default is 8.43.
  const widths = [5, 28, 11, 16, ...s.numbers.map(() => 9.5), s.passFail ? 12 : 9.5, 11, 12, 10];
  const { sheet, plan } = addSheet(book, sheetText.setSheet(index), paper, widths, HEADER_ROW + rows.length, 2);
  titleRows(sheet, plan, widths, `${sheetText.setShort(index)}: ${setTitle(s)}`, s.set?.draft ? sheetText.draftSet : '');
  headerRow(sheet, widths, headers);
  await eachRow(sheet, rows, (unit, i) => {
    const scores = new Map(unit.result!.scores.map((x) => [x.number, x.score]));
    const failed = new Set(unit.verdict?.hardFailures ?? []);
    dataRow(sheet, HEADER_ROW + 1 + i, widths, [
      [i + 1, S.center],
      [unit.unit.name, S.text],
      [UNIT_KIND_LABELS[unit.unit.kind], S.text],
      [unit.unit.parent, S.text],
      ...s.numbers.map((n) => scoreCell(s, scores.get(n) ?? null, failed.has(n))),
      s.passFail ? [unit.verdict?.total ?? null, S.whole] : [unit.verdict?.total ?? null, S.score],
      hardCell(unit, s),
      [unit.verdict?.eligible ? sheetText.eligible : sheetText.notEligible, S.bold],
      [unit.appraised ? sheetText.appraisal : sheetText.selfScore, S.text],
    ]);
  });
  sheet.commit();
}

/** Files of units not on the list (offline, --units): apart, and said to be never counted, ranked or proposed. */
function writeUnlistedSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, paper: Paper, unlisted: readonly UnlistedUnit[]): void {
  const headers = [...unlistedText.headers];
  const widths = [5, 14, 34, 14, 20, 12, 50];
  const { sheet, plan } = addSheet(book, UNLISTED_SHEET, paper, widths, HEADER_ROW + unlisted.length, 0);
  titleRows(sheet, plan, widths, unlistedText.title, unlistedText.note);
  headerRow(sheet, widths, headers);
  unlisted.forEach((u, index) => {
    dataRow(sheet, HEADER_ROW + 1 + index, widths, [
      [index + 1, S.center],
      [u.code, S.text],
      [u.name, S.text],
      [u.kind ? UNIT_KIND_LABELS[u.kind] : '', S.text],
      [u.parent, S.text],
      [u.result.total, S.score],
      [u.files.join('\n'), S.text],
    ]);
  });
  sheet.commit();
}

/** Files that several listed units could own (offline, --units): named with their candidates, never counted. */
function writeAmbiguousSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, paper: Paper, response: UnitsResponse, files: readonly Extract<FileNote, { kind: 'ambiguous' }>[]): void {
  const byCode = new Map(response.units.map((u) => [u.unit.code, u.unit]));
  const candidate = (code: string) => {
    const unit = byCode.get(code);
    return unit ? `${code} · ${unit.name}${unit.parent ? ` (${unit.parent})` : ''}` : code;
  };
  const widths = [5, 40, 34, 60];
  const { sheet, plan } = addSheet(book, AMBIGUOUS_SHEET, paper, widths, HEADER_ROW + files.length, 0);
  titleRows(sheet, plan, widths, ambiguousText.title, ambiguousText.note);
  headerRow(sheet, widths, [...ambiguousText.headers]);
  files.forEach((f, index) => {
    dataRow(sheet, HEADER_ROW + 1 + index, widths, [
      [index + 1, S.center],
      [f.file, S.text],
      [f.name, S.text],
      [f.candidates.map(candidate).join('\n'), S.text],
    ]);
  });
  sheet.commit();
}
