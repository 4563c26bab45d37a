/** A calendar day in Vietnam (UTC+7, no daylight saving). */
export interface VnDate {
  year: number;
  month: number;
  day: number;
}

/** Vietnam's offset from UTC, in milliseconds: UTC+7 all year (no daylight saving since 1975). */
export const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 86400 * 1000;

/**
 * The instant as Vietnam's wall clock shows it, held in a Date's UTC fields (getUTCFullYear,
 * getUTCHours…): for writing to Excel, which has no time zones, and for reading the Vietnam
 * calendar day or hour whatever the machine's own zone.
 */
export function vietnamWallClock(instant: Date): Date {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS);
}

/** The Vietnam calendar day of an instant. */
export function vietnamDate(instant: Date): VnDate {
  const shifted = vietnamWallClock(instant);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: VnDate, b: VnDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** "20/11" in a year → that day. */
export function dayOfYear(dayMonth: string, year: number): VnDate {
  const [day, month] = dayMonth.split('/').map(Number) as [number, number];
  return { year, month, day };
}

/**
 * A day as a person types it, "05/12/2026" or "5/12/2026" (day/month/year, one or two digits for
 * the day and the month), or undefined when it is not one (another shape, or a day the month does
 * not have: "31/02/2026"). Write it back with formatVnDate.
 */
export function parseVnDate(text: string): VnDate | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(text.trim());
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || probe.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** dd/mm/yyyy, as Vietnamese documents write dates. */
export function formatVnDate(date: VnDate): string {
  return `${String(date.day).padStart(2, '0')}/${String(date.month).padStart(2, '0')}/${date.year}`;
}

/** dd/mm/yyyy HH:mm in Vietnam time. */
export function formatVnDateTime(instant: Date): string {
  const shifted = vietnamWallClock(instant);
  const hh = String(shifted.getUTCHours()).padStart(2, '0');
  const mm = String(shifted.getUTCMinutes()).padStart(2, '0');
  return `${formatVnDate(vietnamDate(instant))} ${hh}:${mm}`;
}
