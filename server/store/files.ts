/**
 * The submitted workbooks themselves, on disk by content hash: `files/<sha256[0:2]>/<sha256>.xlsx`.
 * A file is written to `files/.tmp/`, fsynced, renamed into place and its folder fsynced, so it is
 * either absent or complete — never half-written — before the row that points at it is committed.
 * File names chosen by senders never reach the file system.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

const SHA256_HEX = /^[0-9a-f]{64}$/u;

export class ContentFiles {
  readonly root: string;
  private readonly tmp: string;
  /** Sub-folders known to exist (there are at most 256). */
  private readonly folders = new Set<string>();

  constructor(root: string) {
    this.root = root;
    this.tmp = path.join(root, '.tmp');
  }

  /** Creates the folders and removes temp files a killed process left behind. */
  async open(): Promise<void> {
    await fs.mkdir(this.tmp, { recursive: true });
    for (const name of await fs.readdir(this.tmp)) await fs.rm(path.join(this.tmp, name), { force: true });
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 hex digest: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.xlsx`);
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return;
    const dir = path.dirname(target);
    if (!this.folders.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      await syncDir(this.root);
      this.folders.add(dir);
    }
    const temp = path.join(this.tmp, `${sha256}.${randomBytes(6).toString('hex')}`);
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Two concurrent writers of the same content both rename; the second replaces identical bytes.
    await fs.rename(temp, target);
    await syncDir(dir);
  }

  async stream(sha256: string): Promise<Readable | undefined> {
    const file = this.pathOf(sha256);
    return (await exists(file)) ? createReadStream(file) : undefined;
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

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
