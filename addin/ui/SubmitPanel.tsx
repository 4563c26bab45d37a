/**
 * Submitting to the province (loaded on demand: the first screen does not need it). Settings,
 * the send button, progress, then the receipt or what went wrong with a retry.
 */
import {
  Button, Checkbox, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, ProgressBar, Text,
  makeStyles, tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Receipt } from '../../shared/api/schemas';
import { STAGE_LABELS } from '../../shared/deadlines/calendar';
import { formatVnDateTime } from '../../shared/deadlines/vietnamTime';
import type { WorkbookHost } from '../app/host';
import { logNote } from '../app/log';
import { browserSettingsStore, type SettingsStore } from '../app/settings';
import { xhrSend, type HttpSend, type Sent, type SubmitFailure, type SubmitSettings } from '../app/submitClient';
import { useSubmission, type SubmitState } from '../app/useSubmission';
import { viHeader, viSubmit } from '../i18n/vi';
import { IssueList } from './IssueList';

const useStyles = makeStyles({
  root: {
    display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, paddingTop: tokens.spacingVerticalM,
    borderTopWidth: '1px', borderTopStyle: 'solid', borderTopColor: tokens.colorNeutralStroke2,
  },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  settings: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  table: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, wordBreak: 'break-word' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface SubmitPanelProps {
  host: WorkbookHost;
  eligible: boolean;
  /** The transport (tests give a double); the browser's XMLHttpRequest by default. */
  send?: HttpSend;
  settingsStore?: SettingsStore;
  onReceipt?(receipt: Receipt): void;
}

export default function SubmitPanel({ host, eligible, send = xhrSend, settingsStore, onReceipt }: SubmitPanelProps) {
  const styles = useStyles();
  const store = useMemo(() => settingsStore ?? browserSettingsStore(safeLocalStorage(), window.location.origin), [settingsStore]);
  const [settings, setSettings] = useState<SubmitSettings>(() => store.load());
  const [showSettings, setShowSettings] = useState(() => !settings.token);
  const [savedNote, setSavedNote] = useState(false);
  const submission = useSubmission(host, send);
  const { state } = submission;

  const submit = async () => {
    store.save(settings);
    await submission.submit(settings);
  };
  useEffect(() => {
    if (state.phase === 'done') onReceipt?.(state.sent.receipt);
  }, [state, onReceipt]);

  return (
    <section className={styles.root} aria-labelledby="submit-heading">
      <h3 id="submit-heading" className={styles.heading}>{viSubmit.title}</h3>
      <Text size={200}>{viSubmit.intro}</Text>
      {!eligible ? <Text size={200}>{viSubmit.notEligibleNote}</Text> : null}
      <Button appearance="secondary" aria-expanded={showSettings} aria-controls="submit-settings" onClick={() => setShowSettings(!showSettings)}>
        {viSubmit.settings}
      </Button>
      {showSettings ? (
        <form
          id="submit-settings"
          className={styles.settings}
          onSubmit={(event) => { event.preventDefault(); store.save(settings); setSavedNote(true); }}
        >
          <SettingsFields settings={settings} onChange={(next) => { setSettings(next); setSavedNote(false); }} />
          <div className={styles.actions}>
            <Button type="submit">{viSubmit.save}</Button>
            <Text aria-live="polite">{savedNote ? viSubmit.savedSettings : ''}</Text>
          </div>
        </form>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={submission.busy} onClick={() => void submit()}>
          {state.phase === 'done' ? viSubmit.sendAgain : viSubmit.button}
        </Button>
      </div>
      <Progress state={state} />
      <Outcome state={state} onRetry={() => void submit()} busy={submission.busy} />
    </section>
  );
}

function SettingsFields({ settings, onChange }: { settings: SubmitSettings; onChange(settings: SubmitSettings): void }) {
  const [reveal, setReveal] = useState(false);
  return (
    <>
      <Field label={viSubmit.serverUrl} hint={viSubmit.serverUrlHint} required>
        <Input type="url" value={settings.serverUrl} onChange={(_, d) => onChange({ ...settings, serverUrl: d.value })} />
      </Field>
      <Field label={viSubmit.token} hint={viSubmit.tokenHint} required>
        <Input
          type={reveal ? 'text' : 'password'}
          autoComplete="off"
          value={settings.token}
          onChange={(_, d) => onChange({ ...settings, token: d.value })}
        />
      </Field>
      <Checkbox label={viSubmit.showToken} checked={reveal} onChange={(_, d) => setReveal(d.checked === true)} />
    </>
  );
}

function Progress({ state }: { state: SubmitState }) {
  if (state.phase !== 'reading' && state.phase !== 'sending') return null;
  const [done, total] = state.phase === 'reading' ? [state.done, state.total] : [state.loaded, state.total];
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  const label = state.phase === 'reading' ? viSubmit.reading(percent) : viSubmit.sending(percent);
  return (
    <Field label={label} validationState="none">
      <ProgressBar value={percent} max={100} aria-label={viSubmit.progressLabel} aria-valuetext={label} />
    </Field>
  );
}

function Outcome({ state, onRetry, busy }: { state: SubmitState; onRetry(): void; busy: boolean }) {
  switch (state.phase) {
    case 'done':
      return <ReceiptView sent={state.sent} />;
    case 'failed':
      return (
        <MessageBar intent="error" layout="multiline" role="alert" data-testid="submit-failure">
          <MessageBarBody>{failureMessage(state.failure)}</MessageBarBody>
          {state.retryable ? (
            <MessageBarActions>
              <Button onClick={onRetry} disabled={busy}>{viSubmit.retry}</Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      );
    case 'file-unsupported':
      return <MessageBar intent="warning" layout="multiline" role="alert"><MessageBarBody>{viSubmit.fileUnsupported}</MessageBarBody></MessageBar>;
    case 'file-failed':
      return (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{viSubmit.fileFailed(state.code)}</MessageBarBody>
          <MessageBarActions><Button onClick={onRetry} disabled={busy}>{viSubmit.retry}</Button></MessageBarActions>
        </MessageBar>
      );
    default:
      return null;
  }
}

export function failureMessage(failure: SubmitFailure): string {
  const f = viSubmit.failures;
  const said = (message: string) => (message ? ` ${f.serverSaid(message)}` : '');
  switch (failure.kind) {
    case 'settings': return failure.field === 'serverUrl' ? f.serverUrl : f.token;
    case 'offline': return f.offline;
    case 'timeout': return f.timeout;
    case 'unauthorized': return f.unauthorized + said(failure.message);
    case 'too-large': return f.tooLarge + said(failure.message);
    case 'refused': return f.refused(failure.message);
    case 'server': return f.server + said(failure.message);
    case 'bad-response': return f.badResponse;
  }
}

function ReceiptView({ sent }: { sent: Sent }) {
  const styles = useStyles();
  const { receipt } = sent;
  const r = viSubmit.receipt;
  const title = !receipt.valid ? r.invalid : receipt.duplicate ? r.duplicate : r.created;
  const rows: [string, string][] = [
    [r.id, receipt.submissionId],
    [r.receivedAt, formatVnDateTime(new Date(receipt.receivedAt))],
    ...(receipt.version !== null ? [[r.version, r.versionValue(receipt.version)] as [string, string]] : []),
    [r.stage, STAGE_LABELS[receipt.stage]],
    ...(receipt.unit ? [[r.unit, receipt.unit.name] as [string, string]] : []),
    [r.timing, receipt.late ? r.late(receipt.daysLate) : r.onTime],
    [r.file, receipt.fileName],
    ...(receipt.verdict
      ? [[r.verdict, `${receipt.verdict.eligible ? viHeader.eligible : viHeader.notEligible}${receipt.verdict.total !== null && receipt.verdict.max !== null ? ` (${r.total(receipt.verdict.total, receipt.verdict.max)})` : ''}`] as [string, string]]
      : []),
  ];
  return (
    <MessageBar intent={receipt.valid ? 'success' : 'error'} layout="multiline" data-testid="receipt">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <dl className={styles.table}>
          {rows.map(([term, value]) => (
            <div key={term} style={{ display: 'contents' }}>
              <dt className={styles.term}>{term}</dt>
              <dd className={styles.value}>{value}</dd>
            </div>
          ))}
        </dl>
        {receipt.verdict && !receipt.verdict.eligible && receipt.verdict.reasons.length > 0 ? (
          <ul className={styles.list}>{receipt.verdict.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>
        ) : null}
        <IssueList issues={receipt.errors} title={r.errors} />
        <IssueList issues={receipt.warnings} title={r.warnings} />
      </MessageBarBody>
    </MessageBar>
  );
}

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch (error) {
    logNote(`localStorage unavailable: ${String(error)}`);
    return undefined;
  }
}
