import { UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from './kinds';
import { remembered } from '../util/memo';

/**
 * The key under which two spellings of a unit name are the same unit: NFC, trimmed, inner
 * white space collapsed, case folded. Names arrive typed on different machines (NFD from macOS,
 * double spaces, capitals), and must still match.
 */
export function unitNameKey(name: string): string {
  return remembered(nameKeys, name, () =>
    // Plain toLowerCase: Unicode has no Vietnamese-specific case rules, so it folds exactly as
    // toLocaleLowerCase('vi-VN') does, at a tenth of the cost.
    name.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase());
}

// Reading a workbook keys every criterion title, header and dossier label, and a province's
// workbooks repeat the same few hundred texts: the keys are remembered (a bounded cache).
const nameKeys = new Map<string, string>();
const searchKeys = new Map<string, string>();

/** True when two names denote the same unit. */
export function sameUnitName(a: string, b: string): boolean {
  return unitNameKey(a) === unitNameKey(b);
}

/**
 * Accent-insensitive search key: "vinh thuan" finds "Vĩnh Thuận". Strips combining marks and
 * maps đ to d, which NFD does not decompose.
 */
export function searchKey(text: string): string {
  return remembered(searchKeys, text, () => unitNameKey(text).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gu, 'd'));
}

/** Reads a unit kind typed by a person ("Cơ quan", "co quan", "CƠ SỞ GIÁO DỤC", "co-quan"). */
export function parseUnitKind(text: string): UnitKind | undefined {
  const key = searchKey(text).replace(/[\s_-]+/gu, '-');
  for (const kind of UNIT_KINDS) {
    if (key === kind || key === searchKey(UNIT_KIND_LABELS[kind]).replace(/\s+/gu, '-')) return kind;
  }
  const english: Record<string, UnitKind> = {
    commune: 'xa', ward: 'phuong', 'special-zone': 'dac-khu', agency: 'co-quan',
    enterprise: 'doanh-nghiep', school: 'co-so-giao-duc', 'education-institution': 'co-so-giao-duc',
  };
  return english[key];
}

/**
 * The key of a parent commune/ward: `unitNameKey` without a leading "Xã", "Phường", "Thị trấn" or
 * "Đặc khu", since lists write "Xã Tân Hồng" where a clerk types "Tân Hồng" ('' for no parent).
 */
export function parentKey(parent: string): string {
  return unitNameKey(parent).replace(/^(xã|phường|thị trấn|đặc khu)\s+(?=\S)/u, '');
}

/**
 * `parentKey` without diacritics, for a xã/phường typed without them ("thap muoi", "phuong 2"):
 * marks stripped, đ as d, and a leading "xa", "phuong", "thi tran" or "dac khu" dropped as
 * `parentKey` drops the marked words. Two different xã/phường can share it ("Tân An", "Tấn An"),
 * so it finds candidates; it never tells them apart.
 */
export function foldedParentKey(parent: string): string {
  return searchKey(parentKey(parent)).replace(/^(xa|phuong|thi tran|dac khu)\s+(?=\S)/u, '');
}

/** True when `text` has no diacritics (nothing for searchKey to fold): typed on a keyboard without Vietnamese input. */
export function lacksDiacritics(text: string): boolean {
  return searchKey(text) === unitNameKey(text);
}

/**
 * Control characters (NUL, the rest of C0, DEL, C1) that have no place in a unit's name or parent.
 * Tab and line breaks are not counted: they are white space, folded into one space.
 */
export function hasControlCharacters(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u.test(text);
}

// One collator for every comparison (localeCompare(…, 'vi') builds one per call, which made
// sorting a thousand units cost more than consolidating them), built on first use: building it
// costs 20–40 ms, which a web app's start-up should not pay before it sorts anything.
let vietnamese: Intl.Collator | undefined;

/** Vietnamese alphabetical order of unit names (NFC, so NFD-typed names sort the same). */
export function compareUnitNames(a: string, b: string): number {
  vietnamese ??= new Intl.Collator('vi');
  return vietnamese.compare(a.normalize('NFC'), b.normalize('NFC'));
}

/**
 * The order of every list of units (the board, the consolidated workbook, the proposal): by name
 * in Vietnamese order, then by id, so that two units of the same name keep one order.
 */
export function compareUnitsByName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return compareUnitNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
