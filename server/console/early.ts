/**
 * The console's first script: a few hundred bytes, run before the app's bundle (webpack.config.js
 * puts it first in the page). With a token kept for this tab it sends the board's first request at
 * once, so that the answer travels while the browser downloads and evaluates the app; index.tsx
 * then reads that answer instead of asking again. Without a token it does nothing (sign-in first).
 */
import { BOARD_FIRST_PAGE_QUERY, unitsPath } from '../../shared/api/boardPage';
import { currentVietnamYear, loadToken } from './state/session';

/** The board's first request, sent by this script: for the token and year it was made with. */
export interface EarlyUnits {
  token: string;
  year: number;
  response: Promise<Response>;
}

declare global {
  interface Window {
    dienHinhEarlyUnits?: EarlyUnits;
  }
}

const token = loadToken(window.sessionStorage);
if (token) {
  const year = currentVietnamYear(new Date());
  const response = fetch(unitsPath(year, BOARD_FIRST_PAGE_QUERY), { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  // Read by index.tsx; a failure is reported there (as the client's network error), not here.
  response.catch(() => undefined);
  window.dienHinhEarlyUnits = { token, year, response };
}
