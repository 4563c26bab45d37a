/**
 * Which units are proposed for recognition, and in what order: the list attached to the tờ trình,
 * the annex of the quyết định and section II of the báo cáo. Pure.
 *
 * Rules (issue 10):
 * - only units whose counted final report is approved ("Đã duyệt") and eligible after appraisal;
 *   units still waiting for review ("chờ duyệt": not reviewed, or "Đã tiếp nhận") only when the
 *   officer asks for a draft with them, each marked `pending`; "Cần bổ sung" and "Không duyệt"
 *   never;
 * - a pass/fail set's units are never ranked among point totals: every criteria set (scale) has
 *   its own section and order — points: total, then the hard criteria's points, then name;
 *   pass/fail: passed first, then name.
 */
import type { UnitStatus, UnitsResponse } from '../api/schemas';
import type { CriteriaRegistry } from '../criteria/load';
import type { CriteriaSet } from '../criteria/schema';
import { compareUnitsByName } from '../units/identity';
import { finalStage } from './consolidate';

export interface ProposedUnit {
  row: UnitStatus;
  /** Eligible but its final report is not yet approved: only in a draft, and marked there. */
  pending: boolean;
}

export interface ProposalSection {
  /** The criteria set's id and version (as the unit's workbook names them). */
  setId: string;
  setVersion: string;
  /** The set's title; its id when the set is no longer known. */
  title: string;
  /** How the set scores: a points scale (total / max) or pass/fail per criterion. */
  scoring: 'points' | 'pass-fail';
  /** The set's maximum (points) or number of criteria (pass/fail); null when the set is unknown. */
  max: number | null;
  units: ProposedUnit[];
}

export interface ProposalOptions {
  /** The criteria sets, to tell a pass/fail set from a points scale and to title each section. */
  sets: CriteriaRegistry;
  /** A draft that also lists eligible units still waiting for review (each marked pending). */
  includePending?: boolean;
}

/** Whether a unit's counted final report is approved, waiting for review, or neither. */
export function approvalOf(row: UnitStatus): 'approved' | 'pending' | 'refused' | 'none' {
  const final = finalStage(row);
  if (final.status !== 'on-time' && final.status !== 'late') return 'none';
  if (final.review === 'approved') return 'approved';
  if (final.review === null || final.review === 'received') return 'pending';
  return 'refused';
}

/**
 * The units proposed for recognition, one section per criteria set (in the order the sets are
 * known, unknown sets last), each in its own order. Sections without a unit are left out; an
 * empty array means nobody can be proposed.
 */
export function proposedUnits(response: UnitsResponse, options: ProposalOptions): ProposalSection[] {
  const bySet = new Map<string, { set: CriteriaSet | undefined; setId: string; setVersion: string; units: ProposedUnit[] }>();
  for (const row of response.units) {
    if (row.verdict?.eligible !== true || !row.result) continue;
    const approval = approvalOf(row);
    if (approval !== 'approved' && !(approval === 'pending' && options.includePending)) continue;
    const setId = row.result.setId ?? '';
    const setVersion = row.result.setVersion ?? '';
    const key = `${setId}\u0000${setVersion}`;
    let group = bySet.get(key);
    if (!group) {
      group = { set: options.sets.find(setId, setVersion || undefined), setId, setVersion, units: [] };
      bySet.set(key, group);
    }
    group.units.push({ row, pending: approval === 'pending' });
  }
  const known = options.sets.all();
  const position = (set: CriteriaSet | undefined) => {
    const index = set ? known.indexOf(set) : -1;
    return index < 0 ? known.length : index;
  };
  return [...bySet.values()]
    .sort((a, b) => position(a.set) - position(b.set) || (a.setId < b.setId ? -1 : a.setId > b.setId ? 1 : 0) || (a.setVersion < b.setVersion ? -1 : 1))
    .map((group): ProposalSection => {
      const scoring = group.set?.scoring.kind === 'pass-fail' ? 'pass-fail' : 'points';
      const max = group.set ? (scoring === 'pass-fail' ? group.set.criteria.length : group.set.scoring.kind === 'points' ? group.set.scoring.scale : null) : null;
      return {
        setId: group.setId,
        setVersion: group.setVersion,
        title: group.set?.title ?? group.setId,
        scoring,
        max,
        units: [...group.units].sort(scoring === 'pass-fail' ? comparePassFail : comparePoints),
      };
    });
}

/** Every proposed unit of the sections, in section order (for counting them; each section is numbered from 1). */
export function proposedList(sections: readonly ProposalSection[]): ProposedUnit[] {
  return sections.flatMap((s) => s.units);
}

/** Points: total, then the points of the hard criteria, then name. */
function comparePoints(a: ProposedUnit, b: ProposedUnit): number {
  return (total(b) - total(a)) || (hardPoints(b) - hardPoints(a)) || byName(a, b);
}

/** Pass/fail: units that passed first (all proposed ones have), then name. Never by points. */
function comparePassFail(a: ProposedUnit, b: ProposedUnit): number {
  return Number(b.row.verdict?.eligible === true) - Number(a.row.verdict?.eligible === true) || byName(a, b);
}

function total(u: ProposedUnit): number {
  return u.row.verdict?.total ?? 0;
}

function hardPoints(u: ProposedUnit): number {
  return (u.row.result?.scores ?? []).reduce((sum, s) => sum + (s.hard ? s.score ?? 0 : 0), 0);
}

function byName(a: ProposedUnit, b: ProposedUnit): number {
  return compareUnitsByName(a.row.unit, b.row.unit);
}
