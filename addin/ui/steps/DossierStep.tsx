import { Checkbox, Field, Input, Text } from '@fluentui/react-components';
import type { Ref } from 'react';
import type { DossierItem } from '../../../shared/criteria/schema';
import { DOSSIER_ITEM_LABELS } from '../../../shared/workbook/layout';
import type { DossierRow, ReadIssue, ScoringWorkbook } from '../../../shared/workbook/interpret';
import { issuesAt } from '../../app/issues';
import { viDossier } from '../../i18n/vi';
import { useDraft } from '../useDraft';
import { useStepStyles } from './stepStyles';

export interface DossierStepProps {
  workbook: ScoringWorkbook;
  errors: readonly ReadIssue[];
  onPresent(item: DossierItem, present: boolean): void;
  onText(item: DossierItem, field: 'documentNumber' | 'documentDate', text: string): void;
  headingRef: Ref<HTMLHeadingElement>;
}

/** The dossier checklist: each item present or not, with its document number and date. */
export function DossierStep({ workbook, errors, onPresent, onText, headingRef }: DossierStepProps) {
  const styles = useStepStyles();
  return (
    <section className={styles.root} aria-labelledby="step-heading">
      <h2 id="step-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>{viDossier.title}</h2>
      <Text size={200} className={styles.meta}>{viDossier.hint}</Text>
      {workbook.dossier.map((row) => (
        <DossierEntry
          key={row.item}
          row={row}
          required={workbook.set.dossier.includes(row.item)}
          error={issuesAt(errors, row.presentCell)[0]?.message}
          onPresent={(present) => onPresent(row.item, present)}
          onText={(field, text) => onText(row.item, field, text)}
        />
      ))}
    </section>
  );
}

function DossierEntry({ row, required, error, onPresent, onText }: {
  row: DossierRow; required: boolean; error: string | undefined;
  onPresent(present: boolean): void; onText(field: 'documentNumber' | 'documentDate', text: string): void;
}) {
  const styles = useStepStyles();
  const number = useDraft(row.documentNumber, (text) => onText('documentNumber', text));
  const date = useDraft(row.documentDate, (text) => onText('documentDate', text));
  return (
    <div role="group" aria-label={DOSSIER_ITEM_LABELS[row.item]}>
      <Field validationState={error ? 'error' : 'none'} validationMessage={error} hint={required ? undefined : viDossier.notRequired}>
        <Checkbox
          checked={row.present}
          disabled={!row.presentCell}
          label={DOSSIER_ITEM_LABELS[row.item]}
          onChange={(_, data) => onPresent(data.checked === true)}
        />
      </Field>
      <div className={styles.row}>
        <Field label={viDossier.documentNumber} className={styles.grow}>
          <Input value={number.text} disabled={!row.documentNumberCell} onChange={(_, d) => number.onChange(d.value)} onBlur={number.commit} onKeyDown={number.onKeyDown} />
        </Field>
        <Field label={viDossier.documentDate} className={styles.grow}>
          <Input value={date.text} disabled={!row.documentDateCell} onChange={(_, d) => date.onChange(d.value)} onBlur={date.commit} onKeyDown={date.onKeyDown} />
        </Field>
      </div>
    </div>
  );
}
