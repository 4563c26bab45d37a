import { Badge, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Text, Textarea } from '@fluentui/react-components';
import type { Ref } from 'react';
import type { CriteriaSet, Criterion } from '../../../shared/criteria/schema';
import type { CriterionResult } from '../../../shared/scoring/evaluate';
import { FAIL_TEXT, PASS_TEXT } from '../../../shared/workbook/layout';
import type { ReadIssue, ScoreRow } from '../../../shared/workbook/interpret';
import { cellAddress } from '../../../shared/workbook/a1';
import { formatNumberVi } from '../../../shared/util/numbers';
import { issuesAt } from '../../app/issues';
import { viCriterion, viReview } from '../../i18n/vi';
import { useDraft } from '../useDraft';
import { useStepStyles } from './stepStyles';

export interface CriterionStepProps {
  set: CriteriaSet;
  criterion: Criterion;
  row: ScoreRow;
  result: CriterionResult | undefined;
  errors: readonly ReadIssue[];
  rejected: { text: string; message: string } | undefined;
  onCommitScore(text: string): void;
  onCommitEvidence(text: string): void;
  headingRef: Ref<HTMLHeadingElement>;
  scoreRef: Ref<HTMLInputElement>;
}

/** One criterion: its group, text, guidance, maximum, hard flag, the score and the evidence. */
export function CriterionStep(props: CriterionStepProps) {
  const { set, criterion, row, result, errors, headingRef } = props;
  const styles = useStepStyles();
  const sheetError = issuesAt(errors, row.scoreCell)[0];
  const where = viReview.where(row.scoreCell.sheet, cellAddress(row.scoreCell.row, row.scoreCell.col));
  return (
    <section className={styles.root} aria-labelledby="step-heading">
      <div>
        <h2 id="step-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>{viCriterion.heading(criterion.number)}</h2>
        <Text block size={200} className={styles.meta}>{`${viCriterion.group}: ${criterion.group}`}</Text>
      </div>
      <Text block className={styles.text}>{criterion.title}</Text>
      <div className={styles.row}>
        <Text weight="semibold">{viCriterion.max(criterion.maxPoints, criterion.step)}</Text>
        {criterion.hard ? <Badge color="danger" appearance="tint">{viCriterion.hard}</Badge> : null}
      </div>
      {criterion.guidance ? (
        <div className={styles.guidance}>
          <Text block weight="semibold" size={200}>{viCriterion.guidance}</Text>
          <Text block size={200} className={styles.text}>{criterion.guidance}</Text>
        </div>
      ) : null}
      {set.scoring.kind === 'points'
        ? <ScoreInput {...props} sheetError={sheetError ? viCriterion.sheetInvalid(where, sheetError.message) : undefined} />
        : <PassFailInput {...props} sheetError={sheetError ? viCriterion.sheetInvalid(where, sheetError.message) : undefined} />}
      {result?.status === 'hard-below-max' && result.score !== undefined ? (
        <MessageBar intent="error" layout="multiline" data-testid="hard-warning">
          <MessageBarBody>{viCriterion.hardBelow(result.score, criterion.maxPoints)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <EvidenceInput value={row.evidence} disabled={!row.evidenceCell} onCommit={props.onCommitEvidence} />
    </section>
  );
}

function ScoreInput({ criterion, row, rejected, onCommitScore, scoreRef, sheetError }: CriterionStepProps & { sheetError: string | undefined }) {
  const value = row.entry.kind === 'scored' ? formatNumberVi(row.entry.score) : row.raw === null ? '' : String(row.raw);
  const draft = useDraft(value, onCommitScore);
  const message = rejected ? `${rejected.message} ${viCriterion.notSaved}` : sheetError;
  return (
    <Field
      label={viCriterion.scoreLabel(criterion.maxPoints)}
      hint={viCriterion.scoreHint}
      validationState={message ? 'error' : 'none'}
      validationMessage={message}
    >
      <Input
        input={{ ref: scoreRef }}
        value={draft.text}
        inputMode="decimal"
        autoComplete="off"
        onChange={(_, data) => draft.onChange(data.value)}
        onBlur={draft.commit}
        onKeyDown={draft.onKeyDown}
      />
    </Field>
  );
}

function PassFailInput({ row, onCommitScore, sheetError }: CriterionStepProps & { sheetError: string | undefined }) {
  const value = row.entry.kind === 'scored' ? (row.entry.score >= 1 ? PASS_TEXT : FAIL_TEXT) : '';
  return (
    <Field label={viCriterion.passFailLabel} validationState={sheetError ? 'error' : 'none'} validationMessage={sheetError}>
      <RadioGroup value={value} onChange={(_, data) => onCommitScore(data.value)}>
        <Radio value={PASS_TEXT} label={PASS_TEXT} />
        <Radio value={FAIL_TEXT} label={FAIL_TEXT} />
        <Radio value="" label={viCriterion.notAnswered} />
      </RadioGroup>
    </Field>
  );
}

function EvidenceInput({ value, disabled, onCommit }: { value: string; disabled: boolean; onCommit(text: string): void }) {
  const draft = useDraft(value, onCommit, { multiline: true });
  return (
    <Field label={viCriterion.evidence} hint={viCriterion.evidenceHint}>
      <Textarea
        value={draft.text}
        disabled={disabled}
        resize="vertical"
        onChange={(_, data) => draft.onChange(data.value)}
        onBlur={draft.commit}
      />
    </Field>
  );
}
