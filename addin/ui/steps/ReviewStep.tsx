import { Link, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import type { ReactNode, Ref } from 'react';
import { DOSSIER_ITEM_LABELS, SHEETS } from '../../../shared/workbook/layout';
import type { ReadIssue } from '../../../shared/workbook/interpret';
import type { Scored } from '../../app/formState';
import type { Step } from '../../app/steps';
import { viNav, viReview } from '../../i18n/vi';
import { useStepStyles } from './stepStyles';

export interface ReviewStepProps {
  scored: Scored;
  onGo(step: Step): void;
  headingRef: Ref<HTMLHeadingElement>;
  /** The submit panel (loaded on demand). */
  children?: ReactNode;
}

/** Everything still missing or wrong, each with a link to where it is fixed; then submitting. */
export function ReviewStep({ scored, onGo, headingRef, children }: ReviewStepProps) {
  const styles = useStepStyles();
  const { evaluation, errors, warnings, workbook } = scored;
  const messageOf = (number: number) => evaluation.criteria.find((r) => r.criterion.number === number)?.message ?? '';
  const unitWarnings = warnings.filter((w) => w.sheet === (workbook.unitCells.name?.sheet ?? SHEETS.unit));
  const otherWarnings = warnings.filter((w) => !unitWarnings.includes(w));
  const criterionLinks = (numbers: number[], withMessage: boolean) => (
    <ul className={styles.list}>
      {numbers.map((number) => (
        <li key={number} className={styles.item}>
          <Link as="button" onClick={() => onGo({ kind: 'criterion', number })}>{viNav.criterion(number)}</Link>
          {withMessage ? <Text>{`: ${messageOf(number)}`}</Text> : null}
        </li>
      ))}
    </ul>
  );
  const issues = (list: ReadIssue[]) => (
    <ul className={styles.list}>
      {list.map((issue, i) => (
        <li key={`${issue.sheet}!${issue.cell}#${i}`} className={styles.item}>
          <Text weight="semibold">{viReview.where(issue.sheet, issue.cell)}</Text>
          <Text>{`: ${issue.message}`}</Text>
        </li>
      ))}
    </ul>
  );
  const section = (title: string, body: ReactNode, step?: Step) => (
    <div>
      <Text as="h3" block weight="semibold">{title}</Text>
      {body}
      {step ? <Link as="button" onClick={() => onGo(step)}>{viReview.goTo(step.kind === 'unit' ? viNav.unit : viNav.dossier)}</Link> : null}
    </div>
  );
  const nothingMissing = scored.eligible && warnings.length === 0;
  return (
    <section className={styles.root} aria-labelledby="step-heading">
      <h2 id="step-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>{viReview.title}</h2>
      {nothingMissing ? (
        <MessageBar intent="success"><MessageBarBody>{viReview.allGood}</MessageBarBody></MessageBar>
      ) : null}
      {evaluation.reasons.length > 0
        ? section(viReview.reasons, <ul className={styles.list}>{evaluation.reasons.map((reason) => <li key={reason} className={styles.item}>{reason}</li>)}</ul>)
        : null}
      {evaluation.missing.length > 0 ? section(viReview.missing, criterionLinks(evaluation.missing, false)) : null}
      {evaluation.invalid.length > 0 ? section(viReview.invalid, criterionLinks(evaluation.invalid, true)) : null}
      {evaluation.hardFailures.length > 0 ? section(viReview.hard, criterionLinks(evaluation.hardFailures, true)) : null}
      {evaluation.dossierMissing.length > 0
        ? section(viReview.dossier, <ul className={styles.list}>{evaluation.dossierMissing.map((item) => <li key={item}>{DOSSIER_ITEM_LABELS[item]}</li>)}</ul>, { kind: 'dossier' })
        : null}
      {unitWarnings.length > 0 ? section(viReview.unit, issues(unitWarnings), { kind: 'unit' }) : null}
      {errors.length > 0 ? section(viReview.errors, issues(errors)) : null}
      {otherWarnings.length > 0 ? section(viReview.warnings, issues(otherWarnings)) : null}
      {children}
    </section>
  );
}
