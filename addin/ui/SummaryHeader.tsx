import { Badge, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Scored } from '../app/formState';
import { viHeader } from '../i18n/vi';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  unit: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  set: { color: tokens.colorNeutralForeground2 },
  badge: { whiteSpace: 'normal', height: 'auto', paddingTop: '2px', paddingBottom: '2px', textAlign: 'left', alignSelf: 'flex-start' },
  figures: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, alignItems: 'baseline' },
  total: { fontWeight: tokens.fontWeightSemibold },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  saving: { color: tokens.colorNeutralForeground3 },
});

/** The unit, the set, progress, the running total against the threshold, and the verdict. */
export function SummaryHeader({ scored, saving }: { scored: Scored; saving: boolean }) {
  const styles = useStyles();
  const { workbook, evaluation, errors } = scored;
  const { set } = workbook;
  const count = set.criteria.length;
  const isPoints = set.scoring.kind === 'points';
  return (
    <header className={styles.root} aria-label={viHeader.progressLabel}>
      <div>
        <Text as="h1" block className={styles.unit}>{workbook.unit.name || viHeader.unitMissing}</Text>
        <Text block size={200} className={styles.set}>{set.title}</Text>
      </div>
      <Badge appearance="tint" color={set.draft ? 'warning' : 'success'} className={styles.badge}>
        {set.draft ? viHeader.draftBadge : viHeader.officialBadge}
      </Badge>
      <div>
        <div className={styles.figures}>
          <Text>{viHeader.progress(evaluation.scoredCount, count)}</Text>
          <Text className={styles.total} data-testid="total">
            {isPoints ? viHeader.total(evaluation.total, evaluation.max) : viHeader.passed(evaluation.total, evaluation.max)}
          </Text>
          <Text size={200}>{isPoints ? viHeader.threshold(evaluation.threshold) : viHeader.allMustPass}</Text>
          {evaluation.band ? <Text size={200}>{viHeader.band(evaluation.band)}</Text> : null}
          <Text size={200} className={styles.saving} aria-live="polite">{saving ? viHeader.saving : ''}</Text>
        </div>
        <ProgressBar
          value={evaluation.scoredCount}
          max={count}
          thickness="large"
          aria-label={viHeader.progress(evaluation.scoredCount, count)}
          color={evaluation.scoredCount === count ? 'success' : 'brand'}
        />
      </div>
      <MessageBar intent={scored.eligible ? 'success' : 'warning'} layout="multiline" data-testid="verdict">
        <MessageBarBody>
          <MessageBarTitle>{scored.eligible ? viHeader.eligible : viHeader.notEligible}</MessageBarTitle>
          {scored.eligible ? null : (
            <ul className={styles.reasons}>
              {errors.length > 0 ? <li>{viHeader.workbookErrors(errors.length)}</li> : null}
              {evaluation.reasons.map((reason) => <li key={reason}>{reason}</li>)}
            </ul>
          )}
        </MessageBarBody>
      </MessageBar>
    </header>
  );
}
