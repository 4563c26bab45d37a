/**
 * Where every unit stands: the store's rows handed to the pure consolidation (shared/), which
 * works from the results kept at intake and never re-reads a workbook.
 */
export { expectedUnit, storedSubmission } from './board';
import type { UnitsResponse, UnitSubmissionsResponse } from '../../shared/api/schemas';
import { versionChanges } from '../../shared/consolidation/consolidate';
import type { Stage } from '../../shared/deadlines/calendar';
import { submissionLateness } from '../../shared/deadlines/timing';
import type { CheckResult } from '../../shared/workbook/checkResult';
import type { UnitRecord } from '../store/store';
import { currentBoard } from './board';
import { calendarFor } from './calendar';
import type { DataContext } from './context';
import { problems } from './errors';
import { unitRef } from './receipts';

/**
 * The status board and the consolidated sheet's rows for a year: kept per change (./board.ts),
 * so the board, the exports and the documents of an unchanged year consolidate it once.
 */
export async function unitsStatus(ctx: DataContext, year: number): Promise<UnitsResponse> {
  return currentBoard(ctx, year);
}

/**
 * The unit a route names: by its code (the API's identity for a unit), else by its internal id
 * (accepted so links made before codes keep working). 404 `unit-not-found` otherwise.
 */
export async function requireUnit(ctx: DataContext, codeOrId: string): Promise<UnitRecord> {
  const unit = (await ctx.store.findUnitByCode(codeOrId)) ?? (await ctx.store.getUnit(codeOrId));
  if (!unit) throw problems.unitNotFound(codeOrId);
  return unit;
}

/** One unit's year: every file it sent (all stages, oldest first) with what each version changed. */
export async function unitSubmissions(ctx: DataContext, codeOrId: string, year: number): Promise<UnitSubmissionsResponse> {
  const unit = await requireUnit(ctx, codeOrId);
  const unitId = unit.id;
  const [records, appraisals, reopened, calendar, published] = await Promise.all([
    ctx.store.listSubmissions({ year, unitId }),
    ctx.store.appraisals(year, unitId),
    ctx.store.exceptions(year, unitId),
    calendarFor(ctx, year),
    ctx.store.appraisalPublications(year, unitId),
  ]);
  const seen = await ctx.store.reviewsSeen(records.filter((r) => r.review).map((r) => r.id));
  const previousValid = new Map<Stage, CheckResult>();
  const submissions = records.map((record) => {
    const changes = record.valid ? versionChanges(previousValid.get(record.stage) ?? null, record.result) : [];
    if (record.valid) previousValid.set(record.stage, record.result);
    return {
      id: record.id, stage: record.stage, version: record.version, receivedAt: record.receivedAt.toISOString(),
      // Derived from the calendar in force, like the board (the row's late flag is history only).
      late: submissionLateness(calendar, record.year, record.stage, record.receivedAt, unit.kind).late, valid: record.valid, fileName: record.fileName, sha256: record.sha256,
      review: record.review?.state ?? null, result: record.result, changes,
      reviewNote: record.review?.note ?? '', reviewSeenAt: seen.get(record.id)?.toISOString() ?? null,
    };
  });
  const scores = appraisals.get(unitId);
  return {
    unit: { ...unitRef(unit), contact: unit.contact },
    submissions,
    appraisal: scores ? Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v])) : null,
    reopened: reopened.get(unitId) ?? [],
    appraisalPublishedAt: published.get(unitId)?.toISOString() ?? null,
  };
}
