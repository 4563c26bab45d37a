/** What every page of the console shares: the API client, the year and the board's data. */
import { createContext, useContext } from 'react';
import type { UnitsResponse } from '../../../shared/api/schemas';
import type { ClientError, ConsoleApi } from '../api/client';

export interface ConsoleContextValue {
  api: ConsoleApi;
  year: number;
  units: UnitsResponse | null;
  unitsError: ClientError | null;
  loadingUnits: boolean;
  /** Reloads the board (after an upload, a review, a calendar change). */
  reloadUnits(): void;
  /** Opens the review panel of a unit. */
  openUnit(unitId: string): void;
  /** A short message for the person (success or failure). */
  notify(intent: 'success' | 'error' | 'info', text: string): void;
  /** Called when the server no longer accepts the token. */
  onUnauthorized(): void;
  /** Whether controls beyond the board's rows (its filters, the header's) are loaded yet (App.tsx). */
  controls: boolean;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleContext');
  return value;
}
