/**
 * The unit page's state as pure functions: which files belong to which stage, and the upload's
 * life from the chosen file to the receipt or the refusal. The upload
 * shows one result, the last chosen file's: choosing files again replaces the earlier answer
 * whatever becomes of it (refused by name, by the service, or lost on the way), so an earlier
 * file's receipt is never read as this one's (the history keeps every receipt).
 */
import type { Receipt, UnitPageResponse, UnitSubmission } from '../../../shared/api/schemas';
import { STAGES, type Stage } from '../../../shared/deadlines/calendar';
import type { PortalError, ReadIssue } from '../api/client';

export interface StageHistory {
  stage: Stage;
  summary: UnitPageResponse['stages'][number] | undefined;
  /** Newest first. */
  submissions: UnitSubmission[];
}

/** Files grouped by stage, final report first (what the province reads), stages without files last. */
export function historyByStage(page: UnitPageResponse): StageHistory[] {
  const rows = [...STAGES].reverse().map((stage) => ({
    stage,
    summary: page.stages.find((s) => s.stage === stage),
    submissions: page.submissions.filter((s) => s.stage === stage),
  }));
  return [...rows.filter((r) => r.submissions.length > 0), ...rows.filter((r) => r.submissions.length === 0)];
}

/** Whether a .xlsx file by its name (the server checks the content). */
export function looksLikeXlsx(name: string): boolean {
  return name.toLowerCase().endsWith('.xlsx');
}

export type UploadState =
  | { phase: 'idle' }
  /** The chosen files were refused before sending (several at once, not .xlsx): nothing was sent. */
  | { phase: 'rejected'; message: string }
  | { phase: 'sending'; fileName: string; percent: number }
  | { phase: 'checking'; fileName: string }
  /** The service answered with a receipt: accepted (new or the same file again). */
  | { phase: 'accepted'; fileName: string; receipt: Receipt; duplicate: boolean }
  /** The service refused the file: its message and the cells to fix (and the receipt of the kept file, if any). */
  | { phase: 'refused'; fileName: string; message: string; issues: ReadIssue[]; receipt: Receipt | null }
  /** Nothing came back (network): the same file can be sent again with the same key. */
  | { phase: 'failed'; fileName: string; message: string };

export type UploadEvent =
  | { type: 'start'; fileName: string }
  | { type: 'reject'; message: string }
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'sent' }
  | { type: 'answer'; status: number; receipt: Receipt }
  | { type: 'error'; error: PortalError }
  | { type: 'reset' };

export function uploadReducer(state: UploadState, event: UploadEvent): UploadState {
  switch (event.type) {
    case 'start':
      return { phase: 'sending', fileName: event.fileName, percent: 0 };
    case 'reject':
      return { phase: 'rejected', message: event.message };
    case 'progress':
      if (state.phase !== 'sending') return state;
      return { ...state, percent: event.total > 0 ? Math.min(100, Math.round((event.loaded / event.total) * 100)) : 0 };
    case 'sent':
      return state.phase === 'sending' ? { phase: 'checking', fileName: state.fileName } : state;
    case 'answer':
      // An answer belongs to the file on its way; with none on its way it answers nothing shown.
      if (!uploadInFlight(state)) return state;
      return { phase: 'accepted', fileName: fileNameOf(state), receipt: event.receipt, duplicate: event.receipt.duplicate };
    case 'error': {
      if (!uploadInFlight(state)) return state;
      const { error } = event;
      if (error.kind === 'http') return { phase: 'refused', fileName: fileNameOf(state), message: error.message, issues: error.details, receipt: error.receipt };
      return { phase: 'failed', fileName: fileNameOf(state), message: error.message };
    }
    case 'reset':
      return { phase: 'idle' };
  }
}

function fileNameOf(state: UploadState): string {
  return 'fileName' in state ? state.fileName : '';
}

/** True while a file is on its way: leaving the page could lose it. */
export function uploadInFlight(state: UploadState): boolean {
  return state.phase === 'sending' || state.phase === 'checking';
}

/**
 * A fresh Idempotency-Key for one chosen file: 128 random bits as hex. crypto.getRandomValues,
 * not randomUUID, which browsers offer only on HTTPS pages and the service may run on plain HTTP.
 */
export function newIdempotencyKey(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return Array.from(random(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
