/**
 * Where a command's store is and opening it, for every command that opens one (serve prints the
 * same sentences for its own start): SQLite in the data folder, or PostgreSQL when
 * `--database-url` / DIEN_HINH_DATABASE_URL names one. What cannot be opened is one Vietnamese
 * line, the database password never printed.
 */
import { postgresText, serveText } from '../app/messages';
import { databaseUrlFrom, dataDirFrom } from '../config/config';
import { openStore, redactDatabaseUrl } from '../store/open';
import { connectionProblem } from '../store/postgres/pgStore';
import { SchemaTooNewError } from '../store/sqlite/migrations';
import type { Store } from '../store/store';
import type { UsageError } from './command';

/** The data folder, and the PostgreSQL database when one is named (undefined: SQLite in the folder). */
export interface StoreLocation {
  dataDir: string;
  databaseUrl: string | undefined;
}

/**
 * Where a command's store is, from its parsed `--data` and `--database-url` (each already with its
 * variable's fallback); undefined after reporting a URL that is not postgres:// as bad usage.
 */
export function storeLocation(
  values: { data?: string | undefined; 'database-url'?: string | undefined }, usageError: UsageError,
): StoreLocation | undefined {
  const databaseUrl = databaseUrlFrom(values['database-url']);
  if (!databaseUrl.ok) {
    usageError(databaseUrl.error);
    return undefined;
  }
  return { dataDir: dataDirFrom(values.data), databaseUrl: databaseUrl.value };
}

/**
 * Why a store could not be opened, as the one Vietnamese line to print: a database newer than
 * the program, or a PostgreSQL server that cannot be reached or refuses the login; undefined for
 * any other error (the caller rethrows it).
 */
export function storeOpenProblem(where: StoreLocation, error: unknown): string | undefined {
  if (error instanceof SchemaTooNewError) {
    return where.databaseUrl ? postgresText.schemaTooNew(error.found, error.known) : serveText.schemaTooNew(error.found, error.known);
  }
  const problem = where.databaseUrl ? connectionProblem(error) : undefined;
  return where.databaseUrl && problem ? postgresText.cannotConnect(redactDatabaseUrl(where.databaseUrl), problem) : undefined;
}

/**
 * Opens a command's store; undefined after printing why it cannot (see storeOpenProblem). Other
 * errors are thrown as they are.
 */
export async function openCommandStore(where: StoreLocation): Promise<Store | undefined> {
  try {
    return await openStore(where.dataDir, where.databaseUrl);
  } catch (error) {
    const problem = storeOpenProblem(where, error);
    if (problem === undefined) throw error;
    process.stderr.write(`${problem}\n`);
    return undefined;
  }
}
