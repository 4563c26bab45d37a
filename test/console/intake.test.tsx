// @vitest-environment jsdom
/**
 * The intake page in jsdom against a fake service: a file several listed units could own is shown
 * as such, counted apart and sent again for the unit the officer picks (`?unit=`); adding yet
 * another unit of that name is not the main action and needs a xã/phường of its own; refusals
 * list each place only as far as it is known.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UnitRef } from '../../shared/api/schemas';
import { createApi, type XhrLike } from '../../server/console/api/client';
import { ConsoleContext, type ConsoleContextValue } from '../../server/console/ui/context';
import IntakePage from '../../server/console/ui/intake/IntakePage';

beforeAll(() => {
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
});
afterEach(() => cleanup());

const KIM_DONG: UnitRef[] = [
  { id: 'a', code: 'GD-001', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: 'Xã Tân Hồng' },
  { id: 'b', code: 'GD-002', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: 'Xã Tháp Mười' },
];

const receipt = (over: Record<string, unknown> = {}) => ({
  submissionId: 's1', unit: KIM_DONG[1], year: 2026, stage: 'final', version: 1, receivedAt: '2026-11-10T03:00:00Z', late: false, daysLate: 0,
  duplicate: false, valid: true, verdict: null, errors: [], warnings: [], sha256: 'abc', fileName: 'kim-dong.xlsx', ...over,
});

/** What the fake service answers a POST, by the file's name and the query. */
type Answer = { status: number; body: unknown };

function fakeService(answer: (fileName: string, url: string) => Answer) {
  const sent: string[] = [];
  const posted: { url: string; body: unknown }[] = [];
  const xhr = (): XhrLike => {
    let url = '';
    let fileName = '';
    const request: XhrLike & { status: number; responseText: string } = {
      status: 0, responseText: '', upload: { onprogress: null }, onload: null, onerror: null, onabort: null,
      open(_method, to) { url = to; },
      setRequestHeader(name, value) { if (name === 'X-File-Name') fileName = decodeURIComponent(value); },
      abort() {},
      send() {
        sent.push(url);
        const { status, body } = answer(fileName, url);
        request.status = status;
        request.responseText = JSON.stringify(body);
        queueMicrotask(() => request.onload?.());
      },
    };
    return request;
  };
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    posted.push({ url: String(input), body: init?.body ? JSON.parse(String(init.body)) : undefined });
    return new Response(JSON.stringify({ id: 'c', code: 'GD-003', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: 'Xã Mỹ An', contact: '' }), { status: 201 });
  }) as typeof globalThis.fetch;
  return { xhr, fetch, sent, posted };
}

function renderIntake(service: ReturnType<typeof fakeService>) {
  const value: ConsoleContextValue = {
    api: createApi({ token: 't', fetch: service.fetch, xhr: service.xhr }), year: 2026, units: null, unitsError: null, loadingUnits: false,
    reloadUnits() {}, openUnit() {}, notify() {}, onUnauthorized() {}, controls: true,
  };
  return render(<FluentProvider theme={webLightTheme}><ConsoleContext.Provider value={value}><IntakePage /></ConsoleContext.Provider></FluentProvider>);
}

function drop(...names: string[]) {
  const input = document.querySelector('input[data-input="files"]')!;
  fireEvent.change(input, { target: { files: names.map((n) => new File([new Uint8Array(10)], n)) } });
}

const row = (file: string) => document.querySelector<HTMLElement>(`li[data-file="${file}"]`)!;

describe('a file several listed units could own', () => {
  it('is shown and counted as such, one main button per unit, and is sent again for the unit chosen', async () => {
    const service = fakeService((fileName, url) => {
      if (url.includes('unit=GD-002')) return { status: 201, body: receipt() };
      if (fileName === 'kim-dong.xlsx') {
        return { status: 409, body: { error: { code: 'unit-ambiguous', message: 'Có 2 đơn vị tên "Trường Tiểu học Kim Đồng" trong danh sách (khác xã/phường)…', candidates: KIM_DONG } } };
      }
      return { status: 422, body: { error: { code: 'unit-unknown', message: 'Đơn vị "Công ty Mới" không có trong danh sách đơn vị của năm.', workbookUnit: { name: 'Công ty Mới', kind: 'doanh-nghiep', parent: '', contact: '' } } } };
    });
    renderIntake(service);
    drop('kim-dong.xlsx', 'moi.xlsx');
    await screen.findByText('Đã xử lý 2/2 tệp');

    const ambiguous = row('kim-dong.xlsx');
    expect(ambiguous.getAttribute('data-outcome')).toBe('unit-ambiguous');
    expect(within(ambiguous).queryByText('Đơn vị chưa có trong danh sách')).toBeNull();
    expect(within(ambiguous).getByText('Có 2 đơn vị cùng tên trong danh sách. Chọn đơn vị của tệp này để tiếp nhận lại:')).toBeTruthy();
    // Counted apart from the file whose unit is not on the list.
    const summary = screen.getByRole('status');
    expect(within(summary).getByText('Nhiều đơn vị cùng tên: cần chọn đơn vị: 1')).toBeTruthy();
    expect(within(summary).getByText('Đơn vị chưa có trong danh sách: 1')).toBeTruthy();
    // The main buttons are the candidates; adding a unit is offered last, not as the main action.
    const choose = within(ambiguous).getByRole('button', { name: 'Tệp của GD-002 · Trường Tiểu học Kim Đồng (Xã Tháp Mười): tiếp nhận lại cho đơn vị này' });
    expect(within(ambiguous).getByRole('button', { name: /^Tệp của GD-001 · .*\(Xã Tân Hồng\)/u })).toBeTruthy();
    expect(within(ambiguous).queryByRole('button', { name: 'Thêm đơn vị này vào danh sách theo dõi rồi tiếp nhận lại tệp' })).toBeNull();
    // The file whose unit is not on the list keeps adding it as its main action.
    expect(within(row('moi.xlsx')).getByRole('button', { name: 'Thêm đơn vị này vào danh sách theo dõi rồi tiếp nhận lại tệp' })).toBeTruthy();

    fireEvent.click(choose);
    await waitFor(() => expect(row('kim-dong.xlsx').getAttribute('data-outcome')).toBe('accepted'));
    expect(service.sent.at(-1)).toBe('/api/submissions?unit=GD-002');
    // The unit it landed on is named with its code and xã/phường: the other school has the same name.
    expect(row('kim-dong.xlsx').textContent).toContain('GD-002 · Trường Tiểu học Kim Đồng (Xã Tháp Mười) – Báo cáo kết quả năm, phiên bản 1.');
  });

  it('adds another unit of that name only with a xã/phường none of the listed ones has', async () => {
    let added = false;
    // As the service: the name stays ambiguous (now 3 units), so only a resend for the new unit is placed.
    const service = fakeService((_fileName, url) => (added && url.endsWith('unit=GD-003')
      ? { status: 201, body: receipt({ unit: { id: 'c', code: 'GD-003', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: 'Xã Mỹ An' } }) }
      : { status: 409, body: { error: { code: 'unit-ambiguous', message: 'Có 2 đơn vị tên "Trường Tiểu học Kim Đồng"', candidates: KIM_DONG, workbookUnit: { name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: '', contact: '' } } } }));
    renderIntake(service);
    drop('kim-dong.xlsx');
    await screen.findByText('Đã xử lý 1/1 tệp');
    fireEvent.click(within(row('kim-dong.xlsx')).getByRole('button', { name: 'Không phải các đơn vị trên: thêm đơn vị khác cùng tên (xã/phường khác)…' }));
    const dialog = await screen.findByRole('dialog');
    const submit = within(dialog).getByRole('button', { name: 'Thêm và tiếp nhận lại' });
    // The workbook names no xã/phường: nothing is sent, the field says why.
    fireEvent.click(submit);
    await within(dialog).findByText(/^Chưa nhập xã\/phường: danh sách đã có 2 đơn vị cùng tên/u);
    expect(service.posted).toEqual([]);
    // One of theirs: nothing is sent either (it would be GD-002 again).
    fireEvent.change(within(dialog).getByLabelText(/Xã\/phường trực thuộc/u), { target: { value: 'Tháp Mười' } });
    fireEvent.click(submit);
    await within(dialog).findByText(/^Đơn vị GD-002 cùng tên đã ở Xã Tháp Mười/u);
    expect(service.posted).toEqual([]);
    // Typed without diacritics it is still GD-001's "Xã Tân Hồng".
    fireEvent.change(within(dialog).getByLabelText(/Xã\/phường trực thuộc/u), { target: { value: 'TAN HONG' } });
    fireEvent.click(submit);
    await within(dialog).findByText(/^Đơn vị GD-001 cùng tên đã ở Xã Tân Hồng/u);
    expect(service.posted).toEqual([]);
    fireEvent.change(within(dialog).getByLabelText(/Xã\/phường trực thuộc/u), { target: { value: 'Xã Mỹ An' } });
    added = true;
    fireEvent.click(submit);
    await waitFor(() => expect(service.posted).toHaveLength(1));
    expect(service.posted[0]).toMatchObject({ url: '/api/units', body: { name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: 'Xã Mỹ An' } });
    await waitFor(() => expect(row('kim-dong.xlsx').getAttribute('data-outcome')).toBe('accepted'));
    expect(service.sent.at(-1)).toBe('/api/submissions?unit=GD-003');
  });
});

describe('a unit typed without diacritics', () => {
  it('is not added beside the listed unit it is: the server names that unit, and the file goes to it', async () => {
    const SO_Y_TE: UnitRef = { id: 'y', code: 'DT-SYT', name: 'Sở Y tế', kind: 'co-quan', parent: 'Phường Cao Lãnh' };
    const service = fakeService((_fileName, url) => (url.endsWith('unit=DT-SYT')
      ? { status: 201, body: receipt({ unit: SO_Y_TE }) }
      : { status: 422, body: { error: { code: 'unit-unknown', message: 'Đơn vị "So Y te" không có trong danh sách đơn vị của năm.', workbookUnit: { name: 'So Y te', kind: 'co-quan', parent: 'Phuong Cao Lanh', contact: '' } } } }));
    // As the service answers POST /api/units for it (server/app/units.ts).
    service.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      service.posted.push({ url: String(input), body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return new Response(JSON.stringify({ error: { code: 'unit-exists', message: 'Đơn vị "So Y te" (Phuong Cao Lanh) gõ không dấu trùng với đơn vị đã có DT-SYT "Sở Y tế" (Phường Cao Lãnh).', candidates: [SO_Y_TE] } }), { status: 409 });
    }) as typeof globalThis.fetch;
    renderIntake(service);
    drop('so-y-te.xlsx');
    await screen.findByText('Đã xử lý 1/1 tệp');
    fireEvent.click(within(row('so-y-te.xlsx')).getByRole('button', { name: 'Thêm đơn vị này vào danh sách theo dõi rồi tiếp nhận lại tệp' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Thêm và tiếp nhận lại' }));
    await within(dialog).findByText(/gõ không dấu trùng với đơn vị đã có DT-SYT/u);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Tiếp nhận tệp cho đơn vị đã có: DT-SYT · Sở Y tế (Phường Cao Lãnh)' }));
    await waitFor(() => expect(row('so-y-te.xlsx').getAttribute('data-outcome')).toBe('accepted'));
    expect(service.sent.at(-1)).toBe('/api/submissions?unit=DT-SYT');
  });
});

describe('a refused file\'s list of what to fix', () => {
  it('writes each place only as far as it is known and speaks of cells only when one is named', async () => {
    const broken = { sheet: '', cell: '', message: 'Tệp .xlsx bị hỏng, không đọc được.' };
    const sheetOnly = { sheet: 'Thông tin đơn vị', cell: '', message: 'Chưa ghi loại đơn vị.' };
    const cell = { sheet: 'Chấm điểm', cell: 'D12', message: 'Điểm 7 vượt điểm tối đa 4.' };
    const refuse = (errors: unknown[]) => ({
      status: 422, body: { error: { code: 'workbook-invalid', message: 'Bảng chấm điểm có lỗi cần sửa', details: errors, receipt: receipt({ valid: false, version: null, errors, unit: null }) } },
    });
    renderIntake(fakeService((fileName) => (fileName === 'hong.xlsx' ? refuse([broken, sheetOnly]) : refuse([cell]))));
    drop('hong.xlsx', 'diem.xlsx');
    await screen.findByText('Đã xử lý 2/2 tệp');
    const hong = row('hong.xlsx').textContent ?? '';
    expect(hong).toContain('Cần sửa rồi gửi lại:');
    expect(hong).not.toContain('Các ô cần sửa');
    expect(hong).toContain('Tệp .xlsx bị hỏng, không đọc được.');
    expect(hong).toContain("'Thông tin đơn vị': Chưa ghi loại đơn vị.");
    expect(hong).not.toMatch(/!:/u);
    const diem = row('diem.xlsx').textContent ?? '';
    expect(diem).toContain('Các ô cần sửa rồi gửi lại:');
    expect(diem).toContain("'Chấm điểm'!D12: Điểm 7 vượt điểm tối đa 4.");
  });
});

describe('an accepted file\'s warnings', () => {
  it('are listed under the receipt with their place, so the officer sees a change of criteria set', async () => {
    const changed = { sheet: 'Bộ tiêu chí', cell: '', message: 'Bảng chấm điểm này theo bộ tiêu chí "B", khác bộ tiêu chí "A" của phiên bản 1 (bản được tính trước tệp này).' };
    renderIntake(fakeService((fileName) => ({ status: 201, body: receipt({ version: 2, fileName, warnings: fileName === 'doi-bo.xlsx' ? [changed] : [] }) })));
    drop('doi-bo.xlsx', 'cung-bo.xlsx');
    await screen.findByText('Đã xử lý 2/2 tệp');
    const text = row('doi-bo.xlsx').textContent ?? '';
    expect(text).toContain('Lưu ý:');
    expect(text).toContain(`'Bộ tiêu chí': ${changed.message}`);
    expect(row('cung-bo.xlsx').textContent).not.toContain('Lưu ý');
  });
});

describe('an accepted file\'s verdict', () => {
  it('reads as on the unit page: "Đạt 6/6 tiêu chí" for a pass-fail set, the total and what it needs for points', async () => {
    const verdict = (passFail: boolean, total: number, max: number, threshold: number) => ({ eligible: true, total, max, threshold, hardFailures: [], reasons: [], passFail });
    renderIntake(fakeService((fileName) => ({
      status: 201, body: receipt(fileName === 'xa.xlsx' ? { verdict: verdict(true, 6, 6, 6) } : { verdict: verdict(false, 49.5, 50, 45) }),
    })));
    drop('xa.xlsx', 'co-quan.xlsx');
    await screen.findByText('Đã xử lý 2/2 tệp');
    expect(row('xa.xlsx').textContent).toContain('Đạt 6/6 tiêu chí: đủ điều kiện.');
    expect(row('xa.xlsx').textContent).not.toContain('Tổng điểm');
    expect(row('co-quan.xlsx').textContent).toContain('Tổng điểm 49,5/50 (cần từ 45): đủ điều kiện.');
  });
});
