/**
 * Consolidation: from the units a province expects and every submission it has kept, the status
 * board and the consolidated sheet's rows. Pure: the same input always gives the same response.
 * It works from stored CheckResults (what the reader extracted once), never from the workbooks.
 */
import type { CriteriaRegistry } from '../criteria/load';
import { DOSSIER_ITEMS, type CriteriaSet, type DossierItem } from '../criteria/schema';
import type { Calendar, Stage } from '../deadlines/calendar';
import { STAGES } from '../deadlines/calendar';
import { milestonePlans, type MilestonePlan } from '../deadlines/plan';
import { deadlineRisk } from '../deadlines/risk';
import { latenessIn } from '../deadlines/timing';
import { evaluate, type Entry } from '../scoring/evaluate';
import { parseScore } from '../scoring/score';
import { vi } from '../i18n/vi';
import type { UnitKind } from '../units/kinds';
import { compareUnitsByName } from '../units/identity';
import { roundScore } from '../util/numbers';
import { scoredFields, type CheckResult } from '../workbook/checkResult';
import type { ReviewState, StageSummary, UnitStatus, UnitsResponse } from '../api/schemas';
import { verdictOf } from '../scoring/verdict';
import { viConsolidation } from './text';

export interface ExpectedUnit {
  id: string;
  /** The unit code (mã đơn vị); '' or absent when unknown (a file of an unlisted unit without one). */
  code?: string;
  name: string;
  kind: UnitKind;
  parent: string;
  contact: string;
}

export interface StoredSubmission {
  id: string;
  /** Null for a file whose unit could not be read; such files have no row. */
  unitId: string | null;
  year: number;
  stage: Stage;
  /** 1-based among the valid versions of unit × year × stage; null for an invalid file. */
  version: number | null;
  /** The fact kept for lateness: whether it was on time is derived from the calendar in force. */
  receivedAt: Date;
  valid: boolean;
  sha256: string;
  fileName: string;
  /**
   * What the reader extracted. Consolidation reads only the counted final version's (the latest
   * valid one); a store may leave the others null so a large year is not every result parsed.
   */
  result: CheckResult | null;
  review: { state: ReviewState; note: string; at: Date; by: string } | null;
}

export interface ConsolidationInput {
  year: number;
  now: Date;
  calendar: Calendar;
  units: ExpectedUnit[];
  /**
   * Every kept submission. Those of another year, without a unit, or for a unit not in `units`
   * are not counted: the store only links a submission to a unit it expects.
   */
  submissions: StoredSubmission[];
  /** The appraisal council's scores per unit id: criterion number → score. */
  appraisals?: ReadonlyMap<string, Record<number, number>>;
  /** Stages an admin reopened per unit id after the lock date. */
  reopened?: ReadonlyMap<string, Stage[]>;
  sets: CriteriaRegistry;
  /** The province aims to recognise at least this many units a year (default 3). */
  yearlyTarget?: number;
}

export const DEFAULT_YEARLY_TARGET = 3;

/**
 * One row per expected unit, sorted by name in Vietnamese order, and the year's counts:
 * - expected: units on the list;
 * - submitted: units with at least one final-stage file (valid or not) — the registration and
 *   the mid-year report are milestones, the final report is the dossier that is consolidated;
 * - valid: units with a valid final-stage workbook;
 * - eligible: units whose verdict (appraisal applied) is eligible;
 * - late: units whose counted final-stage version arrived after the due day;
 * - missing: expected units without a valid final-stage workbook (= expected − valid).
 * The risk is that of the next milestone the unit can still act on (a locked one only when no
 * other is open), with whether the unit can still qualify this year.
 */
export function consolidate(input: ConsolidationInput): UnitsResponse {
  const byUnit = new Map<string, StoredSubmission[]>();
  for (const s of input.submissions) {
    if (s.year !== input.year || s.unitId === null) continue;
    const list = byUnit.get(s.unitId);
    if (list) list.push(s);
    else byUnit.set(s.unitId, [s]);
  }
  // The calendar's days per unit kind, worked out once for the year rather than per unit and stage.
  const planFor = milestonePlans(input.calendar, input.year);
  const units = input.units
    .map((unit) => unitStatus(input, planFor(unit.kind), unit, byUnit.get(unit.id) ?? []))
    .sort(compareRows);

  return {
    year: input.year,
    generatedAt: input.now.toISOString(),
    counts: countUnits(units),
    yearlyTarget: input.yearlyTarget ?? DEFAULT_YEARLY_TARGET,
    units,
  };
}

export type UnitCounts = UnitsResponse['counts'];

/** The counts of a set of rows, as defined on consolidate(); the exports count per unit kind with it. */
export function countUnits(units: readonly UnitStatus[]): UnitCounts {
  let submitted = 0, valid = 0, eligible = 0, late = 0;
  for (const row of units) {
    const final = row.stages.find((s) => s.stage === 'final');
    if (final && final.status !== 'not-submitted') submitted++;
    if (final && (final.status === 'on-time' || final.status === 'late')) valid++;
    if (final?.status === 'late') late++;
    if (row.verdict?.eligible) eligible++;
  }
  return { expected: units.length, submitted, valid, eligible, late, missing: units.length - valid };
}

/** The final-stage summary of a row (every row has one). */
export function finalStage(row: UnitStatus): StageSummary {
  return row.stages.find((s) => s.stage === 'final')!;
}

/**
 * Criteria whose score differs between two versions, in criterion order. The first version has
 * nothing to compare with, so it has no changes. Criteria are matched by number.
 */
export function versionChanges(previous: CheckResult | null, current: CheckResult): { number: number; before: number | null; after: number | null }[] {
  if (!previous) return [];
  const before = new Map(previous.scores.map((s) => [s.number, s.score]));
  const after = new Map(current.scores.map((s) => [s.number, s.score]));
  const numbers = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b);
  return numbers
    .map((number) => ({ number, before: before.get(number) ?? null, after: after.get(number) ?? null }))
    .filter((c) => (c.before === null ? c.after !== null : c.after === null || roundScore(c.before) !== roundScore(c.after)));
}

function compareRows(a: UnitStatus, b: UnitStatus): number {
  return compareUnitsByName(a.unit, b.unit);
}

/** The newest of a list: highest version, then latest received (invalid files have no version). */
function newest(list: StoredSubmission[]): StoredSubmission | undefined {
  let best: StoredSubmission | undefined;
  for (const s of list) {
    if (!best || (s.version ?? 0) > (best.version ?? 0) || ((s.version ?? 0) === (best.version ?? 0) && s.receivedAt > best.receivedAt)) best = s;
  }
  return best;
}

interface Counted {
  summary: StageSummary;
  /** The valid version that counts, if any. */
  valid: StoredSubmission | undefined;
}

/**
 * A stage's state: the latest valid version counts (its time and lateness too); a stage with
 * only invalid files shows "invalid" with the newest of them.
 */
function stageOf(plan: MilestonePlan, stage: Stage, list: StoredSubmission[]): Counted {
  const ofStage = list.filter((s) => s.stage === stage);
  const validOnes = ofStage.filter((s) => s.valid);
  const latestValid = newest(validOnes);
  const shown = latestValid ?? newest(ofStage);
  // Lateness is derived here from the calendar in force (per unit kind), never read from intake:
  // extending a deadline after files arrived changes every place that shows it.
  const timing = latestValid ? latenessIn(plan, stage, latestValid.receivedAt) : undefined;
  const status: StageSummary['status'] = !shown ? 'not-submitted' : !latestValid ? 'invalid' : timing!.late ? 'late' : 'on-time';
  return {
    valid: latestValid,
    summary: {
      stage,
      status,
      review: shown?.review?.state ?? null,
      // The counted version's number: valid versions are numbered 1..n, so it is also their count.
      versions: latestValid ? Math.max(latestValid.version ?? 0, validOnes.length) : 0,
      latestSubmissionId: shown?.id ?? null,
      submittedAt: shown ? shown.receivedAt.toISOString() : null,
      daysLate: timing?.daysLate ?? 0,
      afterLock: timing?.afterLock ?? false,
    },
  };
}

function unitStatus(input: ConsolidationInput, plan: MilestonePlan, unit: ExpectedUnit, list: StoredSubmission[]): UnitStatus {
  const counted = STAGES.map((stage) => stageOf(plan, stage, list));
  const final = counted[STAGES.indexOf('final')]!.valid;
  if (final && final.result === null) throw new Error(`the counted final version ${final.id} was given without its result`);
  const finalResult = final?.result ?? null;
  const scores = input.appraisals?.get(unit.id);
  const appraised = finalResult !== null && scores !== undefined && Object.keys(scores).length > 0;
  const result = finalResult ? (appraised ? applyAppraisal(finalResult, input.sets, scores!) : finalResult) : null;
  const verdict = result ? verdictOf(result, input.sets) : null;

  const submitted: Partial<Record<Stage, Date>> = {};
  for (const c of counted) if (c.valid) submitted[c.summary.stage] = c.valid.receivedAt;
  const risk = deadlineRisk({
    calendar: input.calendar,
    year: input.year,
    now: input.now,
    unitKind: unit.kind,
    submitted,
    reopened: input.reopened?.get(unit.id) ?? [],
    blockers: verdict && !verdict.eligible ? verdict.reasons : [],
    plan,
  });

  // The milestone to show is the next one the unit can still act on: a stage locked months ago
  // (a registration never sent) must not hide that the final report is due in three days, nor
  // replace "final report received" once it is in. When every stage left is locked, the final
  // report's is shown, done or locked: the year's recognition rests on it, and "registration
  // overdue 320 days" would say nothing of the report due 16 days ago.
  const isDone = (m: { state: string }) => m.state === 'done' || m.state === 'done-late';
  const open = risk.milestones.filter((m) => !isDone(m));
  const finalMilestone = risk.milestones.find((m) => m.stage === 'final');
  const next = open.find((m) => m.state !== 'locked') ?? (open.length > 0 ? finalMilestone ?? open[0] : undefined);
  return {
    unit: { id: unit.id, code: unit.code ?? '', name: unit.name.normalize('NFC'), kind: unit.kind, parent: unit.parent, contact: unit.contact },
    year: input.year,
    stages: counted.map((c) => c.summary),
    result,
    verdict,
    appraised,
    dossierComplete: result ? dossierComplete(result, result.setId ? input.sets.find(result.setId, result.setVersion ?? undefined) : undefined) : null,
    risk: {
      stage: next?.stage ?? null,
      state: next?.state ?? 'done',
      label: next?.label ?? viConsolidation.allMilestonesDone,
      canStillQualify: risk.canStillQualify,
    },
  };
}

function dossierComplete(result: CheckResult, set: CriteriaSet | undefined): boolean {
  const required: readonly DossierItem[] = set?.dossier ?? DOSSIER_ITEMS;
  return required.every((item) => result.dossier[item] === true);
}

/**
 * The unit's result re-scored with the council's scores where it entered them (the unit's own
 * score elsewhere). A score the set cannot take, or a set no longer known, makes the result not
 * eligible with a reason saying what to fix, rather than silently keeping the self-score.
 */
export function applyAppraisal(result: CheckResult, sets: CriteriaRegistry, appraisal: Record<number, number>): CheckResult {
  const set = result.setId ? sets.find(result.setId, result.setVersion ?? undefined) : undefined;
  if (!set) {
    const reason = viConsolidation.appraisalSetUnknown(result.setId ?? '', result.setVersion ?? '');
    return { ...result, eligible: false, reasons: [...result.reasons, reason] };
  }
  const entries = new Map<number, Entry>();
  for (const s of result.scores) entries.set(s.number, s.score === null ? { kind: 'empty' } : { kind: 'scored', score: s.score });
  const extra: string[] = [];
  // evaluate() says only "invalid score" for an invalid entry; the council needs the detail.
  const invalid = new Map<string, string>();
  for (const [key, value] of Object.entries(appraisal)) {
    const number = Number(key);
    const criterion = set.criteria.find((c) => c.number === number);
    if (!criterion) {
      extra.push(viConsolidation.appraisalCriterionUnknown(number));
      continue;
    }
    const parsed = parseScore(set, criterion, value);
    if (!parsed.ok) {
      const message = viConsolidation.appraisalInvalid(number, parsed.error);
      entries.set(number, { kind: 'invalid', message });
      invalid.set(vi.invalidEntry(number), message);
    } else entries.set(number, parsed.value === undefined ? { kind: 'empty' } : { kind: 'scored', score: parsed.value });
  }
  const evaluation = evaluate(set, entries, result.dossier as Partial<Record<DossierItem, boolean>>);
  const evidence = new Map(result.scores.map((s) => [s.number, s.evidence]));
  const reasons = [...evaluation.reasons.map((r) => invalid.get(r) ?? r), ...extra];
  return {
    ...result,
    ...scoredFields(evaluation, evidence),
    eligible: result.ok && reasons.length === 0,
    reasons,
  };
}
