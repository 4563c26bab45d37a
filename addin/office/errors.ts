/**
 * Office errors as values the user can act on: a Vietnamese message saying what to do, and the
 * technical detail for the log. Never swallowed: callers show the message and log the detail.
 */
import { viOffice } from '../i18n/vi';

export interface Problem {
  /** What a person reads (Vietnamese): what happened and what to do. */
  message: string;
  /** What a developer reads in the log: code, message, debug info. */
  detail: string;
}

interface OfficeLikeError {
  code?: unknown;
  message?: unknown;
  debugInfo?: { errorLocation?: unknown; statement?: unknown; message?: unknown };
}

/** The message for an error thrown by Excel.run / context.sync, or anything else. */
export function describeOfficeError(error: unknown, doing: string): Problem {
  const e = (typeof error === 'object' && error !== null ? error : {}) as OfficeLikeError;
  const code = typeof e.code === 'string' ? e.code : '';
  const raw = typeof e.message === 'string' ? e.message : String(error);
  const where = e.debugInfo ? ` at ${String(e.debugInfo.errorLocation ?? '')} ${String(e.debugInfo.statement ?? '')}`.trimEnd() : '';
  const detail = `${doing}: ${code ? `${code}: ` : ''}${raw}${where}`;
  return { message: `${viOffice.failed(doing)} ${adviceFor(code)}`, detail };
}

function adviceFor(code: string): string {
  switch (code) {
    case 'InvalidOperationInCellEditMode':
      return viOffice.cellEditMode;
    case 'AccessDenied':
    case 'InvalidOperation':
      return viOffice.protectedOrReadOnly;
    case 'ItemNotFound':
      return viOffice.itemNotFound;
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return viOffice.tooLarge;
    case 'ItemAlreadyExists':
      return viOffice.alreadyExists;
    case 'ApiNotFound':
    case 'NotImplemented':
      return viOffice.apiNotFound;
    default:
      return viOffice.tryAgain;
  }
}
