"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BOARD_FIRST_PAGE_QUERY = exports.BOARD_PAGE_SIZE = exports.DEFAULT_SORT = exports.SORT_COLUMNS = exports.DEFAULT_FILTERS = exports.ELIGIBILITY_FILTERS = exports.STATUS_FILTERS = exports.STAGE_DISPLAYS = void 0;
exports.stageDisplay = stageDisplay;
exports.toRows = toRows;
exports.filtersActive = filtersActive;
exports.eligibilityOf = eligibilityOf;
exports.filterRows = filterRows;
exports.parentsOf = parentsOf;
exports.kindsOf = kindsOf;
exports.toggleSort = toggleSort;
exports.sortRows = sortRows;
exports.targetStatus = targetStatus;
exports.boardView = boardView;
exports.boardPageQuery = boardPageQuery;
const calendar_1 = require("../../../shared/deadlines/calendar");
const identity_1 = require("../../../shared/units/identity");
const kinds_1 = require("../../../shared/units/kinds");
/**
 * Vietnamese alphabetical order, as shared/consolidation's compareUnitNames, with one collator
 * reused (localeCompare builds one per call: too slow for sorting 1,000 rows on every click).
 * Names arrive NFC from the service; NFC here keeps NFD-typed text in the same order.
 */
const collator = new Intl.Collator('vi');
const compareNames = (a, b) => collator.compare(a.normalize('NFC'), b.normalize('NFC'));
/** What a stage cell shows: the submission status, overridden by a review decision. */
exports.STAGE_DISPLAYS = ['not-submitted', 'invalid', 'has-issues', 'rejected', 'late', 'on-time', 'approved'];
function stageDisplay(stage) {
    if (stage.status === 'not-submitted' || stage.status === 'invalid')
        return stage.status;
    if (stage.review === 'approved' || stage.review === 'rejected' || stage.review === 'has-issues')
        return stage.review;
    return stage.status;
}
const EMPTY_STAGE = (stage) => ({
    stage, status: 'not-submitted', review: null, versions: 0, latestSubmissionId: null, submittedAt: null, daysLate: 0,
});
function toRows(response) {
    return response.units.map((status) => {
        const stages = {};
        const display = {};
        let last = null;
        let versions = 0;
        for (const stage of calendar_1.STAGES) {
            const summary = status.stages.find((s) => s.stage === stage) ?? EMPTY_STAGE(stage);
            stages[stage] = summary;
            display[stage] = stageDisplay(summary);
            versions += summary.versions;
            if (summary.submittedAt && (last === null || Date.parse(summary.submittedAt) > Date.parse(last)))
                last = summary.submittedAt;
        }
        return { status, id: status.unit.id, name: status.unit.name.normalize('NFC'), nameKey: (0, identity_1.searchKey)(status.unit.name), stages, display, lastSubmittedAt: last, versions };
    });
}
exports.STATUS_FILTERS = [
    'not-submitted', 'on-time', 'late', 'invalid', 'pending-review', 'has-issues', 'approved', 'rejected',
];
exports.ELIGIBILITY_FILTERS = ['eligible', 'not-eligible', 'no-result'];
exports.DEFAULT_FILTERS = { query: '', kind: 'all', parent: 'all', stage: 'final', status: 'all', eligibility: 'all' };
function filtersActive(filters) {
    return filters.query.trim() !== '' || filters.kind !== 'all' || filters.parent !== 'all' || filters.status !== 'all' || filters.eligibility !== 'all';
}
function eligibilityOf(row) {
    const verdict = row.status.verdict;
    return verdict === null ? 'no-result' : verdict.eligible ? 'eligible' : 'not-eligible';
}
function matchesStatus(row, filters) {
    if (filters.status === 'all')
        return true;
    const stage = row.stages[filters.stage];
    if (filters.status === 'pending-review') {
        // Received and valid, but nobody has decided yet.
        return (stage.status === 'on-time' || stage.status === 'late') && (stage.review === null || stage.review === 'received');
    }
    if (filters.status === 'late' || filters.status === 'on-time')
        return stage.status === filters.status;
    return row.display[filters.stage] === filters.status;
}
function filterRows(rows, filters) {
    const query = (0, identity_1.searchKey)(filters.query);
    return rows.filter((row) => (query === '' || row.nameKey.includes(query)) &&
        (filters.kind === 'all' || row.status.unit.kind === filters.kind) &&
        (filters.parent === 'all' || row.status.unit.parent === filters.parent) &&
        (filters.eligibility === 'all' || eligibilityOf(row) === filters.eligibility) &&
        matchesStatus(row, filters));
}
/** The parent communes/wards present, in Vietnamese order (empty parents left out). */
function parentsOf(rows) {
    return [...new Set(rows.map((r) => r.status.unit.parent).filter((p) => p.trim() !== ''))].sort(compareNames);
}
/** The unit kinds present, in the canonical order. */
function kindsOf(rows) {
    const present = new Set(rows.map((r) => r.status.unit.kind));
    return kinds_1.UNIT_KINDS.filter((k) => present.has(k));
}
// ---------------------------------------------------------------- sorting
exports.SORT_COLUMNS = [
    'name', 'kind', 'parent', 'registration', 'mid-year', 'final', 'total', 'hard', 'eligible', 'dossier', 'lastSubmitted', 'versions', 'risk',
];
exports.DEFAULT_SORT = { column: 'name', direction: 'asc' };
/** Clicking a header: the same column flips direction, another column starts ascending. */
function toggleSort(sort, column) {
    return sort.column === column ? { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: 'asc' };
}
/** How urgent the next milestone is; higher is more urgent. */
const RISK_RANK = { done: 0, upcoming: 1, 'due-soon': 2, 'due-today': 3, overdue: 4, locked: 5 };
function sortValue(row, column) {
    const s = row.status;
    switch (column) {
        case 'name':
            return null; // the tie-breaker orders names
        case 'kind':
            return kinds_1.UNIT_KINDS.indexOf(s.unit.kind);
        case 'parent':
            return s.unit.parent.trim() === '' ? null : s.unit.parent;
        case 'registration':
        case 'mid-year':
        case 'final':
            return exports.STAGE_DISPLAYS.indexOf(row.display[column]);
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
function compareValues(a, b) {
    if (typeof a === 'string' && typeof b === 'string')
        return compareNames(a, b);
    return a - b;
}
/**
 * Rows ordered by a column; ties by name in Vietnamese order, then id. Rows without a value
 * (no result, no submission) go last in both directions, so "highest total" never starts
 * with blanks.
 */
function sortRows(rows, sort) {
    const sign = sort.direction === 'asc' ? 1 : -1;
    const keyed = rows.map((row) => ({ row, value: sortValue(row, sort.column) }));
    keyed.sort((x, y) => {
        if (x.value === null || y.value === null) {
            if (x.value !== y.value)
                return x.value === null ? 1 : -1;
        }
        else {
            const c = compareValues(x.value, y.value);
            if (c !== 0)
                return sign * c;
        }
        const byName = collator.compare(x.row.name, y.row.name) || (x.row.id < y.row.id ? -1 : x.row.id > y.row.id ? 1 : 0);
        return sort.column === 'name' ? sign * byName : byName;
    });
    return keyed.map((k) => k.row);
}
/** Whether the year's eligible units reach the province's target (at least 3 a year). */
function targetStatus(response) {
    // A page of the board carries the year's count; every row, it is counted here.
    const approved = response.page?.approved
        ?? response.units.filter((u) => u.verdict?.eligible && u.stages.some((s) => s.stage === 'final' && s.review === 'approved')).length;
    return { target: response.yearlyTarget, eligible: response.counts.eligible, approved, reached: response.counts.eligible >= response.yearlyTarget };
}
/** The board in one call: filtered then sorted. */
function boardView(rows, filters, sort) {
    return sortRows(filterRows(rows, filters), sort);
}
// ---------------------------------------------------------------- pages
/** Rows the console asks the service for first: enough to fill the board's window at once. */
exports.BOARD_PAGE_SIZE = 100;
/** The query string of one page of the board (GET /api/units?year=…&<this>), in the default order. */
function boardPageQuery(offset, limit = exports.BOARD_PAGE_SIZE) {
    return `limit=${limit}&offset=${offset}`;
}
/** The first page the console shows (what the growth bench times). */
exports.BOARD_FIRST_PAGE_QUERY = boardPageQuery(0);
//# sourceMappingURL=board.js.map