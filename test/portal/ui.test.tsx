// @vitest-environment jsdom
/**
 * The portal's components in jsdom with a fake service: one message for any refused token, the
 * upload's receipt and refusal with `'Sheet'!Cell`, and a retry after a dropped connection that
 * sends the same Idempotency-Key (a new file gets a new one).
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { configure } from '@testing-library/dom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt, UnitPageResponse } from '../../shared/api/schemas';
import type { XhrLike } from '../../server/portal/api/client';
import { PORTAL_TOKEN_KEY } from '../../server/portal/state/session';
import { newIdempotencyKey, uploadReducer } from '../../server/portal/state/page';
import { issueLine } from '../../shared/workbook/issues';
import { App } from '../../server/portal/ui/App';
import { Appraisal } from '../../server/portal/ui/Appraisal';

beforeAll(() => {
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, onchange: null, dispatchEvent: () => false })) as typeof window.matchMedia;
});
afterEach(() => cleanup());
// The whole Fluent page renders after sign-in; on a loaded machine that takes seconds. Queries poll until then.
configure({ asyncUtilTimeout: 15_000 });

const PAGE: UnitPageResponse = {
  unit: { id: 'u1', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: 'Xã Tân Hồng', code: 'GD-001' },
  year: 2026,
  generatedAt: '2026-11-10T03:00:00.000Z',
  deadlines: [{ stage: 'final', due: '20/11/2026', lock: '30/11/2026', state: 'due-soon', daysLeft: 10, label: 'Còn 10 ngày', reopened: false }],
  stages: [{ stage: 'final', status: 'not-submitted', review: null, versions: 0, latestSubmissionId: null, submittedAt: null, daysLate: 0 }],
  submissions: [],
  workbooks: [{ setId: 'dien-hinh-co-quan-du-thao', setVersion: '1', title: 'Bộ tiêu chí dự thảo', draft: true, purpose: 'yearly-report' }],
  appraisal: null,
};

const RECEIPT: Receipt = {
  submissionId: 'a1b2', unit: { id: 'u1', code: 'GD-001', name: PAGE.unit.name, kind: 'co-so-giao-duc', parent: 'Xã Tân Hồng' }, year: 2026, stage: 'final',
  version: 1, receivedAt: '2026-11-10T03:00:00.000Z', late: false, daysLate: 0, duplicate: false, valid: true,
  verdict: { eligible: true, total: 50, max: 50, threshold: 45, hardFailures: [], reasons: [], passFail: false }, errors: [], warnings: [], sha256: 'x', fileName: 'a.xlsx',
};

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

/** GET /api/unit: the page for the unit token, 403 for the admin token, 401 otherwise. */
const fetchFor = (unitToken: string, page: UnitPageResponse = PAGE, asked: string[] = []) => (async (input: RequestInfo | URL, init?: RequestInit) => {
  asked.push(String(input));
  const auth = (init?.headers as Record<string, string>).Authorization;
  if (auth === `Bearer ${unitToken}`) return new Response(JSON.stringify(page), { status: 200 });
  if (auth === 'Bearer dha_admin') return new Response(JSON.stringify({ error: { code: 'forbidden', message: 'Trang đơn vị chỉ dùng mã nộp của đơn vị' } }), { status: 403 });
  return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'Mã không hợp lệ' } }), { status: 401 });
}) as typeof fetch;

class FakeXhr implements XhrLike {
  static sent: FakeXhr[] = [];
  headers: Record<string, string> = {};
  status = 0;
  responseText = '';
  upload: XhrLike['upload'] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open() {}
  setRequestHeader(name: string, value: string) { this.headers[name] = value; }
  send() { FakeXhr.sent.push(this); }
  abort() {}
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function renderApp(storage: ReturnType<typeof memoryStorage>, page: UnitPageResponse = PAGE, asked: string[] = []) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App storage={storage} clientOptions={{ fetch: fetchFor('dhu_right', page, asked), xhr: () => new FakeXhr() }} />
    </FluentProvider>,
  );
}

/** The unit page, signed in, once its heading shows; no upload sent yet. */
async function openPage(page: UnitPageResponse = PAGE) {
  FakeXhr.sent = [];
  renderApp(memoryStorage({ [PORTAL_TOKEN_KEY]: 'dhu_right' }), page);
  await screen.findByRole('heading', { level: 1, name: page.unit.name });
}

const pick = (name: string) => {
  const input = document.querySelector('[data-file-input]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([new Uint8Array([80, 75, 3, 4])], name)] } });
};

describe('sign-in', () => {
  it('gives one message for an unknown and an admin token, and keeps nothing', async () => {
    const storage = memoryStorage();
    renderApp(storage);
    for (const wrong of ['dhu_wrong', 'dha_admin']) {
      fireEvent.change(screen.getByLabelText(/Mã nộp hồ sơ của đơn vị/u), { target: { value: wrong } });
      fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
      await screen.findByText(/Mã không đúng hoặc không còn hiệu lực/u);
      expect(screen.queryByText(/quản trị/u)).toBeNull();
    }
    expect(storage.map.size).toBe(0);
    fireEvent.change(screen.getByLabelText(/Mã nộp hồ sơ của đơn vị/u), { target: { value: ' dhu_right ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    await screen.findByRole('heading', { level: 1, name: PAGE.unit.name });
    expect(storage.map.get(PORTAL_TOKEN_KEY)).toBe('dhu_right');
  });
});

describe('a unit code typed where the token goes', () => {
  it('is named as the unit code at once, pointing to the long code on the slip, and nothing is sent', async () => {
    const asked: string[] = [];
    const storage = memoryStorage();
    renderApp(storage, PAGE, asked);
    expect(screen.getByText(/dãy ký tự dài bắt đầu bằng "dhu_" \(không phải mã đơn vị\)/u)).toBeTruthy();
    for (const typed of ['GD-001', ' gd-001 ']) {
      fireEvent.change(screen.getByLabelText(/Mã nộp hồ sơ của đơn vị/u), { target: { value: typed } });
      fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
      await screen.findByText('"GD-001" có dạng mã đơn vị, không phải mã nộp hồ sơ. Mã nộp hồ sơ là dãy ký tự dài in trên phiếu ở dòng "Mã nộp hồ sơ", bắt đầu bằng "dhu_".');
    }
    expect(screen.queryByText(/Mã không đúng/u)).toBeNull();
    expect(asked).toEqual([]);
    expect(storage.map.size).toBe(0);
  });
});

describe('what the page says of each file and workbook', () => {
  const passFailVerdict = (passed: number) => ({
    eligible: passed === 6, total: passed, max: 6, threshold: 6, hardFailures: [], reasons: passed === 6 ? [] : ['Tiêu chí 5 chưa đạt.'], passFail: true,
  });
  const submission = (over: Partial<UnitPageResponse['submissions'][number]>): UnitPageResponse['submissions'][number] => ({
    id: 's1', stage: 'final', version: 1, receivedAt: '2026-11-10T03:00:00.000Z', late: false, daysLate: 0, valid: true, fileName: 'a.xlsx',
    verdict: null, errors: [], warnings: [], review: null, ...over,
  });
  const xa: UnitPageResponse = {
    ...PAGE,
    unit: { id: 'u2', code: 'XA-001', name: 'Xã Tân Hồng', kind: 'xa', parent: '' },
    submissions: [
      submission({ id: 's3', version: null, valid: false, fileName: 'vuot-toi-da.xlsx',
        // A stored answer may still carry the verdict of a refused file: it is not shown.
        verdict: { eligible: false, total: 46, max: 50, threshold: 45, hardFailures: [], reasons: [], passFail: false },
        errors: [{ sheet: 'Chấm điểm', cell: 'F8', message: 'Điểm 6 vượt điểm tối đa 4. Nhập từ 0 đến 4.' }] }),
      submission({ id: 's2', version: 2, fileName: 'lan-2.xlsx', verdict: passFailVerdict(5) }),
      submission({ id: 's1', version: 1, verdict: passFailVerdict(6), review: { state: 'approved', note: '', at: '2026-11-12T03:00:00.000Z', seenAt: null } }),
    ],
    stages: [{ stage: 'final', status: 'on-time', review: 'approved', versions: 2, latestSubmissionId: 's2', submittedAt: '2026-11-10T03:00:00.000Z', daysLate: 0 }],
    workbooks: [
      { setId: 'dien-hinh-xa-du-thao', setVersion: '1', title: 'Bộ tiêu chí dự thảo: xã, phường, đặc khu điển hình', draft: true, purpose: 'yearly-report' },
      { setId: 'an-toan-antt-xa-phuong', setVersion: '1', title: 'Tiêu chuẩn “An toàn về an ninh, trật tự” – xã, phường, đặc khu', draft: true, purpose: 'on-request' },
    ],
  };
  const article = (id: string) => document.querySelector<HTMLElement>(`[data-submission="${id}"]`)!;

  it('a pass-fail set reads "Đạt 5/6 tiêu chí" as the documents do, never as points', async () => {
    await openPage(xa);
    expect(article('s2').textContent).toContain('Đạt 5/6 tiêu chí');
    expect(article('s2').textContent).toContain('Tiêu chí 5 chưa đạt.');
    expect(article('s1').textContent).toContain('Đạt 6/6 tiêu chí');
    expect(document.body.textContent).not.toMatch(/Tổng điểm [56]\/6/u);
  });

  it('a file with errors shows that it was not judged, and its cells, never a verdict', async () => {
    await openPage(xa);
    const refused = article('s3');
    expect(refused.textContent).toContain('Tệp có lỗi, chưa xét điều kiện công nhận.');
    expect(refused.textContent).toContain("'Chấm điểm'!F8: Điểm 6 vượt điểm tối đa 4. Nhập từ 0 đến 4.");
    expect(refused.textContent).not.toMatch(/Chưa đủ điều kiện|Tổng điểm|46/u);
    expect(refused.querySelector('[data-verdict]')).toBeNull();
  });

  it('says "Đã duyệt" is the province accepting the file, recognition being the council\'s', async () => {
    await openPage(xa);
    const approved = article('s1').querySelector('[data-review="approved"]')!;
    expect(approved.textContent).toContain('Đã duyệt');
    expect(approved.querySelector('[data-approved-meaning]')!.textContent)
      .toBe('"Đã duyệt" nghĩa là Công an tỉnh đã chấp nhận hồ sơ này. Đơn vị có được công nhận điển hình hay không căn cứ kết quả thẩm định của Hội đồng (mục "Kết quả thẩm định").');
    expect(document.querySelectorAll('[data-approved-meaning]')).toHaveLength(1);
  });

  it('says which workbook is the yearly report\'s and which only when the province asks', async () => {
    await openPage(xa);
    const purpose = (setId: string) => document.querySelector(`[data-workbook="${setId}"] [data-purpose]`)!.textContent;
    expect(purpose('dien-hinh-xa-du-thao')).toBe('Dùng cho báo cáo kết quả năm (chấm điểm điển hình): đơn vị chấm và nộp bảng này mỗi năm.');
    expect(purpose('an-toan-antt-xa-phuong')).toBe('Chỉ dùng khi Công an tỉnh yêu cầu; không thay cho bảng chấm điểm điển hình của báo cáo kết quả năm.');
  });
});

describe('upload', () => {
  it('retries with the same Idempotency-Key, then shows the receipt; a new file gets a new key', async () => {
    await openPage();

    pick('Bảng chấm điểm.ods');
    // The advice names the clerk's program, whichever it is.
    await screen.findByText('Tệp "Bảng chấm điểm.ods" không phải .xlsx. Hãy mở tệp, lưu lại dạng .xlsx (Excel: Tệp › Lưu thành, chọn kiểu "Sổ làm việc Excel (.xlsx)"; LibreOffice: Tệp › Lưu thành…, chọn kiểu "Excel 2007-365 (.xlsx)"; WPS: Tệp › Lưu thành, chọn kiểu .xlsx) rồi nộp lại.');
    expect(FakeXhr.sent).toHaveLength(0);

    pick('bang-cham-diem.xlsx');
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const first = FakeXhr.sent[0]!;
    expect(first.headers['Idempotency-Key']).toMatch(/^[0-9a-f]{32}$/u);
    expect(first.headers.Authorization).toBe('Bearer dhu_right');
    first.onerror!();
    fireEvent.click(await screen.findByRole('button', { name: 'Gửi lại' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    expect(FakeXhr.sent[1]!.headers['Idempotency-Key']).toBe(first.headers['Idempotency-Key']);
    FakeXhr.sent[1]!.answer(201, RECEIPT);
    await screen.findByText('Công an tỉnh đã nhận bảng chấm điểm');
    expect(document.querySelector('[data-receipt-id]')!.textContent).toBe('a1b2');
    expect(document.querySelector('[data-receipt]')!.textContent).toContain('Tổng điểm 50/50 (cần từ 45)');

    pick('bang-cham-diem-sua.xlsx');
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(3));
    expect(FakeXhr.sent[2]!.headers['Idempotency-Key']).not.toBe(first.headers['Idempotency-Key']);
    FakeXhr.sent[2]!.answer(422, {
      error: {
        code: 'workbook-invalid', message: 'Bảng chấm điểm có 1 lỗi cần sửa.',
        details: [{ sheet: 'Chấm điểm', cell: 'F7', message: 'Điểm 99 vượt điểm tối đa 4.' }],
        receipt: { ...RECEIPT, valid: false, version: null },
      },
    });
    await screen.findByText("'Chấm điểm'!F7: Điểm 99 vượt điểm tối đa 4.");
    expect(screen.getByText('Bảng chấm điểm chưa được nhận')).toBeTruthy();
    expect(screen.getAllByText('Các ô cần sửa:').length).toBeGreaterThan(0);

    // A refusal whose errors name no cell (a blank form: the sheet only) speaks of no cells.
    pick('mau-trong.xlsx');
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(4));
    FakeXhr.sent[3]!.answer(422, {
      error: {
        code: 'workbook-invalid', message: 'Bảng chấm điểm có 1 lỗi cần sửa (xem chi tiết kèm theo).',
        details: [{ sheet: 'Chấm điểm', cell: '', message: 'Bảng chấm điểm chưa có điểm của tiêu chí nào.' }],
        receipt: { ...RECEIPT, valid: false, version: null },
      },
    });
    await screen.findByText("'Chấm điểm': Bảng chấm điểm chưa có điểm của tiêu chí nào.");
    expect(screen.getAllByText('Cần sửa:').length).toBeGreaterThan(0);
    expect(screen.queryByText('Các ô cần sửa:')).toBeNull();
  });
});

describe('a pass-fail set\'s receipt', () => {
  it('reads as the documents do, "Đạt 6/6 tiêu chí", not as points', async () => {
    await openPage();
    pick('xa-tan-hong.xlsx');
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    FakeXhr.sent[0]!.answer(201, { ...RECEIPT, verdict: { eligible: true, total: 6, max: 6, threshold: 6, hardFailures: [], reasons: [], passFail: true } });
    await screen.findByText('Công an tỉnh đã nhận bảng chấm điểm');
    const receipt = document.querySelector('[data-receipt]')!.textContent;
    expect(receipt).toContain('Đạt 6/6 tiêu chí');
    expect(receipt).not.toContain('Tổng điểm');
  });
});

describe('the result shown is the last chosen file\'s', () => {
  it('drops the previous receipt when the next file is refused by name, by the service or by the network', async () => {
    await openPage();
    const receiptShown = () => document.querySelector('[data-receipt]') !== null;
    const accept = async () => {
      pick('bang-cham-diem.xlsx');
      await waitFor(() => expect(FakeXhr.sent.length).toBeGreaterThan(0));
      FakeXhr.sent.at(-1)!.answer(201, { ...RECEIPT, version: 2 });
      await screen.findByText('Công an tỉnh đã nhận bảng chấm điểm');
      FakeXhr.sent = [];
    };

    for (const wrong of ['bang cham.xls', 'bang cham.csv']) {
      await accept();
      pick(wrong);
      await screen.findByText(new RegExp(`Tệp "${wrong}" không phải .xlsx`, 'u'));
      expect(receiptShown()).toBe(false);
      expect(FakeXhr.sent).toHaveLength(0);
    }

    await accept();
    const input = document.querySelector('[data-file-input]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['a'], 'a.xlsx'), new File(['b'], 'b.xlsx')] } });
    await screen.findByText('Mỗi lần chỉ nộp một tệp.');
    expect(receiptShown()).toBe(false);

    await accept();
    pick('bang-trong.xlsx');
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    FakeXhr.sent[0]!.answer(400, { error: { code: 'empty-body', message: 'Tệp trống (0 byte).' } });
    await screen.findByText('Tệp trống (0 byte).');
    expect(receiptShown()).toBe(false);

    FakeXhr.sent = [];
    await accept();
    pick('bang-cham-diem-sua.xlsx');
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    FakeXhr.sent[0]!.onerror!();
    await screen.findByRole('button', { name: 'Gửi lại' });
    expect(receiptShown()).toBe(false);

    // A refused pick after a dropped connection: "Gửi lại" would send the earlier file, so it goes too.
    pick('bang cham.xls');
    await screen.findByText(/không phải .xlsx/u);
    expect(screen.queryByRole('button', { name: 'Gửi lại' })).toBeNull();
  });
});

describe('the published appraisal', () => {
  const verdict = { eligible: true, total: 48, max: 50, threshold: 45, hardFailures: [], reasons: [], passFail: false };
  const rows = () => screen.getAllByRole('row').slice(1).map((r) => Array.from(r.children, (c) => c.textContent));
  const renderAppraisal = (appraisal: UnitPageResponse['appraisal']) => render(<FluentProvider theme={webLightTheme}><Appraisal appraisal={appraisal} /></FluentProvider>);

  it('reads as the biên bản: the score that counts, the self-score where the council kept it, "(chấm lại)" where it changed it', () => {
    renderAppraisal({
      publishedAt: '2026-12-01T03:00:00.000Z', verdict, appraised: true, passFail: false,
      scores: [{ number: 1, max: 4, self: 4, appraised: null }, { number: 2, max: 4, self: 4, appraised: 2 }, { number: 3, max: 4, self: 3.5, appraised: 3.5 }, { number: 4, max: 4, self: null, appraised: null }],
    });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Tiêu chí', 'Điểm tối đa', 'Tự chấm', 'Thẩm định']);
    expect(rows()).toEqual([['1', '4', '4', '4'], ['2', '4', '4', '2 (chấm lại)'], ['3', '4', '3,5', '3,5'], ['4', '4', '—', '—']]);
  });

  it('a pass-fail set reads Đạt / Chưa đạt, with no maximum column', () => {
    renderAppraisal({
      publishedAt: '2026-12-01T03:00:00.000Z', verdict: { ...verdict, total: 5, max: 6, threshold: 6, eligible: false, passFail: true }, appraised: true, passFail: true,
      scores: [{ number: 1, max: 1, self: 1, appraised: null }, { number: 2, max: 1, self: 1, appraised: 0 }],
    });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Tiêu chí', 'Tự chấm', 'Thẩm định']);
    expect(rows()).toEqual([['1', 'Đạt', 'Đạt'], ['2', 'Đạt', 'Chưa đạt (chấm lại)']]);
  });
});

describe('page state', () => {
  it('writes cells as the clerk reads them', () => {
    expect(issueLine({ sheet: 'Chấm điểm', cell: 'F7', message: 'Nhập từ 0 đến 4.' })).toBe("'Chấm điểm'!F7: Nhập từ 0 đến 4.");
    expect(issueLine({ sheet: 'Hồ sơ', cell: '', message: 'Thiếu.' })).toBe("'Hồ sơ': Thiếu.");
    expect(issueLine({ sheet: '', cell: '', message: 'Tệp hỏng.' })).toBe('Tệp hỏng.');
  });

  it('follows an upload from progress to the answer', () => {
    let state = uploadReducer({ phase: 'idle' }, { type: 'start', fileName: 'a.xlsx' });
    state = uploadReducer(state, { type: 'progress', loaded: 1, total: 3 });
    expect(state).toEqual({ phase: 'sending', fileName: 'a.xlsx', percent: 33 });
    state = uploadReducer(state, { type: 'sent' });
    expect(state.phase).toBe('checking');
    state = uploadReducer(state, { type: 'error', error: { kind: 'network', message: 'mất mạng' } });
    expect(state).toEqual({ phase: 'failed', fileName: 'a.xlsx', message: 'mất mạng' });
  });

  it('keeps no earlier file\'s receipt once another file is chosen, whatever becomes of it', () => {
    const accepted = uploadReducer(uploadReducer({ phase: 'idle' }, { type: 'start', fileName: 'a.xlsx' }), { type: 'answer', status: 201, receipt: RECEIPT });
    expect(accepted).toMatchObject({ phase: 'accepted', receipt: RECEIPT });
    // Refused before sending (not .xlsx, several files): the earlier receipt is not the answer to this file.
    expect(uploadReducer(accepted, { type: 'reject', message: 'Tệp "b.xls" không phải .xlsx.' })).toEqual({ phase: 'rejected', message: 'Tệp "b.xls" không phải .xlsx.' });
    const sending = uploadReducer(accepted, { type: 'start', fileName: 'b.xlsx' });
    expect(uploadReducer(sending, { type: 'error', error: { kind: 'http', status: 400, code: 'empty-body', message: 'Tệp trống.', details: [], receipt: null, workbookUnit: null } }))
      .toEqual({ phase: 'refused', fileName: 'b.xlsx', message: 'Tệp trống.', issues: [], receipt: null });
    expect(uploadReducer(sending, { type: 'error', error: { kind: 'network', message: 'mất mạng' } })).toEqual({ phase: 'failed', fileName: 'b.xlsx', message: 'mất mạng' });
    // An answer belongs to the file on its way; with none on its way there is nothing it answers.
    expect(uploadReducer({ phase: 'rejected', message: 'x' }, { type: 'answer', status: 201, receipt: RECEIPT })).toEqual({ phase: 'rejected', message: 'x' });
  });

  it('makes 128-bit keys from the random source', () => {
    expect(newIdempotencyKey((b) => b.fill(255))).toBe('f'.repeat(32));
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
