/**
 * Reopening a stage for one unit after its lock day (a per-unit exception), with a reason. Used
 * in the review panel (the unit is known) and on the deadlines page (a unit is chosen first).
 */
import { useState, type ReactNode } from 'react';
import { Button, Field, makeStyles, Select, Text, Textarea, tokens } from '@fluentui/react-components';
import type { UnitSubmissionsResponse } from '../../../shared/api/schemas';
import { STAGES, type Stage } from '../../../shared/deadlines/calendar';
import { isUnauthorized } from '../api/client';
import { STAGE_LABELS, viConsole as t } from '../i18n/vi';
import { useConsole } from './context';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '10px' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface ReopenFormProps {
  /** The unit to reopen; null while none is chosen. */
  unitId: string | null;
  /** Shown above the stage (the deadlines page puts its unit chooser here). */
  chooser?: ReactNode;
  onReopened(next: UnitSubmissionsResponse): void;
}

export function ReopenForm({ unitId, chooser, onReopened }: ReopenFormProps) {
  const styles = useStyles();
  const { api, year, notify, reloadUnits, onUnauthorized } = useConsole();
  const [stage, setStage] = useState<Stage>('final');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!unitId) {
      setError(t.exceptionUnitMissing);
      return;
    }
    setBusy(true);
    setError('');
    const answer = await api.exception(unitId, year, stage, note.trim());
    setBusy(false);
    if (answer.ok) {
      notify('success', `${answer.value.unit.name}: ${t.exceptionSaved(STAGE_LABELS[stage])}`);
      setNote('');
      reloadUnits();
      onReopened(answer.value);
    } else if (isUnauthorized(answer.error)) onUnauthorized();
    else setError(answer.error.message);
  }

  return (
    <div className={styles.form}>
      {chooser}
      <Field label={t.exceptionStageLabel}>
        <Select value={stage} onChange={(_, d) => setStage(d.value as Stage)}>
          {STAGES.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
        </Select>
      </Field>
      <Field label={t.exceptionNoteLabel}>
        <Textarea value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" maxLength={2000} />
      </Field>
      {error && <Text role="alert" className={styles.error}>{error}</Text>}
      <div>
        <Button onClick={() => void submit()} disabled={busy}>{t.exceptionSave}</Button>
      </div>
    </div>
  );
}
