/**
 * Upload of the scoring workbook: drop a .xlsx or pick one (the button works with the keyboard),
 * progress while it is sent, then the receipt or the refusal with the cells to fix. One
 * Idempotency-Key per chosen file, kept for "Gửi lại", so a retry after a dropped connection is
 * recorded once. Leaving the page while a file is on its way asks first.
 */
import { useEffect, useReducer, useRef, useState, type DragEvent } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { dateTimeVi } from '../../console/state/format';
import type { PortalApi } from '../api/client';
import { STAGE_LABELS, viPortal as t } from '../i18n/vi';
import { issuesNameCells } from '../../../shared/workbook/issues';
import { looksLikeXlsx, newIdempotencyKey, uploadInFlight, uploadReducer } from '../state/page';
import { IssueList, VerdictView } from './Verdict';
import { useSectionStyles } from './styles';

const useStyles = makeStyles({
  zone: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusLarge, padding: '20px 12px',
    display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '10px', textAlign: 'center',
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px', margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
});

export function UploadCard({ api, onReceived }: { api: PortalApi; onReceived(): void }) {
  const styles = useStyles();
  const section = useSectionStyles();
  const [state, dispatch] = useReducer(uploadReducer, { phase: 'idle' });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const current = useRef<{ file: File; key: string } | null>(null);
  const busy = uploadInFlight(state);

  useEffect(() => {
    if (!busy) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = t.uploadLeaveWarning;
      return t.uploadLeaveWarning;
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);

  async function send() {
    const chosen = current.current;
    if (!chosen) return;
    dispatch({ type: 'start', fileName: chosen.file.name });
    const answer = await api.upload(chosen.file, {
      idempotencyKey: chosen.key,
      onProgress: (loaded, total) => dispatch({ type: 'progress', loaded, total }),
      onSent: () => dispatch({ type: 'sent' }),
    });
    if (answer.ok) dispatch({ type: 'answer', status: answer.value.status, receipt: answer.value.receipt });
    else dispatch({ type: 'error', error: answer.error });
    // A refused file may have been kept (invalid, for the record): the history shows it too.
    if (answer.ok || answer.error.kind === 'http') onReceived();
  }

  function choose(files: FileList | null) {
    if (!files || files.length === 0) return;
    const file = files[0]!;
    const refusal = files.length > 1 ? t.uploadOneFile : looksLikeXlsx(file.name) ? undefined : t.uploadNotXlsx(file.name);
    if (refusal !== undefined) {
      // It replaces the earlier answer (and its "Gửi lại", which would send the earlier file).
      current.current = null;
      dispatch({ type: 'reject', message: refusal });
      return;
    }
    current.current = { file, key: newIdempotencyKey() };
    void send();
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    if (!busy) choose(event.dataTransfer.files);
  }

  return (
    <section className={section.card} aria-labelledby="upload-title">
      <h2 id="upload-title" className={section.heading}>{t.uploadTitle}</h2>
      <div
        className={mergeClasses(styles.zone, over && styles.over)}
        role="group"
        aria-label={t.uploadDropLabel}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-dropzone
      >
        <Text>{t.uploadHint}</Text>
        <Button appearance="primary" disabled={busy} onClick={() => input.current?.click()}>{t.uploadPick}</Button>
        <input
          ref={input} type="file" hidden tabIndex={-1} data-file-input
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => { choose(e.target.files); e.target.value = ''; }}
        />
      </div>
      {state.phase === 'rejected' && <Text role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>{state.message}</Text>}
      <div aria-live="polite">
        {state.phase === 'sending' && (
          <div>
            <Text>{t.uploadSending(state.fileName, state.percent)}</Text>
            <ProgressBar value={state.percent / 100} aria-label={t.uploadSending(state.fileName, state.percent)} />
          </div>
        )}
        {state.phase === 'checking' && (
          <div>
            <Text>{t.uploadChecking}</Text>
            <ProgressBar aria-label={t.uploadChecking} />
          </div>
        )}
        {state.phase === 'accepted' && (
          <MessageBar intent="success" layout="multiline" data-receipt>
            <MessageBarBody>
              <MessageBarTitle>{t.receiptTitle}</MessageBarTitle>
              {state.duplicate && <Text block>{t.receiptDuplicate}</Text>}
              <dl className={styles.facts}>
                <dt className={styles.dt}>{t.receiptId}</dt><dd className={styles.dd} data-receipt-id>{state.receipt.submissionId}</dd>
                <dt className={styles.dt}>{t.receiptTime}</dt><dd className={styles.dd}>{dateTimeVi(state.receipt.receivedAt)}</dd>
                <dt className={styles.dt}>{t.receiptVersion}</dt><dd className={styles.dd} data-receipt-version>{state.receipt.version ?? t.none}</dd>
                <dt className={styles.dt}>{t.receiptStage}</dt>
                <dd className={styles.dd}>{`${STAGE_LABELS[state.receipt.stage]} ${state.receipt.year} · ${state.receipt.late ? t.receiptLate(state.receipt.daysLate) : t.receiptOnTime}`}</dd>
              </dl>
              {state.receipt.verdict && <VerdictView verdict={state.receipt.verdict} />}
              <IssueList issues={state.receipt.warnings} label={t.warningsLabel} />
            </MessageBarBody>
          </MessageBar>
        )}
        {state.phase === 'refused' && (
          <MessageBar intent="error" layout="multiline" data-refusal>
            <MessageBarBody>
              <MessageBarTitle>{t.refusedTitle}</MessageBarTitle>
              <Text block>{state.message}</Text>
              {state.issues.length > 0 && <Text block weight="semibold">{t.refusedCells(issuesNameCells(state.issues))}</Text>}
              <IssueList issues={state.issues} label={t.refusedCells(issuesNameCells(state.issues))} />
            </MessageBarBody>
          </MessageBar>
        )}
        {state.phase === 'failed' && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <Text block>{state.message}</Text>
              <Text block>{t.uploadFailedNetwork}</Text>
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      {state.phase === 'failed' && <div><Button onClick={() => void send()}>{t.uploadResend}</Button></div>}
    </section>
  );
}
