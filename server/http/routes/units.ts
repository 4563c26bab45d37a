/**
 * Units and what provincial staff decide about them (admin token).
 *   GET  /api/units?year=                     the status board (UnitsResponse)
 *   POST /api/units                           add one unit {name, kind, parent?, contact?}
 *   GET  /api/units/:id/submissions?year=     every version with its changes
 *   POST /api/units/:id/review?year=          {state, note, submissionId?}
 *   PUT  /api/units/:id/appraisal?year=       {scores: {"5": 4.5, "7": null}}
 *   POST /api/units/:id/exceptions?year=      {stage, note}: reopen a stage after its lock day
 */
import { Router } from 'express';
import {
  appraisalRequestSchema, exceptionRequestSchema, reviewRequestSchema, unitCreateRequestSchema, type UnitResponse,
} from '../../../shared/api/schemas';
import { actorName, type AppContext } from '../../app/context';
import { unitRef } from '../../app/receipts';
import { appraise, reopenStage, reviewSubmission } from '../../app/review';
import { unitsStatus, unitSubmissions } from '../../app/status';
import { addUnit } from '../../app/units';
import { actorOf } from '../context';
import { parseBody, queryYear } from '../validate';

export function unitsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/units', async (req, res) => {
    res.json(await unitsStatus(ctx, queryYear(req, ctx.now())));
  });

  router.post('/units', async (req, res) => {
    const input = parseBody(unitCreateRequestSchema, req.body);
    const unit = await addUnit(ctx, input, actorName(actorOf(req)));
    res.status(201).json({ ...unitRef(unit), contact: unit.contact } satisfies UnitResponse);
  });

  router.get('/units/:id/submissions', async (req, res) => {
    res.json(await unitSubmissions(ctx, String(req.params.id), queryYear(req, ctx.now())));
  });

  router.post('/units/:id/review', async (req, res) => {
    const input = parseBody(reviewRequestSchema, req.body);
    res.json(await reviewSubmission(ctx, String(req.params.id), queryYear(req, ctx.now()), input, actorOf(req)));
  });

  router.put('/units/:id/appraisal', async (req, res) => {
    const input = parseBody(appraisalRequestSchema, req.body);
    res.json(await appraise(ctx, String(req.params.id), queryYear(req, ctx.now()), input.scores, actorOf(req)));
  });

  router.post('/units/:id/exceptions', async (req, res) => {
    const input = parseBody(exceptionRequestSchema, req.body);
    res.status(201).json(await reopenStage(ctx, String(req.params.id), queryYear(req, ctx.now()), input.stage, input.note, actorOf(req)));
  });

  return router;
}
