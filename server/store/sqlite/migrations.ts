/**
 * The SQLite schema, as numbered migrations. Each runs once, in order, in its own transaction,
 * and is recorded in `schema_migrations`. Never edit a migration that has shipped: add one.
 */
import type Database from 'better-sqlite3';
import { assignedUnitCode, UNIT_CODE_PREFIXES } from '../../../shared/units/codes';
import { parentKey } from '../../../shared/units/identity';
import type { UnitKind } from '../../../shared/units/kinds';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL alone cannot do (keys computed in TypeScript), run after `sql` in the same transaction. */
  transform?: (db: Database.Database) => void;
  /**
   * Rebuilds a table other tables reference (SQLite cannot drop a constraint): foreign keys are
   * switched off around the transaction, as SQLite's documentation prescribes, and checked
   * (`PRAGMA foreign_key_check`) before it commits.
   */
  rebuildsReferencedTable?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'units, tokens, submissions, reviews, appraisals, exceptions, calendars, audit log',
    sql: `
      CREATE TABLE units (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        parent TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '',
        token_hash TEXT UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE admin_tokens (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );

      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        unit_id TEXT REFERENCES units(id),
        year INTEGER NOT NULL,
        stage TEXT NOT NULL CHECK (stage IN ('registration', 'mid-year', 'final')),
        version INTEGER CHECK (version IS NULL OR (version >= 1 AND unit_id IS NOT NULL AND valid = 1)),
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        received_at TEXT NOT NULL,
        late INTEGER NOT NULL CHECK (late IN (0, 1)),
        days_late INTEGER NOT NULL,
        valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
        result_json TEXT NOT NULL,
        errors_json TEXT NOT NULL,
        actor TEXT NOT NULL,
        CHECK (valid = 0 OR version IS NOT NULL)
      );
      -- The same bytes for the same unit, year and stage are one submission (idempotent intake).
      CREATE UNIQUE INDEX submissions_same_file ON submissions (sha256, COALESCE(unit_id, ''), year, stage);
      -- Valid versions are numbered once per unit × year × stage.
      CREATE UNIQUE INDEX submissions_version ON submissions (unit_id, year, stage, version) WHERE version IS NOT NULL;
      CREATE INDEX submissions_year_unit ON submissions (year, unit_id);
      -- A submission row is never changed nor removed: versions only grow.
      CREATE TRIGGER submissions_append_only_update BEFORE UPDATE ON submissions
        BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
      CREATE TRIGGER submissions_append_only_delete BEFORE DELETE ON submissions
        BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;

      CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        state TEXT NOT NULL CHECK (state IN ('received', 'has-issues', 'approved', 'rejected')),
        note TEXT NOT NULL,
        by TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX reviews_submission ON reviews (submission_id, id);

      -- History: the current score of a criterion is its latest row (a NULL score clears it).
      CREATE TABLE appraisals (
        id INTEGER PRIMARY KEY,
        unit_id TEXT NOT NULL REFERENCES units(id),
        year INTEGER NOT NULL,
        criterion INTEGER NOT NULL,
        score REAL,
        by TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX appraisals_unit_year ON appraisals (year, unit_id, criterion, id);

      CREATE TABLE exceptions (
        id INTEGER PRIMARY KEY,
        unit_id TEXT NOT NULL REFERENCES units(id),
        year INTEGER NOT NULL,
        stage TEXT NOT NULL CHECK (stage IN ('registration', 'mid-year', 'final')),
        note TEXT NOT NULL,
        by TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX exceptions_unit_year ON exceptions (year, unit_id);

      CREATE TABLE calendars (
        year INTEGER PRIMARY KEY,
        calendar_json TEXT NOT NULL,
        by TEXT NOT NULL,
        at TEXT NOT NULL
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        unit_id TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX audit_log_unit ON audit_log (unit_id, id);
    `,
  },
  {
    version: 2,
    name: 'unit codes; name + parent (not name alone) unique; pending unit tokens; admin token revocation; code sequences',
    rebuildsReferencedTable: true,
    sql: `
      CREATE TABLE units_v2 (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        parent_key TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,
        parent TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '',
        token_hash TEXT UNIQUE,
        -- A token issued for every unit at once works beside the old one until its first use.
        pending_token_hash TEXT UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- Codes are filled in by the transform (kind prefix + sequence, in order of creation).
      INSERT INTO units_v2 (id, code, name, name_key, parent_key, kind, parent, contact, token_hash, created_at, updated_at)
        SELECT id, '#' || rowid, name, name_key, '', kind, parent, contact, token_hash, created_at, updated_at FROM units;
      DROP TABLE units;
      ALTER TABLE units_v2 RENAME TO units;
      CREATE INDEX units_name_key ON units (name_key);

      -- The last number given per code prefix: an assigned code is never given twice.
      CREATE TABLE unit_code_sequences (
        prefix TEXT PRIMARY KEY,
        last INTEGER NOT NULL
      );

      ALTER TABLE admin_tokens ADD COLUMN revoked_at TEXT;
    `,
    transform: (db) => {
      const rows = db.prepare('SELECT id, kind, parent FROM units ORDER BY created_at, code').all() as { id: string; kind: UnitKind; parent: string }[];
      const last = new Map<string, number>();
      const update = db.prepare('UPDATE units SET code = ?, parent_key = ? WHERE id = ?');
      for (const row of rows) {
        const prefix = UNIT_CODE_PREFIXES[row.kind];
        const next = (last.get(prefix) ?? 0) + 1;
        last.set(prefix, next);
        update.run(assignedUnitCode(row.kind, next), parentKey(row.parent), row.id);
      }
      const sequence = db.prepare('INSERT INTO unit_code_sequences (prefix, last) VALUES (?, ?)');
      for (const [prefix, n] of last) sequence.run(prefix, n);
      // Only now can (name, parent) be unique: every parent key is computed.
      db.exec('CREATE UNIQUE INDEX units_name_parent ON units (name_key, parent_key)');
    },
  },
  {
    version: 3,
    name: 'intake hardening: refused files past the quota kept without their bytes, idempotency keys',
    sql: `
      -- 0: a refused file past its unit's quota of refused bytes: hash, size and errors kept, bytes not stored.
      ALTER TABLE submissions ADD COLUMN file_kept INTEGER NOT NULL DEFAULT 1 CHECK (file_kept IN (0, 1));
      -- A sender's Idempotency-Key: a repeat with the same sender and key is the same submission.
      ALTER TABLE submissions ADD COLUMN sender TEXT;
      ALTER TABLE submissions ADD COLUMN idempotency_key TEXT;
      CREATE UNIQUE INDEX submissions_idempotency ON submissions (sender, idempotency_key) WHERE idempotency_key IS NOT NULL;
      CREATE INDEX submissions_refused_kept ON submissions (unit_id) WHERE valid = 0 AND file_kept = 1;
    `,
  },
  {
    version: 4,
    name: 'document settings per year',
    sql: `
      -- The letterhead, numbers, signer and recipients of the year's .docx documents (documentSettingsSchema).
      CREATE TABLE document_settings (
        year INTEGER PRIMARY KEY,
        settings_json TEXT NOT NULL,
        by TEXT NOT NULL,
        at TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'unit portal: when a unit first saw a review, appraisal results published to units',
    sql: `
      -- The first time the unit opened its portal page while this review was shown (kept once).
      CREATE TABLE review_seen (
        review_id INTEGER PRIMARY KEY REFERENCES reviews(id),
        seen_at TEXT NOT NULL
      );
      -- History: the unit sees its appraisal result while the latest row of unit × year says published.
      CREATE TABLE appraisal_publications (
        id INTEGER PRIMARY KEY,
        unit_id TEXT NOT NULL REFERENCES units(id),
        year INTEGER NOT NULL,
        published INTEGER NOT NULL CHECK (published IN (0, 1)),
        by TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX appraisal_publications_unit_year ON appraisal_publications (year, unit_id, id);
    `,
  },
  {
    version: 6,
    name: 'board of a large year: every column consolidation reads but the JSON ones, in one covering index',
    sql: `
      -- listSubmissionSummaries reads the year from this index alone (a few hundred bytes a row)
      -- instead of every row's result and errors; only the counted final versions' results are read.
      CREATE INDEX submissions_board ON submissions
        (year, unit_id, stage, version, valid, received_at, id, sha256, size, file_name, late, days_late, actor, file_kept);
    `,
  },
  {
    version: 7,
    name: 'audit log append-only',
    sql: `
      -- Who did what is never rewritten nor removed, as submissions are not: no code path updates
      -- or deletes an audit row (backup copies pages, restore copies files, migrate only reads).
      CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 8,
    name: 'a file the same as an older version is a return to it: a new version of the same bytes',
    sql: `
      -- The same bytes again are one submission only while they are the unit's counted version (a
      -- double click, a retry): bytes of an older version sent again become a new version, a row
      -- pointing at the file already stored. The store decides that in the write transaction; the
      -- version numbers' unique index settles a race. Refused files stay one row per bytes and key.
      DROP INDEX submissions_same_file;
      CREATE INDEX submissions_same_file ON submissions (sha256, COALESCE(unit_id, ''), year, stage);
      CREATE UNIQUE INDEX submissions_same_refused ON submissions (sha256, COALESCE(unit_id, ''), year, stage) WHERE version IS NULL;
    `,
  },
];

/** The data folder was written by a newer dien-hinh; this one must not touch it. */
export class SchemaTooNewError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`database schema version ${found} is newer than this program's (${known})`);
    this.name = 'SchemaTooNewError';
  }
}

/** Brings a database up to the latest migration; returns the versions it applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new SchemaTooNewError(newest, known);
  }
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
    // PRAGMA foreign_keys is a no-op inside a transaction: switch it off before.
    if (migration.rebuildsReferencedTable && foreignKeys) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        migration.transform?.(db);
        if (migration.rebuildsReferencedTable) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${migration.version} would break ${broken.length} foreign key(s)`);
        }
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, new Date().toISOString());
      }).immediate();
    } finally {
      if (migration.rebuildsReferencedTable && foreignKeys) db.pragma('foreign_keys = ON');
    }
    done.push(migration.version);
  }
  return done;
}
