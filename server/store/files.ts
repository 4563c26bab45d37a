/**
 * The submitted workbooks themselves, on disk by content hash: `files/<sha256[0:2]>/<sha256>.xlsx`.
 * A file is written to `files/.tmp/` and fsynced (an upload body by the descriptor that streamed
 * it, see http/upload.ts), renamed into place and its folder fsynced, so it is
 * either absent or complete — never half-written — before the row that points at it is committed.
 * File names chosen by senders never reach the file system.
 *
 * Temporary files are named `<pid>-<random>`: only the process that made one removes it, except
 * the server's start-up sweep (`sweepStaleTemp`), which removes those of processes no longer
 * running. Opening the folder never empties `.tmp`, so a command run beside the server (backup,
 * ingest, units…) cannot break an upload in flight.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const SHA256_HEX = /^[0-9a-f]{64}$/u;
const TEMP_NAME = /^(\d+)-[0-9a-f]+/u;
/** A temp file not named by a pid (older versions) is stale after this long. */
const UNNAMED_TEMP_STALE_MS = 60 * 60 * 1000;

/** A stored file as found on disk (for verify and the orphan sweep). */
export interface StoredFile {
  sha256: string;
  size: number;
  modifiedAt: Date;
}

/**
 * A folder of temporary files named `<pid>-<random>`: only the process that made one removes it,
 * except `sweepStaleTemp`, which removes those of processes no longer running. Used by the files
 * below (`files/.tmp`) and by the PostgreSQL store for upload bodies before they enter the database.
 */
export class TempFolder {
  constructor(readonly dir: string) {}

  /** Creates the folder. Leaves its files as they are: another process may be writing there. */
  async open(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
  }

  /**
   * Removes temp files left by processes that are no longer running (a killed server or
   * command). Only the server calls it, at start. Returns how many were removed.
   */
  async sweepStaleTemp(now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await fs.readdir(this.dir)) {
      const file = path.join(this.dir, name);
      const pid = TEMP_NAME.exec(name)?.[1];
      let stale: boolean;
      if (pid !== undefined) stale = Number(pid) !== process.pid && !processAlive(Number(pid));
      else {
        const stat = await fs.stat(file).catch(() => undefined);
        stale = stat !== undefined && now - stat.mtimeMs > UNNAMED_TEMP_STALE_MS;
      }
      if (stale) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** A fresh path owned by this process (nothing is created). */
  tempPath(): string {
    return path.join(this.dir, `${process.pid}-${randomBytes(8).toString('hex')}`);
  }

  /** Writes and removes a probe file: throws when the folder cannot be written. */
  async probeWritable(): Promise<void> {
    const probe = this.tempPath();
    try {
      await fs.writeFile(probe, 'probe', { flag: 'wx' });
    } finally {
      await fs.rm(probe, { force: true });
    }
  }
}

export class ContentFiles {
  readonly root: string;
  readonly tmp: string;
  private readonly temp: TempFolder;
  /** Sub-folders known to exist (there are at most 256). */
  private readonly folders = new Set<string>();

  constructor(root: string) {
    this.root = root;
    this.tmp = path.join(root, '.tmp');
    this.temp = new TempFolder(this.tmp);
  }

  /** Creates the folders. Leaves `.tmp` as it is: another process may be writing there. */
  async open(): Promise<void> {
    await this.temp.open();
  }

  /** See TempFolder.sweepStaleTemp: only the server calls it, at start, once it holds the data folder's lock. */
  sweepStaleTemp(now = Date.now()): Promise<number> {
    return this.temp.sweepStaleTemp(now);
  }

  /** A fresh path in `.tmp` owned by this process (nothing is created). */
  tempPath(): string {
    return this.temp.tempPath();
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 hex digest: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.xlsx`);
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    if (await this.has(sha256)) return;
    const temp = this.tempPath();
    try {
      const handle = await fs.open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      // Disk full or a read-only folder: leave no empty or partial temp file behind.
      await fs.rm(temp, { force: true });
      throw error;
    }
    await this.moveIntoPlace(sha256, temp);
  }

  /**
   * Stores a complete temp file under its hash: rename into place, fsync the folder. The temp file
   * must already be fsynced by the process that wrote it (see `tempPath`; upload.ts's
   * streamToFile fsyncs through the descriptor that wrote it), so it is neither reopened nor read
   * here. When the hash is already stored the temp file is removed. Either way it is gone after.
   */
  async adopt(sha256: string, temp: string): Promise<void> {
    if (await this.has(sha256)) {
      await fs.rm(temp, { force: true });
      return;
    }
    await this.moveIntoPlace(sha256, temp);
  }

  private async moveIntoPlace(sha256: string, temp: string): Promise<void> {
    const target = this.pathOf(sha256);
    const dir = path.dirname(target);
    try {
      if (!this.folders.has(dir)) {
        await fs.mkdir(dir, { recursive: true });
        await syncPath(this.root);
        this.folders.add(dir);
      }
      // Two concurrent writers of the same content both rename; the second replaces identical bytes.
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    await syncPath(dir);
  }

  async stream(sha256: string): Promise<Readable | undefined> {
    const file = this.pathOf(sha256);
    return (await exists(file)) ? createReadStream(file) : undefined;
  }

  /** The SHA-256 of a stored file's bytes as they are on disk now (undefined when absent). */
  async hashOnDisk(sha256: string): Promise<string | undefined> {
    const file = this.pathOf(sha256);
    if (!(await exists(file))) return undefined;
    const hash = createHash('sha256');
    await pipeline(createReadStream(file), hash);
    return hash.digest('hex');
  }

  /** Every file stored under `<xx>/<sha256>.xlsx`; anything else in the folder is not listed. */
  async list(): Promise<StoredFile[]> {
    const found: StoredFile[] = [];
    for (const dir of await fs.readdir(this.root)) {
      if (!/^[0-9a-f]{2}$/u.test(dir)) continue;
      for (const name of await fs.readdir(path.join(this.root, dir))) {
        const sha256 = name.replace(/\.xlsx$/u, '');
        if (!SHA256_HEX.test(sha256) || sha256.slice(0, 2) !== dir || name !== `${sha256}.xlsx`) continue;
        const stat = await fs.stat(path.join(this.root, dir, name)).catch(() => undefined);
        if (stat) found.push({ sha256, size: stat.size, modifiedAt: stat.mtime });
      }
    }
    return found;
  }

  /** Removes a stored file (the orphan sweep only: rows are never left without their file). */
  async remove(sha256: string): Promise<void> {
    await fs.rm(this.pathOf(sha256), { force: true });
  }
}

/** True while a process with this id runs (signal 0 checks without sending anything). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * fsync of a file or folder by its path, on the libuv pool (off the event loop). Opened anew each
 * time: a descriptor kept open could outlive a file another process removes.
 */
export async function syncPath(target: string): Promise<void> {
  const handle = await fs.open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
