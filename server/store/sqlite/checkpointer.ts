/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that
 * pushes the WAL past 1,000 pages, on the committing thread, and fsyncs the database file: on the
 * server that thread is the event loop, so every request waited for it (the intake bench's slow
 * runs under abuse). The serving connection turns it off (`wal_autocheckpoint = 0`) and this
 * checkpointer runs them on a connection of its own in a worker thread (checkpointWorker.ts):
 *
 * - after each write transaction the store calls `afterCommit`: one read of the WAL index (the
 *   `-shm` file's header, see `walState`); past `thresholdBytes` of frames not yet copied into the
 *   database a PASSIVE checkpoint starts (writers go on meanwhile);
 * - `idleMs` after the last commit: PASSIVE then TRUNCATE, which empties the WAL file;
 * - `close`: the same, then the thread ends.
 *
 * At most one checkpoint runs at a time. SQLite starts the WAL again from its beginning (reusing
 * the file) only at a write that finds every frame already copied: under a steady stream of group
 * commits a checkpoint may never catch up. So when the WAL in use passes `4 × thresholdBytes`
 * (`backlog`) the store's next group commit waits (asynchronously: the event loop goes on) for
 * the checkpoint under way, which then catches up, and that commit starts the WAL again. The WAL
 * file thus stays within about 4 × thresholdBytes plus one group commit, whatever the load; the
 * idle TRUNCATE gives the space back. (Not `journal_size_limit`: it truncates the WAL inside the
 * commit that starts it again, on the event loop, and that truncate waited for the disk: 7.7 s
 * of the event loop's thread blocked on I/O in one abuse phase of the intake bench.)
 *
 * A failed checkpoint is not swallowed: it is passed to `onError` (the server logs it; the same
 * failure again on retry is not logged again until a checkpoint succeeds in between), kept as
 * `problem` (health reports it) until a checkpoint succeeds, and retried by the next commit or the
 * next idle moment. A checkpointer thread that dies is replaced at the next checkpoint.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { Worker } from 'node:worker_threads';
import { builtWorkerFile } from '../../config/paths';
import type { CheckpointMode, CheckpointOutcome, CheckpointReady, CheckpointReply, CheckpointRequest, CheckpointWorkerSetup } from './checkpointWorker';

/** The WAL index is in the machine's own byte order. */
const LITTLE_ENDIAN = endianness() === 'LE';
/** Each WAL frame: a 24-byte header, then the page. */
const WAL_FRAME_HEADER_BYTES = 24;

/** SQLite's own automatic checkpoint threshold: 1,000 pages of 4 KiB. */
export const DEFAULT_CHECKPOINT_BYTES = 1000 * 4096;
export const DEFAULT_CHECKPOINT_IDLE_MS = 1000;

export interface CheckpointerOptions {
  /** The database file; its WAL is `<file>-wal`. */
  databaseFile: string;
  busyTimeoutMs: number;
  /** WAL bytes not yet copied into the database that start a PASSIVE checkpoint (default DEFAULT_CHECKPOINT_BYTES). */
  thresholdBytes?: number;
  /** Quiet time after the last commit before the WAL is emptied (default DEFAULT_CHECKPOINT_IDLE_MS). */
  idleMs?: number;
  /** Told of every failed checkpoint (and of the thread's death). */
  onError: (error: CheckpointError) => void;
}

/** A checkpoint that failed (SQLite's error, or the checkpointer thread's end). */
export class CheckpointError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(`WAL checkpoint failed: ${message}`);
    this.name = 'CheckpointError';
  }
}

export class WalCheckpointer {
  private readonly walFile: string;
  private readonly thresholdBytes: number;
  /** WAL in use (bytes) past which group commits wait for the checkpoint under way (see `backlog`). */
  private readonly holdBytes: number;
  private readonly idleTimer: NodeJS.Timeout;
  private worker: Worker | undefined;
  private nextId = 1;
  private running: Promise<void> | undefined;
  private closed = false;
  private lastError: CheckpointError | undefined;
  private inFlight = 0;
  /** The WAL index, open while the checkpointer runs (SQLite keeps it as long as a connection is open). */
  private shm: number | undefined;
  private readonly header = Buffer.alloc(100);
  /** Checkpoints that ended without error (for tests and diagnostics). */
  completed = 0;

  private constructor(private readonly options: CheckpointerOptions, worker: Worker) {
    this.walFile = `${options.databaseFile}-wal`;
    this.thresholdBytes = options.thresholdBytes ?? DEFAULT_CHECKPOINT_BYTES;
    this.holdBytes = 4 * this.thresholdBytes;
    this.adopt(worker);
    this.idleTimer = setTimeout(() => this.onIdle(), options.idleMs ?? DEFAULT_CHECKPOINT_IDLE_MS);
    this.idleTimer.unref();
  }

  /** Starts the thread and waits until its connection is open; rejects when it cannot open the database. */
  static async start(options: CheckpointerOptions): Promise<WalCheckpointer> {
    return new WalCheckpointer(options, await startWorker(options));
  }

  /** The last checkpoint's failure; undefined once a checkpoint succeeds again. */
  get problem(): CheckpointError | undefined {
    return this.lastError;
  }

  /**
   * After a write transaction committed (on the event loop: one read of the WAL index's header).
   * Starts a PASSIVE checkpoint when the frames not yet copied pass the threshold and none runs;
   * re-arms the idle timer.
   */
  afterCommit(): void {
    if (this.closed) return;
    this.idleTimer.refresh();
    if (this.running !== undefined) return;
    const wal = this.walState();
    if ((wal.frames - wal.copied) * wal.frameBytes >= this.thresholdBytes) this.run('PASSIVE');
  }

  /**
   * For the group commit, before it commits: undefined when it may go on; when the WAL is past
   * 4 × the threshold, the checkpoint to wait for (started if none runs). It settles either way
   * (a failure is reported, not thrown): the commit then goes on.
   */
  backlog(): Promise<void> | undefined {
    if (this.closed) return undefined;
    const wal = this.walState();
    if (wal.frames * wal.frameBytes < this.holdBytes) return undefined;
    if (this.running === undefined) this.run('PASSIVE');
    return this.running;
  }

  /** Size of the WAL file in bytes (0 when absent). */
  walBytes(): number {
    return statSync(this.walFile, { throwIfNoEntry: false })?.size ?? 0;
  }

  /**
   * The WAL in use, from the header of the WAL index (`<db>-shm`, SQLite's documented format:
   * walformat.html; native byte order): mxFrame (offset 16), the frames written since the WAL
   * started again, nBackfill (offset 96), those already copied into the database, and the page
   * size (offset 14). A read of the page cache, no disk I/O. Read without SQLite's locks, so it may
   * be a moment old: it only decides when to checkpoint. When the index cannot be read, the WAL
   * file's size stands in for the frames written (and none counts as copied).
   */
  private walState(): { frames: number; copied: number; frameBytes: number } {
    try {
      this.shm ??= openSync(`${this.options.databaseFile}-shm`, 'r');
      if (readSync(this.shm, this.header, 0, this.header.length, 0) === this.header.length) {
        const h = this.header;
        const pageSize = LITTLE_ENDIAN ? h.readUInt16LE(14) : h.readUInt16BE(14);
        const frameBytes = (pageSize === 1 ? 65536 : pageSize) + WAL_FRAME_HEADER_BYTES;
        const [frames, copied] = LITTLE_ENDIAN ? [h.readUInt32LE(16), h.readUInt32LE(96)] : [h.readUInt32BE(16), h.readUInt32BE(96)];
        return { frames, copied, frameBytes };
      }
    } catch {
      // Falls back to the file's size below.
    }
    return { frames: this.walBytes(), copied: 0, frameBytes: 1 };
  }

  /**
   * Waits for a checkpoint under way, empties the WAL (PASSIVE then TRUNCATE) and ends the thread.
   * Rejects with the CheckpointError when that last checkpoint fails (the thread ends anyway); it is
   * not reported to `onError`: the caller decides (the store closes its connection next, which
   * checkpoints on its own, and a WAL left behind is replayed at the next open: nothing is lost).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    if (this.shm !== undefined) closeSync(this.shm);
    this.shm = undefined;
    if (this.running) await this.running;
    try {
      await this.checkpoint('IDLE', false);
    } finally {
      const worker = this.worker;
      this.worker = undefined;
      if (worker) {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.ref();
        worker.postMessage('close');
        await exited;
      }
    }
  }

  /** The thread's death is noticed (the next checkpoint starts another); its errors never go unheard. */
  private adopt(worker: Worker): Worker {
    this.worker = worker;
    worker.on('error', (error) => {
      // A request under way rejects with it and is reported as such (see checkpoint).
      if (this.inFlight === 0) this.report(new CheckpointError(`checkpointer thread failed: ${error.message}`, undefined));
    });
    worker.once('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (this.inFlight === 0) this.report(new CheckpointError(`checkpointer thread ended (exit code ${code}); the next checkpoint starts another`, undefined));
    });
    return worker;
  }

  private onIdle(): void {
    if (this.closed) return;
    if (this.running !== undefined) {
      this.idleTimer.refresh();
      return;
    }
    if (this.walBytes() > 0 || this.lastError !== undefined) this.run('IDLE');
  }

  /** Starts a checkpoint in the background; its failure is reported, kept and retried later. */
  private run(mode: CheckpointMode): void {
    this.running = this.checkpoint(mode).then(
      // Reported in checkpoint(); the next commit past the threshold or the next idle moment retries.
      () => undefined,
      () => undefined,
    ).finally(() => {
      this.running = undefined;
    });
  }

  private async checkpoint(mode: CheckpointMode, report = true): Promise<CheckpointOutcome> {
    this.inFlight++;
    try {
      const worker = this.worker ?? this.adopt(await startWorker(this.options));
      const outcome = await request(worker, { id: this.nextId++, mode });
      this.lastError = undefined;
      this.completed++;
      return outcome;
    } catch (error) {
      const failure = error instanceof CheckpointError ? error : new CheckpointError(error instanceof Error ? error.message : String(error), undefined);
      if (report) this.report(failure);
      throw failure;
    } finally {
      this.inFlight--;
    }
  }

  /**
   * Keeps and reports a failure (the same failure again, retry after retry, is reported once: the
   * log gets one line, not one a second); the idle timer then retries even when nothing more is written.
   */
  private report(failure: CheckpointError): void {
    const repeated = this.lastError?.message === failure.message;
    this.lastError = failure;
    if (!repeated) this.options.onError(failure);
    if (!this.closed) this.idleTimer.refresh();
  }
}

/** One request to the thread; rejects with a CheckpointError when SQLite fails or the thread ends. */
function request(worker: Worker, message: CheckpointRequest): Promise<CheckpointOutcome> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: CheckpointReply) => {
      if (reply.id !== message.id) return;
      done();
      if (reply.ok) resolve(reply.outcome);
      else reject(new CheckpointError(reply.error.message, reply.error.code));
    };
    const onError = (error: Error) => {
      done();
      reject(new CheckpointError(`checkpointer thread failed: ${error.message}`, undefined));
    };
    const onExit = (code: number) => {
      done();
      reject(new CheckpointError(`checkpointer thread ended (exit code ${code})`, undefined));
    };
    const done = () => {
      worker.unref();
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    // Idle, the thread keeps no process alive; a checkpoint under way (the last one, at close) does.
    worker.ref();
    worker.postMessage(message);
  });
}

async function startWorker(options: CheckpointerOptions): Promise<Worker> {
  const setup: CheckpointWorkerSetup = { databaseFile: options.databaseFile, busyTimeoutMs: options.busyTimeoutMs };
  const worker = new Worker(builtWorkerFile(__dirname, 'server/store/sqlite', 'checkpointWorker.js'), { workerData: setup });
  let onMessage: (ready: CheckpointReady) => void = () => undefined;
  let onError: (error: Error) => void = () => undefined;
  let onExit: (code: number) => void = () => undefined;
  try {
    const ready = await new Promise<CheckpointReady>((resolve, reject) => {
      onMessage = resolve;
      onError = reject;
      onExit = (code) => reject(new Error(`checkpointer thread ended at start (exit code ${code})`));
      worker.once('message', onMessage).once('error', onError).once('exit', onExit);
    });
    if (!ready.ready) throw new CheckpointError(ready.error.message, ready.error.code);
  } catch (error) {
    await worker.terminate();
    throw error;
  } finally {
    // Only these: Node's own listeners on the worker must stay.
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
  }
  // Idle, the thread must not keep alive a process that has nothing else to do (close ends it anyway).
  worker.unref();
  return worker;
}
