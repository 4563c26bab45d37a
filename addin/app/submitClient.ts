/**
 * Sends the workbook file to the sync service: POST /api/submissions with the unit's token, the
 * raw .xlsx bytes and the file name, reporting upload progress. Every outcome is a value: a
 * receipt (new, duplicate, or refused as invalid) or a failure saying what to do.
 */
import { apiErrorSchema, receiptSchema, type Receipt } from '../../shared/api/schemas';
import { err, ok, type Result } from '../../shared/util/result';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SUBMISSIONS_PATH = '/api/submissions';
export const SUBMIT_TIMEOUT_MS = 120_000;

export interface SubmitSettings {
  /** The sync service: the origin that served the pane (its CSP lets the pane call only that). */
  serverUrl: string;
  token: string;
  /**
   * One submission's key, the `Idempotency-Key` header: the same for every retry of that
   * submission, so the service answers a repeat with the first receipt whatever the bytes
   * (getFileAsync may hand out different bytes for an unchanged workbook).
   */
  idempotencyKey: string;
}

/** A fresh submission key: a random UUID (version 4), from the browser's cryptographic random source. */
export function newIdempotencyKey(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const b = random(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  timeoutMs: number;
  onUploadProgress(loaded: number, total: number): void;
}

export interface HttpResponse {
  status: number;
  body: string;
}

/** Resolves with any HTTP answer; rejects with 'network' or 'timeout' when none came. */
export type HttpSend = (request: HttpRequest) => Promise<HttpResponse>;

export class TransportError extends Error {
  constructor(readonly kind: 'network' | 'timeout') {
    super(kind);
  }
}

export type SubmitFailure =
  | { kind: 'settings'; field: 'serverUrl' | 'token' }
  | { kind: 'offline' }
  | { kind: 'timeout' }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'too-large'; message: string }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'server'; status: number; message: string }
  | { kind: 'bad-response'; status: number };

export interface Sent {
  receipt: Receipt;
  /** 201 recorded, 200 the same file was already recorded, 422 recorded as invalid. */
  status: number;
}

/** Whether trying again later may work (the network or the server was down). */
export function retryable(failure: SubmitFailure): boolean {
  return failure.kind === 'offline' || failure.kind === 'timeout' || failure.kind === 'server';
}

/** The submissions endpoint of a server URL; https only, except on this computer. */
export function submissionsUrl(serverUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(serverUrl.trim());
  } catch {
    return undefined;
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/u, '')}${SUBMISSIONS_PATH}`;
}

export async function submitWorkbook(
  send: HttpSend,
  settings: SubmitSettings,
  file: { bytes: Uint8Array; name: string },
  onUploadProgress: (loaded: number, total: number) => void,
): Promise<Result<Sent, SubmitFailure>> {
  const url = submissionsUrl(settings.serverUrl);
  if (!url) return err({ kind: 'settings', field: 'serverUrl' });
  const token = settings.token.trim();
  if (!token) return err({ kind: 'settings', field: 'token' });

  let response: HttpResponse;
  try {
    response = await send({
      url,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': XLSX_MIME,
        'X-File-Name': encodeURIComponent(file.name),
        'Idempotency-Key': settings.idempotencyKey,
        Accept: 'application/json',
      },
      body: file.bytes,
      timeoutMs: SUBMIT_TIMEOUT_MS,
      onUploadProgress,
    });
  } catch (error) {
    return err({ kind: error instanceof TransportError && error.kind === 'timeout' ? 'timeout' : 'offline' });
  }
  return interpretResponse(response);
}

export function interpretResponse(response: HttpResponse): Result<Sent, SubmitFailure> {
  const { status } = response;
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  if (status === 200 || status === 201) {
    const receipt = receiptSchema.safeParse(json);
    return receipt.success ? ok({ receipt: receipt.data, status }) : err({ kind: 'bad-response', status });
  }
  const apiError = apiErrorSchema.safeParse(json);
  const message = apiError.success ? apiError.data.error.message : '';
  if (apiError.success && apiError.data.error.receipt) return ok({ receipt: apiError.data.error.receipt, status });
  if (status === 401 || status === 403) return err({ kind: 'unauthorized', message });
  if (status === 413) return err({ kind: 'too-large', message });
  if (status >= 500) return err({ kind: 'server', status, message });
  if (status >= 400 && apiError.success) return err({ kind: 'refused', status, message });
  return err({ kind: 'bad-response', status });
}

/** The browser's transport: XMLHttpRequest, the one that reports upload progress. */
export const xhrSend: HttpSend = (request) => new Promise((resolve, reject) => {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', request.url);
  xhr.timeout = request.timeoutMs;
  for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
  xhr.upload.onprogress = (event) => request.onUploadProgress(event.loaded, event.lengthComputable ? event.total : request.body.length);
  xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
  xhr.onerror = () => reject(new TransportError('network'));
  xhr.onabort = () => reject(new TransportError('network'));
  xhr.ontimeout = () => reject(new TransportError('timeout'));
  xhr.send(request.body as Uint8Array<ArrayBuffer>);
});
