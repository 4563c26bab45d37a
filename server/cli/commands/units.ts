/**
 * `dien-hinh units import <file> | tokens [--json] | list [--json]  [--data DIR]`: the province's
 * list of expected units and their submission tokens, in a data folder (the server may be running).
 */
import { existsSync } from 'node:fs';
import { UNIT_KIND_LABELS } from '../../../shared/units/kinds';
import { cliServerText, unitsText } from '../../app/messages';
import { importUnits, issueUnitTokens } from '../../app/units';
import { dataDirFrom } from '../../config/config';
import { openStore } from '../../store/open';
import type { Store } from '../../store/store';
import { readUnitsFile } from '../../units/unitsFile';
import type { Command } from '../command';
import { parseCommandArgs, usageError } from './serverArgs';

const USAGE = 'units import <tệp.csv|tệp.xlsx> | units tokens [--json] | units list [--json]  [--data <thư mục>]';
const CLI_ACTOR = 'dòng lệnh';

export const unitsCommand: Command = {
  name: 'units',
  usage: USAGE,
  summary: 'Nhập danh sách đơn vị (CSV/XLSX, tiêu đề tiếng Việt hoặc tiếng Anh), cấp mã nộp mới cho từng đơn vị, xem danh sách.',
  async run(args) {
    const parsed = parseCommandArgs({ args, options: { data: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true }, USAGE);
    if (!parsed) return 2;
    const [sub, ...rest] = parsed.positionals;
    const json = parsed.values.json === true;
    if (sub !== 'import' && sub !== 'tokens' && sub !== 'list') {
      return usageError(USAGE, cliServerText.unknownSubcommand(sub ?? '', ['import', 'tokens', 'list']));
    }
    if (sub === 'import' && !rest[0]) return usageError(USAGE, cliServerText.fileMissing);
    const store = await openStore(dataDirFrom(parsed.values.data));
    try {
      if (sub === 'import') return await runImport(store, rest[0]!);
      if (sub === 'tokens') return await runTokens(store, json);
      return await runList(store, json);
    } finally {
      await store.close();
    }
  },
};

async function runImport(store: Store, file: string): Promise<number> {
  if (!existsSync(file)) {
    process.stderr.write(`${cliServerText.fileNotFound(file)}\n`);
    return 1;
  }
  const parsed = await readUnitsFile(file);
  if (parsed.problems.length > 0) {
    for (const p of parsed.problems) process.stderr.write(`${unitsText.problemLine(p.line, p.message)}\n`);
    process.stderr.write(`${unitsText.refused(parsed.problems.length)}\n`);
    return 1;
  }
  const outcome = await importUnits({ store, now: () => new Date() }, parsed.units, CLI_ACTOR);
  process.stdout.write(`${unitsText.imported(outcome.added, outcome.updated, outcome.unchanged)}\n`);
  return 0;
}

async function runTokens(store: Store, json: boolean): Promise<number> {
  const issued = await issueUnitTokens({ store, now: () => new Date() }, CLI_ACTOR);
  if (json) {
    process.stdout.write(`${JSON.stringify(issued, null, 2)}\n`);
    return 0;
  }
  if (issued.length === 0) {
    process.stderr.write(`${unitsText.noUnits}\n`);
    return 1;
  }
  process.stdout.write(`${unitsText.tokensHeader}\n`);
  for (const t of issued) process.stdout.write(`${t.name}\t${UNIT_KIND_LABELS[t.kind]}\t${t.token}\n`);
  return 0;
}

async function runList(store: Store, json: boolean): Promise<number> {
  const units = await store.listUnits();
  if (json) {
    process.stdout.write(`${JSON.stringify(units.map((u) => ({ unitId: u.id, name: u.name, kind: u.kind, parent: u.parent, contact: u.contact, hasToken: u.hasToken })), null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${units.length === 0 ? unitsText.noUnits : unitsText.listHeader(units.length)}\n`);
  for (const u of units) process.stdout.write(`${u.name}\t${UNIT_KIND_LABELS[u.kind]}\t${u.parent}\t${u.contact}\n`);
  return 0;
}

export default unitsCommand;
