/**
 * Streaming XML over one zip entry: saxes is fed the inflated text in chunks and raises events, so
 * no document tree is built, only the cells wanted are kept, and a handler that has what it needs
 * stops the parsing.
 */
import { SaxesParser } from 'saxes';
import { err, ok, type Result } from '../../shared/util/result';
import { xlsxText } from './messages';
import { ZipProblem, type ZipArchive } from './zip';

export interface XmlHandler {
  /** Local names: "x:c" and "c" are the same element (some writers prefix the main namespace). */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
  /** Set by a handler to abandon the part with this problem. */
  problem?: ZipProblem;
  /** Set by a handler when it has read all it needs. */
  done?: boolean;
}

/** Characters fed to the parser at a time, so that a handler that is done stops the parsing early. */
const CHUNK = 4096;

/**
 * `select` cuts the text down to what is worth parsing before the parser sees it (see
 * onlyElement and the shared-strings selection); what it leaves out is not checked as XML.
 */
export function parseXmlPart(archive: ZipArchive, part: string, handler: XmlHandler, select?: (text: string) => string): Result<void, ZipProblem> {
  const read = archive.readText(part);
  if (!read.ok) return read;
  const text = select === undefined ? read.value : select(read.value);
  if (handler.problem) return err(handler.problem);
  // position tracking costs time and the messages do not use it.
  const parser = new SaxesParser({ position: false });
  let xmlError: string | undefined;
  parser.on('error', (error) => {
    xmlError ??= error.message;
  });
  parser.on('opentag', (tag) => handler.open(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on('closetag', (tag) => handler.close(localName(tag.name)));
  parser.on('text', (chunk) => handler.text(chunk));
  parser.on('cdata', (chunk) => handler.text(chunk));

  const stopped = () => xmlError !== undefined || handler.problem !== undefined || handler.done === true;
  for (let at = 0; at < text.length && !stopped(); at += CHUNK) parser.write(text.slice(at, at + CHUNK));
  if (handler.problem) return err(handler.problem);
  if (!handler.done && xmlError === undefined) parser.close();
  if (xmlError !== undefined) return err(new ZipProblem(xlsxText.xmlBroken(part, xmlError)));
  return ok(undefined);
}

/**
 * The document cut down to its root's start tag, the element `name` (any prefix) and the root's
 * end tag: for a worksheet, its sheetData without the views, columns, validations, formatting and
 * print settings around it (most of a small sheet). Unchanged when the shape is not recognised.
 */
export function onlyElement(text: string, name: string): string {
  const root = rootStartTag(text);
  // Markup cannot appear inside text or attribute values, so the first match is the element.
  const start = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}[\\s>/]`, 'u').exec(text);
  const end = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${name}\\s*>`, 'u').exec(text);
  if (!root || !start || !end || end.index < start.index || root.end > start.index) return text;
  return `${text.slice(0, root.end)}${text.slice(start.index, end.index + end[0].length)}</${root.name}>`;
}

/**
 * The shared strings at the given indices (ascending), as a small document of just those <si>
 * elements, and the index of each in order. Finding an <si> needs no parsing, since markup cannot
 * occur inside text or attribute values; only the strings a workbook's named cells use are
 * parsed. Undefined when the shape is not recognised (the caller parses everything).
 */
export function selectSharedStrings(text: string, wanted: readonly number[]): { xml: string; order: number[] } | undefined {
  const root = rootStartTag(text);
  if (!root) return undefined;
  const open = /<((?:[A-Za-z_][\w.-]*:)?)si(?=[\s/>])/gu;
  open.lastIndex = root.end;
  const pieces: string[] = [];
  const order: number[] = [];
  let index = -1;
  let next = 0;
  for (let match = open.exec(text); match && next < wanted.length; match = open.exec(text)) {
    index++;
    if (index !== wanted[next]) continue;
    const tagEnd = text.indexOf('>', match.index);
    if (tagEnd < 0) return undefined;
    if (text[tagEnd - 1] === '/') {
      pieces.push(text.slice(match.index, tagEnd + 1));
    } else {
      const closing = `</${match[1]}si>`;
      const close = text.indexOf(closing, tagEnd);
      if (close < 0) return undefined;
      pieces.push(text.slice(match.index, close + closing.length));
      open.lastIndex = close + closing.length;
    }
    order.push(index);
    next++;
  }
  return { xml: `${text.slice(0, root.end)}${pieces.join('')}</${root.name}>`, order };
}

export interface SheetSelection {
  /** The document to parse. */
  xml: string;
  /** Every <c> element of the sheet, parsed or not. */
  cells: number;
}

/**
 * A worksheet cut down to the rows `wanted` accepts, without their empty cells (`<c r="B1" s="3"/>`,
 * formatting with no value), inside the root and sheetData tags. Most of a small sheet is
 * formatting, titles and validations; this leaves the parser the cells that can hold a value.
 * Falls back to the whole sheetData when a row or cell has no `r` attribute (positions would then
 * depend on the cells removed).
 */
export function selectSheetRows(text: string, wanted: (row: number) => boolean): SheetSelection {
  const root = rootStartTag(text);
  const start = /<((?:[A-Za-z_][\w.-]*:)?)sheetData[\s>/]/u.exec(text);
  const prefix = start?.[1] ?? '';
  const cells = countTags(text, `<${prefix}c`);
  const whole = () => ({ xml: onlyElement(text, 'sheetData'), cells });
  if (!root || !start) return whole();
  const sheetDataTag = text.slice(start.index, text.indexOf('>', start.index) + 1);
  if (sheetDataTag.endsWith('/>')) return whole();
  const rowOpen = `<${prefix}row`;
  const rowClose = `</${prefix}row>`;
  const emptyCell = new RegExp(`<${escape(prefix)}c\\s[^>]*/>`, 'gu');
  const rows: string[] = [];
  for (let at = text.indexOf(rowOpen, start.index); at >= 0; at = text.indexOf(rowOpen, at + 1)) {
    const after = text.charCodeAt(at + rowOpen.length);
    // "<rowBreaks" and the like are other elements.
    if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) continue;
    const tagEnd = text.indexOf('>', at);
    if (tagEnd < 0) return whole();
    const tag = text.slice(at, tagEnd + 1);
    const r = /\sr="(\d+)"/u.exec(tag);
    // Without row numbers, rows are counted by position: only the whole sheet gives them.
    if (!r) return whole();
    if (tag.endsWith('/>')) continue;
    const close = text.indexOf(rowClose, tagEnd);
    if (close < 0) return whole();
    at = close;
    if (!wanted(Number(r[1]))) continue;
    const content = text.slice(tagEnd + 1, close);
    // Dropping empty cells is safe only when every cell says where it is.
    const kept = countTags(content, `<${prefix}c`) === countMatches(content, new RegExp(`<${escape(prefix)}c\\s[^>]*?\\br="`, 'gu'))
      ? content.replace(emptyCell, '')
      : content;
    rows.push(`${tag}${kept}${rowClose}`);
  }
  return { xml: `${text.slice(0, root.end)}${sheetDataTag}${rows.join('')}</${prefix}sheetData></${root.name}>`, cells };
}

/** Start tags `<name ...>`, `<name>`, `<name/>` (not `<nameX`), counted without a regular expression. */
function countTags(text: string, open: string): number {
  let count = 0;
  for (let at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + open.length)) {
    const after = text.charCodeAt(at + open.length);
    if (after === 32 || after === 62 || after === 47 || after === 9 || after === 10 || after === 13) count++;
  }
  return count;
}

function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  while (pattern.exec(text)) count++;
  return count;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** The root element's name and where its start tag ends. "<?xml", "<!--" and "<!DOCTYPE" are not it. */
function rootStartTag(text: string): { name: string; end: number } | undefined {
  const root = /<([A-Za-z_][\w.:-]*)[\s>/]/u.exec(text);
  if (!root) return undefined;
  // Namespace declarations, the root's only attributes here, never contain ">".
  const end = text.indexOf('>', root.index);
  return end < 0 || text[end - 1] === '/' ? undefined : { name: root[1]!, end: end + 1 };
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by local name ("r:id" → "id" with prefix "r"), whatever prefix the writer chose. */
export function attribute(attributes: Record<string, string>, local: string): string | undefined {
  if (local in attributes) return attributes[local];
  for (const [name, value] of Object.entries(attributes)) if (localName(name) === local) return value;
  return undefined;
}
