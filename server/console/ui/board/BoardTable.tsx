/**
 * The status board's table: one row per unit, sortable headers (buttons, Enter/Space), rows
 * windowed at a fixed height so 1,000 units render and scroll smoothly. Arrow keys move between
 * rows' "open" buttons, scrolling the row into view.
 */
import { lazy, memo, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Badge, makeStyles, mergeClasses, tokens, type BadgeProps } from '@fluentui/react-components';
import { STAGES } from '../../../../shared/deadlines/calendar';
import { STAGE_LABELS, UNIT_KIND_LABELS, viConsole as t } from '../../i18n/vi';
import type { BoardRow, SortColumn, SortState, StageDisplay } from '../../state/board';
import { dateTimeVi, dateVi } from '../../state/format';
import { rowWindow, scrollToRow } from '../../state/windowing';
import { useConsole } from '../context';
import { PartBoundary } from '../PartBoundary';

const ReasonsTooltip = lazy(() => import(/* webpackChunkName: "controls" */ './ReasonsTooltip'));

export const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 44;

const COLUMNS: { id: SortColumn; width: string; align?: 'end' | 'center' }[] = [
  { id: 'name', width: 'minmax(160px, 1fr)' },
  { id: 'kind', width: '100px' },
  { id: 'parent', width: '110px' },
  { id: 'registration', width: '104px' },
  { id: 'mid-year', width: '104px' },
  { id: 'final', width: '118px' },
  { id: 'total', width: '70px', align: 'end' },
  { id: 'hard', width: '78px' },
  { id: 'eligible', width: '80px' },
  { id: 'dossier', width: '52px' },
  { id: 'lastSubmitted', width: '86px' },
  { id: 'versions', width: '66px', align: 'end' },
  { id: 'risk', width: '150px' },
];
const TEMPLATE = COLUMNS.map((c) => c.width).join(' ');

const useStyles = makeStyles({
  scroller: {
    flexGrow: 1, minHeight: '220px', overflow: 'auto', position: 'relative',
    backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4,
  },
  header: {
    position: 'sticky', top: 0, zIndex: 2, display: 'grid', gridTemplateColumns: TEMPLATE, height: `${HEADER_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground3, borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, minWidth: '1200px',
  },
  headCell: { display: 'flex', alignItems: 'stretch', minWidth: 0 },
  sortButton: {
    flexGrow: 1, display: 'flex', alignItems: 'center', gap: '2px', padding: '0 6px', border: 'none', background: 'transparent', cursor: 'pointer',
    font: 'inherit', fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1, textAlign: 'left',
    minWidth: 0,
    ':hover': { backgroundColor: tokens.colorNeutralBackground3Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  end: { justifyContent: 'flex-end', textAlign: 'right' },
  arrow: { fontSize: '10px', color: tokens.colorBrandForeground1, width: '10px', flexShrink: 0 },
  headText: { overflow: 'hidden', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', lineHeight: '1.2' },
  body: { position: 'relative', minWidth: '1200px' },
  row: {
    position: 'absolute', left: 0, right: 0, display: 'grid', gridTemplateColumns: TEMPLATE, height: `${ROW_HEIGHT}px`, alignItems: 'center',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  odd: { backgroundColor: tokens.colorNeutralBackground2 },
  cell: { padding: '0 6px', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase200 },
  cellEnd: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  nameButton: {
    display: 'block', width: '100%', padding: 0, border: 'none', background: 'transparent', cursor: 'pointer', textAlign: 'left',
    font: 'inherit', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForegroundLink,
    overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap',
    ':hover': { textDecoration: 'underline' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusSmall },
  },
  muted: { color: tokens.colorNeutralForeground3 },
  good: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  appraised: { marginLeft: '3px', fontSize: '10px', color: tokens.colorBrandForeground1, verticalAlign: 'super' },
  focusable: { cursor: 'help', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusSmall } },
  empty: { padding: '32px', textAlign: 'center', color: tokens.colorNeutralForeground2 },
  srOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

const BADGES: Record<StageDisplay, Pick<BadgeProps, 'color' | 'appearance'>> = {
  'not-submitted': { color: 'informative', appearance: 'outline' },
  'on-time': { color: 'success', appearance: 'tint' },
  late: { color: 'warning', appearance: 'tint' },
  invalid: { color: 'danger', appearance: 'tint' },
  'has-issues': { color: 'severe', appearance: 'tint' },
  approved: { color: 'success', appearance: 'filled' },
  rejected: { color: 'danger', appearance: 'filled' },
};

const RISK_TONE: Record<string, 'good' | 'bad' | 'warn' | 'muted'> = {
  done: 'good', upcoming: 'muted', 'due-soon': 'warn', 'due-today': 'warn', overdue: 'bad', locked: 'bad',
};

export interface BoardTableProps {
  rows: BoardRow[];
  sort: SortState;
  onSort(column: SortColumn): void;
  onOpen(unitId: string): void;
  emptyText: string;
}

export function BoardTable({ rows, sort, onSort, onOpen, emptyText }: BoardTableProps) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const frame = useRef(0);

  // The height is taken from the observer, which first reports once the page is laid out: reading
  // clientHeight while React commits would force the page's first style and layout pass there,
  // then lay it out again for the rows that follow. Until then the default height's rows show.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(Math.max(ROW_HEIGHT, el.clientHeight - HEADER_HEIGHT));
    if (typeof ResizeObserver === 'undefined') {
      measure();
      return;
    }
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  /** A mark for the bench and the browser's performance panel: the first rows are on screen. */
  const marked = useRef(false);
  useEffect(() => {
    if (marked.current || rows.length === 0) return;
    marked.current = true;
    performance.mark('dien-hinh:board-rows');
  }, [rows.length]);

  const onScroll = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(scroller.current?.scrollTop ?? 0));
  }, []);

  /** Arrow keys, Home and End move focus between rows' open buttons. */
  const onKeyDown = useCallback((event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const index = Number(target.dataset.rowButton);
    if (!Number.isInteger(index) || target.dataset.rowButton === undefined) return;
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? rows.length - 1 : null;
    if (next === null || next < 0 || next >= rows.length) return;
    event.preventDefault();
    const el = scroller.current!;
    const top = scrollToRow(el.scrollTop, el.clientHeight - HEADER_HEIGHT, ROW_HEIGHT, next);
    el.scrollTop = top;
    setScrollTop(top);
    const focus = () => el.querySelector<HTMLButtonElement>(`[data-row-button="${next}"]`)?.focus();
    requestAnimationFrame(focus);
  }, [rows.length]);

  const win = rowWindow(scrollTop, viewport, ROW_HEIGHT, rows.length);
  const visible = rows.slice(win.start, win.end);

  return (
    <div ref={scroller} className={styles.scroller} onScroll={onScroll} role="table" aria-label={t.boardLabel} aria-rowcount={rows.length + 1} onKeyDown={onKeyDown} data-board>
      <div role="rowgroup">
        <div className={styles.header} role="row" aria-rowindex={1}>
          {COLUMNS.map((c) => {
            const active = sort.column === c.id;
            const label = t.columns[c.id];
            const hint = c.id === 'versions' || c.id === 'hard' ? t.columnHints[c.id] : undefined;
            return (
              <div key={c.id} role="columnheader" className={styles.headCell} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className={mergeClasses(styles.sortButton, c.align === 'end' && styles.end)} onClick={() => onSort(c.id)} title={hint ?? t.sortBy(label)} data-sort={c.id}>
                  <span className={styles.headText}>{label}</span>
                  <span className={styles.arrow} aria-hidden>{active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className={styles.body} style={{ height: `${win.totalHeight}px` }}>
        {visible.map((row, i) => (
          <Row key={row.id} row={row} index={win.start + i} onOpen={onOpen} />
        ))}
      </div>
      {rows.length === 0 && <div className={styles.empty}>{emptyText}</div>}
    </div>
  );
}

const Row = memo(function Row({ row, index, onOpen }: { row: BoardRow; index: number; onOpen(id: string): void }) {
  const styles = useStyles();
  const s = row.status;
  const v = s.verdict;
  const tone = RISK_TONE[s.risk.state] ?? 'muted';
  const riskText = s.risk.stage ? `${t.columns[s.risk.stage]}: ${s.risk.label}` : s.risk.label;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={mergeClasses(styles.row, index % 2 === 1 && styles.odd)}
      style={{ top: `${index * ROW_HEIGHT}px` }}
      data-unit-id={row.id}
    >
      <div role="cell" className={styles.cell}>
        <button type="button" className={styles.nameButton} onClick={() => onOpen(row.id)} data-row-button={index} title={s.unit.contact ? `${row.name} · ${s.unit.contact}` : row.name} aria-label={t.openUnit(row.name)}>
          {row.name}
        </button>
        <span className={styles.muted}> {s.unit.code}</span>
      </div>
      <div role="cell" className={styles.cell}>{UNIT_KIND_LABELS[s.unit.kind]}</div>
      <div role="cell" className={styles.cell} title={s.unit.parent}>{s.unit.parent || <span className={styles.muted}>{t.none}</span>}</div>
      {STAGES.map((stage) => {
        const display = row.display[stage];
        const summary = row.stages[stage];
        const text = display === 'late' ? t.lateDays(summary.daysLate) : t.stageDisplay[display];
        return (
          <div role="cell" key={stage} className={styles.cell} data-stage={stage} data-status={display}>
            <Badge size="medium" {...BADGES[display]} title={`${STAGE_LABELS[stage]}: ${text}`}>
              {display === 'late' && summary.daysLate > 0 ? t.lateShort(summary.daysLate) : t.stageDisplay[display]}
            </Badge>
          </div>
        );
      })}
      <div role="cell" className={mergeClasses(styles.cell, styles.cellEnd)} data-col="total">
        {v && v.total !== null && v.max !== null ? (
          <>
            {t.totalOf(v.total, v.max)}
            {s.appraised && <span className={styles.appraised} title={t.appraisedMark} aria-label={t.appraisedMark}>{t.appraisedShort}</span>}
          </>
        ) : <span className={styles.muted}>{t.none}</span>}
      </div>
      <div role="cell" className={styles.cell}>
        {v === null ? <span className={styles.muted}>{t.none}</span>
          : v.hardFailures.length === 0 ? <span className={styles.good}>{t.hardOk}</span>
          : <span className={styles.bad} title={t.hardFailed(v.hardFailures)}>{t.hardFailed(v.hardFailures)}</span>}
      </div>
      <div role="cell" className={styles.cell} data-col="eligible">
        {v === null ? <span className={styles.muted}>{t.none}</span>
          : v.eligible ? <Badge color="success" appearance="filled">{t.eligibleYes}</Badge>
          : (
            <NotEligible reasons={v.reasons} />
          )}
      </div>
      <div role="cell" className={styles.cell}>
        {s.dossierComplete === null ? <span className={styles.muted}>{t.none}</span>
          : s.dossierComplete ? <span className={styles.good}>{t.dossierComplete}</span> : <span className={styles.bad}>{t.dossierIncomplete}</span>}
      </div>
      <div role="cell" className={styles.cell} title={dateTimeVi(row.lastSubmittedAt)}>{row.lastSubmittedAt ? dateVi(row.lastSubmittedAt) : <span className={styles.muted}>{t.none}</span>}</div>
      <div role="cell" className={mergeClasses(styles.cell, styles.cellEnd)}>{row.versions}</div>
      <div role="cell" className={mergeClasses(styles.cell, styles[tone])} title={s.risk.canStillQualify ? riskText : `${riskText} · ${t.cannotQualify}`}>
        {!s.risk.canStillQualify && <span role="img" aria-label={t.cannotQualify}>⚠ </span>}
        {riskText}
      </div>
    </div>
  );
});


/** The "Không đạt" badge, focusable; its reasons show as a tooltip once the controls chunk is loaded. */
function NotEligible({ reasons }: { reasons: readonly string[] }) {
  const styles = useStyles();
  const { controls } = useConsole();
  const badge = <span tabIndex={0} className={styles.focusable}><Badge color="danger" appearance="outline">{t.eligibleNo}</Badge></span>;
  if (!controls) return badge;
  // Without the tooltip's code (see PartBoundary) the badge still shows.
  return <PartBoundary fallback={badge}><Suspense fallback={badge}><ReasonsTooltip reasons={reasons}>{badge}</ReasonsTooltip></Suspense></PartBoundary>;
}
