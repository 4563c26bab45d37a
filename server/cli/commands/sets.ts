/** `dien-hinh sets`: the criteria sets this installation knows, with where each came from. */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
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
    let values;
    try {
      values = parseArgs({ args, options: { json: { type: 'boolean' }, data: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
    } catch (error) {
      process.stderr.write(t.badUsage(error instanceof Error ? error.message : String(error)));
      return 2;
    }
    if (values.help) {
      process.stdout.write(t.help);
      return 0;
    }
    const loaded = loadSetsOrReport(values.data);
    if (!loaded) return values.data !== undefined && !existsSync(values.data) ? 2 : 1;
    if (values.json) {
      process.stdout.write(`${JSON.stringify(loaded.map(({ set, file }) => ({ ...listEntry(set), file: file ?? null })), null, 2)}\n`);
    } else {
      process.stdout.write(`${loaded.map(({ set, source }) => t.set(set, source)).join('\n\n')}\n`);
    }
    return 0;
  },
};

/**
 * The sets of the data folder named by --data (or DIEN_HINH_DATA, or ./data); prints what is
 * wrong and returns undefined when they cannot be loaded. A --data folder that does not exist is
 * a typo, not an empty installation.
 */
export function loadSetsOrReport(dataFlag: string | undefined): LoadedSet[] | undefined {
  if (dataFlag !== undefined && !existsSync(dataFlag)) {
    process.stderr.write(t.dataMissing(dataFlag));
    return undefined;
  }
  const loaded = loadCriteriaSets(dataDirFrom(dataFlag));
  if (!loaded.ok) {
    process.stderr.write(`${t.loadFailed}\n${loaded.error.map((e) => `  - ${e}`).join('\n')}\n`);
    return undefined;
  }
  return loaded.value;
}
