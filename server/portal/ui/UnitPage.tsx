/**
 * The unit's page: who it is (name, code, kind, parent), its deadlines, the workbook to download,
 * the upload, what it has sent with the province's reviews, and the published appraisal. One
 * column on a phone, two on a laptop.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { UnitPageResponse } from '../../../shared/api/schemas';
import { dateTimeVi } from '../../console/state/format';
import { createPortalApi, isWrongToken, type PortalClientOptions, type PortalError } from '../api/client';
import { UNIT_KIND_LABELS, viPortal as t } from '../i18n/vi';
import { Appraisal } from './Appraisal';
import { Deadlines } from './Deadlines';
import { History } from './History';
import { UploadCard } from './UploadCard';
import { WorkbookCard } from './WorkbookCard';

const useStyles = makeStyles({
  page: { maxWidth: '1280px', margin: '0 auto', padding: '16px', boxSizing: 'border-box', display: 'flex', flexDirection: 'column', gap: '14px' },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', justifyContent: 'space-between', gap: '8px' },
  crest: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold, letterSpacing: '0.04em', textTransform: 'uppercase', fontSize: tokens.fontSizeBase200 },
  name: { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold, margin: '2px 0 6px 0', overflowWrap: 'anywhere' },
  facts: { display: 'flex', flexWrap: 'wrap', gap: '2px 20px', margin: 0 },
  fact: { display: 'flex', gap: '6px' },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', gap: '8px' },
  grid: {
    display: 'grid', gridTemplateColumns: 'minmax(300px, 5fr) 7fr', gap: '14px', alignItems: 'start',
    '@media (max-width: 820px)': { gridTemplateColumns: '1fr' },
  },
  column: { display: 'flex', flexDirection: 'column', gap: '14px', minWidth: 0 },
});

export interface UnitPageProps {
  token: string;
  clientOptions?: Omit<PortalClientOptions, 'token'>;
  onSignOut(): void;
  onWrongToken(): void;
}

export function UnitPage({ token, clientOptions, onSignOut, onWrongToken }: UnitPageProps) {
  const styles = useStyles();
  const api = useMemo(() => createPortalApi({ ...clientOptions, token }), [clientOptions, token]);
  const [page, setPage] = useState<UnitPageResponse | null>(null);
  const [error, setError] = useState<PortalError | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    void api.page().then((answer) => {
      setLoading(false);
      if (answer.ok) {
        setPage(answer.value);
        setError(null);
      } else if (isWrongToken(answer.error)) onWrongToken();
      else setError(answer.error);
    });
  }, [api, onWrongToken]);
  useEffect(load, [load]);

  useEffect(() => {
    document.title = page ? `${page.unit.name} – ${t.appTitle}` : t.appTitle;
  }, [page]);

  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <div>
          <Text className={styles.crest}>{t.appTitle}</Text>
          <h1 className={styles.name}>{page?.unit.name ?? t.loading}</h1>
          {page && (
            <dl className={styles.facts} aria-label={t.unitFactsLabel}>
              {page.unit.code && <div className={styles.fact}><dt className={styles.dt}>{t.facts.code}</dt><dd className={styles.dd} data-unit-code>{page.unit.code}</dd></div>}
              <div className={styles.fact}><dt className={styles.dt}>{t.facts.kind}</dt><dd className={styles.dd}>{UNIT_KIND_LABELS[page.unit.kind]}</dd></div>
              <div className={styles.fact}><dt className={styles.dt}>{t.facts.parent}</dt><dd className={styles.dd}>{page.unit.parent || t.none}</dd></div>
              <div className={styles.fact}><dt className={styles.dt}>{t.facts.year}</dt><dd className={styles.dd}>{page.year}</dd></div>
            </dl>
          )}
        </div>
        <div className={styles.actions}>
          <Button onClick={load} disabled={loading}>{t.refresh}</Button>
          <Button onClick={onSignOut}>{t.signOut}</Button>
        </div>
      </header>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error.message}</MessageBarBody>
          <MessageBarActions><Button onClick={load}>{t.retry}</Button></MessageBarActions>
        </MessageBar>
      )}
      {!page && !error && <Spinner label={t.loading} />}
      {page && (
        <div className={styles.grid}>
          <div className={styles.column}>
            <Deadlines deadlines={page.deadlines} />
            <WorkbookCard api={api} year={page.year} workbooks={page.workbooks} />
            <UploadCard api={api} onReceived={load} />
          </div>
          <div className={styles.column}>
            <History page={page} />
            <Appraisal appraisal={page.appraisal} />
            <Text size={200} style={{ color: tokens.colorNeutralForeground3 }}>{t.updatedAt(dateTimeVi(page.generatedAt))}</Text>
          </div>
        </div>
      )}
    </main>
  );
}
