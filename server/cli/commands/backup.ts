/**
 * `dien-hinh backup --data DIR --out DIR`: a consistent copy of a data folder while the server
 * runs — the database through SQLite's online backup API, then every stored file. The copy is
 * itself a data folder: restore by serving it (`--data`) or by copying it back while stopped.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cliServerText, postgresText } from '../../app/messages';
import { redactDatabaseUrl } from '../../store/open';
import { DATA_OPTION, DATABASE_URL_OPTION, defineCommand } from '../command';
import { dataFolderMissing, storeLocation, withCommandStore } from '../store';

export const backupCommand = defineCommand({
  name: 'backup',
  summary: 'Sao lưu toàn bộ thư mục dữ liệu (cơ sở dữ liệu, các tệp đã nộp, bộ tiêu chí, cài đặt, mẫu…) khi máy chủ đang chạy; khôi phục bằng "dien-hinh restore".',
  usage: ['backup --out <thư mục trống> [--data <thư mục>]'],
  options: {
    out: { type: 'string', value: '<thư mục trống>', required: true, description: 'thư mục trống (hoặc chưa có) để ghi bản sao lưu' },
    data: DATA_OPTION,
    'database-url': DATABASE_URL_OPTION,
  },
  examples: ['dien-hinh backup --data /srv/dien-hinh --out /mnt/sao-luu/2026-12-04'],
  notes: ['Dữ liệu trong PostgreSQL (--database-url) không sao lưu bằng lệnh này: dùng pg_dump và pg_restore (xem README, mục PostgreSQL).'],
  async run({ values }, usageError) {
    const where = storeLocation(values, usageError);
    if (!where) return 2;
    // PostgreSQL: the server's own tools copy the database, files included.
    if (where.databaseUrl) {
      process.stderr.write(`${postgresText.backupWithPgDump(redactDatabaseUrl(where.databaseUrl))}\n`);
      return 1;
    }
    const out = path.resolve(values.out);
    if (dataFolderMissing(where)) return 1;
    if (existsSync(out) && readdirSync(out).length > 0) {
      process.stderr.write(`${cliServerText.backupNotEmpty(out)}\n`);
      return 1;
    }
    return withCommandStore(where, async (store) => {
      const copied = await store.backup(out);
      process.stdout.write(`${cliServerText.backupDone(out, copied)}\n`);
      return 0;
    });
  },
});

export default backupCommand;
