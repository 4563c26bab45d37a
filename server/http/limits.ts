/** Request rate limit per token (by its hash), or per address for requests without a token. */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../app/errors';
import { msg } from '../app/messages';
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
    handler: (_req, _res, next) => next(new AppError('rate-limited', msg.rateLimited)),
  });
}
