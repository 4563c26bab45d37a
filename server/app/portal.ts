/**
 * The unit portal's use cases: what one unit reads about itself (its deadlines, every file it
 * sent with the verdict and the province's review, the published appraisal), its pre-filled
 * workbook, and the province publishing an appraisal result. The rows come from the same store
 * reads and the same pure consolidation as the province's board, restricted to the one unit.
 */
import type { UnitPageResponse, UnitSubmissionsResponse, UnitWorkbookOption } from '../../shared/api/schemas';
import { consolidate } from '../../shared/consolidation/consolidate';
import type { CriteriaSet } from '../../shared/criteria/schema';
import type { Stage } from '../../shared/deadlines/calendar';
import { deadlineRisk } from '../../shared/deadlines/risk';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds';
import type { UnitRecord } from '../store/store';
import { calendarFor } from './calendar';
import { actorName, type Actor, type DataContext } from './context';
import { unitWorkbook as perUnitWorkbook, unitWorkbookFileName } from './unitWorkbooks';
import { problems } from './errors';
import { portalText } from './messages';
import { submissionVerdict, unitRef } from './receipts';
import { expectedUnit, requireUnit, storedSubmission, unitSubmissions } from './status';

/**
 * The unit's own page for a year. `markSeen`: the unit itself is reading it, so every review
 * shown is recorded as seen (the first time only; the province's panel shows when).
 */
export async function unitPage(ctx: DataContext, unit: UnitRecord, year: number, options: { markSeen: Actor | null }): Promise<UnitPageResponse> {
  const now = ctx.now();
  const [records, appraisals, reopened, published, calendar] = await Promise.all([
    ctx.store.listSubmissions({ year, unitId: unit.id }),
    ctx.store.appraisals(year, unit.id),
    ctx.store.exceptions(year, unit.id),
    ctx.store.appraisalPublications(year, unit.id),
    calendarFor(ctx, year),
  ]);
  const reviewed = records.filter((r) => r.review).map((r) => r.id);
  if (options.markSeen && reviewed.length > 0) {
    await ctx.store.markReviewsSeen(reviewed, unit.id, { by: actorName(options.markSeen), at: now, action: 'review-seen', detail: portalText.audit.reviewsSeen });
  }
  const seen = await ctx.store.reviewsSeen(reviewed);

  const publishedAt = published.get(unit.id);
  const reopenedStages: Stage[] = reopened.get(unit.id) ?? [];
  // The council's scores reach the unit only once published: before, its row is its own scoring.
  const row = consolidate({
    year, now, calendar, units: [expectedUnit(unit)], submissions: records.map(storedSubmission),
    appraisals: publishedAt ? appraisals : new Map(), reopened, sets: ctx.registry,
  }).units[0]!;

  const submitted: Partial<Record<Stage, Date>> = {};
  for (const stage of row.stages) {
    const counted = records.find((r) => r.id === stage.latestSubmissionId && r.valid);
    if (counted) submitted[stage.stage] = counted.receivedAt;
  }
  const risk = deadlineRisk({ calendar, year, now, unitKind: unit.kind, submitted, reopened: reopenedStages });

  const scores = appraisals.get(unit.id) ?? {};
  const selfScores = records.find((r) => r.id === row.stages.find((s) => s.stage === 'final')?.latestSubmissionId && r.valid)?.result.scores ?? [];
  return {
    unit: unitRef(unit),
    year,
    generatedAt: now.toISOString(),
    deadlines: risk.milestones.map((m) => ({
      stage: m.stage, due: m.due, lock: m.lock, state: m.state, daysLeft: m.daysLeft, label: m.label, reopened: reopenedStages.includes(m.stage),
    })),
    stages: row.stages,
    submissions: [...records].reverse().map((r) => ({
      id: r.id, stage: r.stage, version: r.version, receivedAt: r.receivedAt.toISOString(), late: r.late, daysLate: r.daysLate,
      valid: r.valid, fileName: r.fileName, verdict: submissionVerdict(r, ctx.registry), errors: r.errors, warnings: r.result.warnings,
      review: r.review && { state: r.review.state, note: r.review.note, at: r.review.at.toISOString(), seenAt: seen.get(r.id)?.toISOString() ?? null },
    })),
    workbooks: setsForUnit(ctx, unit).map(workbookOption),
    appraisal: publishedAt && row.verdict
      ? {
        publishedAt: publishedAt.toISOString(),
        verdict: row.verdict,
        appraised: row.appraised,
        passFail: row.verdict.passFail,
        scores: selfScores.map((s) => ({ number: s.number, max: s.max, self: s.score, appraised: scores[s.number] ?? null })),
      }
      : null,
  };
}

/**
 * The criteria sets that apply to the unit's kind, the newest version of each: the yearly
 * report's forms first (the one a unit needs every year, and the download's default), then those
 * used only when the province asks, each group in catalogue order.
 */
export function setsForUnit(ctx: Pick<DataContext, 'registry'>, unit: UnitRecord): CriteriaSet[] {
  const newest = new Map<string, CriteriaSet>();
  for (const set of ctx.registry.all()) if (set.unitKinds.includes(unit.kind)) newest.set(set.id, set);
  const sets = [...newest.values()];
  return [...sets.filter((s) => s.purpose === 'yearly-report'), ...sets.filter((s) => s.purpose !== 'yearly-report')];
}

function workbookOption(set: CriteriaSet): UnitWorkbookOption {
  return { setId: set.id, setVersion: set.version, title: set.title, draft: set.draft, purpose: set.purpose };
}

/**
 * The unit's scoring workbook for a set (default: the first that applies to its kind), with its
 * code, name, kind and parent already filled in (the per-unit writer of `unitWorkbooks.ts`, the
 * same file `template --unit` and the console give).
 * Errors: not-found when no set (or not the named one) applies to the unit's kind.
 */
export async function portalWorkbook(
  ctx: Pick<DataContext, 'registry'>, unit: UnitRecord, year: number, setId?: string,
): Promise<{ bytes: Buffer; fileName: string; set: CriteriaSet }> {
  const sets = setsForUnit(ctx, unit);
  const set = setId === undefined ? sets[0] : sets.find((s) => s.id === setId);
  if (!set) {
    throw (setId === undefined ? problems.noSetForKind(UNIT_KIND_LABELS[unit.kind]) : problems.portalSetNotForUnit(setId));
  }
  return { bytes: await perUnitWorkbook(set, unit, year), fileName: unitWorkbookFileName(unit, set), set };
}

/** Shows (or withdraws) a unit's appraisal result of a year on its portal page. */
export async function publishAppraisal(
  ctx: DataContext, codeOrId: string, year: number, published: boolean, actor: Actor,
): Promise<UnitSubmissionsResponse> {
  const unit = await requireUnit(ctx, codeOrId);
  await ctx.store.setAppraisalPublished(unit.id, year, published, {
    by: actorName(actor), at: ctx.now(), action: 'appraisal-publication',
    detail: published ? portalText.audit.published(year) : portalText.audit.withdrawn(year),
  });
  return unitSubmissions(ctx, unit.id, year);
}
