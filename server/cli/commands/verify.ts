/**
 * `dien-hinh verify [--data DIR] [--sweep] [--min-age-hours 24]`: the database's integrity check,
 * every kept submission's file present and hashing to its name, and the orphan files (stored, no
 * row points at them) listed; `--sweep` removes orphans older than the minimum age. Safe while the
 * server runs: it reads, and the sweep spares young files (an intake between storing its file and
 * committing its row) and checks each file's row again just before removing it.
 * Exit 0 when sound, 1 when a file is missing or corrupt or the database is damaged.
 */
import { backupText } from '../../app/messages';
import type { VerifyReport } from '../../store/store';
import { DATA_OPTION, DATABASE_URL_OPTION, defineCommand } from '../command';
import { dataFolderMissing, storeLocation, withCommandStore } from '../store';

export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'Kiểm tra thư mục dữ liệu: cơ sở dữ liệu nguyên vẹn, mọi tệp đã nộp còn và đúng mã băm, liệt kê tệp thừa (--sweep để xoá); chạy được khi máy chủ đang chạy.',
  usage: ['verify [--data <thư mục>] [--database-url <postgres://…>] [--sweep] [--min-age-hours 24]'],
  options: {
    data: DATA_OPTION,
    'database-url': DATABASE_URL_OPTION,
    sweep: { type: 'boolean', description: 'xoá các tệp thừa cũ hơn --min-age-hours' },
    'min-age-hours': { type: 'string', value: '<giờ>', default: '24', description: 'chỉ xoá tệp thừa cũ hơn số giờ này (tránh tệp đang được nhận)' },
  },
  examples: ['dien-hinh verify --data /srv/dien-hinh', 'dien-hinh verify --data /srv/dien-hinh --sweep --min-age-hours 48'],
  notes: ['Mã thoát: 0 thư mục dữ liệu toàn vẹn; 1 thiếu hoặc hỏng tệp, cơ sở dữ liệu lỗi; 2 sai cú pháp.'],
  async run({ values }, usageError) {
    const hours = Number(values['min-age-hours']);
    if (!Number.isFinite(hours) || hours < 0) return usageError(backupText.badMinAge(values['min-age-hours']));
    const where = storeLocation(values, usageError);
    if (!where) return 2;
    if (dataFolderMissing(where)) return 1;
    return withCommandStore(where, async (store) => {
      const sound = printVerifyReport(await store.verify());
      if (values.sweep) {
        const removed = await store.sweepOrphans(hours * 3_600_000);
        process.stdout.write(`${backupText.swept(removed.length, hours)}\n`);
      }
      return sound ? 0 : 1;
    });
  },
});

/** Prints a verify report; true when the data folder is sound (orphans are harmless). */
export function printVerifyReport(report: VerifyReport): boolean {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
  const lines = [backupText.verifyIntegrity(report.integrity), backupText.verifyChecked(report.checked)];
  for (const m of report.missing) lines.push(backupText.verifyMissing(m.submissionId, m.sha256));
  for (const c of report.corrupt) lines.push(backupText.verifyCorrupt(c.sha256));
  lines.push(backupText.verifyOrphans(report.orphans.length, mb(report.orphans.reduce((n, o) => n + o.size, 0))));
  for (const o of report.orphans) lines.push(backupText.verifyOrphan(o.sha256, mb(o.size)));
  const sound = report.integrity.length === 1 && report.integrity[0] === 'ok' && report.missing.length === 0 && report.corrupt.length === 0;
  lines.push(sound ? backupText.verifyOk : backupText.verifyFailed);
  process.stdout.write(`${lines.join('\n')}\n`);
  return sound;
}

export default verifyCommand;
