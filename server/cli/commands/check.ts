/**
 * `dien-hinh check`: reads scoring workbooks and prints, per file, the unit, the set, every
 * score, the total, hard-criterion failures, eligibility with reasons, and errors with their
 * cells. Exit status: 0 every file read and valid, 1 any file invalid, 2 bad usage.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRegistry, type CriteriaRegistry } from '../../../shared/criteria/load';
import { checkInterpretation } from '../../../shared/workbook/check';
import type { CheckResult } from '../../../shared/workbook/checkResult';
import { xlsxText } from '../../xlsx/messages';
import { checkWorkbookBytes, DEFAULT_READ_LIMITS } from '../../xlsx/readWorkbook';
import { defineCommand, OPTIONAL_DATA_OPTION } from '../command';
import { checkText as t } from '../workbookText';
import { loadSetsOrReport } from './sets';

export type FileCheck = { file: string } & CheckResult;

export const checkCommand = defineCommand({
  name: 'check',
  summary: t.summary,
  usage: ['check <tệp.xlsx>... [--json] [--data <thư mục>]'],
  positionals: [{ name: '<tệp.xlsx>...', description: 'các bảng tự chấm điểm cần kiểm tra' }],
  options: {
    json: { type: 'boolean', description: 'in một mảng JSON, mỗi tệp một đối tượng' },
    data: { ...OPTIONAL_DATA_OPTION, description: 'thư mục dữ liệu, để dùng cả bộ tiêu chí của tỉnh' },
  },
  examples: ['dien-hinh check bang-cham-diem.xlsx', 'dien-hinh check thu-muc/*.xlsx --json'],
  notes: ['Mã thoát: 0 mọi tệp đọc được và hợp lệ; 1 có tệp không hợp lệ; 2 sai cú pháp.'],
  async run({ values, positionals: files }, usageError) {
    if (files.length === 0) return usageError(t.noFiles);
    const loaded = loadSetsOrReport(values.data);
    if (typeof loaded === 'number') return loaded;
    const registry = createRegistry(loaded.map((entry) => entry.set));

    const results: FileCheck[] = [];
    for (const file of files) {
      const result = { file, ...(await checkFile(file, registry)) };
      results.push(result);
      if (!values.json) {
        const set = result.setId && result.setVersion ? registry.find(result.setId, result.setVersion) : undefined;
        process.stdout.write(t.report(file, result, set?.scoring.kind === 'pass-fail'));
      }
    }
    if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else if (files.length > 1) process.stdout.write(t.totals(results.length, results.filter((r) => r.ok).length));
    return results.every((r) => r.ok) ? 0 : 1;
  },
});

/** One file's check; a file that cannot be opened is a failed check, not a crash. */
export async function checkFile(file: string, registry: CriteriaRegistry): Promise<CheckResult> {
  const failed = (message: string) => checkInterpretation({ workbook: undefined, errors: [{ sheet: '', cell: '', message }], warnings: [] });
  let bytes: Buffer;
  try {
    // Synchronous on purpose: files are checked one after another, and each asynchronous read is
    // four round trips through the thread pool, which on a busy machine cost more than the check.
    const info = statSync(file);
    if (info.isDirectory()) return failed(t.isFolder);
    // Refused before reading: a huge file is not loaded into memory only to be refused.
    if (info.size > DEFAULT_READ_LIMITS.maxFileBytes) return failed(xlsxText.tooLarge(info.size, DEFAULT_READ_LIMITS.maxFileBytes));
    bytes = readFileSync(file);
  } catch (error) {
    return failed(t.unreadable(error instanceof Error ? error.message : String(error)));
  }
  return checkWorkbookBytes(bytes, registry);
}
