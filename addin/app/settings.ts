/**
 * Where the pane keeps the sync service's address and the unit's token: the browser storage of
 * the add-in's origin on this computer. Not in the workbook (Office.context.document.settings
 * would travel inside the file the unit sends), and never written to the log.
 */
import { logNote } from './log';
import type { SubmitSettings } from './submitClient';

const KEYS = { serverUrl: 'dien-hinh.serverUrl', token: 'dien-hinh.unitToken' } as const;

export interface SettingsStore {
  load(): SubmitSettings;
  save(settings: SubmitSettings): void;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `defaultServerUrl` is the pane's own origin: the sync service serves the pane. */
export function browserSettingsStore(storage: KeyValueStorage | undefined, defaultServerUrl: string): SettingsStore {
  const memory = new Map<string, string>();
  const get = (key: string) => {
    try {
      return storage ? storage.getItem(key) : memory.get(key) ?? null;
    } catch (error) {
      // Storage refused (private mode, policy): this session keeps the values in memory.
      logNote(`settings storage unavailable: ${String(error)}`);
      return memory.get(key) ?? null;
    }
  };
  const set = (key: string, value: string) => {
    memory.set(key, value);
    try {
      if (!storage) return;
      if (value) storage.setItem(key, value);
      else storage.removeItem(key);
    } catch (error) {
      logNote(`settings storage unavailable, kept for this session only: ${String(error)}`);
    }
  };
  return {
    load: () => ({ serverUrl: get(KEYS.serverUrl) ?? defaultServerUrl, token: get(KEYS.token) ?? '' }),
    save: (settings) => {
      set(KEYS.serverUrl, settings.serverUrl.trim());
      set(KEYS.token, settings.token.trim());
    },
  };
}
