/** The deadline calendar of a year: the one an admin saved, else the default (Kế hoạch 67/KH-UBND). */
import { DEFAULT_CALENDAR, type Calendar } from '../../shared/deadlines/calendar';
import { actorName, type Actor, type DataContext } from './context';
import { msg } from './messages';

export async function calendarFor(ctx: DataContext, year: number): Promise<Calendar> {
  return (await ctx.store.getCalendar(year)) ?? DEFAULT_CALENDAR;
}

export async function saveCalendar(ctx: DataContext, year: number, calendar: Calendar, actor: Actor): Promise<Calendar> {
  await ctx.store.putCalendar(year, calendar, {
    by: actorName(actor), at: ctx.now(), action: 'calendar', detail: msg.audit.calendar(year, calendar.title),
  });
  return calendar;
}
