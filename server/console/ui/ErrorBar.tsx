/** A failed load: the message (the server's, in Vietnamese) and a retry button. */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { viConsole as t } from '../i18n/vi';

export function ErrorBar({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <MessageBar intent="error">
      <MessageBarBody>{message}</MessageBarBody>
      <MessageBarActions><Button onClick={onRetry}>{t.retry}</Button></MessageBarActions>
    </MessageBar>
  );
}
