/**
 * Submitting to the province (loaded on demand: the first screen does not need it). Settings,
 * the send button, progress, then the receipt or what went wrong with a retry.
 */
import {
  Button, Checkbox, Field, Input, Link, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, ProgressBar, Text,
  makeStyles, tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Receipt } from '../../shared/api/schemas';
import { STAGE_LABELS } from '../../shared/deadlines/calendar';
import { formatVnDateTime } from '../../shared/deadlines/vietnamTime';
import type { WorkbookHost } from '../app/host';
import { logNote } from '../app/log';
import { browserSettingsStore, type SettingsStore, type StoredSettings } from '../app/settings';
import { xhrSend, type HttpSend, type Sent, type SubmitFailure } from '../app/submitClient';
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
  /** The sync service: the origin that served the pane, the only one its CSP lets it call. */
  serviceUrl?: string;
  /** Reads the workbook into the form again (before every submission). */
  beforeSubmit?(): Promise<void>;
  onReceipt?(receipt: Receipt): void;
}

/** Where a unit uploads a saved file when this Excel cannot hand the file to the pane. */
export const UNIT_PAGE_PATH = '/don-vi/';

export default function SubmitPanel({ host, eligible, send = xhrSend, settingsStore, serviceUrl = window.location.origin, beforeSubmit, onReceipt }: SubmitPanelProps) {
  const styles = useStyles();
  const store = useMemo(
    () => settingsStore ?? browserSettingsStore(safeLocalStorage(), host.capabilities.storagePartition),
    [settingsStore, host],
  );
  const [settings, setSettings] = useState<StoredSettings>(() => store.load());
  const [showSettings, setShowSettings] = useState(() => !settings.token);
  const [savedNote, setSavedNote] = useState<string>('');
  const submission = useSubmission(host, send, beforeSubmit);
  const { state } = submission;
  const unitPage = `${serviceUrl.replace(/\/+$/u, '')}${UNIT_PAGE_PATH}`;

  const submit = async (retry: boolean) => {
    store.save(settings);
    await submission.submit({ serverUrl: serviceUrl, token: settings.token, retry });
  };
  const forget = () => {
    store.forget();
    setSettings({ token: '' });
    setSavedNote(viSubmit.forgotten);
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
          onSubmit={(event) => { event.preventDefault(); store.save(settings); setSavedNote(viSubmit.savedSettings); }}
        >
          <SettingsFields settings={settings} onChange={(next) => { setSettings(next); setSavedNote(''); }} />
          <div className={styles.actions}>
            <Button type="submit">{viSubmit.save}</Button>
            <Button type="button" onClick={forget}>{viSubmit.forget}</Button>
            <Text aria-live="polite">{savedNote}</Text>
          </div>
        </form>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={submission.busy} onClick={() => void submit(false)}>
          {state.phase === 'done' ? viSubmit.sendAgain : viSubmit.button}
        </Button>
      </div>
      <Progress state={state} />
      <Outcome state={state} onRetry={() => void submit(true)} busy={submission.busy} unitPage={unitPage} />
    </section>
  );
}

function SettingsFields({ settings, onChange }: { settings: StoredSettings; onChange(settings: StoredSettings): void }) {
  const [reveal, setReveal] = useState(false);
  return (
    <>
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

function Outcome({ state, onRetry, busy, unitPage }: { state: SubmitState; onRetry(): void; busy: boolean; unitPage: string }) {
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
      return (
        <MessageBar intent="warning" layout="multiline" role="alert" data-testid="file-unsupported">
          <MessageBarBody>
            {viSubmit.fileUnsupported}{' '}
            <Link href={unitPage} target="_blank" rel="noopener">{viSubmit.unitPage}</Link>
          </MessageBarBody>
        </MessageBar>
      );
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
