/**
 * What provincial staff decide about a unit: a review state on a submission, the appraisal
 * council's scores, and exceptions that reopen a stage after its lock day. Each is kept with who
 * and when, and written to the audit log; each answers with the unit's year as it now stands.
 */
import type { ReviewState, UnitSubmissionsResponse } from '../../shared/api/schemas';
import type { Stage } from '../../shared/deadlines/calendar';
import { parseScore } from '../../shared/scoring/score';
import type { SubmissionRecord } from '../store/store';
import { actorName, type Actor, type AppContext } from './context';
import { problems, type Issue } from './errors';
import { msg } from './messages';
import { requireUnit, unitSubmissions } from './status';

/** The final-stage version that counts: the latest valid one. */
function countedFinal(records: SubmissionRecord[]): SubmissionRecord | undefined {
  return records
    .filter((r) => r.stage === 'final' && r.valid)
    .reduce<SubmissionRecord | undefined>((best, r) => (!best || (r.version ?? 0) > (best.version ?? 0) ? r : best), undefined);
}

export interface ReviewInput {
  state: ReviewState;
  note: string;
  /** A given submission; else the unit's latest final-stage submission (valid first). */
  submissionId?: string | undefined;
}

export async function reviewSubmission(ctx: AppContext, unitRefText: string, year: number, input: ReviewInput, actor: Actor): Promise<UnitSubmissionsResponse> {
  const unit = await requireUnit(ctx, unitRefText);
  let target: SubmissionRecord | undefined;
  if (input.submissionId) {
    target = await ctx.store.getSubmission(input.submissionId);
    if (!target) throw problems.submissionNotFound();
    if (target.unitId !== unit.id) throw problems.submissionOfOtherUnit();
  } else {
    const records = await ctx.store.listSubmissions({ year, unitId: unit.id });
    target = countedFinal(records) ?? records.filter((r) => r.stage === 'final').at(-1);
    if (!target) throw problems.noSubmissionToReview();
  }
  await ctx.store.addReview({ submissionId: target.id, state: input.state, note: input.note }, unit.id, {
    by: actorName(actor), at: ctx.now(), action: 'review', detail: msg.audit.review(target.fileName, input.state, input.note),
  });
  return unitSubmissions(ctx, unit.id, target.year);
}

/**
 * Records the council's scores (criterion number → score, null to clear). Every score is checked
 * against the criteria set of the unit's counted final workbook — 0 to the maximum, on the step —
 * and nothing is saved unless all are valid.
 */
export async function appraise(
  ctx: AppContext, unitRefText: string, year: number, scores: Record<string, number | null>, actor: Actor,
): Promise<UnitSubmissionsResponse> {
  const unit = await requireUnit(ctx, unitRefText);
  const final = countedFinal(await ctx.store.listSubmissions({ year, unitId: unit.id }));
  if (!final) throw problems.noFinalSubmission();
  const { setId, setVersion } = final.result;
  const set = setId ? ctx.registry.find(setId, setVersion ?? undefined) : undefined;
  if (!set) throw problems.appraisalSetUnknown(setId ?? '', setVersion ?? '');

  const issues: Issue[] = [];
  const accepted = new Map<number, number | null>();
  for (const [key, value] of Object.entries(scores)) {
    const number = /^\d+$/u.test(key.trim()) ? Number(key) : NaN;
    const criterion = set.criteria.find((c) => c.number === number);
    if (!criterion) {
      issues.push({ sheet: msg.appraisalSheet, cell: key, message: msg.appraisalCriterionUnknown(key) });
      continue;
    }
    if (value === null) {
      accepted.set(number, null);
      continue;
    }
    const parsed = parseScore(set, criterion, value);
    if (!parsed.ok) issues.push({ sheet: msg.appraisalSheet, cell: key, message: `Tiêu chí ${number}: ${parsed.error}` });
    else accepted.set(number, parsed.value ?? null);
  }
  if (issues.length > 0) throw problems.appraisalInvalid(issues.length, { details: issues });
  if (accepted.size > 0) {
    await ctx.store.setAppraisal(unit.id, year, accepted, {
      by: actorName(actor), at: ctx.now(), action: 'appraisal', detail: msg.audit.appraisal(year, [...accepted]),
    });
  }
  return unitSubmissions(ctx, unit.id, year);
}

/** Reopens intake of a stage for one unit after its lock day. */
export async function reopenStage(
  ctx: AppContext, unitRefText: string, year: number, stage: Stage, note: string, actor: Actor,
): Promise<UnitSubmissionsResponse> {
  const unit = await requireUnit(ctx, unitRefText);
  await ctx.store.addException(unit.id, year, stage, note, {
    by: actorName(actor), at: ctx.now(), action: 'exception', detail: msg.audit.exception(year, stage, note),
  });
  return unitSubmissions(ctx, unit.id, year);
}
