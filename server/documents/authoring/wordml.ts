/**
 * AUTHORING ONLY (never used to make a document at run time): the few WordprocessingML pieces
 * `makeTemplates.ts` uses to write the shipped Word templates once, with docxtemplater tags
 * (`{issuingBody}`, `{#units}…{/units}`) where the data goes. At run time the templates — ours,
 * or a province's edited copy in `<data>/templates/` — are filled by docxtemplater alone
 * (server/documents/render.ts).
 *
 * The layout follows Nghị định 30/2020/NĐ-CP: A4 portrait, margins top/bottom 20 mm, left 30 mm,
 * right 15 mm, Times New Roman 14 pt body and 13 pt header lines, page numbers centred at the top
 * from the second page.
 */
import PizZip from 'pizzip';

export const FONT = 'Times New Roman';
/** Half-points. */
export const PT14 = 28;
export const PT13 = 26;
export const PT12 = 24;
export const PT11 = 22;
const MM = 1440 / 25.4;
export const PAGE = { width: 11906, height: 16838, top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const FIRST_LINE = Math.round(10 * MM);

const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function escape(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

export interface RunOptions {
  bold?: boolean;
  italics?: boolean;
  /** Half-points; 14 pt (the document default) when absent. */
  size?: number;
  font?: string;
}

/** A run of text (which may hold docxtemplater tags). */
export function run(text: string, options: RunOptions = {}): string {
  const props = (options.font ? `<w:rFonts w:ascii="${options.font}" w:hAnsi="${options.font}" w:cs="${options.font}"/>` : '')
    + (options.bold ? '<w:b/><w:bCs/>' : '') + (options.italics ? '<w:i/><w:iCs/>' : '')
    + (options.size ? `<w:sz w:val="${options.size}"/><w:szCs w:val="${options.size}"/>` : '');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${escape(text)}</w:t></w:r>`;
}

/** A hard page break (a run). */
export const PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>';

export interface ParagraphOptions {
  align?: 'center' | 'both' | 'right' | 'left';
  keepNext?: boolean;
  spacing?: { before?: number; after?: number; line?: number };
  indent?: { firstLine?: number; left?: number; right?: number };
  /** A solid line under the paragraph. */
  rule?: boolean;
}

export function para(runs: string, options: ParagraphOptions = {}): string {
  const { spacing: sp, indent: ind } = options;
  const props = (options.keepNext ? '<w:keepNext/>' : '')
    + (options.rule ? '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>' : '')
    + (sp ? `<w:spacing${sp.before !== undefined ? ` w:before="${sp.before}"` : ''}${sp.after !== undefined ? ` w:after="${sp.after}"` : ''}${sp.line !== undefined ? ` w:line="${sp.line}" w:lineRule="auto"` : ''}/>` : '')
    + (ind ? `<w:ind${ind.left !== undefined ? ` w:left="${ind.left}"` : ''}${ind.right !== undefined ? ` w:right="${ind.right}"` : ''}${ind.firstLine !== undefined ? ` w:firstLine="${ind.firstLine}"` : ''}/>` : '')
    + (options.align ? `<w:jc w:val="${options.align}"/>` : '');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs}</w:p>`;
}

/** A paragraph holding only a docxtemplater loop or condition tag (removed when filled: paragraphLoop). */
export function tag(text: string): string {
  return para(run(text));
}

const BODY_SPACING = { before: 0, after: 120, line: 312 };

/** A body paragraph: justified, first line indented 1 cm, 6 pt after. */
export function body(text: string, options: RunOptions = {}): string {
  return para(run(text, options), { align: 'both', indent: { firstLine: FIRST_LINE }, spacing: BODY_SPACING });
}

export function heading(text: string): string {
  return para(run(text, { bold: true }), { keepNext: true, align: 'both', indent: { firstLine: FIRST_LINE }, spacing: { before: 120, after: 120 } });
}

export function centred(text: string, options: RunOptions = {}, spacing?: ParagraphOptions['spacing']): string {
  return para(run(text, options), { align: 'center', ...(spacing ? { spacing } : {}) });
}

/** A short solid line under a centred heading: a bottom border on an empty paragraph narrowed by indents. */
export function rule(width: number, length: number): string {
  const indent = Math.max(0, Math.round((width - length) / 2));
  return para('', { rule: true, spacing: { after: 60 }, indent: { left: indent, right: indent } });
}

const SIDES = ['top', 'left', 'bottom', 'right'] as const;
function borders(kind: 'none' | 'single', sides: readonly string[]): string {
  const line = kind === 'none' ? 'w:val="none" w:sz="0" w:space="0" w:color="auto"' : 'w:val="single" w:sz="4" w:space="0" w:color="000000"';
  return sides.map((side) => `<w:${side} ${line}/>`).join('');
}

export function table(widths: number[], border: 'none' | 'single', rows: string, style?: string): string {
  const total = widths.reduce((a, b) => a + b, 0);
  return `<w:tbl><w:tblPr>${style ? `<w:tblStyle w:val="${style}"/>` : ''}<w:tblW w:w="${total}" w:type="dxa"/><w:tblBorders>${borders(border, [...SIDES, 'insideH', 'insideV'])}</w:tblBorders>`
    + '<w:tblLayout w:type="fixed"/>'
    + (border === 'single' ? '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>' : '')
    + `</w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${rows}</w:tbl>`;
}

/** A row never split across pages; a header row repeats on every page. */
export function row(cells: string, header = false): string {
  return `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>${cells}</w:tr>`;
}

export function cell(width: number, content: string, options: { span?: number; middle?: boolean } = {}): string {
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${options.span ? `<w:gridSpan w:val="${options.span}"/>` : ''}${options.middle ? '<w:vAlign w:val="center"/>' : ''}</w:tcPr>${content || '<w:p/>'}</w:tc>`;
}

/** Two side-by-side blocks without borders (the header; the recipients beside the signature). */
export function sideBySide(leftShare: number, left: (width: number) => string, right: (width: number) => string): string {
  const leftWidth = Math.round(CONTENT_WIDTH * leftShare);
  const rightWidth = CONTENT_WIDTH - leftWidth;
  return table([leftWidth, rightWidth], 'none', row(cell(leftWidth, left(leftWidth)) + cell(rightWidth, right(rightWidth))));
}

/** The table style giving a list table's text its size (`DanhSach12`, `DanhSach13`: half-points / 2). */
function listStyleId(size: number): string {
  return `DanhSach${size / 2}`;
}

/**
 * A bordered table with a repeated bold header row and one looped data row (`loop` names the
 * array). The data row's text takes its size from the table's style, not from properties on each
 * run: docxtemplater's time grows with the XML elements of the looped row (a report lists a
 * thousand units), and the filled document looks the same (checked with LibreOffice).
 */
export function loopTable(widths: number[], headers: string[], loop: string, cells: { text: string; align?: 'center' | 'left' }[], size = PT13): string {
  const header = row(headers.map((h, i) => cell(widths[i]!, para(run(h, { bold: true, size }), { align: 'center' }), { middle: true })).join(''), true);
  const data = row(cells.map((c, i) => {
    const text = `${i === 0 ? `{#${loop}}` : ''}${c.text}${i === cells.length - 1 ? `{/${loop}}` : ''}`;
    return cell(widths[i]!, para(run(text), c.align === 'center' ? { align: 'center' } : {}));
  }).join(''));
  return table(widths, 'single', header + data, listStyleId(size));
}

/** The list tables' styles a document uses (their text size), for styles.xml. */
function listStyles(bodyXml: string): string {
  return [PT12, PT13].filter((size) => bodyXml.includes(`<w:tblStyle w:val="${listStyleId(size)}"/>`)).map((size) =>
    `<w:style w:type="table" w:customStyle="1" w:styleId="${listStyleId(size)}"><w:name w:val="${listStyleId(size)}"/><w:basedOn w:val="TableNormal"/>`
    + `<w:rPr><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`).join('');
}

const PAGE_NUMBER = `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="${PT13}"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>`
  + `<w:r><w:rPr><w:sz w:val="${PT13}"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>`
  + `<w:r><w:rPr><w:sz w:val="${PT13}"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="${PT13}"/></w:rPr><w:t>2</w:t></w:r>`
  + `<w:r><w:rPr><w:sz w:val="${PT13}"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p>`;

const STYLES_HEAD = `${XML_HEAD}<w:styles xmlns:w="${NS_W}"><w:docDefaults><w:rPrDefault><w:rPr>`
  + `<w:rFonts w:ascii="${FONT}" w:eastAsia="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}"/><w:sz w:val="${PT14}"/><w:szCs w:val="${PT14}"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>`
  + '</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>'
  + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
  + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
  + '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
  + '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>';

const SETTINGS = `${XML_HEAD}<w:settings xmlns:w="${NS_W}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>`
  + '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

/** The .docx package of a template: document, styles, settings, the page-number header (from page 2). */
export function docxTemplate(bodyXml: string, title: string, pageNumbers = true): Buffer {
  const sect = (pageNumbers ? '<w:headerReference w:type="default" r:id="rId3"/><w:headerReference w:type="first" r:id="rId4"/>' : '')
    + `<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}" w:orient="portrait"/>`
    + `<w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="${Math.round(10 * MM)}" w:footer="${Math.round(10 * MM)}" w:gutter="0"/>`
    + (pageNumbers ? '<w:titlePg/>' : '') + '<w:docGrid w:linePitch="360"/>';
  const document = `${XML_HEAD}<w:document xmlns:w="${NS_W}" xmlns:r="${NS_R}"><w:body>${bodyXml}<w:sectPr>${sect}</w:sectPr></w:body></w:document>`;
  const wml = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
  const zip = new PizZip();
  // A fixed date on every part: regenerating the templates gives the same bytes.
  const fixed = { date: new Date(Date.UTC(2026, 11, 1)) };
  zip.file('[Content_Types].xml', `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + `<Override PartName="/word/document.xml" ContentType="${wml}.document.main+xml"/>`
    + `<Override PartName="/word/styles.xml" ContentType="${wml}.styles+xml"/>`
    + `<Override PartName="/word/settings.xml" ContentType="${wml}.settings+xml"/>`
    + `<Override PartName="/word/header1.xml" ContentType="${wml}.header+xml"/>`
    + `<Override PartName="/word/header2.xml" ContentType="${wml}.header+xml"/>`
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    + '</Types>', fixed);
  zip.file('_rels/.rels', `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
    + `<Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="word/document.xml"/>`
    + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    + '</Relationships>', fixed);
  zip.file('docProps/core.xml', `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">`
    + `<dc:title>${escape(title)}</dc:title><dc:creator>dien-hinh</dc:creator></cp:coreProperties>`, fixed);
  zip.file('word/_rels/document.xml.rels', `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
    + `<Relationship Id="rId1" Type="${NS_R}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${NS_R}/settings" Target="settings.xml"/>`
    + `<Relationship Id="rId3" Type="${NS_R}/header" Target="header1.xml"/><Relationship Id="rId4" Type="${NS_R}/header" Target="header2.xml"/>`
    + '</Relationships>', fixed);
  zip.file('word/document.xml', document, fixed);
  zip.file('word/styles.xml', `${STYLES_HEAD}${listStyles(bodyXml)}</w:styles>`, fixed);
  zip.file('word/settings.xml', SETTINGS, fixed);
  zip.file('word/header1.xml', `${XML_HEAD}<w:hdr xmlns:w="${NS_W}" xmlns:r="${NS_R}">${PAGE_NUMBER}</w:hdr>`, fixed);
  zip.file('word/header2.xml', `${XML_HEAD}<w:hdr xmlns:w="${NS_W}" xmlns:r="${NS_R}"><w:p/></w:hdr>`, fixed);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
