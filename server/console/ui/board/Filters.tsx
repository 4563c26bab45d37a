/** The board's filters: search by name (accent-insensitive), kind, parent, status, eligibility. */
import { Button, Input, makeStyles, Select, Text, tokens, useId } from '@fluentui/react-components';
import { STAGES, type Stage } from '../../../../shared/deadlines/calendar';
import type { UnitKind } from '../../../../shared/units/kinds';
import { STAGE_LABELS, UNIT_KIND_LABELS, viConsole as t } from '../../i18n/vi';
import { DEFAULT_FILTERS, ELIGIBILITY_FILTERS, filtersActive, STATUS_FILTERS, type BoardFilters, type EligibilityFilter, type StatusFilter } from '../../state/board';

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'flex-end', gap: '10px', flexWrap: 'wrap' },
  field: { display: 'flex', flexDirection: 'column', gap: '2px' },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  search: { width: '200px' },
  select: { width: '140px' },
  wide: { width: '176px' },
  stage: { width: '200px' },
  shown: { marginLeft: 'auto', color: tokens.colorNeutralForeground2, alignSelf: 'center' },
});

export interface FiltersProps {
  filters: BoardFilters;
  onChange(filters: BoardFilters): void;
  kinds: UnitKind[];
  parents: string[];
  shown: number;
  total: number;
}

export function Filters({ filters, onChange, kinds, parents, shown, total }: FiltersProps) {
  const styles = useStyles();
  const ids = { search: useId('search'), kind: useId('kind'), parent: useId('parent'), stage: useId('stage'), status: useId('status'), eligibility: useId('eligibility') };
  const set = <K extends keyof BoardFilters>(key: K, value: BoardFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <section className={styles.bar} aria-label={t.filtersLabel}>
      <div className={styles.field}>
        <label className={styles.label} htmlFor={ids.search}>{t.searchLabel}</label>
        <Input id={ids.search} className={styles.search} type="search" value={filters.query} placeholder={t.searchPlaceholder} onChange={(_, d) => set('query', d.value)} />
      </div>
      <div className={styles.field}>
        <label className={styles.label} htmlFor={ids.kind}>{t.kindLabel}</label>
        <Select id={ids.kind} className={styles.select} value={filters.kind} onChange={(_, d) => set('kind', d.value as UnitKind | 'all')}>
          <option value="all">{t.all}</option>
          {kinds.map((k) => <option key={k} value={k}>{UNIT_KIND_LABELS[k]}</option>)}
        </Select>
      </div>
      <div className={styles.field}>
        <label className={styles.label} htmlFor={ids.parent}>{t.parentLabel}</label>
        <Select id={ids.parent} className={styles.wide} value={filters.parent} onChange={(_, d) => set('parent', d.value)}>
          <option value="all">{t.all}</option>
          {parents.map((p) => <option key={p} value={p}>{p}</option>)}
        </Select>
      </div>
      <div className={styles.field}>
        <label className={styles.label} htmlFor={ids.stage}>{t.stageLabel}</label>
        <Select id={ids.stage} className={styles.stage} value={filters.stage} onChange={(_, d) => set('stage', d.value as Stage)}>
          {STAGES.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
        </Select>
      </div>
      <div className={styles.field}>
        <label className={styles.label} htmlFor={ids.status}>{t.statusLabel}</label>
        <Select id={ids.status} className={styles.select} value={filters.status} onChange={(_, d) => set('status', d.value as StatusFilter)}>
          <option value="all">{t.all}</option>
          {STATUS_FILTERS.map((s) => <option key={s} value={s}>{t.statusOptions[s]}</option>)}
        </Select>
      </div>
      <div className={styles.field}>
        <label className={styles.label} htmlFor={ids.eligibility}>{t.eligibilityLabel}</label>
        <Select id={ids.eligibility} className={styles.select} value={filters.eligibility} onChange={(_, d) => set('eligibility', d.value as EligibilityFilter)}>
          <option value="all">{t.all}</option>
          {ELIGIBILITY_FILTERS.map((e) => <option key={e} value={e}>{t.eligibilityOptions[e]}</option>)}
        </Select>
      </div>
      <Button appearance="subtle" disabled={!filtersActive(filters)} onClick={() => onChange({ ...DEFAULT_FILTERS, stage: filters.stage })}>{t.clearFilters}</Button>
      <Text className={styles.shown} aria-live="polite">{t.shown(shown, total)}</Text>
    </section>
  );
}
