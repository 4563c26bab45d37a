/**
 * `Authorization: Bearer <token>`: an admin token (provincial staff) or a unit token. Only the
 * token's SHA-256 is looked up and logged-about; the token itself is never logged.
 * 401: no token or an unknown one; 403: a unit token on an admin route.
 */
import type { Request, RequestHandler } from 'express';
import type { Store } from '../store/store';
import { problems } from '../app/errors';
import { tokenHash } from '../app/tokens';
import type { SignInGuard } from './limits';

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/iu.exec(header);
  return match ? match[1] : undefined;
}

/** `guard` counts and audits unknown tokens per address (see limits.ts). */
export function authenticate(store: Store, guard?: SignInGuard): RequestHandler {
  return (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) {
      next(problems.tokenMissing());
      return;
    }
    const hash = tokenHash(token);
    resolveActor(store, hash).then((actor) => {
      if (!actor) {
        const refuse = () => next(problems.tokenUnknown());
        if (guard) guard.failed(req).then(refuse, refuse);
        else refuse();
        return;
      }
      req.actor = actor;
      req.log = req.log?.child({ actor: actor.kind === 'admin' ? `admin:${actor.label}` : `unit:${actor.unit.id}` });
      next();
    }, next);
  };
}

async function resolveActor(store: Store, hash: string) {
  const label = await store.adminLabelByTokenHash(hash);
  if (label !== undefined) return { kind: 'admin', label } as const;
  const unit = await store.unitByTokenHash(hash);
  return unit ? ({ kind: 'unit', unit } as const) : undefined;
}

export const requireAdmin: RequestHandler = (req, _res, next) => {
  next(req.actor?.kind === 'admin' ? undefined : problems.adminOnly());
};
