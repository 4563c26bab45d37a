/**
 * A verdict reads as the documents read: a pass-fail set's result is "Đạt 5/6 tiêu chí", never
 * points, on results read today and on results kept before the reader recorded the set's scoring.
 */
import { describe, expect, it } from 'vitest';
import { verdictSchema } from '../../shared/api/schemas';
import { consolidate } from '../../shared/consolidation/consolidate';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { verdictOf, verdictResultText } from '../../shared/scoring/verdict';
import type { CheckResult } from '../../shared/workbook/checkResult';
import { coQuan, fillFor, registry, resultFor, stored, unit, xaSet } from '../consolidation/fixtures';

/** A result as the store kept it before the reader recorded `passFail`. */
function keptBefore(result: CheckResult): CheckResult {
  const { passFail: _, ...older } = result;
  return older;
}

describe('the verdict of a pass-fail set', () => {
  it('is the criteria met, "Đạt 5/6 tiêu chí", with the criterion not met as its reason', async () => {
    const result = await resultFor(xaSet, fillFor(xaSet, 'Xã Tân Hồng', 'Xã', { 5: 'Chưa đạt' }));
    expect(result.passFail).toBe(true);
    const verdict = verdictOf(result)!;
    expect(verdict).toMatchObject({ eligible: false, total: 5, max: 6, passFail: true, reasons: ['Tiêu chí 5 chưa đạt.'] });
    expect(verdictResultText(verdict)).toBe('Đạt 5/6 tiêu chí');
    expect(verdictResultText(verdictOf(await resultFor(xaSet, fillFor(xaSet, 'Xã Tân Hồng', 'Xã')))!)).toBe('Đạt 6/6 tiêu chí');
  });

  it('reads so for a result kept before the reader recorded it, from the set in the catalogue', async () => {
    const older = keptBefore(await resultFor(xaSet, fillFor(xaSet, 'Xã Tân Hồng', 'Xã')));
    expect(verdictOf(older, registry)!.passFail).toBe(true);
    // Without the catalogue nothing says so: read as before.
    expect(verdictOf(older)!.passFail).toBe(false);
    // The province's board and the unit page build their verdicts with the catalogue.
    const response = consolidate({
      year: 2026, now: new Date('2026-11-23T03:00:00Z'), calendar: DEFAULT_CALENDAR, sets: registry,
      units: [unit('u1', 'Xã Tân Hồng', 'xa', '')], submissions: [stored('u1', older, { at: '2026-11-10T02:00:00Z' })],
    });
    expect(verdictResultText(response.units[0]!.verdict!)).toBe('Đạt 6/6 tiêu chí');
  });

  it('a verdict sent before the field existed still parses, as points', () => {
    expect(verdictSchema.parse({ eligible: true, total: 48, max: 50, threshold: 45, hardFailures: [], reasons: [] }).passFail).toBe(false);
  });
});

describe('the verdict of a points set', () => {
  it('is the total, its maximum and what it needs', async () => {
    const result = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan', { 1: 2.5 }));
    expect(result.passFail).toBe(false);
    expect(verdictResultText(verdictOf(result, registry)!)).toBe('Tổng điểm 48,5/50 (cần từ 45)');
    expect(verdictResultText({ ...verdictOf(result)!, threshold: null })).toBe('Tổng điểm 48,5/50');
    expect(verdictResultText({ ...verdictOf(result)!, total: null })).toBe('');
  });
});
