/**
 * The process's document thread: every Word document the product makes — the server's downloads,
 * `dien-hinh export`, the offline `consolidate` — is filled in one long-lived worker thread
 * (renderWorker.ts), by the same template.ts as `renderDocument`, so that the calling thread is
 * free meanwhile: the server's event loop keeps answering uploads and the console while a báo cáo
 * of 1,000 units (0.3–0.6 s) or of a national year (much longer) is filled; the offline
 * consolidation writes its workbooks with exceljs while the báo cáo is filled, and on two cores
 * takes about the longer of the two, not their sum.
 *
 * Long-lived because a thread's first fill is its most expensive: starting it, loading
 * docxtemplater and filling with cold (not yet optimised) code cost about 1.1 s of CPU for the
 * báo cáo of 1,000 units, against about 0.3 s in a thread that has filled it before. The thread
 * is started on first use, or earlier by a caller that knows it will need it (`prepare`: the
 * CLI at the start of a run, so that docxtemplater loads while the files are read), and kept:
 * idle, it keeps no process alive (unref), and the server closes it when it stops
 * (`closeDocumentThread`). There is no warm-up fill with made-up data any more: measured on two
 * cores, a rehearsal while the files were read slowed the read more than it saved
 * (1,000 files, two passes a process: 3.77/3.77/3.55 s with it, 3.44/3.43/3.28 s without).
 *
 * One thread, not a pool: documents are asked for by a province's few officers, one download at
 * a time as a rule; several at once wait their turn in the thread (its messages are taken in
 * order), each still off the event loop. A second thread would compete for the same cores with
 * the intake's reader pool and would fill its first documents cold again.
 *
 * Whatever goes wrong in the thread (it cannot start, the template is broken, the thread dies),
 * the document is filled again in the calling thread, which throws the error a person can act on
 * (AppError 'template-invalid' naming the file) or succeeds: the thread changes when a document
 * is ready, never what it is. A thread that died is replaced at the next document; after
 * GIVE_UP_AFTER deaths in a row with no document filled in between, the process fills its
 * documents in the calling thread rather than start threads that die. Run from the TypeScript
 * sources (no compiled worker beside this module), documents are filled in the calling thread.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { renderDocument } from './render';
import type { TemplateName } from './template';

/** What the thread is sent: fill a template, or open one now that will be filled next. */
export type ThreadRequest =
  | { kind: 'render'; id: number; name: TemplateName; data: object; dataDir: string | undefined }
  | { kind: 'prepare'; name: TemplateName; dataDir: string | undefined };

/** The thread's answer: the .docx bytes, or only that it failed (the error is made again by the caller). */
export type RenderReply = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false };

export interface DocumentThread {
  /**
   * The .docx bytes of template `name` filled with `data` (plain, cloneable data: data.ts's
   * objects; `dataDir`: the data folder of a province's templates). Rejects as `renderDocument`
   * throws (AppError 'template-invalid' naming the file).
   */
  render(name: TemplateName, data: object, dataDir?: string): Promise<Buffer>;
  /**
   * Starts the thread now if it is not running (it loads docxtemplater at once) and has it open
   * and compile template `name`, used by the next document of that template if the file is
   * unchanged by then (same file, time and size: a province may replace its template meanwhile).
   * For a caller about to fill it: makeYearDocument while it gathers the year, the CLI
   * `consolidate` while it reads the files.
   */
  prepare(name: TemplateName, dataDir?: string): void;
  /** Stops the thread (documents still being filled are filled in the calling thread); a later document starts another. */
  close(): Promise<void>;
  /** How many documents were filled in the calling thread instead (no worker, or it failed them). */
  readonly filledHere: number;
}

/** The compiled worker beside this module, when there is one (not under a TypeScript runner). */
const WORKER_FILE = path.join(__dirname, 'renderWorker.js');

/** Deaths in a row (no document filled in between) after which documents are filled in the calling thread. */
export const GIVE_UP_AFTER = 3;

interface Task {
  name: TemplateName;
  data: object;
  dataDir: string | undefined;
  resolve(bytes: Buffer): void;
  reject(error: unknown): void;
}

interface Running {
  worker: Worker;
  waiting: Map<number, Task>;
  closing: boolean;
}

/**
 * A document thread (the process's own is `documentThread()`): started at the first document or
 * `prepare`, replaced when it dies. `workerFile` (tests): the worker's script, default the
 * compiled renderWorker.js beside this module; without one, documents are filled in the calling thread.
 */
export function createDocumentThread(options: { workerFile?: string } = {}): DocumentThread {
  const workerFile = options.workerFile ?? WORKER_FILE;
  const compiled = existsSync(workerFile);
  let filledHere = 0;
  let deaths = 0;
  let nextId = 1;
  let current: Running | undefined;

  const here = (task: Pick<Task, 'name' | 'data' | 'dataDir'>): Buffer => {
    filledHere++;
    return renderDocument(task.name, task.data, task.dataDir);
  };
  const settle = (task: Task, bytes: Uint8Array | undefined): void => {
    try {
      task.resolve(bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : here(task));
    } catch (error) {
      task.reject(error);
    }
  };

  function running(): Running | undefined {
    if (current) return current;
    if (!compiled || deaths >= GIVE_UP_AFTER) return undefined;
    let worker: Worker;
    try {
      worker = new Worker(workerFile);
    } catch {
      deaths++;
      return undefined;
    }
    // Idle, the thread keeps no process alive: only a document being filled does.
    worker.unref();
    const thread: Running = { worker, waiting: new Map(), closing: false };
    worker.on('message', (reply: RenderReply) => {
      const task = thread.waiting.get(reply.id);
      if (!task) return;
      thread.waiting.delete(reply.id);
      if (thread.waiting.size === 0) worker.unref();
      // A template error is the document's, not the thread's: the thread is well.
      deaths = 0;
      settle(task, reply.ok ? reply.bytes : undefined);
    });
    // The thread's own error is not the document's: its documents are filled here (on exit).
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      if (current === thread) current = undefined;
      if (!thread.closing) deaths++;
      const orphans = [...thread.waiting.values()];
      thread.waiting.clear();
      for (const task of orphans) settle(task, undefined);
    });
    current = thread;
    return thread;
  }

  return {
    render(name, data, dataDir) {
      const thread = running();
      if (!thread) return Promise.resolve().then(() => here({ name, data, dataDir }));
      return new Promise<Buffer>((resolve, reject) => {
        const task: Task = { name, data, dataDir, resolve, reject };
        const id = nextId++;
        try {
          thread.worker.postMessage({ kind: 'render', id, name, data, dataDir } satisfies ThreadRequest);
        } catch {
          // Data the thread cannot be sent (not plain): filled here.
          settle(task, undefined);
          return;
        }
        thread.waiting.set(id, task);
        thread.worker.ref();
      });
    },
    prepare(name, dataDir) {
      running()?.worker.postMessage({ kind: 'prepare', name, dataDir } satisfies ThreadRequest);
    },
    async close() {
      const thread = current;
      if (!thread) return;
      current = undefined;
      thread.closing = true;
      await thread.worker.terminate();
    },
    get filledHere() {
      return filledHere;
    },
  };
}

let shared: DocumentThread | undefined;

/** The process's document thread, used by every document of the server and the CLI. */
export function documentThread(): DocumentThread {
  shared ??= createDocumentThread();
  return shared;
}

/** Stops the process's document thread (the server's shutdown); a later document would start it again. */
export async function closeDocumentThread(): Promise<void> {
  await shared?.close();
}
