/**
 * `dien-hinh serve [--port 3000] [--host 127.0.0.1] [--data DIR] [--https|--http] …` (npm start):
 * the sync service. Prints its URL, and `admin token: …` on the first start of a data folder.
 * Stops gracefully on SIGTERM / SIGINT.
 */
import { intakeGuardText, postgresText, serveText } from '../../app/messages';
import { SERVE_OPTIONS, serveConfig } from '../../config/config';
import { createLogger } from '../../config/logger';
import { DataFolderLockedError, startService } from '../../http/service';
import { redactDatabaseUrl } from '../../store/open';
import { defineCommand } from '../command';
import { loadRegistryOrReport, storeOpenProblem } from '../store';

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'Chạy máy chủ thu nhận và tổng hợp (API, trang tổng hợp tại /, ngăn tác vụ Excel tại /addin/, trang đơn vị tại /don-vi/).',
  usage: ['serve [--port 3000] [--host 127.0.0.1] [--data <thư mục>] [--database-url <postgres://…>] [--https | --http] [--cert <tệp> --key <tệp>] [tuỳ chọn khác…]'],
  options: SERVE_OPTIONS,
  examples: [
    'dien-hinh serve --data /srv/dien-hinh',
    'dien-hinh serve --data /srv/dien-hinh --database-url postgres://dienhinh:matkhau@127.0.0.1:5432/dienhinh',
    'dien-hinh serve --host 0.0.0.0 --port 443 --https --cert /etc/ssl/dienhinh.crt --key /etc/ssl/dienhinh.key --data /srv/dien-hinh',
  ],
  notes: ['Lần chạy đầu trên một thư mục dữ liệu in mã quản trị ("admin token: …") MỘT lần. Dừng bằng Ctrl+C hoặc SIGTERM (chờ các yêu cầu đang xử lý xong).'],
  async run({ values }, usageError) {
    const parsed = serveConfig(values);
    if (!parsed.ok) return usageError(parsed.error);
    const config = parsed.value;
    const log = createLogger(config.logLevel);
    // One invalid set file in the data folder stops the start: scoring against half the sets would be wrong silently.
    const registry = loadRegistryOrReport(config.dataDir);
    if (!registry) return 1;

    let service;
    try {
      service = await startService(config, registry, log);
    } catch (error) {
      const problem = storeOpenProblem(config, error);
      if (problem !== undefined) {
        process.stderr.write(`${problem}\n`);
        return 1;
      }
      if (error instanceof DataFolderLockedError) {
        process.stderr.write(`${intakeGuardText.dataFolderLocked(config.dataDir)}\n`);
        return 1;
      }
      const unwritable = dataFolderProblem(error);
      if (unwritable) {
        process.stderr.write(`${intakeGuardText.dataFolderReadOnly(config.dataDir, unwritable)}\n`);
        return 1;
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        process.stderr.write(`${serveText.cannotListen(config.host, config.port, code)}\n`);
        return 1;
      }
      throw error;
    }

    const out: string[] = [serveText.listening(service.url), serveText.dataDir(config.dataDir), serveText.sets(registry.all().length)];
    if (config.databaseUrl) out.splice(2, 0, postgresText.database(redactDatabaseUrl(config.databaseUrl)));
    if (service.adminToken) out.push(serveText.adminToken(service.adminToken), serveText.adminTokenNote);
    if (!config.tls) out.push(serveText.httpHint);
    process.stdout.write(`${out.join('\n')}\n`);
    log.info({ url: service.url, dataDir: config.dataDir }, 'listening');

    return new Promise<number>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.stdout.write(`${serveText.stopping}\n`);
        log.info({ signal }, 'stopping');
        service.stop().then(
          () => {
            process.stdout.write(`${serveText.stopped}\n`);
            log.flush();
            resolve(0);
          },
          (error: unknown) => {
            log.error({ err: error }, 'error while stopping');
            log.flush();
            resolve(1);
          },
        );
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
  },
});

/** The error's code when it means the data folder cannot be written (read-only, full, no permission). */
function dataFolderProblem(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const folder = ['EACCES', 'EROFS', 'EPERM', 'ENOSPC', 'EDQUOT'].includes(code);
  const sqlite = /^SQLITE_(READONLY|CANTOPEN|FULL|IOERR|PERM)/u.test(code);
  return folder || sqlite ? code : undefined;
}

export default serveCommand;
