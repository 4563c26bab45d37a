import { Field, Input, Select, Text } from '@fluentui/react-components';
import type { Ref } from 'react';
import type { CellValue } from '../../../shared/workbook/port';
import { UNIT_FIELDS, UNIT_FIELD_LABELS, type UnitField } from '../../../shared/workbook/layout';
import type { ReadIssue, ScoringWorkbook } from '../../../shared/workbook/interpret';
import { UNIT_KIND_LABELS } from '../../../shared/units/kinds';
import { issuesAt } from '../../app/issues';
import { viUnit } from '../../i18n/vi';
import { useDraft } from '../useDraft';
import { useStepStyles } from './stepStyles';

export interface UnitStepProps {
  workbook: ScoringWorkbook;
  raw: (field: UnitField) => CellValue;
  errors: readonly ReadIssue[];
  warnings: readonly ReadIssue[];
  onCommit(field: UnitField, text: string): void;
  headingRef: Ref<HTMLHeadingElement>;
}

export function UnitStep({ workbook, raw, errors, warnings, onCommit, headingRef }: UnitStepProps) {
  const styles = useStepStyles();
  return (
    <section className={styles.root} aria-labelledby="step-heading">
      <h2 id="step-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>{viUnit.title}</h2>
      <Text size={200} className={styles.meta}>{viUnit.hint}</Text>
      {UNIT_FIELDS.map((field) => {
        const cell = workbook.unitCells[field];
        const error = issuesAt(errors, cell)[0]?.message;
        const warning = issuesAt(warnings, cell)[0]?.message;
        const value = raw(field) === null ? '' : String(raw(field));
        return field === 'kind'
          ? <KindField key={field} value={workbook.unit.kind ? UNIT_KIND_LABELS[workbook.unit.kind] : value} kinds={workbook.set.unitKinds.map((k) => UNIT_KIND_LABELS[k])} error={error} onCommit={(text) => onCommit(field, text)} />
          : <TextField key={field} field={field} value={value} error={error} warning={warning} onCommit={(text) => onCommit(field, text)} />;
      })}
    </section>
  );
}

function TextField({ field, value, error, warning, onCommit }: { field: UnitField; value: string; error?: string; warning?: string; onCommit(text: string): void }) {
  const draft = useDraft(value, onCommit);
  return (
    <Field
      label={UNIT_FIELD_LABELS[field]}
      required={field === 'name'}
      validationState={error ? 'error' : warning ? 'warning' : 'none'}
      validationMessage={error ?? warning}
    >
      <Input
        value={draft.text}
        inputMode={field === 'year' || field === 'phone' ? 'numeric' : 'text'}
        onChange={(_, data) => draft.onChange(data.value)}
        onBlur={draft.commit}
        onKeyDown={draft.onKeyDown}
      />
    </Field>
  );
}

function KindField({ value, kinds, error, onCommit }: { value: string; kinds: string[]; error?: string; onCommit(text: string): void }) {
  const known = kinds.includes(value);
  return (
    <Field label={UNIT_FIELD_LABELS.kind} validationState={error ? 'error' : 'none'} validationMessage={error}>
      <Select value={value} onChange={(_, data) => onCommit(data.value)}>
        {value === '' ? <option value="">{viUnit.kindPlaceholder}</option> : null}
        {!known && value !== '' ? <option value={value}>{viUnit.kindOther(value)}</option> : null}
        {kinds.map((label) => <option key={label} value={label}>{label}</option>)}
      </Select>
    </Field>
  );
}
