/**
 * Editing the year's calendar: a form model (strings as typed) from a Calendar and back, with
 * Vietnamese messages for each field that is not a dd/mm day or locks before it is due.
 */
import { calendarSchema, dayMonthOrder, STAGE_LABELS, STAGES, type Calendar, type Milestone, type Stage } from '../../../shared/deadlines/calendar';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../../shared/units/kinds';
import { err, ok, type Result } from '../../../shared/util/result';
import { viConsole as t } from '../i18n/vi';

export interface MilestoneForm {
  stage: Stage;
  due: string;
  lock: string;
  source: string;
}

export interface CalendarForm {
  id: string;
  title: string;
  milestones: MilestoneForm[];
  /** Unit kinds with their own milestones; a kind absent here follows the general calendar. */
  byUnitKind: Partial<Record<UnitKind, MilestoneForm[]>>;
}

function formOf(milestones: readonly Milestone[], fallback: readonly Milestone[]): MilestoneForm[] {
  return STAGES.map((stage) => {
    const m = milestones.find((x) => x.stage === stage) ?? fallback.find((x) => x.stage === stage);
    return { stage, due: m?.due ?? '', lock: m?.lock ?? '', source: m?.source ?? '' };
  });
}

export function toForm(calendar: Calendar): CalendarForm {
  const byUnitKind: CalendarForm['byUnitKind'] = {};
  for (const kind of UNIT_KINDS) {
    const own = calendar.byUnitKind[kind];
    if (own && own.length > 0) byUnitKind[kind] = formOf(own, calendar.milestones);
  }
  return { id: calendar.id, title: calendar.title, milestones: formOf(calendar.milestones, []), byUnitKind };
}

/** Turns a kind's own calendar on (starting from the general milestones) or off. */
export function setOverride(form: CalendarForm, kind: UnitKind, on: boolean): CalendarForm {
  const byUnitKind = { ...form.byUnitKind };
  if (on) byUnitKind[kind] = form.milestones.map((m) => ({ ...m }));
  else delete byUnitKind[kind];
  return { ...form, byUnitKind };
}

export function editMilestone(form: CalendarForm, scope: UnitKind | 'general', stage: Stage, field: 'due' | 'lock' | 'source', value: string): CalendarForm {
  const edit = (list: MilestoneForm[]) => list.map((m) => (m.stage === stage ? { ...m, [field]: value } : m));
  if (scope === 'general') return { ...form, milestones: edit(form.milestones) };
  const own = form.byUnitKind[scope];
  return own ? { ...form, byUnitKind: { ...form.byUnitKind, [scope]: edit(own) } } : form;
}

const DAY_MONTH = /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])$/u;

/** "1/6" → "01/06": people type days without the leading zero. */
export function normaliseDayMonth(text: string): string {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*$/u.exec(text);
  return m ? `${m[1]!.padStart(2, '0')}/${m[2]!.padStart(2, '0')}` : text.trim();
}

/** The calendar the form describes, or every problem with it (Vietnamese). */
export function fromForm(form: CalendarForm): Result<Calendar, string[]> {
  const problems: string[] = [];
  if (form.title.trim() === '') problems.push(t.calendarTitleMissing);
  const read = (list: MilestoneForm[], scope: string): Milestone[] =>
    list.map((m) => {
      const due = normaliseDayMonth(m.due);
      const lock = normaliseDayMonth(m.lock);
      const dueLabel = t.calendarDueLabel(STAGE_LABELS[m.stage], scope);
      const lockLabel = t.calendarLockLabel(STAGE_LABELS[m.stage], scope);
      if (!DAY_MONTH.test(due)) problems.push(t.calendarDateInvalid(dueLabel, m.due));
      if (lock !== '' && !DAY_MONTH.test(lock)) problems.push(t.calendarDateInvalid(lockLabel, m.lock));
      else if (lock !== '' && DAY_MONTH.test(due) && dayMonthOrder(lock) < dayMonthOrder(due)) problems.push(t.calendarLockBeforeDue(lockLabel));
      return { stage: m.stage, due, ...(lock === '' ? {} : { lock }), source: m.source.trim() };
    });
  const milestones = read(form.milestones, t.calendarDefault);
  const byUnitKind: Calendar['byUnitKind'] = {};
  for (const kind of UNIT_KINDS) {
    const own = form.byUnitKind[kind];
    if (own) byUnitKind[kind] = read(own, UNIT_KIND_LABELS[kind]);
  }
  if (problems.length > 0) return err(problems);
  const parsed = calendarSchema.safeParse({ id: form.id.trim() || 'lich-tinh', title: form.title.trim(), milestones, byUnitKind });
  return parsed.success ? ok(parsed.data) : err(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
}
