/**
 * The unit's token, kept for the browser tab only (sessionStorage; closing the tab signs out),
 * never in the URL nor in localStorage.
 */
import type { TokenStore } from '../../console/state/session';

export const PORTAL_TOKEN_KEY = 'dien-hinh.portal.token';

export function loadToken(store: TokenStore): string | null {
  const token = store.getItem(PORTAL_TOKEN_KEY);
  return token && token.trim() !== '' ? token : null;
}

export function saveToken(store: TokenStore, token: string): void {
  store.setItem(PORTAL_TOKEN_KEY, token.trim());
}

export function clearToken(store: TokenStore): void {
  store.removeItem(PORTAL_TOKEN_KEY);
}
