/** The charts page: totals against the threshold, criteria averages, submissions over time. */
import { useEffect, useMemo, useState } from 'react';
import { makeStyles, mergeClasses, Select, Text, tokens, useId } from '@fluentui/react-components';
import type { Calendar, Stage } from '../../../../shared/deadlines/calendar';
import { STAGES } from '../../../../shared/deadlines/calendar';
import { STAGE_LABELS, viConsole as t } from '../../i18n/vi';
import { criterionAverages, setsInUse, submissionTimeline, totalsHistogram } from '../../state/charts';
import { useConsole } from '../context';
import { useSetList } from '../useSets';
import { CriteriaChart } from './CriteriaChart';
import { Histogram } from './Histogram';
import { Timeline } from './Timeline';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: '12px', alignItems: 'start' },
  wide: { gridColumn: '1 / -1' },
  control: { display: 'flex', alignItems: 'center', gap: '6px', fontSize: tokens.fontSizeBase200 },
  empty: { padding: '16px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge },
});

export default function ChartsPage() {
  const styles = useStyles();
  const { api, year, units } = useConsole();
  const sets = useSetList(api);
  const [calendar, setCalendar] = useState<Calendar | null>(null);
  const [setId, setSetId] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>('final');
  const setSelectId = useId('chart-set');
  const stageSelectId = useId('chart-stage');

  useEffect(() => {
    let live = true;
    void api.calendar(year).then((answer) => { if (live && answer.ok) setCalendar(answer.value); });
    return () => { live = false; };
  }, [api, year, units]);

  const rows = useMemo(() => units?.units ?? [], [units]);
  const groups = useMemo(() => setsInUse(rows), [rows]);
  const chosen = groups.find((g) => g.setId === setId)?.setId ?? groups[0]?.setId ?? null;
  const histogram = useMemo(() => (chosen ? totalsHistogram(rows, chosen) : null), [rows, chosen]);
  const averages = useMemo(() => (chosen ? criterionAverages(rows, chosen) : []), [rows, chosen]);
  const timeline = useMemo(() => submissionTimeline(rows, stage, calendar, year), [rows, stage, calendar, year]);
  const titleOf = (id: string) => sets.find((s) => s.id === id)?.title ?? id;

  const setPicker = groups.length > 1 && (
    <span className={styles.control}>
      <label htmlFor={setSelectId}>{t.chartSetLabel}</label>
      <Select id={setSelectId} size="small" value={chosen ?? ''} onChange={(_, d) => setSetId(d.value)}>
        {groups.map((g) => <option key={g.setId} value={g.setId}>{`${titleOf(g.setId)} (${g.count})`}</option>)}
      </Select>
    </span>
  );
  const stagePicker = (
    <span className={styles.control}>
      <label htmlFor={stageSelectId}>{t.timelineStageLabel}</label>
      <Select id={stageSelectId} size="small" value={stage} onChange={(_, d) => setStage(d.value as Stage)}>
        {STAGES.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
      </Select>
    </span>
  );

  return (
    <div className={styles.grid}>
      {histogram && histogram.bins.length > 0 ? (
        <>
          <Histogram data={histogram} controls={setPicker} />
          <CriteriaChart data={averages} />
        </>
      ) : <Text className={mergeClasses(styles.empty, styles.wide)}>{t.chartNoData}</Text>}
      <div className={styles.wide}>
        <Timeline data={timeline} expected={units?.counts.expected ?? 0} stageLabel={STAGE_LABELS[stage]} controls={stagePicker} />
      </div>
    </div>
  );
}
