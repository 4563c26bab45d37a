/**
 * Request rate limit per token (by its hash), or per address for requests without a token; and
 * failed sign-ins limited per address (a flood of made-up tokens is not limited per token).
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Store } from '../store/store';
import { problems } from '../app/errors';
import { intakeGuardText } from '../app/messages';
import { tokenHash } from '../app/tokens';
import { bearerToken } from './auth';

export function rateLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const token = bearerToken(req);
      return token ? `t:${tokenHash(token)}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (_req, _res, next) => next(problems.rateLimited()),
  });
}

/** How long failed sign-ins of an address are remembered. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Addresses remembered at most (the oldest windows are forgotten first). */
const MAX_ADDRESSES = 50_000;

/**
 * Failed sign-ins (an unknown token) per address: after `limit` in a window of 15 minutes the
 * address gets 429 `sign-in-limited` for every request until the window ends, before any token is
 * looked up (so guesses cannot go on). Each failure is written to the audit log with the address,
 * and the moment an address is blocked once; blocked requests are not written again.
 */
export class SignInGuard {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(private readonly store: Store, private readonly limit: number, private readonly log: Logger, private readonly now: () => number = Date.now) {}

  /** Middleware: refuses addresses past the limit. */
  readonly check: RequestHandler = (req, res, next) => {
    const entry = this.current(req);
    if (entry && entry.count >= this.limit) {
      const retryS = Math.ceil((entry.since + SIGN_IN_WINDOW_MS - this.now()) / 1000);
      res.setHeader('Retry-After', String(Math.max(1, retryS)));
      return next(problems.signInLimited(Math.ceil(SIGN_IN_WINDOW_MS / 60_000)));
    }
    next();
  };

  /** Counts a failed sign-in of the request's address and audits it. */
  async failed(req: Request): Promise<void> {
    const key = addressKey(req);
    const entry = this.current(req) ?? { count: 0, since: this.now() };
    entry.count++;
    this.failures.delete(key);
    this.failures.set(key, entry);
    if (this.failures.size > MAX_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
    const address = req.ip ?? 'không rõ';
    const at = new Date(this.now());
    const detail = entry.count === this.limit
      ? intakeGuardText.audit.signInLimited(address, entry.count)
      : intakeGuardText.audit.signInFailed(address);
    req.log?.warn({ address, failures: entry.count }, 'failed sign-in');
    await this.store.appendAudit(null, { by: address, at, action: entry.count === this.limit ? 'sign-in-limited' : 'sign-in-failed', detail })
      .catch((error: unknown) => this.log.error({ err: error }, 'audit of a failed sign-in not written'));
  }

  private current(req: Request): { count: number; since: number } | undefined {
    const key = addressKey(req);
    const entry = this.failures.get(key);
    if (entry && this.now() - entry.since >= SIGN_IN_WINDOW_MS) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}

/** IPv4 address, or the IPv6 /56 subnet (one host holds a whole range). */
function addressKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? '');
}
