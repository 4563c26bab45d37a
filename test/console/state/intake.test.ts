/** Bulk intake's pure rules: what each answer means, concurrency, and the file list. */
import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/api/schemas';
import { httpError } from '../../../server/console/api/client';
import { intakeReducer, needsUnit, newUnitProblems, nextToStart, outcomeOf, splitWorkbooks, tally, type IntakeItem } from '../../../server/console/state/intake';
import { err, ok } from '../../../shared/util/result';

const receipt = (over: Partial<Receipt> = {}): Receipt => ({
  submissionId: 's1', unit: { id: 'u1', code: 'GD-001', name: 'Trường THCS Vĩnh Thuận', kind: 'co-so-giao-duc', parent: 'Xã Vĩnh Thuận' }, year: 2026, stage: 'final',
  version: 1, receivedAt: '2026-11-10T03:00:00Z', late: false, daysLate: 0, duplicate: false, valid: true, verdict: null, errors: [], warnings: [],
  sha256: 'abc', fileName: 'a.xlsx', ...over,
});

describe('outcome of an answer', () => {
  it('accepted, new version, duplicate', () => {
    expect(outcomeOf(ok({ status: 201, receipt: receipt() })).kind).toBe('accepted');
    expect(outcomeOf(ok({ status: 201, receipt: receipt({ version: 2 }) })).kind).toBe('new-version');
    expect(outcomeOf(ok({ status: 200, receipt: receipt({ duplicate: true, version: 3 }) })).kind).toBe('duplicate');
  });

  it('rejected with the cells to fix from the receipt', () => {
    const errors = [{ sheet: 'Chấm điểm', cell: 'D12', message: 'Điểm 7 vượt điểm tối đa 4.' }];
    const body = { error: { code: 'workbook-invalid', message: 'Bảng chấm điểm có 1 lỗi cần sửa', details: errors, receipt: receipt({ valid: false, version: null, errors }) } };
    const outcome = outcomeOf(err(httpError(422, body)));
    expect(outcome).toMatchObject({ kind: 'rejected', message: 'Bảng chấm điểm có 1 lỗi cần sửa', issues: errors });
  });

  it('a unit not on the list, with the unit the workbook names', () => {
    const workbookUnit = { name: 'Công ty TNHH Mới', kind: 'doanh-nghiep' as const, parent: 'Phường 1', contact: 'Chị Hoa' };
    const body = { error: { code: 'unit-unknown', message: 'Đơn vị "Công ty TNHH Mới" không có trong danh sách', workbookUnit } };
    const outcome = outcomeOf(err(httpError(422, body)));
    expect(outcome.kind).toBe('unit-unknown');
    expect(outcome.workbookUnit).toEqual({ code: '', ...workbookUnit });
    expect(outcome.issues).toEqual([]);
  });

  it('a file several units could own offers each candidate, and choosing one sends it again for that unit', () => {
    const candidates = [
      { id: 'a', code: 'GD-001', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc' as const, parent: 'Xã Tân Hồng' },
      { id: 'b', code: 'GD-002', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc' as const, parent: 'Xã Tháp Mười' },
    ];
    const body = { error: { code: 'unit-ambiguous', message: 'Có 2 đơn vị tên "Trường Tiểu học Kim Đồng"', candidates } };
    const outcome = outcomeOf(err(httpError(409, body)));
    expect(outcome).toMatchObject({ kind: 'unit-ambiguous', candidates });
    const added = intakeReducer([], { type: 'add', files: [{ id: 'f', fileName: 'kim-dong.xlsx', size: 10, stage: null }] });
    const done = intakeReducer(added, { type: 'finish', id: 'f', outcome });
    const chosen = intakeReducer(done, { type: 'choose', id: 'f', unitCode: 'GD-002' });
    expect(chosen[0]).toMatchObject({ phase: 'queued', unitCode: 'GD-002', outcome: null });
    expect(nextToStart(chosen, 3)).toEqual(['f']);
  });

  it('keeps a file several units could own apart from one whose unit is not on the list: its own kind, count and way on', () => {
    const candidates = [
      { id: 'a', code: 'GD-001', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc' as const, parent: 'Xã Tân Hồng' },
      { id: 'b', code: 'GD-002', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc' as const, parent: 'Xã Tháp Mười' },
    ];
    const ambiguous = outcomeOf(err(httpError(409, { error: { code: 'unit-ambiguous', message: 'Có 2 đơn vị tên "Trường Tiểu học Kim Đồng"', candidates } })));
    const unknown = outcomeOf(err(httpError(422, { error: { code: 'unit-unknown', message: 'Đơn vị "Công ty Mới" không có trong danh sách' } })));
    expect(ambiguous.kind).toBe('unit-ambiguous');
    expect(unknown.kind).toBe('unit-unknown');
    let list = items(3);
    list = intakeReducer(list, { type: 'finish', id: 'f0', outcome: ambiguous });
    list = intakeReducer(list, { type: 'finish', id: 'f1', outcome: unknown });
    list = intakeReducer(list, { type: 'finish', id: 'f2', outcome: { kind: 'accepted', receipt: receipt(), message: '', issues: [] } });
    expect(tally(list).byKind).toMatchObject({ 'unit-ambiguous': 1, 'unit-unknown': 1, accepted: 1 });
    // Both wait for the officer: clearing the settled files keeps them.
    expect(needsUnit('unit-ambiguous') && needsUnit('unit-unknown') && !needsUnit('failed')).toBe(true);
    expect(intakeReducer(list, { type: 'clear-done' }).map((i) => i.id)).toEqual(['f0', 'f1']);
  });

  it('adding a unit whose name is already listed needs a xã/phường none of them has', () => {
    const candidates = [
      { id: 'a', code: 'GD-001', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc' as const, parent: 'Xã Tân Hồng' },
      { id: 'b', code: 'GD-002', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc' as const, parent: 'Xã Tháp Mười' },
    ];
    const form = { name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: '' };
    expect(newUnitProblems(form, candidates).parent).toMatch(/^Chưa nhập xã\/phường: danh sách đã có 2 đơn vị cùng tên/u);
    // "Tháp Mười" is GD-002's "Xã Tháp Mười" (matching ignores the "Xã"): choose it instead.
    expect(newUnitProblems({ ...form, parent: ' tháp mười ' }, candidates).parent).toMatch(/^Đơn vị GD-002 cùng tên đã ở Xã Tháp Mười/u);
    expect(newUnitProblems({ ...form, parent: 'Xã Mỹ An' }, candidates)).toEqual({});
    // No unit of that name: the xã/phường may stay empty; name and kind are always needed.
    expect(newUnitProblems({ ...form, parent: '' }, [])).toEqual({});
    expect(newUnitProblems({ name: ' ', kind: '', parent: '' }, [])).toEqual({ name: 'Chưa nhập tên đơn vị.', kind: 'Chưa chọn loại đơn vị.' });
  });

  it('network and server failures can be retried, with their message', () => {
    expect(outcomeOf(err({ kind: 'network', message: 'Không kết nối được máy chủ.' }))).toMatchObject({ kind: 'failed', message: 'Không kết nối được máy chủ.' });
    expect(outcomeOf(err(httpError(503, { error: { code: 'busy', message: 'Máy chủ đang bận' } })))).toMatchObject({ kind: 'failed', message: 'Máy chủ đang bận' });
    expect(outcomeOf(err(httpError(429, { error: { code: 'too-many-uploads', message: 'Đang gửi quá nhiều tệp' } }))).kind).toBe('failed');
    // A refusal of the file itself is not retried as it is: its message says what to do.
    const locked = outcomeOf(err(httpError(423, { error: { code: 'locked', message: 'Đã quá ngày khoá tiếp nhận' } })));
    expect(locked).toMatchObject({ kind: 'rejected', message: 'Đã quá ngày khoá tiếp nhận' });
    expect(outcomeOf(err(httpError(400, { error: { code: 'empty-body', message: 'Tệp đã chọn trống (0 byte)' } }))).kind).toBe('rejected');
    expect(outcomeOf(err(httpError(500, 'not json'))).message).toBe('Máy chủ báo lỗi 500.');
  });
});

function items(n: number): IntakeItem[] {
  return intakeReducer([], { type: 'add', files: Array.from({ length: n }, (_, i) => ({ id: `f${i}`, fileName: `${i}.xlsx`, size: 1000, stage: null })) });
}

describe('the file list', () => {
  it('starts at most the limit at once, in the order added', () => {
    let list = items(5);
    expect(nextToStart(list, 3)).toEqual(['f0', 'f1', 'f2']);
    for (const id of ['f0', 'f1', 'f2']) list = intakeReducer(list, { type: 'start', id });
    expect(nextToStart(list, 3)).toEqual([]);
    list = intakeReducer(list, { type: 'finish', id: 'f1', outcome: { kind: 'accepted', receipt: receipt(), message: '', issues: [] } });
    expect(nextToStart(list, 3)).toEqual(['f3']);
  });

  it('tracks upload progress as a fraction, only while uploading', () => {
    let list = items(1);
    list = intakeReducer(list, { type: 'progress', id: 'f0', loaded: 50, total: 100 });
    expect(list[0]!.progress).toBe(0);
    list = intakeReducer(list, { type: 'start', id: 'f0' });
    list = intakeReducer(list, { type: 'progress', id: 'f0', loaded: 50, total: 200 });
    expect(list[0]!.progress).toBe(0.25);
    list = intakeReducer(list, { type: 'progress', id: 'f0', loaded: 300, total: 200 });
    expect(list[0]!.progress).toBe(1);
  });

  it('retries a finished file, never removes one that is uploading, clears what is settled', () => {
    let list = items(3);
    list = intakeReducer(list, { type: 'start', id: 'f0' });
    expect(intakeReducer(list, { type: 'remove', id: 'f0' })).toHaveLength(3);
    list = intakeReducer(list, { type: 'finish', id: 'f0', outcome: { kind: 'failed', receipt: null, message: 'x', issues: [] } });
    list = intakeReducer(list, { type: 'start', id: 'f1' });
    list = intakeReducer(list, { type: 'finish', id: 'f1', outcome: { kind: 'accepted', receipt: receipt(), message: '', issues: [] } });
    // Settled successes go; a failure and a waiting file stay.
    expect(intakeReducer(list, { type: 'clear-done' }).map((i) => i.id)).toEqual(['f0', 'f2']);
    list = intakeReducer(list, { type: 'retry', id: 'f0' });
    expect(list[0]).toMatchObject({ phase: 'queued', outcome: null, progress: 0 });
    expect(tally(list)).toMatchObject({ total: 3, done: 1, running: true, byKind: { accepted: 1, failed: 0 } });
  });

  it('keeps the .xlsx files of a drop and names the rest, Office\'s lock files aside', () => {
    const files = [{ name: 'a.xlsx' }, { name: 'B.XLSX' }, { name: 'ghi-chu.txt' }, { name: '~$a.xlsx' }, { name: 'cu.xls' }];
    expect(splitWorkbooks(files)).toEqual({ workbooks: [{ name: 'a.xlsx' }, { name: 'B.XLSX' }], skipped: [{ name: 'ghi-chu.txt' }, { name: 'cu.xls' }] });
  });
});
