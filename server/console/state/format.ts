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

/** A workbook issue as the server lists it: the sheet and the cell are '' when it does not know them. */
export interface IssuePlace {
  sheet: string;
  cell: string;
  message: string;
}

/**
 * Where an issue is, only as far as the server says: Chấm điểm!F7, the sheet alone, or '' (a
 * broken file names neither; a unit's refusal names its sheet only). The console's one way of
 * writing an issue's place: intake, versions and every refusal it lists use it.
 */
export function issueLocation(issue: Pick<IssuePlace, 'sheet' | 'cell'>): string {
  if (issue.sheet && issue.cell) return `${issue.sheet}!${issue.cell}`;
  return issue.sheet || issue.cell;
}

/** "place: message", or the message alone when the place is not known. */
export function issueLine(issue: IssuePlace): string {
  const place = issueLocation(issue);
  return place ? `${place}: ${issue.message}` : issue.message;
}

/** Whether any issue names a cell: a heading speaks of cells only then. */
export function issuesNameCells(issues: readonly Pick<IssuePlace, 'cell'>[]): boolean {
  return issues.some((issue) => issue.cell !== '');
}
