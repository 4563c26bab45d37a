/**
 * Units and what provincial staff decide about them (admin token). `:code` is the unit code (mã
 * đơn vị); the internal id is accepted too, for links made before codes.
 *   GET    /api/units?year=[&limit=&offset=]      the status board (UnitsResponse); with `limit`, one page of
 *                                                its rows in name order (`offset` from 0, `limit` 1–1000) with
 *                                                the whole year's counts and `page: {offset, limit, total, approved}`
 *   GET    /api/units/registry                    the list: [{id, code, name, kind, parent, contact, hasToken}]
 *   POST   /api/units                             add one unit {code?, name, kind, parent?, contact?}
 *   GET    /api/units/workbooks.zip?set=&version=&year=   every unit's pre-filled workbook (units of the set's kinds)
 *   GET    /api/units/:code/workbook.xlsx?set=&version=&year=   one unit's pre-filled workbook
 *   POST   /api/units/:code/token                 issue or rotate its token → {code, name, token} (shown once)
 *   DELETE /api/units/:code/token                 revoke its token → 204
 *   GET    /api/units/:code/submissions?year=     every version with its changes
 *   POST   /api/units/:code/review?year=          {state, note, submissionId?}
 *   PUT    /api/units/:code/appraisal?year=       {scores: {"5": 4.5, "7": null}}
 *   POST   /api/units/:code/exceptions?year=      {stage, note}: reopen a stage after its lock day
 */
import { Router, type Request } from 'express';
import {
  appraisalRequestSchema, exceptionRequestSchema, reviewRequestSchema, unitCreateRequestSchema, type UnitListEntry, type UnitResponse,
  type UnitTokenResponse,
} from '../../../shared/api/schemas';
import type { CriteriaSet } from '../../../shared/criteria/schema';
import { problems } from '../../app/errors';
import { msg } from '../../app/messages';
import { requireUnit } from '../../app/status';
import { unitsForSet, unitWorkbook, unitWorkbookFileName, unitWorkbooksZipName, writeUnitWorkbooksZip } from '../../app/unitWorkbooks';
import { revokeUnitToken, rotateUnitToken } from '../../app/units';
import { contentDisposition } from '../fileNames';
import { XLSX_MIME } from '../upload';
import { actorName, type AppContext } from '../../app/context';
import { unitRef } from '../../app/receipts';
import { appraise, reopenStage, reviewSubmission } from '../../app/review';
import { unitSubmissions } from '../../app/status';
import { boardPage, currentBoard } from '../../app/board';
import { addUnit } from '../../app/units';
import { actorOf } from '../context';
import { parseBody, queryString, queryYear } from '../validate';

export function unitsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/units', async (req, res) => {
    const year = queryYear(req, ctx.now());
    const limit = queryCount(req, 'limit', 1, MAX_PAGE);
    if (limit === undefined) return void res.json(await currentBoard(ctx, year));
    res.json(await boardPage(ctx, year, queryCount(req, 'offset', 0, 10_000_000) ?? 0, limit));
  });

  router.get('/units/registry', async (_req, res) => {
    const units = await ctx.store.listUnits();
    res.json(units.map((u): UnitListEntry => ({ ...unitRef(u), contact: u.contact, hasToken: u.hasToken })));
  });

  router.get('/units/workbooks.zip', async (req, res) => {
    const set = chosenSet(ctx, req);
    const { covered } = unitsForSet(set, await ctx.store.listUnits());
    if (covered.length === 0) throw problems.noUnitsForSet(set.title);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', contentDisposition(unitWorkbooksZipName(set)));
    await writeUnitWorkbooksZip(res, set, covered, yearParam(req));
  });

  router.get('/units/:code/workbook.xlsx', async (req, res) => {
    const unit = await requireUnit(ctx, String(req.params.code));
    const set = chosenSet(ctx, req);
    const bytes = await unitWorkbook(set, unit, yearParam(req));
    res.setHeader('Content-Type', XLSX_MIME);
    res.setHeader('Content-Disposition', contentDisposition(unitWorkbookFileName(unit, set)));
    res.send(bytes);
  });

  router.post('/units/:code/token', async (req, res) => {
    const unit = await requireUnit(ctx, String(req.params.code));
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json((await rotateUnitToken(ctx, unit.code, actorName(actorOf(req)))) satisfies UnitTokenResponse);
  });

  router.delete('/units/:code/token', async (req, res) => {
    const unit = await requireUnit(ctx, String(req.params.code));
    await revokeUnitToken(ctx, unit.code, actorName(actorOf(req)));
    res.status(204).end();
  });

  router.post('/units', async (req, res) => {
    const input = parseBody(unitCreateRequestSchema, req.body);
    const unit = await addUnit(ctx, input, actorName(actorOf(req)));
    res.status(201).json({ ...unitRef(unit), contact: unit.contact } satisfies UnitResponse);
  });

  router.get('/units/:code/submissions', async (req, res) => {
    res.json(await unitSubmissions(ctx, String(req.params.code), queryYear(req, ctx.now())));
  });

  router.post('/units/:code/review', async (req, res) => {
    const input = parseBody(reviewRequestSchema, req.body);
    res.json(await reviewSubmission(ctx, String(req.params.code), queryYear(req, ctx.now()), input, actorOf(req)));
  });

  router.put('/units/:code/appraisal', async (req, res) => {
    const input = parseBody(appraisalRequestSchema, req.body);
    res.json(await appraise(ctx, String(req.params.code), queryYear(req, ctx.now()), input.scores, actorOf(req)));
  });

  router.post('/units/:code/exceptions', async (req, res) => {
    const input = parseBody(exceptionRequestSchema, req.body);
    res.status(201).json(await reopenStage(ctx, String(req.params.code), queryYear(req, ctx.now()), input.stage, input.note, actorOf(req)));
  });

  return router;
}

/** The most rows one page of the board holds. */
const MAX_PAGE = 1000;

/** A whole-number query parameter within [min, max]; undefined when absent; 400 otherwise. */
function queryCount(req: Request, name: string, min: number, max: number): number | undefined {
  const raw = queryString(req, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/u.test(raw) || value < min || value > max) throw problems.invalidField(name, msg.pageBounds(min, max));
  return value;
}

/** `?set=&version=`: the criteria set of a per-unit workbook (required: several sets may cover a kind). */
function chosenSet(ctx: AppContext, req: Request): CriteriaSet {
  const id = queryString(req, 'set');
  if (!id) throw problems.invalidField('set', 'chọn bộ tiêu chí (mã bộ, xem GET /api/sets)');
  const version = queryString(req, 'version');
  const set = version !== undefined ? ctx.registry.find(id, version) : ctx.registry.all().filter((s) => s.id === id).at(-1);
  if (!set) throw problems.setNotFound(id, version);
  return set;
}

/** `?year=` written into the workbook; none → the clerk types it. */
function yearParam(req: Request): number | undefined {
  return queryString(req, 'year') === undefined ? undefined : queryYear(req, new Date());
}
