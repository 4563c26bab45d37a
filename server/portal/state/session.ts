/**
 * The unit's token, kept for the browser tab only (sessionStorage; closing the tab signs out),
 * never in the URL nor in localStorage; under its own key, beside the console's.
 */
import { TOKEN_PREFIXES } from '../../../shared/api/tokens';
import { isValidUnitCode, normalizeUnitCode } from '../../../shared/units/codes';
import { clearToken as clear, loadToken as load, saveToken as save, type TokenStore } from '../../console/state/session';

export const PORTAL_TOKEN_KEY = 'dien-hinh.portal.token';

export const loadToken = (store: TokenStore): string | null => load(store, PORTAL_TOKEN_KEY);
export const saveToken = (store: TokenStore, token: string): void => save(store, token, PORTAL_TOKEN_KEY);
export const clearToken = (store: TokenStore): void => clear(store, PORTAL_TOKEN_KEY);

/**
 * The unit code a clerk typed where the token goes ("GD-001", read off the same slip), or
 * undefined for anything else. A token is never one: it begins with its prefix and is longer than
 * any code, so the page can say so at once instead of "wrong or revoked".
 */
export function typedUnitCode(typed: string): string | undefined {
  const text = typed.trim();
  // Any token, even cut short or another kind's, goes to the server, which says it is wrong.
  if (Object.values(TOKEN_PREFIXES).some((prefix) => text.toLowerCase().startsWith(prefix))) return undefined;
  const code = normalizeUnitCode(text);
  return isValidUnitCode(code) ? code : undefined;
}
