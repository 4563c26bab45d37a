/**
 * The running server's lock on its data folder: `<data>/dien-hinh.lock`, a small SQLite file held
 * in an exclusive transaction for the server's whole life. The lock is the operating system's
 * (fcntl), so it is released when the process ends in any way, `kill -9` included, and a second
 * `serve` on the same folder is refused instead of sharing the database.
 */
import path from 'node:path';
import Database from 'better-sqlite3';

export const LOCK_FILE = 'dien-hinh.lock';

export interface DataFolderLock {
  release(): void;
}

/**
 * Takes the data folder's lock; undefined when another process holds it. Errors other than
 * "held" (a read-only folder, say) are thrown as they are.
 */
export function lockDataFolder(dataDir: string): DataFolderLock | undefined {
  const db = new Database(path.join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (isBusy(error)) return undefined;
    throw error;
  }
  return {
    release: () => {
      if (!db.open) return;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

/** True when a server holds the data folder's lock now (a probe: takes and releases it). */
export function dataFolderInUse(dataDir: string): boolean {
  const lock = lockDataFolder(dataDir);
  lock?.release();
  return lock === undefined;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
