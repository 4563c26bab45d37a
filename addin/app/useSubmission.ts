/**
 * Submitting: read the workbook again (the form must show what is sent), read the file from the
 * host in slices, send it, keep the receipt. One submission at a time: a second click while one
 * runs is ignored, so a double click never sends twice. Each submission has its own
 * `Idempotency-Key`, kept across its retries ("Thử lại") until the service has answered it, so a
 * retry after a timeout is never recorded twice even when Excel hands out different bytes.
 */
import { useCallback, useRef, useState } from 'react';
import { logDetail } from './log';
import type { WorkbookHost } from './host';
import { newIdempotencyKey, retryable, submitWorkbook, type HttpSend, type Sent, type SubmitFailure } from './submitClient';

export type SubmitState =
  | { phase: 'idle' }
  | { phase: 'reading'; done: number; total: number }
  | { phase: 'sending'; loaded: number; total: number }
  | { phase: 'done'; sent: Sent }
  | { phase: 'failed'; failure: SubmitFailure; retryable: boolean }
  | { phase: 'file-unsupported' }
  | { phase: 'file-failed'; code: string };

export interface SubmitRequest {
  serverUrl: string;
  token: string;
  /** A retry of the submission that has not been answered yet: same idempotency key. */
  retry: boolean;
}

export function useSubmission(
  host: WorkbookHost,
  send: HttpSend,
  /** Reads the workbook into the form again; runs before every submission. */
  beforeSubmit: () => Promise<void> = async () => {},
): { state: SubmitState; submit(request: SubmitRequest): Promise<void>; busy: boolean } {
  const [state, setState] = useState<SubmitState>({ phase: 'idle' });
  const running = useRef(false);
  const pendingKey = useRef<string | undefined>(undefined);

  const submit = useCallback(async ({ serverUrl, token, retry }: SubmitRequest) => {
    if (running.current) return;
    running.current = true;
    if (!retry || !pendingKey.current) pendingKey.current = newIdempotencyKey();
    const settings = { serverUrl, token, idempotencyKey: pendingKey.current };
    try {
      setState({ phase: 'reading', done: 0, total: 0 });
      await beforeSubmit();
      const file = await host.readFile((done, total) => setState({ phase: 'reading', done, total }));
      if (!file.ok) {
        if (file.error.kind === 'unsupported') {
          setState({ phase: 'file-unsupported' });
        } else {
          logDetail('getFileAsync', `${file.error.code}: ${file.error.message}`);
          setState({ phase: 'file-failed', code: file.error.code });
        }
        return;
      }
      setState({ phase: 'sending', loaded: 0, total: file.value.length });
      const result = await submitWorkbook(send, settings, { bytes: file.value, name: host.fileName() },
        (loaded, total) => setState({ phase: 'sending', loaded, total }));
      // Answered (a receipt or a refusal that retrying cannot change): the next send is a new submission.
      if (result.ok || !retryable(result.error)) pendingKey.current = undefined;
      if (result.ok) {
        setState({ phase: 'done', sent: result.value });
      } else {
        logDetail('submit', JSON.stringify(result.error));
        setState({ phase: 'failed', failure: result.error, retryable: retryable(result.error) });
      }
    } catch (error) {
      // Not expected (the host and client return errors as values): still shown, never lost.
      logDetail('submit', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      setState({ phase: 'file-failed', code: error instanceof Error ? error.name : 'Error' });
    } finally {
      running.current = false;
    }
  }, [host, send, beforeSubmit]);

  const busy = state.phase === 'reading' || state.phase === 'sending';
  return { state, submit, busy };
}
