/**
 * The documents that go to the recognition decision, built from the current data (the results
 * kept at intake; no workbook is re-read): the consolidated workbook, the recognition list and
 * (the Word documents: ./documents.ts).
 */
import type { Writable } from 'node:stream';
import { writeConsolidatedWorkbook, type ConsolidatedOptions } from '../export/consolidatedWorkbook';
import { writeRecognitionList, type RecognitionListOptions } from '../export/recognitionList';
import type { DataContext } from './context';
import { unitsStatus } from './status';

export const EXPORT_FILE_NAMES = {
  consolidated: (year: number) => `Bảng tổng hợp điển hình ${year}.xlsx`,
  recognitionList: (year: number) => `Danh sách đề nghị công nhận ${year}.xlsx`,
} as const;

export async function exportConsolidated(ctx: DataContext, year: number, output: Writable | string, options: ConsolidatedOptions = {}): Promise<void> {
  await writeConsolidatedWorkbook(await unitsStatus(ctx, year), ctx.registry, output, options);
}

export async function exportRecognitionList(ctx: DataContext, year: number, output: Writable | string, options: RecognitionListOptions = {}): Promise<void> {
  await writeRecognitionList(await unitsStatus(ctx, year), output, ctx.registry, options);
}
