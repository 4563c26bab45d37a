/**
 * Offline consolidation's file side: find the workbooks under folders, read each one once with
 * the bounded reader, and hand what was read to the pure `inputFromFiles` + `consolidate`.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { UnitsResponse } from '../../shared/api/schemas';
import { consolidate, type ExpectedUnit } from '../../shared/consolidation/consolidate';
import { inputFromFiles, type FileNote, type FoundFile, type UnlistedUnit } from '../../shared/consolidation/fromFiles';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import type { Calendar } from '../../shared/deadlines/calendar';
import type { CheckResult } from '../../shared/workbook/check';
import type { ReadIssue } from '../../shared/workbook/interpret';
import type { ReadOutcome, WorkbookReader } from '../app/reader/pool';
import { checkWorkbookBytes } from '../xlsx/readWorkbook';
import { offlineText } from './text';

export interface WorkbookPaths {
  /** Absolute paths of the .xlsx files found, sorted, each once. */
  files: string[];
  /** Inputs that do not exist. */
  missing: string[];
}

/** Every .xlsx under the given folders (recursively) and the files named directly. */
export async function findWorkbooks(inputs: readonly string[]): Promise<WorkbookPaths> {
  const files = new Set<string>();
  const missing: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      // Hidden files and Office's "~$name.xlsx" lock files are not workbooks a unit sent.
      if (entry.name.startsWith('.') || entry.name.startsWith('~$')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.xlsx')) files.add(full);
    }
  };
  for (const input of inputs) {
    const full = path.resolve(input);
    const info = await stat(full).catch(() => undefined);
    if (!info) missing.push(input);
    else if (info.isDirectory()) await walk(full);
    else files.add(full);
  }
  return { files: [...files].sort(), missing };
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

/** One file read: its bytes, modification time and hash, and what `reader` made of it (an unreadable file is an `ok: false` result). */
export async function readOne(file: string, reader: WorkbookReader): Promise<FoundFile> {
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
   * Who reads the files (left open). By default the bounded reader in this thread, with helper
   * threads on the other cores (see readInParallel). A `ReaderPool` can be passed for a time and
   * heap limit per file.
   */
  reader?: WorkbookReader;
  /** Helper threads reading beside this one when no `reader` is given (default: see defaultHelpers). */
  helpers?: number;
}

/** Reads the files and consolidates them: the whole offline run but for writing the documents. */
export async function consolidateFiles(files: readonly string[], options: OfflineOptions): Promise<OfflineRun> {
  const found = options.reader
    ? await readWorkbooks(files, options.reader, options.onProgress)
    : await readInParallel(files, options.registry, { onProgress: options.onProgress, ...(options.helpers !== undefined ? { helpers: options.helpers } : {}) });
  const input = inputFromFiles(found, { now: options.now, calendar: options.calendar, ...(options.year ? { year: options.year } : {}), ...(options.expected ? { expected: options.expected } : {}) });
  const response = consolidate({
    year: input.year, now: options.now, calendar: options.calendar, units: input.units, submissions: input.submissions, sets: options.registry,
  });
  return { response, files: found, notes: input.notes, unlisted: input.unlisted };
}

/** Below so many files a helper thread is not worth its start (it loads the reader's code, about 0.3 s of CPU). */
const FILES_PER_HELPER = 200;

/** One helper per core beyond this thread's (at most 3), and at most one per FILES_PER_HELPER files. */
export function defaultHelpers(files: number): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1, Math.floor(files / FILES_PER_HELPER)));
}

/** What a helper thread (offlineReader.ts) is given. */
export interface HelperData {
  files: readonly string[];
  /** The registry's sets: the helper builds the same registry. */
  sets: unknown;
  /** One Int32: the index of the next file not yet taken, shared by every thread. */
  next: SharedArrayBuffer;
}

/** What a helper thread sends: files read, by their index. */
export interface HelperMessage {
  found: [number, FoundFile][];
}

export interface ParallelOptions {
  onProgress?: ReadProgress | undefined;
  /** Threads beside this one (default defaultHelpers). */
  helpers?: number;
  /** The helper's compiled script (default offlineReader.js beside this module, when it is there). */
  helperFile?: string;
  /** False: this thread reads only what the helpers leave (they failed); default true. */
  readHere?: boolean;
}

/** Files this thread reads between two turns of the event loop, in which the helpers' results come in. */
const FILES_PER_TURN = 32;

/**
 * Reads every file once with the bounded in-process reader, in this thread and in `helpers`
 * worker threads at once: each thread takes the next file not yet taken (a shared counter), so a
 * thread that starts late or runs slowly simply reads fewer. The result is the same as reading
 * them all here, in the same order. A helper costs more CPU than it saves this thread (it loads
 * the reader's code and runs it cold), but it runs on a core that would be idle: on two cores the
 * reading takes about 40 % less time. A helper that cannot start or fails leaves its files to
 * this thread; run from the TypeScript sources (no compiled helper beside this module), every
 * file is read here.
 */
export async function readInParallel(files: readonly string[], registry: CriteriaRegistry, options: ParallelOptions = {}): Promise<FoundFile[]> {
  const { onProgress } = options;
  const helperFile = options.helperFile ?? path.join(__dirname, 'offlineReader.js');
  const count = existsSync(helperFile) ? options.helpers ?? defaultHelpers(files.length) : 0;
  const reader = inProcessReader(registry);
  const found: (FoundFile | undefined)[] = new Array(files.length);
  let done = 0;
  const take = (index: number, file: FoundFile) => {
    if (found[index]) return;
    found[index] = file;
    done++;
    onProgress?.(done, files.length);
  };
  const next = new SharedArrayBuffer(4);
  const counter = new Int32Array(next);
  const helpers = Array.from({ length: count }, () => new Promise<void>((resolve) => {
    const worker = new Worker(helperFile, { workerData: { files, sets: registry.all(), next } satisfies HelperData });
    worker.on('message', (message: HelperMessage) => { for (const [index, file] of message.found) take(index, file); });
    // A helper's failure is not the files': what it took and did not send is read below.
    worker.on('error', () => undefined);
    worker.on('exit', () => resolve());
  }));
  for (let index = options.readHere === false && count > 0 ? files.length : Atomics.add(counter, 0, 1), here = 1; index < files.length; index = Atomics.add(counter, 0, 1), here++) {
    take(index, await readOne(files[index]!, reader));
    if (count > 0 && here % FILES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(helpers);
  for (let index = 0; index < files.length; index++) {
    if (!found[index]) take(index, await readOne(files[index]!, reader));
  }
  return found as FoundFile[];
}
