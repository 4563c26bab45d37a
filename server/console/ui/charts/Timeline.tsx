/** Units that had submitted a stage by each day, against its due and lock days. */
import type { ReactNode } from 'react';
import { tokens } from '@fluentui/react-components';
import { viConsole as t } from '../../i18n/vi';
import { axisTicks, dayNumber, formatIsoDay, type Timeline as TimelineData } from '../../state/charts';
import { ChartFrame, YGrid } from './ChartFrame';

const W = 1200, H = 240, L = 44, R = 24, T = 24, B = 34;

export function Timeline({ data, expected, stageLabel, controls }: { data: TimelineData; expected: number; stageLabel: string; controls?: ReactNode }) {
  const days = [...data.points.map((p) => dayNumber(p.day)), ...data.deadlines.map((d) => dayNumber(d.day))];
  const first = days.length ? Math.min(...days) - 3 : 0;
  const last = days.length ? Math.max(...days) + 3 : 1;
  const yTicks = axisTicks(Math.max(1, expected, data.total));
  const yMax = yTicks[yTicks.length - 1]!;
  const x = (day: number) => L + ((day - first) / Math.max(1, last - first)) * (W - L - R);
  const y = (v: number) => H - B - (v / yMax) * (H - T - B);
  // A step line: flat until the day a unit submits, then up.
  let path = `M ${x(first)} ${y(0)}`;
  for (const p of data.points) path += ` H ${x(dayNumber(p.day))} V ${y(p.cumulative)}`;
  path += ` H ${x(last)}`;
  const labelEvery = Math.max(1, Math.ceil(data.points.length / 8));
  return (
    <ChartFrame
      id="timeline"
      title={t.timelineTitle}
      description={t.timelineDesc(data.total, stageLabel)}
      controls={controls}
      tableHead={[t.timelineColumns.date, t.timelineColumns.count, t.timelineColumns.cumulative]}
      tableRows={data.points.map((p) => [formatIsoDay(p.day), p.count, p.cumulative])}
      chart={
        <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby="timeline-title timeline-desc">
          <YGrid values={yTicks} y={y} left={L} right={W - R} />
          {expected > 0 && (
            <g>
              <line x1={L} x2={W - R} y1={y(expected)} y2={y(expected)} stroke={tokens.colorNeutralForeground3} strokeDasharray="2 3" />
              <text x={W - R} y={y(expected) - 4} textAnchor="end" fontSize="11" fill={tokens.colorNeutralForeground2}>{t.timelineExpected(expected)}</text>
            </g>
          )}
          {data.deadlines.map((d) => (
            <g key={d.kind}>
              <line x1={x(dayNumber(d.day))} x2={x(dayNumber(d.day))} y1={T - 10} y2={y(0)}
                stroke={d.kind === 'due' ? tokens.colorPaletteRedBorderActive : tokens.colorPaletteDarkOrangeBorderActive} strokeWidth="2" strokeDasharray={d.kind === 'lock' ? '6 4' : undefined} />
              <text x={x(dayNumber(d.day)) + 4} y={T - 2 + (d.kind === 'lock' ? 12 : 0)} fontSize="11" fontWeight="600"
                fill={d.kind === 'due' ? tokens.colorPaletteRedForeground1 : tokens.colorPaletteDarkOrangeForeground1}>
                {d.kind === 'due' ? t.dueLine(formatIsoDay(d.day)) : t.lockLine(formatIsoDay(d.day))}
              </text>
            </g>
          ))}
          <path d={path} fill="none" stroke={tokens.colorBrandBackground} strokeWidth="2.5" />
          {data.points.map((p, i) => (
            <g key={p.day}>
              <circle cx={x(dayNumber(p.day))} cy={y(p.cumulative)} r="3.5" fill={tokens.colorBrandBackground}>
                <title>{t.timelinePoint(formatIsoDay(p.day), p.cumulative)}</title>
              </circle>
              {i % labelEvery === 0 && (
                <text x={x(dayNumber(p.day))} y={H - B + 14} textAnchor="middle" fontSize="10" fill={tokens.colorNeutralForeground3}>{formatIsoDay(p.day).slice(0, 5)}</text>
              )}
            </g>
          ))}
          <line x1={L} x2={W - R} y1={y(0)} y2={y(0)} stroke={tokens.colorNeutralStroke1} />
        </svg>
      }
    />
  );
}
