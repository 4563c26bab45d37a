/**
 * The console's only way to the sync service: a typed client over the documented JSON API. Every
 * response is parsed with the shared zod schemas; every failure comes back as a value carrying the
 * server's Vietnamese message (or the console's own for network and format problems).
 */
import { z } from 'zod';
import {
  auditEntrySchema,
  unitsResponseSchema,
  documentSettingsResponseSchema,
  type DocumentSettings,
  type DocumentSettingsResponse,
  unitResponseSchema,
  unitSubmissionsResponseSchema,
  type AuditEntry,
  type ReviewState,
  type UnitResponse,
  type UnitsResponse,
  type UnitSubmissionsResponse,
  type UnitTokenResponse,
  unitTokenResponseSchema,
} from '../../../shared/api/schemas';
import { unitsPath } from '../../../shared/api/boardPage';
import { calendarSchema, type Calendar, type Stage } from '../../../shared/deadlines/calendar';
import { criteriaSetSchema, type CriteriaSet } from '../../../shared/criteria/schema';
import { ok } from '../../../shared/util/result';
import { criteriaSetListEntrySchema, type CriteriaSetListEntry } from '../../../shared/criteria/load';
import {
  createHttpClient, fileNameFromDisposition, hasErrorCode, httpError as webHttpError,
  type ClientError, type ClientOptions, type ClientResult, type ClientTexts, type Download, type ReadIssue, type UploadAnswer, type WorkbookUnit, type XhrLike,
} from '../../web/client';
import { viConsole as t } from '../i18n/vi';
import { issueLine } from '../../../shared/workbook/issues';
import type { UnitKind } from '../../../shared/units/kinds';

export type { ClientError, ClientOptions, ClientResult, Download, ReadIssue, UploadAnswer, WorkbookUnit, XhrLike };
export { fileNameFromDisposition, hasErrorCode };

/** The console's words for what the server cannot say. */
const TEXTS: ClientTexts = { networkError: t.networkError, invalidResponse: t.invalidResponse, httpError: t.httpError };

/** An error response as a value, in the console's words when the server sent none (see web/client httpError). */
export function httpError(status: number, json: unknown): ClientError {
  return webHttpError(status, json, TEXTS);
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
  const { request, fetchFile, uploadWorkbook } = createHttpClient(options, TEXTS);

  return {
    /** The year's board: every row, or one page of it (`page`: a boardPageQuery, e.g. BOARD_FIRST_PAGE_QUERY). */
    units: (year: number, page?: string): Promise<ClientResult<UnitsResponse>> =>
      request('GET', unitsPath(year, page), unitsResponseSchema),
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
    /**
     * The year's saved calendar as a file for `dien-hinh consolidate --calendar` (`lich-han-nop-<năm>.json`):
     * the document `GET /api/calendar?year=` answers, indented so that a person can edit it in Notepad.
     */
    calendarFile: async (year: number): Promise<ClientResult<Download>> => {
      const calendar = await request('GET', `/api/calendar?year=${year}`, calendarSchema);
      if (!calendar.ok) return calendar;
      const blob = new Blob([`${JSON.stringify(calendar.value, null, 2)}\n`], { type: 'application/json' });
      return ok({ blob, fileName: t.downloadFileNames.calendar(year) });
    },
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

    /** One unit's biên bản thẩm định of a year (.docx, filled from the year's document settings). */
    appraisalRecord: (code: string, year: number): Promise<ClientResult<Download>> =>
      fetchFile(`/api/units/${encodeURIComponent(code)}/bien-ban.docx?year=${year}`, t.downloadFileNames.bienBan(year, code)),

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
    upload: (file: Blob & { name: string }, upload: UploadOptions = {}): Promise<ClientResult<UploadAnswer>> => {
      const query = [upload.stage ? `stage=${upload.stage}` : '', upload.unit ? `unit=${encodeURIComponent(upload.unit)}` : ''].filter((q) => q !== '').join('&');
      return uploadWorkbook(`/api/submissions${query ? `?${query}` : ''}`, file, { onProgress: upload.onProgress, signal: upload.signal });
    },
  };
}

/** True for an error that means the token is no longer accepted. */
export function isUnauthorized(error: ClientError): boolean {
  return error.kind === 'http' && error.status === 401;
}

/** The message and, for a refused request, each detail the server listed (cell and message). */
export function errorLines(error: ClientError): string[] {
  if (error.kind !== 'http') return [error.message];
  return [error.message, ...error.details.map(issueLine)];
}
