/**
 * The review panel's state as pure functions: which version's scores to show, the appraisal
 * column being edited, and the words for what changed between versions.
 */
import type { SubmissionSummary, UnitSubmissionsResponse } from '../../../shared/api/schemas';
import type { CriteriaSet } from '../../../shared/criteria/schema';
import { parseScore } from '../../../shared/scoring/score';
import { err, ok, type Result } from '../../../shared/util/result';
import type { ClientError } from '../api/client';
import { STAGES } from '../../../shared/deadlines/calendar';
import { formatNumberVi, parseLooseNumber, roundScore } from '../../../shared/util/numbers';
import type { CheckResult } from '../../../shared/workbook/checkResult';
import { viConsole as t } from '../i18n/vi';
import { issueLine } from '../../../shared/workbook/issues';

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
  /** Per criterion number, why what is typed cannot be saved (the set's own rules). */
  fieldErrors: Record<number, string>;
}

/**
 * Reads one typed appraisal score. Empty is "keep the self-score" (undefined). With the criteria
 * set, the shared `parseScore` decides (0 to the maximum, on the set's step; "Đạt" / "Chưa đạt"
 * for a pass-fail set), as the server will; without it, only a number within 0..maximum.
 */
export function readAppraisalInput(row: AppraisalRow, text: string, set: CriteriaSet | undefined): Result<number | undefined, string> {
  const trimmed = text.trim();
  if (trimmed === '') return ok(undefined);
  const criterion = set?.criteria.find((c) => c.number === row.number);
  if (set && criterion) return parseScore(set, criterion, trimmed);
  const value = parseLooseNumber(trimmed);
  if (value === undefined) return err(t.appraisalNotNumber(trimmed));
  if (value < 0 || value > row.max) return err(t.appraisalOutOfRange(row.max));
  return ok(value);
}

/**
 * From the edited inputs to the request body: changed criteria only, numbers read the Vietnamese
 * way ("4,5"), an emptied input clears the saved appraisal score. Each input that cannot be saved
 * has its reason in `fieldErrors`, by criterion number.
 */
export function planAppraisal(
  rows: readonly AppraisalRow[], edited: Readonly<Record<number, string>>, saved: UnitSubmissionsResponse['appraisal'], set?: CriteriaSet,
): AppraisalPlan {
  const scores: Record<string, number | null> = {};
  const fieldErrors: Record<number, string> = {};
  for (const row of rows) {
    const read = readAppraisalInput(row, edited[row.number] ?? row.text, set);
    const before = saved?.[String(row.number)];
    if (!read.ok) {
      fieldErrors[row.number] = read.error;
      continue;
    }
    if (read.value === undefined) {
      if (before !== undefined) scores[String(row.number)] = null;
      continue;
    }
    if (before === undefined || roundScore(before) !== roundScore(read.value)) scores[String(row.number)] = read.value;
  }
  return { scores, fieldErrors };
}

/** What stops the save button, in words beside it; null when saving can go ahead. */
export function appraisalBlocker(plan: AppraisalPlan): string | null {
  const invalid = Object.keys(plan.fieldErrors).map(Number).sort((a, b) => a - b);
  if (invalid.length > 0) return t.appraisalBlockedByErrors(invalid);
  if (Object.keys(plan.scores).length === 0) return t.appraisalNothingChanged;
  return null;
}

/**
 * The server's refusal of an appraisal (422 `appraisal-invalid`) split by field: issues whose
 * cell is a criterion number go beside that criterion's input, the rest above the buttons.
 */
export function appraisalRefusal(error: ClientError): { fields: Record<number, string>; other: string[] } {
  const fields: Record<number, string> = {};
  const other: string[] = [];
  if (error.kind === 'http') {
    for (const d of error.details) {
      if (d.cell && /^\d+$/u.test(d.cell)) fields[Number(d.cell)] = d.message.replace(/^Tiêu chí \d+: /u, '');
      else other.push(issueLine(d));
    }
  }
  if (Object.keys(fields).length === 0 || other.length > 0) other.unshift(error.message);
  return { fields, other };
}

/** "Tiêu chí 3: 4 → 4,5", an empty score read as "trống". */
export function describeChange(change: SubmissionSummary['changes'][number]): string {
  const show = (v: number | null) => (v === null ? t.emptyScore : formatNumberVi(v));
  return t.versionChange(change.number, show(change.before), show(change.after));
}
