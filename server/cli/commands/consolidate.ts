/**
 * `dien-hinh consolidate`: the province's consolidation without a server, from workbooks in
 * folders. Lateness is counted against the calendar of `--calendar` (a file in the shape of
 * `GET /api/calendar`), else the default. Exit status: 0 every file was read and used; 1 the
 * documents were written but some files could not be used (each one is reported), or nothing could
 * be written (the criteria sets, the units list or the calendar file unusable, no .xlsx found);
 * 2 bad usage.
 */
import path from 'node:path';
import { defineCommand, type Parsed, type UsageError } from '../command';
import { DEFAULT_CALENDAR, type Calendar } from '../../../shared/deadlines/calendar';
import type { ExpectedUnit } from '../../../shared/consolidation/consolidate';
import { expectedFromList, type FileNote } from '../../../shared/consolidation/fromFiles';
import { writeConsolidatedWorkbook } from '../../export/consolidatedWorkbook';
import { consolidateFiles, displayPath, findWorkbooks, ReaderUnavailable } from '../../export/offline';
import { writeBuffer } from '../../export/output';
import { AppError } from '../../app/errors';
import { readCalendarFile, type CalendarFileProblem } from '../../app/calendar';
import { writeRecognitionList } from '../../export/recognitionList';
import { yearDocumentData } from '../../app/documents';
import { documentThread } from '../../documents/renderThread';
import { defaultDocumentSettings } from '../../../shared/documents/settings';
import { cliConsolidateText as t, offlineText } from '../../export/text';
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
    case 'set-changed':
    case 'set-on-request': return t.setChanged(note.file, note.message);
  }
}

/** Why the calendar file cannot be used, in the command's words: the file, where, what to do. */
function calendarProblemText(file: string, problem: CalendarFileProblem): string {
  switch (problem.kind) {
    case 'unreadable': return t.calendarUnreadable(file, problem.code, problem.detail);
    case 'not-json': return t.calendarNotJson(file, problem.line, problem.column, problem.detail);
    case 'invalid': return t.calendarInvalid(file) + problem.issues.map((issue) => t.calendarField(issue.field, issue.message)).join('');
  }
}

/** Notes that mean a file was not used: the run did not consolidate everything it was given. */
const UNUSED: ReadonlySet<FileNote['kind']> = new Set(['no-unit', 'no-kind', 'other-year', 'ambiguous']);

/** The default calendar as the help names it: its plan and the final report's days, from DEFAULT_CALENDAR itself. */
const DEFAULT_FINAL = DEFAULT_CALENDAR.milestones.find((m) => m.stage === 'final')!;
const DEFAULT_CALENDAR_NOTE = `lịch theo Kế hoạch 67/KH-UBND, báo cáo kết quả năm hạn ${DEFAULT_FINAL.due}, khoá ${DEFAULT_FINAL.lock ?? DEFAULT_FINAL.due}`;

const OPTIONS = {
  out: { type: 'string', value: '<tệp.xlsx>', required: true, description: 'bảng tổng hợp sẽ tạo, ví dụ bang-tong-hop.xlsx' },
  summary: { type: 'string', value: '<tệp.docx>', description: 'báo cáo tổng hợp (dự thảo) sẽ tạo' },
  list: { type: 'string', value: '<tệp.xlsx>', description: 'danh sách đề nghị công nhận (dự thảo) sẽ tạo' },
  units: { type: 'string', value: '<tệp.csv|tệp.xlsx>', description: 'danh sách đơn vị phải nộp, để biết đơn vị nào chưa nộp' },
  calendar: {
    type: 'string', value: '<tệp.json>',
    description: 'lịch hạn nộp của tỉnh để tính đúng hạn, nộp muộn (tệp tải ở thẻ "Hạn nộp" của trang tổng hợp, hoặc GET /api/calendar?year=)',
    defaultNote: DEFAULT_CALENDAR_NOTE,
  },
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

  let calendar: Calendar = DEFAULT_CALENDAR;
  if (parsed.calendar) {
    const read = readCalendarFile(parsed.calendar);
    if (!read.ok) {
      err(calendarProblemText(parsed.calendar, read.error));
      return 1;
    }
    calendar = read.value;
  }

  const { files, missing, skipped } = await findWorkbooks(parsed.inputs);
  if (missing.length > 0) {
    for (const m of missing) err(t.inputMissing(m));
    return 2;
  }
  if (files.length === 0) {
    err(t.noWorkbooks);
    return 1;
  }
  err(t.found(files.length));
  if (skipped.length > 0) err(offlineText.skipped(skipped.map((file) => displayPath(file))));
  err(t.calendarUsed(calendar.title, parsed.calendar));

  // The báo cáo is filled in the document thread while this one writes the workbooks
  // (renderThread.ts); started now, so that docxtemplater loads and the template is compiled
  // while the files are read. Idle, the thread keeps no process alive.
  if (parsed.summary) documentThread().prepare('bao-cao', parsed.data ? path.resolve(parsed.data) : undefined);
  return consolidateAndWrite(parsed, registry.value, calendar, files, expected);
}

async function consolidateAndWrite(
  parsed: Omit<Parsed<typeof OPTIONS>['values'], 'year'> & { inputs: string[]; year: number | undefined },
  registry: CriteriaRegistry, calendar: Calendar, files: string[], expected: ExpectedUnit[] | undefined,
): Promise<number> {
  const err = (text: string) => process.stderr.write(text);
  const progress = progressReporter(process.stderr, t.progress);
  const now = new Date();
  let result: Awaited<ReturnType<typeof consolidateFiles>>;
  try {
    result = await consolidateFiles(files, {
      registry, calendar, now, onProgress: progress.update,
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
      for (const issue of file.result.errors) err(t.issue(issue));
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
    const data = yearDocumentData('bao-cao', { response, settings, sets: registry, today: now, includePending: true, fromFiles: { calendarTitle: calendar.title } });
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
  const unlisted = result.notes.filter((note) => note.kind === 'not-on-list' && !unusable.has(note.file)).length;
  err(t.done(result.files.length, response.counts.expected, response.counts.valid, response.counts.eligible, problems, unlisted, response.year));
  return problems > 0 ? 1 : 0;
}

export const consolidateCommand = defineCommand({
  name: 'consolidate',
  summary: t.summary,
  usage: ['consolidate <thư mục hoặc tệp…> --out bang-tong-hop.xlsx [--summary bao-cao.docx] [--list danh-sach.xlsx] [--units don-vi.csv|xlsx] [--calendar lich-han-nop-2026.json] [--year 2026] [tuỳ chọn khác…]'],
  positionals: [{ name: '<thư mục hoặc tệp…>', description: 'các thư mục (tìm cả thư mục con) hoặc tệp .xlsx cần tổng hợp' }],
  options: OPTIONS,
  examples: [
    'dien-hinh consolidate ho-so-2026 --out bang-tong-hop.xlsx --list danh-sach.xlsx --summary bao-cao.docx --units don-vi.xlsx --year 2026',
    'dien-hinh consolidate ho-so-2026 --out bang-tong-hop.xlsx --calendar lich-han-nop-2026.json',
  ],
  notes: [
    'Đúng hạn hay nộp muộn tính theo ngày sửa đổi của tệp (không có biên nhận) so với lịch hạn nộp: lịch của --calendar, không có thì lịch mặc định.',
    'Mã thoát: 0 mọi tệp đọc được và được dùng; 1 đã ghi kết quả nhưng có tệp không dùng được (mỗi tệp được nêu), hoặc không ghi được (bộ tiêu chí, danh sách đơn vị hoặc tệp lịch hạn nộp có lỗi, không có tệp .xlsx); 2 sai cú pháp.',
  ],
  run,
});
