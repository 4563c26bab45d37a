import { describe, expect, it } from 'vitest';
import { consolidate, type ConsolidationInput } from '../../shared/consolidation/consolidate';
import { approvalOf, proposedList, proposedUnits } from '../../shared/consolidation/proposal';
import { calendarSchema, DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { coQuan, fillFor, registry, resultFor, stored, unit, xaSet } from './fixtures';

const NOW = new Date('2026-12-04T03:00:00Z');
const AT = '2026-11-10T02:00:00Z';

function input(partial: Partial<ConsolidationInput>): ConsolidationInput {
  return { year: 2026, now: NOW, calendar: DEFAULT_CALENDAR, units: [], submissions: [], sets: registry, ...partial };
}

describe('proposedUnits: approval decides what is proposed', () => {
  it('lists only approved eligible units; pending ones only in a draft, marked; refused and ineligible never', async () => {
    const full = await resultFor(coQuan, fillFor(coQuan, 'x', 'Cơ quan'));
    const failing = await resultFor(coQuan, fillFor(coQuan, 'x', 'Cơ quan', { 5: 0 }));
    const response = consolidate(input({
      units: [unit('a', 'Sở An'), unit('b', 'Sở Bình'), unit('c', 'Sở Cao'), unit('d', 'Sở Dương'), unit('e', 'Sở Hà'), unit('f', 'Sở Kiên'), unit('g', 'Sở Long')],
      submissions: [
        stored('a', full, { at: AT, review: 'approved' }),
        stored('b', full, { at: AT }), // not reviewed: pending
        stored('c', full, { at: AT, review: 'received' }), // received: pending
        stored('d', full, { at: AT, review: 'has-issues' }),
        stored('e', full, { at: AT, review: 'rejected' }),
        stored('f', failing, { at: AT, review: 'approved' }), // approved but a hard criterion short
      ],
    }));
    expect(response.units.map((u) => [u.unit.name, approvalOf(u)])).toEqual([
      ['Sở An', 'approved'], ['Sở Bình', 'pending'], ['Sở Cao', 'pending'], ['Sở Dương', 'refused'], ['Sở Hà', 'refused'], ['Sở Kiên', 'approved'], ['Sở Long', 'none'],
    ]);
    const final = proposedList(proposedUnits(response, { sets: registry }));
    expect(final.map((p) => [p.row.unit.name, p.pending])).toEqual([['Sở An', false]]);
    const draft = proposedList(proposedUnits(response, { sets: registry, includePending: true }));
    expect(draft.map((p) => [p.row.unit.name, p.pending])).toEqual([['Sở An', false], ['Sở Bình', true], ['Sở Cao', true]]);
  });

  it('the approval of an older version does not carry to a newer one not yet reviewed', async () => {
    const full = await resultFor(coQuan, fillFor(coQuan, 'x', 'Cơ quan'));
    const changed = await resultFor(coQuan, fillFor(coQuan, 'x', 'Cơ quan', { 1: 3 }));
    const response = consolidate(input({
      units: [unit('a', 'Sở An')],
      submissions: [stored('a', full, { at: AT, review: 'approved', version: 1 }), stored('a', changed, { at: '2026-11-12T02:00:00Z', version: 2 })],
    }));
    expect(proposedUnits(response, { sets: registry })).toEqual([]);
  });
});

describe('proposedUnits: each criteria set its own section and order', () => {
  it('points: total, then the hard criteria, then name; pass/fail: never among point totals, passed then name', async () => {
    const full = await resultFor(coQuan, fillFor(coQuan, 'x', 'Cơ quan'));
    const lower = await resultFor(coQuan, fillFor(coQuan, 'x', 'Cơ quan', { 1: 3, 2: 3 })); // 48
    const xa = await resultFor(xaSet, fillFor(xaSet, 'x', 'Xã'));
    const response = consolidate(input({
      units: [unit('a', 'Sở Đông'), unit('b', 'Sở Dân'), unit('c', 'Sở An'), unit('x', 'Xã Tân Hòa', 'xa'), unit('y', 'Xã Bình Thạnh', 'xa')],
      submissions: [
        stored('a', full, { at: AT, review: 'approved' }),
        stored('b', full, { at: AT, review: 'approved' }),
        stored('c', lower, { at: AT, review: 'approved' }),
        stored('x', xa, { at: AT, review: 'approved' }),
        stored('y', xa, { at: AT, review: 'approved' }),
      ],
    }));
    const sections = proposedUnits(response, { sets: registry });
    const points = sections.find((s) => s.setId === coQuan.id)!;
    const passFail = sections.find((s) => s.setId === xaSet.id)!;
    expect(sections).toHaveLength(2);
    expect(points).toMatchObject({ scoring: 'points', max: 50, title: coQuan.title });
    expect(points.units.map((p) => [p.row.unit.name, p.row.verdict!.total])).toEqual([['Sở Dân', 50], ['Sở Đông', 50], ['Sở An', 48]]);
    expect(passFail).toMatchObject({ scoring: 'pass-fail', max: xaSet.criteria.length });
    expect(passFail.units.map((p) => p.row.unit.name)).toEqual(['Xã Bình Thạnh', 'Xã Tân Hòa']);
  });
});

describe('lateness follows the calendar in force', () => {
  it('a file 10 days late becomes on time when the due day is extended, without touching what was stored', async () => {
    const full = await resultFor(coQuan, fillFor(coQuan, 'x', 'Cơ quan'));
    const submissions = [stored('a', full, { at: '2026-11-30T03:00:00Z' })]; // 30/11, 10 days after 20/11
    const before = consolidate(input({ units: [unit('a', 'Sở An')], submissions }));
    expect(before.units[0]!.stages[2]).toMatchObject({ status: 'late', daysLate: 10, afterLock: false });
    expect(before.counts.late).toBe(1);
    const extended = calendarSchema.parse({
      ...DEFAULT_CALENDAR,
      milestones: DEFAULT_CALENDAR.milestones.map((m) => (m.stage === 'final' ? { ...m, due: '05/12', lock: '10/12' } : m)),
    });
    const after = consolidate(input({ units: [unit('a', 'Sở An')], submissions, calendar: extended }));
    expect(after.units[0]!.stages[2]).toMatchObject({ status: 'on-time', daysLate: 0, afterLock: false });
    expect(after.counts.late).toBe(0);
    // A per-kind calendar applies to that kind only.
    const perKind = calendarSchema.parse({ ...DEFAULT_CALENDAR, byUnitKind: { 'co-quan': [{ stage: 'final', due: '25/11', lock: '28/11' }] } });
    const kindRow = consolidate(input({ units: [unit('a', 'Sở An')], submissions, calendar: perKind })).units[0]!.stages[2]!;
    expect(kindRow).toMatchObject({ status: 'late', daysLate: 5, afterLock: true });
  });
});
