/**
 * Download of the unit's pre-filled scoring workbook, one button per criteria set of its kind,
 * each saying what it is for: the yearly report's điển hình scoring, or a standard scored only
 * when the province asks (a unit with both must not send the second as its yearly report).
 */
import { useState } from 'react';
import { Button, Text } from '@fluentui/react-components';
import type { UnitWorkbookOption } from '../../../shared/api/schemas';
import { saveBlob } from '../../web/save';
import type { PortalApi } from '../api/client';
import { viPortal as t } from '../i18n/vi';
import { useSectionStyles } from './styles';

export function WorkbookCard({ api, year, workbooks }: { api: PortalApi; year: number; workbooks: readonly UnitWorkbookOption[] }) {
  const styles = useSectionStyles();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function download(option: UnitWorkbookOption) {
    setBusy(option.setId);
    setMessage(null);
    const answer = await api.workbook(year, option.setId);
    setBusy(null);
    if (!answer.ok) {
      setMessage({ error: true, text: answer.error.message });
      return;
    }
    saveBlob(answer.value.blob, answer.value.fileName);
    setMessage({ error: false, text: t.downloaded(answer.value.fileName) });
  }

  return (
    <section className={styles.card} aria-labelledby="workbook-title">
      <h2 id="workbook-title" className={styles.heading}>{t.workbookTitle}</h2>
      <Text className={styles.hint}>{t.workbookHint}</Text>
      {workbooks.length === 0 && <Text>{t.workbookNone}</Text>}
      {workbooks.map((w) => (
        <div key={w.setId} data-workbook={w.setId} style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '4px' }}>
          <Button appearance="primary" disabled={busy !== null} onClick={() => void download(w)} style={{ maxWidth: '100%', whiteSpace: 'normal', textAlign: 'left' }}>
            {busy === w.setId ? t.downloading : t.workbookDownload(w.title)}
          </Button>
          <Text block data-purpose={w.purpose}>{t.workbookPurpose[w.purpose]}</Text>
          {w.draft && <Text className={styles.hint} block>{t.workbookDraft}</Text>}
        </div>
      ))}
      {message && <Text role={message.error ? 'alert' : 'status'} style={message.error ? { color: '#b10e1c' } : undefined}>{message.text}</Text>}
    </section>
  );
}
