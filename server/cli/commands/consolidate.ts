/**
 * `dien-hinh consolidate`: the province's consolidation without a server, from workbooks in
 * folders. Exit status: 0 every file was read and used; 1 the documents were written but some
 * files could not be used (each one is reported), or nothing could be written; 2 bad usage.
 */
import path from 'node:path';
import { defineCommand, type Parsed, type UsageError } from '../command';
import { DEFAULT_CALENDAR } from '../../../shared/deadlines/calendar';
import type { ExpectedUnit } from '../../../shared/consolidation/consolidate';
import { expectedFromList, type FileNote } from '../../../shared/consolidation/fromFiles';
import { writeConsolidatedWorkbook } from '../../export/consolidatedWorkbook';
import { consolidateFiles, findWorkbooks, ReaderUnavailable } from '../../export/offline';
import { writeBuffer } from '../../export/output';
import { AppError } from '../../app/errors';
import { writeRecognitionList } from '../../export/recognitionList';
import { yearDocumentData } from '../../app/documents';
import { documentThread } from '../../documents/renderThread';
import { defaultDocumentSettings } from '../../../shared/documents/settings';
import { cliConsolidateText as t } from '../../export/text';
import { readUnitsFile } from '../../units/unitsFile';
import { loadCriteriaRegistry } from '../../criteria/registry';
import type { CriteriaRegistry } from '../../../shared/criteria/load';
import { progressReporter } from './consolidateProgress';

function noteText(note: FileNote, year: number): string {
  switch (note.kind) {
    case 'duplicate': return t.duplicate(note.file, note.first);
    case 'no-unit': return t.noUnit(note.file);
    case 'no-kind': return t.noKind(note.file, note.name);
    case 'other-year': return t.otherYear(note.file, note.year, year);
    case 'not-on-list': return t.unknownUnit(note.file, note.name);
    case 'ambiguous': return t.ambiguousUnit(note.file, note.name, note.candidates);
  }
}

/** Notes that mean a file was not used: the run did not consolidate everything it was given. */
const UNUSED: ReadonlySet<FileNote['kind']> = new Set(['no-unit', 'no-kind', 'other-year', 'ambiguous']);

const OPTIONS = {
  out: { type: 'string', value: '<tệp.xlsx>', required: true, description: 'bảng tổng hợp sẽ tạo, ví dụ bang-tong-hop.xlsx' },
  summary: { type: 'string', value: '<tệp.docx>', description: 'báo cáo tổng hợp (dự thảo) sẽ tạo' },
  list: { type: 'string', value: '<tệp.xlsx>', description: 'danh sách đề nghị công nhận (dự thảo) sẽ tạo' },
  units: { type: 'string', value: '<tệp.csv|tệp.xlsx>', description: 'danh sách đơn vị phải nộp, để biết đơn vị nào chưa nộp' },
  year: { type: 'string', value: '<năm>', description: 'năm đánh giá', defaultNote: 'năm ghi nhiều nhất trong các tệp' },
  data: { type: 'string', value: '<thư mục>', description: 'thư mục dữ liệu có bộ tiêu chí của tỉnh (<thư mục>/criteria/); không có thì dùng các bộ kèm theo' },
  'issuing-body': { type: 'string', value: '<tên>', description: 'cơ quan ban hành ghi trên báo cáo, ví dụ "CÔNG AN TỈNH ĐỒNG THÁP"' },
  place: { type: 'string', value: '<địa danh>', description: 'địa danh ghi trên báo cáo, ví dụ "Đồng Tháp"' },
  number: { type: 'string', value: '<số>', description: 'số của báo cáo, ví dụ 125' },
} as const;

async function run({ values, positionals: inputs }: Parsed<typeof OPTIONS>, usageError: UsageError): Promise<number> {
  if (inputs.length === 0) return usageError(t.noInputs);
  let year: number | undefined;
  if (values.year !== undefined) {
    if (!/^\d{4}$/u.test(values.year)) return usageError(t.badYear(values.year));
    year = Number(values.year);
  }
  const parsed = { ...values, inputs, year };
  const err = (text: string) => process.stderr.write(text);

  // The shipped sets, plus a province's own in <data>/criteria when --data is given.
  const registry = loadCriteriaRegistry(parsed.data);
  if (!registry.ok) {
    for (const message of registry.error) err(t.criteria(message));
    return 1;
  }

  let expected: ExpectedUnit[] | undefined;
  if (parsed.units) {
    const list = await readUnitsFile(parsed.units).catch((error: unknown) => ({
      units: [], problems: [{ line: 0, message: error instanceof Error ? error.message : String(error) }],
    }));
    if (list.problems.length > 0) {
      for (const p of list.problems) err(t.unitsFile(parsed.units, p.line > 0 ? t.atLine(p.line, p.message) : p.message));
      return 1;
    }
    expected = expectedFromList(list.units);
  }

  const { files, missing } = await findWorkbooks(parsed.inputs);
  if (missing.length > 0) {
    for (const m of missing) err(t.inputMissing(m));
    return 2;
  }
  if (files.length === 0) {
    err(t.noWorkbooks);
    return 1;
  }
  err(t.found(files.length));

  // The báo cáo is filled in the document thread while this one writes the workbooks
  // (renderThread.ts); started now, so that docxtemplater loads and the template is compiled
  // while the files are read. Idle, the thread keeps no process alive.
  if (parsed.summary) documentThread().prepare('bao-cao', parsed.data ? path.resolve(parsed.data) : undefined);
  return consolidateAndWrite(parsed, registry.value, files, expected);
}

async function consolidateAndWrite(
  parsed: Omit<Parsed<typeof OPTIONS>['values'], 'year'> & { inputs: string[]; year: number | undefined },
  registry: CriteriaRegistry, files: string[], expected: ExpectedUnit[] | undefined,
): Promise<number> {
  const err = (text: string) => process.stderr.write(text);
  const progress = progressReporter(process.stderr, t.progress);
  const now = new Date();
  let result: Awaited<ReturnType<typeof consolidateFiles>>;
  try {
    result = await consolidateFiles(files, {
      registry, calendar: DEFAULT_CALENDAR, now, onProgress: progress.update,
      ...(parsed.year ? { year: parsed.year } : {}), ...(expected ? { expected } : {}),
    });
  } catch (error) {
    progress.done();
    if (!(error instanceof ReaderUnavailable)) throw error;
    err(`${error.message}\n`);
    return 1;
  }
  progress.done();

  // Each unusable file counts once, however many things are wrong with it.
  const unusable = new Set<string>();
  for (const file of result.files) {
    if (file.result.ok) continue;
    unusable.add(file.path);
    err(file.result.unit === null && file.result.errors.every((e) => !e.sheet) ? t.unreadable(file.path, file.result.errors.map((e) => e.message).join(' ')) : t.invalid(file.path));
    if (file.result.unit !== null || file.result.errors.some((e) => e.sheet)) {
      for (const issue of file.result.errors) err(t.issue(issue.sheet, issue.cell, issue.message));
    }
  }
  for (const note of result.notes) {
    // An unreadable file has no unit name: its read errors above already say why.
    if (note.kind === 'no-unit' && unusable.has(note.file)) continue;
    err(noteText(note, result.response.year));
    if (UNUSED.has(note.kind)) unusable.add(note.file);
  }
  const problems = unusable.size;

  const { response } = result;
  let summary: Promise<Buffer> | undefined;
  if (parsed.summary) {
    // Offline, nobody has reviewed the files: the report is a draft listing eligible units as "chờ duyệt".
    const settings = defaultDocumentSettings();
    if (parsed['issuing-body']) settings.issuingBody = parsed['issuing-body'].toLocaleUpperCase('vi-VN');
    if (parsed.place) settings.place = parsed.place;
    if (parsed.number) settings.baoCao.number = parsed.number;
    const data = yearDocumentData('bao-cao', { response, settings, sets: registry, today: now, includePending: true, receivedFromFileDates: true });
    summary = documentThread().render('bao-cao', data, parsed.data ? path.resolve(parsed.data) : undefined);
    // Awaited below, after the workbooks; a failure there must not leave this one unhandled.
    summary.catch(() => undefined);
  }
  try {
    const ambiguous = result.notes.filter((note): note is Extract<FileNote, { kind: 'ambiguous' }> => note.kind === 'ambiguous');
    await writeConsolidatedWorkbook(response, registry, parsed.out, { unlisted: result.unlisted, ambiguous });
    err(t.wrote(t.consolidated, parsed.out));
    if (parsed.list) {
      // Offline, nobody has reviewed the files: the list is a draft of the eligible units (marked not reviewed).
      await writeRecognitionList(response, parsed.list, registry, { includePending: true });
      err(t.wrote(t.list, parsed.list));
    }
    if (parsed.summary && summary) {
      await writeBuffer(parsed.summary, await summary);
      err(t.wrote(t.summaryDoc, parsed.summary));
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    err(`${error.message}\n`);
    return 1;
  }
  err(t.done(result.files.length, response.counts.expected, response.counts.valid, response.counts.eligible, problems, response.year));
  return problems > 0 ? 1 : 0;
}

export const consolidateCommand = defineCommand({
  name: 'consolidate',
  summary: t.summary,
  usage: ['consolidate <thư mục hoặc tệp…> --out bang-tong-hop.xlsx [--summary bao-cao.docx] [--list danh-sach.xlsx] [--units don-vi.csv|xlsx] [--year 2026] [tuỳ chọn khác…]'],
  positionals: [{ name: '<thư mục hoặc tệp…>', description: 'các thư mục (tìm cả thư mục con) hoặc tệp .xlsx cần tổng hợp' }],
  options: OPTIONS,
  examples: [
    'dien-hinh consolidate ho-so-2026 --out bang-tong-hop.xlsx --list danh-sach.xlsx --summary bao-cao.docx --units don-vi.xlsx --year 2026',
  ],
  notes: ['Mã thoát: 0 mọi tệp đọc được và được dùng; 1 đã ghi kết quả nhưng có tệp không dùng được (mỗi tệp được nêu), hoặc không ghi được; 2 sai cú pháp.'],
  run,
});
