/**
 * The unit's token, kept for the browser tab only (sessionStorage; closing the tab signs out),
 * never in the URL nor in localStorage; under its own key, beside the console's.
 */
import { clearToken as clear, loadToken as load, saveToken as save, type TokenStore } from '../../console/state/session';

export const PORTAL_TOKEN_KEY = 'dien-hinh.portal.token';

export const loadToken = (store: TokenStore): string | null => load(store, PORTAL_TOKEN_KEY);
export const saveToken = (store: TokenStore, token: string): void => save(store, token, PORTAL_TOKEN_KEY);
export const clearToken = (store: TokenStore): void => clear(store, PORTAL_TOKEN_KEY);
