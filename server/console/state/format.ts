/** Dates and numbers as Vietnamese documents write them, from the API's ISO strings. */
import { formatVnDate, formatVnDateTime, vietnamDate } from '../../../shared/deadlines/vietnamTime';
import { formatNumberVi } from '../../../shared/util/numbers';

/** dd/mm/yyyy HH:mm (Vietnam time) of an ISO instant; '' for null or garbage. */
export function dateTimeVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : formatVnDateTime(new Date(ms));
}

/** dd/mm/yyyy (Vietnam time) of an ISO instant; '' for null or garbage. */
export function dateVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : formatVnDate(vietnamDate(new Date(ms)));
}

/** "4,5"; '' for null. */
export function scoreVi(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatNumberVi(value);
}

/** File size in KB with a decimal comma ("12,3"). */
export function kilobytesVi(bytes: number): string {
  return formatNumberVi(Math.round((bytes / 1024) * 10) / 10);
}

