/**
 * A bounded view of a zip held in memory. The central directory is read first, straight from the
 * buffer, and every entry's declared sizes are judged before anything is inflated; inflating is
 * capped by what the entry declares and by the whole file's budget, since a hostile file can
 * declare any size. Everything is synchronous: for a workbook of a few dozen kilobytes, walking
 * the directory by hand and one `inflateRawSync` per part cost a fraction of a streaming zip
 * library's callbacks and round trips through the thread pool. A part whose compressed bytes equal
 * one inflated lately is not inflated again (see recentlyInflated).
 */
import zlib from 'node:zlib';
import { err, ok, type Result } from '../../shared/util/result';
import { xlsxText } from './messages';

export interface ZipLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Declared inflated size of any one entry. */
  maxEntryBytes: number;
  /** Inflated / compressed, judged only for entries above ratioFloorBytes (small XML compresses well). */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Bytes actually inflated over the whole file. */
  maxInflatedBytes: number;
}

/** What went wrong, as one Vietnamese sentence for the person who sent the file. */
export class ZipProblem {
  constructor(readonly message: string) {}
}

export interface ZipArchive {
  /** Exact entry name, found case-insensitively (OPC part names ignore case). */
  find(name: string): string | undefined;
  /** One entry inflated, within the file's inflate budget. */
  read(name: string): Result<Buffer, ZipProblem>;
}

interface Entry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeader: number;
}

const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA_FIELD = 0x0001;
/** The largest output buffer allocated before inflating; larger parts grow as zlib writes. */
const ONE_PIECE = 1024 * 1024;
/** ASCII letters, digits and "_.-[]/", not starting with "/" or ".": the same in every encoding, and safe. */
const PLAIN_NAME = /^[\w[\]-][\w.[\]/-]*$/u;

export function openZip(bytes: Buffer, limits: ZipLimits): Result<ZipArchive, ZipProblem> {
  const directory = findDirectory(bytes);
  if (!directory) return err(new ZipProblem(xlsxText.truncated));
  if (directory.count > limits.maxEntries) return err(new ZipProblem(xlsxText.tooManyEntries(directory.count, limits.maxEntries)));
  const listed = listEntries(bytes, directory, limits);
  if (!listed.ok) return listed;
  const entries = listed.value;
  const byLowerName = new Map([...entries.keys()].map((name) => [name.toLowerCase(), name]));
  const budget = { left: limits.maxInflatedBytes };
  return ok({
    find: (name) => byLowerName.get((name.startsWith('/') ? name.replace(/^\/+/u, '') : name).toLowerCase()),
    read(name) {
      const entry = entries.get(name);
      return entry ? inflateEntry(bytes, entry, budget, limits) : err(new ZipProblem(xlsxText.missingPart(name)));
    },
  });
}

/**
 * Where the central directory is and how many entries it has, from the end-of-directory record
 * (zip64 when a locator precedes it); undefined when the file is cut short or not one zip. Like
 * yauzl, the first record found from the end is the one, and its comment must reach the end.
 */
function findDirectory(bytes: Buffer): { count: number; offset: number } | undefined {
  const last = bytes.length - 22;
  if (last < 0) return undefined;
  const at = bytes.lastIndexOf(END_OF_DIRECTORY, last);
  if (at < 0 || at < last - 0xffff - 20 || bytes.readUInt16LE(at + 20) !== last - at) return undefined;
  const locator = at - 20;
  if (locator >= 0 && bytes.readUInt32LE(locator) === ZIP64_LOCATOR) {
    const record = readUInt64(bytes, locator + 8);
    if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== ZIP64_END_OF_DIRECTORY) return undefined;
    if (bytes.readUInt32LE(record + 16) !== 0) return undefined; // another disk
    return { count: readUInt64(bytes, record + 32), offset: readUInt64(bytes, record + 48) };
  }
  if (bytes.readUInt16LE(at + 4) !== 0) return undefined; // another disk
  return { count: bytes.readUInt16LE(at + 10), offset: bytes.readUInt32LE(at + 16) };
}

/** Every entry of the central directory, each judged by what it declares before a byte is inflated. */
function listEntries(bytes: Buffer, directory: { count: number; offset: number }, limits: ZipLimits): Result<Map<string, Entry>, ZipProblem> {
  const entries = new Map<string, Entry>();
  // The directory as Latin-1 in one piece: plain names are cut from it rather than decoded one by one.
  const text = bytes.toString('latin1', Math.min(directory.offset, bytes.length));
  let at = directory.offset;
  for (let i = 0; i < directory.count; i++) {
    const entry = readCentralHeader(bytes, at, text, directory.offset);
    if (!entry) return err(new ZipProblem(xlsxText.truncated));
    const problem = judgeEntry(entry.entry, limits);
    if (problem) return err(problem);
    entries.set(entry.entry.name, entry.entry);
    at = entry.next;
  }
  return ok(entries);
}

/**
 * One central directory header; undefined where the file cannot be trusted: a header outside the
 * file or with a wrong signature, strong encryption, a broken extra field, an unsafe name. Names
 * are decoded as zip readers do (CP437 or UTF-8 by flag, the Info-ZIP Unicode path when its CRC
 * matches, backslashes as slashes: see entryName).
 */
function readCentralHeader(bytes: Buffer, at: number, text: string, textStart: number): { entry: Entry; next: number } | undefined {
  if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_HEADER) return undefined;
  const flags = bytes.readUInt16LE(at + 8);
  if (flags & 0x40) return undefined;
  const nameEnd = at + 46 + bytes.readUInt16LE(at + 28);
  const extraEnd = nameEnd + bytes.readUInt16LE(at + 30);
  const next = extraEnd + bytes.readUInt16LE(at + 32);
  if (next > bytes.length) return undefined;
  const extraFields = extraEnd > nameEnd ? parseExtraFields(bytes.subarray(nameEnd, extraEnd)) : [];
  if (!extraFields) return undefined;
  const plain = text.slice(at + 46 - textStart, nameEnd - textStart);
  const name = entryName(flags, plain, () => bytes.subarray(at + 46, nameEnd), extraFields);
  if (name === undefined) return undefined;
  const entry: Entry = {
    name,
    flags,
    method: bytes.readUInt16LE(at + 10),
    crc: bytes.readUInt32LE(at + 16),
    compressedSize: bytes.readUInt32LE(at + 20),
    uncompressedSize: bytes.readUInt32LE(at + 24),
    localHeader: bytes.readUInt32LE(at + 42),
  };
  const zip64 = extraFields.find((field) => field.id === ZIP64_EXTRA_FIELD);
  return zip64 && !applyZip64(entry, zip64.data) ? undefined : { entry, next };
}

interface ExtraField { id: number; data: Buffer }

/** The extra fields of a header (id, size, data ...); undefined when one runs past the end. */
function parseExtraFields(extra: Buffer): ExtraField[] | undefined {
  const fields: ExtraField[] = [];
  let at = 0;
  while (at < extra.length - 3) {
    const end = at + 4 + extra.readUInt16LE(at + 2);
    if (end > extra.length) return undefined;
    fields.push({ id: extra.readUInt16LE(at), data: extra.subarray(at + 4, end) });
    at = end;
  }
  return fields;
}

/** The Info-ZIP Unicode Path extra field: version 1, the CRC-32 of the header's name, the name in UTF-8. */
const UNICODE_PATH_FIELD = 0x7075;
/** Bit 11 of the flags: the name is UTF-8 (else CP437, the zip format's original code page). */
const UTF8_FLAG = 0x800;
/** Code page 437 from 0x80 (below it, ASCII). */
const CP437_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/**
 * An entry's name, undefined when it is unsafe (absolute, a drive letter, a ".." segment). A plain
 * name (`plain`, its bytes as Latin-1), which every part of a workbook has, is the same in every
 * encoding and is checked without decoding. Otherwise: the Unicode path field when its CRC
 * matches the header's name, else UTF-8 or CP437 by the flag; backslashes (written by some
 * Windows tools) count as slashes.
 */
function entryName(flags: number, plain: string, raw: () => Buffer, extraFields: readonly ExtraField[]): string | undefined {
  if (extraFields.length === 0 && PLAIN_NAME.test(plain) && !plain.includes('..')) return plain;
  const bytes = raw();
  const unicode = extraFields.find((f) => f.id === UNICODE_PATH_FIELD && f.data.length >= 6 && f.data[0] === 1 && f.data.readUInt32LE(1) === zlib.crc32(bytes));
  let name = unicode ? unicode.data.toString('utf8', 5)
    : flags & UTF8_FLAG ? bytes.toString('utf8')
    : Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80]!)).join('');
  name = name.replace(/\\/gu, '/');
  if (/^[a-zA-Z]:/u.test(name) || name.startsWith('/') || name.split('/').includes('..')) return undefined;
  return name;
}

/** Sizes and offset too large for 32 bits are in the zip64 extra field, in this order, each only when saturated. */
function applyZip64(entry: Entry, data: Buffer): boolean {
  let at = 0;
  for (const field of ['uncompressedSize', 'compressedSize', 'localHeader'] as const) {
    if (entry[field] !== 0xffffffff) continue;
    if (at + 8 > data.length) return false;
    entry[field] = readUInt64(data, at);
    at += 8;
  }
  return true;
}

/** Judges an entry by what the central directory declares, before a byte is inflated. */
function judgeEntry(entry: Entry, limits: ZipLimits): ZipProblem | undefined {
  if (entry.uncompressedSize > limits.maxEntryBytes) return new ZipProblem(xlsxText.absurdEntry(entry.name, entry.uncompressedSize));
  if (entry.uncompressedSize > limits.ratioFloorBytes) {
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (ratio > limits.maxRatio) return new ZipProblem(xlsxText.absurdRatio(entry.name, ratio));
  }
  return undefined;
}

function inflateEntry(bytes: Buffer, entry: Entry, budget: { left: number }, limits: ZipLimits): Result<Buffer, ZipProblem> {
  const { name } = entry;
  if (entry.flags & 0x1) return err(new ZipProblem(xlsxText.partEncrypted(name)));
  const data = entryData(bytes, entry);
  if (!data) return err(new ZipProblem(xlsxText.partBroken(name)));
  const inflated = entry.method === 0 ? ok(data) : inflatedBefore(entry, data) ?? inflate(entry, data, budget, limits);
  if (!inflated.ok) return inflated;
  const { length } = inflated.value;
  if (length > entry.uncompressedSize) return err(new ZipProblem(xlsxText.sizeLied(name)));
  if (length > budget.left) return err(new ZipProblem(xlsxText.tooMuchInflated(limits.maxInflatedBytes)));
  if (length !== entry.uncompressedSize) return err(new ZipProblem(xlsxText.partBroken(name)));
  budget.left -= length;
  if (entry.method !== 0) rememberInflated(entry, data, inflated.value);
  return inflated;
}

function inflate(entry: Entry, data: Buffer, budget: { left: number }, limits: ZipLimits): Result<Buffer, ZipProblem> {
  // The header's size is a claim: inflate at most one byte more than it, and never more than
  // what is left of the whole file's budget; zlib stops there instead of filling memory. The
  // output is one piece of that size (not 16 KB pieces joined), up to a bound: a hostile size
  // claim must not allocate by itself.
  const cap = Math.min(entry.uncompressedSize, budget.left) + 1;
  try {
    return ok(zlib.inflateRawSync(data, { maxOutputLength: cap, chunkSize: Math.max(64, Math.min(cap, ONE_PIECE)) }));
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') return err(new ZipProblem(xlsxText.partBroken(entry.name)));
    return err(new ZipProblem(entry.uncompressedSize < budget.left ? xlsxText.sizeLied(entry.name) : xlsxText.tooMuchInflated(limits.maxInflatedBytes)));
  }
}

/**
 * Parts lately inflated, by their declared CRC-32, least recently used first. A province's
 * workbooks come from one template, so most of their parts (workbook, relationships, unit and
 * criteria sheets) are byte for byte the same: compressed bytes equal to a remembered part's, with
 * the same declared size, inflate to that part's bytes and are not inflated again. The inflated
 * bytes are shared, and nothing writes to them.
 */
const recentlyInflated = new Map<number, { compressed: Buffer; inflated: Buffer }>();
/** At most so many parts, none larger than LARGEST_KEPT, and so many bytes in all, compressed and inflated. */
const INFLATED_KEPT = 512;
const LARGEST_KEPT = 256 * 1024;
const INFLATED_BYTES_KEPT = 32 * 1024 * 1024;
let inflatedBytes = 0;
/** CRCs seen once: a part is kept from the second time, so that parts unique to one workbook (its strings) are not copied. */
const seenOnce = new Set<number>();
const SEEN_KEPT = 4096;

function inflatedBefore(entry: Entry, compressed: Buffer): Result<Buffer, ZipProblem> | undefined {
  const known = recentlyInflated.get(entry.crc);
  if (!known || known.inflated.length !== entry.uncompressedSize || !known.compressed.equals(compressed)) return undefined;
  recentlyInflated.delete(entry.crc);
  recentlyInflated.set(entry.crc, known);
  return ok(known.inflated);
}

function rememberInflated(entry: Entry, compressed: Buffer, inflated: Buffer): void {
  if (inflated.length > LARGEST_KEPT || recentlyInflated.get(entry.crc)?.inflated === inflated) return;
  if (!seenOnce.delete(entry.crc)) {
    if (seenOnce.size >= SEEN_KEPT) seenOnce.clear();
    seenOnce.add(entry.crc);
    return;
  }
  forget(entry.crc);
  while (recentlyInflated.size >= INFLATED_KEPT || inflatedBytes + compressed.length + inflated.length > INFLATED_BYTES_KEPT) {
    forget(recentlyInflated.keys().next().value!);
  }
  recentlyInflated.set(entry.crc, { compressed: Buffer.from(compressed), inflated });
  inflatedBytes += compressed.length + inflated.length;
}

function forget(crc: number): void {
  const known = recentlyInflated.get(crc);
  if (!known) return;
  recentlyInflated.delete(crc);
  inflatedBytes -= known.compressed.length + known.inflated.length;
}

/** The compressed bytes of an entry, found through its local header; undefined when the header is broken. */
function entryData(bytes: Buffer, entry: Entry): Buffer | undefined {
  const offset = entry.localHeader;
  if (offset + 30 > bytes.length || bytes.readUInt32LE(offset) !== LOCAL_HEADER) return undefined;
  if (entry.method !== 0 && entry.method !== 8) return undefined;
  const start = offset + 30 + bytes.readUInt16LE(offset + 26) + bytes.readUInt16LE(offset + 28);
  const end = start + entry.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : undefined;
}

function readUInt64(bytes: Buffer, at: number): number {
  return bytes.readUInt32LE(at) + bytes.readUInt32LE(at + 4) * 0x100000000;
}
