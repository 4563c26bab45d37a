/**
 * The console shell: sign-in, then a header (year, downloads, sign-out), the pages as tabs, and
 * the review panel over the board. Heavy pages are loaded on first use.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button, makeStyles, mergeClasses, Spinner, Tab, TabList, Text, Toast, Toaster, ToastTitle, tokens, useId, useToastController,
} from '@fluentui/react-components';
import type { UnitsResponse } from '../../../shared/api/schemas';
import { createApi, isUnauthorized, type ClientError, type ClientOptions, type ClientResult } from '../api/client';
import { viConsole as t } from '../i18n/vi';
import { dateTimeVi } from '../state/format';
import { clearToken, currentVietnamYear, loadToken, saveToken, type TokenStore } from '../state/session';
import { BoardPage } from './board/BoardPage';
import { BOARD_FIRST_PAGE_QUERY } from '../state/board';
import { ConsoleContext, type ConsoleContextValue } from './context';
import { DownloadsMenu } from './DownloadsMenu';
import { SignIn } from './SignIn';
import { YearPicker } from './YearPicker';

const IntakePage = lazy(() => import(/* webpackChunkName: "intake" */ './intake/IntakePage'));
const ChartsPage = lazy(() => import(/* webpackChunkName: "charts" */ './charts/ChartsPage'));
const DeadlinesPage = lazy(() => import(/* webpackChunkName: "deadlines" */ './deadlines/DeadlinesPage'));
const AuditPage = lazy(() => import(/* webpackChunkName: "audit" */ './audit/AuditPage'));
const ReviewDrawer = lazy(() => import(/* webpackChunkName: "review" */ './review/ReviewDrawer'));

type PageId = keyof typeof t.tabs;
const PAGES: PageId[] = ['board', 'intake', 'charts', 'deadlines', 'audit'];

const useStyles = makeStyles({
  shell: { height: '100%', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: 'flex', alignItems: 'center', gap: '16px', padding: '0 16px', minHeight: '52px', flexShrink: 0,
    backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: { display: 'flex', flexDirection: 'column', lineHeight: '1.15', marginRight: '8px' },
  brandTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  brandSub: { fontSize: tokens.fontSizeBase100, opacity: 0.85 },
  nav: { flexGrow: 1 },
  tabs: {
    '& button': { color: tokens.colorNeutralForegroundOnBrand },
    '& button:hover': { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundHover },
    '& button[aria-selected="true"]': { color: tokens.colorBrandForeground1, backgroundColor: tokens.colorNeutralBackground1 },
    '& button[aria-selected="true"]:hover': { color: tokens.colorBrandForeground1, backgroundColor: tokens.colorNeutralBackground1Hover },
    '& span': { color: 'inherit' },
  },
  actions: { display: 'flex', alignItems: 'center', gap: '8px' },
  onBrand: { color: tokens.colorNeutralForegroundOnBrand },
  main: { flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column', padding: '12px 16px 12px 16px', gap: '10px', overflow: 'auto' },
  loading: { padding: '48px' },
  hiddenPage: { display: 'none' },
});

/** The board's first load, started before React renders (see index.tsx). */
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
      <SignIn
        year={year}
        clientOptions={clientOptions}
        initialError={signInError}
        onSignedIn={(value) => {
          saveToken(storage, value);
          setSignInError(undefined);
          setToken(value);
        }}
      />
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
  const { dispatchToast } = useToastController(toasterId);
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

  const notify = useCallback<ConsoleContextValue['notify']>((intent, text) => {
    dispatchToast(<Toast><ToastTitle>{text}</ToastTitle></Toast>, { intent, timeout: intent === 'error' ? 8000 : 4000 });
  }, [dispatchToast]);

  const context = useMemo<ConsoleContextValue>(() => ({
    api, year, units, unitsError, loadingUnits, reloadUnits, notify, onUnauthorized, openUnit: setOpenUnitId,
  }), [api, year, units, unitsError, loadingUnits, reloadUnits, notify, onUnauthorized]);

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
          <nav className={styles.nav} aria-label={t.navLabel}>
            <TabList className={styles.tabs} selectedValue={page} onTabSelect={(_, d) => select(d.value as PageId)} appearance="subtle-circular" size="medium">
              {PAGES.map((id) => <Tab key={id} value={id} id={`tab-${id}`} aria-controls={`page-${id}`}>{t.tabs[id]}</Tab>)}
            </TabList>
          </nav>
          <div className={styles.actions}>
            <YearPicker year={year} onChange={setYear} />
            <Button appearance="transparent" className={styles.onBrand} onClick={reloadUnits} disabled={loadingUnits}>{t.refresh}</Button>
            <DownloadsMenu />
            <Button appearance="transparent" className={styles.onBrand} onClick={() => onSignOut()}>{t.signOut}</Button>
          </div>
        </header>
        {PAGES.filter((id) => visited.has(id)).map((id) => (
          <main key={id} id={`page-${id}`} role="tabpanel" aria-labelledby={`tab-${id}`} className={mergeClasses(styles.main, page !== id && styles.hiddenPage)} hidden={page !== id}>
            <Suspense fallback={<Spinner className={styles.loading} label={t.loading} />}>
              {id === 'board' && <BoardPage />}
              {id === 'intake' && <IntakePage />}
              {id === 'charts' && <ChartsPage />}
              {id === 'deadlines' && <DeadlinesPage />}
              {id === 'audit' && <AuditPage active={page === 'audit'} />}
            </Suspense>
          </main>
        ))}
        {openUnitId !== null && (
          <Suspense fallback={null}>
            <ReviewDrawer unitId={openUnitId} onClose={() => setOpenUnitId(null)} />
          </Suspense>
        )}
        <Toaster toasterId={toasterId} position="bottom-end" />
      </div>
    </ConsoleContext.Provider>
  );
}
