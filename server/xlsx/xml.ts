/**
 * A small, strict XML scanner for the few parts of a workbook the reader needs. It moves from tag
 * to tag over the part's bytes without building a tree or an attribute object, decodes only the
 * text and attributes asked for, and can jump over an element it has no use for (whose inside is
 * then not checked). What it does read must be well-formed: tags closed and matched, attributes
 * quoted (a repeated attribute is not looked for), no stray text around the root, no control
 * characters, and every "&" one of XML's five entities or a character reference. A DOCTYPE is
 * stepped over, never read, so the entities it declares stay undefined and a reference to one is
 * refused: no external entity (XXE) and no "billion laughs" expansion. Problems are the scanner's
 * own English words, for whoever investigates the file; the reader wraps them in a Vietnamese
 * sentence.
 */

export type XmlToken = 'open' | 'close' | 'text';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const QUOT = 34;
const HASH = 35;
const AMP = 38;
const APOS = 39;
const SLASH = 47;
const COLON = 58;
const LT = 60;
const EQUALS = 61;
const GT = 62;
const QUESTION = 63;
const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;

export class XmlScanner {
  /**
   * The part as Latin-1: one character per byte, so that a position in it is a position in the
   * bytes. Markup is ASCII and is scanned here; text is decoded as UTF-8 only when asked for.
   */
  private readonly text: string;
  private at = 0;
  /** Start and end of the name of each open element, `open` of them (counters, not array lengths: cheaper to change). */
  private readonly stack: number[] = [];
  private open = 0;
  private rootSeen = false;
  /** A self-closing tag was reported as a start tag; its end comes next. */
  private pendingClose = false;
  private nameStart = 0;
  private nameEnd = 0;
  /** Name start, name end, value start, value end of each attribute of the current start tag. */
  private readonly attributes: number[] = [];
  private attributeCount = 0;
  private textStart = 0;
  private textEnd = 0;
  private cdata = false;
  /** The current text's value when the same bytes were decoded lately (see knownText). */
  private known: string | undefined;
  /** "</name" of the element last skipped. */
  private closing = '';
  kind: XmlToken = 'text';
  /** Why the part is not well-formed, once it is known. */
  problem: string | undefined;

  /** Where the next "<" and "&" are: the scanner moves forward, so each stretch of text is searched once. */
  private readonly lt: Ahead;
  private readonly amp: Ahead;

  private readonly bytes: Buffer;

  /** `part`: the part's bytes in any encoding a package may use (see utf8Part). */
  constructor(part: Buffer) {
    const source = utf8Part(part);
    const bytes = typeof source === 'string' ? Buffer.alloc(0) : source;
    if (typeof source === 'string') this.problem = source;
    this.bytes = bytes;
    const text = bytes.toString('latin1');
    this.text = text;
    this.lt = new Ahead(text, '<');
    this.amp = new Ahead(text, '&');
    // A UTF-8 byte order mark is not part of the document.
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) this.at = 3;
  }

  /** Elements open around the current token (a start tag counts itself, an end tag does not). */
  get depth(): number {
    return this.open;
  }

  /** Moves to the next start tag, end tag or text; false at the end of the document or on a problem. */
  next(): boolean {
    if (this.problem !== undefined) return false;
    if (this.pendingClose) {
      this.pendingClose = false;
      this.open--;
      this.kind = 'close';
      return true;
    }
    const text = this.text;
    for (;;) {
      const start = this.at;
      if (start >= text.length) {
        if (!this.rootSeen || this.open > 0) this.fail('unexpected end of the document');
        return false;
      }
      if (text.charCodeAt(start) !== LT) {
        const end = this.lt.at(start);
        this.at = end;
        if (this.open > 0) return this.textToken(start, end, false);
        if (!isBlank(text, start, end)) return this.fail('text outside the root element');
        continue;
      }
      const second = text.charCodeAt(start + 1);
      if (second === SLASH) return this.endTag(start);
      if (second === QUESTION) {
        if (!this.skipPast('?>', start + 2)) return false;
      } else if (second !== BANG) {
        return this.startTag(start);
      } else if (text.startsWith('<!--', start)) {
        if (!this.skipPast('-->', start + 4)) return false;
      } else if (text.startsWith('<![CDATA[', start) && this.open > 0) {
        if (!this.skipPast(']]>', start + 9)) return false;
        return this.textToken(start + 9, this.at - 3, true);
      } else if (text.startsWith('<!DOCTYPE', start) && !this.rootSeen) {
        if (!this.skipDoctype(start + 9)) return false;
      } else {
        return this.fail('unexpected markup declaration');
      }
    }
  }

  /** True when the current tag's local name is `local` ("x:c" and "c" are both "c": some writers prefix the main namespace). */
  is(local: string): boolean {
    return this.named(this.nameStart, this.nameEnd, local);
  }

  /** The prefix of the current tag's name with its colon ("x:"), or "". */
  prefix(): string {
    const name = this.text.slice(this.nameStart, this.nameEnd);
    return name.slice(0, name.indexOf(':') + 1);
  }

  /** An attribute of the current start tag by name, else by local name ("r:id" for "id"), decoded. */
  attribute(local: string): string | undefined {
    const list = this.attributes;
    let found = -1;
    for (let i = 0; i < this.attributeCount * 4; i += 4) {
      if (list[i + 1]! - list[i]! === local.length && this.text.startsWith(local, list[i]!)) {
        found = i;
        break;
      }
      if (found < 0 && this.named(list[i]!, list[i + 1]!, local)) found = i;
    }
    return found < 0 ? undefined : this.decode(list[found + 2]!, list[found + 3]!, 'attribute');
  }

  /** The current text, decoded. */
  value(): string {
    if (this.known !== undefined) return this.known;
    const value = this.decode(this.textStart, this.textEnd, this.cdata ? 'cdata' : 'text');
    if (!this.cdata && this.problem === undefined) rememberText(this.bytes, this.text, this.textStart, this.textEnd, value);
    return value;
  }

  /**
   * After a start tag: when the element holds just `<child>text</child>` (or with
   * xml:space="preserve"), the shape nearly every cell value and string has, that text decoded,
   * the scanner then past the element's end tag. Undefined, the scanner unmoved, for any other
   * shape: the caller reads it token by token. Only the exact markup is accepted, so what is
   * stepped over is well-formed.
   */
  onlyChildText(child: string): string | undefined {
    const text = this.text;
    if (this.pendingClose) return undefined;
    let start = this.at;
    if (text.charCodeAt(start) !== LT || !text.startsWith(child, start + 1)) return undefined;
    start += child.length + 1;
    if (text.startsWith(PRESERVE, start)) start += PRESERVE.length;
    if (text.charCodeAt(start) !== GT) return undefined;
    start++;
    // The text ends at "</child>", followed at once by the element's own end tag.
    const end = this.lt.at(start);
    const endTag = end + child.length + 3;
    const close = endTag + 2;
    const nameLength = this.nameEnd - this.nameStart;
    if (!text.startsWith('</', end) || !text.startsWith(child, end + 2) || text.charCodeAt(endTag - 1) !== GT
      || !text.startsWith('</', endTag) || !sameText(text, this.nameStart, this.nameEnd, text, close, close + nameLength)
      || text.charCodeAt(close + nameLength) !== GT) return undefined;
    this.known = knownText(this.bytes, text, start, end);
    if (this.known === undefined && !this.checkReferences(start, end)) return '';
    this.textStart = start;
    this.textEnd = end;
    this.cdata = false;
    const value = this.value();
    this.open--;
    this.at = close + nameLength + 1;
    this.kind = 'close';
    this.nameStart = close;
    this.nameEnd = close + nameLength;
    return value;
  }

  /** After a start tag: moves past the element's end tag without reading (or checking) what is inside. */
  skipElement(): boolean {
    if (this.pendingClose) return this.next();
    const text = this.text;
    // Elements skipped one after another mostly have the same name: its "</name" is made once.
    if (!sameText(this.closing, 2, this.closing.length, text, this.nameStart, this.nameEnd)) this.closing = `</${text.slice(this.nameStart, this.nameEnd)}`;
    const closing = this.closing;
    for (let at = text.indexOf(closing, this.at); at >= 0; at = text.indexOf(closing, at + 1)) {
      const end = skipSpace(text, at + closing.length);
      if (text.charCodeAt(end) !== GT) continue; // "</rowBreaks" is not "</row"
      this.open--;
      this.at = end + 1;
      this.kind = 'close';
      this.nameStart = at + 2;
      this.nameEnd = at + closing.length;
      return true;
    }
    return this.fail('unexpected end of the document');
  }

  /** Start tags `<tag ...>`, `<tag>`, `<tag/>` (not `<tagX`) from here to the end, found without parsing. */
  countAhead(tag: string): number {
    const text = this.text;
    const open = `<${tag}`;
    let count = 0;
    for (let at = text.indexOf(open, this.at); at >= 0; at = text.indexOf(open, at + open.length)) {
      const after = text.charCodeAt(at + open.length);
      if (after === GT || after === SLASH || isSpace(after)) count++;
    }
    return count;
  }

  private startTag(start: number): boolean {
    const text = this.text;
    const nameEnd = scanName(text, start + 1);
    if (nameEnd === start + 1) return this.fail('malformed start tag');
    if (this.open === 0) {
      if (this.rootSeen) return this.fail('more than one root element');
      this.rootSeen = true;
    }
    // The tag must end before the next "<": none may appear inside an attribute value.
    const lt = this.lt.at(start + 1);
    const attributes = this.attributes;
    let count = 0;
    let i = nameEnd;
    for (;;) {
      const spaceStart = i;
      i = skipSpace(text, i);
      const code = text.charCodeAt(i);
      if (code === GT) {
        this.at = i + 1;
        break;
      }
      if (code === SLASH && text.charCodeAt(i + 1) === GT) {
        this.at = i + 2;
        this.pendingClose = true;
        break;
      }
      if (i >= lt) return this.fail(i >= text.length ? 'unexpected end of the document' : 'unclosed start tag');
      const attributeEnd = scanName(text, i);
      if (i === spaceStart || attributeEnd === i) return this.fail('malformed start tag');
      const equals = skipSpace(text, attributeEnd);
      const open = skipSpace(text, equals + 1);
      if (open >= text.length) return this.fail('unexpected end of the document');
      if (text.charCodeAt(equals) !== EQUALS) return this.fail('attribute without a value');
      const quote = text.charCodeAt(open);
      if (quote !== QUOT && quote !== APOS) return this.fail('unquoted attribute value');
      const close = text.indexOf(quote === QUOT ? '"' : "'", open + 1);
      if (close < 0) return this.fail('unexpected end of the document');
      if (close > lt) return this.fail('disallowed character "<" in an attribute value');
      if (!this.checkReferences(open + 1, close)) return false;
      attributes[count * 4] = i;
      attributes[count * 4 + 1] = attributeEnd;
      attributes[count * 4 + 2] = open + 1;
      attributes[count * 4 + 3] = close;
      count++;
      i = close + 1;
    }
    this.attributeCount = count;
    this.stack[this.open * 2] = start + 1;
    this.stack[this.open * 2 + 1] = nameEnd;
    this.open++;
    this.kind = 'open';
    this.nameStart = start + 1;
    this.nameEnd = nameEnd;
    return true;
  }

  private endTag(start: number): boolean {
    const text = this.text;
    const nameEnd = scanName(text, start + 2);
    const end = skipSpace(text, nameEnd);
    if (nameEnd === start + 2 || text.charCodeAt(end) !== GT) {
      return this.fail(end >= text.length ? 'unexpected end of the document' : 'malformed end tag');
    }
    const top = (this.open - 1) * 2;
    if (top < 0 || !sameText(text, this.stack[top]!, this.stack[top + 1]!, text, start + 2, nameEnd)) return this.fail('mismatched end tag');
    this.open--;
    this.at = end + 1;
    this.kind = 'close';
    this.nameStart = start + 2;
    this.nameEnd = nameEnd;
    return true;
  }

  private textToken(start: number, end: number, cdata: boolean): boolean {
    this.kind = 'text';
    this.textStart = start;
    this.textEnd = end;
    this.cdata = cdata;
    this.known = cdata ? undefined : knownText(this.bytes, this.text, start, end);
    // Known bytes were checked when they were first decoded.
    return cdata || this.known !== undefined || this.checkReferences(start, end);
  }

  /** Every "&" between start and end must begin one of the five entities or a valid character reference. */
  private checkReferences(start: number, end: number): boolean {
    const text = this.text;
    for (let amp = this.amp.at(start); amp < end; amp = this.amp.at(amp + 1)) {
      const semicolon = text.indexOf(';', amp + 1);
      const problem = semicolon < 0 || semicolon > end ? 'malformed entity reference' : referenceProblem(text.slice(amp + 1, semicolon));
      if (problem !== undefined) return this.fail(problem);
    }
    return true;
  }

  private skipPast(end: string, from: number): boolean {
    const at = this.text.indexOf(end, from);
    if (at < 0) return this.fail('unexpected end of the document');
    this.at = at + end.length;
    return true;
  }

  /** Steps over a document type declaration, its internal subset included, without reading it. */
  private skipDoctype(from: number): boolean {
    const text = this.text;
    let quote = 0;
    let brackets = 0;
    for (let i = from; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (code === QUOT || code === APOS) {
        quote = code;
      } else if (code === LEFT_BRACKET) {
        brackets++;
      } else if (code === RIGHT_BRACKET) {
        brackets--;
      } else if (code === GT && brackets <= 0) {
        this.at = i + 1;
        return true;
      }
    }
    return this.fail('unexpected end of the document');
  }

  /**
   * Text or an attribute value as XML reads it: UTF-8, line ends as "\n", white space in an
   * attribute as spaces, references replaced. Control characters make the part malformed.
   */
  private decode(start: number, end: number, kind: 'text' | 'cdata' | 'attribute'): string {
    const text = this.text;
    let i = start;
    while (i < end) {
      const code = text.charCodeAt(i);
      if (code < SPACE || code >= 0x80 || code === AMP) break;
      i++;
    }
    // Printable ASCII without references (most attributes and numbers) is its own value.
    if (i === end) return text.slice(start, end);
    let value = this.bytes.toString('utf8', start, end);
    if (SPECIAL.test(value)) {
      if (CONTROL.test(value)) {
        this.fail('disallowed character');
        return '';
      }
      value = value.replace(/\r\n?/gu, '\n');
      if (kind === 'attribute') value = value.replace(/[\t\n]/gu, ' ');
    }
    return kind !== 'cdata' && value.includes('&') ? replaceReferences(value) : value;
  }

  private named(start: number, end: number, local: string): boolean {
    const prefixEnd = end - local.length;
    return prefixEnd >= start && this.text.startsWith(local, prefixEnd)
      && (prefixEnd === start || this.text.charCodeAt(prefixEnd - 1) === COLON);
  }

  private fail(problem: string): false {
    this.problem ??= problem;
    return false;
  }
}

/**
 * The first position at or after `start` of a character (the text's end when there is none),
 * remembered until a position past it is asked about.
 */
class Ahead {
  private from = 1;
  private found = 0;

  constructor(private readonly text: string, private readonly character: string) {}

  at(start: number): number {
    if (start < this.from || start > this.found) {
      const found = this.text.indexOf(this.character, start);
      this.from = start;
      this.found = found < 0 ? this.text.length : found;
    }
    return this.found;
  }
}

/** Characters XML does not allow, and with tabs and line breaks, those a value needs looked at for. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: XML 1.0 does not allow them
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they need looking at
const SPECIAL = /[\x00-\x1f\ufffe\uffff]/u;

/**
 * Texts lately decoded, by a fingerprint of their bytes. A province's workbooks repeat the same
 * strings (titles, headers, the criteria set's JSON of kilobytes): bytes equal to a remembered
 * text's are that text, checked and decoded once. Handing back the very same string also spares
 * hashing it again where it is a key downstream (interpret remembers cleaned texts, keys and
 * parsed sets by it).
 */
const recentTexts = new Map<number, { raw: Buffer; value: string }>();
const TEXTS_KEPT = 8192;
const LONGEST_REMEMBERED = 256 * 1024;
/** Bytes of the remembered texts (their raw bytes, about as many again as strings), bounded as their number is. */
const TEXT_BYTES_KEPT = 16 * 1024 * 1024;
let textBytes = 0;

function knownText(bytes: Buffer, text: string, start: number, end: number): string | undefined {
  const known = recentTexts.get(fingerprint(text, start, end));
  return known && known.raw.length === end - start && bytes.compare(known.raw, 0, known.raw.length, start, end) === 0 ? known.value : undefined;
}

function rememberText(bytes: Buffer, text: string, start: number, end: number, value: string): void {
  if (end - start > LONGEST_REMEMBERED) return;
  if (recentTexts.size >= TEXTS_KEPT || textBytes + end - start > TEXT_BYTES_KEPT) {
    recentTexts.clear();
    textBytes = 0;
  }
  textBytes += end - start;
  recentTexts.set(fingerprint(text, start, end), { raw: Buffer.from(bytes.subarray(start, end)), value });
}

/** The length and a few bytes from each end and the middle: enough to tell texts apart before comparing them whole. */
function fingerprint(text: string, start: number, end: number): number {
  const mix = (hash: number, at: number) => Math.imul(hash ^ (text.charCodeAt(at) | 0), 0x85ebca6b) ^ (hash >>> 15);
  return mix(mix(mix(mix(mix(Math.imul(end - start, 0x9e3779b1), start), start + 1), (start + end) >> 1), end - 2), end - 1);
}

const PRESERVE = ' xml:space="preserve"';

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** References replaced by their characters, in one pass (every one was checked while scanning). */
function replaceReferences(value: string): string {
  let out = '';
  let from = 0;
  for (let amp = value.indexOf('&'); amp >= 0; amp = value.indexOf('&', from)) {
    const semicolon = value.indexOf(';', amp);
    const name = value.slice(amp + 1, semicolon);
    out += value.slice(from, amp) + (name.charCodeAt(0) === HASH ? String.fromCodePoint(characterCode(name)!) : PREDEFINED[name]!);
    from = semicolon + 1;
  }
  return out + value.slice(from);
}

/** Why "&name;" is refused, or undefined when it is one of the five entities or a valid character reference. */
function referenceProblem(name: string): string | undefined {
  if (name === 'quot' || name === 'amp' || name === 'lt' || name === 'gt' || name === 'apos') return undefined;
  if (name.charCodeAt(0) === HASH) {
    const code = characterCode(name);
    return code !== undefined && isXmlChar(code) ? undefined : 'invalid character reference';
  }
  return /^[A-Za-z_:][\w.:-]*$/u.test(name) ? 'undefined entity' : 'malformed entity reference';
}

function characterCode(reference: string): number | undefined {
  const hex = reference[1] === 'x';
  const digits = reference.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9A-Fa-f]{1,6}$/u : /^\d{1,7}$/u).test(digits)) return undefined;
  return Number.parseInt(digits, hex ? 16 : 10);
}

function isXmlChar(code: number): boolean {
  return code === TAB || code === LF || code === CR || (code >= SPACE && code <= 0xd7ff)
    || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Name characters, loosely: ASCII letters, digits, "_:.-", and any byte of a multi-byte UTF-8 character. */
function scanName(text: string, from: number): number {
  const first = text.charCodeAt(from);
  const startsName = (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95 || first === COLON || first >= 0x80;
  if (!startsName) return from;
  let i = from + 1;
  for (;;) {
    const code = text.charCodeAt(i);
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 58) || code === 95 || code === 45 || code === 46 || code >= 0x80) i++;
    else return i;
  }
}

function isSpace(code: number): boolean {
  return code === SPACE || code === LF || code === TAB || code === CR;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function sameText(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) if (a.charCodeAt(aStart + i) !== b.charCodeAt(bStart + i)) return false;
  return true;
}


/**
 * A part's bytes as UTF-8, or why they cannot be. The package format (ECMA-376 part 2, OPC)
 * lets a part be UTF-8 or UTF-16, told by its byte order mark or, without one, by its first
 * bytes ("<?" as UTF-16); a declared single-byte encoding other than UTF-8 (not allowed by the
 * format, but written by some tools) is decoded too when Node knows it. UTF-8 bytes are returned
 * as they are: the common case costs a look at the first bytes.
 */
export function utf8Part(bytes: Buffer): Buffer | string {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xff && b1 === 0xfe) return fromUtf16(bytes.subarray(2), 'le');
  if (b0 === 0xfe && b1 === 0xff) return fromUtf16(bytes.subarray(2), 'be');
  if (b0 === LT && b1 === 0 && b2 !== 0 && b3 === 0) return fromUtf16(bytes, 'le');
  if (b0 === 0 && b1 === LT && b2 === 0 && b3 !== 0) return fromUtf16(bytes, 'be');
  if (b0 !== LT || b1 !== QUESTION) return bytes;
  const end = bytes.indexOf('?>', 2, 'latin1');
  const declaration = bytes.toString('latin1', 0, end < 0 ? Math.min(bytes.length, 256) : end);
  const label = /\sencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/u.exec(declaration)?.[1]?.toLowerCase();
  // UTF-16 declared over single-byte markup: a tool converted the bytes and kept the declaration.
  if (label === undefined || label === 'utf-8' || label === 'utf8' || label.startsWith('utf-16') || label === 'us-ascii' || label === 'ascii') return bytes;
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return `unsupported encoding "${label}"`;
  }
  try {
    return Buffer.from(decoder.decode(bytes), 'utf8');
  } catch {
    return `bytes not in the declared encoding "${label}"`;
  }
}

function fromUtf16(bytes: Buffer, order: 'le' | 'be'): Buffer | string {
  if (bytes.length % 2 !== 0) return 'truncated UTF-16 text';
  const little = order === 'le' ? bytes : Buffer.from(bytes).swap16();
  return Buffer.from(little.toString('utf16le'), 'utf8');
}

const ESCAPE = /_x([0-9A-Fa-f]{4})_/gu;

/**
 * Excel's escapes in text (ST_Xstring) decoded: "_xHHHH_" is the UTF-16 code unit HHHH (Excel
 * writes a carriage return as "_x000D_"), and "_x005F_" an underscore, so "_x005F_x000D_" is the
 * literal text "_x000D_". Text without "_x" is returned as it is.
 */
export function decodeEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
