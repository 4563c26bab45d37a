/**
 * The PostgreSQL schema, as numbered migrations with the SAME version numbers and meaning as the
 * SQLite ones (../sqlite/migrations.ts): a database at version N holds what a data folder at
 * version N holds. Each runs once, in order, in its own transaction, and is recorded in
 * `schema_migrations`; a database newer than the program is refused (SchemaTooNewError). Never
 * edit a migration that has shipped: add one, here and in SQLite.
 *
 * Differences from SQLite, all deliberate:
 * - the submitted files live in the table `files` (bytea keyed by sha256, a CHECK that the bytes
 *   hash to their key), and a kept submission references its file by a foreign key, so one
 *   `pg_dump` holds everything and no row is ever without its bytes;
 * - `submissions.seq` keeps the order of arrival (SQLite's rowid);
 * - the append-only rule covers TRUNCATE too, and a stored file's bytes are never updated;
 * - `by` is a reserved word in PostgreSQL: the column is `by_actor`.
 */
import type { ClientBase } from 'pg';
import { assignedUnitCode, UNIT_CODE_PREFIXES } from '../../../shared/units/codes';
import { parentKey } from '../../../shared/units/identity';
import type { UnitKind } from '../../../shared/units/kinds';
import { SchemaTooNewError } from '../sqlite/migrations';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL alone cannot do (keys computed in TypeScript), run after `sql` in the same transaction. */
  transform?: (client: ClientBase) => Promise<void>;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'units, tokens, submissions, reviews, appraisals, exceptions, calendars, audit log',
    sql: `
      CREATE TABLE units (
        id text PRIMARY KEY,
        name text NOT NULL,
        name_key text NOT NULL UNIQUE,
        kind text NOT NULL,
        parent text NOT NULL DEFAULT '',
        contact text NOT NULL DEFAULT '',
        token_hash text UNIQUE,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE admin_tokens (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        label text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL
      );

      -- The submitted workbooks, once per content: the key is the SHA-256 of the bytes, checked here.
      CREATE TABLE files (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size integer NOT NULL,
        bytes bytea NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        CHECK (octet_length(bytes) = size),
        CHECK (encode(sha256(bytes), 'hex') = sha256)
      );

      CREATE TABLE submissions (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id text PRIMARY KEY,
        unit_id text REFERENCES units(id),
        year integer NOT NULL,
        stage text NOT NULL CHECK (stage IN ('registration', 'mid-year', 'final')),
        version integer CHECK (version IS NULL OR (version >= 1 AND unit_id IS NOT NULL AND valid)),
        sha256 text NOT NULL CONSTRAINT submissions_file REFERENCES files(sha256),
        size integer NOT NULL,
        file_name text NOT NULL,
        received_at timestamptz NOT NULL,
        late boolean NOT NULL,
        days_late integer NOT NULL,
        valid boolean NOT NULL,
        result jsonb NOT NULL,
        errors jsonb NOT NULL,
        actor text NOT NULL,
        CHECK (NOT valid OR version IS NOT NULL)
      );
      -- The same bytes for the same unit, year and stage are one submission (idempotent intake).
      CREATE UNIQUE INDEX submissions_same_file ON submissions (sha256, COALESCE(unit_id, ''), year, stage);
      -- Valid versions are numbered once per unit × year × stage.
      CREATE UNIQUE INDEX submissions_version ON submissions (unit_id, year, stage, version) WHERE version IS NOT NULL;
      CREATE INDEX submissions_year_unit ON submissions (year, unit_id);

      -- A submission row is never changed nor removed: versions only grow. A stored file's bytes never change.
      CREATE FUNCTION dien_hinh_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% are append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; END $$;
      CREATE TRIGGER submissions_append_only BEFORE UPDATE OR DELETE ON submissions
        FOR EACH ROW EXECUTE FUNCTION dien_hinh_append_only();
      CREATE TRIGGER submissions_append_only_truncate BEFORE TRUNCATE ON submissions
        FOR EACH STATEMENT EXECUTE FUNCTION dien_hinh_append_only();
      CREATE TRIGGER files_bytes_unchanged BEFORE UPDATE ON files
        FOR EACH ROW EXECUTE FUNCTION dien_hinh_append_only();

      CREATE TABLE reviews (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        submission_id text NOT NULL REFERENCES submissions(id),
        state text NOT NULL CHECK (state IN ('received', 'has-issues', 'approved', 'rejected')),
        note text NOT NULL,
        by_actor text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX reviews_submission ON reviews (submission_id, id);

      -- History: the current score of a criterion is its latest row (a NULL score clears it).
      CREATE TABLE appraisals (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        unit_id text NOT NULL REFERENCES units(id),
        year integer NOT NULL,
        criterion integer NOT NULL,
        score double precision,
        by_actor text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX appraisals_unit_year ON appraisals (year, unit_id, criterion, id);

      CREATE TABLE exceptions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        unit_id text NOT NULL REFERENCES units(id),
        year integer NOT NULL,
        stage text NOT NULL CHECK (stage IN ('registration', 'mid-year', 'final')),
        note text NOT NULL,
        by_actor text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX exceptions_unit_year ON exceptions (year, unit_id);

      CREATE TABLE calendars (
        year integer PRIMARY KEY,
        calendar jsonb NOT NULL,
        by_actor text NOT NULL,
        at timestamptz NOT NULL
      );

      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        unit_id text,
        detail text NOT NULL
      );
      CREATE INDEX audit_log_unit ON audit_log (unit_id, id);
    `,
  },
  {
    version: 2,
    name: 'unit codes; name + parent (not name alone) unique; pending unit tokens; admin token revocation; code sequences',
    sql: `
      ALTER TABLE units ADD COLUMN code text, ADD COLUMN parent_key text NOT NULL DEFAULT '',
        -- A token issued for every unit at once works beside the old one until its first use.
        ADD COLUMN pending_token_hash text UNIQUE;
      ALTER TABLE units DROP CONSTRAINT units_name_key_key;
      CREATE INDEX units_name_key ON units (name_key);

      -- The last number given per code prefix: an assigned code is never given twice.
      CREATE TABLE unit_code_sequences (
        prefix text PRIMARY KEY,
        last integer NOT NULL
      );

      ALTER TABLE admin_tokens ADD COLUMN revoked_at timestamptz;
    `,
    transform: async (client) => {
      // Codes in order of creation, as the SQLite migration gives them.
      const rows = (await client.query<{ id: string; kind: UnitKind; parent: string }>('SELECT id, kind, parent FROM units ORDER BY created_at, id')).rows;
      const last = new Map<string, number>();
      for (const row of rows) {
        const prefix = UNIT_CODE_PREFIXES[row.kind];
        const next = (last.get(prefix) ?? 0) + 1;
        last.set(prefix, next);
        await client.query('UPDATE units SET code = $1, parent_key = $2 WHERE id = $3', [assignedUnitCode(row.kind, next), parentKey(row.parent), row.id]);
      }
      for (const [prefix, n] of last) await client.query('INSERT INTO unit_code_sequences (prefix, last) VALUES ($1, $2)', [prefix, n]);
      // Only now can the code be required and (name, parent) be unique: every key is computed.
      await client.query(`ALTER TABLE units ALTER COLUMN code SET NOT NULL, ADD CONSTRAINT units_code_key UNIQUE (code);
        CREATE UNIQUE INDEX units_name_parent ON units (name_key, parent_key)`);
    },
  },
  {
    version: 3,
    name: 'intake hardening: refused files past the quota kept without their bytes, idempotency keys',
    sql: `
      -- false: a refused file past its unit's quota of refused bytes: hash, size and errors kept, bytes not stored.
      ALTER TABLE submissions ADD COLUMN file_kept boolean NOT NULL DEFAULT true;
      -- Only a kept file must be in "files": the reference moves to a column that is NULL otherwise.
      ALTER TABLE submissions DROP CONSTRAINT submissions_file;
      ALTER TABLE submissions ADD COLUMN kept_sha256 text GENERATED ALWAYS AS (CASE WHEN file_kept THEN sha256 END) STORED
        CONSTRAINT submissions_kept_file REFERENCES files(sha256);
      -- A sender's Idempotency-Key: a repeat with the same sender and key is the same submission.
      ALTER TABLE submissions ADD COLUMN sender text, ADD COLUMN idempotency_key text;
      CREATE UNIQUE INDEX submissions_idempotency ON submissions (sender, idempotency_key) WHERE idempotency_key IS NOT NULL;
      CREATE INDEX submissions_refused_kept ON submissions (unit_id) WHERE NOT valid AND file_kept;
      CREATE INDEX submissions_sha256 ON submissions (sha256);
    `,
  },
  {
    version: 4,
    name: 'document settings per year',
    sql: `
      -- The letterhead, numbers, signer and recipients of the year's .docx documents (documentSettingsSchema).
      CREATE TABLE document_settings (
        year integer PRIMARY KEY,
        settings jsonb NOT NULL,
        by_actor text NOT NULL,
        at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'unit portal: when a unit first saw a review, appraisal results published to units',
    sql: `
      -- The first time the unit opened its portal page while this review was shown (kept once).
      CREATE TABLE review_seen (
        review_id bigint PRIMARY KEY REFERENCES reviews(id),
        seen_at timestamptz NOT NULL
      );
      -- History: the unit sees its appraisal result while the latest row of unit × year says published.
      CREATE TABLE appraisal_publications (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        unit_id text NOT NULL REFERENCES units(id),
        year integer NOT NULL,
        published boolean NOT NULL,
        by_actor text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX appraisal_publications_unit_year ON appraisal_publications (year, unit_id, id);
    `,
  },
  {
    version: 6,
    name: 'board of a large year: every column consolidation reads but the JSON ones, in one covering index',
    sql: `
      -- listSubmissionSummaries lists the year from this index (an index-only scan once the
      -- append-only table is vacuumed) and finds each unit's counted final version by its keys;
      -- only the counted versions' results are read from the table.
      CREATE INDEX submissions_board ON submissions (year, unit_id, stage, version)
        INCLUDE (seq, id, valid, received_at, sha256, size, file_name, late, days_late, actor, file_kept);
    `,
  },
  {
    version: 7,
    name: 'audit log append-only',
    sql: `
      -- Who did what is never rewritten nor removed, as submissions are not (TRUNCATE included):
      -- no code path updates or deletes an audit row (migrate only inserts, restore is pg_restore's).
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION dien_hinh_append_only();
      CREATE TRIGGER audit_log_append_only_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION dien_hinh_append_only();
    `,
  },
  {
    version: 8,
    name: 'a file the same as an older version is a return to it: a new version of the same bytes',
    sql: `
      -- The same bytes again are one submission only while they are the unit's counted version (a
      -- double click, a retry): bytes of an older version sent again become a new version, a row
      -- pointing at the file already stored. The store decides that in the transaction; a race is
      -- settled by the version numbers' unique index (the loser runs again and sees the winner).
      -- Refused files stay one row per bytes and key.
      DROP INDEX submissions_same_file;
      CREATE INDEX submissions_same_file ON submissions (sha256, COALESCE(unit_id, ''), year, stage);
      CREATE UNIQUE INDEX submissions_same_refused ON submissions (sha256, COALESCE(unit_id, ''), year, stage) WHERE version IS NULL;
    `,
  },
];

/** Any constant: the advisory lock two processes starting at once take around the migrations. */
const MIGRATION_LOCK = 4_711_011;

/**
 * Brings a database up to the latest migration; returns the versions it applied. Two processes
 * starting together wait for each other (a session advisory lock), so each migration runs once.
 * Throws SchemaTooNewError when the database was migrated by a newer program.
 */
export async function migratePg(client: ClientBase, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`);
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newest > known) throw new SchemaTooNewError(newest, known);
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await migration.transform?.(client);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      done.push(migration.version);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
