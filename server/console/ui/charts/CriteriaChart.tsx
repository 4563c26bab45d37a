/** Per-criterion average against its maximum: which criteria units struggle with. */
import { tokens } from '@fluentui/react-components';
import { viConsole as t } from '../../i18n/vi';
import type { CriterionAverage } from '../../state/charts';
import { scoreVi } from '../../state/format';
import { ChartFrame } from './ChartFrame';

const W = 600, ROW = 22, L = 64, R = 92, T = 6;

export function CriteriaChart({ data }: { data: CriterionAverage[] }) {
  const H = T * 2 + data.length * ROW;
  const width = W - L - R;
  return (
    <ChartFrame
      id="criteria"
      title={t.criteriaTitle}
      description={t.criteriaDesc}
      tableHead={[t.criteriaColumns.number, t.criteriaColumns.average, t.criteriaColumns.max, t.criteriaColumns.percent, t.criteriaColumns.count]}
      tableRows={data.map((c) => [c.number, scoreVi(c.average), scoreVi(c.max), t.percent(Math.round(c.ratio * 100)), c.count])}
      chart={
        <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby="criteria-title criteria-desc">
          {data.map((c, i) => {
            const top = T + i * ROW;
            const weak = c.ratio < 0.8;
            const label = t.criteriaBar(c.number, scoreVi(c.average), scoreVi(c.max), Math.round(c.ratio * 100));
            return (
              <g key={c.number}>
                <text x={L - 8} y={top + ROW / 2 + 4} textAnchor="end" fontSize="11" fontWeight={c.hard ? 700 : 400} fill={tokens.colorNeutralForeground2}>
                  {c.hard ? t.criterionAxisHard(c.number) : t.criterionAxis(c.number)}
                </text>
                <rect x={L} y={top + 4} width={width} height={ROW - 8} rx="3" fill={tokens.colorNeutralBackground4} />
                <rect x={L} y={top + 4} width={Math.max(0, c.ratio * width)} height={ROW - 8} rx="3"
                  fill={weak ? tokens.colorPaletteDarkOrangeBorderActive : tokens.colorBrandBackground}>
                  <title>{label}</title>
                </rect>
                <text x={L + width + 6} y={top + ROW / 2 + 4} fontSize="11" fill={weak ? tokens.colorPaletteDarkOrangeForeground1 : tokens.colorNeutralForeground1}>
                  {`${scoreVi(c.average)}/${scoreVi(c.max)} · ${Math.round(c.ratio * 100)}%`}
                </text>
              </g>
            );
          })}
        </svg>
      }
    />
  );
}
