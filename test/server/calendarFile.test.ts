/** A calendar file for an offline run (`consolidate --calendar`): what reads, and what each problem says. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCalendarFile } from '../../server/app/calendar';
import { readJsonFile } from '../../server/util/jsonFile';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-calendar-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
}

describe('readCalendarFile', () => {
  it('reads the calendar as the API answers it, with or without a byte-order mark, and fills what the schema defaults', () => {
    expect(readCalendarFile(file('api.json', JSON.stringify(DEFAULT_CALENDAR)))).toEqual({ ok: true, value: DEFAULT_CALENDAR });
    expect(readCalendarFile(file('bom.json', `\uFEFF${JSON.stringify(DEFAULT_CALENDAR, null, 2)}`))).toEqual({ ok: true, value: DEFAULT_CALENDAR });
    const bare = { id: 'lich', title: 'Lịch', milestones: [{ stage: 'final', due: '25/11' }] };
    expect(readCalendarFile(file('bare.json', JSON.stringify(bare)))).toEqual({
      ok: true, value: { id: 'lich', title: 'Lịch', milestones: [{ stage: 'final', due: '25/11', source: '' }], byUnitKind: {} },
    });
  });

  it('names every field the schema refuses as JSON writes it, in Vietnamese', () => {
    const wrong = {
      id: 'lich', title: '',
      milestones: [{ stage: 'final', due: '20/11' }, { stage: 'final', due: '2011' }],
      byUnitKind: { xa: [{ stage: 'cuoi-nam', due: '20/11' }] },
    };
    const read = readCalendarFile(file('wrong.json', JSON.stringify(wrong)));
    expect(read.ok).toBe(false);
    if (read.ok || read.error.kind !== 'invalid') throw new Error('expected an invalid calendar');
    expect(read.error.issues.map((i) => i.field)).toEqual(['title', 'milestones[1].due', 'byUnitKind.xa[0].stage']);
    expect(read.error.issues[1]!.message).toBe('viết theo dạng dd/mm, ví dụ 20/11');
    // zod's Vietnamese words where the schema has none of its own.
    expect(read.error.issues[2]!.message).toMatch(/^Tùy chọn không hợp lệ/u);
    const lockFirst = readCalendarFile(file('lock.json', JSON.stringify({ id: 'lich', title: 'Lịch', milestones: [{ stage: 'final', due: '20/11', lock: '19/11' }] })));
    expect(!lockFirst.ok && lockFirst.error.kind === 'invalid' && lockFirst.error.issues).toEqual([
      { field: 'milestones[0].lock', message: 'ngày khoá 19/11 trước hạn nộp 20/11: ngày khoá phải từ hạn nộp trở đi' },
    ]);
    const notObject = readCalendarFile(file('array.json', '[]'));
    expect(!notObject.ok && notObject.error.kind === 'invalid' && notObject.error.issues.map((i) => i.field)).toEqual(['']);
  });

  it('says a file is missing or a folder by the system\'s code, and where a text stops being JSON', () => {
    expect(readCalendarFile(path.join(dir, 'khong-co.json'))).toMatchObject({ ok: false, error: { kind: 'unreadable', code: 'ENOENT' } });
    mkdirSync(path.join(dir, 'thu-muc.json'));
    expect(readCalendarFile(path.join(dir, 'thu-muc.json'))).toMatchObject({ ok: false, error: { kind: 'unreadable', code: 'EISDIR' } });
    expect(readCalendarFile(file('comma.json', '{\n  "id": "a",\r\n  "title": "b",\n}\n'))).toMatchObject({ ok: false, error: { kind: 'not-json', line: 4, column: 1 } });
    expect(readCalendarFile(file('cut.json', '{\n  "id": "a",\n  "title'))).toMatchObject({ ok: false, error: { kind: 'not-json', line: 3, column: 9 } });
  });
});

describe('readJsonFile', () => {
  it('gives no place when the parser names none, rather than a wrong one', () => {
    const read = readJsonFile(file('token.json', '{ "a": tru }'));
    expect(read).toMatchObject({ ok: false, error: { kind: 'not-json', line: undefined, column: undefined } });
    expect(!read.ok && read.error.kind === 'not-json' && read.error.detail).toMatch(/tru|JSON/u);
  });
});
