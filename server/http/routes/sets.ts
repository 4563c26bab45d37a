/**
 * One criteria set in full (any token):
 *   GET /api/sets/:id?version=   criteriaSetSchema: criteria with groups, titles, points, hard flags
 * The console's review panel reads the criterion titles from it; GET /api/sets lists the sets.
 */
import { Router } from 'express';
import type { AppContext } from '../../app/context';
import { problems } from '../../app/errors';
import { queryString } from '../validate';

export function setDetailRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/sets/:id', (req, res) => {
    const id = String(req.params.id);
    const version = queryString(req, 'version');
    const set = ctx.registry.find(id, version);
    if (!set) throw problems.setNotFound(id, version);
    res.json(set);
  });
  return router;
}
