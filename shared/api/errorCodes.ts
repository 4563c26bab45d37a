/**
 * The wire codes of the error catalogue (server/app/errors.ts) and the HTTP status each answers:
 * the one list both sides read. The server throws catalogue entries, each with one of these codes;
 * the console, the portal and the add-in match a refusal by its code (typed `ErrorCode`, so a code
 * that is not in the catalogue does not compile). Pure data, so the browser bundles can import it.
 * A code's meaning never changes once shipped.
 */
export const STATUS_OF_CODE = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'wrong-unit': 403,
  'not-found': 404,
  'unit-not-found': 404,
  'submission-not-found': 404,
  'file-missing': 500,
  'unit-exists': 409,
  'unit-unknown': 422,
  'unit-ambiguous': 409,
  'last-admin-token': 409,
  'workbook-invalid': 422,
  locked: 423,
  'no-submission': 409,
  'appraisal-invalid': 422,
  'empty-body': 400,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  busy: 503,
  'reader-unavailable': 503,
  internal: 500,
  'template-invalid': 500,
  'too-many-uploads': 429,
  'sign-in-limited': 429,
  'storage-full': 507,
  'storage-read-only': 503,
  'storage-failed': 503,
  'file-not-kept': 410,
  'output-not-written': 500,
} as const satisfies Record<string, number>;

/** A wire code of the catalogue: the `error.code` of an error answer (apiErrorSchema). */
export type ErrorCode = keyof typeof STATUS_OF_CODE;
export const ERROR_CODES = Object.keys(STATUS_OF_CODE) as ErrorCode[];

/** The HTTP status of a wire code. */
export function statusOf(code: ErrorCode): number {
  return STATUS_OF_CODE[code];
}
