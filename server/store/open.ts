/**
 * Opens the store of a data folder. SQLite is the embedded default; another backend (PostgreSQL)
 * would be chosen here, behind the same `Store` interface.
 */
import type { Store } from './store';
import { SqliteStore } from './sqlite/sqliteStore';

export function openStore(dataDir: string): Promise<Store> {
  return SqliteStore.open(dataDir);
}
