/**
 * The default store: SQLite (better-sqlite3, WAL, synchronous=FULL; submissions' group commits
 * fsync the WAL off the event loop, see recordSubmission; the server's checkpoints run in a thread
 * of their own, see checkpointer.ts) in `<data>/dien-hinh.sqlite` and the
 * submitted files in `<data>/files/` (see ../files.ts). better-sqlite3 is synchronous:
 * each method runs its statements in one transaction on the event loop, so writes of one process
 * never interleave; the UNIQUE indexes guard against a second process. Every write transaction
 * is BEGIN IMMEDIATE: it takes the write lock first, so while another process writes it waits
 * within the busy timeout instead of failing with SQLITE_BUSY when it turns from reading to writing.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Readable } from 'node:stream';
import { calendarSchema, type Calendar, type Stage } from '../../../shared/deadlines/calendar';
import { checkResultSchema, readIssueSchema, type CheckResult } from '../../../shared/workbook/checkResult';
import type { ReviewState } from '../../../shared/api/schemas';
import type { UnitKind } from '../../../shared/units/kinds';
import { parentKey, unitNameKey } from '../../../shared/units/identity';
import { assignedUnitCode, normalizeUnitCode, parseAssignedUnitCode, UNIT_CODE_PREFIXES } from '../../../shared/units/codes';
import { planUnitsImport, type ListedUnit } from '../../../shared/units/importPlan';
import { ContentFiles, syncPath } from '../files';
import {
  StoreFailedError, UnitsImportConflictError,
  type AdminTokenRecord, type AuditRecord, type Change, type IdempotencyKey, type NewSubmission, type NewUnit, type ReviewRecord, type Store,
  type SubmissionRecord, type SubmissionSummary, type SummaryFilter, type UnitImportOutcome, type UnitRecord, type VerifyReport,
} from '../store';
import { LOCK_FILE } from '../lock';
import { submissionSummary, summaryUnits, TextPool } from '../summaries';
import { appraisalsByUnit, toUnit, type AppraisalRow, type UnitRow } from '../unitRows';
import { migrate } from './migrations';
import { WalCheckpointer } from './checkpointer';
import { z } from 'zod';

export const DATABASE_FILE = 'dien-hinh.sqlite';
export const FILES_DIR = 'files';
/** Not copied as they are by a backup: the database (copied by SQLite), the files (copied per row), the server's lock. */
const NOT_COPIED = new Set([DATABASE_FILE, FILES_DIR, LOCK_FILE]);

interface SubmissionRow {
  id: string; unit_id: string | null; year: number; stage: string; version: number | null; sha256: string; size: number;
  file_name: string; received_at: string; late: number; days_late: number; valid: number; result_json: string;
  errors_json: string; actor: string; file_kept: number;
  r_state: string | null; r_note: string | null; r_by: string | null; r_at: string | null;
}

const SUBMISSION_SELECT = `
  SELECT s.*, r.state AS r_state, r.note AS r_note, r.by AS r_by, r.at AS r_at
  FROM submissions s
  LEFT JOIN reviews r ON r.id = (SELECT MAX(id) FROM reviews WHERE submission_id = s.id)`;

const issuesSchema = z.array(readIssueSchema);

type BatchOutcome = { ok: true; value: { record: SubmissionRecord; duplicate: boolean } } | { ok: false; error: unknown };

const BUSY_TIMEOUT_MS = 5000;

/** How a SQLite store is opened (SqliteStore.open). */
export interface SqliteStoreOptions {
  /**
   * Who checkpoints the WAL into the database file. 'automatic' (default, for commands that open
   * the store briefly): SQLite itself, inside the commit that passes 1,000 pages. 'background'
   * (the server): automatic checkpoints off on this connection, a WalCheckpointer thread runs
   * them (see checkpointer.ts), so no commit on the event loop waits for one.
   */
  checkpoints?: 'automatic' | 'background';
  /** Background checkpoints: WAL bytes that start one, quiet time before the WAL is emptied (tests make them small). */
  checkpointThresholdBytes?: number;
  checkpointIdleMs?: number;
  /** Told of each failure of work done in the background (a failed checkpoint); the server logs it. */
  onBackgroundError?: (error: Error) => void;
  /** fsync of the WAL after a group commit (default syncPath); tests inject a failing one. */
  syncWal?: (file: string) => Promise<void>;
}

interface PendingSubmission {
  submission: NewSubmission;
  audit: (version: number | null) => Pick<Change, 'action' | 'detail'>;
  resolve(outcome: { record: SubmissionRecord; duplicate: boolean }): void;
  reject(error: unknown): void;
}

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly files: ContentFiles;
  private readonly statements: ReturnType<typeof prepare>;
  private readonly dataDir: string;
  /**
   * The database's write-ahead log, fsynced by each group commit (see recordSubmission); undefined
   * when the database could not be put in WAL mode (then group commits are FULL commits).
   */
  private readonly walFile: string | undefined;
  private readonly syncWal: (file: string) => Promise<void>;
  /** Background checkpoints (undefined: SQLite's automatic ones, or no WAL). */
  private readonly checkpointer: WalCheckpointer | undefined;
  /**
   * Set when a group commit's WAL fsync failed: its rows are committed but maybe not on disk, and
   * an fsync cannot be retried (the kernel may have dropped the dirty pages and reports the error
   * once), so from then on every write and every read that could answer with such a row fails
   * with it until the server restarts (SQLite then recovers from what is really on disk).
   */
  private failure: StoreFailedError | undefined;

  private constructor(
    db: Database.Database, files: ContentFiles, dataDir: string, syncWal: (file: string) => Promise<void>, checkpointer: WalCheckpointer | undefined,
  ) {
    this.db = db;
    this.files = files;
    this.dataDir = dataDir;
    this.walFile = db.pragma('journal_mode', { simple: true }) === 'wal' ? `${db.name}-wal` : undefined;
    this.syncWal = syncWal;
    this.checkpointer = checkpointer;
    this.statements = prepare(db);
  }

  /**
   * Opens (creating if needed) the store of a data folder and runs pending migrations; with
   * `checkpoints: 'background'` starts the checkpointer thread (rejects when it cannot open the database).
   */
  static async open(dataDir: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    await fs.mkdir(dataDir, { recursive: true });
    const files = new ContentFiles(path.join(dataDir, FILES_DIR));
    await files.open();
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    let checkpointer: WalCheckpointer | undefined;
    try {
      db.pragma('journal_mode = WAL');
      // FULL: a commit is on disk before it returns. Group commits of submissions fsync the WAL
      // themselves, off the event loop (see recordSubmission).
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      migrate(db);
      if (options.checkpoints === 'background' && db.pragma('journal_mode', { simple: true }) === 'wal') {
        // No checkpoint inside a commit on this thread (and no journal_size_limit: see checkpointer.ts).
        db.pragma('wal_autocheckpoint = 0');
        const onError = options.onBackgroundError ?? ((error: Error) => process.emitWarning(error));
        checkpointer = await WalCheckpointer.start({
          databaseFile: db.name, busyTimeoutMs: BUSY_TIMEOUT_MS, onError,
          ...(options.checkpointThresholdBytes !== undefined ? { thresholdBytes: options.checkpointThresholdBytes } : {}),
          ...(options.checkpointIdleMs !== undefined ? { idleMs: options.checkpointIdleMs } : {}),
        });
      }
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteStore(db, files, dataDir, options.syncWal ?? syncPath, checkpointer);
  }

  /**
   * Runs `work` in a write transaction (BEGIN IMMEDIATE), then lets the checkpointer look at the
   * WAL. Throws the store's failure (see `failure`) without writing once it has failed.
   */
  private write<T>(work: () => T): T {
    if (this.failure) throw this.failure;
    try {
      return this.db.transaction(work).immediate();
    } finally {
      this.checkpointer?.afterCommit();
    }
  }

  /**
   * Why the store cannot be trusted to keep what it is given now: a failed WAL fsync (until
   * restart) or a failed background checkpoint (until one succeeds); undefined when sound.
   */
  problem(): Error | undefined {
    return this.failure ?? this.checkpointer?.problem;
  }

  // ── Units ────────────────────────────────────────────────────────────────────────────────────

  async listUnits(): Promise<UnitRecord[]> {
    return (this.statements.listUnits.all() as UnitRow[]).map(toUnit);
  }

  async getUnit(id: string): Promise<UnitRecord | undefined> {
    const row = this.statements.unitById.get(id) as UnitRow | undefined;
    return row && toUnit(row);
  }

  async findUnitByCode(code: string): Promise<UnitRecord | undefined> {
    const row = this.statements.unitByCode.get(normalizeUnitCode(code)) as UnitRow | undefined;
    return row && toUnit(row);
  }

  async findUnitsByNameKey(nameKey: string): Promise<UnitRecord[]> {
    return (this.statements.unitsByKey.all(nameKey) as UnitRow[]).map(toUnit);
  }

  async upsertUnits(
    units: ListedUnit[],
    change: Omit<Change, 'detail'> & { detail: (outcome: UnitImportOutcome) => string },
  ): Promise<UnitImportOutcome> {
    return this.write(() => {
      const registry = (this.statements.listUnits.all() as UnitRow[]).map(toUnit);
      const plan = planUnitsImport(registry, units);
      if (plan.conflicts.length > 0) throw new UnitsImportConflictError(plan.conflicts);
      const outcome: UnitImportOutcome = { added: 0, updated: 0, unchanged: 0 };
      const at = change.at.toISOString();
      // Listed codes first, so an assigned code never takes one the list is about to use.
      for (const step of plan.steps) if (step.row.code) this.bumpSequence(step.row.code);
      // Updates may swap names between units: free every updated identity first.
      const updates = plan.steps.filter((s) => s.action === 'update');
      for (const step of updates) this.statements.parkUnit.run(step.id);
      for (const step of plan.steps) {
        if (step.action === 'add') {
          this.insertUnit(randomUUID(), step.row, at);
          outcome.added++;
        } else if (step.action === 'update') {
          const name = cleanName(step.row.name);
          this.statements.updateUnit.run({
            id: step.id, code: step.row.code, name, name_key: unitNameKey(name), parent_key: parentKey(step.row.parent),
            kind: step.row.kind, parent: step.row.parent, contact: step.row.contact, at,
          });
          outcome.updated++;
        } else outcome.unchanged++;
      }
      this.insertAudit(null, { ...change, detail: change.detail(outcome) });
      return outcome;
    });
  }

  async addUnit(unit: NewUnit, change: Change): Promise<UnitRecord | undefined> {
    return this.write(() => {
      const name = cleanName(unit.name);
      const code = normalizeUnitCode(unit.code ?? '');
      if (code && this.statements.unitByCode.get(code)) return undefined;
      if (this.statements.unitByIdentity.get(unitNameKey(name), parentKey(unit.parent))) return undefined;
      const id = randomUUID();
      if (code) this.bumpSequence(code);
      this.insertUnit(id, { ...unit, code }, change.at.toISOString());
      this.insertAudit(id, change);
      return toUnit(this.statements.unitById.get(id) as UnitRow);
    });
  }

  private insertUnit(id: string, unit: NewUnit, at: string): void {
    const name = cleanName(unit.name);
    const code = normalizeUnitCode(unit.code ?? '') || this.nextCode(unit.kind);
    this.statements.insertUnit.run({
      id, code, name, name_key: unitNameKey(name), parent_key: parentKey(unit.parent), kind: unit.kind, parent: unit.parent,
      contact: unit.contact, at,
    });
  }

  /** The next free code of a kind (a code once given, even to a unit renamed since, is never given again). */
  private nextCode(kind: UnitKind): string {
    const prefix = UNIT_CODE_PREFIXES[kind];
    let next = ((this.statements.sequence.get(prefix) as { last: number } | undefined)?.last ?? 0) + 1;
    while (this.statements.unitByCode.get(assignedUnitCode(kind, next))) next++;
    this.statements.setSequence.run(prefix, next);
    return assignedUnitCode(kind, next);
  }

  /** A listed code in the product's own form moves its sequence past it. */
  private bumpSequence(code: string): void {
    const parsed = parseAssignedUnitCode(code);
    if (!parsed) return;
    const last = (this.statements.sequence.get(parsed.prefix) as { last: number } | undefined)?.last ?? 0;
    if (parsed.sequence > last) this.statements.setSequence.run(parsed.prefix, parsed.sequence);
  }

  async setUnitTokenHashes(
    hashes: ReadonlyMap<string, string | null>,
    change: Change & { unitId?: string | null },
    options: { pending?: boolean } = {},
  ): Promise<void> {
    this.write(() => {
      const at = change.at.toISOString();
      for (const [unitId, hash] of hashes) {
        if (options.pending) this.statements.setPendingToken.run({ hash, at, id: unitId });
        else this.statements.setUnitToken.run(hash, at, unitId);
      }
      this.insertAudit(change.unitId ?? null, change);
    });
  }

  async unitByTokenHash(hash: string): Promise<UnitRecord | undefined> {
    const row = this.statements.unitByToken.get(hash) as UnitRow | undefined;
    if (row) return toUnit(row);
    const pending = this.statements.unitByPendingToken.get(hash) as UnitRow | undefined;
    if (!pending) return undefined;
    // First use of a token issued to every unit: from now on it is the unit's only token.
    this.write(() => {
      this.statements.promotePendingToken.run(new Date().toISOString(), pending.id);
      this.insertAudit(pending.id, {
        by: pending.name, at: new Date(), action: 'token-activated', detail: `Mã nộp mới của đơn vị ${pending.code} được dùng lần đầu; mã cũ hết hiệu lực.`,
      });
    });
    return toUnit({ ...pending, token_hash: hash, pending_token_hash: null });
  }

  // ── Admin tokens ─────────────────────────────────────────────────────────────────────────────

  async adminTokenCount(): Promise<number> {
    return (this.statements.adminCount.get() as { n: number }).n;
  }

  async addAdminToken(label: string, hash: string, change: Change): Promise<void> {
    this.write(() => {
      this.statements.insertAdmin.run(label, hash, change.at.toISOString());
      this.insertAudit(null, change);
    });
  }

  async adminLabelByTokenHash(hash: string): Promise<string | undefined> {
    return (this.statements.adminByToken.get(hash) as { label: string } | undefined)?.label;
  }

  async listAdminTokens(): Promise<AdminTokenRecord[]> {
    return (this.statements.listAdmins.all() as { label: string; created_at: string }[])
      .map((r) => ({ label: r.label, createdAt: new Date(r.created_at) }));
  }

  async revokeAdminTokens(label: string, change: Change): Promise<number> {
    return this.write(() => {
      const revoked = this.statements.revokeAdmin.run(change.at.toISOString(), label).changes;
      if (revoked > 0) this.insertAudit(null, change);
      return revoked;
    });
  }

  async appendAudit(unitId: string | null, change: Change): Promise<void> {
    this.write(() => this.insertAudit(unitId, change));
  }

  // ── Files ────────────────────────────────────────────────────────────────────────────────────

  putFile(sha256: string, bytes: Buffer): Promise<void> {
    return this.files.put(sha256, bytes);
  }

  hasFile(sha256: string): Promise<boolean> {
    return this.files.has(sha256);
  }

  openFile(sha256: string): Promise<Readable | undefined> {
    return this.files.stream(sha256);
  }

  tempPath(): string {
    return this.files.tempPath();
  }

  adoptFile(sha256: string, tempPath: string): Promise<void> {
    return this.files.adopt(sha256, tempPath);
  }

  sweepStaleTemp(): Promise<number> {
    return this.files.sweepStaleTemp();
  }

  /** Also throws the store's problem (a failed WAL fsync or checkpoint, see `problem`): health then says so. */
  async probeWritable(): Promise<void> {
    const problem = this.problem();
    if (problem) throw problem;
    const probe = this.files.tempPath();
    try {
      await fs.writeFile(probe, 'probe', { flag: 'wx' });
    } finally {
      await fs.rm(probe, { force: true });
    }
  }

  // ── Submissions ──────────────────────────────────────────────────────────────────────────────

  async findSubmission(key: { sha256: string; unitId: string | null; year: number; stage: Stage }): Promise<SubmissionRecord | undefined> {
    const row = this.statements.sameFile.get(key.sha256, key.unitId ?? '', key.year, key.stage) as SubmissionRow | undefined;
    return this.durable(row && toSubmission(row));
  }

  /**
   * Group commit: submissions are committed together in ONE transaction, each in its own
   * savepoint so one failure rejects only its own submission, and every caller is answered only
   * once the WAL holding its row is fsynced. The transaction itself commits with
   * `synchronous=NORMAL` (frames written, no fsync: better-sqlite3 would fsync on the event loop's
   * thread and block every request for it), then the WAL file is fsynced off the thread
   * (`syncPath`, on the libuv pool); the connection is back at FULL for every other write. When
   * that fsync fails, the batch's senders get its error and the store fails (see `failure`). At most one
   * WAL fsync is under way: submissions arriving meanwhile wait and form the next batch, so under
   * load one fsync serves many uploads. A crash or power loss before the fsync ends loses at most
   * rows nobody was answered for; reads that could answer with such a row wait for it (`durable`).
   */
  recordSubmission(
    submission: NewSubmission,
    audit: (version: number | null) => Pick<Change, 'action' | 'detail'>,
  ): Promise<{ record: SubmissionRecord; duplicate: boolean }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ submission, audit, resolve, reject });
      if (this.pending.length === 1 && this.walSync === undefined && this.checkpointWait === undefined) setImmediate(() => this.commitPending());
    });
  }

  private readonly pending: PendingSubmission[] = [];
  /** The WAL fsync under way for the last group commit (undefined: none). */
  private walSync: Promise<void> | undefined;

  /**
   * The checkpoint a group commit waits for before it commits, when the WAL has grown past the
   * checkpointer's backlog limit (see WalCheckpointer.backlog): asynchronously, so the event loop
   * goes on; submissions arriving meanwhile join the batch.
   */
  private checkpointWait: Promise<void> | undefined;

  /** Commits what is pending (rows visible at once), then answers each caller once the WAL is fsynced. */
  private commitPending(): void {
    if (this.pending.length === 0 || this.walSync !== undefined || this.checkpointWait !== undefined || !this.db.open) return;
    const backlog = this.checkpointer?.backlog();
    if (backlog === undefined) {
      this.commitPendingNow();
      return;
    }
    this.checkpointWait = backlog.then(() => {
      this.checkpointWait = undefined;
      this.commitPendingNow();
    });
  }

  private commitPendingNow(): void {
    if (this.pending.length === 0 || this.walSync !== undefined || !this.db.open) return;
    const batch = this.pending.splice(0);
    const walFile = this.walFile;
    let outcomes: BatchOutcome[];
    // Set anew each time: SQLite applies this pragma when it is prepared, so a prepared one cannot be reused.
    if (walFile !== undefined) this.db.pragma('synchronous = NORMAL');
    try {
      outcomes = this.commitBatch(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    } finally {
      if (walFile !== undefined) this.db.pragma('synchronous = FULL');
    }
    if (walFile === undefined) {
      settle(batch, outcomes);
      if (this.pending.length > 0) setImmediate(() => this.commitPending());
      return;
    }
    // Ends after the batch's senders are answered: a read waiting on it (`durable`) goes on after them.
    this.walSync = this.syncWal(walFile).then(
      () => settle(batch, outcomes),
      (error: unknown) => {
        // Rows are committed but may not be on disk: nobody is told they are kept, and the store
        // takes nothing more until restart (see `failure`): a resend must not be answered as a
        // duplicate of a row that may be lost.
        this.failure ??= new StoreFailedError(error);
        for (const item of batch) item.reject(error);
      },
    ).finally(() => {
      this.walSync = undefined;
      if (this.pending.length > 0) setImmediate(() => this.commitPending());
    });
  }

  /**
   * `value` once every row committed so far is on disk: a row read while its group commit's WAL
   * fsync is under way is not yet acknowledged to its sender, so nobody else is answered with it
   * before then either. Nothing found (undefined, []) comes back at once.
   */
  private async durable<T>(value: T): Promise<T> {
    const found = Array.isArray(value) ? value.length > 0 : value !== undefined;
    if (found && this.walSync !== undefined) await this.walSync;
    // After a failed WAL fsync no row can be vouched for (see `failure`).
    if (found && this.failure) throw this.failure;
    return value;
  }

  /** Runs the batch in one transaction; throws when the transaction itself fails (nothing committed). */
  private commitBatch(batch: PendingSubmission[]): BatchOutcome[] {
    const outcomes: BatchOutcome[] = [];
    this.write(() => {
      for (const item of batch) {
        try {
          outcomes.push({ ok: true, value: this.insertSubmission(item.submission, item.audit) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
    return outcomes;
  }

  /** One submission, in a savepoint of the batch's transaction. */
  private insertSubmission(
    s: NewSubmission,
    audit: (version: number | null) => Pick<Change, 'action' | 'detail'>,
  ): { record: SubmissionRecord; duplicate: boolean } {
    const sameFile = (): SubmissionRow | undefined => (s.idempotency
      ? this.statements.byIdempotencyKey.get(s.idempotency.sender, s.idempotency.key) as SubmissionRow | undefined
      : undefined) ?? this.statements.sameFile.get(s.sha256, s.unitId ?? '', s.year, s.stage) as SubmissionRow | undefined;
    const insert = this.db.transaction((): { record: SubmissionRecord; duplicate: boolean } => {
      const same = sameFile();
      if (same) return { record: toSubmission(same), duplicate: true };
      const version = s.valid
        ? ((this.statements.maxVersion.get(s.unitId, s.year, s.stage) as { v: number | null }).v ?? 0) + 1
        : null;
      const id = randomUUID();
      this.statements.insertSubmission.run({
        id, unit_id: s.unitId, year: s.year, stage: s.stage, version, sha256: s.sha256, size: s.size,
        file_name: s.fileName, received_at: s.receivedAt.toISOString(), late: s.late ? 1 : 0, days_late: s.daysLate,
        valid: s.valid ? 1 : 0, result_json: JSON.stringify(s.result), errors_json: JSON.stringify(s.errors), actor: s.actor,
        file_kept: s.fileKept === false ? 0 : 1, sender: s.idempotency?.sender ?? null, idempotency_key: s.idempotency?.key ?? null,
      });
      this.insertAudit(s.unitId, { by: s.actor, at: s.receivedAt, ...audit(version) });
      const { idempotency: _key, ...fields } = s;
      return { record: { ...fields, id, version, review: null, fileKept: s.fileKept !== false }, duplicate: false };
    });
    try {
      return insert();
    } catch (error) {
      // Another process committed the same file (or the same idempotency key) between our check and our insert.
      if (!isUniqueViolation(error)) throw error;
      const same = sameFile();
      if (!same) throw error;
      return { record: toSubmission(same), duplicate: true };
    }
  }

  async findByIdempotencyKey(key: IdempotencyKey): Promise<SubmissionRecord | undefined> {
    const row = this.statements.byIdempotencyKey.get(key.sender, key.key) as SubmissionRow | undefined;
    return this.durable(row && toSubmission(row));
  }

  async submissionsWithFile(sha256: string): Promise<SubmissionRecord[]> {
    return this.durable((this.statements.bySha.all(sha256) as SubmissionRow[]).map(toSubmission));
  }

  async refusedBytesStored(unitId: string | null): Promise<number> {
    return (this.statements.refusedBytes.get(unitId) as { n: number | null }).n ?? 0;
  }

  async getSubmission(id: string): Promise<SubmissionRecord | undefined> {
    const row = this.statements.submissionById.get(id) as SubmissionRow | undefined;
    return this.durable(row && toSubmission(row));
  }

  async countedSubmission(key: { unitId: string; year: number; stage: Stage }): Promise<SubmissionRecord | undefined> {
    const row = this.statements.counted.get(key.unitId, key.year, key.stage) as SubmissionRow | undefined;
    return this.durable(row && toSubmission(row));
  }

  async listSubmissions(filter: { year?: number; unitId?: string }): Promise<SubmissionRecord[]> {
    const rows = this.statements.listSubmissions.all({ year: filter.year ?? null, unit: filter.unitId ?? null }) as SubmissionRow[];
    return rows.map(toSubmission);
  }

  async listSubmissionSummaries(filter: SummaryFilter): Promise<SubmissionSummary[]> {
    const units = summaryUnits(filter);
    const params = { year: filter.year, units: units && JSON.stringify(units) };
    // One read transaction: the results belong to the rows listed.
    return this.db.transaction(() => {
      const results = new Map<string, CheckResult>();
      for (const r of this.statements.countedFinalResults.iterate(params) as IterableIterator<{ id: string; result_json: string }>) {
        results.set(r.id, checkResultSchema.parse(JSON.parse(r.result_json)));
      }
      // Row by row: the raw rows of a large year are never all held beside their records.
      const pool = new TextPool();
      const summaries: SubmissionSummary[] = [];
      for (const row of this.statements.listSubmissionSummaries.iterate(params) as IterableIterator<Omit<SubmissionRow, 'result_json' | 'errors_json'>>) {
        summaries.push(submissionSummary(submissionFields(row), results.get(row.id) ?? null, pool));
      }
      return summaries;
    }).deferred();
  }

  // ── Review, appraisal, exceptions ────────────────────────────────────────────────────────────

  async addReview(review: Omit<ReviewRecord, 'by' | 'at'>, unitId: string | null, change: Change): Promise<void> {
    this.write(() => {
      this.statements.insertReview.run(review.submissionId, review.state, review.note, change.by, change.at.toISOString());
      this.insertAudit(unitId, change);
    });
  }

  async setAppraisal(unitId: string, year: number, scores: ReadonlyMap<number, number | null>, change: Change): Promise<void> {
    this.write(() => {
      for (const [criterion, score] of scores) {
        this.statements.insertAppraisal.run(unitId, year, criterion, score, change.by, change.at.toISOString());
      }
      this.insertAudit(unitId, change);
    });
  }

  async appraisals(year: number, unitId?: string): Promise<Map<string, Record<number, number>>> {
    const rows = this.statements.currentAppraisals.all({ year, unit: unitId ?? null }) as AppraisalRow[];
    return appraisalsByUnit(rows);
  }

  async addException(unitId: string, year: number, stage: Stage, note: string, change: Change): Promise<void> {
    this.write(() => {
      this.statements.insertException.run(unitId, year, stage, note, change.by, change.at.toISOString());
      this.insertAudit(unitId, change);
    });
  }

  async exceptions(year: number, unitId?: string): Promise<Map<string, Stage[]>> {
    const rows = this.statements.exceptions.all({ year, unit: unitId ?? null }) as { unit_id: string; stage: Stage }[];
    const result = new Map<string, Stage[]>();
    for (const row of rows) result.set(row.unit_id, [...(result.get(row.unit_id) ?? []), row.stage]);
    return result;
  }

  // ── Unit portal ──────────────────────────────────────────────────────────────────────────────

  async reviewsSeen(submissionIds: readonly string[]): Promise<Map<string, Date>> {
    const seen = new Map<string, Date>();
    for (const id of submissionIds) {
      const row = this.statements.reviewSeen.get(id) as { seen_at: string | null } | undefined;
      if (row?.seen_at) seen.set(id, new Date(row.seen_at));
    }
    return seen;
  }

  async markReviewsSeen(
    submissionIds: readonly string[], unitId: string, change: Omit<Change, 'detail'> & { detail: (count: number) => string },
  ): Promise<number> {
    return this.write(() => {
      let recorded = 0;
      for (const id of submissionIds) {
        recorded += this.statements.markReviewSeen.run(change.at.toISOString(), id).changes;
      }
      if (recorded > 0) this.insertAudit(unitId, { ...change, detail: change.detail(recorded) });
      return recorded;
    });
  }

  async setAppraisalPublished(unitId: string, year: number, published: boolean, change: Change): Promise<void> {
    this.write(() => {
      this.statements.insertPublication.run(unitId, year, published ? 1 : 0, change.by, change.at.toISOString());
      this.insertAudit(unitId, change);
    });
  }

  async appraisalPublications(year: number, unitId?: string): Promise<Map<string, Date>> {
    const rows = this.statements.publications.all({ year, unit: unitId ?? null }) as { unit_id: string; published: number; at: string }[];
    return new Map(rows.filter((r) => r.published === 1).map((r) => [r.unit_id, new Date(r.at)]));
  }

  // ── Calendar ─────────────────────────────────────────────────────────────────────────────────

  async getCalendar(year: number): Promise<Calendar | undefined> {
    const row = this.statements.calendar.get(year) as { calendar_json: string } | undefined;
    return row && calendarSchema.parse(JSON.parse(row.calendar_json));
  }

  async putCalendar(year: number, calendar: Calendar, change: Change): Promise<void> {
    this.write(() => {
      this.statements.putCalendar.run(year, JSON.stringify(calendar), change.by, change.at.toISOString());
      this.insertAudit(null, change);
    });
  }

  // ── Document settings ────────────────────────────────────────────────────────────────────────

  async getDocumentSettings(year: number): Promise<unknown | undefined> {
    const row = this.statements.documentSettings.get(year) as { settings_json: string } | undefined;
    return row && JSON.parse(row.settings_json);
  }

  async putDocumentSettings(year: number, settings: unknown, change: Change): Promise<void> {
    this.write(() => {
      this.statements.putDocumentSettings.run(year, JSON.stringify(settings), change.by, change.at.toISOString());
      this.insertAudit(null, change);
    });
  }

  // ── Audit ────────────────────────────────────────────────────────────────────────────────────

  async audit(filter: { unitId?: string; limit?: number }): Promise<AuditRecord[]> {
    const rows = this.statements.audit.all({ unit: filter.unitId ?? null, limit: filter.limit ?? 1000 }) as {
      at: string; actor: string; action: string; unit_id: string | null; detail: string;
    }[];
    return rows.map((r) => ({ at: new Date(r.at), actor: r.actor, action: r.action, unitId: r.unit_id, detail: r.detail }));
  }

  async changeStamp(): Promise<number> {
    return (this.statements.changeStamp.get() as { n: number | null }).n ?? 0;
  }

  async changesSince(after: number, limit: number): Promise<{ stamp: number; changes: { unitId: string | null; action: string }[]; more: boolean }> {
    // One read transaction: the stamp and the changes are of the same snapshot.
    return this.db.transaction(() => {
      const stamp = (this.statements.changeStamp.get() as { n: number | null }).n ?? 0;
      const rows = this.statements.changedUnits.all(after, stamp, limit + 1) as { unit_id: string | null; action: string }[];
      return { stamp, changes: rows.slice(0, limit).map((r) => ({ unitId: r.unit_id, action: r.action })), more: rows.length > limit };
    }).deferred();
  }

  private insertAudit(unitId: string | null, change: Change): void {
    this.statements.insertAudit.run(change.at.toISOString(), change.by, change.action, unitId, change.detail);
  }

  // ── Maintenance ──────────────────────────────────────────────────────────────────────────────

  async submissionsMissingFiles(): Promise<string[]> {
    const rows = this.db.prepare('SELECT id, sha256 FROM submissions WHERE file_kept = 1 ORDER BY received_at').all() as { id: string; sha256: string }[];
    const missing: string[] = [];
    for (const row of rows) if (!(await this.files.has(row.sha256))) missing.push(row.id);
    return missing;
  }

  async backup(destinationDir: string): Promise<number> {
    await fs.mkdir(destinationDir, { recursive: true });
    if ((await fs.readdir(destinationDir)).length > 0) throw new Error(`backup destination is not empty: ${destinationDir}`);
    // The database first (online backup API: a consistent snapshot while the server runs), then
    // the files: every row of the snapshot points at a file that already existed when it was taken.
    await this.db.backup(path.join(destinationDir, DATABASE_FILE));
    const target = new ContentFiles(path.join(destinationDir, FILES_DIR));
    await target.open();
    const rows = this.db.prepare('SELECT DISTINCT sha256 FROM submissions WHERE file_kept = 1').all() as { sha256: string }[];
    for (const { sha256 } of rows) {
      const from = this.files.pathOf(sha256);
      const to = target.pathOf(sha256);
      await fs.mkdir(path.dirname(to), { recursive: true });
      await fs.copyFile(from, to);
    }
    // Everything else the folder holds (criteria sets, settings, templates, whatever a later
    // version adds) is copied as it is: a backup that restores is the whole folder.
    for (const entry of await fs.readdir(this.dataDir)) {
      if (NOT_COPIED.has(entry) || entry.startsWith(`${DATABASE_FILE}-`)) continue;
      await fs.cp(path.join(this.dataDir, entry), path.join(destinationDir, entry), { recursive: true, errorOnExist: true, force: false });
    }
    return rows.length;
  }

  async verify(): Promise<VerifyReport> {
    const integrity = (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const rows = this.db.prepare('SELECT id, sha256 FROM submissions WHERE file_kept = 1 ORDER BY rowid').all() as { id: string; sha256: string }[];
    const missing: VerifyReport['missing'] = [];
    const corrupt: VerifyReport['corrupt'] = [];
    const hashed = new Map<string, string | undefined>();
    for (const row of rows) {
      if (!hashed.has(row.sha256)) {
        const actual = await this.files.hashOnDisk(row.sha256);
        hashed.set(row.sha256, actual);
        if (actual !== undefined && actual !== row.sha256) corrupt.push({ sha256: row.sha256, actual });
      }
      if (hashed.get(row.sha256) === undefined) missing.push({ submissionId: row.id, sha256: row.sha256 });
    }
    const orphans = await this.orphanFiles();
    return { integrity, checked: hashed.size, missing, corrupt, orphans };
  }

  async sweepOrphans(minAgeMs: number): Promise<string[]> {
    const removed: string[] = [];
    const now = Date.now();
    for (const orphan of await this.orphanFiles()) {
      if (now - orphan.modifiedAt.getTime() < minAgeMs) continue;
      // Checked again just before removing: an intake may have committed its row meanwhile.
      if (this.statements.anyWithSha.get(orphan.sha256)) continue;
      await this.files.remove(orphan.sha256);
      removed.push(orphan.sha256);
    }
    return removed;
  }

  private async orphanFiles(): Promise<VerifyReport['orphans']> {
    const stored = await this.files.list();
    return stored.filter((file) => !this.statements.anyWithSha.get(file.sha256));
  }

  /**
   * Commits (and answers) the submissions waiting for their group commit, stops the checkpointer
   * after it has emptied the WAL, and closes the database (SQLite then checkpoints whatever is
   * left and removes the WAL file, unless another process has the database open).
   */
  async close(): Promise<void> {
    while (this.db.open && (this.walSync !== undefined || this.checkpointWait !== undefined || this.pending.length > 0)) {
      if (this.walSync !== undefined) await this.walSync;
      else if (this.checkpointWait !== undefined) await this.checkpointWait;
      else this.commitPending();
    }
    // When that last checkpoint fails (a folder gone read-only, say), closing the connection below
    // checkpoints on this thread instead; if that cannot either, the WAL stays and SQLite replays
    // it at the next open: nothing is lost, so it is not an error of close.
    await this.checkpointer?.close().catch(() => undefined);
    if (this.db.open) this.db.close();
  }
}

/** Answers each submission of a committed batch with its own outcome. */
function settle(batch: readonly PendingSubmission[], outcomes: readonly BatchOutcome[]): void {
  batch.forEach((item, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) item.resolve(outcome.value);
    else item.reject(outcome.error);
  });
}

function prepare(db: Database.Database) {
  return {
    listUnits: db.prepare('SELECT * FROM units ORDER BY name, code'),
    unitById: db.prepare('SELECT * FROM units WHERE id = ?'),
    unitByCode: db.prepare('SELECT * FROM units WHERE code = ?'),
    unitsByKey: db.prepare('SELECT * FROM units WHERE name_key = ? ORDER BY code'),
    unitByIdentity: db.prepare('SELECT * FROM units WHERE name_key = ? AND parent_key = ?'),
    unitByToken: db.prepare('SELECT * FROM units WHERE token_hash = ?'),
    unitByPendingToken: db.prepare('SELECT * FROM units WHERE pending_token_hash = ?'),
    insertUnit: db.prepare(`INSERT INTO units (id, code, name, name_key, parent_key, kind, parent, contact, created_at, updated_at)
      VALUES (@id, @code, @name, @name_key, @parent_key, @kind, @parent, @contact, @at, @at)`),
    // A placeholder identity while a list swaps names between units (the id keeps it unique).
    parkUnit: db.prepare("UPDATE units SET name_key = '#parked#' || id WHERE id = ?"),
    updateUnit: db.prepare(`UPDATE units SET code = @code, name = @name, name_key = @name_key, parent_key = @parent_key,
      kind = @kind, parent = @parent, contact = @contact, updated_at = @at WHERE id = @id`),
    setUnitToken: db.prepare('UPDATE units SET token_hash = ?, pending_token_hash = NULL, updated_at = ? WHERE id = ?'),
    // Pending only beside a current token; a unit without one takes the new token at once.
    setPendingToken: db.prepare(`UPDATE units SET pending_token_hash = CASE WHEN token_hash IS NULL THEN NULL ELSE @hash END,
      token_hash = COALESCE(token_hash, @hash), updated_at = @at WHERE id = @id`),
    promotePendingToken: db.prepare('UPDATE units SET token_hash = pending_token_hash, pending_token_hash = NULL, updated_at = ? WHERE id = ?'),
    sequence: db.prepare('SELECT last FROM unit_code_sequences WHERE prefix = ?'),
    setSequence: db.prepare(`INSERT INTO unit_code_sequences (prefix, last) VALUES (?, ?)
      ON CONFLICT (prefix) DO UPDATE SET last = excluded.last`),
    adminCount: db.prepare('SELECT COUNT(*) AS n FROM admin_tokens WHERE revoked_at IS NULL'),
    insertAdmin: db.prepare('INSERT INTO admin_tokens (label, token_hash, created_at) VALUES (?, ?, ?)'),
    adminByToken: db.prepare('SELECT label FROM admin_tokens WHERE token_hash = ? AND revoked_at IS NULL'),
    listAdmins: db.prepare('SELECT label, created_at FROM admin_tokens WHERE revoked_at IS NULL ORDER BY id'),
    revokeAdmin: db.prepare('UPDATE admin_tokens SET revoked_at = ? WHERE label = ? AND revoked_at IS NULL'),
    // The row these bytes repeat under the key (Store.findSubmission): a refused row of them, or
    // the counted version when it is of them; an older version of them is not repeated.
    sameFile: db.prepare(`${SUBMISSION_SELECT}
      WHERE s.sha256 = ? AND COALESCE(s.unit_id, '') = ? AND s.year = ? AND s.stage = ?
        AND (s.version IS NULL
          OR s.version = (SELECT MAX(c.version) FROM submissions c WHERE c.unit_id = s.unit_id AND c.year = s.year AND c.stage = s.stage))
      ORDER BY s.version IS NULL LIMIT 1`),
    maxVersion: db.prepare('SELECT MAX(version) AS v FROM submissions WHERE unit_id = ? AND year = ? AND stage = ?'),
    // Found by submissions_version, highest first.
    counted: db.prepare(`${SUBMISSION_SELECT}
      WHERE s.unit_id = ? AND s.year = ? AND s.stage = ? AND s.version IS NOT NULL ORDER BY s.version DESC LIMIT 1`),
    insertSubmission: db.prepare(`INSERT INTO submissions
      (id, unit_id, year, stage, version, sha256, size, file_name, received_at, late, days_late, valid, result_json, errors_json, actor,
       file_kept, sender, idempotency_key)
      VALUES (@id, @unit_id, @year, @stage, @version, @sha256, @size, @file_name, @received_at, @late, @days_late, @valid,
              @result_json, @errors_json, @actor, @file_kept, @sender, @idempotency_key)`),
    byIdempotencyKey: db.prepare(`${SUBMISSION_SELECT} WHERE s.sender = ? AND s.idempotency_key = ?`),
    anyWithSha: db.prepare('SELECT 1 FROM submissions WHERE sha256 = ? LIMIT 1'),
    bySha: db.prepare(`${SUBMISSION_SELECT} WHERE s.sha256 = ? ORDER BY s.rowid`),
    refusedBytes: db.prepare(`SELECT SUM(size) AS n FROM (SELECT DISTINCT sha256, size FROM submissions
      WHERE unit_id IS ? AND valid = 0 AND file_kept = 1)`),
    submissionById: db.prepare(`${SUBMISSION_SELECT} WHERE s.id = ?`),
    listSubmissions: unitScoped(db, `${SUBMISSION_SELECT}
      WHERE (@year IS NULL OR s.year = @year) {unit:s}
      ORDER BY s.rowid`),
    // Read from the covering index submissions_board: no row's JSON is touched. {units}: the year's
    // rows, or only those of the units listed in @units (a JSON array, looked up unit by unit in the index).
    listSubmissionSummaries: unitsScoped(db, `
      SELECT s.id, s.unit_id, s.year, s.stage, s.version, s.sha256, s.size, s.file_name, s.received_at, s.late, s.days_late, s.valid,
        s.actor, s.file_kept, r.state AS r_state, r.note AS r_note, r.by AS r_by, r.at AS r_at
      FROM submissions s
      LEFT JOIN reviews r ON r.id = (SELECT MAX(id) FROM reviews WHERE submission_id = s.id)
      WHERE s.year = @year {units:s}
      ORDER BY s.rowid`),
    // The results consolidation reads: each unit's counted final version (its highest version number).
    // CROSS JOIN keeps the units outside: each counted row is found by submissions_version, no row else is read.
    countedFinalResults: unitsScoped(db, `
      SELECT s.id, s.result_json
      FROM (SELECT c.unit_id, MAX(c.version) AS version FROM submissions c
            WHERE c.year = @year AND c.stage = 'final' AND c.version IS NOT NULL {units:c}
            GROUP BY c.unit_id) c
      CROSS JOIN submissions s ON s.unit_id = c.unit_id AND s.year = @year AND s.stage = 'final' AND s.version = c.version`),
    insertReview: db.prepare('INSERT INTO reviews (submission_id, state, note, by, at) VALUES (?, ?, ?, ?, ?)'),
    insertAppraisal: db.prepare('INSERT INTO appraisals (unit_id, year, criterion, score, by, at) VALUES (?, ?, ?, ?, ?, ?)'),
    currentAppraisals: unitScoped(db, `SELECT a.unit_id, a.criterion, a.score FROM appraisals a
      WHERE a.year = @year {unit:a}
        AND a.id = (SELECT MAX(b.id) FROM appraisals b WHERE b.unit_id = a.unit_id AND b.year = a.year AND b.criterion = a.criterion)
      ORDER BY a.unit_id, a.criterion`),
    insertException: db.prepare('INSERT INTO exceptions (unit_id, year, stage, note, by, at) VALUES (?, ?, ?, ?, ?, ?)'),
    exceptions: unitScoped(db, `SELECT DISTINCT e.unit_id, e.stage FROM exceptions e
      WHERE e.year = @year {unit:e} ORDER BY e.unit_id, e.stage`),
    reviewSeen: db.prepare(`SELECT v.seen_at FROM reviews r LEFT JOIN review_seen v ON v.review_id = r.id
      WHERE r.id = (SELECT MAX(id) FROM reviews WHERE submission_id = ?)`),
    markReviewSeen: db.prepare(`INSERT OR IGNORE INTO review_seen (review_id, seen_at)
      SELECT MAX(id), ? FROM reviews WHERE submission_id = ? HAVING MAX(id) IS NOT NULL`),
    insertPublication: db.prepare('INSERT INTO appraisal_publications (unit_id, year, published, by, at) VALUES (?, ?, ?, ?, ?)'),
    publications: unitScoped(db, `SELECT p.unit_id, p.published, p.at FROM appraisal_publications p
      WHERE p.year = @year {unit:p}
        AND p.id = (SELECT MAX(q.id) FROM appraisal_publications q WHERE q.unit_id = p.unit_id AND q.year = p.year)`),
    calendar: db.prepare('SELECT calendar_json FROM calendars WHERE year = ?'),
    putCalendar: db.prepare(`INSERT INTO calendars (year, calendar_json, by, at) VALUES (?, ?, ?, ?)
      ON CONFLICT (year) DO UPDATE SET calendar_json = excluded.calendar_json, by = excluded.by, at = excluded.at`),
    documentSettings: db.prepare('SELECT settings_json FROM document_settings WHERE year = ?'),
    putDocumentSettings: db.prepare(`INSERT INTO document_settings (year, settings_json, by, at) VALUES (?, ?, ?, ?)
      ON CONFLICT (year) DO UPDATE SET settings_json = excluded.settings_json, by = excluded.by, at = excluded.at`),
    changeStamp: db.prepare('SELECT MAX(id) AS n FROM audit_log'),
    changedUnits: db.prepare('SELECT DISTINCT unit_id, action FROM audit_log WHERE id > ? AND id <= ? LIMIT ?'),
    insertAudit: db.prepare('INSERT INTO audit_log (at, actor, action, unit_id, detail) VALUES (?, ?, ?, ?, ?)'),
    audit: unitScoped(db, `SELECT l.at, l.actor, l.action, l.unit_id, l.detail FROM audit_log l
      WHERE 1 = 1 {unit:l} ORDER BY l.id DESC LIMIT @limit`),
  };
}

/** A query prepared for one unit and for every unit (see `unitScoped`). */
interface UnitScoped {
  /** Rows for `params.unit` (a unit id), or for every unit when it is null. */
  all(params: { unit: string | null } & Record<string, unknown>): unknown[];
}

/**
 * Prepares `sql` twice: `{unit:x}` becomes `AND x.unit_id = @unit` in one statement and nothing in
 * the other. One statement with `(@unit IS NULL OR unit_id = @unit)` cannot use the unit index, so
 * every intake paid a scan of the whole year (found by profiling intake).
 */
/** Rows of the year, or (@units: a JSON array of unit ids) of those units only: two statements, each with its own plan. */
function unitsScoped(db: Database.Database, sql: string): { iterate(params: { year: number; units: string | null }): IterableIterator<unknown> } {
  const some = db.prepare(sql.replace(/\{units:(\w+)\}/gu, 'AND $1.unit_id IN (SELECT value FROM json_each(@units))'));
  const every = db.prepare(sql.replace(/\{units:\w+\}/gu, ''));
  return { iterate: ({ year, units }) => (units === null ? every.iterate({ year }) : some.iterate({ year, units })) };
}

function unitScoped(db: Database.Database, sql: string): UnitScoped {
  const one = db.prepare(sql.replace(/\{unit:(\w+)\}/gu, 'AND $1.unit_id = @unit'));
  const every = db.prepare(sql.replace(/\{unit:\w+\}/gu, ''));
  return { all: (params) => (params.unit === null ? every : one).all(params) };
}

/** A name as stored: NFC, inner white space collapsed, trimmed. */
function cleanName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function toSubmission(row: SubmissionRow): SubmissionRecord {
  return {
    ...submissionFields(row),
    result: checkResultSchema.parse(JSON.parse(row.result_json)),
    errors: issuesSchema.parse(JSON.parse(row.errors_json)),
  };
}

/** Every field of a submission row but its result and errors (the JSON columns). */
function submissionFields(row: Omit<SubmissionRow, 'result_json' | 'errors_json'>): Omit<SubmissionRecord, 'result' | 'errors'> {
  return {
    id: row.id,
    unitId: row.unit_id,
    year: row.year,
    stage: row.stage as Stage,
    version: row.version,
    sha256: row.sha256,
    size: row.size,
    fileName: row.file_name,
    receivedAt: new Date(row.received_at),
    late: row.late === 1,
    daysLate: row.days_late,
    valid: row.valid === 1,
    actor: row.actor,
    fileKept: row.file_kept !== 0,
    review: row.r_state
      ? { submissionId: row.id, state: row.r_state as ReviewState, note: row.r_note ?? '', by: row.r_by ?? '', at: new Date(row.r_at ?? 0) }
      : null,
  };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
