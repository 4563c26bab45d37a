/**
 * Re-importing the province's units list against the registry: pure. Rows with a code update the
 * unit of that code (name and parent included); rows without one update the kind and contact of the
 * unit with the same name + parent (its spelling is kept); anything else
 * is added (the store assigns a code to a row without one). Nothing is ever removed, so no
 * submission loses its unit. A row whose code is new but whose name + parent is a registered unit
 * gives that unit the list's code (a province adding codes to a list it imported before).
 */
import { normalizeUnitCode } from './codes';
import { parentKey, unitNameKey } from './identity';
import type { UnitKind } from './kinds';

export interface ListedUnit {
  /** 1-based line in the list file (absent when not from a file). */
  line?: number;
  /** '' or absent when the list gives none. */
  code?: string;
  name: string;
  kind: UnitKind;
  parent: string;
  contact: string;
}

export interface RegisteredUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parent: string;
  contact: string;
}

export type ImportStep =
  | { action: 'add'; row: ListedUnit }
  | { action: 'update'; id: string; row: ListedUnit }
  | { action: 'unchanged'; id: string; row: ListedUnit };

/** Why the list cannot be applied to this registry (the file itself was valid). */
export type ImportConflict =
  /** Two rows of the list update the same registered unit. */
  | { kind: 'same-unit'; line: number; otherLine: number; code: string }
  /** After the import two units would share name + parent (`code`: the unit holding them, '' for a new row). */
  | { kind: 'name-parent-taken'; line: number; code: string };

export interface ImportPlan {
  steps: ImportStep[];
  conflicts: ImportConflict[];
}

const identityKey = (name: string, parent: string) => `${unitNameKey(name)}\u0000${parentKey(parent)}`;

/** What importing `rows` into `registry` would do; apply it only when `conflicts` is empty. */
export function planUnitsImport(registry: readonly RegisteredUnit[], rows: readonly ListedUnit[]): ImportPlan {
  const byCode = new Map(registry.map((u) => [normalizeUnitCode(u.code), u]));
  const byIdentity = new Map(registry.map((u) => [identityKey(u.name, u.parent), u]));
  const listedCodes = new Set(rows.map((r) => normalizeUnitCode(r.code ?? '')).filter((c) => c !== ''));
  const steps: ImportStep[] = [];
  const conflicts: ImportConflict[] = [];
  const claimedBy = new Map<string, number>();

  for (const row of rows) {
    const code = normalizeUnitCode(row.code ?? '');
    let target = code ? byCode.get(code) : undefined;
    const byItsCode = target !== undefined;
    if (!target) {
      const sameIdentity = byIdentity.get(identityKey(row.name, row.parent));
      // Adopt the list's code only for a unit the list does not name by its own code elsewhere.
      if (sameIdentity && !listedCodes.has(normalizeUnitCode(sameIdentity.code))) target = sameIdentity;
    }
    if (!target) {
      steps.push({ action: 'add', row: { ...row, code } });
      continue;
    }
    const first = claimedBy.get(target.id);
    if (first !== undefined) {
      conflicts.push({ kind: 'same-unit', line: row.line ?? 0, otherLine: first, code: target.code });
      continue;
    }
    claimedBy.set(target.id, row.line ?? 0);
    // Matched by name + parent (same keys), the registry keeps its spelling; by code, the list renames.
    const finalRow = byItsCode ? { ...row, code } : { ...row, code: code || target.code, name: target.name, parent: target.parent };
    const same = finalRow.code === target.code && finalRow.name === target.name && finalRow.kind === target.kind
      && finalRow.parent === target.parent && finalRow.contact === target.contact;
    steps.push(same ? { action: 'unchanged', id: target.id, row: finalRow } : { action: 'update', id: target.id, row: finalRow });
  }

  // The registry after the import must keep name + parent unique.
  const finalIdentity = new Map<string, string>();
  for (const unit of registry) if (!claimedBy.has(unit.id)) finalIdentity.set(identityKey(unit.name, unit.parent), unit.code);
  for (const step of steps) {
    const key = identityKey(step.row.name, step.row.parent);
    const holder = finalIdentity.get(key);
    if (holder !== undefined) conflicts.push({ kind: 'name-parent-taken', line: step.row.line ?? 0, code: holder });
    else finalIdentity.set(key, step.row.code ?? '');
  }
  return { steps, conflicts };
}
