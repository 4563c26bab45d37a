/**
 * `dien-hinh serve [--port 3000] [--host 127.0.0.1] [--data DIR] [--https|--http] …` (npm start):
 * the sync service. Prints its URL, and `admin token: …` on the first start of a data folder.
 * Stops gracefully on SIGTERM / SIGINT.
 */
import { intakeGuardText, postgresText, serveText } from '../../app/messages';
import { serveConfig } from '../../config/config';
import { createLogger } from '../../config/logger';
import { loadCriteriaRegistry } from '../../criteria/registry';
import { SchemaTooNewError } from '../../store/sqlite/migrations';
import { DataFolderLockedError, startService } from '../../http/service';
import { redactDatabaseUrl } from '../../store/open';
import { connectionProblem } from '../../store/postgres/pgStore';
import type { Command } from '../command';
import { usageError } from './serverArgs';

const USAGE = 'serve [--port 3000] [--host 127.0.0.1] [--data <thư mục>] [--database-url postgres://…] [--https | --http] [--cert <tệp> --key <tệp>] '
  + '[--cors-origin <origin>] [--rate-limit <yêu cầu/phút>] [--max-upload-mb 20] [--readers N] [--read-timeout-ms 10000] [--log-level info]';

export const serveCommand: Command = {
  name: 'serve',
  usage: USAGE,
  summary: 'Chạy máy chủ thu nhận và tổng hợp (API, trang tổng hợp tại /, ngăn tác vụ Excel tại /addin/).',
  async run(args) {
    const parsed = serveConfig(args);
    if (!parsed.ok) return usageError(USAGE, parsed.error);
    const config = parsed.value;
    const log = createLogger(config.logLevel);
    // One invalid set file in the data folder stops the start: scoring against half the sets would be wrong silently.
    const loaded = loadCriteriaRegistry(config.dataDir);
    if (!loaded.ok) {
      process.stderr.write(`${serveText.setsProblems(loaded.error)}\n`);
      return 1;
    }
    const registry = loaded.value;

    let service;
    try {
      service = await startService(config, registry, log);
    } catch (error) {
      if (error instanceof SchemaTooNewError) {
        const text = config.databaseUrl ? postgresText.schemaTooNew(error.found, error.known) : serveText.schemaTooNew(error.found, error.known);
        process.stderr.write(`${text}\n`);
        return 1;
      }
      const database = config.databaseUrl && connectionProblem(error);
      if (config.databaseUrl && database) {
        process.stderr.write(`${postgresText.cannotConnect(redactDatabaseUrl(config.databaseUrl), database)}\n`);
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
};

/** The error's code when it means the data folder cannot be written (read-only, full, no permission). */
function dataFolderProblem(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const folder = ['EACCES', 'EROFS', 'EPERM', 'ENOSPC', 'EDQUOT'].includes(code);
  const sqlite = /^SQLITE_(READONLY|CANTOPEN|FULL|IOERR|PERM)/u.test(code);
  return folder || sqlite ? code : undefined;
}

export default serveCommand;
