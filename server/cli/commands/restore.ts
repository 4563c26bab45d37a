/**
 * `dien-hinh restore --from BACKUP [--data DIR]`: puts a backup (made by `dien-hinh backup`) in
 * place as a data folder. The target must be empty or absent and no server may hold it; the copy
 * is written beside it and renamed into place, then checked as `verify` does.
 */
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { backupText, postgresText } from '../../app/messages';
import { dataDirFrom } from '../../config/config';
import { dataFolderInUse, LOCK_FILE } from '../../store/lock';
import { openStore } from '../../store/open';
import { DATABASE_FILE } from '../../store/sqlite/sqliteStore';
import type { Command } from '../command';
import { parseCommandArgs, STORE_OPTIONS, storeLocation, usageError } from './serverArgs';
import { printVerifyReport } from './verify';

const USAGE = 'restore --from <thư mục sao lưu> [--data <thư mục trống>]';

export const restoreCommand: Command = {
  name: 'restore',
  usage: USAGE,
  summary: 'Khôi phục thư mục dữ liệu từ một bản sao lưu (vào thư mục trống), rồi kiểm tra như "verify".',
  async run(args) {
    const parsed = parseCommandArgs({ args, options: { ...STORE_OPTIONS, from: { type: 'string' } }, strict: true }, USAGE);
    if (!parsed) return 2;
    const where = storeLocation(parsed.values, USAGE);
    if (!where) return 2;
    if (where.databaseUrl) {
      process.stderr.write(`${postgresText.restoreWithPgRestore}\n`);
      return 1;
    }
    if (!parsed.values.from) return usageError(USAGE, backupText.restoreFromMissing);
    const from = path.resolve(parsed.values.from);
    const dataDir = dataDirFrom(parsed.values.data);
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

    const store = await openStore(dataDir);
    try {
      const report = await store.verify();
      const sound = printVerifyReport(report);
      process.stdout.write(`${backupText.restored(from, dataDir)}\n`);
      return sound ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};

export default restoreCommand;
