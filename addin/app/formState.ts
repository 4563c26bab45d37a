/**
 * The form's state: a reducer over the shared types. The workbook snapshot is the truth; the
 * interpretation, evaluation and verdict are derived from it by the shared engine, after every
 * read and after every write the form makes (applied to the snapshot, no re-read needed).
 */
import { evaluate, type Evaluation } from '../../shared/scoring/evaluate';
import { dossierOf, entriesOf, interpretWorkbook, type Interpretation, type ReadIssue, type ScoringWorkbook } from '../../shared/workbook/interpret';
import { NAMES, type UnitField } from '../../shared/workbook/layout';
import type { CellValue, CellWrite, RangeGrid, WorkbookSnapshot } from '../../shared/workbook/port';
import type { Problem } from '../office/errors';
import { FIRST_STEP, validStep, type Step } from './steps';

export type Phase = 'loading' | 'ready' | 'not-scoring' | 'failed';

/** The form's view of a readable scoring workbook. */
export interface Scored {
  workbook: ScoringWorkbook;
  evaluation: Evaluation;
  errors: ReadIssue[];
  warnings: ReadIssue[];
  /** Eligible by the engine and free of errors in the workbook. */
  eligible: boolean;
}

export interface FormState {
  phase: Phase;
  snapshot: WorkbookSnapshot | undefined;
  interpretation: Interpretation | undefined;
  scored: Scored | undefined;
  step: Step;
  /** An Office problem to show above the form (Vietnamese), until dismissed or the next success. */
  problem: Problem | undefined;
  /** Scores typed in the pane that were refused before reaching the sheet, by criterion. */
  rejected: Readonly<Record<number, { text: string; message: string }>>;
  /** Writes in flight. */
  saving: number;
}

export type FormAction =
  | { type: 'loaded'; snapshot: WorkbookSnapshot }
  | { type: 'load-failed'; problem: Problem }
  | { type: 'go'; step: Step }
  | { type: 'write-started' }
  | { type: 'written'; writes: readonly CellWrite[] }
  | { type: 'write-failed'; problem: Problem }
  | { type: 'score-rejected'; number: number; text: string; message: string }
  | { type: 'score-cleared'; number: number }
  | { type: 'problem'; problem: Problem }
  | { type: 'problem-dismissed' };

export const initialFormState: FormState = {
  phase: 'loading', snapshot: undefined, interpretation: undefined, scored: undefined,
  step: FIRST_STEP, problem: undefined, rejected: {}, saving: 0,
};

export function formReducer(state: FormState, action: FormAction): FormState {
  switch (action.type) {
    case 'loaded':
      // A successful read settles a failed one; any other problem stays until dismissed.
      return { ...withSnapshot(state, action.snapshot), problem: state.phase === 'failed' ? undefined : state.problem };
    case 'load-failed':
      return { ...state, phase: state.snapshot ? state.phase : 'failed', problem: action.problem };
    case 'go':
      return state.scored ? { ...state, step: validStep(state.scored.workbook, action.step) } : state;
    case 'write-started':
      return { ...state, saving: state.saving + 1 };
    case 'written':
      return { ...(state.snapshot ? withSnapshot(state, applyWrites(state.snapshot, action.writes)) : state), saving: Math.max(0, state.saving - 1) };
    case 'write-failed':
      return { ...state, saving: Math.max(0, state.saving - 1), problem: action.problem };
    case 'score-rejected':
      return { ...state, rejected: { ...state.rejected, [action.number]: { text: action.text, message: action.message } } };
    case 'score-cleared': {
      if (!(action.number in state.rejected)) return state;
      const { [action.number]: _gone, ...rest } = state.rejected;
      return { ...state, rejected: rest };
    }
    case 'problem':
      return { ...state, problem: action.problem };
    case 'problem-dismissed':
      return { ...state, problem: undefined };
  }
}

function withSnapshot(state: FormState, snapshot: WorkbookSnapshot): FormState {
  const interpretation = interpretWorkbook(snapshot);
  const scored = interpretation.workbook ? score(interpretation, interpretation.workbook) : undefined;
  return {
    ...state,
    phase: scored ? 'ready' : 'not-scoring',
    snapshot,
    interpretation,
    scored,
    step: scored ? validStep(scored.workbook, state.step) : FIRST_STEP,
  };
}

function score(interpretation: Interpretation, workbook: ScoringWorkbook): Scored {
  const evaluation = evaluate(workbook.set, entriesOf(workbook), dossierOf(workbook));
  return {
    workbook,
    evaluation,
    errors: interpretation.errors,
    warnings: interpretation.warnings,
    eligible: interpretation.errors.length === 0 && evaluation.eligible,
  };
}

/** What the unit field's cell holds, as typed (the interpreter's view normalises it). */
export function rawUnitValue(snapshot: WorkbookSnapshot, field: UnitField): CellValue {
  return snapshot.ranges[NAMES.unit[field]]?.values[0]?.[0] ?? null;
}

/** What a cell holds in the snapshot, when one of its named ranges covers it (else null). */
export function cellValueIn(snapshot: WorkbookSnapshot, cell: { sheet: string; row: number; col: number }): CellValue {
  for (const range of Object.values(snapshot.ranges)) {
    if (!range || range.sheet !== cell.sheet || cell.row < range.top || cell.col < range.left) continue;
    const value = range.values[cell.row - range.top]?.[cell.col - range.left];
    if (value !== undefined) return value;
  }
  return null;
}

/** The snapshot as it is after the writes land: each write inside a named range updates it. */
export function applyWrites(snapshot: WorkbookSnapshot, writes: readonly CellWrite[]): WorkbookSnapshot {
  const ranges: Record<string, RangeGrid | undefined> = {};
  for (const [name, range] of Object.entries(snapshot.ranges)) {
    if (!range) continue;
    const hits = writes.filter((w) => w.sheet === range.sheet && w.row >= range.top && w.col >= range.left
      && w.row < range.top + range.values.length && w.col < range.left + (range.values[w.row - range.top]?.length ?? 0));
    if (hits.length === 0) {
      ranges[name] = range;
      continue;
    }
    const values = range.values.map((row) => [...row]);
    for (const w of hits) values[w.row - range.top]![w.col - range.left] = w.value === '' ? null : w.value;
    ranges[name] = { ...range, values };
  }
  return { sheetNames: snapshot.sheetNames, ranges };
}
