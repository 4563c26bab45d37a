/**
 * A failure a user can act on: a stable code for programs and a Vietnamese message for people
 * (written in ./messages.ts). The HTTP layer maps each code to a status (server/http/errors.ts);
 * the CLI prints the message.
 */
import type { ApiError, Receipt, UnitRef } from '../../shared/api/schemas';
import type { CheckResult } from '../../shared/workbook/check';

export const ERROR_CODES = [
  'bad-request',
  'unauthorized',
  'forbidden',
  'wrong-unit',
  'not-found',
  'unit-not-found',
  'submission-not-found',
  'file-missing',
  'unit-exists',
  'unit-unknown',
  'unit-ambiguous',
  'last-admin-token',
  'workbook-invalid',
  'locked',
  'no-submission',
  'appraisal-invalid',
  'empty-body',
  'payload-too-large',
  'unsupported-media-type',
  'rate-limited',
  'busy',
  'reader-unavailable',
  'internal',
  'template-invalid',
  'too-many-uploads',
  'sign-in-limited',
  'storage-full',
  'storage-read-only',
  'file-not-kept',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Issue = CheckResult['errors'][number];
/** For `unit-unknown`: the unit as the workbook names it, so a client can offer to add it. */
export type WorkbookUnit = NonNullable<ApiError['error']['workbookUnit']>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Issue[] | undefined;
  readonly receipt: Receipt | undefined;
  readonly workbookUnit: WorkbookUnit | undefined;
  /** For `unit-ambiguous` / `unit-unknown` / `wrong-unit`: the registered units the file could be (or names). */
  readonly candidates: UnitRef[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { details?: Issue[]; receipt?: Receipt; workbookUnit?: WorkbookUnit; candidates?: UnitRef[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = extra.details;
    this.receipt = extra.receipt;
    this.workbookUnit = extra.workbookUnit;
    this.candidates = extra.candidates;
  }
}
