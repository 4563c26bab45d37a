/**
 * The status board as pure data: rows derived once from a UnitsResponse, then filtered, searched
 * and sorted by pure functions (no React, no I/O), so every rule is tested in node.
 */
import type { StageSummary, UnitsResponse, UnitStatus } from '../../../shared/api/schemas';
import { STAGES, type Stage } from '../../../shared/deadlines/calendar';
import { compareUnitNames, compareUnitsByName, searchKey } from '../../../shared/units/identity';
import { UNIT_KINDS, type UnitKind } from '../../../shared/units/kinds';

/** What a stage cell shows: the submission status, overridden by a review decision. */
export const STAGE_DISPLAYS = ['not-submitted', 'invalid', 'has-issues', 'rejected', 'late', 'on-time', 'approved'] as const;
export type StageDisplay = (typeof STAGE_DISPLAYS)[number];

export function stageDisplay(stage: StageSummary): StageDisplay {
  if (stage.status === 'not-submitted' || stage.status === 'invalid') return stage.status;
  if (stage.review === 'approved' || stage.review === 'rejected' || stage.review === 'has-issues') return stage.review;
  return stage.status;
}

export interface BoardRow {
  status: UnitStatus;
  id: string;
  /** The unit's name, NFC. */
  name: string;
  /** Accent-insensitive key of the name, computed once. */
  nameKey: string;
  stages: Record<Stage, StageSummary>;
  display: Record<Stage, StageDisplay>;
  /** Latest instant any stage was received (ISO), or null. */
  lastSubmittedAt: string | null;
  /** Valid versions received over all stages. */
  versions: number;
}

const EMPTY_STAGE = (stage: Stage): StageSummary => ({
  stage, status: 'not-submitted', review: null, versions: 0, latestSubmissionId: null, submittedAt: null, daysLate: 0,
});

export function toRows(response: UnitsResponse): BoardRow[] {
  return response.units.map((status) => {
    const stages = {} as Record<Stage, StageSummary>;
    const display = {} as Record<Stage, StageDisplay>;
    let last: string | null = null;
    let versions = 0;
    for (const stage of STAGES) {
      const summary = status.stages.find((s) => s.stage === stage) ?? EMPTY_STAGE(stage);
      stages[stage] = summary;
      display[stage] = stageDisplay(summary);
      versions += summary.versions;
      if (summary.submittedAt && (last === null || Date.parse(summary.submittedAt) > Date.parse(last))) last = summary.submittedAt;
    }
    return { status, id: status.unit.id, name: status.unit.name.normalize('NFC'), nameKey: searchKey(status.unit.name), stages, display, lastSubmittedAt: last, versions };
  });
}

// ---------------------------------------------------------------- filters

export type StatusFilter = 'all' | 'pending-review' | StageDisplay;
export type EligibilityFilter = 'all' | 'eligible' | 'not-eligible' | 'no-result';
export const STATUS_FILTERS: readonly Exclude<StatusFilter, 'all'>[] = [
  'not-submitted', 'on-time', 'late', 'invalid', 'pending-review', 'has-issues', 'approved', 'rejected',
];
export const ELIGIBILITY_FILTERS: readonly Exclude<EligibilityFilter, 'all'>[] = ['eligible', 'not-eligible', 'no-result'];

export interface BoardFilters {
  query: string;
  kind: UnitKind | 'all';
  parent: string | 'all';
  /** The stage the status filter looks at. */
  stage: Stage;
  status: StatusFilter;
  eligibility: EligibilityFilter;
}

export const DEFAULT_FILTERS: BoardFilters = { query: '', kind: 'all', parent: 'all', stage: 'final', status: 'all', eligibility: 'all' };

export function filtersActive(filters: BoardFilters): boolean {
  return filters.query.trim() !== '' || filters.kind !== 'all' || filters.parent !== 'all' || filters.status !== 'all' || filters.eligibility !== 'all';
}

export function eligibilityOf(row: BoardRow): Exclude<EligibilityFilter, 'all'> {
  const verdict = row.status.verdict;
  return verdict === null ? 'no-result' : verdict.eligible ? 'eligible' : 'not-eligible';
}

function matchesStatus(row: BoardRow, filters: BoardFilters): boolean {
  if (filters.status === 'all') return true;
  const stage = row.stages[filters.stage];
  if (filters.status === 'pending-review') {
    // Received and valid, but nobody has decided yet.
    return (stage.status === 'on-time' || stage.status === 'late') && (stage.review === null || stage.review === 'received');
  }
  if (filters.status === 'late' || filters.status === 'on-time') return stage.status === filters.status;
  return row.display[filters.stage] === filters.status;
}

export function filterRows(rows: readonly BoardRow[], filters: BoardFilters): BoardRow[] {
  const query = searchKey(filters.query);
  return rows.filter(
    (row) =>
      (query === '' || row.nameKey.includes(query)) &&
      (filters.kind === 'all' || row.status.unit.kind === filters.kind) &&
      (filters.parent === 'all' || row.status.unit.parent === filters.parent) &&
      (filters.eligibility === 'all' || eligibilityOf(row) === filters.eligibility) &&
      matchesStatus(row, filters),
  );
}

/** The parent communes/wards present, in Vietnamese order (empty parents left out). */
export function parentsOf(rows: readonly BoardRow[]): string[] {
  return [...new Set(rows.map((r) => r.status.unit.parent).filter((p) => p.trim() !== ''))].sort(compareUnitNames);
}

/** The unit kinds present, in the canonical order. */
export function kindsOf(rows: readonly BoardRow[]): UnitKind[] {
  const present = new Set(rows.map((r) => r.status.unit.kind));
  return UNIT_KINDS.filter((k) => present.has(k));
}

// ---------------------------------------------------------------- sorting

export const SORT_COLUMNS = [
  'name', 'kind', 'parent', 'registration', 'mid-year', 'final', 'total', 'hard', 'eligible', 'dossier', 'lastSubmitted', 'versions', 'risk',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export interface SortState {
  column: SortColumn;
  direction: 'asc' | 'desc';
}
export const DEFAULT_SORT: SortState = { column: 'name', direction: 'asc' };

/** Clicking a header: the same column flips direction, another column starts ascending. */
export function toggleSort(sort: SortState, column: SortColumn): SortState {
  return sort.column === column ? { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: 'asc' };
}

/** How urgent the next milestone is; higher is more urgent. */
const RISK_RANK: Record<string, number> = { done: 0, upcoming: 1, 'due-soon': 2, 'due-today': 3, overdue: 4, locked: 5 };

type SortValue = number | string | null;

function sortValue(row: BoardRow, column: SortColumn): SortValue {
  const s = row.status;
  switch (column) {
    case 'name':
      return null; // the tie-breaker orders names
    case 'kind':
      return UNIT_KINDS.indexOf(s.unit.kind);
    case 'parent':
      return s.unit.parent.trim() === '' ? null : s.unit.parent;
    case 'registration':
    case 'mid-year':
    case 'final':
      return STAGE_DISPLAYS.indexOf(row.display[column]);
    case 'total':
      return s.verdict?.total ?? null;
    case 'hard':
      return s.verdict === null ? null : -s.verdict.hardFailures.length;
    case 'eligible':
      return s.verdict === null ? null : s.verdict.eligible ? 1 : 0;
    case 'dossier':
      return s.dossierComplete === null ? null : s.dossierComplete ? 1 : 0;
    case 'lastSubmitted':
      return row.lastSubmittedAt === null ? null : Date.parse(row.lastSubmittedAt);
    case 'versions':
      return row.versions;
    case 'risk':
      return (RISK_RANK[s.risk.state] ?? 0) * 10 + (s.risk.canStillQualify ? 0 : 1);
  }
}

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'string' && typeof b === 'string') return compareUnitNames(a, b);
  return (a as number) - (b as number);
}

/**
 * Rows ordered by a column; ties by name in Vietnamese order, then id. Rows without a value
 * (no result, no submission) go last in both directions, so "highest total" never starts
 * with blanks.
 */
export function sortRows(rows: readonly BoardRow[], sort: SortState): BoardRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, value: sortValue(row, sort.column) }));
  keyed.sort((x, y) => {
    if (x.value === null || y.value === null) {
      if (x.value !== y.value) return x.value === null ? 1 : -1;
    } else {
      const c = compareValues(x.value, y.value);
      if (c !== 0) return sign * c;
    }
    const byName = compareUnitsByName(x.row, y.row);
    return sort.column === 'name' ? sign * byName : byName;
  });
  return keyed.map((k) => k.row);
}

// ---------------------------------------------------------------- counts

export interface TargetStatus {
  target: number;
  eligible: number;
  approved: number;
  reached: boolean;
}

/** Whether the year's eligible units reach the province's target (at least 3 a year). */
export function targetStatus(response: UnitsResponse): TargetStatus {
  // A page of the board carries the year's count; every row, it is counted here.
  const approved = response.page?.approved
    ?? response.units.filter((u) => u.verdict?.eligible && u.stages.some((s) => s.stage === 'final' && s.review === 'approved')).length;
  return { target: response.yearlyTarget, eligible: response.counts.eligible, approved, reached: response.counts.eligible >= response.yearlyTarget };
}

/**
 * The board in one call, the rows shown: filtered, then sorted. `inNameOrder`: the rows already come in the default
 * order, as a page of GET /api/units does by the API's contract (name order, then id: the
 * service sorts with the same compareUnitsByName); under the default sort they are then not
 * sorted again, so the board's first rows need no collator (building one costs 20–40 ms).
 */
export function boardView(rows: readonly BoardRow[], filters: BoardFilters, sort: SortState, inNameOrder = false): BoardRow[] {
  const shown = filterRows(rows, filters);
  const defaultSort = sort.column === DEFAULT_SORT.column && sort.direction === DEFAULT_SORT.direction;
  return inNameOrder && defaultSort ? shown : sortRows(shown, sort);
}
