import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReadIssue } from '../../shared/workbook/interpret';
import { viReview } from '../i18n/vi';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Problems with where they are (unless `placed` is false) ("Trang "Chấm điểm", ô F7: …"), under an optional title. */
export function IssueList({ issues, title, placed = true }: { issues: readonly ReadIssue[]; title?: string; placed?: boolean }) {
  const styles = useStyles();
  if (issues.length === 0) return null;
  return (
    <>
      {title ? <Text block weight="semibold">{title}</Text> : null}
      <ul className={styles.list}>
        {issues.map((issue, i) => <li key={i}>{placed ? `${viReview.where(issue.sheet, issue.cell)}: ${issue.message}` : issue.message}</li>)}
      </ul>
    </>
  );
}
