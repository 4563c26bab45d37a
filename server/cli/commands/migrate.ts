/**
 * `dien-hinh migrate --from <SQLite data folder> --to postgres://…`: copies a province's data
 * from the embedded store into an EMPTY PostgreSQL database, every table as it is (ids, history,
 * the audit log, tokens as their hashes, never a token itself) and every kept submitted file into
 * the database, in ONE transaction, then checks the copy: the rows of every table counted on both
 * sides, every submission's id, version and hash compared, every file hashed again by PostgreSQL.
 * The data folder is only read; its criteria sets and templates stay where they are (serve with
 * `--data` on it and `--database-url`). Exit 0 when the copy checks out, 1 otherwise.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { configText, postgresText as t } from '../../app/messages';
import { databaseUrlFrom } from '../../config/config';
import { ContentFiles } from '../../store/files';
import { dataFolderInUse, LOCK_FILE } from '../../store/lock';
import { redactDatabaseUrl } from '../../store/open';
import { migratePg } from '../../store/postgres/migrations';
import { DATABASE_FILE, FILES_DIR, SqliteStore } from '../../store/sqlite/sqliteStore';
import { defineCommand } from '../command';

type Label = keyof typeof t.migrateLabels;

/**
 * One table copied: the SQLite query (in the order rows were made), the PostgreSQL insert (its
 * columns in the same order), and how a row's values change on the way (0/1 → boolean).
 */
interface TableCopy {
  label: Label;
  source: string;
  target: string;
  /** An identity column given explicitly: its sequence is moved past the copied ids. */
  identity?: string;
  convert?: (row: unknown[]) => unknown[];
}

const bool = (v: unknown) => v === 1;

/** The tables in an order their references allow; the files are copied before the submissions. */
const TABLES: readonly TableCopy[] = [
  {
    label: 'units',
    source: 'SELECT id, code, name, name_key, parent_key, kind, parent, contact, token_hash, pending_token_hash, created_at, updated_at FROM units ORDER BY rowid',
    target: 'units (id, code, name, name_key, parent_key, kind, parent, contact, token_hash, pending_token_hash, created_at, updated_at)',
  },
  { label: 'codeSequences', source: 'SELECT prefix, last FROM unit_code_sequences ORDER BY prefix', target: 'unit_code_sequences (prefix, last)' },
  {
    label: 'adminTokens', source: 'SELECT id, label, token_hash, created_at, revoked_at FROM admin_tokens ORDER BY id',
    target: 'admin_tokens (id, label, token_hash, created_at, revoked_at)', identity: 'admin_tokens',
  },
  {
    label: 'submissions',
    source: `SELECT id, unit_id, year, stage, version, sha256, size, file_name, received_at, late, days_late, valid, result_json, errors_json,
      actor, file_kept, sender, idempotency_key FROM submissions ORDER BY rowid`,
    target: `submissions (id, unit_id, year, stage, version, sha256, size, file_name, received_at, late, days_late, valid, result, errors,
      actor, file_kept, sender, idempotency_key)`,
    convert: (r) => [...r.slice(0, 9), bool(r[9]), r[10], bool(r[11]), ...r.slice(12, 15), bool(r[15]), ...r.slice(16)],
  },
  { label: 'reviews', source: 'SELECT id, submission_id, state, note, by, at FROM reviews ORDER BY id', target: 'reviews (id, submission_id, state, note, by_actor, at)', identity: 'reviews' },
  { label: 'reviewSeen', source: 'SELECT review_id, seen_at FROM review_seen ORDER BY review_id', target: 'review_seen (review_id, seen_at)' },
  {
    label: 'appraisals', source: 'SELECT id, unit_id, year, criterion, score, by, at FROM appraisals ORDER BY id',
    target: 'appraisals (id, unit_id, year, criterion, score, by_actor, at)', identity: 'appraisals',
  },
  {
    label: 'publications', source: 'SELECT id, unit_id, year, published, by, at FROM appraisal_publications ORDER BY id',
    target: 'appraisal_publications (id, unit_id, year, published, by_actor, at)', identity: 'appraisal_publications',
    convert: (r) => [r[0], r[1], r[2], bool(r[3]), r[4], r[5]],
  },
  {
    label: 'exceptions', source: 'SELECT id, unit_id, year, stage, note, by, at FROM exceptions ORDER BY id',
    target: 'exceptions (id, unit_id, year, stage, note, by_actor, at)', identity: 'exceptions',
  },
  { label: 'calendars', source: 'SELECT year, calendar_json, by, at FROM calendars ORDER BY year', target: 'calendars (year, calendar, by_actor, at)' },
  {
    label: 'documentSettings', source: 'SELECT year, settings_json, by, at FROM document_settings ORDER BY year',
    target: 'document_settings (year, settings, by_actor, at)',
  },
  {
    label: 'audit', source: 'SELECT id, at, actor, action, unit_id, detail FROM audit_log ORDER BY id',
    target: 'audit_log (id, at, actor, action, unit_id, detail)', identity: 'audit_log',
  },
];

/** The PostgreSQL table of each copied table, for the counts. */
const TARGET_TABLE = (copy: TableCopy) => copy.target.split(' ')[0]!;
const SOURCE_TABLE: Record<Label, string> = {
  units: 'units', codeSequences: 'unit_code_sequences', adminTokens: 'admin_tokens', submissions: 'submissions', reviews: 'reviews',
  reviewSeen: 'review_seen', appraisals: 'appraisals', publications: 'appraisal_publications', exceptions: 'exceptions', calendars: 'calendars',
  documentSettings: 'document_settings', audit: 'audit_log', files: '',
};
/** Rows per INSERT statement. */
const BATCH = 200;

export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'Chuyển toàn bộ dữ liệu của một thư mục dữ liệu (SQLite) sang một cơ sở dữ liệu PostgreSQL trống, kể cả các tệp đã nộp, rồi đối chiếu số dòng và mã băm.',
  usage: ['migrate --from <thư mục dữ liệu SQLite> --to <postgres://người-dùng:mật-khẩu@máy:cổng/tên>'],
  options: {
    from: { type: 'string', value: '<thư mục>', required: true, description: 'thư mục dữ liệu SQLite cần chuyển (chỉ đọc, máy chủ phải dừng)' },
    to: {
      type: 'string', value: '<postgres://…>', required: true,
      description: 'cơ sở dữ liệu PostgreSQL TRỐNG sẽ nhận dữ liệu (tạo bằng createdb; không đọc DIEN_HINH_DATABASE_URL)',
    },
  },
  examples: [
    'dien-hinh migrate --from /srv/dien-hinh --to postgres://dienhinh:matkhau@127.0.0.1:5432/dienhinh',
    'dien-hinh serve --data /srv/dien-hinh --database-url postgres://dienhinh:matkhau@127.0.0.1:5432/dienhinh',
  ],
  notes: [
    'Dừng máy chủ đang dùng thư mục dữ liệu trước khi chuyển. Thư mục dữ liệu vẫn giữ bộ tiêu chí và mẫu văn bản: '
      + 'sau khi chuyển, chạy dịch vụ với --data trên thư mục đó và --database-url.',
    'Mã thoát: 0 đã chuyển và đối chiếu khớp; 1 có lỗi (cơ sở dữ liệu đích không trống, thư mục không có dữ liệu, không khớp); 2 sai cú pháp.',
  ],
  async run({ values }, usageError) {
    const url = databaseUrlFrom(values.to, {});
    // A blank --to is not a database either.
    if (!url.ok || url.value === undefined) return usageError(url.ok ? configText.badDatabaseUrl : url.error);
    const from = path.resolve(values.from);
    if (!existsSync(path.join(from, DATABASE_FILE))) {
      process.stderr.write(`${t.migrateFromMissing(from)}\n`);
      return 1;
    }
    if (existsSync(path.join(from, LOCK_FILE)) && dataFolderInUse(from)) {
      process.stderr.write(`${t.migrateFromInUse(from)}\n`);
      return 1;
    }
    return migrateToPostgres(from, url.value);
  },
});

/** Copies and checks; prints progress and the result in Vietnamese; returns the exit status. */
export async function migrateToPostgres(from: string, databaseUrl: string): Promise<number> {
  const shown = redactDatabaseUrl(databaseUrl);
  // The data folder at this program's schema version first (what serve would do on it).
  await (await SqliteStore.open(from)).close();
  const source = new Database(path.join(from, DATABASE_FILE), { readonly: true, fileMustExist: true });
  const files = new ContentFiles(path.join(from, FILES_DIR));
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    await migratePg(client);
    const present = await rowsInTarget(client);
    if (present > 0) {
      process.stderr.write(`${t.migrateTargetNotEmpty(shown, present)}\n`);
      return 1;
    }
    process.stdout.write(`${t.migrateStart(from, shown)}\n`);
    // One read transaction on SQLite (a consistent snapshot), one write transaction on PostgreSQL.
    source.exec('BEGIN');
    await client.query('BEGIN');
    try {
      const copied = await copyFiles(source, files, client);
      process.stdout.write(`${t.migrateStep(t.migrateLabels.files, copied)}\n`);
      for (const table of TABLES) {
        const count = await copyTable(source, client, table);
        process.stdout.write(`${t.migrateStep(t.migrateLabels[table.label], count)}\n`);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      source.exec('COMMIT');
    }
    process.stdout.write(`${t.migrateVerifying}\n`);
    const problems = await compare(source, client);
    for (const line of problems) process.stdout.write(`${line}\n`);
    if (problems.length > 0) {
      process.stdout.write(`${t.migrateFailed}\n`);
      return 1;
    }
    const kept = (source.prepare('SELECT COUNT(DISTINCT sha256) AS n FROM submissions WHERE file_kept = 1').get() as { n: number }).n;
    process.stdout.write(`${t.migrateDone(shown, kept)}\n`);
    return 0;
  } finally {
    source.close();
    await client.end();
  }
}

/** Rows in the target's tables (schema_migrations aside): 0 for an empty database. */
async function rowsInTarget(client: pg.Client): Promise<number> {
  const tables = ['files', ...TABLES.map(TARGET_TABLE)];
  const counts = await client.query<{ n: string }>(tables.map((table) => `SELECT COUNT(*) AS n FROM ${table}`).join(' UNION ALL '));
  return counts.rows.reduce((sum, r) => sum + Number(r.n), 0);
}

/** Every kept file, read from the folder and checked against its name before it is stored. */
async function copyFiles(source: Database.Database, files: ContentFiles, client: pg.Client): Promise<number> {
  const hashes = (source.prepare('SELECT DISTINCT sha256 FROM submissions WHERE file_kept = 1 ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256);
  for (const sha256 of hashes) {
    const bytes = await fs.readFile(files.pathOf(sha256));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new Error(`stored file ${sha256} hashes to ${actual}: run "dien-hinh verify --data" on the folder first`);
    await client.query('INSERT INTO files (sha256, size, bytes) VALUES ($1, $2, $3)', [sha256, bytes.length, bytes]);
  }
  return hashes.length;
}

async function copyTable(source: Database.Database, client: pg.Client, table: TableCopy): Promise<number> {
  const statement = source.prepare(table.source).raw(true);
  const columns = table.target.slice(table.target.indexOf('(') + 1, table.target.lastIndexOf(')')).split(',').length;
  const overriding = table.identity ? ' OVERRIDING SYSTEM VALUE' : '';
  let batch: unknown[][] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((_, i) => `(${Array.from({ length: columns }, (_c, j) => `$${i * columns + j + 1}`).join(', ')})`).join(', ');
    await client.query(`INSERT INTO ${table.target}${overriding} VALUES ${values}`, batch.flat());
    count += batch.length;
    batch = [];
  };
  for (const row of statement.iterate() as Iterable<unknown[]>) {
    batch.push(table.convert ? table.convert(row) : row);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (table.identity) {
    // New rows continue after the copied ids.
    await client.query(`SELECT setval(pg_get_serial_sequence('${table.identity}', 'id'), COALESCE((SELECT MAX(id) FROM ${table.identity}), 0) + 1, false)`);
  }
  return count;
}

/** What differs between the folder and the database: counts, submissions (id, version, hash), file hashes. */
async function compare(source: Database.Database, client: pg.Client): Promise<string[]> {
  const problems: string[] = [];
  for (const table of TABLES) {
    const expected = (source.prepare(`SELECT COUNT(*) AS n FROM ${SOURCE_TABLE[table.label]}`).get() as { n: number }).n;
    const found = Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${TARGET_TABLE(table)}`)).rows[0]!.n);
    if (expected !== found) problems.push(t.migrateMismatch(t.migrateLabels[table.label], expected, found));
  }
  const key = (r: { id: string; version: number | null; sha256: string; file_kept: number | boolean }) => `${r.id}/${r.version}/${r.sha256}/${Number(r.file_kept)}`;
  const expected = (source.prepare('SELECT id, version, sha256, file_kept FROM submissions ORDER BY rowid').all() as { id: string; version: number | null; sha256: string; file_kept: number }[]).map(key);
  const found = (await client.query<{ id: string; version: number | null; sha256: string; file_kept: boolean }>('SELECT id, version, sha256, file_kept FROM submissions ORDER BY seq')).rows.map(key);
  if (expected.join('\n') !== found.join('\n')) problems.push(t.migrateMismatch(t.migrateLabels.submissions, expected.length, found.length));
  const kept = (source.prepare('SELECT DISTINCT sha256 FROM submissions WHERE file_kept = 1 ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256);
  const stored = new Map((await client.query<{ sha256: string; actual: string }>("SELECT sha256, encode(sha256(bytes), 'hex') AS actual FROM files")).rows
    .map((r) => [r.sha256, r.actual]));
  if (stored.size !== kept.length) problems.push(t.migrateMismatch(t.migrateLabels.files, kept.length, stored.size));
  for (const sha256 of kept) if (stored.get(sha256) !== sha256) problems.push(t.migrateFileMismatch(sha256));
  return problems;
}

export default migrateCommand;
