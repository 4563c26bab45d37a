/** Arguments of the server's commands (serve, units, export, backup): a bad one prints usage and exits 2. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { cliServerText, postgresText, serveText } from '../../app/messages';
import { databaseUrlFrom, dataDirFrom } from '../../config/config';
import { openStore, redactDatabaseUrl } from '../../store/open';
import { connectionProblem } from '../../store/postgres/pgStore';
import { SchemaTooNewError } from '../../store/sqlite/migrations';
import type { Store } from '../../store/store';

/** The parsed arguments, or undefined after printing what is wrong. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> | undefined {
  try {
    return parseArgs(config);
  } catch (error) {
    process.stderr.write(cliServerText.badUsage(usage, error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

export function usageError(usage: string, detail: string): number {
  process.stderr.write(cliServerText.badUsage(usage, detail));
  return 2;
}

/** The flags that say where a command's store is (with `--data`'s and DIEN_HINH_DATA's meaning). */
export const STORE_OPTIONS = { data: { type: 'string' }, 'database-url': { type: 'string' } } as const;

/**
 * Where a command's store is: the data folder, and the PostgreSQL database when `--database-url`
 * or DIEN_HINH_DATABASE_URL names one; undefined after printing a bad URL with the usage.
 */
export function storeLocation(values: { data?: string | undefined; 'database-url'?: string | undefined }, usage: string): { dataDir: string; databaseUrl: string | undefined } | undefined {
  const databaseUrl = databaseUrlFrom(values['database-url']);
  if (!databaseUrl.ok) {
    usageError(usage, databaseUrl.error);
    return undefined;
  }
  return { dataDir: dataDirFrom(values.data), databaseUrl: databaseUrl.value };
}

/**
 * Opens a command's store; undefined after printing, in Vietnamese, why it cannot: a database
 * newer than the program, or a PostgreSQL server that cannot be reached or refuses the login.
 * Other errors are thrown as they are.
 */
export async function openCommandStore(where: { dataDir: string; databaseUrl: string | undefined }): Promise<Store | undefined> {
  try {
    return await openStore(where.dataDir, where.databaseUrl);
  } catch (error) {
    if (error instanceof SchemaTooNewError) {
      process.stderr.write(`${where.databaseUrl ? postgresText.schemaTooNew(error.found, error.known) : serveText.schemaTooNew(error.found, error.known)}\n`);
      return undefined;
    }
    const problem = where.databaseUrl ? connectionProblem(error) : undefined;
    if (!where.databaseUrl || !problem) throw error;
    process.stderr.write(`${postgresText.cannotConnect(redactDatabaseUrl(where.databaseUrl), problem)}\n`);
    return undefined;
  }
}
