import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { DeadlineRisk, MilestoneStatus } from '../../shared/deadlines/risk';
import { viDeadline } from '../i18n/vi';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const line = (m: MilestoneStatus) => `${viDeadline.next(m.title, m.due)} — ${m.label}`;

/**
 * The next milestone still ahead with its days left, and the milestones past due. The pane only
 * knows what it sent itself, so past-due items are worded "if not submitted".
 */
export function DeadlineBanner({ risk, calendarTitle }: { risk: DeadlineRisk; calendarTitle: string }) {
  const styles = useStyles();
  const open = risk.milestones.filter((m) => m.state !== 'done' && m.state !== 'done-late');
  // The headline: the next milestone still ahead, else the latest one missed.
  const headline = open.find((m) => m.daysLeft >= 0) ?? open[open.length - 1];
  const overdue = risk.overdue.filter((m) => m !== headline);
  const finalOverdue = risk.overdue.some((m) => m.stage === 'final');
  const soon = headline && (headline.state === 'due-soon' || headline.state === 'due-today');
  const intent = finalOverdue ? 'error' : soon || risk.overdue.length > 0 ? 'warning' : headline ? 'info' : 'success';
  return (
    <MessageBar intent={intent} layout="multiline" data-testid="deadline">
      <MessageBarBody>
        <MessageBarTitle>{headline ? line(headline) : viDeadline.allDone}</MessageBarTitle>
        {overdue.length > 0 ? (
          <>
            <Text block weight="semibold">{viDeadline.overdueTitle}</Text>
            <ul className={styles.list}>
              {overdue.map((m) => <li key={m.stage}>{line(m)}</li>)}
            </ul>
          </>
        ) : null}
        {!risk.canStillQualify ? <Text block>{viDeadline.cannotQualify}</Text> : null}
        <Text block size={200}>{viDeadline.calendar(calendarTitle)}</Text>
      </MessageBarBody>
    </MessageBar>
  );
}
