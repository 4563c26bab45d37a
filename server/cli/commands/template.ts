/** `dien-hinh template`: writes the scoring workbook of one criteria set. */
import { existsSync, writeFileSync } from 'node:fs';
import type { CriteriaSet } from '../../../shared/criteria/schema';
import { err, ok, type Result } from '../../../shared/util/result';
import { writeTemplateWorkbook } from '../../xlsx/templateWriter';
import type { Command } from '../command';
import { templateText as t } from '../workbookText';
import { loadSetsOrReport, parseCommandArgs } from './sets';

const OPTIONS = {
  set: { type: 'string' },
  out: { type: 'string' },
  year: { type: 'string' },
  version: { type: 'string' },
  force: { type: 'boolean' },
  data: { type: 'string' },
} as const;

export const templateCommand: Command = {
  name: 'template',
  usage: t.usage,
  summary: t.summary,
  async run(args) {
    const parsed = parseCommandArgs(args, OPTIONS, t);
    if (typeof parsed === 'number') return parsed;
    const values = parsed.values as { set?: string; out?: string; year?: string; version?: string; force?: boolean; data?: string };
    const usageError = (detail: string) => {
      process.stderr.write(t.badUsage(detail));
      return 2;
    };
    if (!values.set) return usageError(t.missingSet);
    if (!values.out) return usageError(t.missingOut);
    if (!values.out.toLowerCase().endsWith('.xlsx')) return usageError(t.notXlsx(values.out));
    let year: number | undefined;
    if (values.year !== undefined) {
      year = /^\d{4}$/u.test(values.year) ? Number(values.year) : undefined;
      if (year === undefined || year < 2020 || year > 2100) return usageError(t.badYear(values.year));
    }
    const loaded = loadSetsOrReport(values.data);
    if (typeof loaded === 'number') return loaded;
    const chosen = chooseSet(loaded.map((entry) => entry.set), values.set, values.version);
    if (!chosen.ok) return usageError(chosen.error);
    if (existsSync(values.out) && !values.force) {
      process.stderr.write(t.exists(values.out));
      return 1;
    }
    const bytes = await writeTemplateWorkbook(chosen.value, year === undefined ? {} : { year });
    try {
      writeFileSync(values.out, bytes);
    } catch (error) {
      process.stderr.write(t.writeFailed(values.out, error instanceof Error ? error.message : String(error)));
      return 1;
    }
    process.stdout.write(t.written(values.out, chosen.value));
    if (chosen.value.draft) process.stdout.write(t.draftWarning);
    return 0;
  },
};

/** The set named on the command line; several versions of one id need --version. */
export function chooseSet(sets: readonly CriteriaSet[], id: string, version: string | undefined): Result<CriteriaSet, string> {
  const withId = sets.filter((s) => s.id === id);
  if (withId.length === 0) return err(t.unknownSet(id, [...new Set(sets.map((s) => s.id))]));
  const versions = withId.map((s) => s.version);
  if (version !== undefined) {
    const match = withId.find((s) => s.version === version);
    return match ? ok(match) : err(t.unknownVersion(id, version, versions));
  }
  return withId.length === 1 ? ok(withId[0]!) : err(t.ambiguousVersion(id, versions));
}
