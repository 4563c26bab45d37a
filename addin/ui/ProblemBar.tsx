import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Problem } from '../office/errors';
import { viApp } from '../i18n/vi';

/** An Office problem, in Vietnamese, with what to do; the detail is in the log. */
export function ProblemBar({ problem, onDismiss }: { problem: Problem | undefined; onDismiss(): void }) {
  if (!problem) return null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{viApp.problemTitle}</MessageBarTitle>
        {problem.message}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onDismiss}>{viApp.dismiss}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
