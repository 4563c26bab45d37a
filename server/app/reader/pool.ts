/**
 * Reads uploaded workbooks in a small pool of worker threads, each with a heap limit and each
 * read with a time limit. The fast reader already caps bytes inflated and cells read; the pool
 * adds the last line of defence: a file that still hangs or exhausts memory costs its sender a
 * 4xx, and the worker is replaced.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CriteriaRegistry } from '../../../shared/criteria/load';
import type { CheckResult } from '../../../shared/workbook/checkResult';
import { builtWorkerFile } from '../../config/paths';
import type { ReadLimits } from '../../xlsx/readWorkbook';
import { problems } from '../errors';
import type { WorkerReady, WorkerReply, WorkerRequest } from './protocol';

export type ReadOutcome =
  | { ok: true; result: CheckResult }
  /**
   * timeout / memory: the file was too much for its limits; failed: the reader threw on it;
   * unavailable: no reader could start (a fault of the server, not of the file).
   */
  | { ok: false; reason: 'timeout' | 'memory' | 'failed' | 'unavailable'; detail: string };

/** What intake needs of a reader; the pool below is the real one. */
export interface WorkbookReader {
  /** Time allowed for one file. */
  readonly timeoutMs: number;
  read(bytes: Buffer): Promise<ReadOutcome>;
  close(): Promise<void>;
}

export interface ReaderPoolOptions {
  registry: CriteriaRegistry;
  /** Worker threads (default: the number of cores, at most 4). */
  size?: number;
  /** Time allowed for one file (default 10 s). */
  timeoutMs?: number;
  /** Heap of each worker (default 256 MB old generation). */
  maxOldGenerationSizeMb?: number;
  /** Files waiting for a worker before intake answers "busy" (default 1,000). */
  maxQueue?: number;
  limits?: Partial<ReadLimits>;
  /** The worker's script (default: the compiled worker.js); tests point it elsewhere. */
  workerFile?: string;
}

interface Task {
  bytes: Buffer;
  resolve(outcome: ReadOutcome): void;
}

interface Slot {
  worker: Worker;
  task: (Task & { id: number; timer: NodeJS.Timeout }) | undefined;
  lastError: Error | undefined;
  /** Being terminated after a time-out: takes no more work. */
  retiring: boolean;
  /** The worker said it is ready (code and sets loaded); one that dies before is a broken installation. */
  online: boolean;
}

export class ReaderPool implements WorkbookReader {
  readonly timeoutMs: number;
  private readonly options: Required<Omit<ReaderPoolOptions, 'registry' | 'limits' | 'workerFile'>> & { limits: Partial<ReadLimits> };
  private readonly workerPath: string;
  private readonly workerData: { sets: unknown; limits: Partial<ReadLimits> };
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers in a row that died before starting: respawns back off. */
  private startFailures = 0;

  constructor(options: ReaderPoolOptions) {
    this.options = {
      size: options.size ?? Math.max(1, Math.min(4, availableParallelism())),
      timeoutMs: options.timeoutMs ?? 10_000,
      maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? 256,
      maxQueue: options.maxQueue ?? 1000,
      limits: options.limits ?? {},
    };
    this.timeoutMs = this.options.timeoutMs;
    this.workerPath = options.workerFile ?? builtWorkerFile(__dirname, 'server/app/reader', 'worker.js');
    this.workerData = { sets: options.registry.all(), limits: this.options.limits };
    for (let i = 0; i < this.options.size; i++) this.slots.push(this.spawn());
  }

  read(bytes: Buffer): Promise<ReadOutcome> {
    if (this.closed) return Promise.reject(new Error('reader pool is closed'));
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(problems.busy());
    return new Promise((resolve) => {
      this.queue.push({ bytes, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.resolve({ ok: false, reason: 'failed', detail: 'reader pool closed' });
    await Promise.all(this.slots.map(async (slot) => {
      if (slot.task) {
        clearTimeout(slot.task.timer);
        slot.task.resolve({ ok: false, reason: 'failed', detail: 'reader pool closed' });
        slot.task = undefined;
      }
      await slot.worker.terminate();
    }));
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerPath, {
      workerData: this.workerData,
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    });
    const slot: Slot = { worker, task: undefined, lastError: undefined, retiring: false, online: false };
    worker.on('message', (reply: WorkerReply | WorkerReady) => {
      if ('ready' in reply) {
        slot.online = true;
        this.startFailures = 0;
        this.dispatch();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      clearTimeout(task.timer);
      slot.task = undefined;
      task.resolve(reply.ok ? { ok: true, result: reply.result } : { ok: false, reason: 'failed', detail: reply.message });
      this.dispatch();
    });
    worker.on('error', (error) => { slot.lastError = error; });
    worker.on('exit', () => {
      const task = slot.task;
      slot.task = undefined;
      if (task) clearTimeout(task.timer);
      const index = this.slots.indexOf(slot);
      if (!slot.online && !slot.retiring) {
        // Not the file's fault: the reader cannot start. Nothing waiting can be read now.
        const detail = slot.lastError?.stack ?? 'reader worker did not start';
        for (const waiting of [...(task ? [task] : []), ...this.queue.splice(0)]) waiting.resolve({ ok: false, reason: 'unavailable', detail });
        if (this.closed || index < 0) return;
        const delay = Math.min(30_000, 200 * 2 ** this.startFailures++);
        setTimeout(() => {
          if (!this.closed && this.slots[index] === slot) this.slots[index] = this.spawn();
        }, delay).unref();
        return;
      }
      if (task) {
        const memory = (slot.lastError as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        task.resolve({ ok: false, reason: memory ? 'memory' : 'failed', detail: slot.lastError?.message ?? 'reader worker exited' });
      }
      if (this.closed || index < 0) return;
      this.slots[index] = this.spawn();
      this.dispatch();
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.task || slot.retiring || !slot.online) continue;
      const next = this.queue.shift()!;
      const id = this.nextId++;
      const timer = setTimeout(() => {
        if (slot.task?.id !== id) return;
        slot.task = undefined;
        slot.retiring = true;
        next.resolve({ ok: false, reason: 'timeout', detail: `no answer in ${this.options.timeoutMs} ms` });
        // The worker may be stuck in a loop: replace it (its exit handler spawns the next one).
        void slot.worker.terminate();
      }, this.options.timeoutMs);
      slot.task = { ...next, id, timer };
      slot.worker.postMessage({ id, bytes: next.bytes } satisfies WorkerRequest);
    }
  }
}

