/** The board's pure rules: rows, filters, accent-insensitive search, sorting, counts. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { UnitsResponse, UnitStatus } from '../../../shared/api/schemas';
import {
  boardView, DEFAULT_FILTERS, DEFAULT_SORT, eligibilityOf, filterRows, filtersActive, kindsOf, parentsOf, sortRows, stageDisplay,
  targetStatus, toggleSort, toRows, type BoardRow, type SortColumn,
} from '../../../server/console/state/board';
import { compareUnitsByName } from '../../../shared/units/identity';
import { generateUnitsResponse } from '../fixtures';

let response: UnitsResponse;
let rows: BoardRow[];
beforeAll(async () => {
  response = await generateUnitsResponse(300, { seed: 3 });
  rows = toRows(response);
});

const names = (list: BoardRow[]) => list.map((r) => r.name);

function withName(row: UnitStatus, name: string): UnitStatus {
  return { ...row, unit: { ...row.unit, name } };
}

describe('stage display', () => {
  const stage = { stage: 'final' as const, versions: 1, latestSubmissionId: 's', submittedAt: '2026-11-10T00:00:00Z', daysLate: 0 };
  it('shows the review decision over the submission status, except for "received"', () => {
    expect(stageDisplay({ ...stage, status: 'late', review: 'approved' })).toBe('approved');
    expect(stageDisplay({ ...stage, status: 'on-time', review: 'has-issues' })).toBe('has-issues');
    expect(stageDisplay({ ...stage, status: 'on-time', review: 'rejected' })).toBe('rejected');
    expect(stageDisplay({ ...stage, status: 'late', review: 'received' })).toBe('late');
    expect(stageDisplay({ ...stage, status: 'on-time', review: null })).toBe('on-time');
  });
  it('keeps "not submitted" and "invalid" whatever the review says', () => {
    expect(stageDisplay({ ...stage, status: 'invalid', review: 'approved' })).toBe('invalid');
    expect(stageDisplay({ ...stage, status: 'not-submitted', review: null })).toBe('not-submitted');
  });
});

describe('rows', () => {
  it('has one row per unit with the three stages, the latest submission and the valid versions', () => {
    expect(rows).toHaveLength(300);
    for (const row of rows) {
      expect(Object.keys(row.stages).sort()).toEqual(['final', 'mid-year', 'registration']);
      const times = row.status.stages.map((s) => s.submittedAt).filter((t): t is string => t !== null).sort();
      expect(row.lastSubmittedAt).toBe(times.at(-1) ?? null);
      expect(row.versions).toBe(row.status.stages.reduce((n, s) => n + s.versions, 0));
    }
  });
  it('fills a stage the response left out as not submitted', () => {
    const unit = { ...response.units[0]!, stages: [] };
    const [row] = toRows({ ...response, units: [unit] });
    expect(row!.display).toEqual({ registration: 'not-submitted', 'mid-year': 'not-submitted', final: 'not-submitted' });
    expect(row!.lastSubmittedAt).toBeNull();
  });
});

describe('search', () => {
  it('finds names without accents, in any case, with NFD input and extra spaces', () => {
    const base = response.units[0]!;
    const list = toRows({
      ...response,
      units: [withName(base, 'Trường THCS Vĩnh Thuận'), withName({ ...base, unit: { ...base.unit, id: 'x2' } }, 'Xã Đốc Binh Kiều'), withName({ ...base, unit: { ...base.unit, id: 'x3' } }, 'Phường Mỹ Phú')],
    });
    const search = (query: string) => names(filterRows(list, { ...DEFAULT_FILTERS, query }));
    expect(search('vinh thuan')).toEqual(['Trường THCS Vĩnh Thuận']);
    expect(search('VĨNH   thuận')).toEqual(['Trường THCS Vĩnh Thuận']);
    expect(search('Vĩnh Thuận'.normalize('NFD'))).toEqual(['Trường THCS Vĩnh Thuận']);
    expect(search('doc binh')).toEqual(['Xã Đốc Binh Kiều']);
    expect(search('my phu')).toEqual(['Phường Mỹ Phú']);
    expect(search('  ')).toHaveLength(3);
    expect(search('khong co')).toEqual([]);
  });
});

describe('filters', () => {
  it('by kind and parent', () => {
    const kind = rows[0]!.status.unit.kind;
    expect(filterRows(rows, { ...DEFAULT_FILTERS, kind }).every((r) => r.status.unit.kind === kind)).toBe(true);
    const parent = parentsOf(rows)[0]!;
    const byParent = filterRows(rows, { ...DEFAULT_FILTERS, parent });
    expect(byParent.length).toBeGreaterThan(0);
    expect(byParent.every((r) => r.status.unit.parent === parent)).toBe(true);
  });

  it('by the status of the chosen stage', () => {
    for (const stage of ['registration', 'final'] as const) {
      const late = filterRows(rows, { ...DEFAULT_FILTERS, stage, status: 'late' });
      expect(late.every((r) => r.stages[stage].status === 'late')).toBe(true);
      expect(late.length).toBe(rows.filter((r) => r.stages[stage].status === 'late').length);
    }
    const approved = filterRows(rows, { ...DEFAULT_FILTERS, status: 'approved' });
    expect(approved.length).toBeGreaterThan(0);
    expect(approved.every((r) => r.stages.final.review === 'approved')).toBe(true);
    const missing = filterRows(rows, { ...DEFAULT_FILTERS, status: 'not-submitted' });
    expect(missing.every((r) => r.stages.final.status === 'not-submitted')).toBe(true);
  });

  it('"pending review" is a valid submission nobody has decided on', () => {
    const pending = filterRows(rows, { ...DEFAULT_FILTERS, status: 'pending-review' });
    expect(pending.length).toBeGreaterThan(0);
    for (const r of pending) {
      expect(['on-time', 'late']).toContain(r.stages.final.status);
      expect([null, 'received']).toContain(r.stages.final.review);
    }
  });

  it('by eligibility, the three groups partitioning the rows', () => {
    const counts = (['eligible', 'not-eligible', 'no-result'] as const).map((eligibility) => filterRows(rows, { ...DEFAULT_FILTERS, eligibility }).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(rows.length);
    expect(counts[0]).toBe(response.counts.eligible);
    expect(filterRows(rows, { ...DEFAULT_FILTERS, eligibility: 'no-result' }).every((r) => r.status.verdict === null && eligibilityOf(r) === 'no-result')).toBe(true);
  });

  it('combine (and), and know whether any is active', () => {
    const f = { ...DEFAULT_FILTERS, kind: 'co-quan' as const, eligibility: 'eligible' as const };
    expect(filterRows(rows, f).every((r) => r.status.unit.kind === 'co-quan' && r.status.verdict?.eligible)).toBe(true);
    expect(filtersActive(f)).toBe(true);
    expect(filtersActive(DEFAULT_FILTERS)).toBe(false);
    expect(filtersActive({ ...DEFAULT_FILTERS, stage: 'registration' })).toBe(false);
  });

  it('lists the parents in Vietnamese order and the kinds present', () => {
    const parents = parentsOf(rows);
    expect(parents).toEqual([...parents].sort((a, b) => a.localeCompare(b, 'vi')));
    expect(new Set(parents).size).toBe(parents.length);
    expect(parents).not.toContain('');
    expect(kindsOf(rows)).toEqual(['xa', 'phuong', 'co-quan', 'doanh-nghiep', 'co-so-giao-duc'].filter((k) => rows.some((r) => r.status.unit.kind === k)));
  });
});

describe('sorting', () => {
  it('toggles direction on the same column and starts ascending on another', () => {
    expect(toggleSort(DEFAULT_SORT, 'name')).toEqual({ column: 'name', direction: 'desc' });
    expect(toggleSort({ column: 'name', direction: 'desc' }, 'total')).toEqual({ column: 'total', direction: 'asc' });
  });

  it('sorts names in Vietnamese order both ways', () => {
    const asc = names(sortRows(rows, { column: 'name', direction: 'asc' }));
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b, 'vi')));
    expect(names(sortRows(rows, { column: 'name', direction: 'desc' }))).toEqual([...asc].reverse());
  });

  it('sorts totals with units without a result last in both directions', () => {
    for (const direction of ['asc', 'desc'] as const) {
      const sorted = sortRows(rows, { column: 'total', direction });
      const totals = sorted.map((r) => r.status.verdict?.total ?? null);
      const firstNull = totals.indexOf(null);
      expect(firstNull).toBeGreaterThan(0);
      expect(totals.slice(firstNull).every((t) => t === null)).toBe(true);
      const values = totals.slice(0, firstNull) as number[];
      expect(values).toEqual([...values].sort((a, b) => (direction === 'asc' ? a - b : b - a)));
    }
  });

  it('breaks ties by name, so equal totals read alphabetically', () => {
    const sorted = sortRows(rows, { column: 'total', direction: 'desc' });
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      if (a.status.verdict?.total === b.status.verdict?.total) expect(a.name.localeCompare(b.name, 'vi')).toBeLessThanOrEqual(0);
    }
  });

  it('sorts by every column without losing or duplicating rows', () => {
    const columns: SortColumn[] = ['name', 'kind', 'parent', 'registration', 'mid-year', 'final', 'total', 'hard', 'eligible', 'dossier', 'lastSubmitted', 'versions', 'risk'];
    for (const column of columns) {
      const sorted = sortRows(rows, { column, direction: 'desc' });
      expect(new Set(sorted.map((r) => r.id)).size).toBe(rows.length);
    }
  });

  it('puts the most urgent deadline first when sorting risk descending', () => {
    const sorted = sortRows(rows, { column: 'risk', direction: 'desc' });
    const rank: Record<string, number> = { done: 0, upcoming: 1, 'due-soon': 2, 'due-today': 3, overdue: 4, locked: 5 };
    const ranks = sorted.map((r) => rank[r.status.risk.state] ?? 0);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('sorts the last submission by time, never-submitted last', () => {
    const sorted = sortRows(rows, { column: 'lastSubmitted', direction: 'asc' });
    const times = sorted.map((r) => (r.lastSubmittedAt ? Date.parse(r.lastSubmittedAt) : null));
    const firstNull = times.indexOf(null);
    const present = (firstNull === -1 ? times : times.slice(0, firstNull)) as number[];
    expect(present).toEqual([...present].sort((a, b) => a - b));
    if (firstNull !== -1) expect(times.slice(firstNull).every((t) => t === null)).toBe(true);
  });

  it('keeps a page in the order the service sent it under the default sort, and sorts it under any other', () => {
    // The service orders a page with compareUnitsByName (server/app/board.ts): the same order as the board's own sort.
    const served = toRows({ ...response, units: [...response.units].sort((a, b) => compareUnitsByName(a.unit, b.unit)) });
    expect(names(boardView(served, DEFAULT_FILTERS, DEFAULT_SORT, true))).toEqual(names(sortRows(served, DEFAULT_SORT)));
    // Not sorted again: a list given out of order stays so (what makes the first rows need no collator).
    const reversed = [...served].reverse();
    expect(names(boardView(reversed, DEFAULT_FILTERS, DEFAULT_SORT, true))).toEqual(names(reversed));
    expect(names(boardView(reversed, DEFAULT_FILTERS, DEFAULT_SORT))).toEqual(names(served));
    const byTotal = { column: 'total', direction: 'desc' } as const;
    expect(names(boardView(reversed, DEFAULT_FILTERS, byTotal, true))).toEqual(names(sortRows(served, byTotal)));
  });

  it('filters then sorts in boardView', () => {
    const view = boardView(rows, { ...DEFAULT_FILTERS, eligibility: 'eligible' }, { column: 'total', direction: 'desc' });
    expect(view.every((r) => r.status.verdict?.eligible)).toBe(true);
    expect(view.map((r) => r.status.verdict!.total)).toEqual(view.map((r) => r.status.verdict!.total).sort((a, b) => b! - a!));
  });
});

describe('yearly target', () => {
  it('is reached with at least the target number of eligible units', () => {
    const at = (eligible: number) => targetStatus({ ...response, counts: { ...response.counts, eligible }, yearlyTarget: 3 });
    expect(at(2).reached).toBe(false);
    expect(at(3).reached).toBe(true);
    expect(at(3)).toMatchObject({ target: 3, eligible: 3 });
  });
  it('counts the eligible units whose final report is approved', () => {
    const approved = response.units.filter((u) => u.verdict?.eligible && u.stages.find((s) => s.stage === 'final')?.review === 'approved').length;
    expect(targetStatus(response).approved).toBe(approved);
  });
});
