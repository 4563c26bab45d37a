/**
 * The expected units and their tokens: importing the province's list (re-import updates, never
 * duplicates: units match by unitNameKey), adding one unit, issuing unit tokens, and the admin
 * token created on the first start of a data folder. Tokens are shown once; only hashes are kept.
 */
import type { UnitKind } from '../../shared/units/kinds';
import type { NewUnit, Store, UnitImportOutcome, UnitRecord } from '../store/store';
import { AppError } from './errors';
import { DEFAULT_ADMIN_LABEL, msg } from './messages';
import { newToken, tokenHash } from './tokens';

/** The part of the app context these use cases need (the CLI has no reader). */
export interface UnitsContext {
  store: Store;
  now(): Date;
}

export async function importUnits(ctx: UnitsContext, units: NewUnit[], by: string): Promise<UnitImportOutcome> {
  return ctx.store.upsertUnits(units, {
    by, at: ctx.now(), action: 'units-import', detail: (o) => msg.audit.unitsImported(o.added, o.updated, o.unchanged),
  });
}

export async function addUnit(ctx: UnitsContext, unit: NewUnit, by: string): Promise<UnitRecord> {
  const added = await ctx.store.addUnit(unit, { by, at: ctx.now(), action: 'unit-add', detail: msg.audit.unitAdded(unit.name, unit.kind) });
  if (!added) throw new AppError('unit-exists', msg.unitExists(unit.name));
  return added;
}

export interface IssuedToken {
  unitId: string;
  name: string;
  kind: UnitKind;
  token: string;
}

/** New tokens for every unit; the old ones stop working. */
export async function issueUnitTokens(ctx: UnitsContext, by: string): Promise<IssuedToken[]> {
  const units = await ctx.store.listUnits();
  const issued = units.map((u) => ({ unitId: u.id, name: u.name, kind: u.kind, token: newToken('unit') }));
  await ctx.store.setUnitTokenHashes(new Map(issued.map((t) => [t.unitId, tokenHash(t.token)])), {
    by, at: ctx.now(), action: 'tokens', detail: msg.audit.tokensIssued(issued.length),
  });
  return issued;
}

/** On the first start of a data folder: creates the admin token and returns it (to print once). */
export async function ensureAdminToken(ctx: UnitsContext, label = DEFAULT_ADMIN_LABEL): Promise<string | undefined> {
  if ((await ctx.store.adminTokenCount()) > 0) return undefined;
  return createAdminToken(ctx, label, label);
}

/** Another admin token, for one member of the provincial staff: the audit log names them by `label`. */
export async function createAdminToken(ctx: UnitsContext, label: string, by: string): Promise<string> {
  const token = newToken('admin');
  await ctx.store.addAdminToken(label, tokenHash(token), {
    by, at: ctx.now(), action: 'admin-token', detail: msg.audit.adminTokenCreated(label),
  });
  return token;
}
