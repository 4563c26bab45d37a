/**
 * What the .xlsx exports (the consolidated workbook, the recognition list) share around exceljs's
 * streaming writer: opening a workbook on a stream, putting text safely into cells, sizing rows
 * for wrapped text, and choosing a print scale that keeps the text legible on paper.
 *
 * exceljs 4.4 cannot write Excel's "quote prefix" (`quotePrefix="1"` on a cell format, the
 * apostrophe Excel shows before a text such as `=1+1`): `loadExceljs()` teaches its style
 * parts to carry it, on writing and on reading, so a text that begins with = + - @ stays text
 * even after someone edits the cell. It also sets the default font (see DEFAULT_FONT).
 *
 * exceljs is loaded on first use, not when this module is: it is about half of what
 * `dien-hinh serve` loads, and a server that is only taking in workbooks never needs it. The
 * exports load only its streaming writer (`openWorkbook`): a third of the library's load time
 * (0.4 s against 1 s here), without its readers and their zip libraries; the whole library
 * (`loadExceljs()`) is for the in-memory Workbook (the template writer, reading a units list).
 */
import type ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { safeText, writeOutput } from './output';
import { wrappedLines } from './xlsxLayout';

/** A cell style as exceljs takes it, plus the quote prefix it does not know of. */
export type CellStyle = Partial<ExcelJS.Style> & { quotePrefix?: boolean };

interface XmlStream { openNode(name: string, attributes: Record<string, unknown>): void; addAttribute(name: string, value: unknown): void; closeNode(): void }
interface StyleModel { numFmtId?: number; fontId?: number; fillId?: number; borderId?: number; xfId?: number; alignment?: unknown; protection?: unknown; quotePrefix?: boolean }
interface StyleXformLike {
  xfId: boolean;
  map: { alignment: { render(x: XmlStream, m: unknown): void }; protection: { render(x: XmlStream, m: unknown): void } };
  model: StyleModel;
}
interface StylesXformLike {
  model: { styles: StyleModel[]; fonts: unknown[] };
  _addFont(font: Partial<ExcelJS.Font>): number;
  weakMap?: WeakMap<object, number>;
  _addStyle(style: StyleModel): number;
  /** Ours: the style id of an empty style model, per cell type (see addStyleModel below). */
  emptyStyleIds?: Map<number | undefined, number>;
}

let loaded: typeof ExcelJS | undefined;
let workbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter | undefined;
let stylesTaught = false;

/**
 * The workbook's default font (font 0), in whose digit width Excel and LibreOffice measure column
 * widths. exceljs writes Calibri; where Calibri is missing (LibreOffice on Linux) a wider font
 * stands in and every column prints 25 % wider than planned. Times New Roman has a
 * metric-compatible substitute everywhere (Liberation Serif) and is the documents' font.
 */
const DEFAULT_FONT: Partial<ExcelJS.Font> = { name: 'Times New Roman', size: 11, family: 1 };

/**
 * exceljs, loaded on first call, with its styles taught (teachStyles). One of the two ways the
 * server gets exceljs, with openWorkbook's streaming writer.
 */
export function loadExceljs(): typeof ExcelJS {
  if (loaded) return loaded;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded = require('exceljs') as typeof ExcelJS;
  teachStyles();
  return loaded;
}

/** exceljs's streaming workbook writer alone (its own module, as exceljs's index requires it), styles taught. */
function loadWorkbookWriter(): typeof ExcelJS.stream.xlsx.WorkbookWriter {
  if (workbookWriter) return workbookWriter;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  workbookWriter = require('exceljs/lib/stream/xlsx/workbook-writer.js') as typeof ExcelJS.stream.xlsx.WorkbookWriter;
  teachStyles();
  return workbookWriter;
}

/**
 * Teaches exceljs's style parts, once per process, to write and read `quotePrefix` on cell formats
 * and to write Times New Roman as the default font: no released exceljs can do either. The parts
 * are the same modules whether the whole library or the writer alone was loaded.
 */
function teachStyles(): void {
  if (stylesTaught) return;
  stylesTaught = true;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const StyleXform = require('exceljs/lib/xlsx/xform/style/style-xform.js') as { prototype: Record<string, unknown> };
  const StylesXform = require('exceljs/lib/xlsx/xform/style/styles-xform.js') as { prototype: Record<string, unknown> };
  /* eslint-enable @typescript-eslint/no-require-imports */

  // Writing an <xf>: the same attributes as exceljs, plus quotePrefix before the child elements.
  StyleXform.prototype.render = function render(this: StyleXformLike, xml: XmlStream, model: StyleModel): void {
    xml.openNode('xf', { numFmtId: model.numFmtId || 0, fontId: model.fontId || 0, fillId: model.fillId || 0, borderId: model.borderId || 0 });
    if (this.xfId) xml.addAttribute('xfId', model.xfId || 0);
    if (model.numFmtId) xml.addAttribute('applyNumberFormat', '1');
    if (model.fontId) xml.addAttribute('applyFont', '1');
    if (model.fillId) xml.addAttribute('applyFill', '1');
    if (model.borderId) xml.addAttribute('applyBorder', '1');
    if (model.alignment) xml.addAttribute('applyAlignment', '1');
    if (model.protection) xml.addAttribute('applyProtection', '1');
    if (model.quotePrefix) xml.addAttribute('quotePrefix', '1');
    if (model.alignment) this.map.alignment.render(xml, model.alignment);
    if (model.protection) this.map.protection.render(xml, model.protection);
    xml.closeNode();
  };
  const parseOpen = StyleXform.prototype.parseOpen as (this: StyleXformLike, node: { name: string; attributes: Record<string, string> }) => boolean;
  StyleXform.prototype.parseOpen = function open(this: StyleXformLike, node: { name: string; attributes: Record<string, string> }): boolean {
    const handled = parseOpen.call(this, node);
    if (node.name === 'xf' && node.attributes.quotePrefix === '1') this.model.quotePrefix = true;
    return handled;
  };

  // A cell style asking for the prefix gives an <xf> with it (exceljs builds the xf model internally).
  const addStyleModel = StylesXform.prototype.addStyleModel as (this: StylesXformLike, model: CellStyle | undefined, type?: number) => number;
  StylesXform.prototype.addStyleModel = function add(this: StylesXformLike, model: CellStyle | undefined, type?: number): number {
    if (this.model.fonts.length === 0) this._addFont(DEFAULT_FONT);
    // exceljs gives every row (and every cell given no style) a new empty style object, which its
    // cache by object misses: it then renders the style's XML to look it up, once per row. An
    // empty style's id depends only on the cell type: looked up once per workbook and type.
    if (model && isEmptyStyle(model)) {
      this.emptyStyleIds ??= new Map();
      let id = this.emptyStyleIds.get(type);
      if (id === undefined) {
        id = addStyleModel.call(this, model, type);
        this.emptyStyleIds.set(type, id);
      }
      return id;
    }
    if (!model?.quotePrefix || this.weakMap?.has(model)) return addStyleModel.call(this, model, type);
    const own = Object.getPrototypeOf(this) as StylesXformLike;
    this._addStyle = (style: StyleModel) => own._addStyle.call(this, { ...style, quotePrefix: true });
    try {
      return addStyleModel.call(this, model, type);
    } finally {
      delete (this as Partial<StylesXformLike>)._addStyle;
    }
  };
  // Reading: the cell's style model says so too.
  const getStyleModel = StylesXform.prototype.getStyleModel as (this: StylesXformLike, id: number) => CellStyle | null;
  StylesXform.prototype.getStyleModel = function get(this: StylesXformLike, id: number): CellStyle | null {
    const model = getStyleModel.call(this, id);
    if (model && this.model.styles[id]?.quotePrefix) model.quotePrefix = true;
    return model;
  };
}

function isEmptyStyle(model: object): boolean {
  for (const _ in model) return false;
  return true;
}

/** Text Excel would turn into a formula (or a number, for + and -) once the cell is edited. */
const FORMULA_START = /^[=+\-@]/u;

/** A streaming workbook writing to `stream`, with shared strings and styles; call `commit()` at the end. */
export function openWorkbook(stream: Writable, creator = 'dien-hinh'): ExcelJS.stream.xlsx.WorkbookWriter {
  const book = new (loadWorkbookWriter())({ stream, useSharedStrings: true, useStyles: true });
  book.creator = creator;
  return book;
}

/**
 * Builds a workbook with exceljs's streaming writer into a stream or a file path (through a
 * temporary file renamed at the end: a failed export leaves nothing under that name). `build`
 * adds and commits the sheets; the workbook is committed after it. Rejects with the stream's error.
 */
export function writeWorkbook(output: Writable | string, build: (book: ExcelJS.stream.xlsx.WorkbookWriter) => void | Promise<void>): Promise<void> {
  return writeOutput(output, (stream) => new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    const book = openWorkbook(stream);
    Promise.resolve()
      .then(() => build(book))
      .then(() => book.commit())
      .then(() => resolve(), reject);
  }));
}

/** Rows written between two looks at the zip stream (see eachRow). */
const ROWS_PER_TURN = 500;

/** A writable stream of exceljs's zip (archiver's readable-stream 2 streams have no `writableNeedDrain`). */
interface ZipWritable extends Writable {
  _writableState?: { needDrain: boolean };
}

/**
 * The stream a streaming worksheet's buffer is piped into: the zip's entry for the sheet, which
 * holds what it is given until the zip has finished the entries before it, and then feeds it
 * to the compressor. exceljs writes into it without ever asking whether it keeps up.
 */
function zipEntryOf(sheet: ExcelJS.Worksheet): ZipWritable | undefined {
  return (sheet as unknown as { stream?: { pipes?: ZipWritable[] } }).stream?.pipes?.[0];
}

/**
 * Calls `write` for every item (rows of `sheet`, committed by `write`), and every few hundred
 * rows, when the sheet's zip entry holds more than its buffer's worth, waits until it has passed
 * it all on (its 'drain'), else gives the event loop a turn: a sheet of 100,000 rows is never
 * held in memory as XML waiting for the zip, however far behind the compressor is.
 */
export async function eachRow<T>(sheet: ExcelJS.Worksheet, items: readonly T[], write: (item: T, index: number) => void): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    write(items[i]!, i);
    if ((i + 1) % ROWS_PER_TURN === 0) await caughtUp(sheet);
  }
}

async function caughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const entry = zipEntryOf(sheet);
  if (entry && (entry.writableNeedDrain ?? entry._writableState?.needDrain)) await once(entry, 'drain');
  else await new Promise((resolve) => setImmediate(resolve));
}

/** The same style with Excel's quote prefix, one object per style so exceljs computes it once. */
const quoted = new WeakMap<CellStyle, CellStyle>();
function withQuotePrefix(style: CellStyle): CellStyle {
  let q = quoted.get(style);
  if (!q) {
    q = { ...style, quotePrefix: true };
    quoted.set(style, q);
  }
  return q;
}

/** A cell's value: text (always text), a number, a date and time (Excel has no zones: pass wall-clock time), or nothing. */
export type CellValue = string | number | Date | null;

/**
 * Puts a value in a cell with its style. Text goes through `safeText` (what XML cannot carry is
 * dropped, cut to Excel's limit) and, when it begins with = + - @, gets the quote prefix. A
 * number that is not finite is written as an empty cell.
 */
export function putCell(row: ExcelJS.Row, col: number, value: CellValue, style: CellStyle): void {
  const cell = row.getCell(col);
  if (typeof value === 'string') {
    const text = safeText(value);
    cell.value = text;
    cell.style = (FORMULA_START.test(text) ? withQuotePrefix(style) : style) as Partial<ExcelJS.Style>;
    return;
  }
  cell.value = typeof value === 'number' && !Number.isFinite(value) ? null : value;
  cell.style = style as Partial<ExcelJS.Style>;
}

/** Points per line of text at a font size (Excel's default row is 15 pt for 11 pt text). */
export function lineHeight(fontSize: number): number {
  return Math.ceil(fontSize * 1.3);
}

/**
 * Characters of Times New Roman / Calibri text that fit in one unit of Excel column width at a
 * font size: a unit is the width of one digit of the 11 pt default font (7 px); Vietnamese text
 * with its diacritics and capitals averages about a tenth wider than a digit at the same size.
 */
export function charsPerWidth(fontSize: number): number {
  return (11 / fontSize) * 0.9;
}

/** Lines the longest of `texts` takes in their columns (`widths[i]` for `texts[i]`, null skipped). */
export function linesOf(texts: readonly (string | null)[], widths: readonly number[], fontSize: number): number {
  let lines = 1;
  texts.forEach((text, i) => {
    if (text) lines = Math.max(lines, wrappedLines(text, widths[i] ?? 10, charsPerWidth(fontSize)));
  });
  return lines;
}

export type Paper = 'A3' | 'A4';
/** Paper sizes in points, portrait, and their codes in the file (ECMA-376 paperSize). */
export const PAPER: Record<Paper, { width: number; height: number; code: number }> = {
  A3: { width: 841.89, height: 1190.55, code: 8 },
  A4: { width: 595.28, height: 841.89, code: 9 },
};

/**
 * A column width in Excel's units as printed at 100 %, in points, the wider of what Excel and
 * LibreOffice make of it with Times New Roman 11 as the default font: Excel counts 7 px per
 * unit plus 5 px of padding (96 px an inch); LibreOffice the exact digit width, 5.5 pt per unit
 * (measured from its PDF), which is wider for columns over about 15 units.
 */
export function columnPoints(width: number): number {
  return Math.max((Math.trunc(width * 7 + 0.5) + 5) * 0.75, width * 5.5);
}

export interface PrintPlan {
  /** Percent, whole (Excel's `scale`). */
  scale: number;
  /** Pages across that the columns take at that scale. */
  pagesWide: number;
  /** The last column (1-based) printed on the first page. */
  firstPageLastColumn: number;
}

/**
 * The largest print scale (≤ 100 %) at which the columns take at most `pagesWide` pages across,
 * with the first `titleColumns` columns repeated on every page; never below `minScale` (then more
 * pages across are used). Excel breaks pages between columns: the columns are packed in order.
 * `printable` is the page's width inside the margins, in points.
 */
export function printPlan(widths: readonly number[], titleColumns: number, printable: number, pagesWide: number, minScale: number): PrintPlan {
  const points = widths.map(columnPoints);
  const titles = points.slice(0, titleColumns).reduce((a, b) => a + b, 0);
  const body = points.slice(titleColumns);
  const planAt = (scale: number): PrintPlan & { overflow: boolean } => {
    const room = printable / (scale / 100);
    let pages = 1;
    let used = titles;
    let overflow = titles > room;
    let firstPageLastColumn = widths.length;
    body.forEach((w, i) => {
      if (used + w > room && used > titles) {
        if (pages === 1) firstPageLastColumn = titleColumns + i;
        pages++;
        used = titles;
      }
      used += w;
      // A column wider than what is left of a page by itself is cut, whatever the page count.
      if (used > room) overflow = true;
    });
    return { scale, pagesWide: pages, firstPageLastColumn, overflow };
  };
  const strip = ({ overflow: _, ...plan }: PrintPlan & { overflow: boolean }): PrintPlan => plan;
  for (let scale = 100; scale > minScale; scale--) {
    const plan = planAt(scale);
    if (plan.pagesWide <= pagesWide && !plan.overflow) return strip(plan);
  }
  return strip(planAt(minScale));
}
