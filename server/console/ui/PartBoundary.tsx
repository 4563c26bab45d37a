/**
 * What the console shows instead of a part whose code could not be loaded or drawn: a chunk gone
 * after the service was updated (its files carry new names), the network lost for a moment, a
 * rendering bug. Without it React unmounts the whole console and leaves a blank page. Every part
 * loaded on demand is wrapped in one; the detail goes to the browser's console.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { viConsole as t } from '../i18n/vi';

interface PartBoundaryProps {
  children: ReactNode;
  /** What stands in for the part (default: a message saying so, with a button that reloads the page). */
  fallback?: ReactNode;
}

export class PartBoundary extends Component<PartBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('dien-hinh: a part of the console failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return this.props.fallback ?? <PartFailed />;
  }
}

/** The page reloaded gets the service's current files: what fixes a chunk gone with an update. */
function PartFailed() {
  return (
    <MessageBar intent="error" data-part-failed>
      <MessageBarBody>{t.partFailed}</MessageBarBody>
      <MessageBarActions><Button onClick={() => window.location.reload()}>{t.reloadPage}</Button></MessageBarActions>
    </MessageBar>
  );
}
