/**
 * The sync service's settings: command-line flags first, then environment variables, then
 * defaults. Every setting is listed here once, with its flag and variable.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { err, ok, type Result } from '../../shared/util/result';
import { defaultDocumentSettings } from '../../shared/documents/settings';
import { configText } from '../app/messages';
import { DATA_OPTION, DATABASE_URL_OPTION, type OptionSpecs, type OptionValues } from '../cli/command';
import { defaultWebDir } from './paths';

/** Where a year's document settings start: the --issuing-body and --place defaults are theirs. */
const DOCUMENT_DEFAULTS = defaultDocumentSettings();

export interface TlsFiles {
  cert: string;
  key: string;
}

export interface ServerConfig {
  dataDir: string;
  /** PostgreSQL instead of SQLite in the data folder (`postgres://…`); undefined: SQLite. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  /** Certificate and key when serving HTTPS. */
  tls: TlsFiles | undefined;
  /** Origins allowed by CORS besides the server's own (default https://localhost:3000). */
  corsOrigins: string[];
  /** Requests per minute per token (or per address without a token). */
  rateLimitPerMinute: number;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
  reader: { size: number | undefined; timeoutMs: number; maxOldGenerationSizeMb: number };
  /** Where webpack put the console and the task pane (dist/web). */
  webDir: string;
  logLevel: string;
  /** For the summary document: the issuing body and the place it is signed. */
  issuingBody: string | undefined;
  place: string;
  /** Intake under abuse: refused bytes kept per unit, uploads at once per token, bytes waiting for a reader, failed sign-ins per address. */
  intake: { refusedQuotaBytes: number; uploadsPerToken: number; maxQueuedBytes: number; signInFailures: number };
}

export const DEFAULT_DATA_DIR = './data';
export const DEV_CERT_DIR = path.join(os.homedir(), '.office-addin-dev-certs');

/** Flags every command that touches a data folder accepts. */
export function dataDirFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(flag ?? env.DIEN_HINH_DATA ?? DEFAULT_DATA_DIR);
}

/**
 * The PostgreSQL database to use instead of SQLite in the data folder: `--database-url`, else
 * DIEN_HINH_DATABASE_URL, else undefined (SQLite). Only postgres:// and postgresql:// URLs.
 */
export function databaseUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Result<string | undefined, string> {
  const url = (flag ?? env.DIEN_HINH_DATABASE_URL ?? '').trim();
  if (url === '') return ok(undefined);
  if (!/^postgres(ql)?:\/\//u.test(url)) return err(configText.badDatabaseUrl);
  return ok(url);
}

/**
 * The flags of `dien-hinh serve`, declared once: the parser and `dien-hinh serve --help` read
 * them. Each variable named here is read when its flag is absent.
 */
export const SERVE_OPTIONS = {
  data: DATA_OPTION,
  'database-url': DATABASE_URL_OPTION,
  port: { type: 'string', value: '<cổng>', env: 'PORT', description: 'cổng lắng nghe', defaultNote: '3000' },
  host: { type: 'string', value: '<địa chỉ>', env: 'DIEN_HINH_HOST', description: 'địa chỉ lắng nghe', defaultNote: '127.0.0.1; 0.0.0.0 để máy khác truy cập' },
  https: { type: 'boolean', description: 'bắt buộc HTTPS (hoặc DIEN_HINH_HTTPS=1); mặc định HTTPS khi có chứng chỉ' },
  http: { type: 'boolean', description: 'chạy HTTP dù có chứng chỉ (hoặc DIEN_HINH_HTTPS=0)' },
  cert: { type: 'string', value: '<tệp>', env: 'DIEN_HINH_TLS_CERT', description: 'chứng chỉ HTTPS', defaultNote: '~/.office-addin-dev-certs/localhost.crt' },
  key: { type: 'string', value: '<tệp>', env: 'DIEN_HINH_TLS_KEY', description: 'khoá riêng của chứng chỉ HTTPS', defaultNote: '~/.office-addin-dev-certs/localhost.key' },
  'cors-origin': {
    type: 'string', value: '<origin>', multiple: true, description: 'origin được gọi API ngoài chính máy chủ (thêm DIEN_HINH_CORS_ORIGINS, cách nhau dấu phẩy)',
  },
  'rate-limit': { type: 'string', value: '<yêu cầu/phút>', env: 'DIEN_HINH_RATE_LIMIT', description: 'số yêu cầu mỗi phút cho mỗi mã', defaultNote: '600' },
  'max-upload-mb': { type: 'string', value: '<MB>', env: 'DIEN_HINH_MAX_UPLOAD_MB', description: 'tệp nộp lớn nhất', defaultNote: '20' },
  readers: { type: 'string', value: '<N>', env: 'DIEN_HINH_READERS', description: 'số tiến trình đọc tệp song song', defaultNote: 'bằng số nhân CPU, tối đa 4' },
  'read-timeout-ms': { type: 'string', value: '<ms>', env: 'DIEN_HINH_READ_TIMEOUT_MS', description: 'thời gian tối đa đọc một tệp', defaultNote: '10000' },
  'reader-memory-mb': { type: 'string', value: '<MB>', env: 'DIEN_HINH_READER_MEMORY_MB', description: 'bộ nhớ tối đa của mỗi tiến trình đọc', defaultNote: '256' },
  'log-level': { type: 'string', value: '<mức>', env: 'DIEN_HINH_LOG_LEVEL', description: 'mức ghi nhật ký: fatal, error, warn, info, debug', defaultNote: 'info' },
  'issuing-body': { type: 'string', value: '<tên>', env: 'DIEN_HINH_ISSUING_BODY', description: 'cơ quan ban hành ghi trên văn bản', defaultNote: DOCUMENT_DEFAULTS.issuingBody },
  place: { type: 'string', value: '<địa danh>', env: 'DIEN_HINH_PLACE', description: 'địa danh ghi trên văn bản', defaultNote: DOCUMENT_DEFAULTS.place },
  'refused-quota-mb': {
    type: 'string', value: '<MB>', env: 'DIEN_HINH_REFUSED_QUOTA_MB', description: 'dung lượng lưu tệp bị từ chối của mỗi đơn vị', defaultNote: '50',
  },
  'uploads-per-token': { type: 'string', value: '<N>', env: 'DIEN_HINH_UPLOADS_PER_TOKEN', description: 'số tệp gửi cùng lúc của một mã', defaultNote: '4' },
  'max-queued-mb': { type: 'string', value: '<MB>', env: 'DIEN_HINH_MAX_QUEUED_MB', description: 'dung lượng tệp chờ đọc tối đa', defaultNote: '512' },
  'sign-in-failures': {
    type: 'string', value: '<N>', env: 'DIEN_HINH_SIGN_IN_FAILURES', description: 'số lần đăng nhập sai trước khi tạm chặn một địa chỉ', defaultNote: '20',
  },
} as const satisfies OptionSpecs;

/** `dien-hinh serve`'s flags (parsed by ../cli/command.ts) and the other DIEN_HINH_* variables as settings; a bad value is a Vietnamese message. */
export function serveConfig(values: OptionValues<typeof SERVE_OPTIONS>, env: NodeJS.ProcessEnv = process.env): Result<ServerConfig, string> {
  const flags = values as Record<string, string | boolean | string[] | undefined>;
  const text = (flag: string, variable: string): string | undefined => (flags[flag] as string | undefined) ?? env[variable];
  const problems: string[] = [];
  const integer = (flag: string, variable: string, fallback: number, min: number, max: number): number => {
    const raw = text(flag, variable);
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) problems.push(configText.badNumber(`--${flag}`, raw, min, max));
    return value;
  };

  const port = integer('port', 'PORT', 3000, 0, 65535);
  const rateLimitPerMinute = integer('rate-limit', 'DIEN_HINH_RATE_LIMIT', 600, 1, 10_000_000);
  const maxUploadMb = integer('max-upload-mb', 'DIEN_HINH_MAX_UPLOAD_MB', 20, 1, 1024);
  const readers = text('readers', 'DIEN_HINH_READERS') === undefined ? undefined : integer('readers', 'DIEN_HINH_READERS', 2, 1, 64);
  const timeoutMs = integer('read-timeout-ms', 'DIEN_HINH_READ_TIMEOUT_MS', 10_000, 100, 600_000);
  const memoryMb = integer('reader-memory-mb', 'DIEN_HINH_READER_MEMORY_MB', 256, 32, 8192);
  const refusedQuotaMb = integer('refused-quota-mb', 'DIEN_HINH_REFUSED_QUOTA_MB', 50, 0, 1_000_000);
  const uploadsPerToken = integer('uploads-per-token', 'DIEN_HINH_UPLOADS_PER_TOKEN', 4, 1, 1000);
  const maxQueuedMb = integer('max-queued-mb', 'DIEN_HINH_MAX_QUEUED_MB', 512, 1, 1_000_000);
  const signInFailures = integer('sign-in-failures', 'DIEN_HINH_SIGN_IN_FAILURES', 20, 1, 1_000_000);

  let tls: TlsFiles | undefined;
  const cert = text('cert', 'DIEN_HINH_TLS_CERT') ?? path.join(DEV_CERT_DIR, 'localhost.crt');
  const key = text('key', 'DIEN_HINH_TLS_KEY') ?? path.join(DEV_CERT_DIR, 'localhost.key');
  const wantHttps = values.https === true || env.DIEN_HINH_HTTPS === '1';
  const forceHttp = values.http === true || env.DIEN_HINH_HTTPS === '0';
  if (wantHttps && forceHttp) problems.push(configText.httpAndHttps);
  const certsExist = existsSync(cert) && existsSync(key);
  if (wantHttps && !certsExist) problems.push(configText.certMissing(cert, key));
  if (!forceHttp && certsExist) tls = { cert, key };

  const corsList = [
    ...(values['cors-origin'] ?? []),
    ...(env.DIEN_HINH_CORS_ORIGINS ?? '').split(','),
  ].flatMap((o) => o.split(',')).map((o) => o.trim()).filter((o) => o !== '');

  const databaseUrl = databaseUrlFrom(values['database-url'], env);
  if (!databaseUrl.ok) problems.push(databaseUrl.error);

  if (problems.length > 0 || !databaseUrl.ok) return err(problems.join('\n'));
  return ok({
    dataDir: dataDirFrom(values.data, env),
    databaseUrl: databaseUrl.value,
    host: text('host', 'DIEN_HINH_HOST') ?? '127.0.0.1',
    port,
    tls,
    corsOrigins: corsList.length > 0 ? corsList : ['https://localhost:3000'],
    rateLimitPerMinute,
    maxUploadBytes: maxUploadMb * 1024 * 1024,
    reader: { size: readers, timeoutMs, maxOldGenerationSizeMb: memoryMb },
    webDir: defaultWebDir(),
    logLevel: text('log-level', 'DIEN_HINH_LOG_LEVEL') ?? 'info',
    issuingBody: text('issuing-body', 'DIEN_HINH_ISSUING_BODY'),
    place: text('place', 'DIEN_HINH_PLACE') ?? DOCUMENT_DEFAULTS.place,
    intake: {
      refusedQuotaBytes: refusedQuotaMb * 1024 * 1024,
      uploadsPerToken,
      maxQueuedBytes: maxQueuedMb * 1024 * 1024,
      signInFailures,
    },
  });
}
