/**
 * A small .xlsx writer for the workbooks the exports generate (the consolidated workbook, the
 * recognition list): worksheet XML built as strings, a shared-string table, a styles part holding
 * only the styles asked for, frozen panes, autofilter, merged cells, column widths, row heights,
 * A4 print setup fitted to the page width with repeated title rows, zipped by `officePackage`.
 *
 * Text is only ever written as a shared string (`t="s"`) and no cell is ever given a formula, so
 * text beginning with = + - @ stays text in every spreadsheet program. Every text goes through
 * `safeText` here, so a writer cannot forget it.
 */
import { escapeXml, safeText } from './output';
import { APP_TYPE, CORE_TYPE, contentTypes, NS_RELATIONSHIPS as NS_REL, packageParts, relationships, XML_HEAD, zipParts, type ZipPart } from './officePackage';

export interface FontSpec {
  name: string;
  /** Points. */
  size: number;
  bold?: boolean;
  italic?: boolean;
  /** ARGB, e.g. "FF9C0006". */
  color?: string;
}

export interface AlignSpec {
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
  /** Degrees, 90 for text read bottom to top. */
  rotation?: number;
}

export interface StyleSpec {
  font?: FontSpec;
  /** ARGB of a solid fill. */
  fill?: string;
  /** A thin border on all four sides. */
  border?: boolean;
  align?: AlignSpec;
  /** An Excel number format code: "0", "0.0", "dd/mm/yyyy hh:mm". */
  numFmt?: string;
}

/** A cell's value: text (always text), a number, a date and time (written as Excel's serial, no zone), or nothing. */
export type CellValue = string | number | Date | null;

export interface Margins { left: number; right: number; top: number; bottom: number; header: number; footer: number }

export interface SheetOptions {
  /** Column widths in Excel's units, from column A. */
  widths: readonly number[];
  /** Rows (and columns) kept in view when scrolling. */
  freeze?: { rows: number; cols?: number };
  /** An autofilter on columns 1..lastCol, from the header row to the last row. */
  autoFilter?: { headerRow: number; lastRow: number; lastCol: number };
  page: {
    orientation: 'portrait' | 'landscape';
    margins: Margins;
    /** Fit the width to one page, as many pages tall as needed. */
    fitToWidth?: boolean;
  };
  /** Rows repeated at the top of every printed page. */
  printTitleRows?: { from: number; to: number };
  /** The footer of every printed page, in Excel's header/footer codes ("&CTrang &P/&N"). */
  footer?: string;
}

const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4 };
/** The default font: column widths are in units of its digit width, and every width here was chosen for it. */
const DEFAULT_FONT: FontSpec = { name: 'Calibri', size: 11 };
const MS_PER_DAY = 86_400_000;
/** Excel's serial day 25569 is 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const columnNames: string[] = [''];
/** "A", "B", … "AE" for 1, 2, … 31. */
function columnName(col: number): string {
  for (let n = columnNames.length; n <= col; n++) {
    let letters = '';
    for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
    columnNames.push(letters);
  }
  return columnNames[col]!;
}

/** "'Bảng tổng hợp'" as a formula or defined name refers to a sheet. */
function quotedSheet(name: string): string {
  return `'${name.replace(/'/gu, "''")}'`;
}

export class XlsxRow {
  height: number | undefined;
  private cells = '';
  private lastCol = 0;

  constructor(private readonly sheet: XlsxSheet, readonly number: number) {}

  /** A cell: strings are always text, numbers and dates values; `null` (or not a finite number) keeps only the style (borders). */
  put(col: number, value: CellValue, style: number): void {
    if (col <= this.lastCol) throw new Error(`column ${col} written after column ${this.lastCol} in row ${this.number}`);
    this.lastCol = col;
    let content: string;
    if (typeof value === 'string') content = ` t="s"><v>${this.sheet.book.sharedString(value)}</v></c>`;
    else {
      const number = typeof value === 'number' ? value : value instanceof Date ? value.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL : Number.NaN;
      if (Number.isFinite(number)) content = `><v>${number}</v></c>`;
      else if (style > 0) content = '/>';
      else return;
    }
    this.cells += `<c r="${columnName(col)}${this.number}"${style > 0 ? ` s="${style}"` : ''}${content}`;
    this.sheet.noteColumn(col);
  }

  /** Ends the row: it goes into the sheet and cannot change any more. */
  commit(): void {
    this.sheet.addRow(this.number, this.height, this.cells);
  }
}

/** Rows are kept as UTF-8 bytes in chunks of about this many characters: outside the heap the garbage collector does not copy them. */
const CHUNK = 1 << 16;

export class XlsxSheet {
  private readonly chunks: Buffer[] = [];
  private pending = '';
  private readonly merges: string[] = [];
  private lastRow = 0;
  private lastCol = 0;

  constructor(readonly book: XlsxWriter, readonly name: string, readonly options: SheetOptions) {}

  /** A new row; rows are committed in increasing order (rows never committed stay empty). */
  row(number: number): XlsxRow {
    if (number <= this.lastRow) throw new Error(`row ${number} after row ${this.lastRow} in sheet ${this.name}`);
    return new XlsxRow(this, number);
  }

  /** Merges a rectangle of cells (the first cell's value and style show). */
  merge(fromRow: number, fromCol: number, toRow: number, toCol: number): void {
    this.merges.push(`<mergeCell ref="${columnName(fromCol)}${fromRow}:${columnName(toCol)}${toRow}"/>`);
  }

  /** @internal */
  noteColumn(col: number): void {
    if (col > this.lastCol) this.lastCol = col;
  }

  /** @internal */
  addRow(number: number, height: number | undefined, cells: string): void {
    if (number <= this.lastRow) throw new Error(`row ${number} after row ${this.lastRow} in sheet ${this.name}`);
    if (!cells && height === undefined) return;
    this.lastRow = number;
    const ht = height === undefined ? '' : ` ht="${height}" customHeight="1"`;
    this.pending += cells ? `<row r="${number}"${ht}>${cells}</row>` : `<row r="${number}"${ht}/>`;
    if (this.pending.length >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.pending) this.chunks.push(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
  }

  /** @internal The worksheet part. */
  xml(selected: boolean): Buffer {
    this.flush();
    const o = this.options;
    const head: string[] = [XML_HEAD, `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`];
    if (o.page.fitToWidth) head.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    const dimension = this.lastRow > 0 && this.lastCol > 0 ? `A1:${columnName(this.lastCol)}${this.lastRow}` : 'A1';
    head.push(`<dimension ref="${dimension}"/>`);
    head.push(`<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>`);
    if (o.freeze) {
      const cols = o.freeze.cols ?? 0;
      const rows = o.freeze.rows;
      const pane = cols > 0 && rows > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
      head.push(`<pane${cols > 0 ? ` xSplit="${cols}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''} topLeftCell="${columnName(cols + 1)}${rows + 1}" activePane="${pane}" state="frozen"/>`);
      head.push(`<selection pane="${pane}" activeCell="A1" sqref="A1"/>`);
    }
    head.push('</sheetView></sheetViews>');
    head.push('<sheetFormatPr defaultRowHeight="15"/>');
    if (o.widths.length > 0) {
      head.push('<cols>');
      o.widths.forEach((width, i) => head.push(`<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`));
      head.push('</cols>');
    }
    head.push('<sheetData>');
    const tail: string[] = ['</sheetData>'];
    if (o.autoFilter) tail.push(`<autoFilter ref="${autoFilterRef(o.autoFilter)}"/>`);
    if (this.merges.length > 0) tail.push(`<mergeCells count="${this.merges.length}">`, ...this.merges, '</mergeCells>');
    const m = o.page.margins;
    tail.push(`<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`);
    tail.push(`<pageSetup paperSize="9" orientation="${o.page.orientation}"${o.page.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>`);
    if (o.footer) tail.push(`<headerFooter><oddFooter>${escapeXml(safeText(o.footer))}</oddFooter></headerFooter>`);
    tail.push('</worksheet>');
    return Buffer.concat([Buffer.from(head.join(''), 'utf8'), ...this.chunks, Buffer.from(tail.join(''), 'utf8')]);
  }
}

function autoFilterRef(f: NonNullable<SheetOptions['autoFilter']>): string {
  return `A${f.headerRow}:${columnName(f.lastCol)}${Math.max(f.lastRow, f.headerRow)}`;
}

function fontXml(f: FontSpec): string {
  return `<font>${f.bold ? '<b/>' : ''}${f.italic ? '<i/>' : ''}<sz val="${f.size}"/>${f.color ? `<color rgb="${f.color}"/>` : ''}<name val="${escapeXml(f.name)}"/></font>`;
}

function alignXml(a: AlignSpec): string {
  return `<alignment${a.horizontal ? ` horizontal="${a.horizontal}"` : ''}${a.vertical ? ` vertical="${a.vertical}"` : ''}${a.wrap ? ' wrapText="1"' : ''}${a.rotation ? ` textRotation="${a.rotation}"` : ''}/>`;
}

/** A table of distinct XML fragments, by index. */
class Pool {
  readonly items: string[];
  private readonly index = new Map<string, number>();
  constructor(initial: string[]) {
    this.items = [...initial];
    initial.forEach((x, i) => this.index.set(x, i));
  }
  id(xml: string): number {
    let id = this.index.get(xml);
    if (id === undefined) {
      id = this.items.push(xml) - 1;
      this.index.set(xml, id);
    }
    return id;
  }
}

export class XlsxWriter {
  private readonly sheets: XlsxSheet[] = [];
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private stringUses = 0;
  private readonly fonts = new Pool([fontXml(DEFAULT_FONT)]);
  private readonly fills = new Pool(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Pool(['<border><left/><right/><top/><bottom/><diagonal/></border>']);
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Pool(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);

  constructor(private readonly creator = 'dien-hinh') {}

  /** The index of a cell style (the same spec gives the same index); compute once, use for many cells. */
  style(spec: StyleSpec): number {
    const fontId = spec.font ? this.fonts.id(fontXml(spec.font)) : 0;
    const fillId = spec.fill ? this.fills.id(`<fill><patternFill patternType="solid"><fgColor rgb="${spec.fill}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const borderId = spec.border
      ? this.borders.id('<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>')
      : 0;
    const numFmtId = spec.numFmt ? this.formatId(spec.numFmt) : 0;
    const applied = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}`;
    const xf = spec.align
      ? `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied} applyAlignment="1">${alignXml(spec.align)}</xf>`
      : `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}/>`;
    return this.xfs.id(xf);
  }

  private formatId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.formats.get(code);
    if (id === undefined) {
      id = 164 + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  addSheet(name: string, options: SheetOptions): XlsxSheet {
    const sheet = new XlsxSheet(this, safeText(name, 31), options);
    this.sheets.push(sheet);
    return sheet;
  }

  /** @internal The index of a text in the shared-string table. */
  sharedString(value: string): number {
    this.stringUses++;
    let id = this.stringIds.get(value);
    if (id === undefined) {
      const text = safeText(value);
      id = this.stringIds.get(text);
      if (id === undefined) {
        id = this.strings.push(text) - 1;
        this.stringIds.set(text, id);
      }
      this.stringIds.set(value, id);
    }
    return id;
  }

  /** The whole workbook as .xlsx bytes. */
  toBuffer(now = new Date()): Buffer {
    if (this.sheets.length === 0) throw new Error('a workbook needs a sheet');
    const sheetParts: ZipPart[] = this.sheets.map((sheet, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheet.xml(i === 0)]);
    const main = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
    const parts: ZipPart[] = [
      ['[Content_Types].xml', contentTypes([
        ['xl/workbook.xml', `${main}.sheet.main+xml`],
        ...sheetParts.map(([name]): [string, string] => [name, `${main}.worksheet+xml`]),
        ['xl/styles.xml', `${main}.styles+xml`],
        ['xl/sharedStrings.xml', `${main}.sharedStrings+xml`],
        ['docProps/core.xml', CORE_TYPE],
        ['docProps/app.xml', APP_TYPE],
      ])],
      ...packageParts('xl/workbook.xml', this.creator, now),
      ['xl/workbook.xml', this.workbookXml()],
      ['xl/_rels/workbook.xml.rels', relationships([
        ...this.sheets.map((_, i): [string, string] => [`${NS_REL}/worksheet`, `worksheets/sheet${i + 1}.xml`]),
        [`${NS_REL}/styles`, 'styles.xml'],
        [`${NS_REL}/sharedStrings`, 'sharedStrings.xml'],
      ])],
      ['xl/styles.xml', this.stylesXml()],
      ['xl/sharedStrings.xml', this.sharedStringsXml()],
      ...sheetParts,
    ];
    return zipParts(parts, now);
  }

  private workbookXml(): string {
    const sheets = this.sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
    const names: string[] = [];
    this.sheets.forEach((s, i) => {
      const f = s.options.autoFilter;
      // Excel writes this hidden name beside every autofilter it saves: the filtered range.
      if (f) {
        const [from, to] = autoFilterRef(f).split(':') as [string, string];
        const absolute = (ref: string) => ref.replace(/^([A-Z]+)(\d+)$/u, '$$$1$$$2');
        names.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(`${quotedSheet(s.name)}!${absolute(from)}:${absolute(to)}`)}</definedName>`);
      }
      const t = s.options.printTitleRows;
      if (t) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${quotedSheet(s.name)}!$${t.from}:$${t.to}`)}</definedName>`);
    });
    return `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets>`
      + `${names.length > 0 ? `<definedNames>${names.join('')}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`;
  }

  private stylesXml(): string {
    const formats = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('');
    const list = (tag: string, items: string[]) => `<${tag} count="${items.length}">${items.join('')}</${tag}>`;
    return `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">`
      + (this.formats.size > 0 ? `<numFmts count="${this.formats.size}">${formats}</numFmts>` : '')
      + list('fonts', this.fonts.items) + list('fills', this.fills.items) + list('borders', this.borders.items)
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + list('cellXfs', this.xfs.items)
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>';
  }

  private sharedStringsXml(): string {
    const out: string[] = [`${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.stringUses}" uniqueCount="${this.strings.length}">`];
    for (const text of this.strings) out.push(`<si><t xml:space="preserve">${escapeXml(text)}</t></si>`);
    out.push('</sst>');
    return out.join('');
  }
}
