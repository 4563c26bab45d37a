// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry } from '../../shared/criteria/load';
import { checkWorkbookBytes } from '../../server/xlsx/readWorkbook';
import {
  interpretResponse, newIdempotencyKey, retryable, submissionsUrl, submitWorkbook, xhrSend, XLSX_MIME, type SubmitSettings,
} from '../../addin/app/submitClient';
import { browserSettingsStore } from '../../addin/app/settings';
import { fullFill } from '../support/fill';
import { makeWorkbookBytes } from '../support/workbooks';
import { startSubmissionDouble, type SubmissionDouble } from './support/submissionDouble';

const sets = defaultCriteriaSets();
const registry = createRegistry(sets);
const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;

describe('submitting to the sync service (real XMLHttpRequest against a local double)', () => {
  let double: SubmissionDouble;
  let settings: SubmitSettings;
  let good: Uint8Array;

  beforeAll(async () => {
    double = await startSubmissionDouble({
      tokens: { 'token-vp': { id: 'u1', name: 'Văn phòng UBND tỉnh Đồng Tháp' } },
      check: (bytes) => checkWorkbookBytes(bytes, registry),
      origins: [window.location.origin],
    });
    settings = { serverUrl: double.url, token: 'token-vp', idempotencyKey: 'k-1' };
    good = new Uint8Array(await makeWorkbookBytes(coQuan, fullFill(coQuan)));
  });
  afterAll(() => double.close());

  it('sends the bytes with the token, the type and the encoded file name, and reads the receipt', async () => {
    const progress: number[] = [];
    const result = await submitWorkbook(xhrSend, settings, { bytes: good, name: 'Bảng chấm điểm VP.xlsx' }, (loaded) => progress.push(loaded));
    expect(result).toMatchObject({ ok: true, value: { status: 201, receipt: { valid: true, duplicate: false, version: 1, fileName: 'Bảng chấm điểm VP.xlsx' } } });
    const last = double.received.at(-1)!;
    expect(last).toMatchObject({ token: 'token-vp', fileName: 'Bảng chấm điểm VP.xlsx', contentType: XLSX_MIME, idempotencyKey: 'k-1' });
    expect(Buffer.compare(last.bytes, Buffer.from(good))).toBe(0);
    if (result.ok) expect(result.value.receipt.verdict).toMatchObject({ eligible: true, total: 50 });
    expect(progress.length).toBeGreaterThan(0); // jsdom reports upload progress without byte counts; Chromium does (E2E)
  });

  it('the same file again is the same submission (200, duplicate), never a new version', async () => {
    const result = await submitWorkbook(xhrSend, { ...settings, idempotencyKey: 'k-again' }, { bytes: good, name: 'x.xlsx' }, () => {});
    expect(result).toMatchObject({ ok: true, value: { status: 200, receipt: { duplicate: true, version: 1, submissionId: 'sub-1' } } });
  });

  it('an invalid workbook comes back as a receipt with its errors and cells (422)', async () => {
    const fill = fullFill(coQuan);
    fill.scores![3] = 7;
    const bytes = new Uint8Array(await makeWorkbookBytes(coQuan, fill));
    const result = await submitWorkbook(xhrSend, { ...settings, idempotencyKey: 'k-invalid' }, { bytes, name: 'loi.xlsx' }, () => {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.status).toBe(422);
    expect(result.value.receipt.valid).toBe(false);
    expect(result.value.receipt.errors).toEqual([{ sheet: 'Chấm điểm', cell: 'F7', message: 'Điểm 7 vượt điểm tối đa 4. Nhập từ 0 đến 4.' }]);
  });

  it('a wrong token is refused with what to do', async () => {
    const result = await submitWorkbook(xhrSend, { ...settings, token: 'sai' }, { bytes: good, name: 'x.xlsx' }, () => {});
    expect(result).toEqual({ ok: false, error: { kind: 'unauthorized', message: 'Mã nộp không hợp lệ.' } });
  });

  it('an unreachable server is "offline" and can be retried', async () => {
    double.offline = true;
    try {
      const result = await submitWorkbook(xhrSend, settings, { bytes: good, name: 'x.xlsx' }, () => {});
      expect(result).toEqual({ ok: false, error: { kind: 'offline' } });
      if (!result.ok) expect(retryable(result.error)).toBe(true);
    } finally {
      double.offline = false;
    }
  });

  it('missing settings never reach the network', async () => {
    const before = double.received.length;
    expect(await submitWorkbook(xhrSend, { serverUrl: 'http://example.gov.vn', token: 'x', idempotencyKey: 'k' }, { bytes: good, name: 'x' }, () => {}))
      .toEqual({ ok: false, error: { kind: 'settings', field: 'serverUrl' } });
    expect(await submitWorkbook(xhrSend, { serverUrl: double.url, token: '  ', idempotencyKey: 'k' }, { bytes: good, name: 'x' }, () => {}))
      .toEqual({ ok: false, error: { kind: 'settings', field: 'token' } });
    expect(double.received.length).toBe(before);
  });
});

describe('submission URL and responses', () => {
  it('https only, except on this computer', () => {
    expect(submissionsUrl('https://dienhinh.congan.gov.vn/')).toBe('https://dienhinh.congan.gov.vn/api/submissions');
    expect(submissionsUrl('https://example.gov.vn/dien-hinh')).toBe('https://example.gov.vn/dien-hinh/api/submissions');
    expect(submissionsUrl('http://localhost:3000')).toBe('http://localhost:3000/api/submissions');
    expect(submissionsUrl('http://example.gov.vn')).toBeUndefined();
    expect(submissionsUrl('không phải địa chỉ')).toBeUndefined();
  });

  it('classifies what the server says', () => {
    expect(interpretResponse({ status: 503, body: '{"error":{"code":"busy","message":"Bận"}}' })).toEqual({ ok: false, error: { kind: 'server', status: 503, message: 'Bận' } });
    expect(interpretResponse({ status: 413, body: '' })).toEqual({ ok: false, error: { kind: 'too-large', message: '' } });
    expect(interpretResponse({ status: 409, body: '{"error":{"code":"locked","message":"Đã khoá"}}' })).toEqual({ ok: false, error: { kind: 'refused', status: 409, message: 'Đã khoá' } });
    expect(interpretResponse({ status: 201, body: '<html>proxy</html>' })).toEqual({ ok: false, error: { kind: 'bad-response', status: 201 } });
  });
});

describe('settings store', () => {
  it('keeps the token per computer, under a key that starts with the partition key where the host partitions storage', () => {
    window.localStorage.clear();
    const web = browserSettingsStore(window.localStorage, 'partition-A|');
    expect(web.load()).toEqual({ token: '' });
    web.save({ token: ' t1 ' });
    expect(window.localStorage.getItem('partition-A|dien-hinh.unitToken')).toBe('t1');
    expect(browserSettingsStore(window.localStorage, 'partition-A|').load()).toEqual({ token: 't1' });
    // Another profile (another partition) on the same computer gets an empty pane.
    expect(browserSettingsStore(window.localStorage, 'partition-B|').load()).toEqual({ token: '' });
    // Desktop Excel has no partition key: plain keys.
    browserSettingsStore(window.localStorage, undefined).save({ token: 't2' });
    expect(window.localStorage.getItem('dien-hinh.unitToken')).toBe('t2');
  });

  it('"Quên mã" removes the token from this computer', () => {
    window.localStorage.clear();
    const store = browserSettingsStore(window.localStorage, 'p|');
    store.save({ token: 'bi-mat' });
    store.forget();
    expect(window.localStorage.length).toBe(0);
    expect(browserSettingsStore(window.localStorage, 'p|').load()).toEqual({ token: '' });
  });

  it('works in memory when storage is refused', () => {
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => {} };
    const store = browserSettingsStore(refusing, undefined);
    store.save({ token: 't' });
    expect(store.load()).toEqual({ token: 't' });
    store.forget();
    expect(store.load()).toEqual({ token: '' });
  });
});

describe('idempotency keys', () => {
  it('are random version-4 UUIDs', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect(newIdempotencyKey()).not.toBe(a);
    expect(newIdempotencyKey((b) => b.fill(0))).toBe('00000000-0000-4000-8000-000000000000');
  });
});
