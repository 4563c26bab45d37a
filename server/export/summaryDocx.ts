/**
 * The submission summary (báo cáo tổng hợp) as a Word document in the form of Nghị định
 * 30/2020/NĐ-CP: A4 portrait, Times New Roman, the issuing body beside the national motto, number
 * and symbol, place and date, title, numbered sections, recipients and signature.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, Packer, PageNumber, PageOrientation, Paragraph, Table, TableBorders,
  TableCell, TableRow, TextRun, VerticalAlign, WidthType, type IParagraphOptions, type IRunOptions,
} from 'docx';
import type { UnitStatus, UnitsResponse } from '../../shared/api/schemas';
import { countUnits, finalStage, rankEligible } from '../../shared/consolidation/consolidate';
import { vietnamDate } from '../../shared/deadlines/vietnamTime';
import { UNIT_KINDS, UNIT_KIND_LABELS } from '../../shared/units/kinds';
import { safeText } from './output';
import { docText } from './text';

export interface SummaryOptions {
  /** The body that issues the report, in capitals as printed (default "CÔNG AN TỈNH ĐỒNG THÁP"). */
  issuingBody?: string;
  /** The body above it; by default "UBND TỈNH X" for "CÔNG AN TỈNH X", else none. */
  parentBody?: string;
  /** Where the report is signed ("Đồng Tháp"). */
  place: string;
  /** The day it is signed; written in Vietnam time. */
  date: Date;
  /** "125" or a full "125/BC-CAT-PV01"; left blank to be written by hand when absent. */
  documentNumber?: string;
  /** Who signs (default "GIÁM ĐỐC") and the signer's name, if known. */
  signerRole?: string;
  signerName?: string;
}

const FONT = 'Times New Roman';
/** Half-points: 14 pt body, 13 pt tables and header lines, 12 pt / 11 pt for the recipients block. */
const BODY = 28;
const SMALL = 26;
const MM = 1440 / 25.4;
/** A4 in twips, with the margins Nghị định 30 allows: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
const PAGE = { width: 11906, height: 16838, top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export function defaultParentBody(issuingBody: string): string | undefined {
  const match = /^CÔNG AN (TỈNH|THÀNH PHỐ) (.+)$/u.exec(issuingBody.normalize('NFC').trim().toLocaleUpperCase('vi-VN'));
  return match ? `UBND ${match[1]} ${match[2]}` : undefined;
}

/** A run of text; font and 14 pt come from the document's default style, so runs repeat neither. */
function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ text: safeText(text), ...options });
}

function para(children: TextRun[] | string, options: Omit<IParagraphOptions, 'children' | 'text'> = {}): Paragraph {
  return new Paragraph({ children: typeof children === 'string' ? [run(children)] : children, ...options });
}

/** A body paragraph: justified, first line indented 1 cm, 6 pt after (Nghị định 30's usual layout). */
function body(text: string | TextRun[], extra: Omit<IParagraphOptions, 'children' | 'text'> = {}): Paragraph {
  return para(text, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: Math.round(10 * MM) }, spacing: { after: 120, line: 312 }, ...extra });
}

function heading(text: string): Paragraph {
  return para([run(text, { bold: true })], { indent: { firstLine: Math.round(10 * MM) }, spacing: { before: 120, after: 120 }, keepNext: true });
}

/** A short solid line under a centred heading: a bottom border on an empty paragraph narrowed by indents. */
function rule(width: number, length: number): Paragraph {
  const indent = Math.max(0, Math.round((width - length) / 2));
  return new Paragraph({
    children: [],
    indent: { left: indent, right: indent },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    spacing: { after: 60 },
  });
}

function centred(text: string, options: Omit<IRunOptions, 'text'>, spacing: IParagraphOptions['spacing'] = {}): Paragraph {
  return para([run(text, options)], { alignment: AlignmentType.CENTER, spacing });
}

/** Two side-by-side blocks without borders (the header, the recipients beside the signature). */
function sideBySide(leftShare: number, left: (width: number) => Paragraph[], right: (width: number) => Paragraph[]): Table {
  const leftWidth = Math.round(CONTENT_WIDTH * leftShare);
  const rightWidth = CONTENT_WIDTH - leftWidth;
  const cell = (width: number, children: Paragraph[]) => new TableCell({ width: { size: width, type: WidthType.DXA }, borders: TableBorders.NONE, children });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    borders: TableBorders.NONE,
    rows: [new TableRow({ cantSplit: true, children: [cell(leftWidth, left(leftWidth)), cell(rightWidth, right(rightWidth))] })],
  });
}

function headerTable(issuingBody: string, parentBody: string | undefined, numberLine: string, placeDate: string): Table {
  return sideBySide(0.42, (width) => [
    ...(parentBody ? [centred(parentBody, { size: SMALL })] : []),
    centred(issuingBody, { size: SMALL, bold: true }),
    // The line under the issuing body: a third to a half of the line of text.
    rule(width, width * 0.4),
    centred(numberLine, { size: SMALL }, { before: 120 }),
  ], (width) => [
    centred(docText.nation, { size: SMALL - 2, bold: true }),
    centred(docText.motto, { size: BODY, bold: true }),
    // The line under the motto: as long as the motto.
    rule(width, width * 0.62),
    para([run(placeDate, { italics: true })], { alignment: AlignmentType.CENTER, spacing: { before: 120 } }),
  ]);
}

/** A cell of the ranked table: as few properties as Word needs, since a province may rank hundreds. */
function tableCell(text: string, width: number, options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(options.bold ? { verticalAlign: VerticalAlign.CENTER } : {}),
    children: [para([run(text, options.bold ? { size: SMALL, bold: true } : { size: SMALL })], options.align ? { alignment: options.align } : {})],
  });
}

function eligibleTable(ranked: UnitStatus[]): Table {
  const widths = [700, 3300, 1800, 2000, CONTENT_WIDTH - 700 - 3300 - 1800 - 2000];
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({
        tableHeader: true,
        children: docText.eligibleHeaders.map((h, i) => tableCell(h, widths[i]!, { bold: true, align: AlignmentType.CENTER })),
      }),
      ...ranked.map((u, index) => new TableRow({
        cantSplit: true,
        children: [
          tableCell(String(index + 1), widths[0]!, { align: AlignmentType.CENTER }),
          tableCell(u.unit.name, widths[1]!),
          tableCell(UNIT_KIND_LABELS[u.unit.kind], widths[2]!),
          tableCell(u.unit.parent, widths[3]!),
          tableCell(docText.totalCell(u.verdict?.total ?? null, u.verdict?.max ?? null), widths[4]!, { align: AlignmentType.CENTER }),
        ],
      })),
    ],
  });
}

/** Writes the summary report; the result is the .docx bytes. */
export async function writeSummaryDocx(response: UnitsResponse, options: SummaryOptions): Promise<Buffer> {
  const issuingBody = safeText(options.issuingBody?.trim() || docText.defaultIssuingBody).toLocaleUpperCase('vi-VN');
  const parentBody = options.parentBody?.trim() ? safeText(options.parentBody.trim()).toLocaleUpperCase('vi-VN') : defaultParentBody(issuingBody);
  const day = vietnamDate(options.date);
  const { counts, year } = response;
  const ranked = rankEligible(response);
  const notEligible = response.units.filter((u) => u.verdict && !u.verdict.eligible);
  const missing = response.units.filter((u) => !u.verdict);
  const appraised = response.units.filter((u) => u.appraised).length;
  const kinds = UNIT_KINDS.filter((k) => response.units.some((u) => u.unit.kind === k));

  const numbered = (items: string[]) => items.map((text, i) => body(`${i + 1}. ${text}`));
  const children: (Paragraph | Table)[] = [
    headerTable(issuingBody, parentBody, docText.number(options.documentNumber), docText.placeDate(safeText(options.place), day.day, day.month, day.year)),
    centred(docText.kind, { bold: true }, { before: 360 }),
    centred(docText.title(year), { bold: true }),
    rule(CONTENT_WIDTH, 1800),
    body(docText.intro(issuingBody, year), { spacing: { before: 240, after: 120, line: 312 } }),

    heading(docText.sections.intake),
    ...[
      docText.intake.expected(counts.expected),
      docText.intake.submitted(counts.submitted),
      docText.intake.valid(counts.valid),
      docText.intake.late(counts.late),
      docText.intake.eligible(counts.eligible),
      docText.intake.missing(counts.missing),
    ].map((t) => body(`- ${t}`)),
    ...(kinds.length > 1
      ? [body(`- ${docText.intake.byKind}`), ...kinds.map((k) => {
        const c = countUnits(response.units.filter((u) => u.unit.kind === k));
        return body(`+ ${docText.intake.kindLine(UNIT_KIND_LABELS[k], c.expected, c.valid, c.eligible)}`);
      })]
      : []),
    ...(appraised > 0 ? [body(`- ${docText.intake.appraised(appraised)}`)] : []),

    heading(docText.sections.eligible),
    ...(ranked.length > 0 ? [body(docText.eligibleIntro(ranked.length)), eligibleTable(ranked)] : [body(docText.eligibleNone)]),

    heading(docText.sections.notEligible),
    ...(notEligible.length > 0
      ? [body(docText.notEligibleIntro(notEligible.length)),
        ...numbered(notEligible.map((u) => docText.notEligibleLine(u.unit.name, UNIT_KIND_LABELS[u.unit.kind], u.verdict!.reasons.join(' '))))]
      : [body(docText.notEligibleNone)]),

    heading(docText.sections.missing),
    ...(missing.length > 0
      ? [body(docText.missingIntro(missing.length)),
        ...numbered(missing.map((u) => finalStage(u).status === 'invalid'
          ? docText.invalidLine(u.unit.name, UNIT_KIND_LABELS[u.unit.kind])
          : docText.missingLine(u.unit.name, UNIT_KIND_LABELS[u.unit.kind], u.unit.parent, u.risk.label)))]
      : [body(docText.missingNone)]),

    heading(docText.sections.proposal),
    body(ranked.length > 0 ? docText.proposal.recognise(ranked.length, parentBody ?? issuingBody, year) : docText.proposal.none),
    ...(ranked.length < response.yearlyTarget ? [body(docText.proposal.belowTarget(ranked.length, response.yearlyTarget))] : []),
    ...(counts.missing > 0 || notEligible.length > 0 ? [body(docText.proposal.chase)] : []),
    body(docText.closing(issuingBody)),
    signatureTable(parentBody ?? issuingBody, options),
  ];

  const document = new Document({
    creator: 'dien-hinh',
    title: docText.title(year),
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [{
      properties: {
        titlePage: true,
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
          margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: Math.round(10 * MM), footer: Math.round(10 * MM) },
        },
      },
      // Nghị định 30: page numbers centred at the top, from the second page on.
      headers: {
        default: new Header({ children: [para([new TextRun({ children: [PageNumber.CURRENT], size: SMALL })], { alignment: AlignmentType.CENTER })] }),
        first: new Header({ children: [] }),
      },
      footers: { first: new Footer({ children: [] }) },
      children,
    }],
  });
  return Packer.toBuffer(document);
}

function signatureTable(parentBody: string, options: SummaryOptions): Table {
  return sideBySide(0.5, () => [
    para([run(docText.recipientsTitle, { bold: true, italics: true, size: 24 })], { spacing: { before: 240 } }),
    ...docText.recipients(parentBody).map((line) => para([run(line, { size: 22 })])),
  ], () => [
    centred(safeText(options.signerRole?.trim() || docText.signerRole).toLocaleUpperCase('vi-VN'), { bold: true }, { before: 240 }),
    // Room for the signature and the seal.
    ...[1, 2, 3, 4].map(() => para('')),
    centred(options.signerName?.trim() ? safeText(options.signerName.trim()) : '', { bold: true }),
  ]);
}
