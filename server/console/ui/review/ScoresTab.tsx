/**
 * Scores per criterion: the unit's self-score, its evidence, and the council's appraisal score,
 * editable. Each input is checked as it is typed against the set's bounds and step (the shared
 * `parseScore`, as the server checks), its error shown beside it; the save button says what
 * blocks it; a refusal from the server lands beside the criterion it names. Saving sends only
 * what changed; the server re-scores and the verdict above updates. The unit's biên bản thẩm định
 * downloads from here, as the "Tải xuống" menu downloads Word documents (useFileDownloads): it is
 * written from the saved scores, so it waits while scores typed here are not saved.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Badge, Button, Field, Input, makeStyles, mergeClasses, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens,
} from '@fluentui/react-components';
import type { SubmissionSummary, UnitSubmissionsResponse } from '../../../../shared/api/schemas';
import type { CriteriaSet } from '../../../../shared/criteria/schema';
import { errorLines, hasErrorCode, isUnauthorized } from '../../api/client';
import { viConsole as t } from '../../i18n/vi';
import { scoreVi } from '../../state/format';
import { appraisalBlocker, appraisalRefusal, appraisalRows, planAppraisal } from '../../state/review';
import { useConsole } from '../context';
import { useFileDownloads } from '../documentDownloads';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: '8px' },
  head: { display: 'flex', gap: '8px 16px', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' },
  record: { display: 'flex', gap: '8px', alignItems: 'center' },
  number: { width: '44px' },
  title: { minWidth: '220px' },
  num: { width: '76px', textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  appraisal: { width: '220px', verticalAlign: 'top' },
  input: { width: '84px' },
  changed: { backgroundColor: tokens.colorPaletteYellowBackground2, '& input': { fontWeight: tokens.fontWeightSemibold } },
  evidence: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  muted: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  actions: {
    display: 'flex', gap: '8px', alignItems: 'center', position: 'sticky', bottom: 0, padding: '8px 0',
    backgroundColor: tokens.colorNeutralBackground1, borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  group: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3, display: 'block' },
  hint: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  blocker: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteRedForeground1 },
});

export interface ScoresTabProps {
  unitId: string;
  /** The unit's code (its biên bản's route); '' for a unit listed before codes, whose id the route takes too. */
  code?: string;
  data: UnitSubmissionsResponse;
  counted: SubmissionSummary | undefined;
  set: CriteriaSet | undefined;
  onChanged(next: UnitSubmissionsResponse): void;
}

export function ScoresTab({ unitId, code = '', data, counted, set, onChanged }: ScoresTabProps) {
  const styles = useStyles();
  const { api, year, notify, onUnauthorized } = useConsole();
  const downloads = useFileDownloads<'bien-ban'>();
  const rows = useMemo(() => (counted ? appraisalRows(counted.result, data.appraisal) : []), [counted, data.appraisal]);
  const [edited, setEdited] = useState<Record<number, string>>({});
  /** The server's refusal, per criterion (cleared for a criterion when its input changes). */
  const [refused, setRefused] = useState<Record<number, string>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const table = useRef<HTMLDivElement>(null);
  const plan = useMemo(() => planAppraisal(rows, edited, data.appraisal, set), [rows, edited, data.appraisal, set]);
  const fieldErrors: Record<number, string> = { ...refused, ...plan.fieldErrors };
  const blocker = Object.keys(refused).length > 0 && Object.keys(plan.fieldErrors).length === 0
    ? t.appraisalBlockedByErrors(Object.keys(refused).map(Number))
    : appraisalBlocker(plan);

  // An error that appears as the officer types is scrolled into view beside its field.
  const errorKey = Object.keys(fieldErrors).sort().join(',');
  const shownErrors = useRef<string[]>([]);
  useEffect(() => {
    const shown = errorKey ? errorKey.split(',') : [];
    const appeared = shown.find((n) => !shownErrors.current.includes(n));
    shownErrors.current = shown;
    if (appeared) table.current?.querySelector(`[data-field-error="${appeared}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [errorKey]);

  if (!counted) return <Text className={styles.muted}>{t.noFinalVersion}</Text>;

  /** Brings the first criterion with an error into view, its input focused. */
  function focusFirstError(numbers: number[]) {
    const first = Math.min(...numbers);
    table.current?.querySelector<HTMLInputElement>(`[data-criterion="${first}"] input`)?.focus();
  }

  async function save() {
    if (blocker) return;
    setBusy(true);
    const answer = await api.appraisal(unitId, year, plan.scores);
    setBusy(false);
    if (answer.ok) {
      setEdited({});
      setRefused({});
      setProblems([]);
      notify('success', t.saved);
      onChanged(answer.value);
    } else if (isUnauthorized(answer.error)) onUnauthorized();
    else if (hasErrorCode(answer.error, 'appraisal-invalid')) {
      const { fields, other } = appraisalRefusal(answer.error);
      setRefused(fields);
      setProblems(Object.keys(fields).length > 0 && other.length === 0 ? [t.appraisalRefusedFields] : other);
      if (Object.keys(fields).length > 0) focusFirstError(Object.keys(fields).map(Number));
    } else setProblems(errorLines(answer.error));
  }

  const dirty = Object.keys(edited).length > 0;
  const recordId = `appraisal-record-${unitId}`;
  return (
    <div className={styles.wrap} ref={table}>
      <div className={styles.head}>
        <Text className={styles.hint}>{t.appraisalHint}</Text>
        <span className={styles.record}>
          <Button
            size="small"
            disabled={dirty || downloads.busy !== null}
            aria-describedby={dirty ? recordId : undefined}
            onClick={() => void downloads.fetchWordDocument('bien-ban', () => api.appraisalRecord(code || unitId, year))}
          >
            {downloads.busy ? t.downloading : t.appraisalRecordDownload}
          </Button>
          {dirty && <Text id={recordId} className={styles.hint}>{t.appraisalRecordUnsaved}</Text>}
        </span>
      </div>
      {downloads.dialog}
      <Table size="small" aria-label={t.scoresCaption}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.number}>{t.scoreColumns.number}</TableHeaderCell>
            <TableHeaderCell className={styles.title}>{t.scoreColumns.title}</TableHeaderCell>
            <TableHeaderCell className={styles.num}>{t.scoreColumns.max}</TableHeaderCell>
            <TableHeaderCell className={styles.num}>{t.scoreColumns.self}</TableHeaderCell>
            <TableHeaderCell className={styles.appraisal}>{t.scoreColumns.appraisal}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => {
            const criterion = set?.criteria.find((c) => c.number === row.number);
            const value = edited[row.number] ?? row.text;
            const differs = value.trim() !== '' && value.trim() !== scoreVi(row.self);
            const error = fieldErrors[row.number];
            return (
              <TableRow key={row.number} data-criterion={row.number}>
                <TableCell className={styles.number}>{row.number}</TableCell>
                <TableCell className={styles.title}>
                  {criterion && <span className={styles.group}>{criterion.group}</span>}
                  {criterion?.title ?? t.criterionFallbackTitle(row.number)}{' '}
                  {/* A title that already says so (the draft sets' "(dự thảo, tiêu chí cứng)") needs no badge repeating it. */}
                  {row.hard && !/tiêu chí cứng/iu.test(criterion?.title ?? '') && <Badge size="small" color="important" appearance="tint" title={t.hardMark}>{t.hardShort}</Badge>}
                  <div className={styles.evidence}>
                    {t.scoreColumns.evidence}: {row.evidence.trim() ? row.evidence : <span className={styles.muted}>{t.noEvidence}</span>}
                  </div>
                </TableCell>
                <TableCell className={styles.num}>{scoreVi(row.max)}</TableCell>
                <TableCell className={styles.num}>{row.self === null ? <span className={styles.muted}>{t.emptyScore}</span> : scoreVi(row.self)}</TableCell>
                <TableCell className={styles.appraisal}>
                  <Field validationState={error ? 'error' : 'none'} validationMessage={error} data-field-error={error ? row.number : undefined}>
                    <Input
                      className={mergeClasses(styles.input, differs && styles.changed)}
                      size="small"
                      inputMode={set?.scoring.kind === 'pass-fail' ? 'text' : 'decimal'}
                      value={value}
                      aria-label={t.appraisalInputLabel(row.number)}
                      onChange={(_, d) => {
                        setEdited((e) => ({ ...e, [row.number]: d.value }));
                        setRefused(({ [row.number]: _dropped, ...rest }) => rest);
                      }}
                    />
                  </Field>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {problems.length > 0 && (
        <MessageBar intent="error"><MessageBarBody>{problems.map((p) => <div key={p}>{p}</div>)}</MessageBarBody></MessageBar>
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          onClick={() => void save()}
          disabled={busy || blocker !== null}
          aria-describedby={blocker ? `appraisal-blocker-${unitId}` : undefined}
          data-blocked={blocker ? 'true' : undefined}
        >
          {busy ? t.saving : t.appraisalSave}
        </Button>
        <Button onClick={() => { setEdited({}); setRefused({}); setProblems([]); }} disabled={!dirty || busy}>{t.appraisalReset}</Button>
        {blocker && <Text id={`appraisal-blocker-${unitId}`} className={Object.keys(fieldErrors).length > 0 ? styles.blocker : styles.hint} data-blocker>{blocker}</Text>}
        <Text className={styles.hint}>{t.selfTotal(scoreVi(counted.result.total))}</Text>
      </div>
    </div>
  );
}
