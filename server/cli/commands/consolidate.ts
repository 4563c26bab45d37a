/**
 * `dien-hinh consolidate`: the province's consolidation without a server, from workbooks in
 * folders. Exit status: 0 every file was read and used; 1 the documents were written but some
 * files could not be used (each one is reported), or nothing could be written; 2 bad usage.
 */
import path from 'node:path';
import type { Command } from '../command';
import { DEFAULT_CALENDAR } from '../../../shared/deadlines/calendar';
import type { ExpectedUnit } from '../../../shared/consolidation/consolidate';
import { expectedFromList, type FileNote } from '../../../shared/consolidation/fromFiles';
import { writeConsolidatedWorkbook } from '../../export/consolidatedWorkbook';
import { consolidateFiles, findWorkbooks, ReaderUnavailable } from '../../export/offline';
import { writeBuffer } from '../../export/output';
import { writeRecognitionList } from '../../export/recognitionList';
import { renderYearDocument } from '../../app/documents';
import { defaultDocumentSettings } from '../../../shared/documents/settings';
import { cliConsolidateText as t } from '../../export/text';
import { readUnitsFile } from '../../units/unitsFile';
import { loadCriteriaRegistry } from '../../criteria/registry';
import { progressReporter } from './consolidateProgress';

interface Options {
  inputs: string[];
  out: string;
  summary?: string;
  list?: string;
  units?: string;
  year?: number;
  data?: string;
  issuingBody?: string;
  place?: string;
  number?: string;
}

const VALUE_OPTIONS = ['--out', '--summary', '--list', '--units', '--year', '--data', '--issuing-body', '--place', '--number'] as const;

/** Parses the arguments; a string is the usage error to print. */
export function parseConsolidateArgs(args: readonly string[]): Options | string {
  const inputs: string[] = [];
  const values: Partial<Record<(typeof VALUE_OPTIONS)[number], string>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return t.optionValue(name);
      values[name as (typeof VALUE_OPTIONS)[number]] = value;
    } else if (arg.startsWith('--')) {
      return t.unknownOption(arg);
    } else {
      inputs.push(arg);
    }
  }
  if (inputs.length === 0) return t.noInputs;
  if (!values['--out']) return t.missingOut;
  let year: number | undefined;
  if (values['--year'] !== undefined) {
    if (!/^\d{4}$/u.test(values['--year'])) return t.badYear(values['--year']);
    year = Number(values['--year']);
  }
  return {
    inputs,
    out: values['--out'],
    ...(values['--summary'] ? { summary: values['--summary'] } : {}),
    ...(values['--list'] ? { list: values['--list'] } : {}),
    ...(values['--units'] ? { units: values['--units'] } : {}),
    ...(year ? { year } : {}),
    ...(values['--data'] ? { data: values['--data'] } : {}),
    ...(values['--issuing-body'] ? { issuingBody: values['--issuing-body'] } : {}),
    ...(values['--place'] ? { place: values['--place'] } : {}),
    ...(values['--number'] ? { number: values['--number'] } : {}),
  };
}

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

async function run(args: string[]): Promise<number> {
  const parsed = parseConsolidateArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(parsed);
    return 2;
  }
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

  const progress = progressReporter(process.stderr, t.progress);
  const now = new Date();
  let result: Awaited<ReturnType<typeof consolidateFiles>>;
  try {
    result = await consolidateFiles(files, {
      registry: registry.value, calendar: DEFAULT_CALENDAR, now, onProgress: progress.update,
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
  try {
    await writeConsolidatedWorkbook(response, registry.value, parsed.out, { unlisted: result.unlisted });
    err(t.wrote(t.consolidated, parsed.out));
    if (parsed.list) {
      // Offline, nobody has reviewed the files: the list is a draft of the eligible units (marked not reviewed).
      await writeRecognitionList(response, parsed.list, registry.value, { includePending: true });
      err(t.wrote(t.list, parsed.list));
    }
    if (parsed.summary) {
      // Offline, nobody has reviewed the files: the report is a draft listing eligible units as "chờ duyệt".
      const settings = defaultDocumentSettings();
      if (parsed.issuingBody) settings.issuingBody = parsed.issuingBody.toLocaleUpperCase('vi-VN');
      if (parsed.place) settings.place = parsed.place;
      if (parsed.number) settings.baoCao.number = parsed.number;
      const bytes = renderYearDocument('bao-cao', { response, settings, sets: registry.value, today: now, includePending: true }, parsed.data ? path.resolve(parsed.data) : undefined);
      await writeBuffer(parsed.summary, bytes);
      err(t.wrote(t.summaryDoc, parsed.summary));
    }
  } catch (error) {
    err(t.writeFailed(error instanceof Error ? error.message : String(error)));
    return 1;
  }
  err(t.done(result.files.length, response.counts.expected, response.counts.valid, response.counts.eligible, problems, response.year));
  return problems > 0 ? 1 : 0;
}

export const consolidateCommand: Command = {
  name: 'consolidate',
  usage: t.usage,
  summary: t.summary,
  run,
};
