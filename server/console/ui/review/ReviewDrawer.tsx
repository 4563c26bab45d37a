/**
 * The review panel of one unit: the verdict (as the server computed it, appraisal applied), the
 * scores per criterion with the council's appraisal column, every version with what changed, the
 * review decision with a note, reopening a stage, and the unit's audit log.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  Badge, Button, DrawerBody, DrawerHeader, DrawerHeaderTitle, makeStyles, mergeClasses, MessageBar, MessageBarBody, OverlayDrawer, Spinner,
  Tab, TabList, Text, tokens,
} from '@fluentui/react-components';
import type { UnitSubmissionsResponse } from '../../../../shared/api/schemas';
import { isUnauthorized, type ClientError } from '../../api/client';
import { UNIT_KIND_LABELS, viConsole as t } from '../../i18n/vi';
import { verdictResultText } from '../../../../shared/scoring/verdict';
import { countedFinal } from '../../state/review';
import { useConsole } from '../context';
import { ErrorBar } from '../ErrorBar';
import { useSet, useSetList } from '../useSets';
import { saveBlob } from '../../../web/save';
import type { UnitKind } from '../../../../shared/units/kinds';
import { AuditTab } from './AuditTab';
import { DecisionTab } from './DecisionTab';
import { ScoresTab } from './ScoresTab';
import { VersionsTab } from './VersionsTab';

type TabId = keyof typeof t.reviewTabs;

const useStyles = makeStyles({
  surface: { width: '900px', maxWidth: '100vw' },
  facts: { display: 'flex', flexWrap: 'wrap', gap: '4px 20px', margin: '0 0 10px 0' },
  fact: { display: 'flex', gap: '6px', fontSize: tokens.fontSizeBase200 },
  factLabel: { color: tokens.colorNeutralForeground3 },
  verdict: {
    display: 'flex', flexDirection: 'column', gap: '4px', padding: '10px 14px', borderRadius: tokens.borderRadiusLarge, marginBottom: '10px',
    position: 'sticky', top: 0, zIndex: 2, boxShadow: tokens.shadow4,
  },
  good: { backgroundColor: tokens.colorPaletteGreenBackground1, border: `1px solid ${tokens.colorPaletteGreenBorder1}` },
  bad: { backgroundColor: tokens.colorPaletteRedBackground1, border: `1px solid ${tokens.colorPaletteRedBorder1}` },
  neutral: { backgroundColor: tokens.colorNeutralBackground3 },
  verdictHead: { display: 'flex', alignItems: 'center', gap: '10px', flexWrap: 'wrap' },
  reasons: { margin: 0, paddingLeft: '18px' },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  tabs: { marginBottom: '8px' },
});

export default function ReviewDrawer({ unitId, onClose }: { unitId: string; onClose(): void }) {
  const styles = useStyles();
  const { api, year, units, reloadUnits, onUnauthorized } = useConsole();
  const [data, setData] = useState<UnitSubmissionsResponse | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [tab, setTab] = useState<TabId>('scores');
  const [auditVersion, setAuditVersion] = useState(0);
  const row = units?.units.find((u) => u.unit.id === unitId) ?? null;

  const load = useCallback(() => {
    setError(null);
    void api.unitSubmissions(unitId, year).then((answer) => {
      if (answer.ok) setData(answer.value);
      else if (isUnauthorized(answer.error)) onUnauthorized();
      else setError(answer.error);
    });
  }, [api, unitId, year, onUnauthorized]);
  useEffect(load, [load]);

  /** After a change: the panel shows the server's answer; the board and the audit reload. */
  const changed = useCallback((next: UnitSubmissionsResponse) => {
    setData(next);
    setAuditVersion((v) => v + 1);
    reloadUnits();
  }, [reloadUnits]);

  const unitName = row?.unit.name ?? data?.unit.name ?? '';
  const code = row?.unit.code ?? data?.unit.code ?? '';
  const name = code ? `${unitName} (${t.unitCode} ${code})` : unitName;
  const counted = data ? countedFinal(data.submissions) : undefined;
  const set = useSet(api, counted?.result.setId ?? null, counted?.result.setVersion ?? null);
  const verdict = row?.verdict ?? null;

  return (
    <OverlayDrawer open position="end" className={styles.surface} onOpenChange={(_, d) => { if (!d.open) onClose(); }} aria-label={t.reviewTitle(name)}>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" onClick={onClose}>{t.close}</Button>}>{t.reviewTitle(name)}</DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        {row && (
          <div className={styles.facts}>
            <span className={styles.fact}><span className={styles.factLabel}>{t.unitFacts.kind}:</span>{UNIT_KIND_LABELS[row.unit.kind]}</span>
            <span className={styles.fact}><span className={styles.factLabel}>{t.unitFacts.parent}:</span>{row.unit.parent || t.none}</span>
            <span className={styles.fact}><span className={styles.factLabel}>{t.unitFacts.contact}:</span>{row.unit.contact || t.none}</span>
            {counted && <span className={styles.fact}><span className={styles.factLabel}>{t.unitFacts.set}:</span>{set?.title ?? counted.result.setId}</span>}
          </div>
        )}
        {row && <UnitTools code={row.unit.code} kind={row.unit.kind} setId={counted?.result.setId ?? null} />}
        <section className={mergeClasses(styles.verdict, verdict === null ? styles.neutral : verdict.eligible ? styles.good : styles.bad)} aria-live="polite" data-verdict={verdict === null ? 'none' : verdict.eligible ? 'eligible' : 'not-eligible'}>
          {verdict === null ? <Text>{t.verdictNone}</Text> : (
            <>
              <div className={styles.verdictHead}>
                <Badge size="large" color={verdict.eligible ? 'success' : 'danger'} appearance="filled">{verdict.eligible ? t.verdictEligible : t.verdictNotEligible}</Badge>
                {verdictResultText(verdict) && <Text weight="semibold">{verdictResultText(verdict)}</Text>}
                <Text className={styles.small}>{row?.appraised ? t.verdictOnAppraisal : t.verdictOnSelf}</Text>
              </div>
              {verdict.reasons.length > 0 && (
                <ul className={styles.reasons} aria-label={t.reasonsTitle}>{verdict.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
              )}
              {counted?.result.draftSet && <Text className={styles.small}>{t.draftSet}</Text>}
            </>
          )}
        </section>
        {error && <ErrorBar message={error.message} onRetry={load} />}
        {!data && !error && <Spinner label={t.loading} />}
        {data && (
          <>
            <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)}>
              {(Object.keys(t.reviewTabs) as TabId[]).map((id) => <Tab key={id} value={id}>{t.reviewTabs[id]}</Tab>)}
            </TabList>
            {tab === 'scores' && <ScoresTab unitId={unitId} code={code} data={data} counted={counted} set={set} onChanged={changed} />}
            {tab === 'versions' && <VersionsTab data={data} />}
            {tab === 'review' && <DecisionTab unitId={unitId} data={data} onChanged={changed} />}
            {tab === 'audit' && <AuditTab unitId={unitId} version={auditVersion} />}
          </>
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}

/**
 * One unit's tools: its pre-filled workbook (the counted file's set, else the first set for its
 * kind) and a new token, shown once (its old token stops working; other units are untouched).
 */
function UnitTools({ code, kind, setId }: { code: string; kind: UnitKind; setId: string | null }) {
  const { api, year, notify, onUnauthorized } = useConsole();
  const sets = useSetList(api);
  const [token, setToken] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosenSet = setId ?? sets.find((s) => s.unitKinds.includes(kind))?.id ?? null;
  const fail = (error: Parameters<typeof isUnauthorized>[0]) => (isUnauthorized(error) ? onUnauthorized() : notify('error', error.message));

  async function download() {
    if (!chosenSet) return;
    setBusy(true);
    const answer = await api.unitWorkbook(code, chosenSet, year);
    setBusy(false);
    if (answer.ok) {
      saveBlob(answer.value.blob, answer.value.fileName);
      notify('success', t.downloadDone(answer.value.fileName));
    } else fail(answer.error);
  }

  async function rotate() {
    if (!window.confirm(t.rotateTokenConfirm(code))) return;
    setBusy(true);
    const answer = await api.rotateUnitToken(code);
    setBusy(false);
    if (answer.ok) setToken(answer.value.token);
    else fail(answer.error);
  }

  return (
    <div role="group" aria-label={t.unitToolsLabel}>
      <Button size="small" disabled={busy || !chosenSet} onClick={() => void download()}>{t.downloadUnitWorkbook}</Button>{' '}
      <Button size="small" disabled={busy} onClick={() => void rotate()}>{t.rotateToken}</Button>
      {token && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.newTokenOnce(code)} <code data-unit-token>{token}</code></MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
