/** `dien-hinh sets`: the criteria sets this installation knows, with where each came from. */
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { listEntry } from '../../../shared/criteria/load';
import { dataDirFrom } from '../../config/config';
import { loadCriteriaSets, type LoadedSet } from '../../criteria/registry';
import type { Command } from '../command';
import { setsText as t } from '../workbookText';

export const setsCommand: Command = {
  name: 'sets',
  usage: t.usage,
  summary: t.summary,
  async run(args) {
    const parsed = parseCommandArgs(args, { json: { type: 'boolean' }, data: { type: 'string' } }, t);
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    const loaded = loadSetsOrReport(values.data as string | undefined);
    if (typeof loaded === 'number') return loaded;
    if (values.json) {
      process.stdout.write(`${JSON.stringify(loaded.map(({ set, file }) => ({ ...listEntry(set), file: file ?? null })), null, 2)}\n`);
    } else {
      process.stdout.write(`${loaded.map(({ set, source }) => t.set(set, source)).join('\n\n')}\n`);
    }
    return 0;
  },
};

/**
 * Parses a workbook command's arguments (with --help); prints the usage or the help and returns
 * the exit status (2 or 0) when there is nothing more to do.
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[], options: O, text: { help: string; badUsage(detail: string): string }, allowPositionals = false,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | number {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals });
  } catch (error) {
    process.stderr.write(text.badUsage(error instanceof Error ? error.message : String(error)));
    return 2;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    process.stdout.write(text.help);
    return 0;
  }
  return { values, positionals: parsed.positionals };
}

/**
 * The sets of the data folder named by --data (or DIEN_HINH_DATA, or ./data); prints what is
 * wrong and returns the exit status when they cannot be loaded: 2 for a --data folder that does
 * not exist (a typo, not an empty installation), 1 for a province file that is wrong.
 */
export function loadSetsOrReport(dataFlag: string | undefined): LoadedSet[] | number {
  if (dataFlag !== undefined && !existsSync(dataFlag)) {
    process.stderr.write(t.dataMissing(dataFlag));
    return 2;
  }
  const loaded = loadCriteriaSets(dataDirFrom(dataFlag));
  if (!loaded.ok) {
    process.stderr.write(`${t.loadFailed}\n${loaded.error.map((e) => `  - ${e}`).join('\n')}\n`);
    return 1;
  }
  return loaded.value;
}
