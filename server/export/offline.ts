/**
 * Offline consolidation's file side: find the workbooks under folders, read each one once with
 * the bounded reader, and hand what was read to the pure `inputFromFiles` + `consolidate`.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { UnitsResponse } from '../../shared/api/schemas';
import { consolidate, type ExpectedUnit } from '../../shared/consolidation/consolidate';
import { inputFromFiles, type FileNote, type FoundFile, type UnlistedUnit } from '../../shared/consolidation/fromFiles';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import type { Calendar } from '../../shared/deadlines/calendar';
import type { CheckResult } from '../../shared/workbook/checkResult';
import type { ReadIssue } from '../../shared/workbook/interpret';
import type { ReadOutcome, WorkbookReader } from '../app/reader/pool';
import { fileKindOf } from '../../shared/workbook/fileKinds';
import { checkWorkbookBytes } from '../xlsx/readWorkbook';
import { offlineText } from './text';

export interface WorkbookPaths {
  /**
   * Absolute paths of the spreadsheet files found, sorted, each once: the .xlsx files, and those
   * saved in another spreadsheet format (.xls, .ods…), which the reader refuses one by one saying
   * how to save them as .xlsx, so that no unit's file is passed over in silence.
   */
  files: string[];
  /** Inputs that do not exist. */
  missing: string[];
  /** Other files found in the folders (a letter, a scan), sorted: named as not read. */
  skipped: string[];
}

/**
 * Every spreadsheet file under the given folders (recursively; by `fileKindOf`, without lock and
 * hidden files) and every file named directly, whatever its name.
 */
export async function findWorkbooks(inputs: readonly string[]): Promise<WorkbookPaths> {
  const files = new Set<string>();
  const skipped: string[] = [];
  const missing: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const kind = fileKindOf(entry.name);
      if (kind === 'ignored') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (!entry.isFile()) continue;
      else if (kind === 'other') skipped.push(full);
      else files.add(full);
    }
  };
  for (const input of inputs) {
    const full = path.resolve(input);
    const info = await stat(full).catch(() => undefined);
    if (!info) missing.push(input);
    else if (info.isDirectory()) await walk(full);
    else files.add(full);
  }
  return { files: [...files].sort(), missing, skipped: skipped.sort() };
}

/** A file as the user named it: relative to the working folder when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** The reader could not start: the run cannot go on (its message is for people). */
export class ReaderUnavailable extends Error {}

export interface ReadProgress {
  (done: number, total: number): void;
}

/**
 * Reads every file once, a few at a time (file reads overlap the parsing). A file that cannot
 * even be opened, or that the reader gives up on, becomes an `ok: false` result carrying why.
 */
export async function readWorkbooks(files: readonly string[], reader: WorkbookReader, onProgress?: ReadProgress, concurrency = 16): Promise<FoundFile[]> {
  const found: FoundFile[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const work = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const file = files[index]!;
      found[index] = await readOne(file, reader);
      done++;
      onProgress?.(done, files.length);
    }
  };
  // Enough in flight that the next file is in memory when the reader is ready for it.
  await Promise.all(Array.from({ length: concurrency }, work));
  return found;
}

async function readOne(file: string, reader: WorkbookReader): Promise<FoundFile> {
  const shown = displayPath(file);
  let bytes: Buffer;
  let mtime: Date;
  try {
    // One open for the bytes and the modification time, synchronously: for files of a few
    // kilobytes that is a quarter of the cost of the thread-pool round trips (measured).
    const fd = openSync(file, 'r');
    try {
      mtime = fstatSync(fd).mtime;
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { path: shown, mtime: new Date(0), sha256: `unreadable:${file}`, result: failed([{ sheet: '', cell: '', message: offlineText.cannotOpen(reason) }]) };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const outcome: ReadOutcome = await reader.read(bytes);
  if (outcome.ok) return { path: shown, mtime, sha256, result: outcome.result };
  const { reason } = outcome;
  // Not the file's fault: no file can be read, so the run stops with one message, not one per file.
  if (reason === 'unavailable') throw new ReaderUnavailable(offlineText.readerUnavailable(outcome.detail));
  return { path: shown, mtime, sha256, result: failed([{ sheet: '', cell: '', message: offlineText.readerGaveUp(reason, reader.timeoutMs) }]) };
}

function failed(errors: ReadIssue[]): CheckResult {
  return {
    ok: false, unit: null, setId: null, setVersion: null, setHash: null, draftSet: null, scores: [], total: null, max: null,
    threshold: null, hardFailures: [], dossier: {}, band: null, eligible: false, reasons: [], errors, warnings: [],
  };
}

/**
 * The bounded reader in this thread: bytes inflated and cells read are capped per file (no time
 * or heap limit of its own, unlike the server's pool).
 */
export function inProcessReader(registry: CriteriaRegistry): WorkbookReader {
  return {
    timeoutMs: 0,
    async read(bytes) {
      try {
        return { ok: true, result: await checkWorkbookBytes(bytes, registry) };
      } catch (error) {
        return { ok: false, reason: 'failed', detail: error instanceof Error ? error.message : String(error) };
      }
    },
    async close() {},
  };
}

export interface OfflineRun {
  response: UnitsResponse;
  /** Every file read, with its result as the consolidation judged it (inputFromFiles' `files`). */
  files: FoundFile[];
  notes: FileNote[];
  /** Units with files but not on the list: shown apart, never counted, ranked or proposed. */
  unlisted: UnlistedUnit[];
}

export interface OfflineOptions {
  registry: CriteriaRegistry;
  calendar: Calendar;
  now: Date;
  year?: number;
  expected?: ExpectedUnit[];
  onProgress?: ReadProgress;
  /**
   * Who reads the files (left open). By default the bounded reader in this thread: measured on
   * 1,000 workbooks here it takes half the CPU of the server's worker pool, whose fresh workers
   * start and warm up for every run. A `ReaderPool` can be passed for a time and heap limit per file.
   */
  reader?: WorkbookReader;
}

/** Reads the files and consolidates them: the whole offline run but for writing the documents. */
export async function consolidateFiles(files: readonly string[], options: OfflineOptions): Promise<OfflineRun> {
  const found = await readWorkbooks(files, options.reader ?? inProcessReader(options.registry), options.onProgress);
  const input = inputFromFiles(found, {
    now: options.now, calendar: options.calendar, sets: options.registry,
    ...(options.year ? { year: options.year } : {}), ...(options.expected ? { expected: options.expected } : {}),
  });
  const response = consolidate({
    year: input.year, now: options.now, calendar: options.calendar, units: input.units, submissions: input.submissions, sets: options.registry,
  });
  return { response, files: input.files, notes: input.notes, unlisted: input.unlisted };
}
