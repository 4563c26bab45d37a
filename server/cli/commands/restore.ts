/**
 * `dien-hinh restore --from BACKUP [--data DIR]`: puts a backup (made by `dien-hinh backup`) in
 * place as a data folder. The target must be empty or absent and no server may hold it; the copy
 * is written beside it and renamed into place, then checked as `verify` does.
 */
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { backupText, postgresText } from '../../app/messages';
import { dataFolderInUse, LOCK_FILE } from '../../store/lock';
import { DATABASE_FILE } from '../../store/sqlite/sqliteStore';
import { DATA_OPTION, DATABASE_URL_OPTION, defineCommand } from '../command';
import { storeLocation, withCommandStore } from '../store';
import { printVerifyReport } from './verify';

export const restoreCommand = defineCommand({
  name: 'restore',
  summary: 'Khôi phục thư mục dữ liệu từ một bản sao lưu (vào thư mục trống), rồi kiểm tra như "verify".',
  usage: ['restore --from <thư mục sao lưu> [--data <thư mục trống>]'],
  options: {
    from: { type: 'string', value: '<thư mục sao lưu>', required: true, description: 'bản sao lưu do "dien-hinh backup" tạo' },
    data: { ...DATA_OPTION, value: '<thư mục trống>', description: 'thư mục dữ liệu sẽ khôi phục vào, phải trống hoặc chưa có', defaultNote: './data' },
    'database-url': { ...DATABASE_URL_OPTION, description: 'không dùng với lệnh này: PostgreSQL khôi phục bằng pg_restore (xem README, mục PostgreSQL)' },
  },
  examples: ['dien-hinh restore --from /mnt/sao-luu/2026-12-04 --data /srv/dien-hinh'],
  notes: ['Dừng máy chủ đang dùng thư mục dữ liệu trước khi khôi phục. Mã thoát: 0 khôi phục xong và dữ liệu toàn vẹn; 1 có lỗi; 2 sai cú pháp.'],
  async run({ values }, usageError) {
    const where = storeLocation(values, usageError);
    if (!where) return 2;
    if (where.databaseUrl) {
      process.stderr.write(`${postgresText.restoreWithPgRestore}\n`);
      return 1;
    }
    const from = path.resolve(values.from);
    const { dataDir } = where;
    if (!existsSync(path.join(from, DATABASE_FILE))) {
      process.stderr.write(`${backupText.notABackup(from)}\n`);
      return 1;
    }
    if (existsSync(dataDir)) {
      if (existsSync(path.join(dataDir, LOCK_FILE)) && dataFolderInUse(dataDir)) {
        process.stderr.write(`${backupText.serverRunning(dataDir)}\n`);
        return 1;
      }
      if (readdirSync(dataDir).some((entry) => entry !== LOCK_FILE)) {
        process.stderr.write(`${backupText.restoreTargetNotEmpty(dataDir)}\n`);
        return 1;
      }
    }
    // Beside the target, then one rename: a restore cut short leaves no half data folder.
    const staging = `${dataDir}.restoring-${process.pid}`;
    await fs.rm(staging, { recursive: true, force: true });
    await fs.cp(from, staging, { recursive: true, errorOnExist: true, force: false });
    await fs.rm(path.join(staging, LOCK_FILE), { force: true });
    if (existsSync(dataDir)) await fs.rm(dataDir, { recursive: true });
    await fs.rename(staging, dataDir);

    return withCommandStore(where, async (store) => {
      const sound = printVerifyReport(await store.verify());
      process.stdout.write(`${backupText.restored(from, dataDir)}\n`);
      return sound ? 0 : 1;
    });
  },
});

export default restoreCommand;
