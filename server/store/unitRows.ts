/**
 * Rows both stores read alike (SQLite and PostgreSQL give the same column types for them) and
 * the records the Store interface answers with: a unit (it "has a token" while either its current
 * or its pending token, issued and not yet used, is set) and a year's current appraisals.
 */
import type { UnitKind } from '../../shared/units/kinds';
import type { UnitRecord } from './store';

export interface UnitRow {
  id: string; code: string; name: string; name_key: string; kind: string; parent: string; contact: string;
  token_hash: string | null; pending_token_hash: string | null;
}

export function toUnit(row: UnitRow): UnitRecord {
  return {
    id: row.id, code: row.code, name: row.name, nameKey: row.name_key, kind: row.kind as UnitKind, parent: row.parent,
    contact: row.contact, hasToken: row.token_hash !== null || row.pending_token_hash !== null,
  };
}

/** A current appraisal score of one criterion of a unit (a null score: the criterion's appraisal was cleared). */
export interface AppraisalRow { unit_id: string; criterion: number; score: number | null }

/** Store.appraisals' answer: per unit, the appraised score of each criterion that has one. */
export function appraisalsByUnit(rows: readonly AppraisalRow[]): Map<string, Record<number, number>> {
  const result = new Map<string, Record<number, number>>();
  for (const row of rows) {
    if (row.score === null) continue;
    const scores = result.get(row.unit_id) ?? {};
    scores[row.criterion] = row.score;
    result.set(row.unit_id, scores);
  }
  return result;
}
