/**
 * The list of units proposed for recognition (danh sách đề nghị công nhận), the annex of the
 * province's tờ trình: one section per criteria set, each in its own order, so that a pass-fail
 * set's "Đạt 6/6 tiêu chí" is never ranked among point totals. Written with exceljs's streaming
 * writer; A4 portrait at a print scale that keeps the 13 pt text at 8 pt or more.
 */
import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { REVIEW_STATE_LABELS, type UnitStatus, type UnitsResponse } from '../../shared/api/schemas';
import { finalStage } from '../../shared/consolidation/consolidate';
import { proposedUnits, type ProposalSection, type ProposedUnit } from '../../shared/consolidation/proposal';
import { createRegistry } from '../../shared/criteria/load';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds';
import { lineHeight, linesOf, PAPER, printPlan, putCell, writeWorkbook, type CellStyle, type CellValue } from './sheetWriter';
import { docsText } from '../documents/text';
import { listText, sheetText } from './text';
import { rowHeight } from './xlsxLayout';

const TEXT_PT = 13;
const MIN_PRINTED_PT = 8;
const HEADER_ROW = 5;
const WIDTHS = [5, 32, 12, 20, 12, 30];
const MARGINS = { left: 0.8, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };

const FONT: Partial<ExcelJS.Font> = { name: 'Times New Roman', size: TEXT_PT };
const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const CENTRED: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
const TOP: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };
const TOP_CENTRED: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'top', wrapText: true };
const S = {
  title: { font: { ...FONT, bold: true, size: 14 }, alignment: CENTRED },
  subtitle: { font: { ...FONT, bold: true }, alignment: CENTRED },
  attached: { font: { ...FONT, italic: true }, alignment: CENTRED },
  header: { font: { ...FONT, bold: true }, border: BORDER, alignment: CENTRED },
  section: { font: { ...FONT, bold: true }, border: BORDER, alignment: TOP },
  text: { font: FONT, border: BORDER, alignment: TOP },
  centre: { font: FONT, border: BORDER, alignment: TOP_CENTRED },
  // Whole points print without a decimal; half points keep theirs ("47", "49.5").
  whole: { font: FONT, border: BORDER, alignment: TOP_CENTRED, numFmt: '0' },
  half: { font: FONT, border: BORDER, alignment: TOP_CENTRED, numFmt: '0.0' },
  footnote: { font: { ...FONT, italic: true }, alignment: TOP },
} satisfies Record<string, CellStyle>;

export interface RecognitionListOptions {
  /**
   * The tờ trình this list is attached to, as its number and symbol ("125/TTr-CAT"); without one
   * the list does not claim to be attached to any.
   */
  submissionNumber?: string;
  /**
   * A draft that also lists eligible units whose final report still waits for review, each marked
   * "chờ duyệt" (by default only approved units are listed).
   */
  includePending?: boolean;
}

/**
 * Writes the recognition list to a stream or a file path. `sets` lets the notes say "Đạt 6/6
 * tiêu chí" for a pass-fail set (without it, a bare "6/6") and names each set's section (through a temporary file, so a failed
 * export leaves nothing under that name). Rejects with the stream's or the file's error.
 */
export async function writeRecognitionList(response: UnitsResponse, output: Writable | string, sets?: CriteriaRegistry, options: RecognitionListOptions = {}): Promise<void> {
  // Approved, eligible units, each criteria set in its own section and order (shared/consolidation/proposal.ts).
  const sections = proposedUnits(response, { sets: sets ?? createRegistry([]), includePending: options.includePending === true });
  const listed = sections.reduce((sum, s) => sum + s.units.length, 0);
  await writeWorkbook(output, (book) => {
    const printable = PAPER.A4.width - (MARGINS.left + MARGINS.right) * 72;
    const plan = printPlan(WIDTHS, 0, printable, 1, Math.ceil((MIN_PRINTED_PT / TEXT_PT) * 100));
    const sheet = book.addWorksheet(listText.sheet, {
      views: [{ state: 'frozen', ySplit: HEADER_ROW }],
      pageSetup: {
        paperSize: PAPER.A4.code as ExcelJS.PaperSize, orientation: 'portrait', fitToPage: false, scale: plan.scale,
        margins: MARGINS, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`, horizontalCentered: true,
      },
      headerFooter: { oddFooter: '&CTrang &P/&N' },
    });
    sheet.columns = WIDTHS.map((width) => ({ width }));
    const all = [WIDTHS.reduce((a, b) => a + b, 0)];
    let next = 1;
    const line = (text: string, style: CellStyle) => {
      const row = sheet.getRow(next);
      putCell(row, 1, text, style);
      row.height = rowHeight(linesOf([text], all, TEXT_PT + 1), lineHeight(TEXT_PT));
      sheet.mergeCells(next, 1, next, WIDTHS.length);
      row.commit();
      next++;
    };
    line(listText.title, S.title);
    line(listText.subtitle(response.year), S.subtitle);
    if (options.submissionNumber?.trim()) line(listText.attached(options.submissionNumber.trim()), S.attached);
    next = HEADER_ROW;

    const h = listText.headers;
    const header = [h.number, h.name, h.kind, h.parent, h.total, h.notes];
    const headerRow = sheet.getRow(HEADER_ROW);
    header.forEach((text, i) => putCell(headerRow, i + 1, text, S.header));
    headerRow.height = rowHeight(linesOf(header, WIDTHS, TEXT_PT + 1), lineHeight(TEXT_PT));
    headerRow.commit();
    next++;

    const titled = sections.length > 1 || sections.some(isPassFail);
    sections.forEach((section, s) => {
      if (titled) {
        // Headed as the tờ trình and the quyết định head the same section: this list is attached to them.
        const text = docsText.section(s + 1, section.title, section.scoring);
        const row = sheet.getRow(next);
        putCell(row, 1, text, S.section);
        row.height = rowHeight(linesOf([text], all, TEXT_PT + 1), lineHeight(TEXT_PT));
        sheet.mergeCells(next, 1, next, WIDTHS.length);
        row.commit();
        next++;
      }
      section.units.forEach((proposed, index) => {
        const unit = proposed.row;
        const texts = [null, unit.unit.name, UNIT_KIND_LABELS[unit.unit.kind], unit.unit.parent, null, notesFor(proposed, sets)];
        const cells: [CellValue, CellStyle][] = [
          [index + 1, S.centre],
          [texts[1]!, S.text],
          [texts[2]!, S.text],
          [texts[3]!, S.text],
          totalCell(unit, isPassFail(section)),
          [texts[5]!, S.text],
        ];
        const row = sheet.getRow(next++);
        cells.forEach(([value, style], i) => putCell(row, i + 1, value, style));
        row.height = rowHeight(linesOf(cells.map(([v]) => (typeof v === 'string' ? v : null)), WIDTHS, TEXT_PT), lineHeight(TEXT_PT));
        row.commit();
      });
    });

    next++;
    const footnote = (text: string) => {
      const row = sheet.getRow(next);
      putCell(row, 1, text, S.footnote);
      row.height = rowHeight(linesOf([text], all, TEXT_PT), lineHeight(TEXT_PT));
      sheet.mergeCells(next, 1, next, WIDTHS.length);
      row.commit();
      next++;
    };
    footnote(listed === 0 ? listText.none : listText.count(listed));
    if (listed < response.yearlyTarget) footnote(sheetText.targetNote(listed, response.yearlyTarget));
    sheet.commit();
  });
}

function isPassFail(section: ProposalSection): boolean {
  return section.scoring === 'pass-fail';
}

/** Points as a number ("47", "49,5"); a pass-fail set's result as the criteria met, never as points. */
function totalCell(unit: UnitStatus, passFail: boolean): [CellValue, CellStyle] {
  const v = unit.verdict;
  if (!v || v.total === null) return [null, S.centre];
  if (passFail && v.max !== null) return [listText.notes.passFail(v.total, v.max), S.centre];
  return [v.total, Number.isInteger(v.total) ? S.whole : S.half];
}

/** What the decision's reader should know about a unit: how it was scored, and its file's state. */
function notesFor(proposed: ProposedUnit, sets: CriteriaRegistry | undefined): string {
  const unit = proposed.row;
  const notes: string[] = [];
  const n = listText.notes;
  const { result, verdict } = unit;
  if (result && verdict && verdict.total !== null && verdict.max !== null) {
    const set = sets && result.setId ? sets.find(result.setId, result.setVersion ?? undefined) : undefined;
    notes.push(!set ? n.bare(verdict.total, verdict.max) : set.scoring.kind === 'pass-fail' ? n.passFail(verdict.total, verdict.max) : n.outOf(verdict.total, verdict.max));
  }
  if (unit.appraised) notes.push(n.appraised);
  const final = finalStage(unit);
  if (final.status === 'late') notes.push(n.late(final.daysLate, final.afterLock === true));
  notes.push(final.review ? n.review(REVIEW_STATE_LABELS[final.review]) : n.notReviewed);
  if (result?.draftSet) notes.push(n.draftSet);
  if (proposed.pending) notes.unshift(n.pending);
  return notes.join('; ');
}
