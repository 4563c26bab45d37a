/**
 * Submitting: read the file from the host in slices, send it, keep the receipt. One submission
 * at a time: a second click while one runs is ignored, so a double click never sends twice (and
 * the service records identical bytes once anyway).
 */
import { useCallback, useRef, useState } from 'react';
import { logDetail } from './log';
import type { WorkbookHost } from './host';
import { retryable, submitWorkbook, type HttpSend, type Sent, type SubmitFailure, type SubmitSettings } from './submitClient';

export type SubmitState =
  | { phase: 'idle' }
  | { phase: 'reading'; done: number; total: number }
  | { phase: 'sending'; loaded: number; total: number }
  | { phase: 'done'; sent: Sent }
  | { phase: 'failed'; failure: SubmitFailure; retryable: boolean }
  | { phase: 'file-unsupported' }
  | { phase: 'file-failed'; code: string };

export function useSubmission(host: WorkbookHost, send: HttpSend): { state: SubmitState; submit(settings: SubmitSettings): Promise<void>; busy: boolean } {
  const [state, setState] = useState<SubmitState>({ phase: 'idle' });
  const running = useRef(false);

  const submit = useCallback(async (settings: SubmitSettings) => {
    if (running.current) return;
    running.current = true;
    try {
      setState({ phase: 'reading', done: 0, total: 0 });
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
  }, [host, send]);

  const busy = state.phase === 'reading' || state.phase === 'sending';
  return { state, submit, busy };
}
