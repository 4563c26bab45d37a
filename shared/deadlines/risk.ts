import type { UnitKind } from '../units/kinds';
import { vi } from '../i18n/vi';
import type { Calendar, Stage } from './calendar';
import { milestonePlan, type MilestonePlan } from './plan';
import { daysBetween, vietnamDate, type VnDate } from './vietnamTime';

export type MilestoneState = 'done' | 'done-late' | 'upcoming' | 'due-soon' | 'due-today' | 'overdue' | 'locked';

export interface MilestoneStatus {
  stage: Stage;
  title: string;
  due: string;
  lock: string;
  state: MilestoneState;
  /** Days until due (negative once overdue). */
  daysLeft: number;
  /** What a person reads: "Còn 12 ngày", "Quá hạn 3 ngày", "Đã nộp". */
  label: string;
}

export interface DeadlineRiskInput {
  calendar: Calendar;
  year: number;
  now: Date;
  unitKind?: UnitKind;
  /** When each stage was submitted (the instant the submission was received). */
  submitted?: Partial<Record<Stage, Date>>;
  /** Stages an admin reopened for this unit after the lock date. */
  reopened?: readonly Stage[];
  /** Reasons the unit's current workbook would not qualify (from the evaluation). */
  blockers?: readonly string[];
  /** How many days before the due day a milestone counts as due soon. */
  soonDays?: number;
  /**
   * The calendar's milestones for this unit's kind and year, when the caller checks many units
   * (milestonePlans()); made from calendar, year and unitKind when absent.
   */
  plan?: MilestonePlan;
}

export interface DeadlineRisk {
  milestones: MilestoneStatus[];
  /** The first milestone not yet done, if any. */
  next: MilestoneStatus | undefined;
  overdue: MilestoneStatus[];
  /** Whether the unit can still be proposed for recognition this year. */
  canStillQualify: boolean;
  /** Every reason it cannot, or may not, qualify (Vietnamese). */
  blockers: string[];
}

/** Where a unit stands against its deadlines on a given day (Vietnam time). */
export function deadlineRisk(input: DeadlineRiskInput): DeadlineRisk {
  const today = vietnamDate(input.now);
  const soonDays = input.soonDays ?? 14;
  const plan = input.plan ?? milestonePlan(input.calendar, input.year, input.unitKind);
  // Each status is built whole, in one shape (no spreads): a year's board makes one per unit and stage.
  const milestones = plan.map((m): MilestoneStatus => {
    const submittedAt = input.submitted?.[m.stage];
    let state: MilestoneState;
    let daysLeft: number;
    let label: string;
    if (submittedAt) {
      const lateBy = daysBetween(m.due, vietnamDate(submittedAt));
      if (lateBy > 0) {
        state = 'done-late';
        daysLeft = -lateBy;
        label = vi.stageDoneLate(lateBy);
      } else {
        state = 'done';
        daysLeft = daysBetween(today, m.due);
        label = vi.stageDone;
      }
    } else {
      ({ state, daysLeft, label } = openState(today, m.due, m.lock, soonDays, input.reopened?.includes(m.stage) ?? false));
    }
    return { stage: m.stage, title: m.title, due: m.dueText, lock: m.lockText, state, daysLeft, label };
  });
  const overdue = milestones.filter((m) => m.state === 'overdue' || m.state === 'locked');
  const finalStatus = milestones.find((m) => m.stage === 'final');
  const finalLocked = finalStatus?.state === 'locked';
  const evaluationBlockers = input.blockers ?? [];
  const blockers = finalLocked ? [vi.finalLockedNotSubmitted, ...evaluationBlockers] : [...evaluationBlockers];
  return {
    milestones,
    next: milestones.find((m) => m.state !== 'done' && m.state !== 'done-late'),
    overdue,
    // Until the final lock a unit can still fix its workbook and dossier: its blockers are risks.
    canStillQualify: !finalLocked && (evaluationBlockers.length === 0 || finalStillOpen(input, plan, today)),
    blockers,
  };
}

function finalStillOpen(input: DeadlineRiskInput, plan: MilestonePlan, today: VnDate): boolean {
  const final = plan.find((m) => m.stage === 'final');
  if (!final) return true;
  return input.reopened?.includes('final') === true || daysBetween(today, final.lock) >= 0;
}

function openState(today: VnDate, due: VnDate, lock: VnDate, soonDays: number, reopened: boolean): Pick<MilestoneStatus, 'state' | 'daysLeft' | 'label'> {
  const daysLeft = daysBetween(today, due);
  if (daysLeft === 0) return { state: 'due-today', daysLeft, label: vi.dueToday };
  if (daysLeft > 0) return { state: daysLeft <= soonDays ? 'due-soon' : 'upcoming', daysLeft, label: vi.daysLeft(daysLeft) };
  const locked = daysBetween(lock, today) > 0 && !reopened;
  return locked
    ? { state: 'locked', daysLeft, label: vi.locked(-daysLeft) }
    : { state: 'overdue', daysLeft, label: vi.overdue(-daysLeft) };
}
