/**
 * The unit portal's routes. A unit token reads only its own unit (the token decides the unit;
 * no route takes a unit id from a unit's caller):
 *   GET /api/unit?year=                      the unit's page (UnitPageResponse); marks reviews seen
 *   GET /api/unit/workbook.xlsx?set=&year=   its pre-filled scoring workbook
 * and, for provincial staff (admin token):
 *   PUT /api/units/:code/appraisal/publication?year= {published}: show the appraisal result to the unit
 * Uploads use POST /api/submissions (a unit token may send only its own unit's workbook).
 */
import { Router, type Request } from 'express';
import { appraisalPublicationRequestSchema } from '../../../shared/api/schemas';
import type { UnitRecord } from '../../store/store';
import type { AppContext } from '../../app/context';
import { problems } from '../../app/errors';
import { portalWorkbook, publishAppraisal, unitPage } from '../../app/portal';
import { requireAdmin } from '../auth';
import { actorOf } from '../context';
import { contentDisposition } from '../fileNames';
import { XLSX_MIME } from '../upload';
import { parseBody, queryString, queryYear } from '../validate';

export function unitPortalRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/unit', async (req, res) => {
    const actor = actorOf(req);
    const unit = ownUnit(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await unitPage(ctx, unit, queryYear(req, ctx.now()), { markSeen: actor }));
  });

  router.get('/unit/workbook.xlsx', async (req, res) => {
    const unit = ownUnit(req);
    const workbook = await portalWorkbook(ctx, unit, queryYear(req, ctx.now()), queryString(req, 'set'));
    res.setHeader('Content-Type', XLSX_MIME);
    res.setHeader('Content-Length', String(workbook.bytes.length));
    res.setHeader('Content-Disposition', contentDisposition(workbook.fileName));
    res.setHeader('Cache-Control', 'no-store');
    res.end(workbook.bytes);
  });

  router.put('/units/:code/appraisal/publication', requireAdmin, async (req, res) => {
    const input = parseBody(appraisalPublicationRequestSchema, req.body);
    res.json(await publishAppraisal(ctx, String(req.params.code), queryYear(req, ctx.now()), input.published, actorOf(req)));
  });

  return router;
}

/** The caller's own unit; the portal's routes are for unit tokens only. */
function ownUnit(req: Request): UnitRecord {
  const actor = actorOf(req);
  if (actor.kind !== 'unit') throw problems.unitTokenOnly();
  return actor.unit;
}
