import { describe, expect, it } from 'vitest';
import { calendarSchema, DEFAULT_CALENDAR, milestonesFor } from '../../shared/deadlines/calendar';
import { milestonePlan, milestonePlans } from '../../shared/deadlines/plan';
import { deadlineRisk } from '../../shared/deadlines/risk';
import { latenessIn, stageAt, submissionLateness, submissionTiming } from '../../shared/deadlines/timing';
import { formatVnDate, formatVnDateTime, parseVnDate, vietnamDate } from '../../shared/deadlines/vietnamTime';

/** An instant given as Vietnam local time. */
const vn = (iso: string) => new Date(`${iso}+07:00`);

describe('Vietnam time', () => {
  it('the Vietnam day starts at 17:00 UTC the day before', () => {
    expect(vietnamDate(new Date('2026-11-20T16:59:59Z'))).toEqual({ year: 2026, month: 11, day: 20 });
    expect(vietnamDate(new Date('2026-11-20T17:00:00Z'))).toEqual({ year: 2026, month: 11, day: 21 });
    expect(formatVnDateTime(new Date('2026-12-31T17:05:00Z'))).toBe('01/01/2027 00:05');
  });

  it('reads a day as a person types it, one or two digits for the day and the month, and only a day the month has', () => {
    expect(parseVnDate('5/12/2026')).toEqual({ year: 2026, month: 12, day: 5 });
    expect(formatVnDate(parseVnDate(' 5/2/2026 ')!)).toBe('05/02/2026');
    expect(parseVnDate('29/02/2028')).toEqual({ year: 2028, month: 2, day: 29 });
    for (const wrong of ['31/02/2026', '29/02/2026', '0/12/2026', '5/13/2026', '05-12-2026', '05/12/26', '2026-12-05', '']) expect(parseVnDate(wrong), wrong).toBeUndefined();
  });
});

describe('deadline risk', () => {
  const base = { calendar: DEFAULT_CALENDAR, year: 2026 };

  it('on the deadline day itself the final report is due today, not overdue', () => {
    const risk = deadlineRisk({ ...base, now: vn('2026-11-20T23:59:00'), submitted: { registration: vn('2026-01-15T09:00:00'), 'mid-year': vn('2026-06-01T09:00:00') } });
    expect(risk.next).toMatchObject({ stage: 'final', state: 'due-today', daysLeft: 0, label: 'Hạn nộp hôm nay', due: '20/11/2026' });
    expect(risk.overdue).toEqual([]);
    expect(risk.canStillQualify).toBe(true);
  });

  it('one minute after midnight Vietnam time it is overdue by one day (still UTC 20/11)', () => {
    const risk = deadlineRisk({ ...base, now: new Date('2026-11-20T17:01:00Z'), submitted: { registration: vn('2026-01-15T09:00:00'), 'mid-year': vn('2026-06-01T09:00:00') } });
    expect(risk.next).toMatchObject({ stage: 'final', state: 'overdue', daysLeft: -1, label: 'Quá hạn 1 ngày' });
    expect(risk.canStillQualify).toBe(true);
  });

  it('across the year boundary: in late December the registration for next year is upcoming', () => {
    const risk = deadlineRisk({ calendar: DEFAULT_CALENDAR, year: 2027, now: vn('2026-12-28T10:00:00') });
    expect(risk.next).toMatchObject({ stage: 'registration', state: 'upcoming', daysLeft: 23, label: 'Còn 23 ngày', due: '20/01/2027' });
    const soon = deadlineRisk({ calendar: DEFAULT_CALENDAR, year: 2027, now: vn('2027-01-10T10:00:00') });
    expect(soon.next).toMatchObject({ state: 'due-soon', daysLeft: 10 });
  });

  it('late submissions are marked with their days late; missing ones past lock are locked', () => {
    const risk = deadlineRisk({ ...base, now: vn('2026-12-05T08:00:00'), submitted: { registration: vn('2026-01-25T08:00:00') } });
    expect(risk.milestones.map((m) => [m.stage, m.state, m.label])).toEqual([
      ['registration', 'done-late', 'Đã nộp muộn 5 ngày'],
      ['mid-year', 'locked', 'Quá hạn 178 ngày, đã khoá tiếp nhận (cần Công an tỉnh mở lại)'],
      ['final', 'locked', 'Quá hạn 15 ngày, đã khoá tiếp nhận (cần Công an tỉnh mở lại)'],
    ]);
    expect(risk.canStillQualify).toBe(false);
    expect(risk.blockers).toEqual(['Đã quá hạn khoá tiếp nhận báo cáo kết quả năm mà chưa nộp.']);
  });

  it('a reopened stage is overdue, not locked, and the unit can still qualify', () => {
    const risk = deadlineRisk({ ...base, now: vn('2026-12-05T08:00:00'), reopened: ['final'] });
    expect(risk.milestones.find((m) => m.stage === 'final')).toMatchObject({ state: 'overdue' });
    expect(risk.canStillQualify).toBe(true);
  });

  it('blockers from the evaluation are risks before the lock and final after it', () => {
    const blockers = ['Tiêu chí cứng 8 đạt 4/5 điểm, phải đạt điểm tối đa.'];
    const before = deadlineRisk({ ...base, now: vn('2026-11-25T08:00:00'), submitted: { final: vn('2026-11-19T08:00:00') }, blockers });
    expect(before).toMatchObject({ canStillQualify: true, blockers });
    const after = deadlineRisk({ ...base, now: vn('2026-12-01T08:00:00'), submitted: { final: vn('2026-11-19T08:00:00') }, blockers });
    expect(after).toMatchObject({ canStillQualify: false, blockers });
  });

  it('per-unit-kind overrides replace the default milestone of the same stage', () => {
    const calendar = calendarSchema.parse({
      ...DEFAULT_CALENDAR,
      byUnitKind: { xa: [{ stage: 'final', due: '12/12', lock: '20/12', source: 'Kế hoạch xã Vĩnh Phong' }] },
    });
    expect(milestonesFor(calendar, 'xa').map((m) => m.due)).toEqual(['20/01', '10/06', '12/12']);
    expect(milestonesFor(calendar, 'co-quan').map((m) => m.due)).toEqual(['20/01', '10/06', '20/11']);
    const risk = deadlineRisk({ calendar, year: 2026, now: vn('2026-12-01T08:00:00'), unitKind: 'xa', submitted: { registration: vn('2026-01-10T08:00:00'), 'mid-year': vn('2026-06-01T08:00:00') } });
    expect(risk.next).toMatchObject({ stage: 'final', state: 'due-soon', daysLeft: 11 });
  });

  it('a plan made once per kind gives the same risk and lateness as the calendar itself', () => {
    const calendar = calendarSchema.parse({
      ...DEFAULT_CALENDAR,
      byUnitKind: { xa: [{ stage: 'final', due: '12/12', lock: '20/12', source: 'Kế hoạch xã Vĩnh Phong' }] },
    });
    const planFor = milestonePlans(calendar, 2026);
    expect(planFor('xa')).toBe(planFor('xa'));
    expect(planFor('xa').map((m) => m.dueText)).toEqual(['20/01/2026', '10/06/2026', '12/12/2026']);
    expect(milestonePlan(calendar, 2026, 'co-quan').map((m) => m.lockText)).toEqual(['31/01/2026', '30/06/2026', '30/11/2026']);
    const days = ['2026-01-25T08:00:00', '2026-06-10T23:59:00', '2026-11-20T08:00:00', '2026-11-29T08:00:00', '2026-12-05T08:00:00', '2026-12-21T08:00:00'].map(vn);
    for (const kind of ['xa', 'co-quan', undefined] as const) {
      for (const now of days) {
        for (const received of days) {
          const submitted = { registration: days[0]!, final: received };
          const input = { calendar, year: 2026, now, unitKind: kind, submitted, reopened: ['final' as const], blockers: ['Thiếu hồ sơ'] };
          expect(deadlineRisk({ ...input, plan: planFor(kind) })).toEqual(deadlineRisk(input));
          for (const stage of ['registration', 'mid-year', 'final'] as const) {
            expect(latenessIn(planFor(kind), stage, received)).toEqual(submissionLateness(calendar, 2026, stage, received, kind));
          }
        }
      }
    }
  });

  it('a calendar with a malformed date is rejected with the field', () => {
    const result = calendarSchema.safeParse({ ...DEFAULT_CALENDAR, milestones: [{ stage: 'final', due: '31/13' }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('viết theo dạng dd/mm, ví dụ 20/11');
  });
});

describe('submission timing and stage', () => {
  it('on time through the due day, late after, locked after the lock day', () => {
    expect(submissionTiming(DEFAULT_CALENDAR, 2026, 'final', vn('2026-11-20T23:59:00'))).toEqual({ late: false, daysLate: 0, locked: false });
    expect(submissionTiming(DEFAULT_CALENDAR, 2026, 'final', vn('2026-11-21T00:00:00'))).toEqual({ late: true, daysLate: 1, locked: false });
    expect(submissionTiming(DEFAULT_CALENDAR, 2026, 'final', vn('2026-11-30T23:00:00'))).toEqual({ late: true, daysLate: 10, locked: false });
    expect(submissionTiming(DEFAULT_CALENDAR, 2026, 'final', vn('2026-12-01T00:00:00'))).toEqual({ late: true, daysLate: 11, locked: true });
  });
  it('the stage of a submission follows the calendar', () => {
    expect(stageAt(DEFAULT_CALENDAR, 2026, vn('2025-12-20T08:00:00'))).toBe('registration');
    expect(stageAt(DEFAULT_CALENDAR, 2026, vn('2026-01-31T08:00:00'))).toBe('registration');
    expect(stageAt(DEFAULT_CALENDAR, 2026, vn('2026-02-01T08:00:00'))).toBe('mid-year');
    expect(stageAt(DEFAULT_CALENDAR, 2026, vn('2026-07-01T08:00:00'))).toBe('final');
    expect(stageAt(DEFAULT_CALENDAR, 2026, vn('2027-01-05T08:00:00'))).toBe('final');
  });
});

describe('the default calendar', () => {
  it('is written as the calendar schema\'s own output: parsing it changes nothing', () => {
    expect(calendarSchema.parse(DEFAULT_CALENDAR)).toEqual(DEFAULT_CALENDAR);
  });
});
