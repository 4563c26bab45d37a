/**
 * The review panel's state as pure functions: which version's scores to show, the appraisal
 * column being edited, and the words for what changed between versions.
 */
import type { SubmissionSummary, UnitSubmissionsResponse } from '../../../shared/api/schemas';
import { STAGES } from '../../../shared/deadlines/calendar';
import { formatNumberVi, parseLooseNumber, roundScore } from '../../../shared/util/numbers';
import type { CheckResult } from '../../../shared/workbook/check';
import { viConsole as t } from '../i18n/vi';

/** The final-stage version that counts: the newest valid one (highest version). */
export function countedFinal(submissions: readonly SubmissionSummary[]): SubmissionSummary | undefined {
  let best: SubmissionSummary | undefined;
  for (const s of submissions) {
    if (s.stage !== 'final' || !s.valid) continue;
    if (!best || (s.version ?? 0) > (best.version ?? 0) || ((s.version ?? 0) === (best.version ?? 0) && s.receivedAt > best.receivedAt)) best = s;
  }
  return best;
}

/** Versions newest first within stage order (final first: it is what the council reads). */
export function versionsForDisplay(submissions: readonly SubmissionSummary[]): SubmissionSummary[] {
  const stageOrder = [...STAGES].reverse();
  return [...submissions].sort(
    (a, b) =>
      stageOrder.indexOf(a.stage) - stageOrder.indexOf(b.stage) ||
      (b.receivedAt < a.receivedAt ? -1 : b.receivedAt > a.receivedAt ? 1 : 0) ||
      (b.version ?? 0) - (a.version ?? 0),
  );
}

export interface AppraisalRow {
  number: number;
  max: number;
  hard: boolean;
  self: number | null;
  evidence: string;
  /** What the council's input shows: the saved appraisal score, or empty. */
  text: string;
}

/** One row per criterion of the counted workbook, the appraisal input filled from what is saved. */
export function appraisalRows(result: CheckResult, appraisal: UnitSubmissionsResponse['appraisal']): AppraisalRow[] {
  return result.scores.map((s) => {
    const saved = appraisal?.[String(s.number)];
    return { number: s.number, max: s.max, hard: s.hard, self: s.score, evidence: s.evidence, text: saved === undefined ? '' : formatNumberVi(saved) };
  });
}

export interface AppraisalPlan {
  /** What to PUT: changed criteria only; null clears a saved appraisal score. */
  scores: Record<string, number | null>;
  errors: string[];
}

/**
 * From the edited inputs to the request body. An empty input means "keep the self-score";
 * numbers are read the Vietnamese way ("4,5") and checked against the criterion's maximum (the
 * server checks the step and recomputes the verdict).
 */
export function planAppraisal(rows: readonly AppraisalRow[], edited: Readonly<Record<number, string>>, saved: UnitSubmissionsResponse['appraisal']): AppraisalPlan {
  const scores: Record<string, number | null> = {};
  const errors: string[] = [];
  for (const row of rows) {
    const text = (edited[row.number] ?? row.text).trim();
    const before = saved?.[String(row.number)];
    if (text === '') {
      if (before !== undefined) scores[String(row.number)] = null;
      continue;
    }
    const value = parseLooseNumber(text);
    if (value === undefined) {
      errors.push(t.appraisalNotNumber(row.number, text));
      continue;
    }
    if (value < 0 || value > row.max) {
      errors.push(t.appraisalOutOfRange(row.number, row.max));
      continue;
    }
    if (before === undefined || roundScore(before) !== roundScore(value)) scores[String(row.number)] = value;
  }
  return { scores, errors };
}

/** "Tiêu chí 3: 4 → 4,5", an empty score read as "trống". */
export function describeChange(change: SubmissionSummary['changes'][number]): string {
  const show = (v: number | null) => (v === null ? t.emptyScore : formatNumberVi(v));
  return t.versionChange(change.number, show(change.before), show(change.after));
}
