/**
 * The submission summary (báo cáo tổng hợp) as a Word document in the form of Nghị định
 * 30/2020/NĐ-CP: A4 portrait, Times New Roman, the issuing body beside the national motto, number
 * and symbol, place and date, title, numbered sections, recipients and signature.
 *
 * The WordprocessingML is written directly as strings, in the package of `officePackage`: a
 * province ranks hundreds of units, and the `docx` package's object per paragraph, run and cell
 * took 150–300 ms for 1,000 units where the strings take 10–20 ms (measured here).
 */
import type { UnitStatus, UnitsResponse } from '../../shared/api/schemas';
import { countUnits, finalStage, rankEligible } from '../../shared/consolidation/consolidate';
import { vietnamDate } from '../../shared/deadlines/vietnamTime';
import { UNIT_KINDS, UNIT_KIND_LABELS } from '../../shared/units/kinds';
import { APP_TYPE, CORE_TYPE, contentTypes, NS_RELATIONSHIPS as NS_R, packageParts, relationships, XML_HEAD, zipParts } from './officePackage';
import { safeText, xmlText } from './output';
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
const FIRST_LINE = Math.round(10 * MM);

const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export function defaultParentBody(issuingBody: string): string | undefined {
  const match = /^CÔNG AN (TỈNH|THÀNH PHỐ) (.+)$/u.exec(issuingBody.normalize('NFC').trim().toLocaleUpperCase('vi-VN'));
  return match ? `UBND ${match[1]} ${match[2]}` : undefined;
}

interface RunOptions {
  bold?: boolean;
  italics?: boolean;
  /** Half-points; the document's default (14 pt) when absent. */
  size?: number;
}

/** A run of text; font and 14 pt come from the document's default style, so runs repeat neither. */
function run(text: string, options: RunOptions = {}): string {
  const props = `${options.bold ? '<w:b/><w:bCs/>' : ''}${options.italics ? '<w:i/><w:iCs/>' : ''}${options.size ? `<w:sz w:val="${options.size}"/><w:szCs w:val="${options.size}"/>` : ''}`;
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

interface ParagraphOptions {
  align?: 'center' | 'both';
  keepNext?: boolean;
  spacing?: { before?: number; after?: number; line?: number };
  indent?: { firstLine?: number; left?: number; right?: number };
  /** A solid line under the paragraph. */
  rule?: boolean;
}

/** A paragraph; its properties in the order the schema wants them. */
function para(runs: string, options: ParagraphOptions = {}): string {
  const { spacing: sp, indent: ind } = options;
  const props = (options.keepNext ? '<w:keepNext/>' : '')
    + (options.rule ? '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>' : '')
    + (sp ? `<w:spacing${sp.before !== undefined ? ` w:before="${sp.before}"` : ''}${sp.after !== undefined ? ` w:after="${sp.after}"` : ''}${sp.line !== undefined ? ` w:line="${sp.line}" w:lineRule="auto"` : ''}/>` : '')
    + (ind ? `<w:ind${ind.left !== undefined ? ` w:left="${ind.left}"` : ''}${ind.right !== undefined ? ` w:right="${ind.right}"` : ''}${ind.firstLine !== undefined ? ` w:firstLine="${ind.firstLine}"` : ''}/>` : '')
    + (options.align ? `<w:jc w:val="${options.align}"/>` : '');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs}</w:p>`;
}

const BODY_SPACING = { after: 120, line: 312 };

/** A body paragraph: justified, first line indented 1 cm, 6 pt after (Nghị định 30's usual layout). */
function body(text: string, spacing: ParagraphOptions['spacing'] = BODY_SPACING): string {
  return para(run(text), { align: 'both', indent: { firstLine: FIRST_LINE }, spacing });
}

function heading(text: string): string {
  return para(run(text, { bold: true }), { keepNext: true, indent: { firstLine: FIRST_LINE }, spacing: { before: 120, after: 120 } });
}

/** A short solid line under a centred heading: a bottom border on an empty paragraph narrowed by indents. */
function rule(width: number, length: number): string {
  const indent = Math.max(0, Math.round((width - length) / 2));
  return para('', { rule: true, spacing: { after: 60 }, indent: { left: indent, right: indent } });
}

function centred(text: string, options: RunOptions, spacing?: ParagraphOptions['spacing']): string {
  return para(run(text, options), { align: 'center', ...(spacing ? { spacing } : {}) });
}

type Border = 'none' | 'single';
const SIDES = ['top', 'left', 'bottom', 'right'] as const;

function borders(kind: Border, sides: readonly string[]): string {
  const line = kind === 'none' ? 'w:val="none" w:sz="0" w:space="0" w:color="auto"' : 'w:val="single" w:sz="4" w:space="0" w:color="000000"';
  return sides.map((side) => `<w:${side} ${line}/>`).join('');
}

interface TableOptions {
  widths: number[];
  border: Border;
  /** Cell margins in twips (top, left/right, bottom), when not Word's defaults. */
  margins?: { top: number; side: number; bottom: number };
}

/** A table of the page's content width; `rows` are made with `row`. */
function table(options: TableOptions, rows: string): string {
  const m = options.margins;
  return `<w:tbl><w:tblPr><w:tblW w:w="${CONTENT_WIDTH}" w:type="dxa"/><w:tblBorders>${borders(options.border, [...SIDES, 'insideH', 'insideV'])}</w:tblBorders>`
    + '<w:tblLayout w:type="fixed"/>'
    + (m ? `<w:tblCellMar><w:top w:w="${m.top}" w:type="dxa"/><w:left w:w="${m.side}" w:type="dxa"/><w:bottom w:w="${m.bottom}" w:type="dxa"/><w:right w:w="${m.side}" w:type="dxa"/></w:tblCellMar>` : '')
    + `</w:tblPr><w:tblGrid>${options.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${rows}</w:tbl>`;
}

/** A row that is never split across pages; the header row repeats on every page. */
function row(cells: string, header = false): string {
  return `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>${cells}</w:tr>`;
}

function cell(width: number, content: string, options: { noBorders?: boolean; middle?: boolean } = {}): string {
  const props = `<w:tcW w:w="${width}" w:type="dxa"/>${options.noBorders ? `<w:tcBorders>${borders('none', SIDES)}</w:tcBorders>` : ''}${options.middle ? '<w:vAlign w:val="center"/>' : ''}`;
  return `<w:tc><w:tcPr>${props}</w:tcPr>${content}</w:tc>`;
}

/** Two side-by-side blocks without borders (the header, the recipients beside the signature). */
function sideBySide(leftShare: number, left: (width: number) => string[], right: (width: number) => string[]): string {
  const leftWidth = Math.round(CONTENT_WIDTH * leftShare);
  const rightWidth = CONTENT_WIDTH - leftWidth;
  return table({ widths: [leftWidth, rightWidth], border: 'none' }, row(
    cell(leftWidth, left(leftWidth).join(''), { noBorders: true }) + cell(rightWidth, right(rightWidth).join(''), { noBorders: true }),
  ));
}

function headerTable(issuingBody: string, parentBody: string | undefined, numberLine: string, placeDate: string): string {
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
    centred(placeDate, { italics: true }, { before: 120 }),
  ]);
}

/** The ranked table: as few properties per cell as Word needs, since a province may rank hundreds. */
function eligibleTable(ranked: UnitStatus[]): string {
  const widths = [700, 3300, 1800, 2000, CONTENT_WIDTH - 700 - 3300 - 1800 - 2000];
  const small = { size: SMALL };
  const plain = (i: number, text: string) => cell(widths[i]!, para(run(text, small)));
  const centre = (i: number, text: string) => cell(widths[i]!, para(run(text, small), { align: 'center' }));
  const header = row(docText.eligibleHeaders.map((h, i) => cell(widths[i]!, para(run(h, { size: SMALL, bold: true }), { align: 'center' }), { middle: true })).join(''), true);
  const rows = ranked.map((u, index) => row(
    centre(0, String(index + 1))
    + plain(1, u.unit.name)
    + plain(2, UNIT_KIND_LABELS[u.unit.kind])
    + plain(3, u.unit.parent)
    + centre(4, docText.totalCell(u.verdict?.total ?? null, u.verdict?.max ?? null)),
  ));
  return table({ widths, border: 'single', margins: { top: 40, side: 80, bottom: 40 } }, header + rows.join(''));
}

function signatureTable(parentBody: string, options: SummaryOptions): string {
  return sideBySide(0.5, () => [
    para(run(docText.recipientsTitle, { bold: true, italics: true, size: 24 }), { spacing: { before: 240 } }),
    ...docText.recipients(parentBody).map((line) => para(run(line, { size: 22 }))),
  ], () => [
    centred(safeText(options.signerRole?.trim() || docText.signerRole).toLocaleUpperCase('vi-VN'), { bold: true }, { before: 240 }),
    // Room for the signature and the seal.
    ...[1, 2, 3, 4].map(() => para('')),
    centred(options.signerName?.trim() ? safeText(options.signerName.trim()) : '', { bold: true }),
  ]);
}

/** Writes the summary report; the result is the .docx bytes. */
export async function writeSummaryDocx(response: UnitsResponse, options: SummaryOptions): Promise<Buffer> {
  return summaryDocxBytes(response, options);
}

/** The summary report's .docx bytes. */
export function summaryDocxBytes(response: UnitsResponse, options: SummaryOptions, now = new Date()): Buffer {
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
  const children: string[] = [
    headerTable(issuingBody, parentBody, docText.number(options.documentNumber), docText.placeDate(safeText(options.place), day.day, day.month, day.year)),
    centred(docText.kind, { bold: true }, { before: 360 }),
    centred(docText.title(year), { bold: true }),
    rule(CONTENT_WIDTH, 1800),
    body(docText.intro(issuingBody, year), { before: 240, after: 120, line: 312 }),

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

  const document = `${XML_HEAD}<w:document xmlns:w="${NS_W}" xmlns:r="${NS_R}"><w:body>${children.join('')}`
    + '<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:headerReference w:type="first" r:id="rId4"/><w:footerReference w:type="first" r:id="rId5"/>'
    + `<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}" w:orient="portrait"/>`
    + `<w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="${Math.round(10 * MM)}" w:footer="${Math.round(10 * MM)}" w:gutter="0"/>`
    // Nghị định 30: page numbers centred at the top, from the second page on (the first page has its own, empty, header).
    + '<w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr></w:body></w:document>';
  return docxPackage(document, docText.title(year), now);
}

const PAGE_NUMBER = `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="${SMALL}"/><w:szCs w:val="${SMALL}"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>`
  + `<w:r><w:rPr><w:sz w:val="${SMALL}"/><w:szCs w:val="${SMALL}"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>`
  + `<w:r><w:rPr><w:sz w:val="${SMALL}"/><w:szCs w:val="${SMALL}"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>`
  + `<w:r><w:rPr><w:sz w:val="${SMALL}"/><w:szCs w:val="${SMALL}"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p>`;

const STYLES = `${XML_HEAD}<w:styles xmlns:w="${NS_W}"><w:docDefaults><w:rPrDefault><w:rPr>`
  + `<w:rFonts w:ascii="${FONT}" w:eastAsia="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}"/><w:sz w:val="${BODY}"/><w:szCs w:val="${BODY}"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>`
  + '</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>'
  + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
  + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
  + '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
  + '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
  + '</w:styles>';

const SETTINGS = `${XML_HEAD}<w:settings xmlns:w="${NS_W}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>`
  + '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

/** The .docx package around document.xml: styles, settings, the page-number header and the first page's empty header and footer. */
function docxPackage(document: string, title: string, now: Date): Buffer {
  const wml = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
  const part = (tag: 'hdr' | 'ftr', content: string) => `${XML_HEAD}<w:${tag} xmlns:w="${NS_W}" xmlns:r="${NS_R}">${content}</w:${tag}>`;
  return zipParts([
    ['[Content_Types].xml', contentTypes([
      ['word/document.xml', `${wml}.document.main+xml`],
      ['word/styles.xml', `${wml}.styles+xml`],
      ['word/settings.xml', `${wml}.settings+xml`],
      ['word/header1.xml', `${wml}.header+xml`],
      ['word/header2.xml', `${wml}.header+xml`],
      ['word/footer1.xml', `${wml}.footer+xml`],
      ['docProps/core.xml', CORE_TYPE],
      ['docProps/app.xml', APP_TYPE],
    ])],
    ...packageParts('word/document.xml', 'dien-hinh', now, title),
    ['word/_rels/document.xml.rels', relationships([
      [`${NS_R}/styles`, 'styles.xml'],
      [`${NS_R}/settings`, 'settings.xml'],
      [`${NS_R}/header`, 'header1.xml'],
      [`${NS_R}/header`, 'header2.xml'],
      [`${NS_R}/footer`, 'footer1.xml'],
    ])],
    ['word/document.xml', document],
    ['word/styles.xml', STYLES],
    ['word/settings.xml', SETTINGS],
    ['word/header1.xml', part('hdr', PAGE_NUMBER)],
    ['word/header2.xml', part('hdr', '<w:p/>')],
    ['word/footer1.xml', part('ftr', '<w:p/>')],
  ], now);
}
