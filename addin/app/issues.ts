/** Ties the reader's problems (sheet + cell) to the form's fields. */
import type { CellRef, ReadIssue, ScoringWorkbook } from '../../shared/workbook/interpret';
import { cellAddress } from '../../shared/workbook/a1';

const key = (sheet: string, cell: string) => `${sheet}!${cell}`;
const refKey = (ref: CellRef) => key(ref.sheet, cellAddress(ref.row, ref.col));

/** The problems reported on one cell. */
export function issuesAt(issues: readonly ReadIssue[], ref: CellRef | undefined): ReadIssue[] {
  if (!ref) return [];
  const wanted = refKey(ref);
  return issues.filter((issue) => key(issue.sheet, issue.cell) === wanted);
}

/** The cells a person fills in: scores, evidence, unit fields, dossier entries. */
function inputCells(workbook: ScoringWorkbook): Set<string> {
  const refs: (CellRef | undefined)[] = [
    ...workbook.scores.flatMap((row) => [row.scoreCell, row.evidenceCell]),
    ...Object.values(workbook.unitCells),
    ...workbook.dossier.flatMap((row) => [row.presentCell, row.documentNumberCell, row.documentDateCell]),
  ];
  return new Set(refs.filter((ref): ref is CellRef => ref !== undefined).map(refKey));
}

/**
 * Problems with the template itself (edited criterion text or maximum, deleted rows, renamed
 * columns), as opposed to problems with what was typed in the input cells.
 */
export function templateIssues(workbook: ScoringWorkbook, errors: readonly ReadIssue[]): ReadIssue[] {
  const inputs = inputCells(workbook);
  return errors.filter((issue) => !inputs.has(key(issue.sheet, issue.cell)));
}
