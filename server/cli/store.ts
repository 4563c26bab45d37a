/**
 * Where a command's store is, opening it and running the command on it, for every command that opens one (serve prints the
 * same sentences for its own start): SQLite in the data folder, or PostgreSQL when
 * `--database-url` / DIEN_HINH_DATABASE_URL names one. What cannot be opened is one Vietnamese
 * line, the database password never printed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import { AppError } from '../app/errors';
import { cliServerText, postgresText, serveText } from '../app/messages';
import { databaseUrlFrom, dataDirFrom } from '../config/config';
import { loadCriteriaRegistry } from '../criteria/registry';
import { openStore, redactDatabaseUrl } from '../store/open';
import { connectionProblem } from '../store/postgres/pgStore';
import { SchemaTooNewError } from '../store/sqlite/migrations';
import { DATABASE_FILE } from '../store/sqlite/sqliteStore';
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

/**
 * Runs a command on its store: opens it (a store that cannot be opened is its one Vietnamese line
 * and exit status 1), runs `command`, and closes the store however the command ends. An AppError
 * the command throws is the user's to act on: its Vietnamese message is printed and the exit
 * status is 1. Any other error is rethrown (main.ts reports it as a crash).
 * @returns the command's exit status (0 ok, 1 failure)
 */
export async function withCommandStore(where: StoreLocation, command: (store: Store) => Promise<number>): Promise<number> {
  const store = await openCommandStore(where);
  if (!store) return 1;
  try {
    return await command(store);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

/**
 * True after printing that the data folder holds no database, for the commands that read an
 * existing SQLite data folder and must not create an empty one (PostgreSQL: always false).
 */
export function dataFolderMissing(where: StoreLocation): boolean {
  if (where.databaseUrl || existsSync(path.join(where.dataDir, DATABASE_FILE))) return false;
  process.stderr.write(`${cliServerText.dataMissing(where.dataDir)}\n`);
  return true;
}

/**
 * The criteria sets of a data folder (the shipped ones and the province's own); undefined after
 * printing what is wrong with them: scoring against half the sets would be wrong silently.
 */
export function loadRegistryOrReport(dataDir: string): CriteriaRegistry | undefined {
  const loaded = loadCriteriaRegistry(dataDir);
  if (loaded.ok) return loaded.value;
  process.stderr.write(`${serveText.setsProblems(loaded.error)}\n`);
  return undefined;
}
