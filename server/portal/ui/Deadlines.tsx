/** The year's deadlines for the unit's kind: due and lock days, days left or late (computed by the server from the province's calendar). */
import { Badge, Text } from '@fluentui/react-components';
import type { UnitDeadline } from '../../../shared/api/schemas';
import { STAGE_LABELS, viPortal as t } from '../i18n/vi';
import { useSectionStyles } from './styles';

const COLOR: Record<UnitDeadline['state'], 'success' | 'warning' | 'danger' | 'informative' | 'important'> = {
  done: 'success', 'done-late': 'warning', upcoming: 'informative', 'due-soon': 'warning', 'due-today': 'important', overdue: 'danger', locked: 'danger',
};

export function Deadlines({ deadlines }: { deadlines: readonly UnitDeadline[] }) {
  const styles = useSectionStyles();
  return (
    <section className={styles.card} aria-labelledby="deadlines-title">
      <h2 id="deadlines-title" className={styles.heading}>{t.deadlinesTitle}</h2>
      <ul className={styles.list} style={{ listStyle: 'none', paddingLeft: 0, gap: '10px' }}>
        {deadlines.map((d) => (
          <li key={d.stage} data-deadline={d.stage} data-state={d.state}>
            <div className={styles.row}>
              <Text weight="semibold">{STAGE_LABELS[d.stage]}</Text>
              <Badge appearance="tint" color={COLOR[d.state]} className={styles.longBadge}>{d.label}</Badge>
            </div>
            <Text className={styles.hint}>{`${t.deadlineDue(d.due)} · ${t.deadlineLock(d.lock)}`}</Text>
            {d.reopened && <Text className={styles.hint} block>{t.deadlineReopened}</Text>}
          </li>
        ))}
      </ul>
    </section>
  );
}
