/**
 * A calendar's milestones for one unit kind in one year, with their days worked out once: the
 * consolidation checks every unit of a year against the same few plans (one per unit kind), so
 * it parses and formats the calendar's "20/11" days once per kind rather than per unit and stage.
 */
import type { UnitKind } from '../units/kinds';
import { milestonesFor, STAGE_LABELS, type Calendar, type Stage } from './calendar';
import { dayOfYear, formatVnDate, type VnDate } from './vietnamTime';

export interface PlannedMilestone {
  stage: Stage;
  /** The stage's name, as people read it. */
  title: string;
  due: VnDate;
  /** The lock day (the due day when the calendar sets none). */
  lock: VnDate;
  /** dd/mm/yyyy of `due` and `lock`. */
  dueText: string;
  lockText: string;
}

/** One per stage the kind has, in stage order (see milestonesFor). */
export type MilestonePlan = readonly PlannedMilestone[];

/** The milestones that apply to `kind` in `year`, with their due and lock days. */
export function milestonePlan(calendar: Calendar, year: number, kind?: UnitKind): MilestonePlan {
  return milestonesFor(calendar, kind).map((m) => {
    const due = dayOfYear(m.due, year);
    const lock = dayOfYear(m.lock ?? m.due, year);
    return { stage: m.stage, title: STAGE_LABELS[m.stage], due, lock, dueText: formatVnDate(due), lockText: formatVnDate(lock) };
  });
}

/**
 * The plans of a calendar and year per unit kind, each made on first use: for one run over many
 * units (the plans are not kept beyond the object returned).
 */
export function milestonePlans(calendar: Calendar, year: number): (kind?: UnitKind) => MilestonePlan {
  const plans = new Map<UnitKind | undefined, MilestonePlan>();
  return (kind) => {
    let plan = plans.get(kind);
    if (!plan) plans.set(kind, (plan = milestonePlan(calendar, year, kind)));
    return plan;
  };
}
