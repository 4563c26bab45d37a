/**
 * The queue in front of the reader pool for uploads already streamed to disk. It holds file
 * paths, never bytes: a body is loaded into memory only when a reader is free for it, so memory
 * stays bounded by the readers in use whatever the flood. Waiting files are bounded in bytes
 * (over the bound: `busy`), and senders take turns (round robin), so one sender's hundred files
 * never stand between another unit and the reader.
 */
import { promises as fs } from 'node:fs';
import { problems } from './errors';
import type { ReadOutcome, WorkbookReader } from './reader/pool';

export interface ReadQueueOptions {
  /** Files read at the same time (the reader pool's size). */
  concurrency: number;
  /** Bytes of files waiting for a reader before new ones are answered `busy`. */
  maxQueuedBytes: number;
}

interface Waiting {
  path: string;
  size: number;
  start(): void;
}

export class ReadQueue {
  private readonly waiting = new Map<string, Waiting[]>();
  private queuedBytes = 0;
  private running = 0;

  constructor(private readonly reader: WorkbookReader, private readonly options: ReadQueueOptions) {}

  /** Bytes of files waiting now (for tests and the log). */
  get bytesWaiting(): number {
    return this.queuedBytes;
  }

  /**
   * Reads the workbook in `path` (`size` bytes) when the sender's turn comes. Throws `busy` when
   * the waiting files would exceed the bound in bytes; the file itself is left where it is.
   */
  read(sender: string, path: string, size: number): Promise<ReadOutcome> {
    if (this.running >= this.options.concurrency && this.queuedBytes + size > this.options.maxQueuedBytes) {
      return Promise.reject(problems.busy());
    }
    return new Promise<void>((resolve) => {
      const queue = this.waiting.get(sender) ?? [];
      queue.push({ path, size, start: resolve });
      this.waiting.set(sender, queue);
      this.queuedBytes += size;
      this.next();
    }).then(async () => {
      try {
        return await this.reader.read(await fs.readFile(path));
      } finally {
        this.running--;
        this.next();
      }
    });
  }

  /** Starts waiting files while readers are free, one sender after another. */
  private next(): void {
    while (this.running < this.options.concurrency && this.waiting.size > 0) {
      // Map order is insertion order: the sender served is moved to the back.
      const [sender, queue] = this.waiting.entries().next().value as [string, Waiting[]];
      const item = queue.shift()!;
      this.waiting.delete(sender);
      if (queue.length > 0) this.waiting.set(sender, queue);
      this.queuedBytes -= item.size;
      this.running++;
      item.start();
    }
  }
}
