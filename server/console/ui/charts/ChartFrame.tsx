/** A chart's card: a heading, a description, the SVG, and the same numbers as a table. */
import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { viConsole as t } from '../../i18n/vi';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: '6px', padding: '12px 16px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4, minWidth: 0 },
  head: { display: 'flex', alignItems: 'flex-end', gap: '12px', flexWrap: 'wrap' },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0, flexGrow: 1 },
  desc: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, margin: 0 },
  details: { fontSize: tokens.fontSizeBase200, '& summary': { cursor: 'pointer', color: tokens.colorBrandForegroundLink } },
  table: { borderCollapse: 'collapse', marginTop: '6px', '& th, & td': { padding: '2px 10px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, textAlign: 'left' } },
});

export interface ChartFrameProps {
  id: string;
  title: string;
  description: string;
  controls?: ReactNode;
  chart: ReactNode;
  tableHead: string[];
  tableRows: (string | number)[][];
}

export function ChartFrame({ id, title, description, controls, chart, tableHead, tableRows }: ChartFrameProps) {
  const styles = useStyles();
  return (
    <section className={styles.card} aria-labelledby={`${id}-title`} data-chart={id}>
      <div className={styles.head}>
        <h3 id={`${id}-title`} className={styles.title}>{title}</h3>
        {controls}
      </div>
      <p id={`${id}-desc`} className={styles.desc}>{description}</p>
      {chart}
      <details className={styles.details}>
        <summary>{t.chartShowTable}</summary>
        <table className={styles.table}>
          <caption className={styles.desc}>{title}</caption>
          <thead><tr>{tableHead.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
          <tbody>{tableRows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
        </table>
      </details>
    </section>
  );
}

/** Horizontal grid lines with their values on the left edge of a chart. */
export function YGrid({ values, y, left, right }: { values: number[]; y(value: number): number; left: number; right: number }) {
  return (
    <>
      {values.map((v) => (
        <g key={v}>
          <line x1={left} x2={right} y1={y(v)} y2={y(v)} stroke={tokens.colorNeutralStroke3} />
          <text x={left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill={tokens.colorNeutralForeground3}>{v}</text>
        </g>
      ))}
    </>
  );
}
