/**
 * The portal's only way to the sync service: a typed client over the unit-scoped routes of the
 * JSON API and the intake route. Every response is parsed with the shared zod schemas; every
 * failure comes back as a value carrying the server's Vietnamese message (or the portal's own for
 * network and format problems).
 */
import { receiptSchema, unitPageResponseSchema, type Receipt, type UnitPageResponse } from '../../../shared/api/schemas';
import { err, ok, type Result } from '../../../shared/util/result';
import { fileNameFromDisposition, httpError, parseJsonText, type ClientError, type ReadIssue, type XhrLike } from '../../console/api/client';
import { viPortal as t } from '../i18n/vi';

export type { ReadIssue, XhrLike };

/** The console's error values: the server's code, Vietnamese message, cells and receipt. */
export type PortalError = ClientError;

export type PortalResult<T> = Result<T, PortalError>;

export interface UploadAnswer {
  /** 201 a new file (or version), 200 the same file again. */
  status: number;
  receipt: Receipt;
}

export interface UploadOptions {
  /** One key per file the person chose, the same on every retry: the server records the file once. */
  idempotencyKey: string;
  onProgress?: (loaded: number, total: number) => void;
  /** Called when every byte has left the browser (the server is reading the workbook). */
  onSent?: () => void;
}

export interface PortalClientOptions {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  xhr?: () => XhrLike;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type PortalApi = ReturnType<typeof createPortalApi>;

export function createPortalApi(options: PortalClientOptions) {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const auth = `Bearer ${options.token}`;

  return {
    /** The unit's own page for a year (the current year in Vietnam without one). */
    page: async (year?: number): Promise<PortalResult<UnitPageResponse>> => {
      let response: Response;
      try {
        response = await doFetch(`${base}/api/unit${year === undefined ? '' : `?year=${year}`}`, { headers: { Authorization: auth, Accept: 'application/json' } });
      } catch {
        return err({ kind: 'network', message: t.networkError });
      }
      const json = parseJsonText(await response.text().catch(() => ''));
      if (!response.ok) return err(httpError(response.status, json));
      const parsed = unitPageResponseSchema.safeParse(json);
      return parsed.success ? ok(parsed.data) : err({ kind: 'invalid-response', message: t.invalidResponse });
    },

    /** The unit's pre-filled scoring workbook for a criteria set, and the server's file name. */
    workbook: async (year: number, setId: string): Promise<PortalResult<{ blob: Blob; fileName: string }>> => {
      let response: Response;
      try {
        response = await doFetch(`${base}/api/unit/workbook.xlsx?year=${year}&set=${encodeURIComponent(setId)}`, { headers: { Authorization: auth } });
      } catch {
        return err({ kind: 'network', message: t.networkError });
      }
      if (!response.ok) return err(httpError(response.status, parseJsonText(await response.text().catch(() => ''))));
      const blob = await response.blob();
      return ok({ blob, fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? `bang-cham-diem-${year}.xlsx` });
    },

    /**
     * Sends one workbook as the raw body (so the browser reports upload progress). A receipt comes
     * back for accepted (201), duplicate (200) and invalid (422, in error.receipt) files.
     */
    upload: (file: Blob & { name: string }, upload: UploadOptions): Promise<PortalResult<UploadAnswer>> =>
      new Promise((resolve) => {
        const xhr = (options.xhr ?? (() => new XMLHttpRequest() as unknown as XhrLike))();
        xhr.open('POST', `${base}/api/submissions`);
        xhr.setRequestHeader('Authorization', auth);
        xhr.setRequestHeader('Content-Type', XLSX_TYPE);
        xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
        xhr.setRequestHeader('Idempotency-Key', upload.idempotencyKey);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.upload.onprogress = (event) => {
          if (!event.lengthComputable) return;
          upload.onProgress?.(event.loaded, event.total);
          if (event.loaded >= event.total) upload.onSent?.();
        };
        xhr.onerror = () => resolve(err({ kind: 'network', message: t.networkError }));
        xhr.onabort = () => resolve(err({ kind: 'network', message: t.networkError }));
        xhr.onload = () => {
          const json = parseJsonText(xhr.responseText);
          if (xhr.status < 200 || xhr.status >= 300) {
            resolve(err(httpError(xhr.status, json)));
            return;
          }
          const parsed = receiptSchema.safeParse(json);
          resolve(parsed.success ? ok({ status: xhr.status, receipt: parsed.data }) : err({ kind: 'invalid-response', message: t.invalidResponse }));
        };
        xhr.send(file);
      }),
  };
}

/** The token is not (or no longer) a unit token of this service: 401, or 403 for an admin token. */
export function isWrongToken(error: PortalError): boolean {
  return error.kind === 'http' && (error.status === 401 || (error.status === 403 && error.code === 'forbidden'));
}
