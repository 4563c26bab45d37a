/**
 * `dien-hinh template`: writes the scoring workbook of one criteria set — blank, for one unit
 * (`--unit <code>`: code, name, kind and parent filled in) or for every unit (`--all-units`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CriteriaSet } from '../../../shared/criteria/schema';
import { err, ok, type Result } from '../../../shared/util/result';
import { writeTemplateWorkbook } from '../../xlsx/templateWriter';
import { AppError } from '../../app/errors';
import { asOutputError, writeBuffer } from '../../export/output';
import { unitByCode } from '../../app/units';
import { unitsForSet, unitWorkbook, unitWorkbookFileName } from '../../app/unitWorkbooks';
import { DATABASE_URL_OPTION, defineCommand, OPTIONAL_DATA_OPTION } from '../command';
import { dataFolderMissing, storeLocation, withCommandStore, type StoreLocation } from '../store';
import { templateText as t } from '../workbookText';
import { loadSetsOrReport } from './sets';

export const templateCommand = defineCommand({
  name: 'template',
  summary: t.summary,
  usage: [
    'template --set <mã> --out <tệp.xlsx> [--unit <mã đơn vị>] [--year <năm>] [--version <phiên bản>] [--force] [--data <thư mục>]',
    'template --set <mã> --all-units --out <thư mục> [--year <năm>] [--version <phiên bản>] [--force] [--data <thư mục>]',
  ],
  options: {
    set: { type: 'string', value: '<mã>', required: true, description: 'mã bộ tiêu chí (xem "dien-hinh sets")' },
    out: { type: 'string', value: '<tệp.xlsx>', required: true, description: 'tệp sẽ tạo (với --all-units: thư mục)' },
    year: { type: 'string', value: '<năm>', description: 'năm đánh giá ghi sẵn vào mẫu, ví dụ 2026' },
    version: { type: 'string', value: '<phiên bản>', description: 'phiên bản bộ tiêu chí, khi có nhiều phiên bản cùng mã' },
    unit: { type: 'string', value: '<mã đơn vị>', description: 'bảng của một đơn vị: ghi sẵn mã, tên, loại, xã/phường (mã xem bằng "dien-hinh units list")' },
    'all-units': {
      type: 'boolean',
      description: 'mỗi đơn vị (thuộc loại mà bộ tiêu chí dùng) một tệp trong thư mục --out, tên tệp "<mã> - <tên đơn vị> (<xã/phường>).xlsx"',
    },
    force: { type: 'boolean', description: 'ghi đè nếu tệp đã có' },
    data: OPTIONAL_DATA_OPTION,
    'database-url': { ...DATABASE_URL_OPTION, description: 'với --unit, --all-units: cơ sở dữ liệu PostgreSQL chứa danh sách đơn vị, thay cho SQLite trong thư mục dữ liệu' },
  },
  examples: [
    'dien-hinh template --set dien-hinh-co-quan-du-thao --year 2026 --out bang-cham-diem.xlsx',
    'dien-hinh template --set dien-hinh-co-quan-du-thao --all-units --year 2026 --out mau-don-vi --data /srv/dien-hinh',
  ],
  async run({ values }, usageError) {
    if (values.unit !== undefined && values['all-units']) return usageError(t.unitAndAll);
    if (!values['all-units'] && !values.out.toLowerCase().endsWith('.xlsx')) return usageError(t.notXlsx(values.out));
    let year: number | undefined;
    if (values.year !== undefined) {
      year = /^\d{4}$/u.test(values.year) ? Number(values.year) : undefined;
      if (year === undefined || year < 2020 || year > 2100) return usageError(t.badYear(values.year));
    }
    const loaded = loadSetsOrReport(values.data);
    if (typeof loaded === 'number') return loaded;
    const chosen = chooseSet(loaded.map((entry) => entry.set), values.set, values.version);
    if (!chosen.ok) return usageError(chosen.error);
    if (values.unit !== undefined || values['all-units']) {
      const where = storeLocation(values, usageError);
      if (!where) return 2;
      // The units are read from an existing data folder: a mistyped one is said, never created empty.
      if (dataFolderMissing(where)) return 1;
      return writeUnitWorkbooks(chosen.value, values.out, year, { code: values.unit, force: values.force === true, where });
    }
    if (existsSync(values.out) && !values.force) {
      process.stderr.write(t.exists(values.out));
      return 1;
    }
    if (!await written(values.out, await writeTemplateWorkbook(chosen.value, year === undefined ? {} : { year }))) return 1;
    process.stdout.write(t.written(values.out, chosen.value));
    if (chosen.value.draft) process.stdout.write(t.draftWarning);
    return 0;
  },
});

/**
 * Writes a workbook (through a temporary file, so a failed write leaves nothing under the name);
 * false after printing why it could not (output-not-written: which folder, what to do).
 */
async function written(file: string, bytes: Buffer): Promise<boolean> {
  try {
    await writeBuffer(file, bytes);
    return true;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return false;
  }
}

/** One unit's workbook (`code`), or every covered unit's into the folder `out`. Unknown code → Vietnamese error, 1. */
async function writeUnitWorkbooks(
  set: CriteriaSet, out: string, year: number | undefined, options: { code: string | undefined; force: boolean; where: StoreLocation },
): Promise<number> {
  return withCommandStore(options.where, async (store) => {
    if (options.code !== undefined) {
      const unit = await unitByCode({ store }, options.code);
      if (existsSync(out) && !options.force) {
        process.stderr.write(t.exists(out));
        return 1;
      }
      if (!await written(out, await unitWorkbook(set, unit, year))) return 1;
      process.stdout.write(t.writtenUnit(out, unit.code, unit.name));
    } else {
      const { covered, skipped } = unitsForSet(set, await store.listUnits());
      if (covered.length === 0) {
        process.stderr.write(t.noUnitsForSet(set.title));
        return 1;
      }
      try {
        mkdirSync(out, { recursive: true });
      } catch (error) {
        throw asOutputError(out, error);
      }
      const files = covered.map((unit) => ({ unit, file: path.join(out, unitWorkbookFileName(unit, set)) }));
      const existing = files.filter((f) => existsSync(f.file));
      if (existing.length > 0 && !options.force) {
        process.stderr.write(t.exists(existing[0]!.file));
        return 1;
      }
      for (const { unit, file } of files) if (!await written(file, await unitWorkbook(set, unit, year))) return 1;
      process.stdout.write(t.writtenUnits(files.length, out));
      if (skipped.length > 0) process.stderr.write(t.skippedUnits(skipped.length, set.title));
    }
    if (set.draft) process.stdout.write(t.draftWarning);
    return 0;
  });
}

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
