/**
 * The year's document settings (letterhead, numbers, signer, recipients), asked before the first
 * Word download of a year and remembered by the server; each refusal lands beside its field.
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, makeStyles, MessageBar, MessageBarBody, Spinner, Textarea,
} from '@fluentui/react-components';
import type { DocumentSettings } from '../../../shared/api/schemas';
import { isUnauthorized } from '../api/client';
import { viConsole as t } from '../i18n/vi';
import { useConsole } from './context';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '10px' },
  pair: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '10px' },
});

/** Recipients typed one per line. */
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

export function DocumentSettingsDialog({ year, confirmLabel, onClose, onSaved }: { year: number; confirmLabel: string; onClose(): void; onSaved(): void }) {
  const styles = useStyles();
  const { api, notify, onUnauthorized } = useConsole();
  const [settings, setSettings] = useState<DocumentSettings | null>(null);
  const [reportRecipients, setReportRecipients] = useState('');
  const [requestRecipients, setRequestRecipients] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.documentSettings(year).then((answer) => {
      if (!live) return;
      if (answer.ok) {
        setSettings(answer.value.settings);
        setReportRecipients(answer.value.settings.baoCao.recipients.join('\n'));
        setRequestRecipients(answer.value.settings.toTrinh.recipients.join('\n'));
      } else if (isUnauthorized(answer.error)) onUnauthorized();
      else setGeneral(answer.error.message);
    });
    return () => { live = false; };
  }, [api, year, onUnauthorized]);

  const set = (change: (s: DocumentSettings) => DocumentSettings) => setSettings((s) => (s ? change(s) : s));
  const problem = (...paths: string[]) => Object.entries(problems).find(([path]) => paths.some((p) => path === p || path.startsWith(`${p}.`)))?.[1];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    const next: DocumentSettings = {
      ...settings,
      baoCao: { ...settings.baoCao, recipients: lines(reportRecipients) },
      toTrinh: { ...settings.toTrinh, recipients: lines(requestRecipients) },
    };
    setBusy(true);
    const answer = await api.saveDocumentSettings(year, next);
    setBusy(false);
    if (answer.ok) {
      notify('success', t.documentSettings.saved);
      onSaved();
    } else if (isUnauthorized(answer.error)) onUnauthorized();
    else {
      const details = answer.error.kind === 'http' ? answer.error.details : [];
      setProblems(Object.fromEntries(details.map((d) => [d.cell, d.message])));
      setGeneral(details.length === 0 ? answer.error.message : null);
    }
  }

  const d = t.documentSettings;
  const text = (label: string, path: string, value: string, change: (v: string) => void, required = false) => (
    <Field label={label} required={required} validationMessage={problem(path)}>
      <Input value={value} onChange={(_, data) => change(data.value)} />
    </Field>
  );

  return (
    <Dialog open onOpenChange={(_, data) => { if (!data.open) onClose(); }}>
      <DialogSurface>
        <form onSubmit={submit} className={styles.form} noValidate>
          <DialogBody>
            <DialogTitle>{d.title(year)}</DialogTitle>
            <DialogContent className={styles.form}>
              <p>{d.intro}</p>
              {general && <MessageBar intent="error"><MessageBarBody>{general}</MessageBarBody></MessageBar>}
              {!settings ? <Spinner size="small" /> : (
                <>
                  {text(d.parentBody, 'parentBody', settings.parentBody, (v) => set((s) => ({ ...s, parentBody: v })))}
                  {text(d.issuingBody, 'issuingBody', settings.issuingBody, (v) => set((s) => ({ ...s, issuingBody: v })), true)}
                  <div className={styles.pair}>
                    {text(d.place, 'place', settings.place, (v) => set((s) => ({ ...s, place: v })), true)}
                    {text(d.date, 'date', settings.date, (v) => set((s) => ({ ...s, date: v })))}
                  </div>
                  <div className={styles.pair}>
                    {text(d.reportNumber, 'baoCao.number', settings.baoCao.number, (v) => set((s) => ({ ...s, baoCao: { ...s.baoCao, number: v } })))}
                    {text(d.reportSymbol, 'baoCao.symbol', settings.baoCao.symbol, (v) => set((s) => ({ ...s, baoCao: { ...s.baoCao, symbol: v } })), true)}
                    {text(d.requestNumber, 'toTrinh.number', settings.toTrinh.number, (v) => set((s) => ({ ...s, toTrinh: { ...s.toTrinh, number: v } })))}
                    {text(d.requestSymbol, 'toTrinh.symbol', settings.toTrinh.symbol, (v) => set((s) => ({ ...s, toTrinh: { ...s.toTrinh, symbol: v } })), true)}
                  </div>
                  {text(d.addressee, 'addressee', settings.addressee, (v) => set((s) => ({ ...s, addressee: v })), true)}
                  {text(d.signerAuthority, 'signer.authority', settings.signer.authority, (v) => set((s) => ({ ...s, signer: { ...s.signer, authority: v } })))}
                  <div className={styles.pair}>
                    {text(d.signerTitle, 'signer.title', settings.signer.title, (v) => set((s) => ({ ...s, signer: { ...s.signer, title: v } })), true)}
                    {text(d.signerName, 'signer.name', settings.signer.name, (v) => set((s) => ({ ...s, signer: { ...s.signer, name: v } })))}
                  </div>
                  <Field label={d.reportRecipients} validationMessage={problem('baoCao.recipients')}>
                    <Textarea value={reportRecipients} onChange={(_, data) => setReportRecipients(data.value)} rows={3} />
                  </Field>
                  <Field label={d.requestRecipients} validationMessage={problem('toTrinh.recipients')}>
                    <Textarea value={requestRecipients} onChange={(_, data) => setRequestRecipients(data.value)} rows={3} />
                  </Field>
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose} disabled={busy}>{d.cancel}</Button>
              <Button appearance="primary" type="submit" disabled={busy || !settings}>{confirmLabel}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
