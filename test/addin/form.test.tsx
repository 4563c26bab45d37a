// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { SHEETS } from '../../shared/workbook/layout';
import { buildTemplate } from '../../shared/workbook/template';
import { ScoringApp } from '../../addin/ui/ScoringApp';
import type { HttpSend } from '../../addin/app/submitClient';
import type { SettingsStore } from '../../addin/app/settings';
import { TransportError } from '../../addin/app/submitClient';
import { fillEdits, fullFill, type Fill } from '../support/fill';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { MemoryHost } from './support/memoryHost';

const sets = defaultCriteriaSets();
const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const antt = sets.find((s) => s.id === 'an-toan-antt-co-so-giao-duc')!;
/** 08/11/2026 10:00 in Vietnam: twelve days before the final report is due (20/11). */
const NOW = () => new Date('2026-11-08T03:00:00Z');

function workbook(set = coQuan, fill: Fill = { unit: { name: 'Văn phòng UBND tỉnh Đồng Tháp', kind: 'Cơ quan', year: 2026 } }): MemoryWorkbook {
  const book = MemoryWorkbook.fromTemplate(buildTemplate(set));
  for (const edit of fillEdits(set, fill, (name) => book.namedCell(name))) book.setCell(edit.sheet, edit.row, edit.col, edit.value);
  return book;
}

const SERVICE = 'https://dienhinh.example.gov.vn';

function memorySettings(initial = { token: 'token-vp' }): SettingsStore & { saved: unknown[] } {
  let current = initial;
  const saved: unknown[] = [];
  return { saved, load: () => current, save: (s) => { current = s; saved.push(s); }, forget: () => { current = { token: '' }; saved.push('forgotten'); } };
}

function mount(host: MemoryHost, extra: { send?: HttpSend; settingsStore?: SettingsStore } = {}) {
  return render(<FluentProvider theme={webLightTheme}><ScoringApp host={host} now={NOW} serviceUrl={SERVICE} {...extra} /></FluentProvider>);
}

async function ready() {
  await screen.findByTestId('verdict');
}

async function goToCriterion(number: number, status = 'chưa chấm') {
  fireEvent.click(screen.getByRole('button', { name: `Tiêu chí ${number}: ${status}` }));
  await screen.findByRole('heading', { level: 2, name: `Tiêu chí ${number}` });
}

function typeScore(text: string) {
  const input = screen.getByLabelText(/Điểm tự chấm/u);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

beforeEach(() => {
  // jsdom has no ResizeObserver; Fluent's MessageBar observes its own size.
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the header', () => {
  it('shows the unit, the draft set, progress, total against threshold, the verdict and the deadline', async () => {
    mount(new MemoryHost(workbook()));
    await ready();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Văn phòng UBND tỉnh Đồng Tháp');
    expect(screen.getByText('Bộ tiêu chí dự thảo (cần đối chiếu với Quyết định 3554/QĐ-BCA-V05)')).toBeTruthy();
    expect(screen.getByText('Đã chấm 0/12 tiêu chí')).toBeTruthy();
    expect(screen.getByTestId('total').textContent).toBe('Tổng điểm 0/50');
    expect(screen.getByText('Ngưỡng đạt ≥ 45 điểm')).toBeTruthy();
    const verdict = screen.getByTestId('verdict');
    expect(within(verdict).getByText('Chưa đủ điều kiện')).toBeTruthy();
    expect(within(verdict).getByText('Các tiêu chí 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 chưa được chấm điểm.')).toBeTruthy();
    expect(within(verdict).getByText('Hồ sơ thiếu: Báo cáo kết quả, Tờ trình, Biên bản họp, Bản đăng ký.')).toBeTruthy();
    const deadline = screen.getByTestId('deadline');
    expect(within(deadline).getByText('Báo cáo kết quả năm: hạn 20/11/2026 — Còn 12 ngày')).toBeTruthy();
    expect(within(deadline).getByText('Đăng ký: hạn 20/01/2026 — Quá hạn 292 ngày, đã khoá tiếp nhận (cần Công an tỉnh mở lại)')).toBeTruthy();
    expect(within(deadline).getByText('Đã quá hạn (nếu đơn vị chưa nộp):')).toBeTruthy();
  });

  it('a fully scored workbook filled without the add-in opens eligible, every entry intact', async () => {
    mount(new MemoryHost(workbook(coQuan, fullFill(coQuan))));
    await ready();
    expect(within(screen.getByTestId('verdict')).getByText('Đủ điều kiện đề nghị công nhận')).toBeTruthy();
    expect(screen.getByText('Đã chấm 12/12 tiêu chí')).toBeTruthy();
    expect(screen.getByTestId('total').textContent).toBe('Tổng điểm 50/50');
    await goToCriterion(1, 'đã chấm');
    expect((screen.getByLabelText(/Điểm tự chấm/u) as HTMLInputElement).value).toBe('4');
    expect((screen.getByLabelText(/Minh chứng \/ ghi chú/u) as HTMLTextAreaElement).value).toBe('Nghị quyết số 12-NQ/ĐU ngày 10/01/2026');
  });
});

describe('scoring a criterion', () => {
  it('writes "4,5" as 4.5 into the criterion\'s score cell, selected in the sheet, and updates the total', async () => {
    const host = new MemoryHost(workbook());
    mount(host);
    await ready();
    await goToCriterion(3);
    expect(host.selections.at(-1)).toEqual({ sheet: SHEETS.scores, row: 7, col: 6 });
    expect(screen.getByText(coQuan.criteria[2]!.title)).toBeTruthy();
    expect(screen.getByText('Điểm tối đa: 4 (bước 0,5)')).toBeTruthy();
    const writesBefore = host.workbook.calls.write;
    typeScore('4,5');
    await waitFor(() => expect(screen.getByText(/Điểm 4,5 vượt điểm tối đa 4/u)).toBeTruthy());
    expect(host.workbook.calls.write).toBe(writesBefore);
    typeScore('3,5');
    await waitFor(() => expect(host.workbook.getCell(SHEETS.scores, 7, 6)).toBe(3.5));
    expect(host.workbook.calls.write).toBe(writesBefore + 1);
    await waitFor(() => expect(screen.getByText('Đã chấm 1/12 tiêu chí')).toBeTruthy());
    expect(screen.getByTestId('total').textContent).toBe('Tổng điểm 3,5/50');
    expect(screen.queryByText(/vượt điểm tối đa/u)).toBeNull();
  });

  it('refuses off-step and non-numbers in the pane without touching the sheet', async () => {
    const host = new MemoryHost(workbook());
    mount(host);
    await ready();
    await goToCriterion(1);
    typeScore('2,3');
    expect(await screen.findByText(/Điểm 2,3 không đúng bước điểm 0,5/u)).toBeTruthy();
    typeScore('bốn');
    expect(await screen.findByText(/"bốn" không phải là số điểm/u)).toBeTruthy();
    expect(host.workbook.calls.write).toBe(0);
    expect(screen.getByLabelText(/Điểm tự chấm/u).getAttribute('aria-invalid')).toBe('true');
  });

  it('flags a hard criterion below its maximum where it is entered and on the review page', async () => {
    const host = new MemoryHost(workbook());
    mount(host);
    await ready();
    await goToCriterion(8);
    expect(screen.getByText('Tiêu chí cứng: phải đạt điểm tối đa')).toBeTruthy();
    typeScore('4');
    expect((await screen.findByTestId('hard-warning')).textContent).toBe('Tiêu chí cứng mới đạt 4/5 điểm: phải đạt điểm tối đa thì đơn vị mới đủ điều kiện.');
    fireEvent.change(screen.getByRole('combobox', { name: 'Đi đến bước' }), { target: { value: 'review' } });
    await screen.findByRole('heading', { level: 2, name: 'Rà soát trước khi nộp' });
    const section = screen.getByText('Tiêu chí cứng chưa đạt điểm tối đa').parentElement!;
    expect(within(section).getByText(': Tiêu chí cứng 8 đạt 4/5 điểm, phải đạt điểm tối đa.')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Tiêu chí 8' }));
    await screen.findByRole('heading', { level: 2, name: 'Tiêu chí 8' });
  });

  it('writes the evidence on leaving the field, and a pass-fail set gets Đạt / Chưa đạt', async () => {
    const host = new MemoryHost(workbook(antt, { unit: { name: 'Trường THPT Vĩnh Thuận' } }));
    mount(host);
    await ready();
    await goToCriterion(2);
    fireEvent.click(screen.getByRole('radio', { name: 'Chưa đạt' }));
    await waitFor(() => expect(host.workbook.getCell(SHEETS.scores, 6, 6)).toBe('Chưa đạt'));
    const evidence = screen.getByLabelText(/Minh chứng \/ ghi chú/u);
    fireEvent.change(evidence, { target: { value: 'Biên bản kiểm tra số 5/BB' } });
    fireEvent.blur(evidence);
    await waitFor(() => expect(host.workbook.getCell(SHEETS.scores, 6, 7)).toBe('Biên bản kiểm tra số 5/BB'));
    expect(within(screen.getByTestId('verdict')).getByText('Tiêu chí 2 chưa đạt.')).toBeTruthy();
  });
});

describe('following the sheet', () => {
  it('shows edits made in the sheet without reloading, and invalid cells as errors', async () => {
    const host = new MemoryHost(workbook());
    mount(host);
    await ready();
    await goToCriterion(5);
    const reads = host.workbook.calls.read;
    act(() => host.userEdit(SHEETS.scores, 9, 6, 'năm'));
    expect(await screen.findByText(/Giá trị đang có trong bảng tính \(Trang "Chấm điểm", ô F9\) không hợp lệ: "năm" không phải là số điểm/u)).toBeTruthy();
    expect(host.workbook.calls.read).toBe(reads + 1);
    act(() => host.userEdit(SHEETS.scores, 9, 6, 5));
    await waitFor(() => expect(screen.getByText('Đã chấm 1/12 tiêu chí')).toBeTruthy());
    await waitFor(() => expect((screen.getByLabelText(/Điểm tự chấm/u) as HTMLInputElement).value).toBe('5'));
  });

  it('a burst of edits (a paste) is read once', async () => {
    const host = new MemoryHost(workbook());
    mount(host);
    await ready();
    const reads = host.workbook.calls.read;
    act(() => { for (let row = 5; row <= 16; row++) host.userEdit(SHEETS.scores, row, 6, 3); });
    await waitFor(() => expect(screen.getByText('Đã chấm 12/12 tiêu chí')).toBeTruthy());
    expect(host.workbook.calls.read).toBe(reads + 1);
  });

  it('selecting a row in the sheet moves the form to that criterion (without selecting back)', async () => {
    const host = new MemoryHost(workbook());
    mount(host);
    await ready();
    const selections = host.selections.length;
    act(() => host.userSelect(SHEETS.scores, 10, 2));
    await screen.findByRole('heading', { level: 2, name: 'Tiêu chí 6' });
    act(() => host.userSelect(SHEETS.unit, 4, 2));
    await screen.findByRole('heading', { level: 2, name: 'Thông tin đơn vị' });
    act(() => host.userSelect(SHEETS.scores, 1, 1));
    expect(screen.getByRole('heading', { level: 2, name: 'Thông tin đơn vị' })).toBeTruthy();
    expect(host.selections.length).toBe(selections);
  });
});

describe('unit information and dossier', () => {
  it('writes unit fields and the dossier checklist into their cells', async () => {
    const host = new MemoryHost(workbook(coQuan, { unit: {} }));
    mount(host);
    await ready();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Chưa nhập tên đơn vị');
    expect(screen.getByText('Chưa nhập Tên đơn vị. Nhập tên đầy đủ của đơn vị vào ô này.')).toBeTruthy();
    const name = screen.getByLabelText(/^Tên đơn vị/u);
    fireEvent.change(name, { target: { value: '  Công ty   Điện lực  Đồng Tháp ' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    await waitFor(() => expect(host.workbook.getCell(SHEETS.unit, 3, 2)).toBe('Công ty Điện lực Đồng Tháp'));
    fireEvent.change(screen.getByRole('combobox', { name: 'Loại đơn vị' }), { target: { value: 'Doanh nghiệp' } });
    await waitFor(() => expect(host.workbook.getCell(SHEETS.unit, 4, 2)).toBe('Doanh nghiệp'));
    const year = screen.getByLabelText('Năm');
    fireEvent.change(year, { target: { value: '2026' } });
    fireEvent.blur(year);
    await waitFor(() => expect(host.workbook.getCell(SHEETS.unit, 9, 2)).toBe(2026));
    fireEvent.change(screen.getByRole('combobox', { name: 'Đi đến bước' }), { target: { value: 'dossier' } });
    await screen.findByRole('heading', { level: 2, name: 'Hồ sơ đề nghị công nhận' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Tờ trình đề nghị công nhận' }));
    await waitFor(() => expect(host.workbook.getCell(SHEETS.dossier, 5, 3)).toBe('Có'));
    const group = screen.getByRole('group', { name: 'Tờ trình đề nghị công nhận' });
    const number = within(group).getByLabelText('Số văn bản');
    fireEvent.change(number, { target: { value: '15/TTr-CT' } });
    fireEvent.blur(number);
    await waitFor(() => expect(host.workbook.getCell(SHEETS.dossier, 5, 4)).toBe('15/TTr-CT'));
  });

  it('every input, select and textarea of every step has a label', async () => {
    mount(new MemoryHost(workbook()));
    await ready();
    const keys = ['unit', 'criterion-1', 'dossier', 'review'];
    for (const key of keys) {
      fireEvent.change(screen.getByRole('combobox', { name: 'Đi đến bước' }), { target: { value: key } });
      await screen.findByRole('heading', { level: 2 });
      if (key === 'review') await screen.findByRole('button', { name: 'Nộp bảng chấm điểm' });
      for (const field of document.querySelectorAll('input, select, textarea')) {
        const element = field as HTMLInputElement;
        const named = (element.labels?.length ?? 0) > 0 || element.getAttribute('aria-label') || element.getAttribute('aria-labelledby');
        expect(named, `${key}: ${element.outerHTML.slice(0, 120)}`).toBeTruthy();
      }
    }
  });
});

describe('workbooks that are not (or no longer) scoring workbooks', () => {
  it('offers to insert a fresh scoring sheet, then shows the form', async () => {
    const book = new MemoryWorkbook();
    book.addSheet('Sheet1');
    const host = new MemoryHost(book);
    mount(host);
    expect(await screen.findByText('Tệp này chưa có bảng tự chấm điểm')).toBeTruthy();
    expect(screen.getByText(/Tệp này không phải là bảng tự chấm điểm theo mẫu của tỉnh/u)).toBeTruthy();
    fireEvent.change(await screen.findByRole('combobox', { name: 'Bộ tiêu chí' }), { target: { value: 'an-toan-antt-co-so-giao-duc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Chèn bảng chấm điểm mới' }));
    await ready();
    expect(host.inserted[0]!.sheets.map((s) => s.name)).toEqual(Object.values(SHEETS));
    expect(screen.getByText('Đã chấm 0/6 tiêu chí')).toBeTruthy();
    expect(host.workbook.getCell(SHEETS.unit, 9, 2)).toBe(2026);
  });

  it('a tampered template is named cell by cell, with the offer to insert a fresh sheet', async () => {
    const book = workbook(coQuan, fullFill(coQuan));
    book.setCell(SHEETS.scores, 7, 5, 10);
    mount(new MemoryHost(book));
    await ready();
    const bar = screen.getByTestId('tampered');
    expect(within(bar).getByText('Trang "Chấm điểm", ô E7: Điểm tối đa của tiêu chí 3 đã bị sửa; đúng là 4. Trả lại giá trị gốc.')).toBeTruthy();
    fireEvent.click(within(bar).getByRole('button', { name: 'Chèn bảng chấm điểm mới…' }));
    expect(await screen.findByRole('button', { name: 'Chèn bảng chấm điểm mới' })).toBeTruthy();
    expect(within(screen.getByTestId('verdict')).getByText('Chưa đủ điều kiện')).toBeTruthy();
  });

  it('an Office error is shown in Vietnamese with what to do, and logged', async () => {
    const host = new MemoryHost(workbook());
    mount(host);
    await ready();
    await goToCriterion(2);
    host.failNext = { code: 'InvalidOperationInCellEditMode', message: 'Excel is in cell-editing mode.', on: 'write' };
    typeScore('2');
    const alert = await screen.findByText(/Lưu điểm tiêu chí 2 không thành công\. Excel đang ở chế độ sửa ô/u);
    expect(alert).toBeTruthy();
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('InvalidOperationInCellEditMode: Excel is in cell-editing mode.'));
    fireEvent.click(screen.getByRole('button', { name: 'Đóng' }));
    await waitFor(() => expect(screen.queryByText(/không thành công/u)).toBeNull());
  });

  it('a failed first read says so and can read again', async () => {
    const host = new MemoryHost(workbook());
    host.failNext = { code: 'GeneralException', message: 'boom' };
    mount(host);
    expect(await screen.findByText('Không đọc được bảng tính')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Đọc lại bảng tính' }));
    await ready();
  });
});

describe('submitting from the review page', () => {
  const receipt = {
    submissionId: 'sub-7', unit: { id: 'u1', name: 'Văn phòng UBND tỉnh Đồng Tháp', kind: 'co-quan', parent: '' }, year: 2026, stage: 'final',
    version: 2, receivedAt: '2026-11-08T03:04:05.000Z', late: false, daysLate: 0, duplicate: false, valid: true,
    verdict: { eligible: true, total: 50, max: 50, threshold: 45, hardFailures: [], reasons: [] }, errors: [], warnings: [], sha256: 'ab', fileName: 'Bảng chấm điểm.xlsx',
  };

  async function openReview(host: MemoryHost, send: HttpSend, settingsStore = memorySettings()) {
    mount(host, { send, settingsStore });
    await ready();
    fireEvent.change(screen.getByRole('combobox', { name: 'Đi đến bước' }), { target: { value: 'review' } });
    return screen.findByRole('button', { name: 'Nộp bảng chấm điểm' });
  }

  it('sends once on a double click, with the token, and shows the receipt', async () => {
    let release: () => void = () => {};
    const send = vi.fn<HttpSend>(async (request) => {
      request.onUploadProgress(2, 4);
      await new Promise<void>((resolve) => { release = resolve; });
      return { status: 201, body: JSON.stringify(receipt) };
    });
    const host = new MemoryHost(workbook(coQuan, fullFill(coQuan)));
    const button = await openReview(host, send);
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('Đang gửi tệp… 50%')).toBeTruthy();
    expect(send.mock.calls[0]![0]).toMatchObject({
      url: 'https://dienhinh.example.gov.vn/api/submissions',
      headers: { Authorization: 'Bearer token-vp', 'X-File-Name': encodeURIComponent('Bảng chấm điểm.xlsx') },
    });
    act(() => release());
    const shown = await screen.findByTestId('receipt');
    expect(within(shown).getByText('Đã nộp thành công')).toBeTruthy();
    expect(within(shown).getByText('sub-7')).toBeTruthy();
    expect(within(shown).getByText('08/11/2026 10:04')).toBeTruthy();
    expect(within(shown).getByText('Lần nộp thứ 2')).toBeTruthy();
    expect(within(shown).getByText('Đủ điều kiện đề nghị công nhận (50/50 điểm)')).toBeTruthy();
    expect(send).toHaveBeenCalledTimes(1);
    // The final report now counts as submitted in the deadline banner.
    await waitFor(() => expect(within(screen.getByTestId('deadline')).queryByText(/Báo cáo kết quả năm: hạn 20\/11\/2026/u)).toBeNull());
  });

  it('offline: says so and retries; the retry gets the receipt', async () => {
    let online = false;
    const send = vi.fn<HttpSend>(async () => {
      if (!online) throw new TransportError('network');
      return { status: 201, body: JSON.stringify(receipt) };
    });
    await openReview(new MemoryHost(workbook(coQuan, fullFill(coQuan))), send).then((b) => fireEvent.click(b));
    const failure = await screen.findByTestId('submit-failure');
    expect(within(failure).getByText(/Không kết nối được máy chủ tiếp nhận\. Kiểm tra mạng rồi bấm "Thử lại"/u)).toBeTruthy();
    online = true;
    fireEvent.click(within(failure).getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByTestId('receipt')).toBeTruthy();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('an invalid workbook\'s receipt lists the errors with their cells', async () => {
    const invalid = { ...receipt, valid: false, version: null, verdict: null, errors: [{ sheet: 'Chấm điểm', cell: 'F7', message: 'Điểm 7 vượt điểm tối đa 4. Nhập từ 0 đến 4.' }] };
    const send: HttpSend = async () => ({ status: 422, body: JSON.stringify({ error: { code: 'invalid-workbook', message: 'Tệp có lỗi.', receipt: invalid } }) });
    await openReview(new MemoryHost(workbook()), send).then((b) => fireEvent.click(b));
    const shown = await screen.findByTestId('receipt');
    expect(within(shown).getByText(/Máy chủ đã nhận tệp nhưng tệp có lỗi/u)).toBeTruthy();
    expect(within(shown).getByText('Trang "Chấm điểm", ô F7: Điểm 7 vượt điểm tối đa 4. Nhập từ 0 đến 4.')).toBeTruthy();
  });

  it('without CompressedFile (iPad) it points to the unit web page to upload the saved file, and sends nothing', async () => {
    const send = vi.fn<HttpSend>();
    await openReview(new MemoryHost(workbook(), { ok: false, error: { kind: 'unsupported' } }, false), send).then((b) => fireEvent.click(b));
    const bar = await screen.findByTestId('file-unsupported');
    expect(bar.textContent).toContain('nộp tệp .xlsx đã lưu trên trang dành cho đơn vị');
    expect(within(bar).getByRole('link', { name: 'Mở trang dành cho đơn vị' }).getAttribute('href')).toBe(`${SERVICE}/don-vi/`);
    expect(send).not.toHaveBeenCalled();
  });

  it('keys the stored token by the host\'s partition, and "Quên mã" removes it', async () => {
    window.localStorage.clear();
    window.localStorage.setItem('dien-hinh.unitToken', 'token-of-another-profile');
    window.localStorage.setItem('partition-7|dien-hinh.unitToken', 'token-vp');
    const host = new MemoryHost(workbook(coQuan, fullFill(coQuan)));
    Object.assign(host.capabilities, { storagePartition: 'partition-7|' });
    mount(host, { send: vi.fn<HttpSend>() });
    await ready();
    fireEvent.change(screen.getByRole('combobox', { name: 'Đi đến bước' }), { target: { value: 'review' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Cài đặt nộp' }, { timeout: 10_000 }));
    const token = screen.getByLabelText(/Mã nộp của đơn vị/u) as HTMLInputElement;
    expect(token.value).toBe('token-vp');
    fireEvent.click(screen.getByRole('button', { name: 'Quên mã' }));
    expect(token.value).toBe('');
    expect(screen.getByText('Đã xoá mã nộp khỏi máy tính này.')).toBeTruthy();
    expect(window.localStorage.getItem('partition-7|dien-hinh.unitToken')).toBeNull();
    expect(window.localStorage.getItem('dien-hinh.unitToken')).toBe('token-of-another-profile');
  }, 60_000);

  it('asks for the token first, keeps it in the settings store and never logs it', async () => {
    const store = memorySettings({ token: '' });
    const send = vi.fn<HttpSend>(async () => ({ status: 201, body: JSON.stringify(receipt) }));
    await openReview(new MemoryHost(workbook(coQuan, fullFill(coQuan))), send, store);
    const token = screen.getByLabelText(/Mã nộp của đơn vị/u) as HTMLInputElement;
    expect(token.type).toBe('password');
    fireEvent.change(token, { target: { value: 'bi-mat-123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(store.saved).toEqual([{ token: 'bi-mat-123' }]);
    // The pane talks to the service that served it: there is no address to type.
    expect(screen.queryByLabelText(/Địa chỉ máy chủ/u)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Nộp bảng chấm điểm' }));
    expect(await screen.findByTestId('receipt')).toBeTruthy();
    const logged = [...vi.mocked(console.error).mock.calls, ...vi.mocked(console.warn).mock.calls].flat().join(' ');
    expect(logged).not.toContain('bi-mat-123');
  });
});
