/** The whole audit log: every intake, review, appraisal and calendar change, with who and when. */
import { useEffect, useMemo, useState } from 'react';
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import type { AuditEntry } from '../../../../shared/api/schemas';
import { isUnauthorized, type ClientError } from '../../api/client';
import { viConsole as t } from '../../i18n/vi';
import { useConsole } from '../context';
import { ErrorBar } from '../ErrorBar';
import { AuditList } from './AuditList';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '10px', backgroundColor: tokens.colorNeutralBackground1, padding: '12px 16px', borderRadius: tokens.borderRadiusLarge },
  head: { display: 'flex', alignItems: 'center', gap: '12px' },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0, flexGrow: 1 },
});

export default function AuditPage({ active }: { active: boolean }) {
  const styles = useStyles();
  const { api, units, onUnauthorized } = useConsole();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!active) return;
    let live = true;
    void api.audit().then((answer) => {
      if (!live) return;
      if (answer.ok) { setEntries(answer.value); setError(null); }
      else if (isUnauthorized(answer.error)) onUnauthorized();
      else setError(answer.error);
    });
    return () => { live = false; };
  }, [api, active, generation, onUnauthorized]);

  // Code and xã/phường beside the name: two schools of one name are two units in the log too.
  const names = useMemo(() => new Map((units?.units ?? []).map((u) => [u.unit.id, t.unitWithCode(u.unit.code, u.unit.name, u.unit.parent)])), [units]);
  return (
    <section className={styles.page} aria-labelledby="audit-title">
      <div className={styles.head}>
        <h2 id="audit-title" className={styles.title}>{t.auditTitle}</h2>
        <Button onClick={() => setGeneration((g) => g + 1)}>{t.refresh}</Button>
      </div>
      {error && <ErrorBar message={error.message} onRetry={() => setGeneration((g) => g + 1)} />}
      {entries === null && !error ? <Spinner label={t.loading} /> : entries && <AuditList entries={entries} unitNames={names} emptyText={t.auditEmpty} />}
    </section>
  );
}
