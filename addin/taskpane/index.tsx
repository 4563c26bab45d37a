/**
 * The task pane's entry: decide where the page runs (inside Excel, in an old Excel, or in a
 * plain browser), then show the scoring form on the open workbook.
 */
import { FluentProvider, Spinner, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { logDetail } from '../app/log';
import { viApp } from '../i18n/vi';
import { detectEnvironment } from '../office/officeHost';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { ExcelTooOld, NotInExcel, WaitingForExcel } from '../ui/EnvironmentViews';
import { ScoringApp } from '../ui/ScoringApp';

function Shell({ children }: { children: ReactNode }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <ErrorBoundary>{children}</ErrorBoundary>
    </FluentProvider>
  );
}

/** Set by start.js (ES5, runs first): whether this engine can run the bundle at all. */
interface StartGate { supported: boolean; started?: boolean }

async function main(): Promise<void> {
  const gate = (window as unknown as { dienHinhStart?: StartGate }).dienHinhStart;
  // start.js has shown its message on an engine that cannot run the pane: do not start over it.
  if (gate && !gate.supported) return;
  if (gate) gate.started = true;
  const root = createRoot(document.getElementById('root')!);
  root.render(<Shell><Spinner style={{ paddingTop: 48 }} label={viApp.loading} /></Shell>);
  const environment = await detectEnvironment(undefined, () => root.render(<Shell><WaitingForExcel /></Shell>));
  switch (environment.kind) {
    case 'excel':
      root.render(<Shell><ScoringApp host={environment.host} /></Shell>);
      break;
    case 'excel-too-old':
      root.render(<Shell><ExcelTooOld /></Shell>);
      break;
    case 'not-in-excel':
      root.render(<Shell><NotInExcel /></Shell>);
      break;
    case 'waiting':
      root.render(<Shell><WaitingForExcel /></Shell>);
      break;
  }
}

main().catch((error: unknown) => {
  logDetail('start', error instanceof Error ? `${error.stack ?? error.message}` : String(error));
  const root = document.getElementById('root');
  if (root) root.textContent = viApp.readFailedTitle;
});
