/** The three exports, each built by the server from the current data and saved via a blob. */
import { useState } from 'react';
import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Spinner, makeStyles, shorthands, tokens } from '@fluentui/react-components';
import type { DownloadKind } from '../api/client';
import { isUnauthorized } from '../api/client';
import { viConsole as t } from '../i18n/vi';
import { useConsole } from './context';
import { saveBlob } from './save';
import { useSetList } from './useSets';

const useStyles = makeStyles({
  trigger: { color: tokens.colorNeutralForegroundOnBrand, ...shorthands.borderColor(tokens.colorNeutralForegroundOnBrand) },
});

const ITEMS: { kind: DownloadKind; label: string }[] = [
  { kind: 'consolidated', label: t.downloadConsolidated },
  { kind: 'summary', label: t.downloadSummary },
  { kind: 'recognition', label: t.downloadRecognition },
];

export function DownloadsMenu() {
  const styles = useStyles();
  const { api, year, notify, onUnauthorized } = useConsole();
  const [busy, setBusy] = useState<DownloadKind | 'workbooks' | null>(null);
  const sets = useSetList(api);

  /** Every unit's pre-filled workbook of a set, as a .zip. */
  async function downloadWorkbooks(setId: string) {
    setBusy('workbooks');
    const answer = await api.unitWorkbooksZip(setId, year);
    setBusy(null);
    if (answer.ok) {
      saveBlob(answer.value.blob, answer.value.fileName);
      notify('success', t.downloadDone(answer.value.fileName));
    } else if (isUnauthorized(answer.error)) onUnauthorized();
    else notify('error', answer.error.message);
  }

  async function download(kind: DownloadKind) {
    setBusy(kind);
    const answer = await api.download(kind, year, t.downloadFileNames[kind](year));
    setBusy(null);
    if (answer.ok) {
      saveBlob(answer.value.blob, answer.value.fileName);
      notify('success', t.downloadDone(answer.value.fileName));
    } else if (isUnauthorized(answer.error)) onUnauthorized();
    else notify('error', answer.error.message);
  }

  return (
    <Menu>
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
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
