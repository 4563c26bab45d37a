/** The year the console shows: the current year and the few around it. */
import { makeStyles, Select, tokens, useId } from '@fluentui/react-components';
import { viConsole as t } from '../i18n/vi';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: '6px', color: tokens.colorNeutralForegroundOnBrand },
  select: { minWidth: '92px' },
});

export function YearPicker({ year, onChange }: { year: number; onChange(year: number): void }) {
  const styles = useStyles();
  const id = useId('year');
  const years = [year - 2, year - 1, year, year + 1];
  return (
    <div className={styles.root}>
      <label htmlFor={id}>{t.yearLabel}</label>
      <Select id={id} className={styles.select} value={String(year)} onChange={(_, d) => onChange(Number(d.value))} size="small">
        {years.map((y) => <option key={y} value={y}>{y}</option>)}
      </Select>
    </div>
  );
}
