/** The admin token, kept for the browser tab's session only (sessionStorage), never in the URL. */
export const TOKEN_KEY = 'dien-hinh.console.token';

export interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function loadToken(store: TokenStore): string | null {
  const token = store.getItem(TOKEN_KEY);
  return token && token.trim() !== '' ? token : null;
}

export function saveToken(store: TokenStore, token: string): void {
  store.setItem(TOKEN_KEY, token.trim());
}

export function clearToken(store: TokenStore): void {
  store.removeItem(TOKEN_KEY);
}

/** The year the console opens on: the current year in Vietnam time (UTC+7). */
export function currentVietnamYear(now: Date): number {
  return new Date(now.getTime() + 7 * 3600 * 1000).getUTCFullYear();
}
