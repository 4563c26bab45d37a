/**
 * The year's calendar, editable by the admin: general milestones and, per unit kind, its own;
 * downloadable as the file `dien-hinh consolidate --calendar` reads (the saved calendar, so not
 * while edits are unsaved); and reopening a stage for one unit after the lock day.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Button, Combobox, Field, Input, makeStyles, MessageBar, MessageBarBody, Option, Spinner, Switch, Text, tokens,
} from '@fluentui/react-components';
import { searchKey } from '../../../../shared/units/identity';
import { UNIT_KINDS, type UnitKind } from '../../../../shared/units/kinds';
import type { Calendar } from '../../../../shared/deadlines/calendar';
import { errorLines, isUnauthorized } from '../../api/client';
import { STAGE_LABELS, UNIT_KIND_LABELS, viConsole as t } from '../../i18n/vi';
import { editMilestone, fromForm, setOverride, toForm, type CalendarForm, type MilestoneForm } from '../../state/calendarEdit';
import { useConsole } from '../context';
import { useFileDownloads } from '../documentDownloads';
import { ReopenForm } from '../ReopenForm';

const useStyles = makeStyles({
  page: { display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(300px, 1fr)', gap: '12px', alignItems: 'start' },
  card: { display: 'flex', flexDirection: 'column', gap: '10px', padding: '12px 16px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4 },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  sub: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  hint: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  table: { borderCollapse: 'collapse', width: '100%', '& th': { textAlign: 'left', fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, padding: '4px 6px' }, '& td': { padding: '3px 6px' } },
  date: { width: '96px' },
  stageCol: { width: '170px' },
  dateCol: { width: '112px' },
  source: { width: '100%' },
  kind: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: '2px', display: 'flex', flexDirection: 'column', gap: '2px' },
  actions: { display: 'flex', gap: '8px', alignItems: 'center' },
});

export default function DeadlinesPage() {
  const styles = useStyles();
  const { api, year, notify, reloadUnits, onUnauthorized } = useConsole();
  const [form, setForm] = useState<CalendarForm | null>(null);
  /** The form as last loaded or saved: the download is the saved calendar, which differs while this does. */
  const [saved, setSaved] = useState<CalendarForm | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const downloads = useFileDownloads<'calendar'>();
  const unsaved = form !== saved && JSON.stringify(form) !== JSON.stringify(saved);

  function loaded(calendar: Calendar) {
    const shown = toForm(calendar);
    setForm(shown);
    setSaved(shown);
  }

  useEffect(() => {
    let live = true;
    setForm(null);
    setSaved(null);
    void api.calendar(year).then((answer) => {
      if (!live) return;
      if (answer.ok) loaded(answer.value);
      else if (isUnauthorized(answer.error)) onUnauthorized();
      else setProblems(errorLines(answer.error));
    });
    return () => { live = false; };
  }, [api, year, onUnauthorized]);

  async function save() {
    if (!form) return;
    const calendar = fromForm(form);
    if (!calendar.ok) {
      setProblems(calendar.error);
      return;
    }
    setProblems([]);
    setBusy(true);
    const answer = await api.saveCalendar(year, calendar.value);
    setBusy(false);
    if (answer.ok) {
      loaded(answer.value);
      notify('success', t.calendarSaved);
      reloadUnits();
    } else if (isUnauthorized(answer.error)) onUnauthorized();
    else setProblems(errorLines(answer.error));
  }

  const rows = (scope: UnitKind | 'general', list: MilestoneForm[], scopeLabel: string) => (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col" className={styles.stageCol}>{t.calendarColumns.stage}</th>
          <th scope="col" className={styles.dateCol}>{t.calendarColumns.due}</th>
          <th scope="col" className={styles.dateCol}>{t.calendarColumns.lock}</th>
          <th scope="col">{t.calendarColumns.source}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((m) => (
          <tr key={m.stage} data-scope={scope} data-stage={m.stage}>
            <td>{STAGE_LABELS[m.stage]}</td>
            <td><Input className={styles.date} size="small" value={m.due} placeholder={t.dayMonthPlaceholder} aria-label={t.calendarDueLabel(STAGE_LABELS[m.stage], scopeLabel)}
              onChange={(_, d) => setForm((f) => f && editMilestone(f, scope, m.stage, 'due', d.value))} /></td>
            <td><Input className={styles.date} size="small" value={m.lock} placeholder={t.dayMonthPlaceholder} aria-label={t.calendarLockLabel(STAGE_LABELS[m.stage], scopeLabel)}
              onChange={(_, d) => setForm((f) => f && editMilestone(f, scope, m.stage, 'lock', d.value))} /></td>
            <td><Input className={styles.source} size="small" value={m.source} aria-label={t.calendarSourceLabel(STAGE_LABELS[m.stage], scopeLabel)}
              onChange={(_, d) => setForm((f) => f && editMilestone(f, scope, m.stage, 'source', d.value))} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <div className={styles.page}>
      <section className={styles.card} aria-labelledby="calendar-title">
        <h2 id="calendar-title" className={styles.title}>{t.calendarTitle(year)}</h2>
        <Text className={styles.hint}>{t.calendarHint}</Text>
        {!form ? (problems.length === 0 && <Spinner label={t.loading} />) : (
          <>
            <Field label={t.calendarName}>
              <Input value={form.title} onChange={(_, d) => setForm((f) => f && { ...f, title: d.value })} />
            </Field>
            <h3 className={styles.sub}>{t.calendarDefault}</h3>
            {rows('general', form.milestones, t.calendarDefault)}
            {UNIT_KINDS.map((kind) => {
              const own = form.byUnitKind[kind];
              return (
                <div key={kind} className={styles.kind}>
                  <Switch checked={own !== undefined} label={t.calendarOverride(UNIT_KIND_LABELS[kind])}
                    onChange={(_, d) => setForm((f) => f && setOverride(f, kind, d.checked))} />
                  {own && rows(kind, own, UNIT_KIND_LABELS[kind])}
                </div>
              );
            })}
          </>
        )}
        {problems.length > 0 && (
          <MessageBar intent="error"><MessageBarBody><div>{t.calendarInvalid}</div>{problems.map((p) => <div key={p}>{p}</div>)}</MessageBarBody></MessageBar>
        )}
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => void save()} disabled={!form || busy}>{busy ? t.saving : t.calendarSave}</Button>
          <Button onClick={() => void downloads.fetchAndSave('calendar', () => api.calendarFile(year))}
            disabled={!form || unsaved || downloads.busy !== null} aria-describedby="calendar-download-hint">
            {downloads.busy ? t.downloading : t.calendarDownload}
          </Button>
        </div>
        <Text id="calendar-download-hint" className={styles.hint}>{unsaved ? t.calendarDownloadUnsaved : t.calendarDownloadHint(year)}</Text>
      </section>
      <ExceptionForm />
    </div>
  );
}

function ExceptionForm() {
  const styles = useStyles();
  const { units } = useConsole();
  const [query, setQuery] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const matches = useMemo(() => {
    const key = searchKey(query);
    return (units?.units ?? []).filter((u) => searchKey(u.unit.name).includes(key)).slice(0, 30);
  }, [units, query]);

  const chooser = (
    <Field label={t.exceptionUnitLabel} required>
      <Combobox
        freeform
        placeholder={t.exceptionUnitPlaceholder}
        value={query}
        onChange={(e) => { setQuery(e.target.value); setUnitId(null); }}
        onOptionSelect={(_, d) => { setUnitId(d.optionValue ?? null); setQuery(d.optionText ?? ''); }}
      >
        {matches.map((u) => <Option key={u.unit.id} value={u.unit.id} text={u.unit.name}>{`${u.unit.name}${u.unit.parent ? ` (${u.unit.parent})` : ''}`}</Option>)}
      </Combobox>
    </Field>
  );

  return (
    <section className={styles.card} aria-labelledby="exception-title">
      <h2 id="exception-title" className={styles.sub}>{t.exceptionsTitle}</h2>
      <Text className={styles.hint}>{t.exceptionHint}</Text>
      <ReopenForm unitId={unitId} chooser={chooser} onReopened={() => undefined} />
    </section>
  );
}
