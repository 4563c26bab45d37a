/**
 * The portal's only way to the sync service: a typed client over the unit-scoped routes of the
 * JSON API and the intake route. Every response is parsed with the shared zod schemas; every
 * failure comes back as a value carrying the server's Vietnamese message (or the portal's own for
 * network and format problems).
 */
import { unitPageResponseSchema, type UnitPageResponse } from '../../../shared/api/schemas';
import { createHttpClient, hasErrorCode, type ClientError, type ClientOptions, type ClientResult, type ClientTexts, type Download, type ReadIssue, type UploadAnswer, type XhrLike } from '../../web/client';
import { viPortal as t } from '../i18n/vi';

export type { ReadIssue, UploadAnswer, XhrLike };

/** The error values of the web client: the server's code, Vietnamese message, cells and receipt. */
export type PortalError = ClientError;

export type PortalResult<T> = ClientResult<T>;

export interface UploadOptions {
  /** One key per file the person chose, the same on every retry: the server records the file once. */
  idempotencyKey: string;
  onProgress?: (loaded: number, total: number) => void;
  /** Called when every byte has left the browser (the server is reading the workbook). */
  onSent?: () => void;
}

export type PortalClientOptions = ClientOptions;

/** The portal's words for what the server cannot say (a unit's clerk is not told about versions). */
const TEXTS: ClientTexts = { networkError: t.networkError, invalidResponse: () => t.invalidResponse, httpError: t.httpError };

export type PortalApi = ReturnType<typeof createPortalApi>;

export function createPortalApi(options: PortalClientOptions) {
  const { request, fetchFile, uploadWorkbook } = createHttpClient(options, TEXTS);
  return {
    /** The unit's own page for a year (the current year in Vietnam without one). */
    page: (year?: number): Promise<PortalResult<UnitPageResponse>> => request('GET', `/api/unit${year === undefined ? '' : `?year=${year}`}`, unitPageResponseSchema),

    /** The unit's pre-filled scoring workbook for a criteria set, and the server's file name. */
    workbook: (year: number, setId: string): Promise<PortalResult<Download>> =>
      fetchFile(`/api/unit/workbook.xlsx?year=${year}&set=${encodeURIComponent(setId)}`, `bang-cham-diem-${year}.xlsx`),

    /**
     * Sends one workbook as the raw body (so the browser reports upload progress). A receipt comes
     * back for accepted (201), duplicate (200) and invalid (422, in error.receipt) files.
     */
    upload: (file: Blob & { name: string }, upload: UploadOptions): Promise<PortalResult<UploadAnswer>> =>
      uploadWorkbook('/api/submissions', file, { headers: { 'Idempotency-Key': upload.idempotencyKey }, onProgress: upload.onProgress, onSent: upload.onSent }),
  };
}

/** The token is not (or no longer) a unit token of this service: 401, or 403 for an admin token. */
export function isWrongToken(error: PortalError): boolean {
  return (error.kind === 'http' && error.status === 401) || hasErrorCode(error, 'forbidden');
}
