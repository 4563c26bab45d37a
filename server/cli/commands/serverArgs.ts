/** Arguments of the server's commands (serve, units, export, backup): a bad one prints usage and exits 2. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { cliServerText } from '../../app/messages';

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
