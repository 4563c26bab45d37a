/**
 * `dien-hinh backup --data DIR --out DIR`: a consistent copy of a data folder while the server
 * runs — the database through SQLite's online backup API, then every stored file. The copy is
 * itself a data folder: restore by serving it (`--data`) or by copying it back while stopped.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cliServerText, postgresText } from '../../app/messages';
import { openStore, redactDatabaseUrl } from '../../store/open';
import { DATABASE_FILE } from '../../store/sqlite/sqliteStore';
import type { Command } from '../command';
import { parseCommandArgs, STORE_OPTIONS, storeLocation, usageError } from './serverArgs';

const USAGE = 'backup --out <thư mục trống> [--data <thư mục>]';

export const backupCommand: Command = {
  name: 'backup',
  usage: USAGE,
  summary: 'Sao lưu toàn bộ thư mục dữ liệu (cơ sở dữ liệu, các tệp đã nộp, bộ tiêu chí, cài đặt, mẫu…) khi máy chủ đang chạy; khôi phục bằng "dien-hinh restore".',
  async run(args) {
    const parsed = parseCommandArgs({ args, options: { ...STORE_OPTIONS, out: { type: 'string' } }, strict: true }, USAGE);
    if (!parsed) return 2;
    const { values } = parsed;
    const where = storeLocation(values, USAGE);
    if (!where) return 2;
    // PostgreSQL: the server's own tools copy the database, files included.
    if (where.databaseUrl) {
      process.stderr.write(`${postgresText.backupWithPgDump(redactDatabaseUrl(where.databaseUrl))}\n`);
      return 1;
    }
    if (!values.out) return usageError(USAGE, cliServerText.backupOutMissing);
    const { dataDir } = where;
    const out = path.resolve(values.out);
    if (!existsSync(path.join(dataDir, DATABASE_FILE))) {
      process.stderr.write(`${cliServerText.dataMissing(dataDir)}\n`);
      return 1;
    }
    if (existsSync(out) && readdirSync(out).length > 0) {
      process.stderr.write(`${cliServerText.backupNotEmpty(out)}\n`);
      return 1;
    }
    const store = await openStore(dataDir);
    try {
      const copied = await store.backup(out);
      process.stdout.write(`${cliServerText.backupDone(out, copied)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

export default backupCommand;
