/**
 * The error catalogue: every failure a user or a client can see, once. Each entry has its wire
 * code (what programs read: the console, the portal, the add-in) and the HTTP status that code
 * answers (both listed once in shared/api/errorCodes.ts, which the browser apps import), its Vietnamese message (the sentences live in ./messages.ts) and the shape of the
 * details it carries. Code throws an entry by name (`throw problems.locked(stage, day)`); the
 * HTTP layer answers `{ error: { code, message, …details } }` with the entry's status
 * (server/http/errors.ts) and the CLI prints the message. Modelled on ODK Central's
 * lib/util/problem.js.
 */
import type { ApiError, Receipt, UnitRef } from '../../shared/api/schemas';
import type { CheckResult } from '../../shared/workbook/checkResult';
import { docsText } from '../documents/text';
import { cliServerText, intakeGuardText, msg, outputNotWritten, portalText, unitsText } from './messages';
import { statusOf, type ErrorCode } from '../../shared/api/errorCodes';

// The wire codes and their statuses are one list the browser apps read too (shared/api/errorCodes.ts).
export { ERROR_CODES, statusOf, type ErrorCode } from '../../shared/api/errorCodes';

export type Issue = CheckResult['errors'][number];
/** For `unit-unknown`: the unit as the workbook names it, so a client can offer to add it. */
export type WorkbookUnit = NonNullable<ApiError['error']['workbookUnit']>;

/** What an error may carry besides its message (the optional fields of `apiErrorSchema`). */
export interface ErrorDetails {
  /** The cells to fix. */
  details?: Issue[];
  /** A refused workbook's receipt (it was stored for comparison). */
  receipt?: Receipt;
  workbookUnit?: WorkbookUnit;
  /** For `unit-ambiguous` / `unit-unknown` / `wrong-unit`: the registered units the file could be (or names). */
  candidates?: UnitRef[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** The catalogue entry's name (`problems.<name>`). */
  readonly problem: string;
  readonly details: Issue[] | undefined;
  readonly receipt: Receipt | undefined;
  readonly workbookUnit: WorkbookUnit | undefined;
  readonly candidates: UnitRef[] | undefined;

  constructor(problem: string, code: ErrorCode, message: string, extra: ErrorDetails = {}) {
    super(message);
    this.name = 'AppError';
    this.problem = problem;
    this.code = code;
    this.details = extra.details;
    this.receipt = extra.receipt;
    this.workbookUnit = extra.workbookUnit;
    this.candidates = extra.candidates;
  }

  /** The HTTP status of its code. */
  get status(): number {
    return statusOf(this.code);
  }
}

/** A catalogue entry: called with the message's arguments (then its details, when it has any), it makes the error. */
// `{} extends D` asks whether every field of D is optional (then the details may be left out): `{}` is meant.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type Problem<A extends unknown[], D extends ErrorDetails> = ((...args: [...A, ...({} extends D ? [] : [D])]) => AppError) & {
  readonly code: ErrorCode;
  readonly status: number;
  readonly message: (...args: A) => string;
};

/** An entry without details; `.with<D>()` declares the details it must carry. */
function entry<A extends unknown[]>(code: ErrorCode, message: string | ((...args: A) => string)) {
  const text = typeof message === 'string' ? () => message : message;
  const make = <D extends ErrorDetails>(): Problem<A, D> => {
    const fn = (...args: unknown[]) => {
      const extra = args.length > text.length ? (args[text.length] as ErrorDetails) : {};
      return new AppError(nameOf.get(fn) ?? code, code, text(...(args.slice(0, text.length) as A)), extra);
    };
    return Object.assign(fn, { code, status: statusOf(code), message: text as (...args: A) => string });
  };
  return Object.assign(make<Record<never, never>>(), { with: <D extends ErrorDetails>() => make<D>() });
}
const nameOf = new WeakMap<object, string>();

/** Every error a user or client can see, by name. */
export const problems = {
  // Authentication and scope
  tokenMissing: entry('unauthorized', msg.tokenMissing),
  tokenUnknown: entry('unauthorized', msg.tokenUnknown),
  adminOnly: entry('forbidden', msg.adminOnly),
  otherUnitsReceipt: entry('forbidden', msg.otherUnitsReceipt),
  unitChoiceAdminOnly: entry('forbidden', msg.unitChoiceAdminOnly),
  unitTokenOnly: entry('forbidden', portalText.unitTokenOnly),
  rateLimited: entry('rate-limited', msg.rateLimited),
  signInLimited: entry('sign-in-limited', intakeGuardText.signInLimited),
  tooManyUploads: entry('too-many-uploads', intakeGuardText.tooManyUploads),

  // Request shape
  badJson: entry('bad-request', msg.badJson),
  /** A body or query that fails its schema: one sentence per field, and the fields as details. */
  invalidFields: entry('bad-request', (messages: string[]) => messages.join(' ')).with<{ details: Issue[] }>(),
  invalidField: entry('bad-request', msg.invalidField),
  invalidYear: entry('bad-request', msg.invalidYear),
  invalidStage: entry('bad-request', msg.invalidStage),
  idempotencyKeyInvalid: entry('bad-request', intakeGuardText.idempotencyKeyInvalid),
  multipartBroken: entry('bad-request', msg.multipartBroken),
  badCompressedBody: entry('bad-request', intakeGuardText.badCompressedBody),
  bodyAborted: entry('bad-request', intakeGuardText.bodyAborted),
  emptyFile: entry('empty-body', msg.emptyFile),
  multipartNoFile: entry('empty-body', msg.multipartNoFile),
  payloadTooLarge: entry('payload-too-large', msg.payloadTooLarge),
  unsupportedMediaType: entry('unsupported-media-type', msg.unsupportedMediaType),
  encodingUnsupported: entry('unsupported-media-type', intakeGuardText.encodingUnsupported),
  notFound: entry('not-found', msg.notFound),
  documentSettingsInvalid: entry('bad-request', msg.documentSettingsInvalid),

  // Criteria sets and documents
  setNotFound: entry('not-found', msg.setNotFound),
  setNotForUnit: entry('bad-request', msg.setNotForUnit),
  noSetForKind: entry('not-found', portalText.noSetForKind),
  portalSetNotForUnit: entry('not-found', portalText.setNotForUnit),
  noUnitsForSet: entry('not-found', msg.noUnitsForSet),
  templateUnreadable: entry('template-invalid', docsText.template.unreadable),
  templateBroken: entry('template-invalid', docsText.template.broken),

  // Units and tokens
  unitNotFound: entry('unit-not-found', msg.unitCodeUnknown),
  unitNamedUnknown: entry('unit-not-found', cliServerText.exportUnitUnknown),
  unitNamedAmbiguous: entry('unit-ambiguous', cliServerText.exportUnitAmbiguous),
  noUnitsToIssue: entry('unit-not-found', unitsText.noUnitsConsole),
  unitCodeInvalid: entry('bad-request', msg.unitCodeInvalid),
  unitExists: entry('unit-exists', msg.unitExists),
  unitExistsCode: entry('unit-exists', msg.unitExistsCode),
  unitExistsWithoutDiacritics: entry('unit-exists', msg.unitExistsWithoutDiacritics).with<{ candidates: UnitRef[] }>(),
  adminTokenUnknown: entry('not-found', msg.adminTokenUnknown),
  lastAdminToken: entry('last-admin-token', msg.lastAdminToken),

  // Intake: a refused workbook carries its receipt and the cells to fix; `notKept` is the sentence
  // saying the file was not kept (the unit's quota of refused files is used up), or ''.
  workbookInvalid: entry('workbook-invalid', (count: number, namesCells: boolean, notKept: string) => `${msg.workbookInvalid(count, namesCells)}${notKept}`)
    .with<{ details: Issue[]; receipt: Receipt }>(),
  unitUnknown: entry('unit-unknown', (name: string, notKept: string) => `${msg.unitUnknown(name)}${notKept}`)
    .with<{ details: Issue[]; receipt: Receipt; workbookUnit: WorkbookUnit | undefined; candidates: UnitRef[] }>(),
  unitCodeNotOnList: entry('unit-unknown', (code: string, notKept: string) => `${msg.unitCodeNotOnList(code)}${notKept}`)
    .with<{ details: Issue[]; receipt: Receipt; workbookUnit: WorkbookUnit | undefined; candidates: UnitRef[] }>(),
  unitAmbiguous: entry('unit-ambiguous', msg.unitAmbiguous).with<{ candidates: UnitRef[]; workbookUnit: WorkbookUnit | undefined }>(),
  wrongUnit: entry('wrong-unit', msg.wrongUnit).with<{ candidates: UnitRef[] }>(),
  wrongUnitCode: entry('wrong-unit', msg.wrongUnitCode).with<{ candidates: UnitRef[] }>(),
  wrongUnitChosen: entry('wrong-unit', msg.wrongUnitChosen).with<{ candidates: UnitRef[] }>(),
  locked: entry('locked', msg.locked),
  busy: entry('busy', msg.busy),
  readerUnavailable: entry('reader-unavailable', msg.readerUnavailable),
  storageFull: entry('storage-full', intakeGuardText.storageFull),
  /** A file the user named on the command line could not be written (the CLI; the server streams its files). */
  outputNotWritten: entry('output-not-written', outputNotWritten),
  storageReadOnly: entry('storage-read-only', intakeGuardText.storageReadOnly),
  /** The store stopped after a failed fsync (StoreFailedError): nothing is taken until a restart. */
  storageFailed: entry('storage-failed', intakeGuardText.storageFailed),

  // Submissions, review and appraisal
  submissionNotFound: entry('submission-not-found', msg.submissionNotFound),
  submissionOfOtherUnit: entry('bad-request', msg.submissionOfOtherUnit),
  fileMissing: entry('file-missing', msg.fileMissing),
  fileNotKept: entry('file-not-kept', intakeGuardText.fileNotKeptDownload),
  noSubmissionToReview: entry('no-submission', msg.noSubmissionToReview),
  noFinalSubmission: entry('no-submission', msg.noFinalSubmission),
  appraisalSetUnknown: entry('appraisal-invalid', msg.appraisalSetUnknown),
  appraisalInvalid: entry('appraisal-invalid', msg.appraisalInvalid).with<{ details: Issue[] }>(),

  internal: entry('internal', msg.internal),
} as const;

for (const [name, problem] of Object.entries(problems)) nameOf.set(problem, name);
