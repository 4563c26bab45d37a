import { describe, expect, it } from 'vitest';
import { unitsResponseSchema } from '../../shared/api/schemas';
import { consolidate, versionChanges, type ConsolidationInput } from '../../shared/consolidation/consolidate';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { coQuan, fillFor, registry, resultFor, stored, unit, xaSet } from './fixtures';

const NOW = new Date('2026-11-23T03:00:00Z'); // 23/11/2026 10:00 in Vietnam: final due 20/11, lock 30/11

function input(partial: Partial<ConsolidationInput>): ConsolidationInput {
  return { year: 2026, now: NOW, calendar: DEFAULT_CALENDAR, units: [], submissions: [], sets: registry, ...partial };
}

describe('consolidate', () => {
  it('lists every expected unit, submitted or not, and counts them', async () => {
    const good = await resultFor(coQuan, fillFor(coQuan, 'Văn phòng UBND tỉnh', 'Cơ quan'));
    const response = consolidate(input({
      units: [unit('u1', 'Văn phòng UBND tỉnh'), unit('u2', 'Sở Tư pháp'), unit('u3', 'Xã Bình Thạnh', 'xa', 'Xã Bình Thạnh')],
      submissions: [stored('u1', good, { at: '2026-11-10T02:00:00Z' })],
    }));
    expect(unitsResponseSchema.parse(response)).toEqual(response);
    expect(response.counts).toEqual({ expected: 3, submitted: 1, valid: 1, eligible: 1, late: 0, missing: 2 });
    expect(response.yearlyTarget).toBe(3);
    expect(response.generatedAt).toBe(NOW.toISOString());
    expect(response.units.map((u) => u.unit.name)).toEqual(['Sở Tư pháp', 'Văn phòng UBND tỉnh', 'Xã Bình Thạnh']);
    const [missing, ok] = response.units;
    expect(missing!.result).toBeNull();
    expect(missing!.verdict).toBeNull();
    expect(missing!.dossierComplete).toBeNull();
    expect(missing!.stages.map((s) => s.status)).toEqual(['not-submitted', 'not-submitted', 'not-submitted']);
    // Registration and mid-year are locked; the final report is overdue but still open until 30/11: that is what to show.
    expect(missing!.risk).toEqual({ stage: 'final', state: 'overdue', label: 'Quá hạn 3 ngày', canStillQualify: true });
    expect(ok!.verdict).toEqual({ eligible: true, total: 50, max: 50, threshold: 45, hardFailures: [], reasons: [], passFail: false });
    expect(ok!.dossierComplete).toBe(true);
    expect(ok!.stages[2]).toMatchObject({ stage: 'final', status: 'on-time', versions: 1, daysLate: 0, submittedAt: '2026-11-10T02:00:00.000Z' });
  });

  it('marks a late final report with its days and counts it late', async () => {
    const good = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan'));
    const response = consolidate(input({ units: [unit('u1', 'Sở Y tế')], submissions: [stored('u1', good, { at: '2026-11-25T09:00:00Z' })] }));
    expect(response.units[0]!.stages[2]).toMatchObject({ status: 'late', daysLate: 5 });
    expect(response.counts).toMatchObject({ submitted: 1, valid: 1, late: 1, eligible: 1, missing: 0 });
  });

  it('the latest valid version counts; a newer invalid file does not replace it', async () => {
    const v1 = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan'));
    const v2 = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan', { 1: 2 }));
    const broken = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan', { 2: 'bốn' }));
    expect(broken.ok).toBe(false);
    const s2 = stored('u1', v2, { at: '2026-11-12T02:00:00Z', version: 2 });
    const response = consolidate(input({
      units: [unit('u1', 'Sở Y tế')],
      submissions: [stored('u1', broken, { at: '2026-11-15T02:00:00Z' }), s2, stored('u1', v1, { at: '2026-11-11T02:00:00Z', version: 1 })],
    }));
    const row = response.units[0]!;
    expect(row.stages[2]).toMatchObject({ status: 'on-time', versions: 2, latestSubmissionId: s2.id });
    expect(row.verdict!.total).toBe(48);
    expect(row.verdict!.eligible).toBe(true);
    expect(row.result!.scores.find((s) => s.number === 1)!.score).toBe(2);
  });

  it('a stage with only invalid files is "invalid" and the unit is still missing', async () => {
    const broken = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan', { 2: 'bốn' }));
    const s = stored('u1', broken, { at: '2026-11-15T02:00:00Z' });
    const response = consolidate(input({ units: [unit('u1', 'Sở Y tế')], submissions: [s] }));
    const row = response.units[0]!;
    expect(row.stages[2]).toMatchObject({ status: 'invalid', versions: 0, latestSubmissionId: s.id, daysLate: 0 });
    expect(row.verdict).toBeNull();
    expect(response.counts).toMatchObject({ submitted: 1, valid: 0, eligible: 0, missing: 1 });
  });

  it('appraisal scores change the verdict, both ways', async () => {
    const full = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan'));
    const low = await resultFor(coQuan, fillFor(coQuan, 'Sở Công Thương', 'Cơ quan', { 5: 4 }));
    expect(low.eligible).toBe(false);
    const response = consolidate(input({
      units: [unit('u1', 'Sở Y tế'), unit('u2', 'Sở Công Thương')],
      submissions: [stored('u1', full, { at: '2026-11-10T02:00:00Z' }), stored('u2', low, { at: '2026-11-10T02:00:00Z' })],
      appraisals: new Map<string, Record<number, number>>([['u1', { 8: 4.5, 1: 3 }], ['u2', { 5: 5 }]]),
    }));
    const [congThuong, yTe] = response.units;
    expect(yTe!.appraised).toBe(true);
    expect(yTe!.verdict).toEqual({
      eligible: false, total: 48.5, max: 50, threshold: 45, hardFailures: [8],
      reasons: ['Tiêu chí cứng 8 đạt 4,5/5 điểm, phải đạt điểm tối đa.'],
      passFail: false,
    });
    expect(yTe!.result!.scores.find((s) => s.number === 8)!.score).toBe(4.5);
    expect(yTe!.result!.scores.find((s) => s.number === 1)!.evidence).toBe('Nghị quyết số 12-NQ/ĐU ngày 10/01/2026');
    expect(congThuong!.verdict).toMatchObject({ eligible: true, total: 50, hardFailures: [] });
    expect(response.counts.eligible).toBe(1);
  });

  it('an appraisal score the set cannot take is a reason with the detail, not ignored', async () => {
    const full = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan'));
    const response = consolidate(input({
      units: [unit('u1', 'Sở Y tế')],
      submissions: [stored('u1', full, { at: '2026-11-10T02:00:00Z' })],
      appraisals: new Map([['u1', { 2: 7, 40: 1 }]]),
    }));
    expect(response.units[0]!.verdict!.eligible).toBe(false);
    // The invalid score counts as no score (total 46, still above 45): only the two reasons remain.
    expect(response.units[0]!.verdict!.total).toBe(46);
    expect(response.units[0]!.verdict!.reasons).toEqual([
      'Điểm thẩm định tiêu chí 2: Điểm 7 vượt điểm tối đa 4. Nhập từ 0 đến 4.',
      'Điểm thẩm định nhập cho tiêu chí 40, nhưng bộ tiêu chí của đơn vị không có tiêu chí này. Xoá điểm thẩm định đó.',
    ]);
  });

  it('an incomplete dossier is not complete and not eligible', async () => {
    const result = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan', {}, { report: true, request: true, minutes: true }));
    const response = consolidate(input({ units: [unit('u1', 'Sở Y tế')], submissions: [stored('u1', result, { at: '2026-11-10T02:00:00Z' })] }));
    expect(response.units[0]!.dossierComplete).toBe(false);
    expect(response.units[0]!.verdict!.reasons).toEqual(['Hồ sơ thiếu: Bản đăng ký.']);
  });

  it('NFD names match their NFC spelling in Vietnamese order (Đ after D)', () => {
    const names = ['Xã Đông Hòa', 'Xã Em', 'Xã Dương Hòa', 'Ấp Một', 'An Bình'].map((n, i) => (i % 2 ? n.normalize('NFD') : n));
    const response = consolidate(input({ units: names.map((n, i) => unit(`u${i}`, n, 'xa')) }));
    expect(response.units.map((u) => u.unit.name)).toEqual(['An Bình', 'Ấp Một', 'Xã Dương Hòa', 'Xã Đông Hòa', 'Xã Em']);
    expect(response.units.every((u) => u.unit.name === u.unit.name.normalize('NFC'))).toBe(true);
  });

  it('ignores other years and files without a unit', async () => {
    const good = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan'));
    const lastYear = stored('u1', good, { at: '2025-11-10T02:00:00Z', year: 2025 });
    const orphan = { ...stored('u1', good, { at: '2026-11-10T02:00:00Z' }), unitId: null };
    const response = consolidate(input({ units: [unit('u1', 'Sở Y tế')], submissions: [lastYear, orphan] }));
    expect(response.counts).toMatchObject({ submitted: 0, valid: 0, missing: 1 });
  });

  it('after the final lock a unit without a final report cannot qualify; a reopened stage can', async () => {
    const december = new Date('2026-12-05T03:00:00Z');
    const units = [unit('u1', 'Sở Y tế'), unit('u2', 'Sở Nội vụ')];
    const response = consolidate(input({ now: december, units, reopened: new Map([['u2', ['final' as const]]]) }));
    const [noiVu, yTe] = response.units;
    expect(yTe!.risk.canStillQualify).toBe(false);
    expect(noiVu!.risk.canStillQualify).toBe(true);
  });

  it('risk names the next milestone and says when all are done', async () => {
    const good = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan'));
    const early = new Date('2026-11-01T03:00:00Z');
    const all = consolidate(input({
      now: early,
      units: [unit('u1', 'Sở Y tế')],
      submissions: [
        stored('u1', good, { stage: 'registration', at: '2026-01-10T02:00:00Z' }),
        stored('u1', good, { stage: 'mid-year', at: '2026-06-12T02:00:00Z' }),
        stored('u1', good, { at: '2026-10-30T02:00:00Z' }),
      ],
    }));
    expect(all.units[0]!.risk).toEqual({ stage: null, state: 'done', label: 'Đã nộp đủ các mốc', canStillQualify: true });
    expect(all.units[0]!.stages.map((s) => s.status)).toEqual(['on-time', 'late', 'on-time']);
    const partial = consolidate(input({ now: early, units: [unit('u1', 'Sở Y tế')], submissions: [stored('u1', good, { stage: 'registration', at: '2026-01-10T02:00:00Z' })] }));
    // Mid-year is locked since 30/06: the final report, due in 19 days, is the milestone to show.
    expect(partial.units[0]!.risk).toMatchObject({ stage: 'final', state: 'upcoming', label: 'Còn 19 ngày' });
    const december = consolidate(input({ now: new Date('2026-12-05T03:00:00Z'), units: [unit('u1', 'Sở Y tế')] }));
    const finalOnly = consolidate(input({ units: [unit('u1', 'Sở Y tế')], submissions: [stored('u1', good, { at: '2026-11-25T02:00:00Z' })] }));
    // Registration and mid-year were never sent (locked), but the final report is in: that is what to show.
    expect(finalOnly.units[0]!.risk).toMatchObject({ stage: 'final', state: 'done-late', label: 'Đã nộp muộn 5 ngày' });
    // Everything locked, nothing sent: the final report's lock is shown (the year rests on it), not
    // the registration missed 320 days ago.
    expect(december.units[0]!.risk).toMatchObject({ stage: 'final', state: 'locked', label: 'Quá hạn 15 ngày, đã khoá tiếp nhận (cần Công an tỉnh mở lại)', canStillQualify: false });
  });

  it('pass-fail sets (the draft xã set) consolidate with the same rules', async () => {
    const result = await resultFor(xaSet, fillFor(xaSet, 'Xã Bình Thạnh', 'Xã', { 3: 'Chưa đạt' }));
    const response = consolidate(input({ units: [unit('u1', 'Xã Bình Thạnh', 'xa')], submissions: [stored('u1', result, { at: '2026-11-10T02:00:00Z' })] }));
    expect(response.units[0]!.verdict).toMatchObject({ eligible: false, reasons: ['Tiêu chí 3 chưa đạt.'] });
  });

  it('uses the yearly target given', () => {
    expect(consolidate(input({ yearlyTarget: 5 })).yearlyTarget).toBe(5);
  });
});

describe('versionChanges', () => {
  it('lists the criteria whose score changed, and nothing for a first version', async () => {
    const a = await resultFor(coQuan, fillFor(coQuan, 'x', 'Cơ quan', { 3: 2.5, 4: null }));
    const b = await resultFor(coQuan, fillFor(coQuan, 'x', 'Cơ quan', { 3: 3, 7: 1 }));
    expect(versionChanges(null, b)).toEqual([]);
    expect(versionChanges(a, b)).toEqual([
      { number: 3, before: 2.5, after: 3 },
      { number: 4, before: null, after: 4 },
      { number: 7, before: 4, after: 1 },
    ]);
    expect(versionChanges(b, b)).toEqual([]);
  });
});
