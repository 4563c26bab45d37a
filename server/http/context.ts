/** What the HTTP layer attaches to a request: its logger and who is calling. */
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Actor } from '../app/context';
import { problems } from '../app/errors';

declare module 'express-serve-static-core' {
  interface Request {
    log?: Logger;
    actor?: Actor;
  }
}

/** The authenticated caller (set by `authenticate`). */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw problems.tokenMissing();
  return req.actor;
}
