/**
 * The store on a PostgreSQL server (`DIEN_HINH_DATABASE_URL=postgres://…` or `--database-url`):
 * every table, and the submitted files themselves (table `files`, bytea keyed by SHA-256), so one
 * `pg_dump` holds a province's data and no row is ever without its file (a foreign key).
 *
 * Several processes (two `serve` behind a load balancer, a command beside them) share one
 * database: nothing that must be unique is decided in a process's memory. Version numbers and
 * duplicates come from transactions and the unique indexes: submissions of one unit × year ×
 * stage take a transaction-scoped advisory lock of that key first (SUBMISSION_KEY_LOCK), so the
 * duplicate check and the next version number read the same rows; a submission that still loses
 * a race for its version number is retried, one that loses a race for the same idempotency key
 * answers with the winner's row. Reads of a registry followed by writes (unit
 * imports, code assignment) run SERIALIZABLE and are retried on a serialization failure.
 *
 * The change stamp (the latest audit id) must never let a reader skip a change: ids drawn from a
 * sequence commit in any order across concurrent transactions, so every write's audit entry is
 * its last statement, preceded by a transaction-scoped advisory lock (AUDIT_ORDER_LOCK) held to
 * the commit; ids are thus committed in order, in every process.
 *
 * Upload bodies stream to `<data>/tmp/` (named `<pid>-<random>`, see TempFolder) until
 * `adoptFile` puts their bytes in the database; the data folder still holds the criteria sets and
 * templates, and may be shared by the services of one machine (no folder lock with PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { z } from 'zod';
import { calendarSchema, type Calendar, type Stage } from '../../../shared/deadlines/calendar';
import { checkResultSchema, readIssueSchema } from '../../../shared/workbook/checkResult';
import type { ReviewState } from '../../../shared/api/schemas';
import type { UnitKind } from '../../../shared/units/kinds';
import { parentKey, unitNameKey } from '../../../shared/units/identity';
import { assignedUnitCode, normalizeUnitCode, parseAssignedUnitCode, UNIT_CODE_PREFIXES } from '../../../shared/units/codes';
import { planUnitsImport, type ListedUnit } from '../../../shared/units/importPlan';
import { TempFolder } from '../files';
import {
  UnitsImportConflictError,
  type AdminTokenRecord, type AuditRecord, type Change, type IdempotencyKey, type NewSubmission, type NewUnit, type ReviewRecord, type Store,
  type SubmissionRecord, type SubmissionSummary, type SummaryFilter, type UnitImportOutcome, type UnitRecord, type VerifyReport,
} from '../store';
import { migratePg } from './migrations';
import { submissionSummary, summaryUnits, TextPool } from '../summaries';
import { appraisalsByUnit, toUnit, type AppraisalRow, type UnitRow } from '../unitRows';

/** Where upload bodies wait in the data folder before they enter the database. */
export const PG_TEMP_DIR = 'tmp';
/** How many times a transaction that lost a race (serialization failure, deadlock, version taken) is run again. */
const MAX_ATTEMPTS = 30;
/**
 * Any constant: the transaction-scoped advisory lock every write takes just before its audit
 * entry and holds until it commits, so audit ids (the change stamps) are committed in id order.
 */
const AUDIT_ORDER_LOCK = 4_711_012;
/**
 * Any constant: with a hash of unit × year × stage, the two-key transaction-scoped advisory lock
 * (a key space apart from AUDIT_ORDER_LOCK's) a submission takes first, so that in every process
 * one submission of that key at a time decides whether its bytes repeat the counted version and
 * which version it takes, both from the same committed rows.
 */
const SUBMISSION_KEY_LOCK = 4_711_013;
const SHA256_HEX = /^[0-9a-f]{64}$/u;

type Queryable = Pick<pg.PoolClient, 'query'>;

interface SubmissionRow {
  id: string; unit_id: string | null; year: number; stage: string; version: number | null; sha256: string; size: number;
  file_name: string; received_at: Date; late: boolean; days_late: number; valid: boolean; result: unknown;
  errors: unknown; actor: string; file_kept: boolean;
  r_state: string | null; r_note: string | null; r_by: string | null; r_at: Date | null;
}

const SUBMISSION_SELECT = `
  SELECT s.id, s.unit_id, s.year, s.stage, s.version, s.sha256, s.size, s.file_name, s.received_at, s.late, s.days_late,
         s.valid, s.result, s.errors, s.actor, s.file_kept,
         r.state AS r_state, r.note AS r_note, r.by_actor AS r_by, r.at AS r_at
  FROM submissions s
  LEFT JOIN LATERAL (SELECT state, note, by_actor, at FROM reviews WHERE submission_id = s.id ORDER BY id DESC LIMIT 1) r ON true`;

const issuesSchema = z.array(readIssueSchema);

/** A PostgreSQL store cannot write a data-folder backup: `pg_dump` is its backup (see the README). */
export class PgBackupUnsupportedError extends Error {
  constructor() {
    super('a PostgreSQL store is backed up with pg_dump, not into a data folder');
    this.name = 'PgBackupUnsupportedError';
  }
}

export class PgStore implements Store {
  private constructor(private readonly pool: pg.Pool, private readonly temp: TempFolder) {}

  /**
   * Connects to the database (`postgres://user:password@host:port/database`), runs pending
   * migrations, and uses `<dataDir>/tmp/` for upload bodies. Throws SchemaTooNewError when the
   * database is newer than the program, and pg's error when it cannot connect.
   */
  static async open(databaseUrl: string, dataDir: string): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    // An idle client's network error must not crash the process: the next query reconnects.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        await migratePg(client);
      } finally {
        client.release();
      }
      const temp = new TempFolder(path.join(dataDir, PG_TEMP_DIR));
      await temp.open();
      return new PgStore(pool, temp);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /**
   * Runs `work` in one transaction on one connection, again from the start when it lost a race
   * the database reports as retryable (serialization failure, deadlock).
   */
  private async transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    isolation: 'READ COMMITTED' | 'SERIALIZABLE' | 'REPEATABLE READ READ ONLY' = 'READ COMMITTED',
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
        const value = await work(client);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => { broken = true; });
        if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  private async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<R[]> {
    return (await on.query<R>(sql, params)).rows;
  }

  // ── Units ────────────────────────────────────────────────────────────────────────────────────

  async listUnits(): Promise<UnitRecord[]> {
    return (await this.rows<UnitRow>('SELECT * FROM units ORDER BY name, code')).map(toUnit);
  }

  async getUnit(id: string): Promise<UnitRecord | undefined> {
    return (await this.rows<UnitRow>('SELECT * FROM units WHERE id = $1', [id])).map(toUnit)[0];
  }

  async findUnitByCode(code: string): Promise<UnitRecord | undefined> {
    return (await this.rows<UnitRow>('SELECT * FROM units WHERE code = $1', [normalizeUnitCode(code)])).map(toUnit)[0];
  }

  async findUnitsByNameKey(nameKey: string): Promise<UnitRecord[]> {
    return (await this.rows<UnitRow>('SELECT * FROM units WHERE name_key = $1 ORDER BY code', [nameKey])).map(toUnit);
  }

  async upsertUnits(
    units: ListedUnit[],
    change: Omit<Change, 'detail'> & { detail: (outcome: UnitImportOutcome) => string },
  ): Promise<UnitImportOutcome> {
    return this.transaction(async (c) => {
      const registry = (await this.rows<UnitRow>('SELECT * FROM units ORDER BY name, code', [], c)).map(toUnit);
      const plan = planUnitsImport(registry, units);
      if (plan.conflicts.length > 0) throw new UnitsImportConflictError(plan.conflicts);
      const outcome: UnitImportOutcome = { added: 0, updated: 0, unchanged: 0 };
      // Listed codes first, so an assigned code never takes one the list is about to use.
      for (const step of plan.steps) if (step.row.code) await bumpSequence(c, step.row.code);
      // Updates may swap names between units: free every updated identity first.
      const updates = plan.steps.filter((s) => s.action === 'update');
      for (const step of updates) await c.query("UPDATE units SET name_key = '#parked#' || id WHERE id = $1", [step.id]);
      for (const step of plan.steps) {
        if (step.action === 'add') {
          await insertUnit(c, randomUUID(), step.row, change.at);
          outcome.added++;
        } else if (step.action === 'update') {
          const name = cleanName(step.row.name);
          await c.query(`UPDATE units SET code = $2, name = $3, name_key = $4, parent_key = $5, kind = $6, parent = $7, contact = $8,
            updated_at = $9 WHERE id = $1`, [step.id, step.row.code, name, unitNameKey(name), parentKey(step.row.parent), step.row.kind,
            step.row.parent, step.row.contact, change.at]);
          outcome.updated++;
        } else outcome.unchanged++;
      }
      await insertAudit(c, null, { ...change, detail: change.detail(outcome) });
      return outcome;
    }, 'SERIALIZABLE');
  }

  async addUnit(unit: NewUnit, change: Change): Promise<UnitRecord | undefined> {
    return this.transaction(async (c) => {
      const name = cleanName(unit.name);
      const code = normalizeUnitCode(unit.code ?? '');
      if (code && (await c.query('SELECT 1 FROM units WHERE code = $1', [code])).rowCount) return undefined;
      if ((await c.query('SELECT 1 FROM units WHERE name_key = $1 AND parent_key = $2', [unitNameKey(name), parentKey(unit.parent)])).rowCount) return undefined;
      const id = randomUUID();
      if (code) await bumpSequence(c, code);
      await insertUnit(c, id, { ...unit, code }, change.at);
      await insertAudit(c, id, change);
      return (await this.rows<UnitRow>('SELECT * FROM units WHERE id = $1', [id], c)).map(toUnit)[0];
    }, 'SERIALIZABLE');
  }

  async setUnitTokenHashes(
    hashes: ReadonlyMap<string, string | null>,
    change: Change & { unitId?: string | null },
    options: { pending?: boolean } = {},
  ): Promise<void> {
    await this.transaction(async (c) => {
      for (const [unitId, hash] of hashes) {
        if (options.pending) await c.query('UPDATE units SET pending_token_hash = $1, updated_at = $2 WHERE id = $3', [hash, change.at, unitId]);
        else await c.query('UPDATE units SET token_hash = $1, pending_token_hash = NULL, updated_at = $2 WHERE id = $3', [hash, change.at, unitId]);
      }
      await insertAudit(c, change.unitId ?? null, change);
    });
  }

  async unitByTokenHash(hash: string): Promise<UnitRecord | undefined> {
    const current = (await this.rows<UnitRow>('SELECT * FROM units WHERE token_hash = $1', [hash]))[0];
    if (current) return toUnit(current);
    // First use of a token issued to every unit: from now on it is the unit's only token. The
    // UPDATE decides, so two processes seeing the first use at once promote and audit it once.
    const promoted = await this.transaction(async (c) => {
      const at = new Date();
      const row = (await this.rows<UnitRow>(`UPDATE units SET token_hash = pending_token_hash, pending_token_hash = NULL, updated_at = $2
        WHERE pending_token_hash = $1 RETURNING *`, [hash, at], c))[0];
      if (row) {
        await insertAudit(c, row.id, {
          by: row.name, at, action: 'token-activated', detail: `Mã nộp mới của đơn vị ${row.code} được dùng lần đầu; mã cũ hết hiệu lực.`,
        });
      }
      return row;
    });
    if (promoted) return toUnit(promoted);
    const meanwhile = (await this.rows<UnitRow>('SELECT * FROM units WHERE token_hash = $1', [hash]))[0];
    return meanwhile && toUnit(meanwhile);
  }

  // ── Admin tokens ─────────────────────────────────────────────────────────────────────────────

  async adminTokenCount(): Promise<number> {
    return Number((await this.rows<{ n: string }>('SELECT COUNT(*) AS n FROM admin_tokens WHERE revoked_at IS NULL'))[0]!.n);
  }

  async addAdminToken(label: string, hash: string, change: Change): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('INSERT INTO admin_tokens (label, token_hash, created_at) VALUES ($1, $2, $3)', [label, hash, change.at]);
      await insertAudit(c, null, change);
    });
  }

  async adminLabelByTokenHash(hash: string): Promise<string | undefined> {
    return (await this.rows<{ label: string }>('SELECT label FROM admin_tokens WHERE token_hash = $1 AND revoked_at IS NULL', [hash]))[0]?.label;
  }

  async listAdminTokens(): Promise<AdminTokenRecord[]> {
    return (await this.rows<{ label: string; created_at: Date }>('SELECT label, created_at FROM admin_tokens WHERE revoked_at IS NULL ORDER BY id'))
      .map((r) => ({ label: r.label, createdAt: r.created_at }));
  }

  async revokeAdminTokens(label: string, change: Change): Promise<number> {
    return this.transaction(async (c) => {
      const revoked = (await c.query('UPDATE admin_tokens SET revoked_at = $1 WHERE label = $2 AND revoked_at IS NULL', [change.at, label])).rowCount ?? 0;
      if (revoked > 0) await insertAudit(c, null, change);
      return revoked;
    });
  }

  async appendAudit(unitId: string | null, change: Change): Promise<void> {
    // A transaction of its own: the audit-order lock is held until the entry is committed.
    await this.transaction((c) => insertAudit(c, unitId, change));
  }

  // ── Files ────────────────────────────────────────────────────────────────────────────────────

  /** Stores the bytes under their hash (committed before it returns; the database checks the hash). */
  async putFile(sha256: string, bytes: Buffer): Promise<void> {
    checkSha256(sha256);
    await this.pool.query('INSERT INTO files (sha256, size, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [sha256, bytes.length, bytes]);
  }

  async hasFile(sha256: string): Promise<boolean> {
    checkSha256(sha256);
    return ((await this.pool.query('SELECT 1 FROM files WHERE sha256 = $1', [sha256])).rowCount ?? 0) > 0;
  }

  async openFile(sha256: string): Promise<Readable | undefined> {
    checkSha256(sha256);
    const row = (await this.rows<{ bytes: Buffer }>('SELECT bytes FROM files WHERE sha256 = $1', [sha256]))[0];
    return row && Readable.from([row.bytes]);
  }

  tempPath(): string {
    return this.temp.tempPath();
  }

  /** Puts a complete temp file's bytes in the database (unless stored already), then removes the temp file. */
  async adoptFile(sha256: string, tempPath: string): Promise<void> {
    try {
      if (!(await this.hasFile(sha256))) await this.putFile(sha256, await fs.readFile(tempPath));
    } finally {
      await fs.rm(tempPath, { force: true });
    }
  }

  sweepStaleTemp(): Promise<number> {
    return this.temp.sweepStaleTemp();
  }

  /** Throws when the temp folder cannot be written or the database is read-only (a standby). */
  async probeWritable(): Promise<void> {
    await this.temp.probeWritable();
    const readOnly = (await this.rows<{ transaction_read_only: string }>('SHOW transaction_read_only'))[0]?.transaction_read_only;
    if (readOnly === 'on') throw Object.assign(new Error('the database is read-only'), { code: 'EROFS' });
  }

  // ── Submissions ──────────────────────────────────────────────────────────────────────────────

  async findSubmission(key: { sha256: string; unitId: string | null; year: number; stage: Stage }): Promise<SubmissionRecord | undefined> {
    return (await sameFile(this.pool, key)).map(toSubmission)[0];
  }

  /**
   * One transaction, under the lock of its unit × year × stage (SUBMISSION_KEY_LOCK): the
   * duplicate check (the same idempotency key, else the bytes of the counted version or of a
   * refused row: sameFile), the next version number (MAX + 1), the row and its audit entry. A
   * unique index settles any race left (the same idempotency key under another key's lock): it
   * answers with the row that won, or a version number taken meanwhile runs the transaction again.
   */
  async recordSubmission(
    s: NewSubmission,
    audit: (version: number | null) => Pick<Change, 'action' | 'detail'>,
  ): Promise<{ record: SubmissionRecord; duplicate: boolean }> {
    const existing = async (on: Queryable): Promise<SubmissionRecord | undefined> => {
      const byKey = s.idempotency
        ? await this.rows<SubmissionRow>(`${SUBMISSION_SELECT} WHERE s.sender = $1 AND s.idempotency_key = $2`, [s.idempotency.sender, s.idempotency.key], on)
        : [];
      return [...byKey, ...(byKey.length > 0 ? [] : await sameFile(on, s))].map(toSubmission)[0];
    };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction(async (c) => {
          // READ COMMITTED reads each statement anew: without it, a version committed between the
          // duplicate check and MAX(version) would be neither a duplicate nor a version conflict.
          await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SUBMISSION_KEY_LOCK, `${s.unitId ?? ''}|${s.year}|${s.stage}`]);
          const same = await existing(c);
          if (same) return { record: same, duplicate: true };
          const version = s.valid
            ? Number((await this.rows<{ v: number }>('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM submissions WHERE unit_id = $1 AND year = $2 AND stage = $3',
              [s.unitId, s.year, s.stage], c))[0]!.v)
            : null;
          const id = randomUUID();
          await c.query(`INSERT INTO submissions
            (id, unit_id, year, stage, version, sha256, size, file_name, received_at, late, days_late, valid, result, errors, actor,
             file_kept, sender, idempotency_key)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`, [
            id, s.unitId, s.year, s.stage, version, s.sha256, s.size, s.fileName, s.receivedAt, s.late, s.daysLate, s.valid,
            JSON.stringify(s.result), JSON.stringify(s.errors), s.actor, s.fileKept !== false, s.idempotency?.sender ?? null, s.idempotency?.key ?? null,
          ]);
          await insertAudit(c, s.unitId, { by: s.actor, at: s.receivedAt, ...audit(version) });
          const { idempotency: _key, ...fields } = s;
          return { record: { ...fields, id, version, review: null, fileKept: s.fileKept !== false }, duplicate: false };
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another process committed the same file or key (answer with it), or took our version number (run again).
        const same = await existing(this.pool);
        if (same) return { record: same, duplicate: true };
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async getSubmission(id: string): Promise<SubmissionRecord | undefined> {
    return (await this.rows<SubmissionRow>(`${SUBMISSION_SELECT} WHERE s.id = $1`, [id])).map(toSubmission)[0];
  }

  async countedSubmission(key: { unitId: string; year: number; stage: Stage }): Promise<SubmissionRecord | undefined> {
    return (await this.rows<SubmissionRow>(`${SUBMISSION_SELECT}
      WHERE s.unit_id = $1 AND s.year = $2 AND s.stage = $3 AND s.version IS NOT NULL ORDER BY s.version DESC LIMIT 1`,
    [key.unitId, key.year, key.stage])).map(toSubmission)[0];
  }

  async findByIdempotencyKey(key: IdempotencyKey): Promise<SubmissionRecord | undefined> {
    return (await this.rows<SubmissionRow>(`${SUBMISSION_SELECT} WHERE s.sender = $1 AND s.idempotency_key = $2`, [key.sender, key.key])).map(toSubmission)[0];
  }

  async submissionsWithFile(sha256: string): Promise<SubmissionRecord[]> {
    return (await this.rows<SubmissionRow>(`${SUBMISSION_SELECT} WHERE s.sha256 = $1 ORDER BY s.seq`, [sha256])).map(toSubmission);
  }

  async refusedBytesStored(unitId: string | null): Promise<number> {
    const row = (await this.rows<{ n: string | null }>(`SELECT SUM(size) AS n FROM (SELECT DISTINCT sha256, size FROM submissions
      WHERE unit_id IS NOT DISTINCT FROM $1::text AND NOT valid AND file_kept) kept`, [unitId]))[0];
    return Number(row?.n ?? 0);
  }

  async listSubmissions(filter: { year?: number; unitId?: string }): Promise<SubmissionRecord[]> {
    return (await this.rows<SubmissionRow>(`${SUBMISSION_SELECT}
      WHERE ($1::integer IS NULL OR s.year = $1) AND ($2::text IS NULL OR s.unit_id = $2) ORDER BY s.seq`,
    [filter.year ?? null, filter.unitId ?? null])).map(toSubmission);
  }

  /**
   * Two reads of one snapshot (REPEATABLE READ): every row's fields from the covering index
   * submissions_board (migration 6) with its latest review, then the results of each unit's
   * counted final version (its highest version number) only, so a large year's results are
   * neither sent nor parsed.
   */
  async listSubmissionSummaries(filter: SummaryFilter): Promise<SubmissionSummary[]> {
    const params = [filter.year, summaryUnits(filter)];
    return this.transaction(async (c) => {
      const results = new Map((await this.rows<{ id: string; result: unknown }>(`
        SELECT s.id, s.result
        FROM (SELECT unit_id, MAX(version) AS version FROM submissions
              WHERE year = $1 AND stage = 'final' AND version IS NOT NULL AND ($2::text[] IS NULL OR unit_id = ANY($2::text[]))
              GROUP BY unit_id) counted
        JOIN submissions s ON s.unit_id = counted.unit_id AND s.year = $1 AND s.stage = 'final' AND s.version = counted.version`, params, c))
        .map((r) => [r.id, checkResultSchema.parse(r.result)]));
      const rows = await this.rows<Omit<SubmissionRow, 'result' | 'errors'>>(`
        SELECT s.id, s.unit_id, s.year, s.stage, s.version, s.sha256, s.size, s.file_name, s.received_at, s.late, s.days_late,
               s.valid, s.actor, s.file_kept, r.state AS r_state, r.note AS r_note, r.by_actor AS r_by, r.at AS r_at
        FROM submissions s
        LEFT JOIN LATERAL (SELECT state, note, by_actor, at FROM reviews WHERE submission_id = s.id ORDER BY id DESC LIMIT 1) r ON true
        WHERE s.year = $1 AND ($2::text[] IS NULL OR s.unit_id = ANY($2::text[])) ORDER BY s.seq`, params, c);
      const pool = new TextPool();
      return rows.map((row) => submissionSummary(submissionFields(row), results.get(row.id) ?? null, pool));
    }, 'REPEATABLE READ READ ONLY');
  }

  // ── Review, appraisal, exceptions ────────────────────────────────────────────────────────────

  async addReview(review: Omit<ReviewRecord, 'by' | 'at'>, unitId: string | null, change: Change): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('INSERT INTO reviews (submission_id, state, note, by_actor, at) VALUES ($1, $2, $3, $4, $5)',
        [review.submissionId, review.state, review.note, change.by, change.at]);
      await insertAudit(c, unitId, change);
    });
  }

  async setAppraisal(unitId: string, year: number, scores: ReadonlyMap<number, number | null>, change: Change): Promise<void> {
    await this.transaction(async (c) => {
      for (const [criterion, score] of scores) {
        await c.query('INSERT INTO appraisals (unit_id, year, criterion, score, by_actor, at) VALUES ($1, $2, $3, $4, $5, $6)',
          [unitId, year, criterion, score, change.by, change.at]);
      }
      await insertAudit(c, unitId, change);
    });
  }

  async appraisals(year: number, unitId?: string): Promise<Map<string, Record<number, number>>> {
    const rows = await this.rows<AppraisalRow>(`
      SELECT DISTINCT ON (unit_id, criterion) unit_id, criterion, score FROM appraisals
      WHERE year = $1 AND ($2::text IS NULL OR unit_id = $2)
      ORDER BY unit_id, criterion, id DESC`, [year, unitId ?? null]);
    return appraisalsByUnit(rows);
  }

  async addException(unitId: string, year: number, stage: Stage, note: string, change: Change): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('INSERT INTO exceptions (unit_id, year, stage, note, by_actor, at) VALUES ($1, $2, $3, $4, $5, $6)',
        [unitId, year, stage, note, change.by, change.at]);
      await insertAudit(c, unitId, change);
    });
  }

  async exceptions(year: number, unitId?: string): Promise<Map<string, Stage[]>> {
    const rows = await this.rows<{ unit_id: string; stage: Stage }>(`SELECT DISTINCT unit_id, stage FROM exceptions
      WHERE year = $1 AND ($2::text IS NULL OR unit_id = $2) ORDER BY unit_id, stage`, [year, unitId ?? null]);
    const result = new Map<string, Stage[]>();
    for (const row of rows) result.set(row.unit_id, [...(result.get(row.unit_id) ?? []), row.stage]);
    return result;
  }

  // ── Unit portal ──────────────────────────────────────────────────────────────────────────────

  async reviewsSeen(submissionIds: readonly string[]): Promise<Map<string, Date>> {
    const rows = await this.rows<{ submission_id: string; seen_at: Date }>(`
      SELECT latest.submission_id, v.seen_at
      FROM (SELECT submission_id, MAX(id) AS review_id FROM reviews WHERE submission_id = ANY($1::text[]) GROUP BY submission_id) latest
      JOIN review_seen v ON v.review_id = latest.review_id`, [[...submissionIds]]);
    return new Map(rows.map((r) => [r.submission_id, r.seen_at]));
  }

  async markReviewsSeen(
    submissionIds: readonly string[], unitId: string, change: Omit<Change, 'detail'> & { detail: (count: number) => string },
  ): Promise<number> {
    return this.transaction(async (c) => {
      let recorded = 0;
      for (const id of submissionIds) {
        recorded += (await c.query(`INSERT INTO review_seen (review_id, seen_at)
          SELECT MAX(id), $1 FROM reviews WHERE submission_id = $2 HAVING MAX(id) IS NOT NULL
          ON CONFLICT (review_id) DO NOTHING`, [change.at, id])).rowCount ?? 0;
      }
      if (recorded > 0) await insertAudit(c, unitId, { ...change, detail: change.detail(recorded) });
      return recorded;
    });
  }

  async setAppraisalPublished(unitId: string, year: number, published: boolean, change: Change): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('INSERT INTO appraisal_publications (unit_id, year, published, by_actor, at) VALUES ($1, $2, $3, $4, $5)',
        [unitId, year, published, change.by, change.at]);
      await insertAudit(c, unitId, change);
    });
  }

  async appraisalPublications(year: number, unitId?: string): Promise<Map<string, Date>> {
    const rows = await this.rows<{ unit_id: string; published: boolean; at: Date }>(`
      SELECT DISTINCT ON (unit_id) unit_id, published, at FROM appraisal_publications
      WHERE year = $1 AND ($2::text IS NULL OR unit_id = $2) ORDER BY unit_id, id DESC`, [year, unitId ?? null]);
    return new Map(rows.filter((r) => r.published).map((r) => [r.unit_id, r.at]));
  }

  // ── Calendar, document settings ──────────────────────────────────────────────────────────────

  async getCalendar(year: number): Promise<Calendar | undefined> {
    const row = (await this.rows<{ calendar: unknown }>('SELECT calendar FROM calendars WHERE year = $1', [year]))[0];
    return row && calendarSchema.parse(row.calendar);
  }

  async putCalendar(year: number, calendar: Calendar, change: Change): Promise<void> {
    await this.transaction(async (c) => {
      await c.query(`INSERT INTO calendars (year, calendar, by_actor, at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (year) DO UPDATE SET calendar = excluded.calendar, by_actor = excluded.by_actor, at = excluded.at`,
      [year, JSON.stringify(calendar), change.by, change.at]);
      await insertAudit(c, null, change);
    });
  }

  async getDocumentSettings(year: number): Promise<unknown | undefined> {
    return (await this.rows<{ settings: unknown }>('SELECT settings FROM document_settings WHERE year = $1', [year]))[0]?.settings;
  }

  async putDocumentSettings(year: number, settings: unknown, change: Change): Promise<void> {
    await this.transaction(async (c) => {
      await c.query(`INSERT INTO document_settings (year, settings, by_actor, at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (year) DO UPDATE SET settings = excluded.settings, by_actor = excluded.by_actor, at = excluded.at`,
      [year, JSON.stringify(settings), change.by, change.at]);
      await insertAudit(c, null, change);
    });
  }

  // ── Audit ────────────────────────────────────────────────────────────────────────────────────

  async audit(filter: { unitId?: string; limit?: number }): Promise<AuditRecord[]> {
    const rows = await this.rows<{ at: Date; actor: string; action: string; unit_id: string | null; detail: string }>(`
      SELECT at, actor, action, unit_id, detail FROM audit_log WHERE ($1::text IS NULL OR unit_id = $1) ORDER BY id DESC LIMIT $2`,
    [filter.unitId ?? null, filter.limit ?? 1000]);
    return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, unitId: r.unit_id, detail: r.detail }));
  }

  /**
   * The latest audit id. Every write takes AUDIT_ORDER_LOCK before its audit entry and holds it
   * until it commits, so ids are committed in order: once a stamp is seen, no entry with a lower
   * id can still commit later (another process's transaction included).
   */
  async changeStamp(): Promise<number> {
    return Number((await this.rows<{ n: string }>('SELECT COALESCE(MAX(id), 0) AS n FROM audit_log'))[0]!.n);
  }

  async changesSince(after: number, limit: number): Promise<{ stamp: number; changes: { unitId: string | null; action: string }[]; more: boolean }> {
    // One statement, one snapshot: the stamp and the changes are of the same moment.
    const rows = await this.rows<{ stamp: string; unit_id: string | null; action: string | null }>(`
      WITH latest AS (SELECT COALESCE(MAX(id), 0) AS stamp FROM audit_log)
      SELECT latest.stamp, changed.unit_id, changed.action
      FROM latest LEFT JOIN LATERAL (
        SELECT DISTINCT unit_id, action FROM audit_log WHERE id > $1 AND id <= latest.stamp LIMIT $2
      ) changed ON true`, [after, limit + 1]);
    const changes = rows.filter((r) => r.action !== null).map((r) => ({ unitId: r.unit_id, action: r.action! }));
    return { stamp: Number(rows[0]!.stamp), changes: changes.slice(0, limit), more: changes.length > limit };
  }

  // ── Maintenance ──────────────────────────────────────────────────────────────────────────────

  async submissionsMissingFiles(): Promise<string[]> {
    return (await this.rows<{ id: string }>(`SELECT s.id FROM submissions s
      WHERE s.file_kept AND NOT EXISTS (SELECT 1 FROM files f WHERE f.sha256 = s.sha256) ORDER BY s.seq`)).map((r) => r.id);
  }

  /** Always throws PgBackupUnsupportedError: the database server's own tools back it up (pg_dump). */
  async backup(_destinationDir: string): Promise<number> {
    throw new PgBackupUnsupportedError();
  }

  /**
   * `integrity`: ['ok'], or what guards of the schema are missing (the append-only triggers, the
   * file reference); then every kept file present, every stored file's bytes hashed again by the
   * server, and the files no row points at.
   */
  async verify(): Promise<VerifyReport> {
    const integrity: string[] = [];
    const triggers = new Set((await this.rows<{ tgname: string }>(
      "SELECT tgname FROM pg_trigger WHERE tgrelid IN ('submissions'::regclass, 'files'::regclass, 'audit_log'::regclass) AND tgenabled <> 'D'",
    )).map((r) => r.tgname));
    for (const name of [
      'submissions_append_only', 'submissions_append_only_truncate', 'files_bytes_unchanged', 'audit_log_append_only', 'audit_log_append_only_truncate',
    ]) {
      if (!triggers.has(name)) integrity.push(`trigger ${name} missing or disabled`);
    }
    const constraints = (await this.rows<{ conname: string }>(
      "SELECT conname FROM pg_constraint WHERE conrelid = 'submissions'::regclass AND conname = 'submissions_kept_file' AND convalidated",
    ));
    if (constraints.length === 0) integrity.push('constraint submissions_kept_file missing or not validated');
    const missing = (await this.rows<{ id: string; sha256: string }>(`SELECT s.id, s.sha256 FROM submissions s
      WHERE s.file_kept AND NOT EXISTS (SELECT 1 FROM files f WHERE f.sha256 = s.sha256) ORDER BY s.seq`))
      .map((r) => ({ submissionId: r.id, sha256: r.sha256 }));
    const hashed = await this.rows<{ sha256: string; actual: string }>("SELECT sha256, encode(sha256(bytes), 'hex') AS actual FROM files ORDER BY sha256");
    const corrupt = hashed.filter((r) => r.actual !== r.sha256);
    return { integrity: integrity.length > 0 ? integrity : ['ok'], checked: hashed.length, missing, corrupt, orphans: await this.orphanFiles() };
  }

  async sweepOrphans(minAgeMs: number): Promise<string[]> {
    const removed: string[] = [];
    const now = Date.now();
    for (const orphan of await this.orphanFiles()) {
      if (now - orphan.modifiedAt.getTime() < minAgeMs) continue;
      try {
        // Checked again in the DELETE; a row committed meanwhile makes the foreign key refuse it.
        const gone = await this.pool.query('DELETE FROM files f WHERE sha256 = $1 AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.sha256 = f.sha256)', [orphan.sha256]);
        if ((gone.rowCount ?? 0) > 0) removed.push(orphan.sha256);
      } catch (error) {
        if ((error as { code?: unknown }).code !== '23503') throw error;
      }
    }
    return removed;
  }

  private async orphanFiles(): Promise<VerifyReport['orphans']> {
    return (await this.rows<{ sha256: string; size: number; stored_at: Date }>(`SELECT sha256, size, stored_at FROM files f
      WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.sha256 = f.sha256) ORDER BY stored_at`))
      .map((r) => ({ sha256: r.sha256, size: r.size, modifiedAt: r.stored_at }));
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/**
 * The audit entry of a write, last in its transaction (`on` must be inside one): the audit-order
 * lock first, so the entry's id is drawn only after every earlier entry has committed.
 */
export async function insertAudit(on: Queryable, unitId: string | null, change: Change): Promise<void> {
  await on.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_ORDER_LOCK]);
  await on.query('INSERT INTO audit_log (at, actor, action, unit_id, detail) VALUES ($1, $2, $3, $4, $5)',
    [change.at, change.by, change.action, unitId, change.detail]);
}

/**
 * The row these bytes repeat under the key (Store.findSubmission): a refused row of them, or the
 * counted version when it is of them; an older version of them is not repeated.
 */
async function sameFile(on: Queryable, key: { sha256: string; unitId: string | null; year: number; stage: Stage }): Promise<SubmissionRow[]> {
  return (await on.query<SubmissionRow>(`${SUBMISSION_SELECT}
    WHERE s.sha256 = $1 AND COALESCE(s.unit_id, '') = $2 AND s.year = $3 AND s.stage = $4
      AND (s.version IS NULL
        OR s.version = (SELECT MAX(c.version) FROM submissions c WHERE c.unit_id = s.unit_id AND c.year = s.year AND c.stage = s.stage))
    ORDER BY s.version IS NULL LIMIT 1`, [key.sha256, key.unitId ?? '', key.year, key.stage])).rows;
}

async function insertUnit(c: Queryable, id: string, unit: NewUnit, at: Date): Promise<void> {
  const name = cleanName(unit.name);
  const code = normalizeUnitCode(unit.code ?? '') || await nextCode(c, unit.kind);
  await c.query(`INSERT INTO units (id, code, name, name_key, parent_key, kind, parent, contact, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`, [id, code, name, unitNameKey(name), parentKey(unit.parent), unit.kind, unit.parent, unit.contact, at]);
}

/** The next free code of a kind (a code once given, even to a unit renamed since, is never given again). */
async function nextCode(c: Queryable, kind: UnitKind): Promise<string> {
  const prefix = UNIT_CODE_PREFIXES[kind];
  let next = ((await c.query<{ last: number }>('SELECT last FROM unit_code_sequences WHERE prefix = $1', [prefix])).rows[0]?.last ?? 0) + 1;
  while ((await c.query('SELECT 1 FROM units WHERE code = $1', [assignedUnitCode(kind, next)])).rowCount) next++;
  await setSequence(c, prefix, next);
  return assignedUnitCode(kind, next);
}

/** A listed code in the product's own form moves its sequence past it. */
async function bumpSequence(c: Queryable, code: string): Promise<void> {
  const parsed = parseAssignedUnitCode(code);
  if (!parsed) return;
  const last = (await c.query<{ last: number }>('SELECT last FROM unit_code_sequences WHERE prefix = $1', [parsed.prefix])).rows[0]?.last ?? 0;
  if (parsed.sequence > last) await setSequence(c, parsed.prefix, parsed.sequence);
}

async function setSequence(c: Queryable, prefix: string, last: number): Promise<void> {
  await c.query('INSERT INTO unit_code_sequences (prefix, last) VALUES ($1, $2) ON CONFLICT (prefix) DO UPDATE SET last = excluded.last', [prefix, last]);
}

function checkSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 hex digest: ${sha256}`);
}

/** A name as stored: NFC, inner white space collapsed, trimmed. */
function cleanName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function toSubmission(row: SubmissionRow): SubmissionRecord {
  return { ...submissionFields(row), result: checkResultSchema.parse(row.result), errors: issuesSchema.parse(row.errors) };
}

/** Every field of a submission row but its result and errors (the JSON columns). */
function submissionFields(row: Omit<SubmissionRow, 'result' | 'errors'>): Omit<SubmissionRecord, 'result' | 'errors'> {
  return {
    id: row.id,
    unitId: row.unit_id,
    year: row.year,
    stage: row.stage as Stage,
    version: row.version,
    sha256: row.sha256,
    size: row.size,
    fileName: row.file_name,
    receivedAt: row.received_at,
    late: row.late,
    daysLate: row.days_late,
    valid: row.valid,
    actor: row.actor,
    fileKept: row.file_kept,
    review: row.r_state
      ? { submissionId: row.id, state: row.r_state as ReviewState, note: row.r_note ?? '', by: row.r_by ?? '', at: row.r_at ?? new Date(0) }
      : null,
  };
}

/**
 * What went wrong reaching PostgreSQL, when it is that: the server unreachable, a login refused,
 * no such database (SQLSTATE class 08, 28, 3D, 57P03).
 */
export function connectionProblem(error: unknown): string | undefined {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return undefined;
  const network = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET'].includes(code);
  const server = /^(08|28|3D)/u.test(code) || code === '57P03';
  return network || server ? `${code}: ${String(message)}` : undefined;
}

/** Serialization failure or deadlock: the transaction lost a race and may simply run again. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '40001' || code === '40P01';
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23505';
}
