/**
 * Where the pane keeps the unit's token: the browser storage of the add-in's origin on this
 * computer, under a key that starts with `Office.context.partitionKey` where the host
 * partitions storage (Excel on the web: one partition per top-level site and profile, so one
 * profile's token never prefills another's pane). Not in the workbook
 * (Office.context.document.settings would travel inside the file the unit sends), and never
 * written to the log. "Quên mã" forgets it.
 */
import { logNote } from './log';

const TOKEN_KEY = 'dien-hinh.unitToken';

/** What the pane remembers between sessions. */
export interface StoredSettings {
  token: string;
}

export interface SettingsStore {
  load(): StoredSettings;
  save(settings: StoredSettings): void;
  /** Removes the token from this computer ("Quên mã"). */
  forget(): void;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `partition`: Office.context.partitionKey when defined; prefixes every key. */
export function browserSettingsStore(storage: KeyValueStorage | undefined, partition: string | undefined): SettingsStore {
  const memory = new Map<string, string>();
  const key = `${partition ?? ''}${TOKEN_KEY}`;
  const get = () => {
    try {
      return storage ? storage.getItem(key) : memory.get(key) ?? null;
    } catch (error) {
      // Storage refused (private mode, policy): this session keeps the values in memory.
      logNote(`settings storage unavailable: ${String(error)}`);
      return memory.get(key) ?? null;
    }
  };
  const set = (value: string) => {
    if (value) memory.set(key, value);
    else memory.delete(key);
    try {
      if (!storage) return;
      if (value) storage.setItem(key, value);
      else storage.removeItem(key);
    } catch (error) {
      logNote(`settings storage unavailable, kept for this session only: ${String(error)}`);
    }
  };
  return {
    load: () => ({ token: get() ?? '' }),
    save: (settings) => set(settings.token.trim()),
    forget: () => set(''),
  };
}
