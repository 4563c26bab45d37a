/** The console's API client: parses every answer with the shared schemas, errors as values. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { UnitsResponse } from '../../shared/api/schemas';
import { createApi, errorLines, fileNameFromDisposition, hasErrorCode, type XhrLike } from '../../server/console/api/client';
import { BOARD_FIRST_PAGE_QUERY } from '../../shared/api/boardPage';
import { generateUnitsResponse } from './fixtures';

let units: UnitsResponse;
beforeAll(async () => { units = await generateUnitsResponse(5); });

interface Call { url: string; init: RequestInit | undefined }

function fakeFetch(answer: (url: string) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return answer(String(input));
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('JSON requests', () => {
  it('sends the token and parses the board', async () => {
    const { calls, fetch } = fakeFetch(() => json(200, units));
    const answer = await createApi({ token: 'dha_x', fetch }).units(2026);
    expect(answer).toEqual({ ok: true, value: units });
    expect(calls[0]!.url).toBe('/api/units?year=2026');
    expect((calls[0]!.init!.headers as Record<string, string>).Authorization).toBe('Bearer dha_x');
  });

  it('asks for one page of the board', async () => {
    const { calls, fetch } = fakeFetch(() => json(200, { ...units, page: { offset: 0, limit: 50, total: 5, approved: 0 } }));
    const answer = await createApi({ token: 't', fetch }).units(2026, BOARD_FIRST_PAGE_QUERY);
    expect(answer.ok && answer.value.page).toEqual({ offset: 0, limit: 50, total: 5, approved: 0 });
    expect(calls[0]!.url).toBe('/api/units?year=2026&limit=50&offset=0');
  });

  it('gives the server\'s Vietnamese message as a value', async () => {
    const { fetch } = fakeFetch(() => json(401, { error: { code: 'unauthorized', message: 'Mã truy cập không hợp lệ.' } }));
    const answer = await createApi({ token: 'bad', fetch }).units(2026);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error).toMatchObject({ kind: 'http', status: 401, code: 'unauthorized', message: 'Mã truy cập không hợp lệ.' });
  });

  it('tells refusals apart by the catalogue\'s code, never an answer without the service\'s error body', async () => {
    const refused = await createApi({ token: 't', fetch: fakeFetch(() => json(422, { error: { code: 'appraisal-invalid', message: 'Điểm không hợp lệ.' } })).fetch }).units(2026);
    const fromProxy = await createApi({ token: 't', fetch: fakeFetch(() => new Response('<html>422</html>', { status: 422 })).fetch }).units(2026);
    if (refused.ok || fromProxy.ok) throw new Error('both requests must fail');
    expect(hasErrorCode(refused.error, 'appraisal-invalid')).toBe(true);
    expect(hasErrorCode(refused.error, 'workbook-invalid', 'unit-unknown')).toBe(false);
    expect(hasErrorCode(fromProxy.error, 'appraisal-invalid')).toBe(false);
    expect(hasErrorCode({ kind: 'network', message: 'x' }, 'appraisal-invalid')).toBe(false);
    // @ts-expect-error a code that is not in the catalogue (shared/api/errorCodes.ts) does not compile
    expect(hasErrorCode(refused.error, 'appraisal-refused')).toBe(false);
  });

  it('refuses an answer that does not match the schema', async () => {
    const { fetch } = fakeFetch(() => json(200, { ...units, counts: null }));
    const answer = await createApi({ token: 't', fetch }).units(2026);
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.kind).toBe('invalid-response');
      expect(answer.error.message).toContain('GET /api/units');
    }
  });

  it('turns a network failure into a Vietnamese message', async () => {
    const fetch = (async () => { throw new TypeError('Failed to fetch'); }) as typeof globalThis.fetch;
    const answer = await createApi({ token: 't', fetch }).audit();
    expect(!answer.ok && answer.error).toMatchObject({ kind: 'network', message: expect.stringContaining('Không kết nối được máy chủ') });
  });

  it('posts review, appraisal and exception bodies to the documented routes', async () => {
    const submissions = { unit: { ...units.units[0]!.unit }, submissions: [], appraisal: null, reopened: [] };
    const { calls, fetch } = fakeFetch(() => json(200, submissions));
    const api = createApi({ token: 't', fetch });
    expect((await api.review('u 1', 2026, 'approved', 'Tốt', 'sub-9')).ok).toBe(true);
    expect((await api.appraisal('u1', 2026, { 5: 4.5, 8: null })).ok).toBe(true);
    expect((await api.exception('u1', 2026, 'final', 'Mở lại')).ok).toBe(true);
    expect(calls.map((c) => [c.init!.method, c.url, JSON.parse(String(c.init!.body))])).toEqual([
      ['POST', '/api/units/u%201/review?year=2026', { state: 'approved', note: 'Tốt', submissionId: 'sub-9' }],
      ['PUT', '/api/units/u1/appraisal?year=2026', { scores: { 5: 4.5, 8: null } }],
      ['POST', '/api/units/u1/exceptions?year=2026', { stage: 'final', note: 'Mở lại' }],
    ]);
  });

  it('lists the details of a refusal with their cells', () => {
    expect(errorLines({ kind: 'http', status: 422, code: 'appraisal-invalid', message: 'Có 1 điểm không hợp lệ', details: [{ sheet: 'Điểm thẩm định', cell: '5', message: 'Điểm 6 vượt 5' }], receipt: null, workbookUnit: null }))
      .toEqual(['Có 1 điểm không hợp lệ', "'Điểm thẩm định'!5: Điểm 6 vượt 5"]);
  });
});

describe('downloads', () => {
  it('fetches the export with the token and keeps the server\'s file name', async () => {
    const { calls, fetch } = fakeFetch(() => new Response(new Uint8Array([80, 75, 3, 4]), {
      status: 200, headers: { 'Content-Disposition': "attachment; filename=\"bang-tong-hop.xlsx\"; filename*=UTF-8''B%E1%BA%A3ng%20t%E1%BB%95ng%20h%E1%BB%A3p%202026.xlsx" },
    }));
    const answer = await createApi({ token: 't', fetch }).download('consolidated', 2026, 'du-phong.xlsx');
    expect(calls[0]!.url).toBe('/api/consolidated.xlsx?year=2026');
    expect(answer.ok && answer.value.fileName).toBe('Bảng tổng hợp 2026.xlsx');
    expect(answer.ok && answer.value.blob.size).toBe(4);
  });

  it('reads plain and encoded Content-Disposition names', () => {
    expect(fileNameFromDisposition('attachment; filename="a.docx"')).toBe('a.docx');
    expect(fileNameFromDisposition(null)).toBeUndefined();
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A")).toBeUndefined();
  });
});

class FakeXhr implements XhrLike {
  static last: FakeXhr;
  method = ''; url = ''; headers: Record<string, string> = {}; body: Blob | undefined;
  status = 0; responseText = '';
  upload: XhrLike['upload'] = { onprogress: null };
  onload: (() => void) | null = null; onerror: (() => void) | null = null; onabort: (() => void) | null = null;
  constructor() { FakeXhr.last = this; }
  open(method: string, url: string) { this.method = method; this.url = url; }
  setRequestHeader(name: string, value: string) { this.headers[name] = value; }
  send(body: Blob) { this.body = body; }
  abort() { this.onabort?.(); }
  answer(status: number, body: unknown) { this.status = status; this.responseText = JSON.stringify(body); this.onload?.(); }
}

describe('upload', () => {
  const file = Object.assign(new Blob([new Uint8Array(10)]), { name: 'Trường Vĩnh Thuận.xlsx' });
  const receipt = {
    submissionId: 's1', unit: null, year: 2026, stage: 'final', version: null, receivedAt: '2026-11-10T03:00:00Z', late: false, daysLate: 0,
    duplicate: false, valid: false, verdict: null, errors: [{ sheet: 'Chấm điểm', cell: 'D12', message: 'Sai' }], warnings: [], sha256: 'h', fileName: 'x.xlsx',
  };

  it('sends the raw workbook with its encoded name and stage, reporting progress', async () => {
    const progress: number[] = [];
    const api = createApi({ token: 't', xhr: () => new FakeXhr() });
    const pending = api.upload(file, { stage: 'final', onProgress: (loaded, total) => progress.push(loaded / total) });
    const xhr = FakeXhr.last;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/submissions?stage=final');
    expect(xhr.headers['X-File-Name']).toBe(encodeURIComponent('Trường Vĩnh Thuận.xlsx'));
    expect(xhr.headers['Content-Type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xhr.headers.Authorization).toBe('Bearer t');
    expect(xhr.body).toBe(file);
    xhr.upload.onprogress!({ loaded: 5, total: 10, lengthComputable: true });
    xhr.answer(201, { ...receipt, valid: true, version: 1, errors: [] });
    const answer = await pending;
    expect(progress).toEqual([0.5]);
    expect(answer.ok && answer.value.status).toBe(201);
  });

  it('returns the receipt of a refused file inside the error', async () => {
    const api = createApi({ token: 't', xhr: () => new FakeXhr() });
    const pending = api.upload(file);
    expect(FakeXhr.last.url).toBe('/api/submissions');
    FakeXhr.last.answer(422, { error: { code: 'workbook-invalid', message: 'Có 1 lỗi', details: receipt.errors, receipt } });
    const answer = await pending;
    expect(!answer.ok && answer.error.kind === 'http' && answer.error.receipt?.errors).toEqual(receipt.errors);
  });

  it('reports a dropped connection as a failure to retry', async () => {
    const api = createApi({ token: 't', xhr: () => new FakeXhr() });
    const pending = api.upload(file);
    FakeXhr.last.onerror!();
    expect(!((await pending).ok)).toBe(true);
  });
});
