/** `dien-hinh sets`: the criteria sets this installation knows, with where each came from. */
import { existsSync } from 'node:fs';
import { listEntry } from '../../../shared/criteria/load';
import { dataDirFrom } from '../../config/config';
import { loadCriteriaSets, type LoadedSet } from '../../criteria/registry';
import { defineCommand, OPTIONAL_DATA_OPTION } from '../command';
import { setsText as t } from '../workbookText';

export const setsCommand = defineCommand({
  name: 'sets',
  summary: t.summary,
  usage: ['sets [--json] [--data <thư mục>]'],
  options: {
    json: { type: 'boolean', description: 'in danh sách dạng JSON (mảng các bộ tiêu chí)' },
    data: { ...OPTIONAL_DATA_OPTION, description: 'thư mục dữ liệu; mỗi tệp <thư mục>/criteria/*.json là một bộ tiêu chí của tỉnh' },
  },
  examples: ['dien-hinh sets', 'dien-hinh sets --json --data /srv/dien-hinh'],
  async run({ values }) {
    const loaded = loadSetsOrReport(values.data);
    if (typeof loaded === 'number') return loaded;
    if (values.json) {
      process.stdout.write(`${JSON.stringify(loaded.map(({ set, file }) => ({ ...listEntry(set), file: file ?? null })), null, 2)}\n`);
    } else {
      process.stdout.write(`${loaded.map(({ set, source }) => t.set(set, source)).join('\n\n')}\n`);
    }
    return 0;
  },
});

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
