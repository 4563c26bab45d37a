/**
 * The year's document settings — every field a document prints: the letterhead, the báo cáo's and
 * the tờ trình's numbers, signer and recipients, the draft decision's issuing body, signer and
 * recipients, the biên bản's council — asked before the first Word download of a year and
 * remembered by the server. Each field is labelled with the name the server's refusals give it
 * (DOCUMENT_SETTING_NAMES), and each refusal lands beside its field.
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, makeStyles, MessageBar, MessageBarBody, Spinner, Textarea,
  tokens,
} from '@fluentui/react-components';
import type { DocumentSettings } from '../../../shared/api/schemas';
import { isUnauthorized } from '../api/client';
import { DOCUMENT_SETTING_NAMES, viConsole as t } from '../i18n/vi';
import type { DocumentSettingPath } from '../../../shared/documents/settings';
import { useConsole } from './context';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '10px' },
  // Fields side by side keep their own height when one of them shows an error below it.
  pair: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '10px', alignItems: 'start' },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '8px 0 0' },
  note: { margin: 0, color: tokens.colorNeutralForeground3 },
});

/** The documents whose "Nơi nhận" is typed one line per recipient. */
const RECIPIENT_LISTS = ['baoCao', 'toTrinh', 'quyetDinh'] as const;
type RecipientList = (typeof RECIPIENT_LISTS)[number];
type RecipientPath = `${RecipientList}.recipients`;
/** The fields typed in one line. */
type TextPath = Exclude<DocumentSettingPath, RecipientPath>;

/** Recipients typed one per line. */
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** The value of a one-line field. */
function valueAt(settings: DocumentSettings, path: TextPath): string {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], settings) as string;
}

/** The settings with one one-line field changed (the objects on its path copied, the rest shared). */
function withValue(settings: DocumentSettings, path: TextPath, value: string): DocumentSettings {
  const put = (node: Record<string, unknown>, keys: string[]): Record<string, unknown> => {
    const [key, ...rest] = keys as [string, ...string[]];
    return { ...node, [key]: rest.length === 0 ? value : put(node[key] as Record<string, unknown>, rest) };
  };
  return put(settings, path.split('.')) as DocumentSettings;
}

/** The recipient texts of the settings, one line per recipient. */
function recipientTexts(settings: DocumentSettings): Record<RecipientList, string> {
  return Object.fromEntries(RECIPIENT_LISTS.map((list) => [list, settings[list].recipients.join('\n')])) as Record<RecipientList, string>;
}

/** The settings with each "Nơi nhận" as typed, one recipient a non-empty line. */
function withRecipients(settings: DocumentSettings, texts: Record<RecipientList, string>): DocumentSettings {
  return RECIPIENT_LISTS.reduce((s, list) => ({ ...s, [list]: { ...s[list], recipients: lines(texts[list]) } }), settings);
}

/** Whether a refusal's path (`cell`) belongs to a field of the dialog ("baoCao.recipients.1" to "baoCao.recipients"). */
const belongsTo = (cell: string, path: string) => cell === path || cell.startsWith(`${path}.`);

const REQUIRED: ReadonlySet<DocumentSettingPath> = new Set<DocumentSettingPath>([
  'issuingBody', 'place', 'addressee', 'signer.title', 'baoCao.symbol', 'toTrinh.symbol',
  'quyetDinh.issuingBody', 'quyetDinh.symbol', 'quyetDinh.signer.title', 'bienBan.council',
]);

/** Every field of the settings: the dialog shows each (its test checks), so a refusal's path is matched against these. */
const FIELDS = Object.keys(DOCUMENT_SETTING_NAMES);

export function DocumentSettingsDialog({ year, confirmLabel, onClose, onSaved }: { year: number; confirmLabel: string; onClose(): void; onSaved(): void }) {
  const styles = useStyles();
  const { api, notify, onUnauthorized } = useConsole();
  const [settings, setSettings] = useState<DocumentSettings | null>(null);
  const [recipients, setRecipients] = useState<Record<RecipientList, string>>({ baoCao: '', toTrinh: '', quyetDinh: '' });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.documentSettings(year).then((answer) => {
      if (!live) return;
      if (answer.ok) {
        setSettings(answer.value.settings);
        setRecipients(recipientTexts(answer.value.settings));
      } else if (isUnauthorized(answer.error)) onUnauthorized();
      else setGeneral(answer.error.message);
    });
    return () => { live = false; };
  }, [api, year, onUnauthorized]);

  const problem = (path: DocumentSettingPath) => Object.entries(problems).find(([cell]) => belongsTo(cell, path))?.[1];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    setBusy(true);
    const answer = await api.saveDocumentSettings(year, withRecipients(settings, recipients));
    setBusy(false);
    if (answer.ok) {
      notify('success', t.documentSettings.saved);
      onSaved();
    } else if (isUnauthorized(answer.error)) onUnauthorized();
    else {
      const details = answer.error.kind === 'http' ? answer.error.details : [];
      setProblems(Object.fromEntries(details.map((d) => [d.cell, d.message])));
      // What no field shows (the request as a whole) goes above the fields, never lost.
      const unplaced = details.filter((d) => !FIELDS.some((path) => belongsTo(d.cell, path)));
      setGeneral(details.length === 0 ? answer.error.message : unplaced.length > 0 ? unplaced.map((d) => d.message).join(' ') : null);
    }
  }

  const d = t.documentSettings;
  const text = (path: TextPath) => (
    <Field label={d.label(path)} required={REQUIRED.has(path)} validationMessage={problem(path)}>
      <Input value={settings ? valueAt(settings, path) : ''} onChange={(_, data) => setSettings((s) => (s ? withValue(s, path, data.value) : s))} />
    </Field>
  );
  const recipientList = (list: RecipientList) => (
    <Field label={d.label(`${list}.recipients`)} validationMessage={problem(`${list}.recipients`)}>
      <Textarea value={recipients[list]} onChange={(_, data) => setRecipients((r) => ({ ...r, [list]: data.value }))} rows={3} />
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
                  {text('parentBody')}
                  {text('issuingBody')}
                  <div className={styles.pair}>{text('place')}{text('date')}</div>

                  <h3 className={styles.heading}>{d.ownDocuments}</h3>
                  <div className={styles.pair}>
                    {text('baoCao.number')}{text('baoCao.symbol')}
                    {text('toTrinh.number')}{text('toTrinh.symbol')}
                  </div>
                  {text('addressee')}
                  {text('signer.authority')}
                  <div className={styles.pair}>{text('signer.title')}{text('signer.name')}</div>
                  {recipientList('baoCao')}
                  {recipientList('toTrinh')}

                  <h3 className={styles.heading}>{d.decision}</h3>
                  <p className={styles.note}>{d.decisionNote}</p>
                  {text('quyetDinh.issuingBody')}
                  {text('quyetDinh.symbol')}
                  {text('quyetDinh.signer.authority')}
                  <div className={styles.pair}>{text('quyetDinh.signer.title')}{text('quyetDinh.signer.name')}</div>
                  {recipientList('quyetDinh')}

                  <h3 className={styles.heading}>{d.appraisal}</h3>
                  <div className={styles.pair}>{text('bienBan.council')}{text('bienBan.symbol')}</div>
                  <div className={styles.pair}>{text('bienBan.chair')}{text('bienBan.secretary')}</div>
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
