/**
 * The console's only way to the sync service: a typed client over the documented JSON API. Every
 * response is parsed with the shared zod schemas; every failure comes back as a value carrying the
 * server's Vietnamese message (or the console's own for network and format problems).
 */
import { z } from 'zod';
import {
  apiErrorSchema,
  auditEntrySchema,
  receiptSchema,
  unitsResponseSchema,
  documentSettingsResponseSchema,
  type DocumentSettings,
  type DocumentSettingsResponse,
  unitResponseSchema,
  unitSubmissionsResponseSchema,
  type ApiError,
  type AuditEntry,
  type Receipt,
  type ReviewState,
  type UnitResponse,
  type UnitsResponse,
  type UnitSubmissionsResponse,
  type UnitRef,
  type UnitTokenResponse,
  unitTokenResponseSchema,
} from '../../../shared/api/schemas';
import { calendarSchema, type Calendar, type Stage } from '../../../shared/deadlines/calendar';
import { criteriaSetSchema, type CriteriaSet } from '../../../shared/criteria/schema';
import { criteriaSetListEntrySchema, type CriteriaSetListEntry } from '../../../shared/criteria/load';
import { readIssueSchema } from '../../../shared/workbook/check';
import { err, ok, type Result } from '../../../shared/util/result';
import { viConsole as t } from '../i18n/vi';
import type { UnitKind } from '../../../shared/units/kinds';

export type ReadIssue = z.infer<typeof readIssueSchema>;
/** The unit a refused workbook names (unit-unknown), to offer adding it. */
export type WorkbookUnit = NonNullable<ApiError['error']['workbookUnit']>;

export type ClientError =
  | {
    kind: 'http'; status: number; code: string; message: string; details: ReadIssue[]; receipt: Receipt | null; workbookUnit: WorkbookUnit | null;
    /** For unit-ambiguous / unit-unknown: the registered units the file could belong to. */
    candidates?: UnitRef[];
  }
  | { kind: 'network'; message: string }
  | { kind: 'invalid-response'; message: string };

export type ClientResult<T> = Result<T, ClientError>;

/** What the service answered to one uploaded file. */
export interface UploadAnswer {
  status: number;
  receipt: Receipt;
}

export interface UploadOptions {
  /** The stage the file is for; without it the server takes the calendar's stage for the day. */
  stage?: Stage | null;
  /** The unit code an officer chose after a 409 unit-ambiguous / 422 unit-unknown (sent as `?unit=`). */
  unit?: string | null;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

export interface NewUnit {
  name: string;
  kind: UnitKind;
  parent: string;
  contact: string;
}

/** `summary` is the báo cáo under its former route (/api/summary.docx). */
export type DownloadKind = 'consolidated' | 'summary' | 'recognition' | 'bao-cao' | 'to-trinh' | 'quyet-dinh';

/** The downloads filled from the year's document settings (the console asks for them before the first). */
export const WORD_DOCUMENTS: readonly DownloadKind[] = ['summary', 'bao-cao', 'to-trinh', 'quyet-dinh'];

export interface Download {
  blob: Blob;
  fileName: string;
}

/** The subset of XMLHttpRequest an upload needs (a fake stands in for it in tests). */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  readonly status: number;
  readonly responseText: string;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

export interface ClientOptions {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  xhr?: () => XhrLike;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


export const DOWNLOAD_PATHS: Record<DownloadKind, string> = {
  consolidated: '/api/consolidated.xlsx',
  summary: '/api/summary.docx',
  recognition: '/api/recognition-list.xlsx',
  'bao-cao': '/api/documents/bao-cao.docx',
  'to-trinh': '/api/documents/to-trinh.docx',
  'quyet-dinh': '/api/documents/quyet-dinh.docx',
};

export type ConsoleApi = ReturnType<typeof createApi>;

export function createApi(options: ClientOptions) {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const auth = { Authorization: `Bearer ${options.token}` };

  async function fetchFile(path: string, fallbackName: string, method: 'GET' | 'POST' = 'GET'): Promise<ClientResult<Download>> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { method, headers: auth });
    } catch {
      return err({ kind: 'network', message: t.networkError });
    }
    if (!response.ok) return err(httpError(response.status, await readJson(response)));
    const blob = await response.blob();
    return ok({ blob, fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? fallbackName });
  }

  async function request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<ClientResult<z.infer<S>>> {
    let response: Response;
    try {
      response = await doFetch(base + path, {
        method,
        headers: body === undefined ? { ...auth, Accept: 'application/json' } : { ...auth, Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return err({ kind: 'network', message: t.networkError });
    }
    const json = await readJson(response);
    if (!response.ok) return err(httpError(response.status, json));
    return parseWith(schema, json, `${method} ${path.split('?')[0]}`);
  }

  return {
    /** The year's board: every row, or one page of it (`page`: a boardPageQuery, e.g. BOARD_FIRST_PAGE_QUERY). */
    units: (year: number, page?: string): Promise<ClientResult<UnitsResponse>> =>
      request('GET', `/api/units?year=${year}${page ? `&${page}` : ''}`, unitsResponseSchema),
    unitSubmissions: (unitId: string, year: number): Promise<ClientResult<UnitSubmissionsResponse>> =>
      request('GET', `/api/units/${encodeURIComponent(unitId)}/submissions?year=${year}`, unitSubmissionsResponseSchema),
    /** Adds a unit to the expected list (offered when a workbook names a unit not on it). */
    addUnit: (unit: NewUnit): Promise<ClientResult<UnitResponse>> => request('POST', '/api/units', unitResponseSchema, unit),
    /** Sets the review state of a submission (the unit's latest final report unless one is named). */
    review: (unitId: string, year: number, state: ReviewState, note: string, submissionId?: string): Promise<ClientResult<UnitSubmissionsResponse>> =>
      request('POST', `/api/units/${encodeURIComponent(unitId)}/review?year=${year}`, unitSubmissionsResponseSchema, submissionId ? { state, note, submissionId } : { state, note }),
    /** The council's scores per criterion number; null clears one. The server recomputes the verdict. */
    appraisal: (unitId: string, year: number, scores: Record<string, number | null>): Promise<ClientResult<UnitSubmissionsResponse>> =>
      request('PUT', `/api/units/${encodeURIComponent(unitId)}/appraisal?year=${year}`, unitSubmissionsResponseSchema, { scores }),
    /** Shows (true) or withdraws (false) the unit's appraisal result on its portal page. */
    publishAppraisal: (unitId: string, year: number, published: boolean): Promise<ClientResult<UnitSubmissionsResponse>> =>
      request('PUT', `/api/units/${encodeURIComponent(unitId)}/appraisal/publication?year=${year}`, unitSubmissionsResponseSchema, { published }),
    /** Reopens a stage for a unit after its lock day. */
    exception: (unitId: string, year: number, stage: Stage, note: string): Promise<ClientResult<UnitSubmissionsResponse>> =>
      request('POST', `/api/units/${encodeURIComponent(unitId)}/exceptions?year=${year}`, unitSubmissionsResponseSchema, { stage, note }),
    calendar: async (year: number): Promise<ClientResult<Calendar>> => {
      return request('GET', `/api/calendar?year=${year}`, calendarSchema);
    },
    saveCalendar: (year: number, calendar: Calendar): Promise<ClientResult<Calendar>> => request('PUT', `/api/calendar?year=${year}`, calendarSchema, calendar),
    /** Who changed what and when, newest first; one unit's entries when an id is given. */
    audit: (unitId?: string): Promise<ClientResult<AuditEntry[]>> =>
      request('GET', unitId ? `/api/audit?unitId=${encodeURIComponent(unitId)}` : '/api/audit', z.array(auditEntrySchema)),
    /** The criteria sets the server knows (titles, kinds, scales). */
    sets: (): Promise<ClientResult<CriteriaSetListEntry[]>> => request('GET', '/api/sets', z.array(criteriaSetListEntrySchema)),
    /** One criteria set in full: criterion groups, titles and points. */
    set: (id: string, version: string | null): Promise<ClientResult<CriteriaSet>> =>
      request('GET', `/api/sets/${encodeURIComponent(id)}${version === null ? '' : `?version=${encodeURIComponent(version)}`}`, criteriaSetSchema),

    /** The year's document settings (letterhead, numbers, signer, recipients) and whether they were saved. */
    documentSettings: (year: number): Promise<ClientResult<DocumentSettingsResponse>> =>
      request('GET', `/api/document-settings?year=${year}`, documentSettingsResponseSchema),
    saveDocumentSettings: (year: number, settings: DocumentSettings): Promise<ClientResult<DocumentSettingsResponse>> =>
      request('PUT', `/api/document-settings?year=${year}`, documentSettingsResponseSchema, settings),

    /** Fetches an export with the token and hands back the bytes and the server's file name. */
    download: (kind: DownloadKind, year: number, fallbackName: string, pending = false): Promise<ClientResult<Download>> =>
      fetchFile(`${DOWNLOAD_PATHS[kind]}?year=${year}${pending ? '&pending=1' : ''}`, fallbackName),

    /** One unit's workbook of a set, with its code, name, kind and parent filled in. */
    unitWorkbook: (code: string, setId: string, year: number): Promise<ClientResult<Download>> =>
      fetchFile(`/api/units/${encodeURIComponent(code)}/workbook.xlsx?set=${encodeURIComponent(setId)}&year=${year}`, `${code}.xlsx`),

    /** Every unit's workbook of a set (units of the set's kinds), as one .zip. */
    unitWorkbooksZip: (setId: string, year: number): Promise<ClientResult<Download>> =>
      fetchFile(`/api/units/workbooks.zip?set=${encodeURIComponent(setId)}&year=${year}`, `${setId}.zip`),

    /** New tokens for every unit as printable slips (.docx); each old token works until the unit's first use of its new one. */
    tokenSlips: (fallbackName: string): Promise<ClientResult<Download>> => fetchFile('/api/units/tokens/slips.docx', fallbackName, 'POST'),

    /** Issues or rotates one unit's token: shown once; the unit's old token stops, the others keep working. */
    rotateUnitToken: (code: string): Promise<ClientResult<UnitTokenResponse>> =>
      request('POST', `/api/units/${encodeURIComponent(code)}/token`, unitTokenResponseSchema),

    /**
     * Sends one workbook as the raw body (so the browser reports upload progress). A receipt
     * comes back for accepted (201), duplicate (200) and invalid (422, in error.receipt) files.
     */
    upload: (file: Blob & { name: string }, upload: UploadOptions = {}): Promise<ClientResult<UploadAnswer>> =>
      new Promise((resolve) => {
        const xhr = (options.xhr ?? (() => new XMLHttpRequest() as unknown as XhrLike))();
        const query = [upload.stage ? `stage=${upload.stage}` : '', upload.unit ? `unit=${encodeURIComponent(upload.unit)}` : ''].filter((q) => q !== '').join('&');
        xhr.open('POST', `${base}/api/submissions${query ? `?${query}` : ''}`);
        xhr.setRequestHeader('Authorization', auth.Authorization);
        xhr.setRequestHeader('Content-Type', XLSX_TYPE);
        xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable) upload.onProgress?.(event.loaded, event.total);
        };
        xhr.onerror = () => resolve(err({ kind: 'network', message: t.networkError }));
        xhr.onabort = () => resolve(err({ kind: 'network', message: t.networkError }));
        xhr.onload = () => {
          const json = parseJsonText(xhr.responseText);
          if (xhr.status < 200 || xhr.status >= 300) {
            resolve(err(httpError(xhr.status, json)));
            return;
          }
          const receipt = parseWith(receiptSchema, json, 'POST /api/submissions');
          resolve(receipt.ok ? ok({ status: xhr.status, receipt: receipt.value }) : receipt);
        };
        upload.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
        xhr.send(file);
      }),
  };
}

function parseWith<S extends z.ZodType>(schema: S, json: unknown, what: string): ClientResult<z.infer<S>> {
  const parsed = schema.safeParse(json);
  return parsed.success ? ok(parsed.data) : err({ kind: 'invalid-response', message: t.invalidResponse(what) });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return parseJsonText(await response.text());
  } catch {
    return undefined;
  }
}

/** JSON of a response body; undefined for an empty or non-JSON body. */
export function parseJsonText(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** An error response as a value; the server's Vietnamese message when it sent one. */
export function httpError(status: number, json: unknown): ClientError {
  const parsed = apiErrorSchema.safeParse(json);
  if (parsed.success) {
    const e: ApiError['error'] = parsed.data.error;
    return {
      kind: 'http', status, code: e.code, message: e.message, details: e.details ?? [], receipt: e.receipt ?? null, workbookUnit: e.workbookUnit ?? null,
      candidates: e.candidates ?? [],
    };
  }
  return { kind: 'http', status, code: `http-${status}`, message: t.httpError(status), details: [], receipt: null, workbookUnit: null };
}

/** The file name of a Content-Disposition header (RFC 6266: filename* wins over filename). */
export function fileNameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/u.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/u.exec(header);
  return plain?.[1]?.trim() || undefined;
}

/** True for an error that means the token is no longer accepted. */
export function isUnauthorized(error: ClientError): boolean {
  return error.kind === 'http' && error.status === 401;
}

/** The message and, for a refused request, each detail the server listed (cell and message). */
export function errorLines(error: ClientError): string[] {
  if (error.kind !== 'http') return [error.message];
  return [error.message, ...error.details.map((d) => (d.cell ? `${d.sheet}!${d.cell}: ${d.message}` : d.message))];
}
