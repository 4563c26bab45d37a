import type { UnitKind } from '../units/kinds';
import { milestonesFor, STAGES, type Calendar, type Stage } from './calendar';
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
  const milestone = milestonesFor(calendar, kind).find((m) => m.stage === stage);
  if (!milestone) return { late: false, daysLate: 0, locked: false };
  const day = vietnamDate(receivedAt);
  const daysLate = Math.max(0, daysBetween(dayOfYear(milestone.due, year), day));
  const locked = daysBetween(dayOfYear(milestone.lock ?? milestone.due, year), day) > 0;
  return { late: daysLate > 0, daysLate, locked };
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
