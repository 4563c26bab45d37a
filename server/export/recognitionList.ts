/**
 * The list of units proposed for recognition (danh sách đề nghị công nhận), to attach to the
 * province's request: eligible units ranked by total, one sheet, printable on A4 portrait.
 */
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { REVIEW_STATE_LABELS, type UnitStatus, type UnitsResponse } from '../../shared/api/schemas';
import { finalStage, rankEligible } from '../../shared/consolidation/consolidate';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds';
import { safeText, writeOutput } from './output';
import { listText, sheetText } from './text';
import { rowHeight, wrappedLines } from './xlsxLayout';

const FONT = { name: 'Times New Roman', size: 13 };
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};
const HEADER_ROW = 5;
const COLUMNS = 6;

/**
 * `sets` lets the notes say "Đạt 6/6 tiêu chí" for a pass-fail set rather than a bare "6/6";
 * without it the notes give the total out of the maximum only.
 */
export async function writeRecognitionList(response: UnitsResponse, output: Writable | string, sets?: CriteriaRegistry): Promise<void> {
  const ranked = rankEligible(response);
  await writeOutput(output, async (stream) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: true });
    workbook.creator = 'dien-hinh';
    const sheet = workbook.addWorksheet(listText.sheet, {
      views: [{ state: 'frozen', ySplit: HEADER_ROW }],
      pageSetup: {
        paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
        printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
        margins: { left: 0.8, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
    });
    sheet.columns = [6, 40, 16, 24, 11, 34].map((width) => ({ width }));
    sheet.headerFooter = { oddFooter: '&CTrang &P/&N' };

    const line = (rowNumber: number, text: string, font: Partial<ExcelJS.Font>, height?: number) => {
      const row = sheet.getRow(rowNumber);
      row.getCell(1).value = safeText(text);
      row.getCell(1).font = { ...FONT, ...font };
      row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      if (height) row.height = height;
      sheet.mergeCells(rowNumber, 1, rowNumber, COLUMNS);
      row.commit();
    };
    line(1, listText.title, { bold: true, size: 14 });
    line(2, listText.subtitle(response.year), { bold: true }, 36);
    line(3, listText.attached, { italic: true });
    sheet.getRow(4).commit();

    const h = listText.headers;
    const header = sheet.getRow(HEADER_ROW);
    [h.number, h.name, h.kind, h.parent, h.total, h.notes].forEach((text, i) => {
      const cell = header.getCell(i + 1);
      cell.value = text;
      cell.font = { ...FONT, bold: true };
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    header.commit();

    ranked.forEach((unit, index) => {
      const row = sheet.getRow(HEADER_ROW + 1 + index);
      const values: (string | number | null)[] = [
        index + 1, unit.unit.name, UNIT_KIND_LABELS[unit.unit.kind], unit.unit.parent, unit.verdict?.total ?? null, notesFor(unit, sets),
      ];
      const widths = sheet.columns.map((c) => c.width ?? 10);
      const lines = Math.max(...values.map((value, i) => (typeof value === 'string' ? wrappedLines(value, widths[i]!, 1) : 1)));
      row.height = rowHeight(lines, 17);
      values.forEach((value, i) => {
        const cell = row.getCell(i + 1);
        cell.value = typeof value === 'string' ? safeText(value) : value;
        cell.font = FONT;
        cell.border = BORDER;
        cell.alignment = { vertical: 'top', wrapText: true, ...(i === 0 || i === 4 ? { horizontal: 'center' } : {}) };
        // Whole points print without a decimal; half points keep theirs ("47", "49.5").
        if (i === 4 && typeof value === 'number') cell.numFmt = Number.isInteger(value) ? '0' : '0.0';
      });
      row.commit();
    });

    let next = HEADER_ROW + 1 + ranked.length;
    const footnote = (text: string) => {
      const row = sheet.getRow(next++);
      row.getCell(1).value = safeText(text);
      row.getCell(1).font = { ...FONT, italic: true };
      sheet.mergeCells(row.number, 1, row.number, COLUMNS);
      row.commit();
    };
    sheet.getRow(next++).commit();
    footnote(ranked.length === 0 ? listText.none : listText.count(ranked.length));
    if (ranked.length < response.yearlyTarget) footnote(sheetText.targetNote(ranked.length, response.yearlyTarget));
    sheet.commit();
    await workbook.commit();
  });
}

/** What the decision's reader should know about a unit: how it was scored, and its file's state. */
function notesFor(unit: UnitStatus, sets: CriteriaRegistry | undefined): string {
  const notes: string[] = [];
  const n = listText.notes;
  const { result, verdict } = unit;
  if (result && verdict && verdict.total !== null && verdict.max !== null) {
    const set = sets && result.setId ? sets.find(result.setId, result.setVersion ?? undefined) : undefined;
    notes.push(!set ? n.bare(verdict.total, verdict.max) : set.scoring.kind === 'pass-fail' ? n.passFail(verdict.total, verdict.max) : n.outOf(verdict.total, verdict.max));
  }
  if (unit.appraised) notes.push(n.appraised);
  const final = finalStage(unit);
  if (final.status === 'late') notes.push(n.late(final.daysLate));
  notes.push(final.review ? n.review(REVIEW_STATE_LABELS[final.review]) : n.notReviewed);
  if (result?.draftSet) notes.push(n.draftSet);
  return notes.join('; ');
}
