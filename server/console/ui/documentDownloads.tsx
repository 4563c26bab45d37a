/**
 * The console's one way of downloading a file the server builds: fetched with the token, saved
 * via a blob, said so in a toast or said why not (a refused token signs out). A Word document is
 * filled from the year's document settings: before the first of a year whose settings were never
 * saved, the settings dialog opens and the download follows once they are saved. Used by the
 * "Tải xuống" menu and by the review panel (a unit's biên bản thẩm định).
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { isUnauthorized, type ClientResult, type Download } from '../api/client';
import { viConsole as t } from '../i18n/vi';
import { saveBlob } from '../../web/save';
import { useConsole } from './context';
import { PartBoundary } from './PartBoundary';

// Loaded on first use: the dialog's code need not be parsed before the board.
const DocumentSettingsDialog = lazy(() => import(/* webpackChunkName: "dialogs" */ './DocumentSettingsDialog').then((m) => ({ default: m.DocumentSettingsDialog })));

export interface FileDownloads<W extends string> {
  /** What is being fetched now (one at a time), or null. */
  busy: W | null;
  /** Fetches one file while `what` shows as busy, saves it and says so, or says why not. */
  fetchAndSave(what: W, fetchFile: () => Promise<ClientResult<Download>>): Promise<void>;
  /** The same for a Word document: the year's document settings are asked for first if never saved. */
  fetchWordDocument(what: W, fetchFile: () => Promise<ClientResult<Download>>): Promise<void>;
  /** Opens the document settings dialog on its own (the menu's "Thông tin văn bản…"). */
  editSettings(): void;
  /** The settings dialog when it is open: render it somewhere in the component. */
  dialog: ReactNode;
}

export function useFileDownloads<W extends string>(): FileDownloads<W> {
  const { api, year, notify, onUnauthorized } = useConsole();
  const [busy, setBusy] = useState<W | null>(null);
  /** The dialog: opened on its own, or before a Word download whose year has no saved settings (`then`). */
  const [dialog, setDialog] = useState<{ then: (() => Promise<void>) | null } | null>(null);
  const [savedYears, setSavedYears] = useState<ReadonlySet<number>>(new Set());

  async function fetchAndSave(what: W, fetchFile: () => Promise<ClientResult<Download>>) {
    setBusy(what);
    const answer = await fetchFile();
    setBusy(null);
    if (answer.ok) {
      saveBlob(answer.value.blob, answer.value.fileName);
      notify('success', t.downloadDone(answer.value.fileName));
    } else if (isUnauthorized(answer.error)) onUnauthorized();
    else notify('error', answer.error.message);
  }

  async function fetchWordDocument(what: W, fetchFile: () => Promise<ClientResult<Download>>) {
    const then = () => fetchAndSave(what, fetchFile);
    if (!savedYears.has(year)) {
      const current = await api.documentSettings(year);
      if (!current.ok) {
        if (isUnauthorized(current.error)) onUnauthorized();
        else notify('error', current.error.message);
        return;
      }
      if (!current.value.saved) {
        setDialog({ then });
        return;
      }
      setSavedYears((years) => new Set([...years, year]));
    }
    await then();
  }

  const shown = dialog && (
    <PartBoundary>
      <Suspense fallback={null}>
        <DocumentSettingsDialog
          year={year}
          confirmLabel={dialog.then ? t.documentSettings.saveAndDownload : t.documentSettings.save}
          onClose={() => setDialog(null)}
          onSaved={() => {
            const then = dialog.then;
            setDialog(null);
            setSavedYears((years) => new Set([...years, year]));
            if (then) void then();
          }}
        />
      </Suspense>
    </PartBoundary>
  );

  return { busy, fetchAndSave, fetchWordDocument, editSettings: () => setDialog({ then: null }), dialog: shown };
}
