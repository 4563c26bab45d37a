/**
 * The one HTTP client core of the service's two web apps, the provincial console and the unit
 * portal: a bearer token on every request, JSON answers parsed with the shared zod schemas, files
 * fetched with the server's file name, workbooks uploaded as the raw body with progress. Every
 * failure comes back as a value (ClientError) carrying the server's Vietnamese message, or the
 * app's own words (ClientTexts) for network and format problems. Each app builds its typed API
 * (console/api/client.ts, portal/api/client.ts) on top of this.
 */
import type { z } from 'zod';
import type { ErrorCode } from '../../shared/api/errorCodes';
import { apiErrorSchema, receiptSchema, type ApiError, type Receipt, type UnitRef } from '../../shared/api/schemas';
import { readIssueSchema } from '../../shared/workbook/checkResult';
import { err, ok, type Result } from '../../shared/util/result';

export type ReadIssue = z.infer<typeof readIssueSchema>;
/** The unit a refused workbook names (unit-unknown), to offer adding it. */
export type WorkbookUnit = NonNullable<ApiError['error']['workbookUnit']>;

export type ClientError =
  | {
    /** `code`: the catalogue's wire code (match it with hasErrorCode), or `http-<status>` for an answer without the service's JSON error body. */
    kind: 'http'; status: number; code: string; message: string; details: ReadIssue[]; receipt: Receipt | null; workbookUnit: WorkbookUnit | null;
    /** For unit-ambiguous / unit-unknown: the registered units the file could belong to. */
    candidates?: UnitRef[];
  }
  | { kind: 'network'; message: string }
  | { kind: 'invalid-response'; message: string };

export type ClientResult<T> = Result<T, ClientError>;

/**
 * Whether the server refused with one of these codes of the error catalogue
 * (shared/api/errorCodes.ts): the one way the web apps tell refusals apart by what they mean.
 */
export function hasErrorCode(error: ClientError, ...codes: readonly ErrorCode[]): boolean {
  return error.kind === 'http' && (codes as readonly string[]).includes(error.code);
}

/** The words an app says when the server cannot: each app speaks to its own readers. */
export interface ClientTexts {
  networkError: string;
  /** `what`: the request whose answer did not match its schema ("GET /api/units"). */
  invalidResponse(what: string): string;
  /** An error answer without the service's JSON error body. */
  httpError(status: number): string;
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

/** A file fetched with the token: its bytes and the server's file name. */
export interface Download {
  blob: Blob;
  fileName: string;
}

/** What the service answered to one uploaded workbook: 201 a new file (or version), 200 the same file again. */
export interface UploadAnswer {
  status: number;
  receipt: Receipt;
}

export interface WorkbookUpload {
  /** Extra request headers (the portal's Idempotency-Key). */
  headers?: Record<string, string>;
  onProgress?: (loaded: number, total: number) => void;
  /** Called when every byte has left the browser (the server is reading the workbook). */
  onSent?: () => void;
  signal?: AbortSignal;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The requests both apps make, bound to a token and an app's words. */
export function createHttpClient(options: ClientOptions, texts: ClientTexts) {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const auth = { Authorization: `Bearer ${options.token}` };
  const parseWith = <S extends z.ZodType>(schema: S, json: unknown, what: string): ClientResult<z.infer<S>> => {
    const parsed = schema.safeParse(json);
    return parsed.success ? ok(parsed.data) : err({ kind: 'invalid-response', message: texts.invalidResponse(what) });
  };

  return {
    /** A JSON request (a body sent as JSON when given), its answer parsed with `schema`. */
    async request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<ClientResult<z.infer<S>>> {
      let response: Response;
      try {
        response = await doFetch(base + path, {
          method,
          headers: { ...auth, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch {
        return err({ kind: 'network', message: texts.networkError });
      }
      const json = parseJsonText(await response.text().catch(() => ''));
      if (!response.ok) return err(httpError(response.status, json, texts));
      return parseWith(schema, json, `${method} ${path.split('?')[0]}`);
    },

    /** A file, with the server's file name (Content-Disposition) or `fallbackName`. */
    async fetchFile(path: string, fallbackName: string, method: 'GET' | 'POST' = 'GET'): Promise<ClientResult<Download>> {
      let response: Response;
      try {
        response = await doFetch(`${base}${path}`, { method, headers: auth });
      } catch {
        return err({ kind: 'network', message: texts.networkError });
      }
      if (!response.ok) return err(httpError(response.status, parseJsonText(await response.text().catch(() => '')), texts));
      const blob = await response.blob();
      return ok({ blob, fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? fallbackName });
    },

    /**
     * Sends one workbook as the raw body to `path` (so the browser reports upload progress). A
     * receipt comes back for accepted (201), duplicate (200) and invalid (422, in error.receipt) files.
     */
    uploadWorkbook(path: string, file: Blob & { name: string }, upload: WorkbookUpload = {}): Promise<ClientResult<UploadAnswer>> {
      return new Promise((resolve) => {
        const xhr = (options.xhr ?? (() => new XMLHttpRequest() as unknown as XhrLike))();
        xhr.open('POST', `${base}${path}`);
        xhr.setRequestHeader('Authorization', auth.Authorization);
        xhr.setRequestHeader('Content-Type', XLSX_TYPE);
        xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
        for (const [name, value] of Object.entries(upload.headers ?? {})) xhr.setRequestHeader(name, value);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.upload.onprogress = (event) => {
          if (!event.lengthComputable) return;
          upload.onProgress?.(event.loaded, event.total);
          if (event.loaded >= event.total) upload.onSent?.();
        };
        xhr.onerror = () => resolve(err({ kind: 'network', message: texts.networkError }));
        xhr.onabort = () => resolve(err({ kind: 'network', message: texts.networkError }));
        xhr.onload = () => {
          const json = parseJsonText(xhr.responseText);
          if (xhr.status < 200 || xhr.status >= 300) {
            resolve(err(httpError(xhr.status, json, texts)));
            return;
          }
          const receipt = parseWith(receiptSchema, json, `POST ${path.split('?')[0]}`);
          resolve(receipt.ok ? ok({ status: xhr.status, receipt: receipt.value }) : receipt);
        };
        upload.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
        xhr.send(file);
      });
    },
  };
}

/** JSON of a response body; undefined for an empty or non-JSON body. */
export function parseJsonText(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** An error response as a value; the server's Vietnamese message when it sent one, else the app's words. */
export function httpError(status: number, json: unknown, texts: Pick<ClientTexts, 'httpError'>): ClientError {
  const parsed = apiErrorSchema.safeParse(json);
  if (parsed.success) {
    const e: ApiError['error'] = parsed.data.error;
    return {
      kind: 'http', status, code: e.code, message: e.message, details: e.details ?? [], receipt: e.receipt ?? null, workbookUnit: e.workbookUnit ?? null,
      candidates: e.candidates ?? [],
    };
  }
  return { kind: 'http', status, code: `http-${status}`, message: texts.httpError(status), details: [], receipt: null, workbookUnit: null };
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
