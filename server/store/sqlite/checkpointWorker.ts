/**
 * The WAL checkpointer's thread (see checkpointer.ts): its own connection to the database, which
 * runs `PRAGMA wal_checkpoint(…)` when asked, so copying the WAL into the database file and
 * fsyncing it never runs on the event loop's thread.
 *
 * Messages in: a CheckpointRequest, or 'close' (closes the connection; the thread then ends).
 * Messages out: { ready: true } once the connection is open (or { ready: false, error }), then one
 * CheckpointReply per request.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface CheckpointWorkerSetup {
  databaseFile: string;
  busyTimeoutMs: number;
}

/**
 * PASSIVE copies what it can without waiting for anyone (writers go on meanwhile), again while
 * frames were added meanwhile (a few rounds): SQLite starts the WAL again from its beginning only
 * at a write that finds every frame copied. IDLE is PASSIVE then TRUNCATE: the TRUNCATE finds
 * (nearly) nothing left to copy, so it holds the write lock only to empty the WAL file (a writer
 * arriving then waits that long, within its busy timeout).
 */
export type CheckpointMode = 'PASSIVE' | 'IDLE';

export interface CheckpointRequest {
  id: number;
  mode: CheckpointMode;
}

/** SQLite's answer to `wal_checkpoint`: busy 1 when it could not finish; log and checkpointed in frames. */
export interface CheckpointOutcome {
  busy: number;
  log: number;
  checkpointed: number;
}

export type CheckpointReply =
  | { id: number; ok: true; outcome: CheckpointOutcome }
  | { id: number; ok: false; error: { message: string; code?: string } };

export type CheckpointReady = { ready: true } | { ready: false; error: { message: string; code?: string } };

/** PASSIVE checkpoints in a row at most, while writers keep adding frames. */
const PASSIVE_ROUNDS = 4;

function errorFields(error: unknown): { message: string; code?: string } {
  const code = (error as { code?: unknown }).code;
  return { message: error instanceof Error ? error.message : String(error), ...(typeof code === 'string' ? { code } : {}) };
}

function checkpoint(db: Database.Database, mode: 'PASSIVE' | 'TRUNCATE'): CheckpointOutcome {
  return (db.pragma(`wal_checkpoint(${mode})`) as CheckpointOutcome[])[0]!;
}

function serve(setup: CheckpointWorkerSetup, port: NonNullable<typeof parentPort>): void {
  let db: Database.Database;
  try {
    db = new Database(setup.databaseFile, { fileMustExist: true });
    db.pragma(`busy_timeout = ${setup.busyTimeoutMs}`);
    // This connection never writes rows; it must not checkpoint on its own either.
    db.pragma('wal_autocheckpoint = 0');
    // A checkpoint fsyncs the WAL before copying it and the database file after (NORMAL or FULL alike).
    db.pragma('synchronous = FULL');
  } catch (error) {
    port.postMessage({ ready: false, error: errorFields(error) } satisfies CheckpointReady);
    return;
  }
  port.postMessage({ ready: true } satisfies CheckpointReady);
  port.on('message', (message: CheckpointRequest | 'close') => {
    if (message === 'close') {
      db.close();
      port.close();
      return;
    }
    let reply: CheckpointReply;
    try {
      let outcome = checkpoint(db, 'PASSIVE');
      for (let round = 1; round < PASSIVE_ROUNDS && outcome.busy === 0 && outcome.checkpointed < outcome.log; round++) {
        outcome = checkpoint(db, 'PASSIVE');
      }
      if (message.mode === 'IDLE' && outcome.busy === 0) outcome = checkpoint(db, 'TRUNCATE');
      reply = { id: message.id, ok: true, outcome };
    } catch (error) {
      reply = { id: message.id, ok: false, error: errorFields(error) };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(workerData as CheckpointWorkerSetup, parentPort);
