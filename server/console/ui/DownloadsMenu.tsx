/**
 * The downloads, each built by the server from the current data and saved via a blob
 * (useFileDownloads). The Word documents use the year's document settings: before the first of a
 * year the settings dialog opens, and the download follows once they are saved. A draft may list
 * the units still waiting for review (marked "chờ duyệt" in the document). The two dialogs are
 * loaded on first use: the menu's button is on every page, the dialogs' code need not be parsed
 * before the board.
 */
import { lazy, Suspense, useState } from 'react';
import {
  Button, Menu, MenuDivider, MenuItem, MenuItemCheckbox, MenuList, MenuPopover, MenuTrigger, Spinner, makeStyles, shorthands, tokens,
} from '@fluentui/react-components';
import { WORD_DOCUMENTS, type DownloadKind } from '../api/client';
import { viConsole as t } from '../i18n/vi';
import { useConsole } from './context';
import { useFileDownloads } from './documentDownloads';
import { useSetList } from './useSets';
import { PartBoundary } from './PartBoundary';

const SlipsConfirmDialog = lazy(() => import(/* webpackChunkName: "dialogs" */ './SlipsConfirmDialog'));

const useStyles = makeStyles({
  trigger: { color: tokens.colorNeutralForegroundOnBrand, ...shorthands.borderColor(tokens.colorNeutralForegroundOnBrand) },
});

const ITEMS: { kind: DownloadKind; label: string }[] = [
  { kind: 'consolidated', label: t.downloadConsolidated },
  { kind: 'bao-cao', label: t.downloadSummary },
  { kind: 'to-trinh', label: t.downloadRequest },
  { kind: 'quyet-dinh', label: t.downloadDecision },
  { kind: 'recognition', label: t.downloadRecognition },
];

export function DownloadsMenu() {
  const styles = useStyles();
  const { api, year } = useConsole();
  const { busy, fetchAndSave, fetchWordDocument, editSettings, dialog } = useFileDownloads<DownloadKind | 'workbooks' | 'slips'>();
  /** Asked before new tokens are issued to every unit (slips to print). */
  const [confirmSlips, setConfirmSlips] = useState(false);
  const sets = useSetList(api);
  const [pending, setPending] = useState(false);

  /** New tokens for every unit, as printable slips: the old tokens keep working until each unit's first use. */
  async function downloadSlips() {
    setConfirmSlips(false);
    await fetchAndSave('slips', () => api.tokenSlips(t.tokenSlips.fileName));
  }

  /** Every unit's pre-filled workbook of a set, as a .zip. */
  async function downloadWorkbooks(setId: string) {
    await fetchAndSave('workbooks', () => api.unitWorkbooksZip(setId, year));
  }

  async function download(kind: DownloadKind) {
    const word = WORD_DOCUMENTS.includes(kind);
    const fetchFile = () => api.download(kind, year, t.downloadFileNames[kind](year), word && pending);
    await (word ? fetchWordDocument(kind, fetchFile) : fetchAndSave(kind, fetchFile));
  }

  return (
    <>
      <Menu checkedValues={{ options: pending ? ['pending'] : [] }} onCheckedValueChange={(_, data) => setPending(data.checkedItems.includes('pending'))}>
        <MenuTrigger disableButtonEnhancement>
          <Button appearance="outline" className={styles.trigger} icon={busy ? <Spinner size="extra-tiny" /> : undefined} aria-busy={busy !== null}>
            {busy ? t.downloading : t.downloads}
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {ITEMS.map((item) => (
              <MenuItem key={item.kind} onClick={() => void download(item.kind)} disabled={busy !== null}>{item.label}</MenuItem>
            ))}
            {sets.map((s) => (
              <MenuItem key={`${s.id}@${s.version}`} onClick={() => void downloadWorkbooks(s.id)} disabled={busy !== null}>{t.downloadUnitWorkbooks(s.title)}</MenuItem>
            ))}
            <MenuItem onClick={() => setConfirmSlips(true)} disabled={busy !== null}>{t.tokenSlips.menu}</MenuItem>
            <MenuDivider />
            <MenuItemCheckbox name="options" value="pending">{t.downloadPending}</MenuItemCheckbox>
            <MenuItem onClick={editSettings}>{t.documentSettingsMenu}</MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      <PartBoundary>
        <Suspense fallback={null}>
          {confirmSlips && <SlipsConfirmDialog onCancel={() => setConfirmSlips(false)} onConfirm={() => void downloadSlips()} />}
        </Suspense>
      </PartBoundary>
      {dialog}
    </>
  );
}
