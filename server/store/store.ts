/**
 * Where everything the sync service keeps is stored: the ONE interface the use cases in
 * `server/app/` talk to. `server/store/sqlite/` implements it over SQLite + a folder of files
 * stored by content hash; a PostgreSQL backend would implement the same interface.
 *
 * Rules every implementation keeps:
 * - a submission row is never updated or deleted; a changed file is a new row (a new version);
 * - the file is durable on disk BEFORE the row that points at it is committed;
 * - the same bytes sent again for the same unit, year and stage are one submission while they are
 *   the counted version (the highest valid one) or a refused file, also under concurrency; bytes
 *   of an older version sent again are a new version (a return to it), a row pointing at the
 *   file already stored; valid versions of unit × year × stage are numbered 1, 2, … without gaps;
 * - every change is written to the audit log in the same transaction as the change.
 */
import type { Readable } from 'node:stream';
import type { ReviewState } from '../../shared/api/schemas';
import type { Calendar, Stage } from '../../shared/deadlines/calendar';
import type { UnitKind } from '../../shared/units/kinds';
import type { CheckResult } from '../../shared/workbook/checkResult';
import type { ImportConflict, ListedUnit } from '../../shared/units/importPlan';

export interface UnitRecord {
  /** Internal key (rows point at it); never shown. */
  id: string;
  /** The unit code (mã đơn vị): its identity for people and programs (API, CLI, workbooks). */
  code: string;
  name: string;
  /** unitNameKey(name): two spellings of one name share it. */
  nameKey: string;
  kind: UnitKind;
  parent: string;
  contact: string;
  hasToken: boolean;
}

export interface NewUnit {
  /** '' or absent: the store assigns one (kind prefix + sequence). */
  code?: string;
  name: string;
  kind: UnitKind;
  parent: string;
  contact: string;
}

export interface ReviewRecord {
  submissionId: string;
  state: ReviewState;
  note: string;
  by: string;
  at: Date;
}

export interface SubmissionRecord {
  id: string;
  /** Null when the workbook names no unit on the list (kept for the audit trail only). */
  unitId: string | null;
  year: number;
  stage: Stage;
  /** 1-based among the valid versions of unit × year × stage; null for a refused file. */
  version: number | null;
  sha256: string;
  size: number;
  fileName: string;
  /** The fact lateness is derived from (with the calendar in force; see submissionLateness). */
  receivedAt: Date;
  /** Lateness as judged at intake: history only, never read as the verdict (deadlines move). */
  late: boolean;
  daysLate: number;
  valid: boolean;
  /** What the reader extracted, kept so consolidation never re-reads a workbook. */
  result: CheckResult;
  /** Why the file was refused (the reader's errors, or ours such as an unknown unit). */
  errors: CheckResult['errors'];
  /** Who sent it: an admin token's label or a unit's name. */
  actor: string;
  /** The latest review of this submission, if any. */
  review: ReviewRecord | null;
  /**
   * False for a refused file past its unit's quota of refused bytes: the row keeps its hash, size
   * and errors for the audit trail, the bytes were not stored.
   */
  fileKept: boolean;
}

/**
 * A submission as consolidation reads it: every field but the reader's errors, and `result` only
 * for the version that counts (each unit's latest valid final-stage version; null for the others).
 */
export type SubmissionSummary = Omit<SubmissionRecord, 'result' | 'errors'> & { result: CheckResult | null };

/** Which submissions listSubmissionSummaries lists: a year's, of one unit (`unitId`) or of some (`unitIds`, both: those in both). */
export interface SummaryFilter {
  year: number;
  unitId?: string;
  unitIds?: readonly string[];
}

/** A sender's `Idempotency-Key`: a repeat with the same sender and key is the same submission. */
export interface IdempotencyKey {
  /** `unit:<unit id>` or `admin:<token label>`. */
  sender: string;
  key: string;
}

export type NewSubmission = Omit<SubmissionRecord, 'id' | 'version' | 'review' | 'fileKept'> & {
  /** Default true. */
  fileKept?: boolean;
  idempotency?: IdempotencyKey;
};

/** What `verify` found in a data folder. */
export interface VerifyReport {
  /** `PRAGMA integrity_check`: ['ok'] when sound. */
  integrity: string[];
  /** Rows checked (with their file kept) and files hashed. */
  checked: number;
  /** Submissions whose stored file is absent. */
  missing: { submissionId: string; sha256: string }[];
  /** Stored files whose bytes no longer hash to their name. */
  corrupt: { sha256: string; actual: string }[];
  /** Stored files no row points at (harmless; the sweep removes them). */
  orphans: { sha256: string; size: number; modifiedAt: Date }[];
}

export interface AuditRecord {
  at: Date;
  actor: string;
  action: string;
  unitId: string | null;
  detail: string;
}

/**
 * The codes audit entries are written with. A code is stored and never renamed (old entries keep
 * theirs); server/app/messages.ts gives each its words in a record keyed by this list, so a code
 * added here without words does not compile.
 */
export const AUDIT_ACTIONS = [
  'submission', 'submission-invalid', 'submission-refused', 'review', 'appraisal', 'exception', 'calendar',
  'unit-add', 'units-import', 'tokens', 'admin-token', 'admin-token-revoke', 'unit-token', 'unit-token-revoke',
  'review-seen', 'appraisal-publication', 'document-settings', 'token-activated', 'sign-in-failed', 'sign-in-limited',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who makes a change, when, and what the audit log says of it (`detail` is for people: the use
 * case writes it; the store writes it in the same transaction as the change).
 */
export interface Change {
  by: string;
  at: Date;
  action: AuditAction;
  detail: string;
}

export interface UnitImportOutcome {
  added: number;
  updated: number;
  unchanged: number;
}

/** A units list that cannot be applied to the registry as it is (see planUnitsImport); nothing was changed. */
export class UnitsImportConflictError extends Error {
  constructor(readonly conflicts: ImportConflict[]) {
    super(`units list conflicts with the registry on ${conflicts.length} row(s)`);
    this.name = 'UnitsImportConflictError';
  }
}

/**
 * The store no longer takes writes (nor answers a read that could hold a row it may have lost):
 * an fsync of what it had committed failed (`cause`: the I/O error). An fsync cannot be retried —
 * the kernel may have dropped the pages it failed to write and reports that once — so only a
 * restart, which recovers from what is really on disk, makes the store usable again.
 */
export class StoreFailedError extends Error {
  constructor(cause: unknown) {
    super(`the store stopped after a failed fsync (${cause instanceof Error ? cause.message : String(cause)}); restart the server`, { cause });
    this.name = 'StoreFailedError';
  }
}

/** An admin token as listed (the token itself is never kept). */
export interface AdminTokenRecord {
  label: string;
  createdAt: Date;
}

export interface Store {
  // Units and their tokens
  listUnits(): Promise<UnitRecord[]>;
  getUnit(id: string): Promise<UnitRecord | undefined>;
  /** The unit of a code (compared after normalizeUnitCode). */
  findUnitByCode(code: string): Promise<UnitRecord | undefined>;
  /** Every unit whose name has this unitNameKey (several when their parents differ). */
  findUnitsByNameKey(nameKey: string): Promise<UnitRecord[]>;
  /**
   * Applies a units list (planUnitsImport: by code, else name + parent; codes assigned to new rows
   * without one; nothing removed), in one transaction. Throws UnitsImportConflictError, changing
   * nothing, when the list cannot be applied.
   */
  upsertUnits(units: ListedUnit[], change: Omit<Change, 'detail'> & { detail: (outcome: UnitImportOutcome) => string }): Promise<UnitImportOutcome>;
  /** Adds one unit (assigning its code when none is given); undefined when its code or its name + parent is taken. */
  addUnit(unit: NewUnit, change: Change): Promise<UnitRecord | undefined>;
  /**
   * Replaces the token hash of each given unit (null revokes), in one transaction: the old token
   * stops working at once. With `pending`, the new hashes are kept beside the current ones instead:
   * the old token keeps working until the unit first uses its new one (`unitByTokenHash`). A unit
   * with no token has nothing to keep working: its new one is in force at once, so a province's
   * first issue costs no write at each unit's first upload.
   */
  setUnitTokenHashes(hashes: ReadonlyMap<string, string | null>, change: Change & { unitId?: string | null }, options?: { pending?: boolean }): Promise<void>;
  /** The unit holding this token; a pending token's first use makes it the unit's only token. */
  unitByTokenHash(hash: string): Promise<UnitRecord | undefined>;

  // Admin tokens
  adminTokenCount(): Promise<number>;
  addAdminToken(label: string, hash: string, change: Change): Promise<void>;
  /** Appends an entry for an event that changes nothing else (a refused submission, say). */
  appendAudit(unitId: string | null, change: Change): Promise<void>;
  /** The label of the (not revoked) admin token with this hash. */
  adminLabelByTokenHash(hash: string): Promise<string | undefined>;
  /** Admin tokens in force, oldest first. */
  listAdminTokens(): Promise<AdminTokenRecord[]>;
  /** Revokes every admin token in force with this label; returns how many. */
  revokeAdminTokens(label: string, change: Change): Promise<number>;

  // Files, stored by content hash
  /** Writes the bytes durably (temp file, fsync, rename) unless a file with this hash exists. */
  putFile(sha256: string, bytes: Buffer): Promise<void>;
  hasFile(sha256: string): Promise<boolean>;
  openFile(sha256: string): Promise<Readable | undefined>;
  /** A fresh temp path in the store's own temp folder, owned by this process (nothing created). */
  tempPath(): string;
  /**
   * Stores a complete temp file from `tempPath()`, already fsynced by its writer, under its hash
   * (rename, folder fsync), or drops it if stored. The temp file is gone afterwards, even on error.
   */
  adoptFile(sha256: string, tempPath: string): Promise<void>;
  /** Removes temp files of processes no longer running; the server alone calls it, at start. */
  sweepStaleTemp(): Promise<number>;
  /** Writes and removes a probe file: throws when the data folder cannot be written. */
  probeWritable(): Promise<void>;

  // Submissions
  /**
   * The submission these bytes repeat under the key: a refused row of them, or the counted version
   * (the highest valid one) when it is of them. An older version of the same bytes is not
   * repeated: sending it again is a return to it, a new version.
   */
  findSubmission(key: { sha256: string; unitId: string | null; year: number; stage: Stage }): Promise<SubmissionRecord | undefined>;
  /**
   * Commits a submission whose file is already stored: numbers the version when valid, writes
   * the audit entry. When, in the same transaction, its idempotency key was already recorded or
   * its bytes repeat a submission (findSubmission), returns that one with duplicate = true.
   */
  recordSubmission(
    submission: NewSubmission,
    audit: (version: number | null) => Pick<Change, 'action' | 'detail'>,
  ): Promise<{ record: SubmissionRecord; duplicate: boolean }>;
  getSubmission(id: string): Promise<SubmissionRecord | undefined>;
  /** The version that counts for unit × year × stage: its highest valid version; undefined before any. */
  countedSubmission(key: { unitId: string; year: number; stage: Stage }): Promise<SubmissionRecord | undefined>;
  /** The submission recorded with this sender's idempotency key. */
  findByIdempotencyKey(key: IdempotencyKey): Promise<SubmissionRecord | undefined>;
  /** Every submission of these bytes (for the duplicate check before a workbook is read). */
  submissionsWithFile(sha256: string): Promise<SubmissionRecord[]>;
  /** Bytes of refused files stored for a unit (null: workbooks naming no unit on the list). */
  refusedBytesStored(unitId: string | null): Promise<number>;
  listSubmissions(filter: { year?: number; unitId?: string }): Promise<SubmissionRecord[]>;
  /**
   * The year's submissions (of one unit, of the units listed, or all) in the order
   * listSubmissions gives, as consolidation reads them: without the CheckResults it does not read
   * (see SubmissionSummary), so the board of a large year is not the parsing of every stored
   * result, and it can be read a few thousand units at a time.
   */
  listSubmissionSummaries(filter: SummaryFilter): Promise<SubmissionSummary[]>;

  // Review, appraisal, exceptions
  addReview(review: Omit<ReviewRecord, 'by' | 'at'>, unitId: string | null, change: Change): Promise<void>;
  /** Sets (number) or clears (null) the council's score of each given criterion. */
  setAppraisal(unitId: string, year: number, scores: ReadonlyMap<number, number | null>, change: Change): Promise<void>;
  /** The council's current scores per unit for a year: criterion number → score. */
  appraisals(year: number, unitId?: string): Promise<Map<string, Record<number, number>>>;
  addException(unitId: string, year: number, stage: Stage, note: string, change: Change): Promise<void>;
  /** Stages reopened after the lock date, per unit, for a year. */
  exceptions(year: number, unitId?: string): Promise<Map<string, Stage[]>>;

  // Unit portal: reviews seen by the unit, appraisal results published to it
  /** When the unit first saw the latest review of each given submission (only those it has seen). */
  reviewsSeen(submissionIds: readonly string[]): Promise<Map<string, Date>>;
  /**
   * Records that the unit saw the latest review of each given submission, for those not yet
   * recorded (the first time counts); audits it when anything was recorded. Returns how many.
   */
  markReviewsSeen(submissionIds: readonly string[], unitId: string, change: Omit<Change, 'detail'> & { detail: (count: number) => string }): Promise<number>;
  /** Publishes (true) or withdraws (false) a unit's appraisal result for a year. */
  setAppraisalPublished(unitId: string, year: number, published: boolean, change: Change): Promise<void>;
  /** Units whose appraisal result of the year is published, with when it was published. */
  appraisalPublications(year: number, unitId?: string): Promise<Map<string, Date>>;

  // Calendar
  getCalendar(year: number): Promise<Calendar | undefined>;
  putCalendar(year: number, calendar: Calendar, change: Change): Promise<void>;

  // Document settings (per year)
  /** The year's saved document settings, as JSON to be checked by documentSettingsSchema; undefined when never saved. */
  getDocumentSettings(year: number): Promise<unknown | undefined>;
  putDocumentSettings(year: number, settings: unknown, change: Change): Promise<void>;

  // Audit
  audit(filter: { unitId?: string; limit?: number }): Promise<AuditRecord[]>;
  /**
   * The change stamp: the id of the latest audit entry (0 when none). Every change writes its
   * audit entry in the same transaction, so an unchanged stamp means unchanged data (also when
   * another process writes to the same database).
   */
  changeStamp(): Promise<number>;
  /**
   * What changed after a change stamp: the current stamp and the distinct (unit, action) pairs of
   * the audit entries in (after, stamp] (unit null for an entry naming no unit: a units import, a
   * calendar, a failed sign-in…), at most `limit` of them (`more`: there were more).
   */
  changesSince(after: number, limit: number): Promise<{ stamp: number; changes: { unitId: string | null; action: string }[]; more: boolean }>;

  /** Checks for the crash-safety promise: rows whose file is missing (should always be empty). */
  submissionsMissingFiles(): Promise<string[]>;
  /**
   * Writes a consistent copy of the data folder into an empty folder: the database, the files its
   * rows point at, and everything else the folder holds (criteria sets, settings, templates…).
   * Returns the stored files copied.
   */
  backup(destinationDir: string): Promise<number>;
  /** Integrity check, every kept file present with its hash, orphan files listed. */
  verify(): Promise<VerifyReport>;
  /**
   * Removes stored files no row points at that are older than `minAgeMs` (a file younger than
   * that may belong to an intake about to commit). Safe while the server runs. Returns the hashes removed.
   */
  sweepOrphans(minAgeMs: number): Promise<string[]>;
  close(): Promise<void>;
}
