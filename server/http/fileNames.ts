/**
 * File names chosen by senders: decoded from the X-File-Name header (percent-encoded UTF-8,
 * RFC 5987 `UTF-8''…`, or raw UTF-8), cleaned to a base name (never a path), and sent back in downloads with
 * an ASCII fallback and an RFC 5987 `filename*`. Files are stored by content hash, so a name is
 * only ever text.
 */
import { searchKey } from '../../shared/units/identity';

export const DEFAULT_FILE_NAME = 'bang-tu-cham-diem.xlsx';
const MAX_NAME_LENGTH = 200;

/**
 * The X-File-Name header's value as text; undefined when absent. Node gives header values as
 * latin1, one character per byte. Percent-encoded UTF-8 (what README asks for) and RFC 5987
 * `UTF-8''…` are decoded. Percent-encoding is ASCII, so a byte above 0x7F means the name came raw
 * (curl -H 'X-File-Name: Bảng….xlsx', and any client that does not encode): its bytes are read as
 * the UTF-8 every such client sends, and a % in it is only a character. Anything else (bytes that
 * are no UTF-8, a % that is no escape) is kept as Node read it; cleanFileName makes it safe.
 */
export function decodeFileNameHeader(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = raw.trim();
  const extended = /^UTF-8'[^']*'(.*)$/iu.exec(value);
  const text = extended ? extended[1]! : value;
  if (/[^\p{ASCII}]/u.test(text)) return rawUtf8(text) ?? text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A latin1-read header value's bytes as UTF-8; undefined when they are not UTF-8 (or were never bytes). */
function rawUtf8(latin1: string): string | undefined {
  if (/[\u0100-\u{10FFFF}]/u.test(latin1)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(latin1, 'latin1'));
  } catch {
    return undefined;
  }
}

/**
 * A sender's name reduced to a safe base name: no folders, no control or format characters
 * (bidi overrides such as U+202E would show `exe.xlsx` for `xlsx.exe`), NFC, bounded, and always
 * ending in `.xlsx` (the bytes are a workbook whatever the name said).
 */
export function cleanFileName(raw: string | undefined): string {
  if (!raw) return DEFAULT_FILE_NAME;
  const base = raw.normalize('NFC').split(/[/\\]/u).filter((part) => part !== '').at(-1) ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/^[.\s]+/u, '')
    .trim();
  // Any extension naming a type (letters in it) gives way to .xlsx; `Đợt 6.2026` keeps its digits.
  const stem = cleaned.replace(/\.(?=[0-9A-Za-z]{0,8}$)[0-9]*[A-Za-z][0-9A-Za-z]*$/u, '').replace(/[.\s]+$/u, '');
  if (stem === '' || stem === '.' || stem === '..') return DEFAULT_FILE_NAME;
  const chars = [...stem];
  const bounded = chars.length > MAX_NAME_LENGTH - 5 ? chars.slice(-(MAX_NAME_LENGTH - 5)).join('').replace(/^[.\s]+/u, '') : stem;
  return `${bounded}.xlsx`;
}

/** `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / RFC 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = searchKey(fileName) === '' ? DEFAULT_FILE_NAME : asciiFallback(fileName);
  const encoded = encodeURIComponent(fileName).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function asciiFallback(fileName: string): string {
  return fileName
    .normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D')
    .replace(/[^\x20-\x7E]/gu, '_')
    .replace(/["\\]/gu, '_');
}
