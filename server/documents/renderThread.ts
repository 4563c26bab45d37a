/**
 * Word documents filled in a worker thread (renderWorker.ts), by the same `renderDocument`. A run
 * that writes several documents — the offline consolidation writes the consolidated workbook,
 * the list and the báo cáo — fills the báo cáo there while this thread writes the workbooks with
 * exceljs: on a machine with two cores the run takes about the longer of the two, not their sum.
 * The thread is started before it is needed (`startDocumentThread()` at the start of the run), so
 * that loading docxtemplater overlaps the reading of the files.
 *
 * Whatever goes wrong in the thread (it cannot start, the template is broken, the thread dies),
 * the document is filled again in this thread, which throws the error a person can act on
 * (AppError 'template-invalid' naming the file) or succeeds: the thread changes the time a run
 * takes, never its outcome. Run from the TypeScript sources (no compiled worker beside this
 * module) everything is filled in this thread.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { renderDocument } from './render';
import type { TemplateName } from './template';

/** A request to the thread: fill `name` with `data` (plain, cloneable data: data.ts's objects). */
export interface RenderRequest {
  id: number;
  name: TemplateName;
  data: object;
  dataDir: string | undefined;
}

/** What the thread is started with: the template it will fill first, opened at once. */
export interface ThreadData {
  prepare?: { name: TemplateName; dataDir: string | undefined; rehearse: boolean };
}

/** The thread's answer: the .docx bytes, or only that it failed (the error is made again here). */
export type RenderReply = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false };

export interface DocumentThread {
  /** The .docx bytes of template `name` filled with `data`; rejects as `renderDocument` throws. */
  render(name: TemplateName, data: object, dataDir?: string): Promise<Buffer>;
  /** Stops the thread (documents still being filled are filled here). */
  close(): Promise<void>;
  /** How many documents were filled in this thread instead (no worker, or it failed them). */
  readonly filledHere: number;
}

/** The compiled worker beside this module, when there is one (not under a TypeScript runner). */
const WORKER_FILE = path.join(__dirname, 'renderWorker.js');

export interface ThreadOptions {
  /** The template to be filled first (`dataDir`: the data folder of a province's templates): read and compiled at once. */
  prepare?: {
    name: TemplateName;
    dataDir?: string | undefined;
    /**
     * Also fill it once with made-up data and throw it away (rehearsal.ts), so that the real fill
     * runs optimised code; default true. Worth it when the files take longer to read than the
     * rehearsal takes (about REHEARSAL_UNITS files or more): a smaller run would wait for it.
     */
    rehearse?: boolean;
  };
  /** The worker's script (tests); default the compiled renderWorker.js beside this module. */
  workerFile?: string;
}

/**
 * Starts the thread: it loads docxtemplater and opens (and rehearses) the `prepare` template at once. Without a
 * compiled worker the documents are filled in this thread, when asked for.
 */
export function startDocumentThread(options: ThreadOptions = {}): DocumentThread {
  const workerFile = options.workerFile ?? WORKER_FILE;
  if (!existsSync(workerFile)) return inThisThread();
  const data: ThreadData = options.prepare ? { prepare: { name: options.prepare.name, dataDir: options.prepare.dataDir, rehearse: options.prepare.rehearse ?? true } } : {};
  const worker = new Worker(workerFile, { workerData: data });
  let filledHere = 0;
  // Idle, the thread keeps no process alive: only a document being filled does.
  worker.unref();
  const waiting = new Map<number, { request: RenderRequest; resolve(bytes: Buffer): void; reject(error: unknown): void }>();
  let nextId = 1;
  let alive = true;
  const again = (request: RenderRequest) => {
    filledHere++;
    return renderDocument(request.name, request.data, request.dataDir);
  };
  const settle = (id: number, reply: RenderReply | undefined) => {
    const task = waiting.get(id);
    if (!task) return;
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    try {
      task.resolve(reply?.ok ? Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength) : again(task.request));
    } catch (error) {
      task.reject(error);
    }
  };
  worker.on('message', (reply: RenderReply) => settle(reply.id, reply));
  // The thread's own error is not the document's: the document is filled here instead (see settle).
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    alive = false;
    for (const id of [...waiting.keys()]) settle(id, undefined);
  });
  return {
    render(name, data, dataDir) {
      const request: RenderRequest = { id: nextId++, name, data, dataDir };
      if (!alive) return Promise.resolve().then(() => again(request));
      return new Promise<Buffer>((resolve, reject) => {
        waiting.set(request.id, { request, resolve, reject });
        worker.ref();
        worker.postMessage(request);
      });
    },
    async close() {
      await worker.terminate();
    },
    get filledHere() {
      return filledHere;
    },
  };
}

function inThisThread(): DocumentThread {
  let filledHere = 0;
  return {
    render: async (name, data, dataDir) => {
      filledHere++;
      return renderDocument(name, data, dataDir);
    },
    close: async () => undefined,
    get filledHere() {
      return filledHere;
    },
  };
}
