/** Totals distribution against the threshold (SVG, with a table alternative). */
import type { ReactNode } from 'react';
import { tokens } from '@fluentui/react-components';
import { viConsole as t } from '../../i18n/vi';
import { axisTicks, type Histogram as HistogramData } from '../../state/charts';
import { scoreVi } from '../../state/format';
import { ChartFrame, YGrid } from './ChartFrame';

const W = 600, H = 250, L = 40, R = 16, T = 22, B = 36;

export function Histogram({ data, controls }: { data: HistogramData; controls?: ReactNode }) {
  const peak = Math.max(1, ...data.bins.map((b) => b.count));
  const yTicks = axisTicks(peak);
  const yMax = yTicks[yTicks.length - 1]!;
  const x = (v: number) => L + (v / data.max) * (W - L - R);
  const y = (v: number) => H - B - (v / yMax) * (H - T - B);
  const threshold = data.threshold === null ? null : scoreVi(data.threshold);
  return (
    <ChartFrame
      id="histogram"
      title={t.histogramTitle}
      description={t.histogramDesc(data.count, threshold ?? t.none)}
      controls={controls}
      tableHead={[t.histogramColumns.range, t.histogramColumns.count, t.histogramColumns.eligible, t.histogramColumns.passing]}
      tableRows={data.bins.map((b) => [t.histogramBin(scoreVi(b.from), scoreVi(b.to)), b.count, b.eligible, b.passing ? t.yes : t.no])}
      chart={
        <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby="histogram-title histogram-desc">
          <YGrid values={yTicks} y={y} left={L} right={W - R} />
          {data.bins.map((b) => {
            const x0 = x(b.from) + 2, x1 = x(b.to) - 2;
            return (
              <g key={b.from}>
                {/* Eligible units in green at the foot of the bar; the others (below the threshold, or a hard criterion short) above. */}
                <rect x={x0} width={Math.max(1, x1 - x0)} y={y(b.count)} height={y(0) - y(b.count)} rx="2"
                  fill={tokens.colorBrandBackground2Hover} stroke={tokens.colorBrandStroke2} data-bar="all">
                  <title>{t.histogramBar(scoreVi(b.from), scoreVi(b.to), b.count, b.eligible)}</title>
                </rect>
                {b.eligible > 0 && (
                  <rect x={x0} width={Math.max(1, x1 - x0)} y={y(b.eligible)} height={y(0) - y(b.eligible)} rx="2"
                    fill={tokens.colorPaletteGreenBackground3} stroke={tokens.colorPaletteGreenBorderActive} data-bar="eligible">
                    <title>{t.histogramBar(scoreVi(b.from), scoreVi(b.to), b.count, b.eligible)}</title>
                  </rect>
                )}
                {b.count > 0 && <text x={(x0 + x1) / 2} y={y(b.count) - 4} textAnchor="middle" fontSize="11" fill={tokens.colorNeutralForeground1}>{b.count}</text>}
                <text x={x(b.from)} y={H - B + 14} textAnchor="middle" fontSize="10" fill={tokens.colorNeutralForeground3}>{scoreVi(b.from)}</text>
              </g>
            );
          })}
          <text x={x(data.max)} y={H - B + 14} textAnchor="middle" fontSize="10" fill={tokens.colorNeutralForeground3}>{scoreVi(data.max)}</text>
          <line x1={L} x2={W - R} y1={y(0)} y2={y(0)} stroke={tokens.colorNeutralStroke1} />
          {data.threshold !== null && (
            <g>
              <line x1={x(data.threshold)} x2={x(data.threshold)} y1={T - 8} y2={y(0)} stroke={tokens.colorPaletteRedBorderActive} strokeWidth="2" strokeDasharray="5 3" />
              <text x={x(data.threshold) - 4} y={T - 10 + 8} textAnchor="end" fontSize="11" fontWeight="600" fill={tokens.colorPaletteRedForeground1}>{t.thresholdLine(threshold!)}</text>
            </g>
          )}
          <text x={(L + W - R) / 2} y={H - 4} textAnchor="middle" fontSize="11" fill={tokens.colorNeutralForeground2}>{t.histogramAxis}</text>
        </svg>
      }
    />
  );
}
