import { describe, expect, it } from 'vitest';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { NAMES, SHEETS } from '../../shared/workbook/layout';
import { buildTemplate } from '../../shared/workbook/template';
import { applyWrites, formReducer, initialFormState, type FormState } from '../../addin/app/formState';
import { cellOfStep, neighbour, stepOfCell, stepsOf, validStep } from '../../addin/app/steps';
import { issuesAt, templateIssues } from '../../addin/app/issues';
import { describeOfficeError } from '../../addin/office/errors';
import { fillEdits, fullFill } from '../support/fill';
import { MemoryWorkbook } from '../support/memoryWorkbook';

const coQuan = defaultCriteriaSets().find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;

async function loaded(fill = fullFill(coQuan)): Promise<FormState> {
  const book = MemoryWorkbook.fromTemplate(buildTemplate(coQuan));
  for (const edit of fillEdits(coQuan, fill, (name) => book.namedCell(name))) book.setCell(edit.sheet, edit.row, edit.col, edit.value);
  return formReducer(initialFormState, { type: 'loaded', snapshot: await book.read() });
}

describe('form reducer', () => {
  it('derives the interpretation, evaluation and verdict from the snapshot', async () => {
    const state = await loaded();
    expect(state.phase).toBe('ready');
    expect(state.scored).toMatchObject({ eligible: true, evaluation: { total: 50, scoredCount: 12 } });
  });

  it('a write updates the snapshot it was made into, without a re-read', async () => {
    let state = await loaded();
    state = formReducer(state, { type: 'write-started' });
    expect(state.saving).toBe(1);
    state = formReducer(state, { type: 'written', writes: [{ sheet: SHEETS.scores, row: 12, col: 6, value: 4 }] });
    expect(state.saving).toBe(0);
    expect(state.scored!.evaluation).toMatchObject({ total: 49, hardFailures: [8] });
    expect(state.scored!.eligible).toBe(false);
  });

  it('keeps the step when it still exists, else goes back to the first', async () => {
    let state = await loaded();
    state = formReducer(state, { type: 'go', step: { kind: 'criterion', number: 4 } });
    expect(state.step).toEqual({ kind: 'criterion', number: 4 });
    state = formReducer(state, { type: 'go', step: { kind: 'criterion', number: 99 } });
    expect(state.step).toEqual({ kind: 'unit' });
  });

  it('a workbook without the template is "not-scoring"; an Office problem survives a later read', async () => {
    const empty = new MemoryWorkbook();
    empty.addSheet('Sheet1');
    const state = formReducer(initialFormState, { type: 'loaded', snapshot: await empty.read() });
    expect(state.phase).toBe('not-scoring');
    const problem = { message: 'm', detail: 'd' };
    const withProblem = formReducer(await loaded(), { type: 'write-failed', problem });
    expect(formReducer(withProblem, { type: 'loaded', snapshot: withProblem.snapshot! }).problem).toBe(problem);
    const failed = formReducer(initialFormState, { type: 'load-failed', problem });
    expect(failed.phase).toBe('failed');
    expect(formReducer(failed, { type: 'loaded', snapshot: withProblem.snapshot! }).problem).toBeUndefined();
  });

  it('rejected scores are kept per criterion until cleared', async () => {
    let state = await loaded();
    state = formReducer(state, { type: 'score-rejected', number: 3, text: '7', message: 'quá' });
    expect(state.rejected[3]).toEqual({ text: '7', message: 'quá' });
    state = formReducer(state, { type: 'score-cleared', number: 3 });
    expect(state.rejected).toEqual({});
  });
});

describe('applyWrites', () => {
  it('changes only cells inside a named range, "" meaning empty', async () => {
    const state = await loaded();
    const next = applyWrites(state.snapshot!, [
      { sheet: SHEETS.scores, row: 5, col: 6, value: '' },
      { sheet: SHEETS.scores, row: 40, col: 6, value: 1 },
      { sheet: SHEETS.unit, row: 3, col: 2, value: 'Tên mới' },
    ]);
    expect(next.ranges[NAMES.scoreTable]!.values[1]![5]).toBeNull();
    expect(next.ranges[NAMES.unit.name]!.values).toEqual([['Tên mới']]);
    expect(next.ranges[NAMES.setJson]).toBe(state.snapshot!.ranges[NAMES.setJson]);
    expect(state.snapshot!.ranges[NAMES.scoreTable]!.values[1]![5]).toBe(4);
  });
});

describe('steps and cells', () => {
  it('maps each step to its cell and any cell of a row back to its step', async () => {
    const workbook = (await loaded()).scored!.workbook;
    expect(stepsOf(workbook)).toHaveLength(1 + 12 + 2);
    expect(cellOfStep(workbook, { kind: 'criterion', number: 12 })).toEqual({ sheet: SHEETS.scores, row: 16, col: 6 });
    expect(cellOfStep(workbook, { kind: 'unit' })).toEqual({ sheet: SHEETS.unit, row: 3, col: 2 });
    expect(cellOfStep(workbook, { kind: 'dossier' })).toEqual({ sheet: SHEETS.dossier, row: 4, col: 3 });
    expect(cellOfStep(workbook, { kind: 'review' })).toBeUndefined();
    expect(stepOfCell(workbook, { sheet: SHEETS.scores, row: 16, col: 1 })).toEqual({ kind: 'criterion', number: 12 });
    expect(stepOfCell(workbook, { sheet: SHEETS.dossier, row: 6, col: 5 })).toEqual({ kind: 'dossier' });
    expect(stepOfCell(workbook, { sheet: SHEETS.scores, row: 3, col: 1 })).toBeUndefined();
    expect(neighbour(workbook, { kind: 'unit' }, -1)).toBeUndefined();
    expect(neighbour(workbook, { kind: 'criterion', number: 12 }, 1)).toEqual({ kind: 'dossier' });
    expect(validStep(workbook, { kind: 'review' })).toEqual({ kind: 'review' });
  });

  it('after rows are inserted in the sheet, selection still finds the criterion', async () => {
    const book = MemoryWorkbook.fromTemplate(buildTemplate(coQuan));
    book.insertRows(SHEETS.scores, 8, 2);
    const workbook = formReducer(initialFormState, { type: 'loaded', snapshot: await book.read() }).scored!.workbook;
    expect(stepOfCell(workbook, { sheet: SHEETS.scores, row: 10, col: 6 })).toEqual({ kind: 'criterion', number: 4 });
  });
});

describe('issues', () => {
  it('tells template tampering from typed mistakes', async () => {
    const book = MemoryWorkbook.fromTemplate(buildTemplate(coQuan));
    book.setCell(SHEETS.scores, 7, 5, 10);
    book.setCell(SHEETS.scores, 8, 6, 'abc');
    const state = formReducer(initialFormState, { type: 'loaded', snapshot: await book.read() });
    const { workbook, errors } = state.scored!;
    expect(templateIssues(workbook, errors).map((e) => e.cell)).toEqual(['E7']);
    expect(issuesAt(errors, { sheet: SHEETS.scores, row: 8, col: 6 }).map((e) => e.message)).toEqual(['"abc" không phải là số điểm. Nhập một số, ví dụ 4 hoặc 4,5.']);
  });

  it('Office errors become Vietnamese advice plus a detail for the log', () => {
    const problem = describeOfficeError({ code: 'AccessDenied', message: 'protected', debugInfo: { errorLocation: 'Range.values' } }, 'Lưu điểm tiêu chí 3');
    expect(problem.message).toBe('Lưu điểm tiêu chí 3 không thành công. Trang tính đang được bảo vệ hoặc tệp chỉ được đọc. Bỏ bảo vệ trang (Xem lại → Bỏ bảo vệ trang) hoặc mở tệp ở chế độ chỉnh sửa, rồi thử lại.');
    expect(problem.detail).toBe('Lưu điểm tiêu chí 3: AccessDenied: protected at Range.values');
    expect(describeOfficeError(new Error('x'), 'Đọc').message).toBe('Đọc không thành công. Thử lại; nếu vẫn lỗi, đóng và mở lại phần bổ trợ.');
  });
});
