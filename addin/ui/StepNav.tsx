import { Button, Field, Select, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Evaluation, CriterionStatus } from '../../shared/scoring/evaluate';
import type { ScoringWorkbook } from '../../shared/workbook/interpret';
import { neighbour, sameStep, stepFromKey, stepKey, stepsOf, type Step } from '../app/steps';
import { viNav } from '../i18n/vi';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  grid: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, margin: 0, padding: 0, listStyleType: 'none' },
  chip: { minWidth: '32px', paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  scored: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  bad: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  current: { outlineWidth: '2px', outlineStyle: 'solid', outlineColor: tokens.colorBrandStroke1, outlineOffset: '1px' },
  footer: { display: 'flex', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
});

export function stepLabel(step: Step): string {
  switch (step.kind) {
    case 'unit': return viNav.unit;
    case 'criterion': return viNav.criterion(step.number);
    case 'dossier': return viNav.dossier;
    case 'review': return viNav.review;
  }
}

/** Jump to any step: a list of every step, and one button per criterion coloured by status. */
export function StepNav({ workbook, evaluation, step, onGo }: { workbook: ScoringWorkbook; evaluation: Evaluation; step: Step; onGo(step: Step): void }) {
  const styles = useStyles();
  const steps = stepsOf(workbook);
  const status = new Map<number, CriterionStatus>(evaluation.criteria.map((r) => [r.criterion.number, r.status]));
  return (
    <nav className={styles.root} aria-label={viNav.label}>
      <Field label={viNav.jump}>
        <Select value={stepKey(step)} onChange={(_, data) => { const next = stepFromKey(workbook, data.value); if (next) onGo(next); }}>
          {steps.map((s) => <option key={stepKey(s)} value={stepKey(s)}>{stepLabel(s)}</option>)}
        </Select>
      </Field>
      <ul className={styles.grid}>
        {workbook.set.criteria.map((criterion) => {
          const s = status.get(criterion.number) ?? 'missing';
          const current = step.kind === 'criterion' && step.number === criterion.number;
          const colour = s === 'scored' ? styles.scored : s === 'missing' ? undefined : styles.bad;
          return (
            <li key={criterion.number}>
              <Button
                size="small"
                className={mergeClasses(styles.chip, colour, current && styles.current)}
                aria-label={viNav.criterionButton(criterion.number, viNav.status[s])}
                aria-current={current ? 'step' : undefined}
                onClick={() => onGo({ kind: 'criterion', number: criterion.number })}
              >
                {criterion.number}
              </Button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** Previous and next step, with the position. */
export function StepFooter({ workbook, step, onGo }: { workbook: ScoringWorkbook; step: Step; onGo(step: Step): void }) {
  const styles = useStyles();
  const steps = stepsOf(workbook);
  const index = steps.findIndex((s) => sameStep(s, step));
  const previous = neighbour(workbook, step, -1);
  const next = neighbour(workbook, step, 1);
  return (
    <div className={styles.footer}>
      <Button disabled={!previous} onClick={() => previous && onGo(previous)}>{viNav.previous}</Button>
      <span aria-live="polite">{viNav.position(index + 1, steps.length)}</span>
      <Button appearance="primary" disabled={!next} onClick={() => next && onGo(next)}>{viNav.next}</Button>
    </div>
  );
}
