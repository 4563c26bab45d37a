/**
 * The console shell: sign-in, then a header (year, downloads, sign-out), the pages as tabs, and
 * the review panel over the board. Heavy pages are loaded on first use. The board's first rows
 * come first: the header's controls and the board's filters are a chunk loaded once the first
 * answer is drawn (or after CONTROLS_WAIT_MS on a slow server), their places kept meanwhile.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { makeStyles, mergeClasses, Spinner, Text, tokens, useId } from '@fluentui/react-components';
import type { UnitsResponse } from '../../../shared/api/schemas';
import { createApi, isUnauthorized, type ClientError, type ClientOptions, type ClientResult } from '../api/client';
import { viConsole as t } from '../i18n/vi';
import { dateTimeVi } from '../state/format';
import { clearToken, currentVietnamYear, loadToken, saveToken, type TokenStore } from '../state/session';
import { BoardPage } from './board/BoardPage';
import { BOARD_FIRST_PAGE_QUERY } from '../../../shared/api/boardPage';
import { ConsoleContext, type ConsoleContextValue } from './context';
import type { ShowToast } from './HeaderControls';
import { PartBoundary } from './PartBoundary';

const IntakePage = lazy(() => import(/* webpackChunkName: "intake" */ './intake/IntakePage'));
const ChartsPage = lazy(() => import(/* webpackChunkName: "charts" */ './charts/ChartsPage'));
const DeadlinesPage = lazy(() => import(/* webpackChunkName: "deadlines" */ './deadlines/DeadlinesPage'));
const AuditPage = lazy(() => import(/* webpackChunkName: "audit" */ './audit/AuditPage'));
const ReviewDrawer = lazy(() => import(/* webpackChunkName: "review" */ './review/ReviewDrawer'));
const HeaderControls = lazy(() => import(/* webpackChunkName: "controls", webpackPrefetch: true */ './HeaderControls'));
const SignIn = lazy(() => import(/* webpackChunkName: "sign-in" */ '../../web/SignIn').then((m) => ({ default: m.SignIn })));

export type PageId = keyof typeof t.tabs;
const PAGES: PageId[] = ['board', 'intake', 'charts', 'deadlines', 'audit'];

/** How long the header's controls wait for the board's first answer before they load anyway. */
const CONTROLS_WAIT_MS = 1000;

const useStyles = makeStyles({
  shell: { height: '100%', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: 'flex', alignItems: 'center', gap: '16px', padding: '0 16px', minHeight: '52px', flexShrink: 0,
    backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: { display: 'flex', flexDirection: 'column', lineHeight: '1.15', marginRight: '8px' },
  brandTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  brandSub: { fontSize: tokens.fontSizeBase100, opacity: 0.85 },
  /** The place of the header's controls while their chunk loads. */
  controlsSlot: { flexGrow: 1 },
  main: { flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column', padding: '12px 16px 12px 16px', gap: '10px', overflow: 'auto' },
  loading: { padding: '48px' },
  hiddenPage: { display: 'none' },
});

/** The board's first load, started before React renders (see early.ts and index.tsx). */
export interface PrefetchedUnits {
  token: string;
  year: number;
  answer: Promise<ClientResult<UnitsResponse>>;
}

export interface AppProps {
  storage: TokenStore;
  now?: () => Date;
  /** For tests: fetch and XMLHttpRequest stand-ins. */
  clientOptions?: Omit<ClientOptions, 'token'>;
  prefetched?: PrefetchedUnits;
}

export function App({ storage, now = () => new Date(), clientOptions, prefetched }: AppProps) {
  const [token, setToken] = useState<string | null>(() => loadToken(storage));
  const [signInError, setSignInError] = useState<string | undefined>(undefined);
  const [year, setYear] = useState(() => currentVietnamYear(now()));

  const signOut = useCallback((message?: string) => {
    clearToken(storage);
    setToken(null);
    setSignInError(message);
  }, [storage]);

  if (!token) {
    return (
      <PartBoundary>
        <Suspense fallback={<Spinner label={t.loading} />}>
          <SignIn
            texts={t}
            check={(typed) => createApi({ ...clientOptions, token: typed }).units(year, BOARD_FIRST_PAGE_QUERY)}
            isWrongToken={(error) => error.kind === 'http' && (error.status === 401 || error.status === 403)}
            autoComplete="current-password"
            initialError={signInError}
            onSignedIn={(value) => {
              saveToken(storage, value);
              setSignInError(undefined);
              setToken(value);
            }}
          />
        </Suspense>
      </PartBoundary>
    );
  }
  return <Console token={token} year={year} setYear={setYear} clientOptions={clientOptions} onSignOut={signOut} prefetched={prefetched} />;
}

interface ConsoleProps {
  token: string;
  year: number;
  setYear(year: number): void;
  clientOptions?: Omit<ClientOptions, 'token'>;
  onSignOut(message?: string): void;
  prefetched?: PrefetchedUnits;
}

function Console({ token, year, setYear, clientOptions, onSignOut, prefetched }: ConsoleProps) {
  const styles = useStyles();
  const api = useMemo(() => createApi({ ...clientOptions, token }), [clientOptions, token]);
  const [page, setPage] = useState<PageId>('board');
  const [visited, setVisited] = useState<Set<PageId>>(() => new Set(['board']));
  const [units, setUnits] = useState<UnitsResponse | null>(null);
  const [unitsError, setUnitsError] = useState<ClientError | null>(null);
  const [loadingUnits, setLoadingUnits] = useState(true);
  const [openUnitId, setOpenUnitId] = useState<string | null>(null);
  const toasterId = useId('toaster');
  /** Whether the header's controls (and the board's filters) are wanted yet: see CONTROLS_WAIT_MS. */
  const [controls, setControls] = useState(false);
  /** How to show a toast once the toaster listens; until then the toasts asked for wait here. */
  const toaster = useRef<ShowToast | null>(null);
  const waitingToasts = useRef<Parameters<ShowToast>[]>([]);
  const request = useRef(0);
  /** The prefetched first load is used once, and only for the token and year it was made with. */
  const prefetch = useRef(prefetched);

  const onUnauthorized = useCallback(() => onSignOut(t.sessionExpired), [onSignOut]);

  const reloadUnits = useCallback(() => {
    const mine = ++request.current;
    setLoadingUnits(true);
    const early = prefetch.current;
    prefetch.current = undefined;
    // The first page first (the board shows at once, with the whole year's counts), then every
    // row for the filters, sorting and charts.
    const pending = early && early.token === token && early.year === year ? early.answer : api.units(year, BOARD_FIRST_PAGE_QUERY);
    const shown = (answer: ClientResult<UnitsResponse>): boolean => {
      if (mine !== request.current) return false; // a newer load (or another year) won
      setLoadingUnits(false);
      if (answer.ok) {
        performance.mark('dien-hinh:units');
        setUnits(answer.value);
        setUnitsError(null);
        return true;
      }
      if (isUnauthorized(answer.error)) onUnauthorized();
      else setUnitsError(answer.error);
      return false;
    };
    void pending.then((answer) => {
      if (!shown(answer) || !answer.ok) return;
      const page = answer.value.page;
      if (page && page.total > page.offset + answer.value.units.length) void api.units(year).then(shown);
    });
  }, [api, token, year, onUnauthorized]);

  useEffect(() => {
    setUnits(null);
    reloadUnits();
  }, [reloadUnits]);

  useEffect(() => {
    if (controls) return;
    if (units || unitsError) {
      setControls(true);
      return;
    }
    const timer = setTimeout(() => setControls(true), CONTROLS_WAIT_MS);
    return () => clearTimeout(timer);
  }, [controls, units, unitsError]);

  const notify = useCallback<ConsoleContextValue['notify']>((intent, text) => {
    if (toaster.current) toaster.current(intent, text);
    else waitingToasts.current.push([intent, text]);
  }, []);

  const onToaster = useCallback((show: ShowToast) => {
    toaster.current = show;
    for (const [intent, text] of waitingToasts.current.splice(0)) show(intent, text);
  }, []);

  const context = useMemo<ConsoleContextValue>(() => ({
    api, year, units, unitsError, loadingUnits, reloadUnits, notify, onUnauthorized, openUnit: setOpenUnitId, controls,
  }), [api, year, units, unitsError, loadingUnits, reloadUnits, notify, onUnauthorized, controls]);

  const select = (next: PageId) => {
    setPage(next);
    setVisited((v) => (v.has(next) ? v : new Set([...v, next])));
  };

  return (
    <ConsoleContext.Provider value={context}>
      <div className={styles.shell}>
        <header className={styles.header}>
          <div className={styles.brand}>
            <h1 className={styles.brandTitle}>{t.appTitle}</h1>
            <Text className={styles.brandSub}>{t.updatedAt(units ? dateTimeVi(units.generatedAt) : '…')}</Text>
          </div>
          <PartBoundary>
            <Suspense fallback={<div className={styles.controlsSlot} />}>
              {controls ? (
                <HeaderControls
                  pages={PAGES} page={page} onSelect={select} year={year} onYear={setYear} loadingUnits={loadingUnits}
                  onRefresh={reloadUnits} onSignOut={onSignOut} toasterId={toasterId} onToaster={onToaster}
                />
              ) : <div className={styles.controlsSlot} />}
            </Suspense>
          </PartBoundary>
        </header>
        {PAGES.filter((id) => visited.has(id)).map((id) => (
          <main key={id} id={`page-${id}`} role="tabpanel" aria-labelledby={`tab-${id}`} className={mergeClasses(styles.main, page !== id && styles.hiddenPage)} hidden={page !== id}>
            <PartBoundary>
              <Suspense fallback={<Spinner className={styles.loading} label={t.loading} />}>
                {id === 'board' && <BoardPage />}
                {id === 'intake' && <IntakePage />}
                {id === 'charts' && <ChartsPage />}
                {id === 'deadlines' && <DeadlinesPage />}
                {id === 'audit' && <AuditPage active={page === 'audit'} />}
              </Suspense>
            </PartBoundary>
          </main>
        ))}
        {openUnitId !== null && (
          <PartBoundary key={openUnitId}>
            <Suspense fallback={null}>
              <ReviewDrawer unitId={openUnitId} onClose={() => setOpenUnitId(null)} />
            </Suspense>
          </PartBoundary>
        )}
      </div>
    </ConsoleContext.Provider>
  );
}
