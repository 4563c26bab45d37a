/**
 * The deadline calendar of a year: the one an admin saved, else the default (Kế hoạch 67/KH-UBND);
 * offline, the one a file gives (`consolidate --calendar`).
 */
import { calendarInputSchema, DEFAULT_CALENDAR, type Calendar } from '../../shared/deadlines/calendar';
import { err, ok, type Result } from '../../shared/util/result';
import { readJsonFile, type JsonFileProblem } from '../util/jsonFile';
import { actorName, type Actor, type DataContext } from './context';
import { msg, zodVietnamese } from './messages';

export async function calendarFor(ctx: DataContext, year: number): Promise<Calendar> {
  return (await ctx.store.getCalendar(year)) ?? DEFAULT_CALENDAR;
}

export async function saveCalendar(ctx: DataContext, year: number, calendar: Calendar, actor: Actor): Promise<Calendar> {
  await ctx.store.putCalendar(year, calendar, {
    by: actorName(actor), at: ctx.now(), action: 'calendar', detail: msg.audit.calendar(year, calendar.title),
  });
  return calendar;
}

/** Why a calendar file cannot be used: unreadable, not JSON, or JSON that is not a calendar. */
export type CalendarFileProblem =
  | JsonFileProblem
  /** Each field calendarInputSchema refuses: `field` as JSON writes it (`milestones[2].due`; '' for the whole document), the message in Vietnamese. */
  | { kind: 'invalid'; issues: { field: string; message: string }[] };

/**
 * The calendar in a JSON file, in exactly the shape `GET /api/calendar?year=` answers and the
 * console's "Hạn nộp" tab downloads: parsed with calendarInputSchema (its defaults filled in), so a
 * file the server would refuse on `PUT /api/calendar` is refused here too. Never throws: the file
 * missing or unreadable, not JSON (with where, see readJsonFile), or not a calendar (every field
 * refused) comes back as a CalendarFileProblem for the caller to word.
 */
export function readCalendarFile(file: string): Result<Calendar, CalendarFileProblem> {
  const document = readJsonFile(file);
  if (!document.ok) return document;
  const parsed = calendarInputSchema.safeParse(document.value, { error: zodVietnamese });
  if (parsed.success) return ok(parsed.data);
  return err({ kind: 'invalid', issues: parsed.error.issues.map((issue) => ({ field: jsonPath(issue.path), message: issue.message })) });
}

/** A field's place as a person editing the JSON reads it: `milestones[2].due`, `byUnitKind.xa[0].lock`. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
}
