/**
 * Where everything the sync service keeps is stored: the ONE interface the use cases in
 * `server/app/` talk to. `server/store/sqlite/` implements it over SQLite + a folder of files
 * stored by content hash; a PostgreSQL backend would implement the same interface.
 *
 * Rules every implementation keeps:
 * - a submission row is never updated or deleted; a changed file is a new row (a new version);
 * - the file is durable on disk BEFORE the row that points at it is committed;
 * - (sha256, unit, year, stage) is unique, so the same bytes sent twice are one submission,
 *   also under concurrency; valid versions of unit × year × stage are numbered 1, 2, … without gaps;
 * - every change is written to the audit log in the same transaction as the change.
 */
import type { Readable } from 'node:stream';
import type { ReviewState } from '../../shared/api/schemas';
import type { Calendar, Stage } from '../../shared/deadlines/calendar';
import type { UnitKind } from '../../shared/units/kinds';
import type { CheckResult } from '../../shared/workbook/check';

export interface UnitRecord {
  id: string;
  name: string;
  /** unitNameKey(name): two spellings of one name share it. */
  nameKey: string;
  kind: UnitKind;
  parent: string;
  contact: string;
  hasToken: boolean;
}

export interface NewUnit {
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
  receivedAt: Date;
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
}

export type NewSubmission = Omit<SubmissionRecord, 'id' | 'version' | 'review'>;

export interface AuditRecord {
  at: Date;
  actor: string;
  action: string;
  unitId: string | null;
  detail: string;
}

/**
 * Who makes a change, when, and what the audit log says of it (`detail` is for people: the use
 * case writes it; the store writes it in the same transaction as the change).
 */
export interface Change {
  by: string;
  at: Date;
  action: string;
  detail: string;
}

export interface UnitImportOutcome {
  added: number;
  updated: number;
  unchanged: number;
}

export interface Store {
  // Units and their tokens
  listUnits(): Promise<UnitRecord[]>;
  getUnit(id: string): Promise<UnitRecord | undefined>;
  findUnitByNameKey(nameKey: string): Promise<UnitRecord | undefined>;
  /** Adds units not on the list and updates the others (matched by name key), in one transaction. */
  upsertUnits(units: NewUnit[], change: Omit<Change, 'detail'> & { detail: (outcome: UnitImportOutcome) => string }): Promise<UnitImportOutcome>;
  /** Adds one unit; undefined when a unit with the same name key exists. */
  addUnit(unit: NewUnit, change: Change): Promise<UnitRecord | undefined>;
  /** Replaces the token hash of each given unit (old tokens stop working), in one transaction. */
  setUnitTokenHashes(hashes: ReadonlyMap<string, string>, change: Change): Promise<void>;
  unitByTokenHash(hash: string): Promise<UnitRecord | undefined>;

  // Admin tokens
  adminTokenCount(): Promise<number>;
  addAdminToken(label: string, hash: string, change: Change): Promise<void>;
  /** Appends an entry for an event that changes nothing else (a refused submission, say). */
  appendAudit(unitId: string | null, change: Change): Promise<void>;
  /** The label of the admin token with this hash. */
  adminLabelByTokenHash(hash: string): Promise<string | undefined>;

  // Files, stored by content hash
  /** Writes the bytes durably (temp file, fsync, rename) unless a file with this hash exists. */
  putFile(sha256: string, bytes: Buffer): Promise<void>;
  hasFile(sha256: string): Promise<boolean>;
  openFile(sha256: string): Promise<Readable | undefined>;

  // Submissions
  findSubmission(key: { sha256: string; unitId: string | null; year: number; stage: Stage }): Promise<SubmissionRecord | undefined>;
  /**
   * Commits a submission whose file is already stored: numbers the version when valid, writes
   * the audit entry. When the same (sha256, unit, year, stage) was committed meanwhile, returns
   * that one with duplicate = true.
   */
  recordSubmission(
    submission: NewSubmission,
    audit: (version: number | null) => Pick<Change, 'action' | 'detail'>,
  ): Promise<{ record: SubmissionRecord; duplicate: boolean }>;
  getSubmission(id: string): Promise<SubmissionRecord | undefined>;
  listSubmissions(filter: { year?: number; unitId?: string }): Promise<SubmissionRecord[]>;

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

  // Audit
  audit(filter: { unitId?: string; limit?: number }): Promise<AuditRecord[]>;

  /** Checks for the crash-safety promise: rows whose file is missing (should always be empty). */
  submissionsMissingFiles(): Promise<string[]>;
  /** Writes a consistent copy of the database and the files into an empty folder; returns the files copied. */
  backup(destinationDir: string): Promise<number>;
  close(): Promise<void>;
}
