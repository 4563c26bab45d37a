/** Arguments of the server's commands (serve, units, export, backup): a bad one prints usage and exits 2. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { cliServerText } from '../../app/messages';
import { databaseUrlFrom, dataDirFrom } from '../../config/config';

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
