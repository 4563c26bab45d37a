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
  const ahead = open.find((m) => m.daysLeft >= 0);
  const overdue = risk.overdue;
  const finalOverdue = overdue.some((m) => m.stage === 'final');
  const intent = finalOverdue ? 'error'
    : ahead && (ahead.state === 'due-soon' || ahead.state === 'due-today') ? 'warning'
      : overdue.length > 0 ? 'warning' : open.length === 0 ? 'success' : 'info';
  return (
    <MessageBar intent={intent} layout="multiline" data-testid="deadline">
      <MessageBarBody>
        <MessageBarTitle>{ahead ? line(ahead) : open.length === 0 ? viDeadline.allDone : line(open[open.length - 1]!)}</MessageBarTitle>
        {overdue.length > 0 && (ahead || overdue.length > 1) ? (
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
