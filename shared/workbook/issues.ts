/**
 * Where a workbook issue is, as the console, the unit page and the CLI (`check`, `consolidate`,
 * `ingest`) all write it: Excel's own form
 * (`'Chấm điểm'!F7`, the sheet quoted as Excel quotes it), the sheet alone, or nothing, only as
 * far as the server names it (a broken file names neither; a unit's refusal names its sheet only).
 */
import { quoteSheetName, sheetReference } from './a1';

/** An issue's place and what to do, as the API sends it (`sheet` and `cell` are '' when unknown). */
export interface IssuePlace {
  sheet: string;
  cell: string;
  message: string;
}

/** `'Sheet'!A1`, `'Sheet'`, the cell alone, or ''. */
export function issueLocation(issue: Pick<IssuePlace, 'sheet' | 'cell'>): string {
  if (issue.sheet && issue.cell) return sheetReference(issue.sheet, issue.cell);
  return issue.sheet ? quoteSheetName(issue.sheet) : issue.cell;
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
