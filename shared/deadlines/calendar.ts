import { z } from 'zod';
import { unitKindSchema } from '../units/kinds';

/** The stages a unit submits in a year; every submission is keyed by unit × year × stage. */
export const STAGES = ['registration', 'mid-year', 'final'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

export const STAGE_LABELS: Record<Stage, string> = {
  registration: 'Đăng ký',
  'mid-year': 'Báo cáo sơ kết 6 tháng',
  final: 'Báo cáo kết quả năm',
};

/** A day of the evaluation year, written dd/mm as in the plans. */
const dayMonthSchema = z.string().regex(/^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])$/u, 'viết theo dạng dd/mm, ví dụ 20/11');

export const milestoneSchema = z.object({
  stage: stageSchema,
  /** Last day on which a submission is on time (Vietnam time, through 23:59). */
  due: dayMonthSchema,
  /** After this day intake needs a per-unit exception; defaults to the due day. */
  lock: dayMonthSchema.optional(),
  /** Where the date comes from, for people reading the calendar. */
  source: z.string().default(''),
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const calendarSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  milestones: z.array(milestoneSchema).min(1),
  /** Per unit kind, milestones that replace the default ones of the same stage. */
  byUnitKind: z.partialRecord(unitKindSchema, z.array(milestoneSchema)).default({}),
});
export type Calendar = z.infer<typeof calendarSchema>;
export type CalendarInput = z.input<typeof calendarSchema>;

/**
 * The default calendar: the provincial plan 67/KH-UBND (Đồng Tháp, 21/01/2026). The plans
 * disagree (see domain.md), so a province edits this; the lock dates are a setting of ours,
 * not of the plan. Written as calendarSchema's output (every default filled in) rather than
 * parsed at import: parsing cost every web app about 20 ms of start-up.
 * test/shared/deadlines.test.ts checks that it parses to itself.
 */
export const DEFAULT_CALENDAR: Calendar = {
  id: 'kh-67-ubnd-dong-thap',
  title: 'Lịch theo Kế hoạch 67/KH-UBND (mặc định, có thể điều chỉnh)',
  milestones: [
    { stage: 'registration', due: '20/01', lock: '31/01', source: 'Kế hoạch 67/KH-UBND: đăng ký trước ngày 20/01' },
    { stage: 'mid-year', due: '10/06', lock: '30/06', source: 'Kế hoạch 67/KH-UBND: báo cáo sơ kết trước ngày 10/06' },
    { stage: 'final', due: '20/11', lock: '30/11', source: 'Kế hoạch 67/KH-UBND: báo cáo kết quả trước ngày 20/11' },
  ],
  byUnitKind: {},
};

/** A dd/mm day as a number that sorts as the days of a year do (month × 100 + day). */
export function dayMonthOrder(dayMonth: string): number {
  const [day, month] = dayMonth.split('/').map(Number);
  return (month ?? 0) * 100 + (day ?? 0);
}

/**
 * A calendar as a person or a client gives it (`PUT /api/calendar`, `consolidate --calendar`):
 * calendarSchema, and no lock day before its due day (intake would be locked before it is due).
 * Calendars already saved are read with calendarSchema alone, so one saved before this rule never
 * makes the board unreadable.
 */
export const calendarInputSchema = calendarSchema.superRefine((calendar, ctx) => {
  const check = (list: readonly Milestone[], path: (string | number)[]) => list.forEach((m, i) => {
    if (m.lock !== undefined && dayMonthOrder(m.lock) < dayMonthOrder(m.due)) {
      ctx.addIssue({ code: 'custom', path: [...path, i, 'lock'], message: `ngày khoá ${m.lock} trước hạn nộp ${m.due}: ngày khoá phải từ hạn nộp trở đi` });
    }
  });
  check(calendar.milestones, ['milestones']);
  for (const [kind, list] of Object.entries(calendar.byUnitKind)) check(list ?? [], ['byUnitKind', kind]);
});

/** The milestones that apply to a unit kind, one per stage, in stage order. */
export function milestonesFor(calendar: Calendar, kind?: z.infer<typeof unitKindSchema>): Milestone[] {
  const overrides = kind ? calendar.byUnitKind[kind] ?? [] : [];
  return STAGES.flatMap((stage) => {
    const milestone = overrides.find((m) => m.stage === stage) ?? calendar.milestones.find((m) => m.stage === stage);
    return milestone ? [milestone] : [];
  });
}
