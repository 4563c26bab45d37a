/**
 * The year's board, computed once per change: the consolidation of every unit (shared/) is kept
 * per store and year with the change stamp it was made at (Store.changeStamp: the latest audit
 * entry, written in the same transaction as every change). A request first asks the store what
 * changed since: nothing → the kept board; a few units → only their rows are consolidated again
 * (their submissions, appraisal and exceptions, by indexed queries); a change naming no unit (a
 * units import, a calendar), many units, or a new Vietnamese day (deadline risk counts in days)
 * → the whole board again. Another process writing to the same database is seen the same way.
 */
import type { UnitsResponse, UnitStatus } from '../../shared/api/schemas';
import { consolidate, countUnits } from '../../shared/consolidation/consolidate';
import { compareUnitsByName } from '../../shared/units/identity';
import { vietnamDate } from '../../shared/deadlines/vietnamTime';
import type { ExpectedUnit, StoredSubmission } from '../../shared/consolidation/consolidate';
import type { Store, SubmissionRecord, SubmissionSummary, UnitRecord } from '../store/store';
import { calendarFor } from './calendar';
import type { DataContext } from './context';

export function expectedUnit(unit: UnitRecord): ExpectedUnit {
  return { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, parent: unit.parent, contact: unit.contact };
}

export function storedSubmission(record: SubmissionRecord | SubmissionSummary): StoredSubmission {
  return {
    id: record.id, unitId: record.unitId, year: record.year, stage: record.stage, version: record.version,
    receivedAt: record.receivedAt, valid: record.valid, sha256: record.sha256,
    fileName: record.fileName, result: record.result,
    review: record.review && { state: record.review.state, note: record.review.note, at: record.review.at, by: record.review.by },
  };
}

/** More changed units than this since the kept board: consolidating all of them again is as cheap. */
const MAX_INCREMENTAL_UNITS = 200;

/**
 * Audit actions naming no unit that change nothing the board shows: failed sign-ins, admin
 * tokens, unit tokens issued to every unit (the board shows no token), document settings, and a
 * refused file no unit on the list owns (consolidation counts no file without a unit). Any other
 * action naming no unit — a units import, a calendar, one added later — consolidates the year again.
 */
const BOARD_UNCHANGED_BY = new Set([
  'sign-in-failed', 'sign-in-limited', 'admin-token', 'admin-token-revoke', 'tokens', 'document-settings', 'submission-refused',
]);

interface KeptBoard {
  stamp: number;
  /** The Vietnamese day it was computed for ("yyyy-mm-dd"). */
  day: string;
  registry: DataContext['registry'];
  response: UnitsResponse;
  /** Unit id → its row's position in response.units. */
  position: Map<string, number>;
}

const kept = new WeakMap<Store, Map<number, Promise<KeptBoard>>>();

/** The year's board as consolidate() makes it (every unit, sorted by name), current as of this call. */
export async function currentBoard(ctx: DataContext, year: number): Promise<UnitsResponse> {
  let years = kept.get(ctx.store);
  if (!years) kept.set(ctx.store, (years = new Map()));
  const previous = years.get(year);
  // One refresh at a time per year: concurrent requests share it.
  const next = (previous ?? Promise.resolve(undefined)).catch(() => undefined).then((board) => refreshed(ctx, year, board));
  years.set(year, next);
  const board = await next;
  return { ...board.response, generatedAt: ctx.now().toISOString() };
}

function dayOf(now: Date): string {
  const d = vietnamDate(now);
  return `${d.year}-${d.month}-${d.day}`;
}

async function refreshed(ctx: DataContext, year: number, board: KeptBoard | undefined): Promise<KeptBoard> {
  const day = dayOf(ctx.now());
  if (!board || board.day !== day || board.registry !== ctx.registry) return whole(ctx, year, day);
  const since = await ctx.store.changesSince(board.stamp, MAX_INCREMENTAL_UNITS);
  if (since.stamp === board.stamp) return board;
  // A change naming no unit is the whole year's unless its action is known to leave the board as it is.
  const changes = since.changes.filter((c) => c.unitId !== null || !BOARD_UNCHANGED_BY.has(c.action));
  if (since.more || changes.some((c) => c.unitId === null || !board.position.has(c.unitId))) return whole(ctx, year, day);
  const units = board.response.units.slice();
  for (const unitId of new Set(changes.map((c) => c.unitId as string))) {
    const row = await unitRow(ctx, year, unitId);
    const at = board.position.get(unitId)!;
    // A renamed unit moves in the order: only a units import renames, and it names no unit.
    if (!row || row.unit.name !== units[at]!.unit.name) return whole(ctx, year, day);
    units[at] = row;
  }
  return { ...board, stamp: since.stamp, response: { ...board.response, units, counts: countUnits(units) } };
}

/**
 * Units consolidated per read of their submissions: a large year's 300,000 summaries are never
 * all held at once beside the board being built (each part's are let go before the next is read).
 */
export const UNITS_PER_READ = 5000;

/** consolidate()'s order of the rows (Vietnamese name order, then id), on the units before it. */
function compareExpected(a: ExpectedUnit, b: ExpectedUnit): number {
  return compareUnitsByName(a, b);
}

/**
 * The year's board consolidated afresh from the store (every unit; only the counted final
 * versions' results are read), with no kept board involved. The units are taken in the board's
 * order `unitsPerRead` at a time, each part consolidated from its own submissions only: the parts'
 * rows, each part sorted, join in order, and the response is that of one consolidate() of all.
 */
export async function consolidateYear(ctx: DataContext, year: number, unitsPerRead = UNITS_PER_READ): Promise<UnitsResponse> {
  const [units, appraisals, reopened, calendar] = await Promise.all([
    ctx.store.listUnits(),
    ctx.store.appraisals(year),
    ctx.store.exceptions(year),
    calendarFor(ctx, year),
  ]);
  const expected = units.map(expectedUnit).sort(compareExpected);
  const now = ctx.now();
  const rows: UnitStatus[] = [];
  let response: UnitsResponse | undefined;
  for (let from = 0; from === 0 || from < expected.length; from += unitsPerRead) {
    const part = expected.slice(from, from + unitsPerRead);
    // A year that fits in one part is read whole (one index range, no list of ids).
    const submissions = await ctx.store.listSubmissionSummaries(expected.length <= unitsPerRead ? { year } : { year, unitIds: part.map((u) => u.id) });
    // The summaries are stored submissions as they are (no copy of the rows).
    response = consolidate({ year, now, calendar, units: part, submissions, appraisals, reopened, sets: ctx.registry });
    for (const row of response.units) rows.push(row);
  }
  return { ...response!, counts: countUnits(rows), units: rows };
}

/** Every unit consolidated, with the stamp read first: a change made meanwhile is seen next time. */
async function whole(ctx: DataContext, year: number, day: string): Promise<KeptBoard> {
  const stamp = await ctx.store.changeStamp();
  const response = await consolidateYear(ctx, year);
  return { stamp, day, registry: ctx.registry, response, position: new Map(response.units.map((row, i) => [row.unit.id, i])) };
}

/** One unit's row, consolidated from its own rows only (undefined: the unit is gone). */
async function unitRow(ctx: DataContext, year: number, unitId: string): Promise<UnitStatus | undefined> {
  const unit = await ctx.store.getUnit(unitId);
  if (!unit) return undefined;
  const [submissions, appraisals, reopened, calendar] = await Promise.all([
    ctx.store.listSubmissionSummaries({ year, unitId }),
    ctx.store.appraisals(year, unitId),
    ctx.store.exceptions(year, unitId),
    calendarFor(ctx, year),
  ]);
  return consolidate({
    year, now: ctx.now(), calendar, units: [expectedUnit(unit)], submissions: submissions.map(storedSubmission),
    appraisals, reopened, sets: ctx.registry,
  }).units[0];
}

/** What a page of the board adds to UnitsResponse: where it starts, its size, the rows in all, the approved eligible units. */
export interface BoardPage {
  offset: number;
  limit: number;
  total: number;
  approved: number;
}

/**
 * One page of the year's board in its default order (Vietnamese name order): the counts are the
 * whole year's; `page.approved` counts eligible units whose final report is approved (the target
 * line needs it without every row).
 */
export async function boardPage(ctx: DataContext, year: number, offset: number, limit: number): Promise<UnitsResponse & { page: BoardPage }> {
  const board = await currentBoard(ctx, year);
  const approved = board.units.filter((u) => u.verdict?.eligible && u.stages.some((s) => s.stage === 'final' && s.review === 'approved')).length;
  return {
    ...board,
    units: board.units.slice(offset, offset + limit),
    page: { offset, limit, total: board.units.length, approved },
  };
}
