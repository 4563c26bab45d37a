/**
 * Excel's date serial numbers, once: a day count (a fraction for the time of day) from the
 * workbook's day 0, in one of its two date systems. The 1900 system (Windows' default) counts a
 * 29 February 1900 that never was (serial 60, kept from Lotus 1-2-3), so serials 1–59 are one day
 * off the plain count from 30 December 1899; the 1904 system (Excel for Mac's old default) counts
 * from 1 January 1904 (serial 0). Dates are UTC `Date`s holding the wall-clock date and time:
 * Excel has no time zones.
 */

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;
/** 30 December 1899: the plain day 0 behind the 1900 system (right for serials from 61, 1 March 1900). */
export const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Days between the 1900 and the 1904 systems' day 0: serial n in 1904 is serial n + 1462 in 1900. */
export const DAYS_1904 = 1462;
/** The first serial on or after 1 March 1900 in the 1900 system: below it Excel's count includes no 29 February. */
const FIRST_AFTER_LEAP_BUG = 61;

/**
 * The wall-clock date and time of an Excel serial (UTC fields), in the workbook's date system.
 * Serial 60 of the 1900 system, Excel's 29 February 1900, gives 1 March 1900 like 61.
 */
export function serialToDate(serial: number, date1904 = false): Date {
  const plain = date1904 ? serial + DAYS_1904 : serial < FIRST_AFTER_LEAP_BUG ? serial + 1 : serial;
  return new Date(Math.round(plain * DAY_MS + EXCEL_EPOCH_MS));
}

/** The Excel serial of a wall-clock date and time (UTC fields), in the workbook's date system. */
export function dateToSerial(date: Date, date1904 = false): number {
  return plainSerialToSystem((date.getTime() - EXCEL_EPOCH_MS) / DAY_MS, date1904);
}

/**
 * A day count from 30 December 1899 as a serial of the workbook's date system: shifted for 1904,
 * and a day less before 1 March 1900 in the 1900 system (Excel's count there includes its 29 February).
 */
export function plainSerialToSystem(plain: number, date1904 = false): number {
  if (date1904) return plain - DAYS_1904;
  return plain < FIRST_AFTER_LEAP_BUG ? plain - 1 : plain;
}
