import type { UnitKind } from '../units/kinds';
import { milestonesFor, STAGES, type Calendar, type Stage } from './calendar';
import { milestonePlan, type MilestonePlan } from './plan';
import { dayOfYear, daysBetween, vietnamDate } from './vietnamTime';

export interface SubmissionTiming {
  late: boolean;
  /** Days after the due day (0 when on time). */
  daysLate: number;
  /** Past the lock day: intake needs an admin's exception for the unit. */
  locked: boolean;
}

/** Whether a submission received at an instant is on time, late, or past the lock. */
export function submissionTiming(calendar: Calendar, year: number, stage: Stage, receivedAt: Date, kind?: UnitKind): SubmissionTiming {
  return timingIn(milestonePlan(calendar, year, kind), stage, receivedAt);
}

/** submissionTiming() against a plan made once for the unit's kind and year (milestonePlans()). */
export function timingIn(plan: MilestonePlan, stage: Stage, receivedAt: Date): SubmissionTiming {
  const milestone = plan.find((m) => m.stage === stage);
  if (!milestone) return { late: false, daysLate: 0, locked: false };
  const day = vietnamDate(receivedAt);
  const daysLate = Math.max(0, daysBetween(milestone.due, day));
  const locked = daysBetween(milestone.lock, day) > 0;
  return { late: daysLate > 0, daysLate, locked };
}

export interface Lateness {
  late: boolean;
  /** Days after the due day (0 when on time). */
  daysLate: number;
  /** Received after the lock day (accepted through an admin's exception, or before one was needed). */
  afterLock: boolean;
}

/**
 * Whether a kept submission is on time, late by N days or after the lock, under the calendar in
 * force now (per unit kind) and the unit's exceptions: derived from the time received every time
 * it is shown, never stored as a verdict, so extending a deadline changes every place at once.
 * A stage reopened for the unit (an admin's exception) lets a file in after the lock; it does not
 * make it on time: such a file is late by its days and `afterLock`.
 */
export function submissionLateness(calendar: Calendar, year: number, stage: Stage, receivedAt: Date, kind?: UnitKind): Lateness {
  return latenessIn(milestonePlan(calendar, year, kind), stage, receivedAt);
}

/** submissionLateness() against a plan made once for the unit's kind and year (milestonePlans()). */
export function latenessIn(plan: MilestonePlan, stage: Stage, receivedAt: Date): Lateness {
  const timing = timingIn(plan, stage, receivedAt);
  return { late: timing.late, daysLate: timing.daysLate, afterLock: timing.locked };
}

/**
 * The stage a submission made at an instant belongs to when the sender does not say: the first
 * stage of the year whose lock day has not passed, else the final report.
 */
export function stageAt(calendar: Calendar, year: number, at: Date, kind?: UnitKind): Stage {
  const day = vietnamDate(at);
  if (day.year < year) return STAGES[0];
  for (const milestone of milestonesFor(calendar, kind)) {
    if (day.year === year && daysBetween(day, dayOfYear(milestone.lock ?? milestone.due, year)) >= 0) return milestone.stage;
  }
  return 'final';
}
