/**
 * The header's controls (the pages as tabs, the year, refresh, downloads, sign-out) and the
 * toaster. They are a chunk of their own, loaded once the board's first rows are drawn (see
 * App.tsx): Fluent's tabs, menu, select and toast cost more to evaluate and render than the
 * board itself, and the person first looks at the rows.
 */
import { useEffect } from 'react';
import {
  Button, makeStyles, Tab, TabList, Toast, Toaster, ToastTitle, tokens, useToastController,
} from '@fluentui/react-components';
import { viConsole as t } from '../i18n/vi';
import { DownloadsMenu } from './DownloadsMenu';
import { YearPicker } from './YearPicker';
import type { PageId } from './App';

/** Shows one toast; what the console's `notify` calls once the toaster listens. */
export type ShowToast = (intent: 'success' | 'error' | 'info', text: string) => void;

const useStyles = makeStyles({
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
});

export interface HeaderControlsProps {
  pages: readonly PageId[];
  page: PageId;
  onSelect(page: PageId): void;
  year: number;
  onYear(year: number): void;
  loadingUnits: boolean;
  onRefresh(): void;
  onSignOut(): void;
  toasterId: string;
  /** Called once the toaster listens, with how to show a toast (toasts asked for earlier wait for it). */
  onToaster(show: ShowToast): void;
}

export default function HeaderControls({ pages, page, onSelect, year, onYear, loadingUnits, onRefresh, onSignOut, toasterId, onToaster }: HeaderControlsProps) {
  const styles = useStyles();
  const { dispatchToast } = useToastController(toasterId);
  // Effects run children first: the Toaster below listens by the time this one runs.
  useEffect(() => {
    onToaster((intent, text) => dispatchToast(<Toast><ToastTitle>{text}</ToastTitle></Toast>, { intent, timeout: intent === 'error' ? 8000 : 4000 }));
  }, [onToaster, dispatchToast]);
  return (
    <>
      <nav className={styles.nav} aria-label={t.navLabel}>
        <TabList className={styles.tabs} selectedValue={page} onTabSelect={(_, d) => onSelect(d.value as PageId)} appearance="subtle-circular" size="medium">
          {pages.map((id) => <Tab key={id} value={id} id={`tab-${id}`} aria-controls={`page-${id}`}>{t.tabs[id]}</Tab>)}
        </TabList>
      </nav>
      <div className={styles.actions}>
        <YearPicker year={year} onChange={onYear} />
        <Button appearance="transparent" className={styles.onBrand} onClick={() => onRefresh()} disabled={loadingUnits}>{t.refresh}</Button>
        <DownloadsMenu />
        <Button appearance="transparent" className={styles.onBrand} onClick={() => onSignOut()}>{t.signOut}</Button>
      </div>
      <Toaster toasterId={toasterId} position="bottom-end" />
    </>
  );
}
