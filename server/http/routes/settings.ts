/**
 * The year's settings and records (admin token unless noted):
 *   GET /api/calendar?year=      the deadline calendar (the saved one, else the default)
 *   PUT /api/calendar?year=      replace it (calendarSchema)
 *   GET /api/audit?unit=&limit=  who changed what and when, newest first (`unit`: a unit code; `unitId` still accepted)
 *   GET /api/sets                the criteria sets the server knows (any token)
 *   GET /api/sets/:id?version=   one set in full (any token; the newest version it knows by default)
 */
import { Router } from 'express';
import { calendarRequestSchema, type AuditEntry } from '../../../shared/api/schemas';
import { listEntry } from '../../../shared/criteria/load';
import { calendarFor, saveCalendar } from '../../app/calendar';
import type { AppContext } from '../../app/context';
import { problems } from '../../app/errors';
import { auditActionLabel, auditActorLabel } from '../../app/messages';
import { requireUnit } from '../../app/status';
import { requireAdmin } from '../auth';
import { actorOf } from '../context';
import { parseBody, queryString, queryYear } from '../validate';

export function settingsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/sets', (_req, res) => {
    res.json(ctx.registry.all().map(listEntry));
  });

  router.get('/sets/:id', (req, res) => {
    const id = String(req.params.id);
    const version = queryString(req, 'version');
    const set = version !== undefined
      ? ctx.registry.find(id, version)
      : ctx.registry.all().filter((s) => s.id === id).at(-1);
    if (!set) throw problems.setNotFound(id, version);
    res.json(set);
  });

  router.get('/calendar', requireAdmin, async (req, res) => {
    res.json(await calendarFor(ctx, queryYear(req, ctx.now())));
  });

  router.put('/calendar', requireAdmin, async (req, res) => {
    const calendar = parseBody(calendarRequestSchema, req.body);
    res.json(await saveCalendar(ctx, queryYear(req, ctx.now()), calendar, actorOf(req)));
  });

  router.get('/audit', requireAdmin, async (req, res) => {
    const limitText = queryString(req, 'limit');
    const limit = limitText === undefined ? 1000 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw problems.invalidField('limit', 'số nguyên từ 1 đến 100000');
    const unitText = queryString(req, 'unit') ?? queryString(req, 'unitId');
    const unitId = unitText ? (await requireUnit(ctx, unitText)).id : undefined;
    const [entries, units] = await Promise.all([ctx.store.audit({ limit, ...(unitId ? { unitId } : {}) }), ctx.store.listUnits()]);
    const codes = new Map(units.map((u) => [u.id, u.code]));
    res.json(entries.map((e): AuditEntry => ({
      at: e.at.toISOString(), actor: auditActorLabel(e.actor), action: e.action, actionLabel: auditActionLabel(e.action), unitId: e.unitId,
      unitCode: e.unitId ? codes.get(e.unitId) ?? null : null, detail: e.detail,
    })));
  });

  return router;
}
