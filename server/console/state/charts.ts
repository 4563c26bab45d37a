/**
 * The numbers behind the charts, as pure functions of the board's rows and the calendar.
 * Units scored on different criteria sets are not comparable, so the score charts work on one
 * set at a time.
 */
import type { UnitStatus } from '../../../shared/api/schemas';
import { milestonesFor, type Calendar, type Stage } from '../../../shared/deadlines/calendar';
import { dayOfYear, vietnamDate, type VnDate } from '../../../shared/deadlines/vietnamTime';
import { roundScore } from '../../../shared/util/numbers';

export interface SetGroup {
  setId: string;
  count: number;
  max: number | null;
  threshold: number | null;
}

/** The criteria sets the year's valid final workbooks use, most used first. */
export function setsInUse(units: readonly UnitStatus[]): SetGroup[] {
  const groups = new Map<string, SetGroup>();
  for (const u of units) {
    const setId = u.result?.setId;
    if (!u.result || !setId) continue;
    const group = groups.get(setId) ?? { setId, count: 0, max: u.result.max, threshold: u.result.threshold };
    group.count++;
    groups.set(setId, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.setId < b.setId ? -1 : 1));
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
  /**
   * Units of the bin eligible for recognition. A total at or above the threshold is not enough (a
   * hard criterion short of its maximum, a missing dossier item), so the chart colours by this,
   * never by the band.
   */
  eligible: number;
  /** The whole bin is at or above the threshold. */
  passing: boolean;
}

export interface Histogram {
  bins: HistogramBin[];
  threshold: number | null;
  max: number;
  count: number;
}

/**
 * Totals of the units on one set, in bins of equal width from 0 to the set's maximum. The
 * threshold is a bin edge whenever it is a multiple of the width, so bars never straddle it.
 * The last bin includes the maximum.
 */
export function totalsHistogram(units: readonly UnitStatus[], setId: string, binCount = 10): Histogram {
  const ofSet = units.filter((u) => u.result?.setId === setId && u.verdict?.total !== null && u.verdict?.total !== undefined);
  const max = ofSet.find((u) => u.verdict?.max)?.verdict?.max ?? 0;
  const threshold = ofSet.find((u) => u.verdict?.threshold !== null)?.verdict?.threshold ?? null;
  if (max <= 0) return { bins: [], threshold, max, count: ofSet.length };
  const bins = Math.max(1, Math.min(binCount, Math.ceil(max)));
  const width = max / bins;
  const result: HistogramBin[] = Array.from({ length: bins }, (_, i) => {
    const from = roundScore(i * width);
    const to = roundScore((i + 1) * width);
    return { from, to, count: 0, eligible: 0, passing: threshold !== null && from >= threshold };
  });
  for (const u of ofSet) {
    const total = u.verdict!.total!;
    const index = Math.min(bins - 1, Math.max(0, Math.floor(roundScore(total / width))));
    result[index]!.count++;
    if (u.verdict!.eligible) result[index]!.eligible++;
  }
  return { bins: result, threshold, max, count: ofSet.length };
}

export interface CriterionAverage {
  number: number;
  max: number;
  hard: boolean;
  average: number;
  /** Units that scored the criterion. */
  count: number;
  /** average / max, 0..1. */
  ratio: number;
}

/** Each criterion's average score over the units on one set that scored it, against its max. */
export function criterionAverages(units: readonly UnitStatus[], setId: string): CriterionAverage[] {
  const sums = new Map<number, { max: number; hard: boolean; sum: number; count: number }>();
  for (const u of units) {
    if (u.result?.setId !== setId) continue;
    for (const s of u.result.scores) {
      const entry = sums.get(s.number) ?? { max: s.max, hard: s.hard, sum: 0, count: 0 };
      if (s.score !== null) {
        entry.sum += s.score;
        entry.count++;
      }
      sums.set(s.number, entry);
    }
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, e]) => {
      const average = e.count > 0 ? roundScore(Math.round((e.sum / e.count) * 100) / 100) : 0;
      return { number, max: e.max, hard: e.hard, average, count: e.count, ratio: e.max > 0 ? average / e.max : 0 };
    });
}

export interface TimelinePoint {
  /** yyyy-mm-dd, Vietnam time. */
  day: string;
  count: number;
  cumulative: number;
}

export interface DeadlineMark {
  kind: 'due' | 'lock';
  day: string;
}

export interface Timeline {
  points: TimelinePoint[];
  deadlines: DeadlineMark[];
  total: number;
}

const isoDay = (d: VnDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/**
 * How many units had submitted a stage by each day (the counted version's day, Vietnam time),
 * with the stage's due and lock days of the general calendar.
 */
export function submissionTimeline(units: readonly UnitStatus[], stage: Stage, calendar: Calendar | null, year: number): Timeline {
  const perDay = new Map<string, number>();
  for (const u of units) {
    const s = u.stages.find((x) => x.stage === stage);
    if (!s?.submittedAt || s.status === 'not-submitted') continue;
    const day = isoDay(vietnamDate(new Date(s.submittedAt)));
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  let cumulative = 0;
  const points = [...perDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, count]) => ({ day, count, cumulative: (cumulative += count) }));
  const deadlines: DeadlineMark[] = [];
  const milestone = calendar ? milestonesFor(calendar).find((m) => m.stage === stage) : undefined;
  if (milestone) {
    deadlines.push({ kind: 'due', day: isoDay(dayOfYear(milestone.due, year)) });
    if (milestone.lock && milestone.lock !== milestone.due) deadlines.push({ kind: 'lock', day: isoDay(dayOfYear(milestone.lock, year)) });
  }
  return { points, deadlines, total: cumulative };
}

/** dd/mm/yyyy of a yyyy-mm-dd day. */
export function formatIsoDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** Days since 1970 of a yyyy-mm-dd day, for placing it on an axis. */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86400000);
}

/** Nice round ticks from 0 to at least max (whole numbers: the charts count units). */
export function axisTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0];
  const raw = Math.max(1, max / count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 0.001; v += step) out.push(Math.round(v * 1e6) / 1e6);
  if (out[out.length - 1]! < max) out.push(Math.round((out[out.length - 1]! + step) * 1e6) / 1e6);
  return out;
}
