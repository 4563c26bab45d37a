import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Problem } from '../office/errors';
import { viApp } from '../i18n/vi';

/** A problem, in Vietnamese, with what to do (the detail is in the log), and one action. */
export function ProblemBar({ problem, onDismiss, title = viApp.problemTitle, action = viApp.dismiss }: {
  problem: Pick<Problem, 'message'> | undefined; onDismiss(): void; title?: string; action?: string;
}) {
  if (!problem) return null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {problem.message}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onDismiss}>{action}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
