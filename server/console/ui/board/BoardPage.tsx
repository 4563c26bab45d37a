/**
 * The status board page: counts, filters and the table; opening a row opens its review. The
 * filters come with the header's controls (App.tsx), after the first rows; their place is kept.
 */
import { lazy, Suspense, useDeferredValue, useMemo, useState } from 'react';
import { makeStyles, Spinner } from '@fluentui/react-components';
import { viConsole as t } from '../../i18n/vi';
import { boardView, DEFAULT_FILTERS, DEFAULT_SORT, kindsOf, parentsOf, toggleSort, toRows, type BoardFilters, type SortState } from '../../state/board';
import { useConsole } from '../context';
import { ErrorBar } from '../ErrorBar';
import { PartBoundary } from '../PartBoundary';
import { BoardTable } from './BoardTable';
import { CountsBar } from './CountsBar';

const Filters = lazy(() => import(/* webpackChunkName: "controls" */ './Filters').then((m) => ({ default: m.Filters })));

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '10px', flexGrow: 1, minHeight: 0 },
  /** The filters' height (a label over a medium input), so that the table does not move when they come. */
  filtersSlot: { minHeight: '54px' },
});

export function BoardPage() {
  const styles = useStyles();
  const { units, unitsError, reloadUnits, openUnit, controls } = useConsole();
  const [filters, setFilters] = useState<BoardFilters>(DEFAULT_FILTERS);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const deferredFilters = useDeferredValue(filters);

  const rows = useMemo(() => (units ? toRows(units) : []), [units]);
  const kinds = useMemo(() => kindsOf(rows), [rows]);
  // The filters' list of parents, for the filters only: they come after the first rows.
  const parents = useMemo(() => (controls ? parentsOf(rows) : []), [controls, rows]);
  // A page (the first answer) comes in name order: see boardView.
  const inNameOrder = units?.page !== undefined;
  const view = useMemo(() => boardView(rows, deferredFilters, sort, inNameOrder), [rows, deferredFilters, sort, inNameOrder]);

  return (
    <div className={styles.page}>
      {unitsError && <ErrorBar message={unitsError.message} onRetry={reloadUnits} />}
      {!units && !unitsError && <Spinner label={t.loading} />}
      {units && (
        <>
          <CountsBar response={units} />
          <div className={styles.filtersSlot}>
            <PartBoundary>
              <Suspense fallback={null}>
                {controls && <Filters filters={filters} onChange={setFilters} kinds={kinds} parents={parents} shown={view.length} total={rows.length} />}
              </Suspense>
            </PartBoundary>
          </div>
          <BoardTable rows={view} sort={sort} onSort={(c) => setSort((s) => toggleSort(s, c))} onOpen={openUnit} emptyText={rows.length === 0 ? t.noUnits : t.noRows} />
        </>
      )}
    </div>
  );
}
