/**
 * Reads a number the way people type it in Vietnam and elsewhere: "4,5", "4.5", " 4 ", 4.5.
 * Returns undefined for anything that is not one number (thousand separators are not scores).
 */
export function parseLooseNumber(value: string | number | boolean | null | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFC').replace(/\s+/gu, '');
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/u.test(text)) return undefined;
  return Number(text.replace(',', '.'));
}

/** True when value is a whole multiple of step, tolerating binary floating-point noise. */
export function isMultipleOf(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

/** Rounds away floating-point noise from sums of half points (0.1 + 0.2 and the like). */
export function roundScore(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Vietnamese number format: decimal comma, no trailing zeros ("4,5", "45"). */
export function formatNumberVi(value: number): string {
  return String(roundScore(value)).replace('.', ',');
}
