/**
 * Adds the unit a refused workbook names to the list, then the file is sent again. When listed
 * units already have that name (the file's candidates), the xã/phường is required and must differ
 * from theirs: the server would otherwise add a unit no later file of that name can be placed on.
 */
import { useState, type FormEvent } from 'react';
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, makeStyles, MessageBar, MessageBarBody, Select,
} from '@fluentui/react-components';
import type { UnitRef } from '../../../../shared/api/schemas';
import { UNIT_KINDS, type UnitKind } from '../../../../shared/units/kinds';
import { isUnauthorized } from '../../api/client';
import { UNIT_KIND_LABELS, viConsole as t } from '../../i18n/vi';
import { newUnitProblems, type IntakeItem, type NewUnitProblems } from '../../state/intake';
import { useConsole } from '../context';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '12px' } });

/**
 * `onAdded` gets the new unit's code — or the code of a listed unit the server says this one is
 * (then offered as a button) — and the file is sent again for that unit (`?unit=`), never left to
 * a name match.
 */
export function AddUnitDialog({ item, onClose, onAdded }: { item: IntakeItem; onClose(): void; onAdded(unitCode: string): void }) {
  const styles = useStyles();
  const { api, notify, onUnauthorized } = useConsole();
  const named = item.outcome?.workbookUnit ?? null;
  const [name, setName] = useState(named?.name ?? '');
  const [kind, setKind] = useState<UnitKind | ''>(named?.kind ?? '');
  const [parent, setParent] = useState(named?.parent ?? '');
  const [contact, setContact] = useState(named?.contact ?? '');
  const candidates = item.outcome?.candidates ?? [];
  const [problems, setProblems] = useState<NewUnitProblems & { server?: string }>({});
  /** The listed units the server says this one already is (typed without diacritics, say): the file can go to one of them instead. */
  const [existing, setExisting] = useState<UnitRef[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = newUnitProblems({ name, kind, parent }, candidates);
    setProblems(found);
    if (Object.keys(found).length > 0 || kind === '') return;
    setBusy(true);
    const answer = await api.addUnit({ name: name.trim(), kind, parent: parent.trim(), contact: contact.trim() });
    setBusy(false);
    if (answer.ok) {
      notify('success', t.addUnitDone(answer.value.name));
      onAdded(answer.value.code);
    } else if (isUnauthorized(answer.error)) onUnauthorized();
    else {
      setProblems({ server: answer.error.message });
      setExisting(answer.error.kind === 'http' ? (answer.error.candidates ?? []).filter((c) => c.code !== '') : []);
    }
  }

  return (
    <Dialog open onOpenChange={(_, d) => { if (!d.open) onClose(); }}>
      <DialogSurface>
        <form onSubmit={submit} className={styles.form} noValidate>
          <DialogBody>
            <DialogTitle>{t.addUnitTitle}</DialogTitle>
            <DialogContent className={styles.form}>
              {item.outcome?.message && <MessageBar intent="warning"><MessageBarBody>{item.outcome.message}</MessageBarBody></MessageBar>}
              <Field label={t.addUnitName} required validationMessage={problems.name}>
                <Input value={name} onChange={(_, d) => setName(d.value)} />
              </Field>
              <Field label={t.addUnitKind} required validationMessage={problems.kind}>
                <Select value={kind} onChange={(_, d) => setKind(d.value as UnitKind | '')}>
                  <option value="">{t.none}</option>
                  {UNIT_KINDS.map((k) => <option key={k} value={k}>{UNIT_KIND_LABELS[k]}</option>)}
                </Select>
              </Field>
              <Field
                label={t.addUnitParent} required={candidates.length > 0} validationMessage={problems.parent}
                hint={candidates.length > 0 ? t.addUnitSameName(candidates.length) : undefined}
              >
                <Input value={parent} onChange={(_, d) => setParent(d.value)} />
              </Field>
              <Field label={t.addUnitContact}>
                <Input value={contact} onChange={(_, d) => setContact(d.value)} />
              </Field>
              {problems.server && <MessageBar intent="error"><MessageBarBody>{problems.server}</MessageBarBody></MessageBar>}
              {existing.map((unit) => (
                <Button key={unit.code} onClick={() => onAdded(unit.code)}>{t.addUnitUseExisting(unit.code, unit.name, unit.parent)}</Button>
              ))}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={busy}>{t.addUnitSubmit}</Button>
              <Button onClick={onClose}>{t.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
