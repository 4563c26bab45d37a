// @vitest-environment jsdom
/**
 * The pane over the stricter fake Excel (issue 14): the real ExcelPort, template inserter and
 * getFileAsync reader behind the real form, with syncs that take a round trip, events after the
 * batch, edits that fire no event, and a file whose bytes differ on every read.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry } from '../../shared/criteria/load';
import { SHEETS } from '../../shared/workbook/layout';
import { buildTemplate } from '../../shared/workbook/template';
import { checkWorkbookBytes, readWorkbookBytes } from '../../server/xlsx/readWorkbook';
import { ScoringApp } from '../../addin/ui/ScoringApp';
import type { SettingsStore } from '../../addin/app/settings';
import { RELOAD_DELAY_MS } from '../../addin/app/useScoringForm';
import { xhrSend, type HttpSend } from '../../addin/app/submitClient';
import { createOfficeHost } from '../../addin/office/officeHost';
import { detectFeatures } from '../../addin/office/requirements';
import type { OfficeDocumentApi } from '../../addin/office/documentFile';
import { fillEdits, fullFill, type Fill } from '../support/fill';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { makeWorkbookBytes } from '../support/workbooks';
import { createFakeOffice, FakeExcel } from './support/fakeExcel';
import { MemoryHost } from './support/memoryHost';
import { startSubmissionDouble, type SubmissionDouble } from './support/submissionDouble';

// These render the whole pane in jsdom over a fake with real round trips: on a loaded machine a
// test can take a minute. Every wait is for a condition, never for a time.
vi.setConfig({ testTimeout: 180_000 });

const sets = defaultCriteriaSets();
const registry = createRegistry(sets);
const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const NOW = () => new Date('2026-11-08T03:00:00Z');
const UNIT = 'Văn phòng UBND tỉnh Đồng Tháp';

function memorySettings(token = 'token-vp'): SettingsStore {
  let current = { token };
  return { load: () => current, save: (s) => { current = s; }, forget: () => { current = { token: '' }; } };
}

function mount(host: Parameters<typeof ScoringApp>[0]['host'], extra: { send?: HttpSend; serviceUrl?: string; settingsStore?: SettingsStore } = {}) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <ScoringApp host={host} now={NOW} serviceUrl={extra.serviceUrl ?? 'https://dienhinh.example.gov.vn'} settingsStore={extra.settingsStore ?? memorySettings()} send={extra.send} />
    </FluentProvider>,
  );
}

/**
 * Waits until the fake has nothing under way (batches, syncs, events), also after React has run
 * what that work caused: on the work, never on a duration.
 */
async function idle(fake: FakeExcel): Promise<void> {
  do await act(() => fake.settled());
  while (!fake.isSettled());
}

function memoryWorkbook(fill: Fill): MemoryWorkbook {
  const book = MemoryWorkbook.fromTemplate(buildTemplate(coQuan));
  for (const edit of fillEdits(coQuan, fill, (name) => book.namedCell(name))) book.setCell(edit.sheet, edit.row, edit.col, edit.value);
  return book;
}

async function goToCriterion(number: number) {
  fireEvent.change(screen.getByRole('combobox', { name: 'Đi đến bước' }), { target: { value: `criterion-${number}` } });
  await screen.findByRole('heading', { level: 2, name: `Tiêu chí ${number}` }, { timeout: 30_000 });
}

beforeEach(() => {
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('event handlers over a host whose sync takes a round trip', () => {
  it('inserting the template leaves one handler set for the new sheets (14), and closing removes them all', async () => {
    const fake = new FakeExcel();
    fake.addSheet('Sheet1');
    const { office } = createFakeOffice({ file: () => new Uint8Array(0), excelApi: '1.8' });
    const host = createOfficeHost(office as unknown as OfficeDocumentApi, fake.namespace(), detectFeatures(office.context.requirements, true));
    mount(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Chèn bảng chấm điểm mới' }, { timeout: 30_000 }));
    await screen.findByTestId('verdict', {}, { timeout: 30_000 });
    await idle(fake);
    // Sheet1 and the template's five sheets: changed + selection each, plus added/deleted.
    expect(fake.sheets).toHaveLength(6);
    expect(fake.activeRegistrations()).toBe(6 * 2 + 2);
    cleanup();
    await idle(fake);
    expect(fake.activeRegistrations()).toBe(0);
  }, 180_000);
});

describe('the pane never trusts its cache', () => {
  it('a dropdown edit that fired no event shows when the pane gets the focus back', async () => {
    const host = new MemoryHost(memoryWorkbook({ unit: { name: UNIT, kind: 'Cơ quan', year: 2026 } }));
    mount(host);
    await screen.findByTestId('verdict', {}, { timeout: 30_000 });
    // Under fake timers, well past the pane's reload delay: no event, so no reload was scheduled.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      host.userEditSilently(SHEETS.scores, 9, 6, 4);
      await act(() => vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS * 10));
    } finally {
      vi.useRealTimers();
    }
    expect(screen.getByText('Đã chấm 0/12 tiêu chí')).toBeTruthy();
    act(() => { window.dispatchEvent(new Event('focus')); });
    await waitFor(() => expect(screen.getByText('Đã chấm 1/12 tiêu chí')).toBeTruthy(), { timeout: 30_000 });
  });

  it('typing the value the pane last saw still writes it when the cell changed silently', async () => {
    const host = new MemoryHost(memoryWorkbook({ unit: { name: UNIT }, scores: { 3: 2 } }));
    mount(host);
    await screen.findByTestId('verdict', {}, { timeout: 30_000 });
    host.userEditSilently(SHEETS.scores, 7, 6, 3);
    await goToCriterion(3);
    const input = screen.getByLabelText(/Điểm tự chấm/u);
    // "2,0" is 2: the pane's cache says the cell already holds 2; the file holds 3.
    fireEvent.change(input, { target: { value: '2,0' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(host.workbook.getCell(SHEETS.scores, 7, 6)).toBe(2), { timeout: 30_000 });
  });

  it('reads the workbook again before every submission', async () => {
    const host = new MemoryHost(memoryWorkbook(fullFill(coQuan)));
    let readsAtSend = -1;
    const send = vi.fn<HttpSend>(async () => {
      readsAtSend = host.workbook.calls.read;
      return { status: 503, body: '' };
    });
    mount(host, { send });
    await screen.findByTestId('verdict', {}, { timeout: 30_000 });
    host.userEditSilently(SHEETS.scores, 16, 6, null);
    fireEvent.change(screen.getByRole('combobox', { name: 'Đi đến bước' }), { target: { value: 'review' } });
    const button = await screen.findByRole('button', { name: 'Nộp bảng chấm điểm' }, { timeout: 30_000 });
    const reads = host.workbook.calls.read;
    fireEvent.click(button);
    await screen.findByTestId('submit-failure', {}, { timeout: 30_000 });
    expect(readsAtSend).toBe(reads + 1);
    expect(screen.getByText('Đã chấm 11/12 tiêu chí')).toBeTruthy();
  });
});

describe('safe retries (getFileAsync hands out different bytes on every call)', () => {
  let double: SubmissionDouble;
  let original: Buffer;
  let snapshot: Awaited<ReturnType<typeof readWorkbookBytes>>;

  beforeAll(async () => {
    double = await startSubmissionDouble({
      tokens: { 'token-vp': { id: 'u1', name: UNIT } },
      check: (bytes) => checkWorkbookBytes(bytes, registry),
      origins: [window.location.origin],
    });
    original = await makeWorkbookBytes(coQuan, fullFill(coQuan));
    snapshot = await readWorkbookBytes(original);
  });
  afterAll(() => double.close());

  it('a retry after a lost answer carries the same Idempotency-Key and gets the first receipt; "Nộp lại" is a new submission', async () => {
    if (!snapshot.ok) throw new Error('fixture unreadable');
    const fake = FakeExcel.fromSnapshot(snapshot.value);
    const { office } = createFakeOffice({ file: () => new Uint8Array(original), varyBytes: true });
    const host = createOfficeHost(office as unknown as OfficeDocumentApi, fake.namespace(), detectFeatures(office.context.requirements, true));
    mount(host, { send: xhrSend, serviceUrl: double.url });
    await screen.findByTestId('verdict', {}, { timeout: 30_000 });
    fireEvent.change(screen.getByRole('combobox', { name: 'Đi đến bước' }), { target: { value: 'review' } });

    double.loseAnswers = 1;
    fireEvent.click(await screen.findByRole('button', { name: 'Nộp bảng chấm điểm' }, { timeout: 30_000 }));
    const failure = await screen.findByTestId('submit-failure', {}, { timeout: 30_000 });
    expect(double.recorded.size).toBe(1);
    fireEvent.click(within(failure).getByRole('button', { name: 'Thử lại' }));
    const receipt = await screen.findByTestId('receipt', {}, { timeout: 30_000 });
    expect(receipt.textContent).toContain('Tệp này đã được nhận trước đó');
    expect(double.received).toHaveLength(2);
    const [first, retry] = double.received;
    expect(Buffer.compare(first!.bytes, retry!.bytes)).not.toBe(0);
    expect(first!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/u);
    expect(retry!.idempotencyKey).toBe(first!.idempotencyKey);
    expect(double.recorded.size).toBe(1);

    fireEvent.click(screen.getByRole('button', { name: 'Nộp lại' }));
    await waitFor(() => expect(double.received).toHaveLength(3), { timeout: 30_000 });
    await waitFor(() => expect(screen.getByTestId('receipt').textContent).toContain('Lần nộp thứ 2'), { timeout: 30_000 });
    expect(double.received[2]!.idempotencyKey).not.toBe(first!.idempotencyKey);
    expect(double.recorded.size).toBe(2);
  }, 180_000);
});
