/**
 * The SQLite schema, as numbered migrations. Each runs once, in order, in its own transaction,
 * and is recorded in `schema_migrations`. Never edit a migration that has shipped: add one.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
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
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
    done.push(migration.version);
  }
  return done;
}
