/**
 * The list of units proposed for recognition (danh sách đề nghị công nhận), to attach to the
 * province's request: eligible units ranked by total, one sheet, printable on A4 portrait.
 */
import type { Writable } from 'node:stream';
import { REVIEW_STATE_LABELS, type UnitStatus, type UnitsResponse } from '../../shared/api/schemas';
import { finalStage } from '../../shared/consolidation/consolidate';
import { proposedList, proposedUnits } from '../../shared/consolidation/proposal';
import { createRegistry } from '../../shared/criteria/load';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds';
import { writeBuffer } from './output';
import { listText, sheetText } from './text';
import { XlsxWriter, type AlignSpec, type FontSpec } from './xlsxWriter';
import { rowHeight, wrappedLines } from './xlsxLayout';

const FONT: FontSpec = { name: 'Times New Roman', size: 13 };
const HEADER_ROW = 5;
const COLUMNS = 6;
const WIDTHS = [6, 40, 16, 24, 11, 34];
const CENTRED: AlignSpec = { horizontal: 'center', vertical: 'center', wrap: true };

/**
 * `sets` lets the notes say "Đạt 6/6 tiêu chí" for a pass-fail set rather than a bare "6/6";
 * without it the notes give the total out of the maximum only.
 */
export async function writeRecognitionList(response: UnitsResponse, output: Writable | string, sets?: CriteriaRegistry, options: { includePending?: boolean } = {}): Promise<void> {
  await writeBuffer(output, recognitionListBytes(response, sets, options));
}

/** The recognition list's bytes. */
export function recognitionListBytes(response: UnitsResponse, sets?: CriteriaRegistry, options: { includePending?: boolean } = {}): Buffer {
  // Approved, eligible units, each criteria set in its own order (shared/consolidation/proposal.ts).
  const ranked = proposedList(proposedUnits(response, { sets: sets ?? createRegistry([]), includePending: options.includePending === true })).map((p) => p.row);
  const book = new XlsxWriter();
  const sheet = book.addSheet(listText.sheet, {
    widths: WIDTHS,
    freeze: { rows: HEADER_ROW },
    page: { orientation: 'portrait', fitToWidth: true, margins: { left: 0.8, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    printTitleRows: { from: HEADER_ROW, to: HEADER_ROW },
    footer: '&CTrang &P/&N',
  });
  const style = {
    title: book.style({ font: { ...FONT, bold: true, size: 14 }, align: CENTRED }),
    subtitle: book.style({ font: { ...FONT, bold: true }, align: CENTRED }),
    attached: book.style({ font: { ...FONT, italic: true }, align: CENTRED }),
    header: book.style({ font: { ...FONT, bold: true }, border: true, align: CENTRED }),
    text: book.style({ font: FONT, border: true, align: { vertical: 'top', wrap: true } }),
    centre: book.style({ font: FONT, border: true, align: { horizontal: 'center', vertical: 'top', wrap: true } }),
    // Whole points print without a decimal; half points keep theirs ("47", "49.5").
    whole: book.style({ font: FONT, border: true, align: { horizontal: 'center', vertical: 'top', wrap: true }, numFmt: '0' }),
    half: book.style({ font: FONT, border: true, align: { horizontal: 'center', vertical: 'top', wrap: true }, numFmt: '0.0' }),
    footnote: book.style({ font: { ...FONT, italic: true } }),
  };

  const line = (rowNumber: number, text: string, cellStyle: number, height?: number) => {
    const row = sheet.row(rowNumber);
    row.put(1, text, cellStyle);
    if (height) row.height = height;
    row.commit();
    sheet.merge(rowNumber, 1, rowNumber, COLUMNS);
  };
  line(1, listText.title, style.title);
  line(2, listText.subtitle(response.year), style.subtitle, 36);
  line(3, listText.attached, style.attached);

  const h = listText.headers;
  const header = sheet.row(HEADER_ROW);
  [h.number, h.name, h.kind, h.parent, h.total, h.notes].forEach((text, i) => header.put(i + 1, text, style.header));
  header.commit();

  ranked.forEach((unit, index) => {
    const row = sheet.row(HEADER_ROW + 1 + index);
    const total = unit.verdict?.total ?? null;
    const texts = [unit.unit.name, UNIT_KIND_LABELS[unit.unit.kind], unit.unit.parent, notesFor(unit, sets)] as const;
    const lines = Math.max(1, wrappedLines(texts[0], WIDTHS[1]!, 1), wrappedLines(texts[1], WIDTHS[2]!, 1), wrappedLines(texts[2], WIDTHS[3]!, 1), wrappedLines(texts[3], WIDTHS[5]!, 1));
    row.height = rowHeight(lines, 17);
    row.put(1, index + 1, style.centre);
    row.put(2, texts[0], style.text);
    row.put(3, texts[1], style.text);
    row.put(4, texts[2], style.text);
    row.put(5, total, total === null ? style.centre : Number.isInteger(total) ? style.whole : style.half);
    row.put(6, texts[3], style.text);
    row.commit();
  });

  let next = HEADER_ROW + 2 + ranked.length;
  const footnote = (text: string) => {
    const row = sheet.row(next);
    row.put(1, text, style.footnote);
    row.commit();
    sheet.merge(next, 1, next, COLUMNS);
    next++;
  };
  footnote(ranked.length === 0 ? listText.none : listText.count(ranked.length));
  if (ranked.length < response.yearlyTarget) footnote(sheetText.targetNote(ranked.length, response.yearlyTarget));
  return book.toBuffer();
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
