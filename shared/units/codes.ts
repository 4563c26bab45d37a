/**
 * The unit code (mã đơn vị): a unit's identity everywhere (store, API, CLI, console, exports,
 * workbooks, audit). The province's list may carry it; otherwise the product assigns one from the
 * unit's kind and a sequence (`GD-007`), never reused. Codes are compared in upper case, so a
 * clerk typing "gd-007" names the same unit.
 */
import type { UnitKind } from './kinds';

/** Letters, digits, ".", "_" and "-", 1 to 32 characters, starting with a letter or digit (no "/": codes sit in URLs). */
const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,31}$/u;

/** Prefix of the codes the product assigns, per kind (readable in a list: GD = giáo dục, CQ = cơ quan…). */
export const UNIT_CODE_PREFIXES: Record<UnitKind, string> = {
  xa: 'XA',
  phuong: 'PH',
  'dac-khu': 'DK',
  'co-quan': 'CQ',
  'doanh-nghiep': 'DN',
  'co-so-giao-duc': 'GD',
};

/**
 * A code as typed (in a list, a workbook, a URL) in its stored form: NFC, trimmed, upper case.
 * Returns '' for an empty cell. Does not validate: see `isValidUnitCode`.
 */
export function normalizeUnitCode(text: string): string {
  return text.normalize('NFC').trim().toUpperCase();
}

/** True when a normalised code may be stored (pattern above). */
export function isValidUnitCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

/** The n-th code the product assigns for a kind: `GD-007`, `CQ-1234`. */
export function assignedUnitCode(kind: UnitKind, sequence: number): string {
  return `${UNIT_CODE_PREFIXES[kind]}-${String(sequence).padStart(3, '0')}`;
}

/**
 * The prefix and number of a code in the product's own form (`GD-007` → GD, 7), so a list that
 * brings such codes moves the sequence past them; undefined for any other code.
 */
export function parseAssignedUnitCode(code: string): { prefix: string; sequence: number } | undefined {
  const match = /^([A-Z]{2})-(\d{1,9})$/u.exec(code);
  if (!match || !Object.values(UNIT_CODE_PREFIXES).includes(match[1]!)) return undefined;
  return { prefix: match[1]!, sequence: Number(match[2]) };
}
