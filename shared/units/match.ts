/**
 * Which unit a workbook belongs to: ONE rule set, used by the API and console intake, `ingest` and
 * offline `consolidate`. Pure: the caller passes the registry (at least every unit whose code or
 * name key matches the workbook; the whole list is fine).
 *
 * 1. A unit decided outside the workbook (the sender's unit token, or the unit an officer chose
 *    for this file) decides the unit. A workbook whose code, or whose name and parent, names
 *    ANOTHER unit of the registry is refused (`wrong-unit`, naming both).
 * 2. Otherwise the workbook's code (mã đơn vị) decides; a code the registry lacks is `unknown`.
 * 3. Otherwise name + parent (after NFC, space and case folding; "Xã X" = "X"). A parent typed
 *    with no diacritics at all ("thap muoi") is compared without them when no parent matches as
 *    typed; one typed with other diacritics ("Tấn An" for "Tân An") is another xã, never folded.
 *    The name likewise: typed with no diacritics ("truong tieu hoc kim dong"), it is compared
 *    without them when no unit has it as typed.
 * 4. Otherwise name alone, only when exactly one unit has that name.
 * Anything else is `ambiguous` (several candidates) or `unknown`: never stored on a guessed unit.
 * A match whose typed name or parent differs from the registry carries `differences`, which the
 * caller shows as a warning on the version ("Tên trong tệp khác danh sách: …").
 */
import { normalizeUnitCode } from './codes';
import { foldedParentKey, lacksDiacritics, parentKey, searchKey, unitNameKey } from './identity';
import type { UnitKind } from './kinds';

/** What matching needs of a registered unit. */
export interface MatchableUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string;
}

/** What the workbook says of its unit (typed by the clerk, or pre-filled in a per-unit workbook). */
export interface WorkbookUnitClaim {
  /** The code cell (DH_MaDonVi); '' when empty or absent (templates made before codes). */
  code: string;
  name: string;
  parent: string;
}

export type MatchRule = 'decided' | 'code' | 'name-parent' | 'name';

/** A field the workbook types differently from the registry, for the version's warning. */
export interface UnitDifference {
  field: 'name' | 'parent';
  workbook: string;
  registry: string;
}

export type UnitMatch<U extends MatchableUnit> =
  | { kind: 'matched'; unit: U; rule: MatchRule; differences: UnitDifference[] }
  /** The decided unit differs from the unit the workbook names (`named`, or a code the registry lacks). */
  | { kind: 'wrong-unit'; decided: U; named: U | undefined; claim: WorkbookUnitClaim }
  /** Several units fit; `candidates` lists them (at least two). */
  | { kind: 'ambiguous'; candidates: U[]; claim: WorkbookUnitClaim }
  /** No unit fits; `candidates` lists units of the same name, if any (for an unknown code). */
  | { kind: 'unknown'; candidates: U[]; claim: WorkbookUnitClaim }
  /** The workbook names no unit at all (no code, no name). */
  | { kind: 'unnamed'; claim: WorkbookUnitClaim };

/**
 * Matches a workbook's claim to a unit of `registry` by the rules above. `decided` is the unit of
 * the sender's token or the officer's choice (undefined for an admin's plain upload or a file
 * found in a folder).
 */
export function matchWorkbookUnit<U extends MatchableUnit>(
  registry: readonly U[],
  claim: WorkbookUnitClaim,
  decided?: U,
): UnitMatch<U> {
  const code = normalizeUnitCode(claim.code);
  const matched = (unit: U, rule: MatchRule): UnitMatch<U> => ({ kind: 'matched', unit, rule, differences: differences(unit, claim) });
  const byCode = code ? registry.find((u) => normalizeUnitCode(u.code) === code) : undefined;

  if (decided) {
    const decidedCode = normalizeUnitCode(decided.code);
    if (code) return code === decidedCode ? matched(decided, 'decided') : { kind: 'wrong-unit', decided, named: byCode, claim };
    // No code: the name (and parent) may still name another registered unit.
    const byName = matchByName(registry, claim);
    const isDecided = (u: U) => normalizeUnitCode(u.code) === decidedCode;
    if (byName.kind === 'matched' && !isDecided(byName.unit)) return { kind: 'wrong-unit', decided, named: byName.unit, claim };
    if (byName.kind === 'ambiguous' && !byName.candidates.some(isDecided)) return { kind: 'wrong-unit', decided, named: undefined, claim };
    return matched(decided, 'decided');
  }

  if (code) {
    if (byCode) return matched(byCode, 'code');
    const byName = matchByName(registry, claim);
    const candidates = byName.kind === 'matched' ? [byName.unit] : byName.kind === 'ambiguous' ? byName.candidates : [];
    return { kind: 'unknown', candidates, claim };
  }
  return matchByName(registry, claim);
}

/** Rules 3 and 4: name + parent, else a name only one unit has. */
function matchByName<U extends MatchableUnit>(registry: readonly U[], claim: WorkbookUnitClaim): UnitMatch<U> {
  const nameKey = unitNameKey(claim.name);
  if (!nameKey) return { kind: 'unnamed', claim };
  const claimParent = parentKey(claim.parent);
  const sameName = unitsNamed(registry, claim.name);
  const sameNameParent = claimParent ? sameNameAndParent(sameName, claim.parent) : [];
  if (sameNameParent.length === 1) return { kind: 'matched', unit: sameNameParent[0]!, rule: 'name-parent', differences: differences(sameNameParent[0]!, claim) };
  if (sameNameParent.length > 1) return { kind: 'ambiguous', candidates: sameNameParent, claim };
  if (sameName.length === 1) return { kind: 'matched', unit: sameName[0]!, rule: 'name', differences: differences(sameName[0]!, claim) };
  if (sameName.length > 1) return { kind: 'ambiguous', candidates: sameName, claim };
  return { kind: 'unknown', candidates: [], claim };
}

/**
 * The units of `registry` with the typed name: as typed, else, when it was typed with no
 * diacritics and no unit has it as typed, compared without diacritics (a match then shows the
 * name as a difference).
 */
export function unitsNamed<U extends MatchableUnit>(registry: readonly U[], name: string): U[] {
  const key = unitNameKey(name);
  const asTyped = registry.filter((u) => unitNameKey(u.name) === key);
  if (asTyped.length > 0 || !lacksDiacritics(name)) return asTyped;
  const folded = searchKey(name);
  return registry.filter((u) => searchKey(u.name) === folded);
}

/**
 * The units of `sameName` in the typed xã/phường: as typed, else, when it was typed with no
 * diacritics and none matches as typed, compared without diacritics (a match then shows the
 * parent as a difference, so the version says how the list spells it).
 */
function sameNameAndParent<U extends MatchableUnit>(sameName: readonly U[], parent: string): U[] {
  const key = parentKey(parent);
  const asTyped = sameName.filter((u) => parentKey(u.parent) === key);
  if (asTyped.length > 0 || !lacksDiacritics(parent)) return asTyped;
  const folded = foldedParentKey(parent);
  return sameName.filter((u) => foldedParentKey(u.parent) === folded);
}

/** Where the workbook's typed name or parent differs from the registry's (an empty workbook cell is not a difference). */
export function differences(unit: MatchableUnit, claim: WorkbookUnitClaim): UnitDifference[] {
  const found: UnitDifference[] = [];
  if (claim.name.trim() && unitNameKey(claim.name) !== unitNameKey(unit.name)) {
    found.push({ field: 'name', workbook: claim.name.trim(), registry: unit.name });
  }
  if (claim.parent.trim() && parentKey(claim.parent) !== parentKey(unit.parent)) {
    found.push({ field: 'parent', workbook: claim.parent.trim(), registry: unit.parent });
  }
  return found;
}
