import { vietnamWallClock } from '../../../shared/deadlines/vietnamTime';

/** The admin token, kept for the browser tab's session only (sessionStorage), never in the URL. */
export const TOKEN_KEY = 'dien-hinh.console.token';

export interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The token kept under `key` (the console's by default; the unit portal keeps its own). */
export function loadToken(store: TokenStore, key = TOKEN_KEY): string | null {
  const token = store.getItem(key);
  return token && token.trim() !== '' ? token : null;
}

export function saveToken(store: TokenStore, token: string, key = TOKEN_KEY): void {
  store.setItem(key, token.trim());
}

export function clearToken(store: TokenStore, key = TOKEN_KEY): void {
  store.removeItem(key);
}

/** The year the console opens on: the current year in Vietnam time (UTC+7). */
export function currentVietnamYear(now: Date): number {
  return vietnamWallClock(now).getUTCFullYear();
}
