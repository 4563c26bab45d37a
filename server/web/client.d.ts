/**
 * The one HTTP client core of the service's two web apps, the provincial console and the unit
 * portal: a bearer token on every request, JSON answers parsed with the shared zod schemas, files
 * fetched with the server's file name, workbooks uploaded as the raw body with progress. Every
 * failure comes back as a value (ClientError) carrying the server's Vietnamese message, or the
 * app's own words (ClientTexts) for network and format problems. Each app builds its typed API
 * (console/api/client.ts, portal/api/client.ts) on top of this.
 */
import type { z } from 'zod';
import { type ApiError, type Receipt, type UnitRef } from '../../shared/api/schemas';
import { readIssueSchema } from '../../shared/workbook/check';
import { type Result } from '../../shared/util/result';
export type ReadIssue = z.infer<typeof readIssueSchema>;
/** The unit a refused workbook names (unit-unknown), to offer adding it. */
export type WorkbookUnit = NonNullable<ApiError['error']['workbookUnit']>;
export type ClientError = {
    kind: 'http';
    status: number;
    code: string;
    message: string;
    details: ReadIssue[];
    receipt: Receipt | null;
    workbookUnit: WorkbookUnit | null;
    /** For unit-ambiguous / unit-unknown: the registered units the file could belong to. */
    candidates?: UnitRef[];
} | {
    kind: 'network';
    message: string;
} | {
    kind: 'invalid-response';
    message: string;
};
export type ClientResult<T> = Result<T, ClientError>;
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
    upload: {
        onprogress: ((event: {
            loaded: number;
            total: number;
            lengthComputable: boolean;
        }) => void) | null;
    };
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
/** The requests both apps make, bound to a token and an app's words. */
export declare function createHttpClient(options: ClientOptions, texts: ClientTexts): {
    /** A JSON request (a body sent as JSON when given), its answer parsed with `schema`. */
    request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<ClientResult<z.infer<S>>>;
    /** A file, with the server's file name (Content-Disposition) or `fallbackName`. */
    fetchFile(path: string, fallbackName: string, method?: "GET" | "POST"): Promise<ClientResult<Download>>;
    /**
     * Sends one workbook as the raw body to `path` (so the browser reports upload progress). A
     * receipt comes back for accepted (201), duplicate (200) and invalid (422, in error.receipt) files.
     */
    uploadWorkbook(path: string, file: Blob & {
        name: string;
    }, upload?: WorkbookUpload): Promise<ClientResult<UploadAnswer>>;
};
/** JSON of a response body; undefined for an empty or non-JSON body. */
export declare function parseJsonText(text: string): unknown;
/** An error response as a value; the server's Vietnamese message when it sent one, else the app's words. */
export declare function httpError(status: number, json: unknown, texts: Pick<ClientTexts, 'httpError'>): ClientError;
/** The file name of a Content-Disposition header (RFC 6266: filename* wins over filename). */
export declare function fileNameFromDisposition(header: string | null): string | undefined;
