/**
 * The `units` table's row as both stores read it (SQLite and PostgreSQL give the same column
 * types for it), and the UnitRecord the Store interface answers with. A unit "has a token" while
 * either its current or its pending token (issued, not yet used) is set.
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
