/** The review decision (received, has issues, approved, rejected) with a note; reopening a stage. */
import { useMemo, useState } from 'react';
import { Button, Divider, Field, makeStyles, Radio, RadioGroup, Select, Switch, Text, Textarea, tokens } from '@fluentui/react-components';
import type { ReviewState, UnitSubmissionsResponse } from '../../../../shared/api/schemas';
import { REVIEW_STATES } from '../../../../shared/api/schemas';
import { isUnauthorized } from '../../api/client';
import { REVIEW_STATE_LABELS, STAGE_LABELS, viConsole as t } from '../../i18n/vi';
import { dateTimeVi } from '../../state/format';
import { countedFinal, versionsForDisplay } from '../../state/review';
import { useConsole } from '../context';
import { ReopenForm } from '../ReopenForm';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px' },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  hint: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', gap: '8px', alignItems: 'center' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export function DecisionTab({ unitId, data, onChanged }: { unitId: string; data: UnitSubmissionsResponse; onChanged(next: UnitSubmissionsResponse): void }) {
  const styles = useStyles();
  const { api, year, notify, onUnauthorized } = useConsole();
  const reviewable = useMemo(() => versionsForDisplay(data.submissions).filter((s) => s.valid), [data.submissions]);
  const counted = countedFinal(data.submissions);
  const [submissionId, setSubmissionId] = useState(counted?.id ?? reviewable[0]?.id ?? '');
  const target = reviewable.find((s) => s.id === submissionId);
  // Nothing chosen for a version not reviewed yet: a preselected "Đã tiếp nhận" read as the current state.
  const [state, setState] = useState<ReviewState | ''>(target?.review ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function save() {
    if (state === '') return;
    setBusy(true);
    setError('');
    const answer = await api.review(unitId, year, state, note.trim(), submissionId);
    setBusy(false);
    if (answer.ok) {
      notify('success', t.reviewSaved(REVIEW_STATE_LABELS[state]));
      onChanged(answer.value);
    } else if (isUnauthorized(answer.error)) onUnauthorized();
    else setError(answer.error.message);
  }

  const [publishing, setPublishing] = useState(false);
  async function publish(published: boolean) {
    setPublishing(true);
    setError('');
    const answer = await api.publishAppraisal(unitId, year, published);
    setPublishing(false);
    if (answer.ok) {
      notify('success', t.publicationSaved(published));
      onChanged(answer.value);
    } else if (isUnauthorized(answer.error)) onUnauthorized();
    else setError(answer.error.message);
  }

  return (
    <div className={styles.wrap}>
      {reviewable.length === 0 ? <Text>{t.noFinalVersion}</Text> : (
        <>
          <Text className={styles.hint}>{t.reviewCurrent(target?.review ? REVIEW_STATE_LABELS[target.review] : t.reviewNone)}</Text>
          {target?.review && target.reviewNote && <Text className={styles.hint}>{t.reviewNoteShown(target.reviewNote)}</Text>}
          {target?.review && (
            <Text className={styles.hint} data-review-seen={target.reviewSeenAt ? 'seen' : 'not-seen'}>
              {target.reviewSeenAt ? t.reviewSeen(dateTimeVi(target.reviewSeenAt)) : t.reviewNotSeen}
            </Text>
          )}
          <Field label={t.reviewTargetLabel}>
            <Select value={submissionId} onChange={(_, d) => { setSubmissionId(d.value); setState(reviewable.find((s) => s.id === d.value)?.review ?? ''); }}>
              {reviewable.map((s) => (
                <option key={s.id} value={s.id}>{`${STAGE_LABELS[s.stage]} – ${t.versionLabel(s.version ?? 0)} – ${dateTimeVi(s.receivedAt)}`}</option>
              ))}
            </Select>
          </Field>
          <Field label={t.reviewStateLabel}>
            <RadioGroup value={state} onChange={(_, d) => setState(d.value as ReviewState)} layout="horizontal">
              {REVIEW_STATES.map((s) => <Radio key={s} value={s} label={REVIEW_STATE_LABELS[s]} />)}
            </RadioGroup>
          </Field>
          <Field label={t.reviewNoteLabel}>
            <Textarea value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" maxLength={2000} />
          </Field>
          <div className={styles.row}>
            <Button appearance="primary" disabled={busy || !target || state === ''} onClick={() => void save()}>{t.reviewSave}</Button>
          </div>
          {error && <Text role="alert" className={styles.error}>{error}</Text>}
        </>
      )}
      <Divider />
      <h3 className={styles.heading}>{t.publicationTitle}</h3>
      <Text className={styles.hint}>{t.publicationHint}</Text>
      <Switch
        label={t.publicationSwitch}
        checked={Boolean(data.appraisalPublishedAt)}
        disabled={publishing}
        onChange={(_, d) => void publish(d.checked)}
      />
      {data.appraisalPublishedAt && <Text className={styles.hint}>{t.publicationSince(dateTimeVi(data.appraisalPublishedAt))}</Text>}
      <Divider />
      <h3 className={styles.heading}>{t.exceptionTitle}</h3>
      <Text className={styles.hint}>{t.exceptionHint}</Text>
      {data.reopened.length > 0 && <Text>{t.reopenedList(data.reopened.map((s) => STAGE_LABELS[s]).join(', '))}</Text>}
      <ReopenForm unitId={unitId} onReopened={onChanged} />
    </div>
  );
}
