/**
 * The question asked before new tokens are issued to every unit as printable slips. Its own module,
 * loaded on first use, so the dialog's code is not part of the board's start-up.
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { viConsole as t } from '../i18n/vi';

export default function SlipsConfirmDialog({ onCancel, onConfirm }: { onCancel(): void; onConfirm(): void }) {
  return (
    <Dialog open onOpenChange={(_, data) => { if (!data.open) onCancel(); }}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t.tokenSlips.title}</DialogTitle>
          <DialogContent>{t.tokenSlips.explain}</DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>{t.cancel}</Button>
            <Button appearance="primary" onClick={onConfirm}>{t.tokenSlips.confirm}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
