/**
 * The báo cáo of a large year: past REPORT_LIST_LIMIT units, the lists of units not proposed and
 * of units without a valid final report are counts by reason that add up to every such unit, with
 * a reference to the consolidated workbook; the proposed units are still listed one by one; a
 * year at or under the limit keeps one line per unit.
 */
import { describe, expect, it } from 'vitest';
import type { UnitStatus } from '../../shared/api/schemas';
import { finalStage } from '../../shared/consolidation/consolidate';
import { approvalOf, proposedList, proposedUnits } from '../../shared/consolidation/proposal';
import { defaultDocumentSettings } from '../../shared/documents/settings';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds';
import { latenessLabel, REPORT_LIST_LIMIT, reportData } from '../../server/documents/data';
import { registry } from '../consolidation/fixtures';
import { generateUnitsResponse } from '../console/fixtures';

const today = new Date(Date.UTC(2026, 10, 30, 3));
const countOf = (line: string): number => Number(/^- (\d+) đơn vị/u.exec(line)?.[1] ?? Number.NaN);

describe('báo cáo of a large year', () => {
  it('counts the units not proposed and those without a valid report by reason, adding up to each list', async () => {
    const response = await generateUnitsResponse(REPORT_LIST_LIMIT * 3, { seed: 3 });
    const data = reportData({ response, settings: defaultDocumentSettings(), sets: registry, today });
    const proposed = proposedList(proposedUnits(response, { sets: registry, includePending: false }));
    const proposedIds = new Set(proposed.map((p) => p.row.unit.id));
    const notProposed = response.units.filter((u) => u.verdict && !proposedIds.has(u.unit.id));
    const missing = response.units.filter((u) => !u.verdict);
    expect(notProposed.length).toBeGreaterThan(REPORT_LIST_LIMIT);
    expect(missing.length).toBeGreaterThan(0);

    const see = 'Danh sách từng đơn vị: xem Bảng tổng hợp điển hình năm 2026 kèm theo.';
    expect(data.notProposedIntro).toBe(`Có ${notProposed.length} đơn vị đã nộp hồ sơ hợp lệ nhưng chưa đề nghị công nhận:`);
    expect(data.notProposedLines.at(-1)).toBe(see);
    const counted = data.notProposedLines.slice(0, -1);
    expect(counted.reduce((sum, line) => sum + countOf(line), 0)).toBe(notProposed.length);
    const notEligible = notProposed.filter((u) => !u.verdict!.eligible).length;
    expect(counted).toContain(`- ${notEligible} đơn vị chưa đủ điều kiện;`);
    const pending = notProposed.filter((u) => u.verdict!.eligible && approvalOf(u) !== 'refused').length;
    if (pending > 0) expect(counted).toContain(`- ${pending} đơn vị đủ điều kiện nhưng hồ sơ chưa được duyệt;`);

    if (missing.length > REPORT_LIST_LIMIT) {
      expect(data.missingLines.at(-1)).toBe(see);
      expect(data.missingLines.slice(0, -1).reduce((sum, line) => sum + countOf(line), 0)).toBe(missing.length);
    } else {
      expect(data.missingLines).toHaveLength(missing.length);
    }
    // Every proposed unit is named, one by one.
    expect(data.sections.flatMap((s) => s.units.map((u) => u.name))).toEqual(proposed.map((p) => p.row.unit.name));
  });

  it('counts units without a valid report by reason too, past the limit', async () => {
    const response = await generateUnitsResponse(REPORT_LIST_LIMIT * 6, { seed: 8 });
    const missing = response.units.filter((u) => !u.verdict);
    expect(missing.length).toBeGreaterThan(REPORT_LIST_LIMIT);
    const data = reportData({ response, settings: defaultDocumentSettings(), sets: registry, today });
    const invalid = missing.filter((u) => finalStage(u).status === 'invalid').length;
    expect(data.missingLines).toEqual([
      ...(invalid > 0 ? [`- ${invalid} đơn vị đã gửi tệp nhưng tệp không hợp lệ, chưa có bản hợp lệ;`] : []),
      `- ${missing.length - invalid} đơn vị chưa gửi báo cáo kết quả năm;`,
      'Danh sách từng đơn vị: xem Bảng tổng hợp điển hình năm 2026 kèm theo.',
    ]);
  });

  it('keeps one line per unit at or under the limit', async () => {
    const response = await generateUnitsResponse(60, { seed: 3 });
    const data = reportData({ response, settings: defaultDocumentSettings(), sets: registry, today });
    const proposedIds = new Set(proposedList(proposedUnits(response, { sets: registry, includePending: false })).map((p) => p.row.unit.id));
    const notProposed = response.units.filter((u) => u.verdict && !proposedIds.has(u.unit.id));
    expect(data.notProposedLines).toHaveLength(notProposed.length);
    expect(data.notProposedLines[0]).toMatch(/^1\. /u);
    const missing = response.units.filter((u) => !u.verdict);
    expect(data.missingLines).toHaveLength(missing.length);
    // Each unit with its kind and xã/phường: two schools of one name in two communes stay two.
    const named = (u: UnitStatus) => `${u.unit.name} (${UNIT_KIND_LABELS[u.unit.kind]}${u.unit.parent ? `, ${u.unit.parent}` : ''})`;
    expect([...notProposed, ...missing].some((u) => u.unit.parent !== '')).toBe(true);
    notProposed.forEach((u, i) => expect(data.notProposedLines[i]!.startsWith(`${i + 1}. ${named(u)}:`)).toBe(true));
    missing.forEach((u, i) => expect(data.missingLines[i]!.startsWith(`${i + 1}. ${named(u)}`)).toBe(true));
    for (const line of [...data.notProposedLines, ...data.missingLines]) expect(line).toMatch(/[.;]$/u);
  });
});

describe('báo cáo says only what happened', () => {
  it('says, offline, that lateness is counted from the files\' dates (there is no receipt) and against which calendar', async () => {
    const response = await generateUnitsResponse(20, { seed: 2 });
    const lateLine = (fromFiles?: { calendarTitle: string }) => reportData({ response, settings: defaultDocumentSettings(), sets: registry, today, ...(fromFiles ? { fromFiles } : {}) })
      .intakeLines.find((l) => l.startsWith('Số đơn vị nộp muộn'));
    expect(lateLine()).toBe(`Số đơn vị nộp muộn so với hạn đang áp dụng: ${response.counts.late} đơn vị.`);
    expect(lateLine({ calendarTitle: 'Lịch năm 2026 của Công an tỉnh' })).toBe(`Số đơn vị nộp muộn so với hạn nộp theo "Lịch năm 2026 của Công an tỉnh": ${response.counts.late} đơn vị (thời điểm nhận tính theo ngày sửa đổi của tệp, do tổng hợp từ thư mục tệp, không có biên nhận).`);
  });

  it('names the appraisal only when the council re-scored a unit, and no exception for a file after the lock day', async () => {
    const response = await generateUnitsResponse(40, { seed: 5 });
    const eligibleLine = (r: typeof response) => reportData({ response: r, settings: defaultDocumentSettings(), sets: registry, today }).intakeLines.find((l) => /^Số đơn vị đủ điều kiện(?: \(|:)/u.test(l));
    const none = { ...response, units: response.units.map((u) => ({ ...u, appraised: false })) };
    expect(eligibleLine(none)).toBe(`Số đơn vị đủ điều kiện: ${response.counts.eligible} đơn vị.`);
    const one = { ...none, units: none.units.map((u, i) => (i === 0 ? { ...u, appraised: true } : u)) };
    expect(eligibleLine(one)).toBe(`Số đơn vị đủ điều kiện (theo điểm sau thẩm định): ${response.counts.eligible} đơn vị.`);

    // Offline, a file dated after the lock day came in through no exception: only the fact is said.
    const stage = finalStage(response.units[0]!);
    expect(latenessLabel({ ...stage, status: 'late', daysLate: 16, afterLock: true })).toBe('Muộn 16 ngày (sau hạn khoá)');
    expect(latenessLabel({ ...stage, status: 'late', daysLate: 2, afterLock: false })).toBe('Muộn 2 ngày');
  });
});
