import { describe, expect, it } from 'vitest';
import { consolidate } from '../../shared/consolidation/consolidate';
import { proposedList, proposedUnits } from '../../shared/consolidation/proposal';
import { expectedFromList, inputFromFiles, type FoundFile } from '../../shared/consolidation/fromFiles';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { asStageReport } from '../../shared/workbook/check';
import type { CheckResult } from '../../shared/workbook/checkResult';
import { coQuan, fillFor, registry, resultFor, sets, unit, xaSet } from './fixtures';
import { vi } from '../../shared/i18n/vi';

const NOW = new Date('2026-11-23T03:00:00Z');
let n = 0;
function found(result: CheckResult, mtime: string, sha = `h${++n}`, path = `tep-${n}.xlsx`): FoundFile {
  return { path, mtime: new Date(mtime), sha256: sha, result };
}

describe('inputFromFiles', () => {
  it('groups files by unit name key, numbers valid versions by modification time, latest counts', async () => {
    const v1 = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan', { 1: 2 }));
    const v2 = await resultFor(coQuan, fillFor(coQuan, '  sở y   TẾ '.normalize('NFD'), 'Cơ quan'));
    const broken = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan', { 2: 'bốn' }));
    const files = [found(v2, '2026-11-12T02:00:00Z'), found(broken, '2026-11-13T02:00:00Z'), found(v1, '2026-11-10T02:00:00Z')];
    const input = inputFromFiles(files, { now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(input.year).toBe(2026);
    // One unit under its name + parent key; the latest valid file's spelling (NFC, spaces as the reader cleaned them) names it.
    expect(input.units).toEqual([{ id: 'sở y tế|cao lãnh', code: '', name: 'sở y TẾ', kind: 'co-quan', parent: 'Phường Cao Lãnh', contact: 'Trần Thị B' }]);
    expect(input.submissions.map((s) => [s.version, s.valid, s.fileName])).toEqual([[1, true, files[2]!.path], [2, true, files[0]!.path], [null, false, files[1]!.path]]);
    const response = consolidate({ ...input, now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(response.units[0]!.stages[2]).toMatchObject({ status: 'on-time', versions: 2 });
    expect(response.units[0]!.verdict!.total).toBe(50);
  });

  it('does not let a later blank form replace the scored report (as intake refuses it)', async () => {
    const scored = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan'));
    const blank = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan', Object.fromEntries(coQuan.criteria.map((c) => [c.number, null]))));
    expect(blank.ok).toBe(true);
    const input = inputFromFiles([found(scored, '2026-11-10T02:00:00Z'), found(blank, '2026-11-12T02:00:00Z')], { now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(input.submissions.map((s) => [s.version, s.valid])).toEqual([[1, true], [null, false]]);
    expect(input.submissions[1]!.result!.errors.map((e) => e.sheet)).toEqual(['Chấm điểm']);
    const response = consolidate({ ...input, now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(response.units[0]!.verdict).toMatchObject({ total: 50, eligible: true });
  });

  it('counts identical bytes once and says which file it repeats', async () => {
    const r = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan'));
    const input = inputFromFiles([found(r, '2026-11-12T02:00:00Z', 'same', 'b/copy.xlsx'), found(r, '2026-11-10T02:00:00Z', 'same', 'a/original.xlsx')], { now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(input.submissions).toHaveLength(1);
    expect(input.submissions[0]!.fileName).toBe('a/original.xlsx');
    expect(input.notes).toEqual([{ kind: 'duplicate', file: 'b/copy.xlsx', first: 'a/original.xlsx' }]);
  });

  it('marks files received after the due day late, from their modification time', async () => {
    const r = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan'));
    const input = inputFromFiles([found(r, '2026-11-22T18:00:00Z')], { now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    // The modification time stands for the time received; lateness is derived from it by consolidate.
    expect(input.submissions[0]!.receivedAt).toEqual(new Date('2026-11-22T18:00:00Z'));
    const response = consolidate({ year: input.year, now: NOW, calendar: DEFAULT_CALENDAR, units: input.units, submissions: input.submissions, sets: registry });
    // 22/11 18:00 UTC is 23/11 01:00 in Vietnam: three days after 20/11.
    expect(response.units[0]!.stages[2]).toMatchObject({ status: 'late', daysLate: 3 });
  });

  it('notes files without a unit, without a kind, and of another year', async () => {
    const noUnit = await resultFor(coQuan, fillFor(coQuan, '', 'Cơ quan'));
    const noKind = await resultFor(coQuan, { ...fillFor(coQuan, 'Sở Nội vụ', ''), unit: { name: 'Sở Nội vụ', year: 2026 } });
    const lastYear = await resultFor(coQuan, { ...fillFor(coQuan, 'Sở Xây dựng', 'Cơ quan'), unit: { name: 'Sở Xây dựng', kind: 'Cơ quan', year: 2025 } });
    const ok = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan'));
    const files = [found(noUnit, '2026-11-10T02:00:00Z'), found(noKind, '2026-11-10T03:00:00Z'), found(lastYear, '2026-11-10T04:00:00Z'), found(ok, '2026-11-10T05:00:00Z')];
    const input = inputFromFiles(files, { now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(input.notes).toEqual([
      { kind: 'no-unit', file: files[0]!.path },
      { kind: 'other-year', file: files[2]!.path, year: 2025 },
      { kind: 'no-kind', file: files[1]!.path, name: 'Sở Nội vụ' },
    ]);
    expect(input.units.map((u) => u.name)).toEqual(['Sở Y tế']);
  });

  it('with an expected list: listed units without files are missing; files of unlisted units are set apart, never counted or proposed', async () => {
    const r = await resultFor(coQuan, fillFor(coQuan, 'Sở Y Tế', 'Cơ quan'));
    const other = await resultFor(coQuan, fillFor(coQuan, 'Sở Tư pháp', 'Cơ quan'));
    const files = [found(r, '2026-11-10T02:00:00Z'), found(other, '2026-11-10T02:00:00Z')];
    const input = inputFromFiles(files, { year: 2026, now: NOW, calendar: DEFAULT_CALENDAR, sets: registry, expected: [unit('u1', 'Sở Y tế'), unit('u2', 'Sở Xây dựng')] });
    expect(input.units.map((u) => [u.id, u.name])).toEqual([['u2', 'Sở Xây dựng'], ['u1', 'Sở Y tế']]);
    expect(input.unlisted.map((u) => [u.name, u.files])).toEqual([['Sở Tư pháp', [files[1]!.path]]]);
    expect(input.notes).toEqual([{ kind: 'not-on-list', file: files[1]!.path, name: 'Sở Tư pháp' }]);
    const response = consolidate({ ...input, now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(response.counts).toMatchObject({ expected: 2, valid: 1, missing: 1, eligible: 1 });
    // Offline nothing is reviewed: even a draft listing units that wait for review proposes only listed units.
    expect(proposedList(proposedUnits(response, { sets: registry, includePending: true })).map((p) => p.row.unit.name)).toEqual(['Sở Y tế']);
  });

  it('keeps two schools of one name in two communes apart, with or without the list; a name-only file is never put on a guess', async () => {
    const kimDong = 'Trường Tiểu học Kim Đồng';
    const tanHong = await resultFor(coQuan, { ...fillFor(coQuan, kimDong, 'Cơ sở giáo dục', { 1: 2 }), unit: { name: kimDong, kind: 'Cơ sở giáo dục', parent: 'Xã Tân Hồng', year: 2026 } });
    const thapMuoi = await resultFor(coQuan, { ...fillFor(coQuan, kimDong, 'Cơ sở giáo dục'), unit: { name: kimDong, kind: 'Cơ sở giáo dục', parent: 'Xã Tháp Mười', year: 2026 } });
    const nameOnly = await resultFor(coQuan, { ...fillFor(coQuan, kimDong, 'Cơ sở giáo dục'), unit: { name: kimDong, kind: 'Cơ sở giáo dục', parent: '', year: 2026 } });
    const files = [found(tanHong, '2026-11-10T02:00:00Z'), found(thapMuoi, '2026-11-10T03:00:00Z'), found(nameOnly, '2026-11-10T04:00:00Z')];
    const alone = inputFromFiles(files.slice(0, 2), { now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(alone.units.map((u) => u.parent)).toEqual(['Xã Tân Hồng', 'Xã Tháp Mười']);

    const expected = expectedFromList([
      { name: kimDong, kind: 'co-so-giao-duc', parent: 'Xã Tân Hồng', contact: '' },
      { name: kimDong, kind: 'co-so-giao-duc', parent: 'Xã Tháp Mười', contact: '' },
    ]);
    expect(expected.map((u) => u.code)).toEqual(['GD-001', 'GD-002']);
    const input = inputFromFiles(files, { year: 2026, now: NOW, calendar: DEFAULT_CALENDAR, sets: registry, expected });
    const response = consolidate({ ...input, now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(response.units.map((u) => [u.unit.code, u.verdict?.total])).toEqual([['GD-001', 48], ['GD-002', 50]]);
    expect(input.notes).toEqual([{ kind: 'ambiguous', file: files[2]!.path, name: kimDong, candidates: ['GD-001', 'GD-002'] }]);
    expect(input.submissions.map((s) => s.fileName)).not.toContain(files[2]!.path);
  });

  it('refuses a file on a set that does not apply to its unit\'s kind, listed or made from its files, whatever kind the file names', async () => {
    const company = 'Công ty TNHH Sa Đéc';
    const own = await resultFor(coQuan, fillFor(coQuan, company, 'Doanh nghiệp'));
    const pass = Object.fromEntries(xaSet.criteria.map((c) => [c.number, 'Đạt']));
    // The Xã form as downloaded blank (no kind typed), and with "Xã" typed: the reader takes both.
    const blankKind = await resultFor(xaSet, fillFor(xaSet, company, '', pass));
    const typedXa = await resultFor(xaSet, fillFor(xaSet, company, 'Xã', pass));
    expect([blankKind.ok, typedXa.ok]).toEqual([true, true]);
    const files = [found(own, '2026-11-10T02:00:00Z'), found(blankKind, '2026-11-11T02:00:00Z'), found(typedXa, '2026-11-12T02:00:00Z')];

    const listed = inputFromFiles(files, { year: 2026, now: NOW, calendar: DEFAULT_CALENDAR, sets: registry, expected: [unit('dn', company, 'doanh-nghiep')] });
    expect(listed.submissions.map((x) => [x.version, x.valid])).toEqual([[1, true], [null, false], [null, false]]);
    const refusal = listed.submissions[1]!.result!.errors.at(-1)!;
    expect(refusal.sheet).toBe('Bộ tiêu chí');
    expect(refusal.message).toContain(`Bộ tiêu chí "${xaSet.title}" của bảng chấm điểm này chỉ áp dụng cho Xã, Phường, Đặc khu`);
    expect(refusal.message).toContain('đơn vị thuộc loại "Doanh nghiệp"');
    expect(refusal.message).toMatch(/Hãy tải bảng chấm điểm dành cho loại "Doanh nghiệp" tại trang dành cho đơn vị/u);
    // What the command line reports: the files as judged, in the order given.
    expect(listed.files.map((f) => f.result.ok)).toEqual([true, false, false]);
    expect(listed.files[2]!.result.errors.at(-1)).toEqual(listed.submissions[2]!.result!.errors.at(-1));
    const response = consolidate({ ...listed, now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(response.units[0]!.verdict).toMatchObject({ total: 50, max: 50, eligible: true });

    // Without a list the unit's kind is the one its files name: the Xã form naming none is judged against it.
    const alone = inputFromFiles(files.slice(0, 2), { now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(alone.units.map((u) => u.kind)).toEqual(['doanh-nghiep']);
    expect(alone.submissions.map((x) => x.valid)).toEqual([true, false]);
  });

  it('warns, and notes, a file that counts on another criteria set than the file counted before it', async () => {
    const school = 'Trường Tiểu học Kim Đồng';
    const safety = sets.find((x) => x.id === 'an-toan-antt-co-so-giao-duc')!;
    const scored = await resultFor(coQuan, fillFor(coQuan, school, 'Cơ sở giáo dục', { 1: 2 }));
    const rescored = await resultFor(coQuan, fillFor(coQuan, school, 'Cơ sở giáo dục'));
    const checklist = await resultFor(safety, fillFor(safety, school, 'Cơ sở giáo dục', Object.fromEntries(safety.criteria.map((c) => [c.number, 'Đạt']))));
    const back = await resultFor(coQuan, fillFor(coQuan, school, 'Cơ sở giáo dục', { 2: 3 }));
    const files = [
      found(scored, '2026-11-09T02:00:00Z'), found(rescored, '2026-11-10T02:00:00Z'),
      found(checklist, '2026-11-11T02:00:00Z'), found(back, '2026-11-12T02:00:00Z'),
    ];
    const input = inputFromFiles(files, { year: 2026, now: NOW, calendar: DEFAULT_CALENDAR, sets: registry, expected: [unit('gd', school, 'co-so-giao-duc')] });
    expect(input.submissions.map((x) => [x.version, x.valid])).toEqual([[1, true], [2, true], [3, true], [4, true]]);
    const warned = (i: number) => input.submissions[i]!.result!.warnings.filter((w) => w.sheet === 'Bộ tiêu chí').map((w) => w.message);
    // Another version on the same set is no change of set.
    expect([warned(0), warned(1)]).toEqual([[], []]);
    expect(warned(2)).toEqual([
      `Bảng chấm điểm này theo bộ tiêu chí "${safety.title}", khác bộ tiêu chí "${coQuan.title}" của phiên bản 2 (bản được tính trước tệp này). ` +
      `Tệp vẫn được nhận và từ nay đơn vị được xét theo bộ tiêu chí "${safety.title}". ` +
      `Nếu Công an tỉnh không yêu cầu đổi bộ tiêu chí, hãy nộp lại bảng chấm điểm theo bộ "${coQuan.title}" (tải tại trang dành cho đơn vị).`,
      // The checklist is a set the province uses only when it asks: a yearly report on it says so, as intake does.
      vi.setOnRequest(safety.title, 'Điển hình'),
    ]);
    expect(warned(3)).toEqual([expect.stringContaining(`khác bộ tiêu chí "${safety.title}" của phiên bản 3`)]);
    expect(input.notes).toEqual([
      { kind: 'set-changed', file: files[2]!.path, previous: files[1]!.path, message: warned(2)[0] },
      { kind: 'set-on-request', file: files[2]!.path, message: warned(2)[1] },
      { kind: 'set-changed', file: files[3]!.path, previous: files[2]!.path, message: warned(3)[0] },
    ]);
    expect(input.files[2]!.result.warnings).toEqual(input.submissions[2]!.result!.warnings);
  });

  it('takes the year most files state', async () => {
    const a = await resultFor(coQuan, { ...fillFor(coQuan, 'A', 'Cơ quan'), unit: { name: 'A', kind: 'Cơ quan', year: 2027 } });
    const b = await resultFor(coQuan, { ...fillFor(coQuan, 'B', 'Cơ quan'), unit: { name: 'B', kind: 'Cơ quan', year: 2027 } });
    const c = await resultFor(coQuan, fillFor(coQuan, 'C', 'Cơ quan'));
    const input = inputFromFiles([found(a, '2027-11-01T00:00:00Z'), found(b, '2027-11-01T00:00:00Z'), found(c, '2027-11-01T00:00:00Z')], { now: NOW, calendar: DEFAULT_CALENDAR, sets: registry });
    expect(input.year).toBe(2027);
    expect(input.notes.map((x) => x.kind)).toEqual(['other-year']);
  });
});

describe('asStageReport', () => {
  it('refuses a mid-year or final report with no criterion scored; a registration, or one score given, passes as it is', async () => {
    const blank = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan', Object.fromEntries(coQuan.criteria.map((c) => [c.number, null]))));
    const oneScore = await resultFor(coQuan, fillFor(coQuan, 'Sở Y tế', 'Cơ quan', Object.fromEntries(coQuan.criteria.slice(1).map((c) => [c.number, null]))));
    expect(asStageReport(blank, 'registration')).toBe(blank);
    expect(asStageReport(oneScore, 'final')).toBe(oneScore);
    const midYear = asStageReport(blank, 'mid-year');
    expect(midYear).toMatchObject({ ok: false, eligible: false });
    expect(midYear.errors.at(-1)!.message).toMatch(/không phải là báo cáo sơ kết 6 tháng/u);
    expect(blank.ok).toBe(true); // the reader's result itself is left as it was
  });
});
