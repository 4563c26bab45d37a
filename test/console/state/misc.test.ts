/** Review, calendar editing, charts, windowing and session: the console's other pure functions. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionSummary, UnitsResponse } from '../../../shared/api/schemas';
import { DEFAULT_CALENDAR } from '../../../shared/deadlines/calendar';
import { editMilestone, fromForm, normaliseDayMonth, setOverride, toForm } from '../../../server/console/state/calendarEdit';
import { axisTicks, criterionAverages, setsInUse, submissionTimeline, totalsHistogram } from '../../../server/console/state/charts';
import { dateTimeVi, dateVi, kilobytesVi } from '../../../server/console/state/format';
import { issueLine, issueLocation, issuesNameCells } from '../../../shared/workbook/issues';
import { errorLines, httpError } from '../../../server/console/api/client';
import { appraisalBlocker, appraisalRefusal, appraisalRows, countedFinal, describeChange, planAppraisal, versionsForDisplay } from '../../../server/console/state/review';
import { clearToken, currentVietnamYear, loadToken, saveToken, TOKEN_KEY } from '../../../server/console/state/session';
import { rowWindow, scrollToRow } from '../../../server/console/state/windowing';
import { defaultCriteriaSets } from '../../../shared/criteria/defaults';
import { generateUnitsResponse } from '../fixtures';

let response: UnitsResponse;
beforeAll(async () => { response = await generateUnitsResponse(200, { seed: 5 }); });

function submission(over: Partial<SubmissionSummary>): SubmissionSummary {
  const result = response.units.find((u) => u.result)!.result!;
  return {
    id: 's', stage: 'final', version: 1, receivedAt: '2026-11-01T00:00:00Z', late: false, valid: true, fileName: 'a.xlsx', sha256: 'h',
    review: null, result, changes: [], ...over,
  };
}

describe('review panel', () => {
  it('counts the newest valid final version', () => {
    const list = [
      submission({ id: 'a', version: 1 }), submission({ id: 'b', version: 2 }), submission({ id: 'c', version: null, valid: false, receivedAt: '2026-11-20T00:00:00Z' }),
      submission({ id: 'd', stage: 'mid-year', version: 5 }),
    ];
    expect(countedFinal(list)?.id).toBe('b');
    expect(countedFinal([submission({ stage: 'registration' })])).toBeUndefined();
    expect(versionsForDisplay(list).map((s) => s.id)).toEqual(['c', 'b', 'a', 'd']);
  });

  it('plans the appraisal: changed criteria only, Vietnamese decimals, clearing, and errors', () => {
    const result = submission({}).result;
    const rows = appraisalRows(result, { 1: 3 });
    expect(rows.find((r) => r.number === 1)?.text).toBe('3');
    const first = rows[0]!, second = rows[1]!;
    expect(planAppraisal(rows, {}, { 1: 3 })).toEqual({ scores: {}, fieldErrors: {} });
    expect(planAppraisal(rows, { [second.number]: '3,5' }, { 1: 3 }).scores).toEqual({ [second.number]: 3.5 });
    expect(planAppraisal(rows, { [first.number]: ' ' }, { 1: 3 }).scores).toEqual({ 1: null });
    expect(planAppraisal(rows, { [first.number]: '3' }, { 1: 3 }).scores).toEqual({});
    const bad = planAppraisal(rows, { [first.number]: 'bốn', [second.number]: String(second.max + 1) }, null);
    expect(Object.keys(bad.fieldErrors)).toHaveLength(2);
    expect(bad.fieldErrors[first.number]).toContain('không phải là số');
    expect(bad.fieldErrors[second.number]).toContain('phải từ 0 đến');
    expect(appraisalBlocker(bad)).toBe(`Chưa lưu được: sửa điểm ở tiêu chí ${first.number}, ${second.number} (xem lỗi bên cạnh ô).`);
    expect(appraisalBlocker(planAppraisal(rows, {}, { 1: 3 }))).toBe('Chưa có thay đổi nào để lưu.');
    expect(appraisalBlocker(planAppraisal(rows, { [second.number]: '3,5' }, null))).toBeNull();
  });

  it('checks each appraisal score against the set\'s own bounds and step, as the server does', () => {
    const set = defaultCriteriaSets().find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
    const criterion = set.criteria.find((c) => c.step === 0.5)!;
    const row = { number: criterion.number, max: criterion.maxPoints, hard: criterion.hard, self: criterion.maxPoints, evidence: '', text: '' };
    // Off the step: the page refuses it (without the set, only the range was checked).
    expect(planAppraisal([row], { [row.number]: '3,3' }, null, set).fieldErrors[row.number]).toBe('Điểm 3,3 không đúng bước điểm 0,5. Nhập số là bội của 0,5, ví dụ 0,5 hoặc 1.');
    expect(planAppraisal([row], { [row.number]: '-1' }, null, set).fieldErrors[row.number]).toContain('không được âm');
    expect(planAppraisal([row], { [row.number]: String(criterion.maxPoints + 1) }, null, set).fieldErrors[row.number]).toContain('vượt điểm tối đa');
    expect(planAppraisal([row], { [row.number]: '3,5' }, null, set)).toEqual({ scores: { [row.number]: 3.5 }, fieldErrors: {} });
    // A pass-fail set takes its words, sent as 1 / 0.
    const xa = defaultCriteriaSets().find((s) => s.scoring.kind === 'pass-fail')!;
    const pf = { number: xa.criteria[0]!.number, max: 1, hard: false, self: 1, evidence: '', text: '' };
    expect(planAppraisal([pf], { [pf.number]: 'Chưa đạt' }, null, xa).scores).toEqual({ [pf.number]: 0 });
    expect(planAppraisal([pf], { [pf.number]: 'có lẽ' }, null, xa).fieldErrors[pf.number]).toContain('Chọn "Đạt" hoặc "Chưa đạt"');
  });

  it('puts the server\'s appraisal refusal beside the criterion it names', () => {
    const refusal = appraisalRefusal({
      kind: 'http', status: 422, code: 'appraisal-invalid', message: 'Có 2 điểm thẩm định không hợp lệ; chưa lưu điểm nào.', receipt: null, workbookUnit: null,
      details: [
        { sheet: 'Điểm thẩm định', cell: '5', message: 'Tiêu chí 5: Điểm 4,3 không đúng bước điểm 0,5. Nhập số là bội của 0,5, ví dụ 0,5 hoặc 1.' },
        { sheet: 'Điểm thẩm định', cell: 'x', message: 'Bộ tiêu chí không có tiêu chí "x".' },
      ],
    });
    expect(refusal.fields).toEqual({ 5: 'Điểm 4,3 không đúng bước điểm 0,5. Nhập số là bội của 0,5, ví dụ 0,5 hoặc 1.' });
    expect(refusal.other).toEqual(['Có 2 điểm thẩm định không hợp lệ; chưa lưu điểm nào.', "'Điểm thẩm định'!x: Bộ tiêu chí không có tiêu chí \"x\"."]);
  });

  it('says what changed between versions', () => {
    expect(describeChange({ number: 3, before: 4, after: 3.5 })).toBe('Tiêu chí 3: 4 → 3,5');
    expect(describeChange({ number: 7, before: null, after: 2 })).toBe('Tiêu chí 7: trống → 2');
  });
});

describe('calendar editing', () => {
  it('round-trips the default calendar', () => {
    const back = fromForm(toForm(DEFAULT_CALENDAR));
    expect(back).toEqual({ ok: true, value: DEFAULT_CALENDAR });
  });

  it('adds a kind\'s own milestones starting from the general ones, and removes them', () => {
    let form = setOverride(toForm(DEFAULT_CALENDAR), 'co-so-giao-duc', true);
    form = editMilestone(form, 'co-so-giao-duc', 'final', 'due', '5/11');
    const saved = fromForm(form);
    expect(saved.ok && saved.value.byUnitKind['co-so-giao-duc']?.find((m) => m.stage === 'final')?.due).toBe('05/11');
    expect(saved.ok && saved.value.milestones.find((m) => m.stage === 'final')?.due).toBe('20/11');
    const removed = fromForm(setOverride(form, 'co-so-giao-duc', false));
    expect(removed.ok && removed.value.byUnitKind).toEqual({});
  });

  it('refuses bad days and a lock before the due day, in Vietnamese', () => {
    let form = editMilestone(toForm(DEFAULT_CALENDAR), 'general', 'final', 'due', '31/13');
    form = editMilestone(form, 'general', 'mid-year', 'lock', '01/06');
    const saved = fromForm(form);
    expect(saved.ok).toBe(false);
    if (!saved.ok) {
      expect(saved.error).toHaveLength(2);
      expect(saved.error[0]).toContain('Khoá tiếp nhận Báo cáo sơ kết 6 tháng – Áp dụng chung');
      expect(saved.error.join('\n')).toContain('"31/13" không đúng dạng dd/mm');
      expect(saved.error.join('\n')).toContain('ngày khoá không được trước hạn nộp');
    }
  });

  it('normalises days typed without leading zeros', () => {
    expect(normaliseDayMonth(' 1/6 ')).toBe('01/06');
    expect(normaliseDayMonth('20.11')).toBe('20/11');
    expect(normaliseDayMonth('abc')).toBe('abc');
  });
});

describe('charts', () => {
  it('colours by eligibility, not by band: a total above the threshold with a hard criterion short is not counted eligible', () => {
    const [group] = setsInUse(response.units);
    const ofSet = response.units.filter((u) => u.result?.setId === group!.setId && u.verdict?.total !== null);
    const histogram = totalsHistogram(response.units, group!.setId);
    const eligible = ofSet.filter((u) => u.verdict!.eligible);
    expect(eligible.length).toBeGreaterThan(0);
    expect(histogram.bins.reduce((n, b) => n + b.eligible, 0)).toBe(eligible.length);
    const top = eligible[0]!;
    const hardShort = { ...top, verdict: { ...top.verdict!, eligible: false, hardFailures: [5] } };
    const withShort = totalsHistogram([...response.units, hardShort], group!.setId);
    expect(withShort.bins.reduce((n, b) => n + b.count, 0)).toBe(ofSet.length + 1);
    expect(withShort.bins.reduce((n, b) => n + b.eligible, 0)).toBe(eligible.length);
  });

  it('bins the totals of one set, every unit with a result counted once', () => {
    const [group] = setsInUse(response.units);
    const histogram = totalsHistogram(response.units, group!.setId);
    const withTotal = response.units.filter((u) => u.result?.setId === group!.setId && u.verdict?.total !== null);
    expect(histogram.bins.reduce((n, b) => n + b.count, 0)).toBe(withTotal.length);
    expect(histogram.count).toBe(withTotal.length);
    expect(histogram.bins[0]!.from).toBe(0);
    expect(histogram.bins.at(-1)!.to).toBe(histogram.max);
    // Bins at or above the threshold are "passing"; the threshold is a bin edge for 45 of 50.
    if (histogram.threshold === 45) {
      expect(histogram.bins.filter((b) => b.passing).map((b) => b.from)).toEqual([45]);
      const full = withTotal.filter((u) => u.verdict!.total! >= 45).length;
      expect(histogram.bins.at(-1)!.count).toBe(full);
    }
  });

  it('averages each criterion over the units that scored it', () => {
    const [group] = setsInUse(response.units);
    const averages = criterionAverages(response.units, group!.setId);
    const first = averages[0]!;
    const scores = response.units.filter((u) => u.result?.setId === group!.setId)
      .map((u) => u.result!.scores.find((s) => s.number === first.number)?.score).filter((s): s is number => s !== null && s !== undefined);
    expect(first.count).toBe(scores.length);
    expect(first.average).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 2);
    expect(first.ratio).toBeCloseTo(first.average / first.max, 6);
    expect(averages.map((a) => a.number)).toEqual([...averages.map((a) => a.number)].sort((a, b) => a - b));
  });

  it('accumulates submissions by Vietnam day with the due and lock days', () => {
    const timeline = submissionTimeline(response.units, 'final', DEFAULT_CALENDAR, 2026);
    const submitted = response.units.filter((u) => u.stages.find((s) => s.stage === 'final')?.status !== 'not-submitted').length;
    expect(timeline.total).toBe(submitted);
    expect(timeline.points.at(-1)?.cumulative).toBe(submitted);
    expect(timeline.points.map((p) => p.day)).toEqual([...timeline.points.map((p) => p.day)].sort());
    expect(timeline.deadlines).toEqual([{ kind: 'due', day: '2026-11-20' }, { kind: 'lock', day: '2026-11-30' }]);
    const lateNight = { ...response.units[0]!, stages: [{ stage: 'final' as const, status: 'on-time' as const, review: null, versions: 1, latestSubmissionId: 's', submittedAt: '2026-11-19T18:30:00Z', daysLate: 0 }] };
    expect(submissionTimeline([lateNight], 'final', null, 2026).points).toEqual([{ day: '2026-11-20', count: 1, cumulative: 1 }]);
  });

  it('makes whole-number axis ticks covering the maximum', () => {
    expect(axisTicks(2)).toEqual([0, 1, 2]);
    expect(axisTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(1000)).toEqual([0, 500, 1000]);
    expect(axisTicks(0)).toEqual([0]);
  });
});

describe('windowing', () => {
  it('renders only the rows in view plus a margin', () => {
    expect(rowWindow(0, 400, 40, 1000, 5)).toEqual({ start: 0, end: 16, offsetTop: 0, totalHeight: 40000 });
    const middle = rowWindow(20000, 400, 40, 1000, 5);
    expect(middle.start).toBe(495);
    expect(middle.end).toBe(516);
    expect(rowWindow(10 ** 9, 400, 40, 1000, 5).end).toBe(1000);
    expect(rowWindow(0, 400, 40, 0)).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
    expect(rowWindow(0, 400, 40, 3).end).toBe(3);
  });

  it('scrolls just enough to show a row', () => {
    expect(scrollToRow(0, 400, 40, 5)).toBe(0);
    expect(scrollToRow(0, 400, 40, 10)).toBe(40);
    expect(scrollToRow(800, 400, 40, 3)).toBe(120);
  });
});

describe('session and formats', () => {
  it('keeps the token in the given storage, trimmed', () => {
    const map = new Map<string, string>();
    const store = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
    expect(loadToken(store)).toBeNull();
    saveToken(store, '  dha_abc \n');
    expect(map.get(TOKEN_KEY)).toBe('dha_abc');
    expect(loadToken(store)).toBe('dha_abc');
    clearToken(store);
    expect(loadToken(store)).toBeNull();
  });

  it('uses the Vietnam year and dates', () => {
    expect(currentVietnamYear(new Date('2026-12-31T18:00:00Z'))).toBe(2027);
    expect(dateTimeVi('2026-11-19T18:30:00Z')).toBe('20/11/2026 01:30');
    expect(dateVi('2026-11-19T18:30:00Z')).toBe('20/11/2026');
    expect(dateVi(null)).toBe('');
    expect(dateVi('hôm qua')).toBe('');
    expect(kilobytesVi(12_697)).toBe('12,4');
  });
});

describe('where a workbook issue is', () => {
  const broken = { sheet: '', cell: '', message: 'Tệp .xlsx bị hỏng, không đọc được.' };
  const sheetOnly = { sheet: 'Thông tin đơn vị', cell: '', message: 'Đơn vị "Công ty Mới" không có trong danh sách đơn vị của năm.' };
  const cell = { sheet: 'Chấm điểm', cell: 'D12', message: 'Điểm 7 vượt điểm tối đa 4.' };

  it('is written only as far as the server knows it: sheet and cell, the sheet alone, or nothing', () => {
    expect(issueLocation(cell)).toBe("'Chấm điểm'!D12");
    expect(issueLocation(sheetOnly)).toBe("'Thông tin đơn vị'");
    expect(issueLocation(broken)).toBe('');
    expect(issueLocation({ sheet: 'Sheet1', cell: 'A1' })).toBe('Sheet1!A1');
    expect(issueLine(broken)).toBe('Tệp .xlsx bị hỏng, không đọc được.');
    expect(issueLine(sheetOnly)).toBe("'Thông tin đơn vị': Đơn vị \"Công ty Mới\" không có trong danh sách đơn vị của năm.");
    for (const line of [issueLine(broken), issueLine(sheetOnly), issueLine(cell)]) expect(line).not.toMatch(/!:|^!|!$/u);
  });

  it('a heading speaks of cells only when an issue names one', () => {
    expect(issuesNameCells([broken, sheetOnly])).toBe(false);
    expect(issuesNameCells([broken, cell])).toBe(true);
  });

  it('refusals listed elsewhere in the console write places the same way (no sheet dropped, no bare "!")', () => {
    const refusal = httpError(400, { error: { code: 'bad-request', message: 'Lịch chưa hợp lệ.', details: [sheetOnly, broken, cell] } });
    expect(errorLines(refusal)).toEqual(['Lịch chưa hợp lệ.', issueLine(sheetOnly), broken.message, "'Chấm điểm'!D12: Điểm 7 vượt điểm tối đa 4."]);
    const appraisal = httpError(422, { error: { code: 'appraisal-invalid', message: 'Có 1 điểm không hợp lệ.', details: [sheetOnly] } });
    expect(appraisalRefusal(appraisal).other).toEqual(['Có 1 điểm không hợp lệ.', issueLine(sheetOnly)]);
  });
});
