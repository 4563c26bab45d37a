/**
 * Unit identity: codes, the ONE matching rule set (matchWorkbookUnit) and the import plan. Edge
 * cases by hand, invariants by property (fast-check over registries with same-name units).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignedUnitCode, isValidUnitCode, normalizeUnitCode, parseAssignedUnitCode } from '../../shared/units/codes';
import { foldedParentKey, hasControlCharacters, lacksDiacritics, parentKey, searchKey, unitNameKey } from '../../shared/units/identity';
import { planUnitsImport, type RegisteredUnit } from '../../shared/units/importPlan';
import { UNIT_KINDS, type UnitKind } from '../../shared/units/kinds';
import { matchWorkbookUnit, type MatchableUnit } from '../../shared/units/match';

const unit = (code: string, name: string, parent: string, kind: UnitKind = 'co-so-giao-duc'): MatchableUnit => ({ code, name, parent, kind });
const KIM_DONG_TH = unit('GD-001', 'Trường Tiểu học Kim Đồng', 'Xã Tân Hồng');
const KIM_DONG_TM = unit('GD-002', 'Trường Tiểu học Kim Đồng', 'Xã Tháp Mười');
const SO_TU_PHAP = unit('CQ-001', 'Sở Tư pháp', 'Phường Cao Lãnh', 'co-quan');
const REGISTRY = [KIM_DONG_TH, KIM_DONG_TM, SO_TU_PHAP];
const claim = (code: string, name: string, parent = '') => ({ code, name, parent });

describe('unit codes', () => {
  it('normalises, validates and assigns readable codes', () => {
    expect(normalizeUnitCode('  gd-007 ')).toBe('GD-007');
    expect(isValidUnitCode('GD-007')).toBe(true);
    expect(isValidUnitCode('DT.TH_12')).toBe(true);
    for (const bad of ['', '-A', 'A B', 'A/B', 'Á1', 'X'.repeat(33)]) expect(isValidUnitCode(bad), bad).toBe(false);
    expect(assignedUnitCode('co-so-giao-duc', 7)).toBe('GD-007');
    expect(assignedUnitCode('xa', 1234)).toBe('XA-1234');
    expect(parseAssignedUnitCode('CQ-012')).toEqual({ prefix: 'CQ', sequence: 12 });
    expect(parseAssignedUnitCode('DT-012')).toBeUndefined();
    for (const kind of UNIT_KINDS) expect(isValidUnitCode(assignedUnitCode(kind, 1))).toBe(true);
  });

  it('keys parents without their Xã / Phường prefix and finds control characters', () => {
    expect(parentKey('Xã Tân Hồng')).toBe(parentKey('tân  hồng'));
    expect(parentKey('PHƯỜNG 1')).toBe('1');
    expect(parentKey('')).toBe('');
    expect(hasControlCharacters('Sở\u0000Tư pháp')).toBe(true);
    expect(hasControlCharacters('Sở\u0007')).toBe(true);
    expect(hasControlCharacters('Sở Tư\tpháp\n')).toBe(false);
  });
});

describe('matchWorkbookUnit: the rules', () => {
  it('takes the code first, whatever name is typed, and reports the differences', () => {
    const m = matchWorkbookUnit(REGISTRY, claim('gd-002', 'TH Kim Đồng', 'Tân Hồng'));
    expect(m).toMatchObject({ kind: 'matched', rule: 'code', unit: KIM_DONG_TM });
    expect(m.kind === 'matched' && m.differences.map((d) => d.field)).toEqual(['name', 'parent']);
  });

  it('matches name + parent (NFD, capitals, "Xã" omitted) when there is no code', () => {
    const typed = 'TRƯỜNG TIỂU HỌC KIM ĐỒNG'.normalize('NFD');
    expect(matchWorkbookUnit(REGISTRY, claim('', typed, 'Tháp Mười'))).toMatchObject({ kind: 'matched', rule: 'name-parent', unit: KIM_DONG_TM, differences: [] });
  });

  it('finds the xã/phường typed without diacritics, and shows how the list spells it', () => {
    for (const typed of ['thap muoi', 'THAP MUOI', 'xa thap muoi', 'Xa Thap Muoi']) {
      const m = matchWorkbookUnit(REGISTRY, claim('', 'Trường Tiểu học Kim Đồng', typed));
      expect(m).toMatchObject({ kind: 'matched', rule: 'name-parent', unit: KIM_DONG_TM });
      expect(m.kind === 'matched' && m.differences).toEqual([{ field: 'parent', workbook: typed, registry: 'Xã Tháp Mười' }]);
    }
    // Offline, the same rule: the list's own spelling, typed without diacritics, is the same xã.
    expect(matchWorkbookUnit(REGISTRY, claim('', 'Trường Tiểu học Kim Đồng', 'tan hong'))).toMatchObject({ kind: 'matched', unit: KIM_DONG_TH });
  });

  it('never folds a xã/phường typed with other diacritics, nor guesses between two that fold alike', () => {
    const tanAn = unit('GD-003', 'Trường Tiểu học Kim Đồng', 'Xã Tân An');
    const tanAn2 = unit('GD-004', 'Trường Tiểu học Kim Đồng', 'Xã Tấn An');
    const registry = [...REGISTRY, tanAn, tanAn2];
    // As typed first: "Tấn An" is that xã, not "Tân An".
    expect(matchWorkbookUnit(registry, claim('', 'Trường Tiểu học Kim Đồng', 'Tấn An'))).toMatchObject({ kind: 'matched', unit: tanAn2, differences: [] });
    // Without diacritics it could be either: both are offered, none is chosen.
    const m = matchWorkbookUnit(registry, claim('', 'Trường Tiểu học Kim Đồng', 'tan an'));
    expect(m.kind === 'ambiguous' && m.candidates.map((u) => u.code)).toEqual(['GD-003', 'GD-004']);
    // With diacritics that name no listed xã ("Thạp Mười"), it is not folded onto one.
    expect(matchWorkbookUnit(REGISTRY, claim('', 'Trường Tiểu học Kim Đồng', 'Thạp Mười')).kind).toBe('ambiguous');
    expect(lacksDiacritics('thap muoi')).toBe(true);
    expect(lacksDiacritics('Thạp Mười')).toBe(false);
    expect(lacksDiacritics('Đông')).toBe(false);
    expect(foldedParentKey('Phường Đông Thuận')).toBe(foldedParentKey('dong thuan'));
    expect(foldedParentKey('Thị trấn Mỹ An')).toBe('my an');
  });

  it('finds a name typed without diacritics when no unit has it as typed, the list spelling as a difference', () => {
    const m = matchWorkbookUnit(REGISTRY, claim('', 'so tu phap', 'Phường Cao Lãnh'));
    expect(m).toMatchObject({ kind: 'matched', rule: 'name-parent', unit: SO_TU_PHAP });
    expect(m.kind === 'matched' && m.differences).toEqual([{ field: 'name', workbook: 'so tu phap', registry: 'Sở Tư pháp' }]);
    // Name and xã both without diacritics: the school of that xã.
    expect(matchWorkbookUnit(REGISTRY, claim('', 'TRUONG TIEU HOC KIM DONG', 'thap muoi'))).toMatchObject({ kind: 'matched', unit: KIM_DONG_TM });
    // Two of that name, and no xã: both offered.
    expect(matchWorkbookUnit(REGISTRY, claim('', 'truong tieu hoc kim dong')).kind).toBe('ambiguous');
    // Typed with other diacritics it is another name: unknown, never folded onto one.
    expect(matchWorkbookUnit(REGISTRY, claim('', 'Sở Tứ pháp')).kind).toBe('unknown');
    // A unit whose own name has no diacritics is found as typed first.
    const plain = unit('CQ-002', 'So Tu Phap', 'Phường 1', 'co-quan');
    expect(matchWorkbookUnit([...REGISTRY, plain], claim('', 'so tu phap'))).toMatchObject({ kind: 'matched', unit: plain });
  });

  it('refuses to guess between two units of one name: ambiguous with both candidates', () => {
    const m = matchWorkbookUnit(REGISTRY, claim('', 'Trường Tiểu học Kim Đồng'));
    expect(m.kind).toBe('ambiguous');
    expect(m.kind === 'ambiguous' && m.candidates.map((u) => u.code)).toEqual(['GD-001', 'GD-002']);
    // A parent that is neither is just as ambiguous.
    expect(matchWorkbookUnit(REGISTRY, claim('', 'Trường Tiểu học Kim Đồng', 'Xã Mỹ An')).kind).toBe('ambiguous');
  });

  it('accepts a name only one unit has, with the parent difference as a warning', () => {
    const m = matchWorkbookUnit(REGISTRY, claim('', 'Sở Tư pháp', 'Phường 1'));
    expect(m).toMatchObject({ kind: 'matched', rule: 'name', unit: SO_TU_PHAP });
    expect(m.kind === 'matched' && m.differences).toEqual([{ field: 'parent', workbook: 'Phường 1', registry: 'Phường Cao Lãnh' }]);
  });

  it('never matches an unknown code or name; offers the units of that name', () => {
    expect(matchWorkbookUnit(REGISTRY, claim('GD-999', 'Trường Tiểu học Kim Đồng', 'Xã Tân Hồng')))
      .toMatchObject({ kind: 'unknown', candidates: [KIM_DONG_TH] });
    expect(matchWorkbookUnit(REGISTRY, claim('', 'Trạm Y tế'))).toMatchObject({ kind: 'unknown', candidates: [] });
    expect(matchWorkbookUnit(REGISTRY, claim('', '  '))).toMatchObject({ kind: 'unnamed' });
  });

  it('lets the token decide, and refuses a workbook whose code or name + parent is another unit', () => {
    // Same name, its own parent or none: the token's unit.
    expect(matchWorkbookUnit(REGISTRY, claim('', 'Trường Tiểu học Kim Đồng'), KIM_DONG_TM)).toMatchObject({ kind: 'matched', rule: 'decided', unit: KIM_DONG_TM });
    expect(matchWorkbookUnit(REGISTRY, claim('GD-002', 'x'), KIM_DONG_TM)).toMatchObject({ kind: 'matched', unit: KIM_DONG_TM });
    // The other school's code, or its name and parent: refused, naming it.
    expect(matchWorkbookUnit(REGISTRY, claim('GD-001', 'Trường Tiểu học Kim Đồng'), KIM_DONG_TM)).toMatchObject({ kind: 'wrong-unit', named: KIM_DONG_TH });
    expect(matchWorkbookUnit(REGISTRY, claim('', 'Trường Tiểu học Kim Đồng', 'Tân Hồng'), KIM_DONG_TM)).toMatchObject({ kind: 'wrong-unit', named: KIM_DONG_TH });
    expect(matchWorkbookUnit(REGISTRY, claim('', 'Sở Tư pháp'), KIM_DONG_TM)).toMatchObject({ kind: 'wrong-unit', named: SO_TU_PHAP });
    // A code the registry lacks is not this unit's either.
    expect(matchWorkbookUnit(REGISTRY, claim('GD-999', ''), KIM_DONG_TM)).toMatchObject({ kind: 'wrong-unit', named: undefined });
    // A name nobody has: the token decides, the difference is shown.
    const m = matchWorkbookUnit(REGISTRY, claim('', 'TH Kim Đồng'), KIM_DONG_TM);
    expect(m).toMatchObject({ kind: 'matched', unit: KIM_DONG_TM });
    expect(m.kind === 'matched' && m.differences.map((d) => d.field)).toEqual(['name']);
  });
});

describe('matchWorkbookUnit: invariants', () => {
  const names = ['Trường Tiểu học Kim Đồng', 'Trạm Y tế', 'Trường THCS Nguyễn Du', 'Sở Tư pháp'];
  const parents = ['Xã Tân Hồng', 'Xã Tháp Mười', 'Xã Tân An', 'Xã Tấn An', 'Phường 1', ''];
  const registryArb = fc.uniqueArray(
    fc.record({ name: fc.constantFrom(...names), parent: fc.constantFrom(...parents) }),
    { selector: (u) => `${unitNameKey(u.name)}|${parentKey(u.parent)}`, minLength: 1, maxLength: 10 },
  ).map((rows) => rows.map((r, i) => unit(assignedUnitCode('co-so-giao-duc', i + 1), r.name, r.parent)));
  const claimArb = fc.record({
    code: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 12 }).map((n) => assignedUnitCode('co-so-giao-duc', n))),
    name: fc.oneof(fc.constantFrom(...names), fc.constantFrom(...names).map((n) => n.toUpperCase().normalize('NFD')), fc.constantFrom(...names).map(searchKey), fc.constant('')),
    parent: fc.constantFrom(...parents, 'Tân Hồng', 'tan hong', 'xa thap muoi', 'TAN AN', 'phuong 1'),
  });

  it('a match is always a unit whose code, or name (+ parent), the workbook states; never a guess among several', () => {
    fc.assert(fc.property(registryArb, claimArb, (registry, c) => {
      const m = matchWorkbookUnit(registry, c);
      if (m.kind === 'matched') {
        if (c.code) expect(m.unit.code).toBe(c.code);
        else {
          // Folded only when typed without diacritics and no unit has the name as typed.
          const asTypedName = registry.filter((u) => unitNameKey(u.name) === unitNameKey(c.name));
          const sameName = asTypedName.length > 0 || !lacksDiacritics(c.name) ? asTypedName : registry.filter((u) => searchKey(u.name) === searchKey(c.name));
          expect(sameName).toContain(m.unit);
          const asTyped = sameName.filter((u) => parentKey(u.parent) === parentKey(c.parent) && c.parent !== '');
          // Folded only when typed without diacritics and nothing matched as typed.
          const folded = asTyped.length === 0 && c.parent !== '' && lacksDiacritics(c.parent)
            ? sameName.filter((u) => foldedParentKey(u.parent) === foldedParentKey(c.parent)) : [];
          const sameParent = asTyped.length > 0 ? asTyped : folded;
          expect(sameParent.length === 1 ? sameParent[0] : sameName.length === 1 ? sameName[0] : undefined).toBe(m.unit);
        }
      }
      if (m.kind === 'ambiguous') expect(m.candidates.length).toBeGreaterThan(1);
      if (m.kind === 'unknown' && c.code) expect(registry.some((u) => u.code === c.code)).toBe(false);
    }));
  });

  it('with a token, the result is that unit or a refusal; never another unit', () => {
    fc.assert(fc.property(registryArb, claimArb, fc.nat(), (registry, c, pick) => {
      const decided = registry[pick % registry.length]!;
      const m = matchWorkbookUnit(registry, c, decided);
      expect(['matched', 'wrong-unit']).toContain(m.kind);
      if (m.kind === 'matched') expect(m.unit).toBe(decided);
      // The unit's own per-unit workbook is always accepted.
      expect(matchWorkbookUnit(registry, { code: decided.code, name: decided.name, parent: decided.parent }, decided).kind).toBe('matched');
    }));
  });

  it("each unit's own per-unit workbook, sent without a token, lands on that unit", () => {
    fc.assert(fc.property(registryArb, (registry) => {
      for (const u of registry) {
        expect(matchWorkbookUnit(registry, { code: u.code, name: u.name, parent: u.parent })).toMatchObject({ kind: 'matched', unit: u, differences: [] });
      }
    }));
  });
});

describe('planUnitsImport', () => {
  const registered = (id: string, code: string, name: string, parent: string): RegisteredUnit => ({ id, code, name, parent, kind: 'co-so-giao-duc', contact: '' });
  const row = (line: number, code: string, name: string, parent: string, contact = '') => ({ line, code, name, parent, contact, kind: 'co-so-giao-duc' as const });
  const registry = [registered('a', 'GD-001', 'Trường Tiểu học Kim Đồng', 'Xã Tân Hồng')];

  it('updates by code, else by name + parent, adds the rest; a re-import changes nothing', () => {
    const plan = planUnitsImport(registry, [
      row(2, '', 'Trường Tiểu học Kim Đồng', 'Xã Tân Hồng', 'Cô Lan'),
      row(3, '', 'Trường Tiểu học Kim Đồng', 'Xã Tháp Mười'),
    ]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.steps.map((s) => s.action)).toEqual(['update', 'add']);
    const again = planUnitsImport(registry, [row(2, 'GD-001', 'Trường Tiểu học Kim Đồng', 'Xã Tân Hồng')]);
    expect(again.steps.map((s) => s.action)).toEqual(['unchanged']);
  });

  it('gives a registered unit the code the list now brings, and renames by code', () => {
    expect(planUnitsImport(registry, [row(2, 'DT-TH-01', 'Trường Tiểu học Kim Đồng', 'Tân Hồng')]).steps[0])
      .toMatchObject({ action: 'update', id: 'a', row: { code: 'DT-TH-01' } });
    expect(planUnitsImport(registry, [row(2, 'GD-001', 'Trường TH Kim Đồng', 'Xã Tân Hồng')]).steps[0])
      .toMatchObject({ action: 'update', id: 'a', row: { name: 'Trường TH Kim Đồng' } });
  });

  it('reports rows that would make two units share name + parent, or name one unit twice', () => {
    const two = [...registry, registered('b', 'GD-002', 'Trường THCS Nguyễn Du', 'Xã Tân Hồng')];
    const plan = planUnitsImport(two, [row(2, 'GD-002', 'Trường Tiểu học Kim Đồng', 'Xã Tân Hồng')]);
    expect(plan.conflicts).toEqual([{ kind: 'name-parent-taken', line: 2, code: 'GD-001' }]);
    // GD-001 renamed by its code frees its old name + parent for a new unit: no guess, no merge.
    const renamed = planUnitsImport(two, [row(2, 'GD-001', 'A', ''), row(3, '', 'Trường Tiểu học Kim Đồng', 'Xã Tân Hồng')]);
    expect(renamed.conflicts).toEqual([]);
    expect(renamed.steps.map((s) => s.action)).toEqual(['update', 'add']);
    // Two rows reaching one unit (by its new code, and by its code) are refused.
    const twice = planUnitsImport(two, [row(2, 'GD-002', 'Trường THCS Nguyễn Du', 'Xã Tân Hồng'), row(3, 'gd-002', 'B', '')]);
    expect(twice.conflicts).toContainEqual({ kind: 'same-unit', line: 3, otherLine: 2, code: 'GD-002' });
  });
});
