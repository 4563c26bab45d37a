/** Structured logs (pino, JSON lines) on stderr; stdout stays for what commands print for people and scripts. */
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { service: 'dien-hinh' },
      // Belt and braces: tokens are never logged, and a header that slipped into a log is cut.
      redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'token'], censor: '[ẩn]' },
    },
    pino.destination({ fd: 2, sync: false }),
  );
}
