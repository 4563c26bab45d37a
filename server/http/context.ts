/** What the HTTP layer attaches to a request: its logger and who is calling. */
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Actor } from '../app/context';
import { AppError } from '../app/errors';
import { msg } from '../app/messages';

declare module 'express-serve-static-core' {
  interface Request {
    log?: Logger;
    actor?: Actor;
  }
}

/** The authenticated caller (set by `authenticate`). */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw new AppError('unauthorized', msg.tokenMissing);
  return req.actor;
}
