import { Component, type ErrorInfo, type ReactNode } from 'react';
import { logDetail } from '../app/log';
import { viApp, viCrash } from '../i18n/vi';
import { ProblemBar } from './ProblemBar';

interface State { error: Error | undefined }

/** A rendering bug must not leave a blank pane: say so in Vietnamese, log the detail, offer a restart. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    logDetail('render', `${error.stack ?? error.message}\n${info.componentStack ?? ''}`);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return <ProblemBar problem={{ message: viCrash.body }} title={viCrash.title} action={viApp.reread} onDismiss={() => this.setState({ error: undefined })} />;
  }
}
