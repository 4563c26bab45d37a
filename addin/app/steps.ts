/**
 * The form's steps (unit information, one per criterion, the dossier, the review) and how they
 * map to cells: a step selects its cell in the sheet, and a selected cell moves the form.
 */
import type { CellRef, ScoringWorkbook } from '../../shared/workbook/interpret';

export type Step =
  | { kind: 'unit' }
  | { kind: 'criterion'; number: number }
  | { kind: 'dossier' }
  | { kind: 'review' };

export const FIRST_STEP: Step = { kind: 'unit' };

export function stepsOf(workbook: ScoringWorkbook): Step[] {
  return [
    { kind: 'unit' },
    ...workbook.set.criteria.map((c): Step => ({ kind: 'criterion', number: c.number })),
    { kind: 'dossier' },
    { kind: 'review' },
  ];
}

export function sameStep(a: Step, b: Step): boolean {
  return a.kind === b.kind && (a.kind !== 'criterion' || a.number === (b as { number: number }).number);
}

export function stepKey(step: Step): string {
  return step.kind === 'criterion' ? `criterion-${step.number}` : step.kind;
}

export function stepFromKey(workbook: ScoringWorkbook, key: string): Step | undefined {
  return stepsOf(workbook).find((s) => stepKey(s) === key);
}

/** The step itself when the workbook has it, else the first step. */
export function validStep(workbook: ScoringWorkbook, step: Step): Step {
  return stepsOf(workbook).some((s) => sameStep(s, step)) ? step : FIRST_STEP;
}

/** The step before (-1) or after (+1), if any. */
export function neighbour(workbook: ScoringWorkbook, step: Step, by: -1 | 1): Step | undefined {
  const steps = stepsOf(workbook);
  const index = steps.findIndex((s) => sameStep(s, step));
  return steps[index + by];
}

/** The cell to select in the sheet when the form shows a step. */
export function cellOfStep(workbook: ScoringWorkbook, step: Step): CellRef | undefined {
  switch (step.kind) {
    case 'unit':
      return workbook.unitCells.name;
    case 'criterion':
      return workbook.scores.find((row) => row.number === step.number)?.scoreCell;
    case 'dossier':
      return workbook.dossier.find((row) => row.presentCell)?.presentCell;
    case 'review':
      return undefined;
  }
}

/** The step a selected cell belongs to: any cell of a criterion's row, a unit field's row, a dossier row. */
export function stepOfCell(workbook: ScoringWorkbook, cell: CellRef): Step | undefined {
  const row = workbook.scores.find((r) => r.scoreCell.sheet === cell.sheet && r.scoreCell.row === cell.row);
  if (row) return { kind: 'criterion', number: row.number };
  if (Object.values(workbook.unitCells).some((ref) => ref && ref.sheet === cell.sheet && ref.row === cell.row)) return { kind: 'unit' };
  if (workbook.dossier.some((d) => d.presentCell && d.presentCell.sheet === cell.sheet && d.presentCell.row === cell.row)) return { kind: 'dossier' };
  return undefined;
}
