/**
 * Opens the store: SQLite in the data folder (the embedded default), or PostgreSQL when a
 * database URL is given (`--database-url` or DIEN_HINH_DATABASE_URL; see databaseUrlFrom). Both
 * implement the same `Store` interface.
 */
import type { Store } from './store';
import { SqliteStore, type SqliteStoreOptions } from './sqlite/sqliteStore';
import { PgStore } from './postgres/pgStore';

/**
 * The store of a data folder, or of a PostgreSQL database when `databaseUrl` is set (the data
 * folder then holds the criteria sets, templates and upload bodies in flight, not the data).
 * `sqlite`: how SQLite is opened (the server asks for background checkpoints; commands keep SQLite's own).
 */
export function openStore(dataDir: string, databaseUrl?: string, sqlite: SqliteStoreOptions = {}): Promise<Store> {
  return databaseUrl ? PgStore.open(databaseUrl, dataDir) : SqliteStore.open(dataDir, sqlite);
}

/** A database URL as it may be printed: the password replaced by ***. */
export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}
