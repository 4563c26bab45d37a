/**
 * The expected units and their tokens: importing the province's list (re-import updates by code,
 * else name + parent; never duplicates, never removes), adding one unit, finding a unit by its
 * code, issuing, rotating and revoking unit tokens, and admin tokens. Tokens are shown once; only
 * hashes are kept. Every issue, rotation and revocation is in the audit log with who did it.
 */
import { isValidUnitCode, normalizeUnitCode } from '../../shared/units/codes';
import type { ListedUnit } from '../../shared/units/importPlan';
import type { UnitKind } from '../../shared/units/kinds';
import { UnitsImportConflictError, type AdminTokenRecord, type NewUnit, type Store, type UnitImportOutcome, type UnitRecord } from '../store/store';
import { problems } from './errors';
import { DEFAULT_ADMIN_LABEL, msg, unitsText } from './messages';
import { newToken, tokenHash } from './tokens';
import { unitRef } from './receipts';
import { foldedParentKey, lacksDiacritics, unitNameKey } from '../../shared/units/identity';
import { unitsNamed } from '../../shared/units/match';

/** The part of the app context these use cases need (the CLI has no reader). */
export interface UnitsContext {
  store: Store;
  now(): Date;
}

/** A row of a units list the registry cannot take as it is (the list file itself was valid). */
export interface ImportProblem {
  line: number;
  message: string;
}

/**
 * Applies a units list. Returns the counts, or every row that conflicts with the registry (two
 * rows naming one unit, a name + parent another unit holds); then nothing was imported.
 */
export async function importUnits(
  ctx: UnitsContext, units: ListedUnit[], by: string,
): Promise<{ ok: true; outcome: UnitImportOutcome } | { ok: false; problems: ImportProblem[] }> {
  try {
    const outcome = await ctx.store.upsertUnits(units, {
      by, at: ctx.now(), action: 'units-import', detail: (o) => msg.audit.unitsImported(o.added, o.updated, o.unchanged),
    });
    return { ok: true, outcome };
  } catch (error) {
    if (!(error instanceof UnitsImportConflictError)) throw error;
    return {
      ok: false,
      problems: error.conflicts.map((c) => ({
        line: c.line,
        message: c.kind === 'same-unit' ? unitsText.conflictSameUnit(c.otherLine, c.code) : unitsText.conflictTaken(c.code),
      })),
    };
  }
}

/** Adds one unit (its code given or assigned); 409 `unit-exists` when the code or the name + parent is taken. */
export async function addUnit(ctx: UnitsContext, unit: NewUnit, by: string): Promise<UnitRecord> {
  const code = normalizeUnitCode(unit.code ?? '');
  if (code && !isValidUnitCode(code)) throw problems.unitCodeInvalid(unit.code ?? '');
  const same = await sameUnitWithoutDiacritics(ctx, unit);
  if (same) throw problems.unitExistsWithoutDiacritics(unit.name, unit.parent, `${same.code} "${same.name}"${same.parent ? ` (${same.parent})` : ''}`, { candidates: [unitRef(same)] });
  const added = await ctx.store.addUnit({ ...unit, code }, { by, at: ctx.now(), action: 'unit-add', detail: msg.audit.unitAdded(unit.name, unit.kind) });
  if (!added) throw (code ? problems.unitExistsCode(code, unit.name) : problems.unitExists(unit.name));
  return added;
}

/**
 * The listed unit a new unit would be, once diacritics are set aside, when its name or xã/phường
 * was typed without them ("So Y te", "Phuong Cao Lanh" for DT-SYT "Sở Y tế", "Phường Cao Lãnh"):
 * as the file it came from would be matched (`unitsNamed`, `foldedParentKey`), so adding it could
 * only make a second "Sở Y tế" that no file ever lands on. A name typed with diacritics is its own.
 */
async function sameUnitWithoutDiacritics(ctx: UnitsContext, unit: NewUnit): Promise<UnitRecord | undefined> {
  // An empty xã/phường has nothing to fold: it is no reason to look further.
  const plainParent = unit.parent.trim() !== '' && lacksDiacritics(unit.parent);
  if (!lacksDiacritics(unit.name) && !plainParent) return undefined;
  const named = lacksDiacritics(unit.name) ? unitsNamed(await ctx.store.listUnits(), unit.name) : await ctx.store.findUnitsByNameKey(unitNameKey(unit.name));
  return named.find((u) => foldedParentKey(u.parent) === foldedParentKey(unit.parent));
}

/** The unit of a code; 404 `unit-not-found` with a Vietnamese message naming the code. */
export async function unitByCode(ctx: Pick<UnitsContext, 'store'>, code: string): Promise<UnitRecord> {
  const unit = await ctx.store.findUnitByCode(code);
  if (!unit) throw problems.unitNotFound(normalizeUnitCode(code));
  return unit;
}

export interface IssuedToken {
  /** Internal key, for programs in this process; never printed. */
  unitId: string;
  code: string;
  name: string;
  kind: UnitKind;
  parent: string;
  token: string;
}

/** New tokens for every unit, NOT yet in force: hand them out, then `commitUnitTokens`. */
export async function prepareUnitTokens(ctx: UnitsContext): Promise<{ issued: IssuedToken[] }> {
  const units = await ctx.store.listUnits();
  return { issued: units.map((u) => ({ unitId: u.id, code: u.code, name: u.name, kind: u.kind, parent: u.parent, token: newToken('unit') })) };
}

/**
 * Puts tokens made by `prepareUnitTokens` in force once they were delivered. Each works beside
 * the unit's old token until the unit first uses it (then the old one stops): a province never
 * finds itself without working tokens because some were lost on the way.
 */
export async function commitUnitTokens(ctx: UnitsContext, prepared: { issued: IssuedToken[] }, by: string): Promise<void> {
  await ctx.store.setUnitTokenHashes(
    new Map(prepared.issued.map((t) => [t.unitId, tokenHash(t.token)])),
    { by, at: ctx.now(), action: 'tokens', detail: msg.audit.tokensIssuedPending(prepared.issued.length) },
    { pending: true },
  );
}

/** Prepares and commits at once (a program that holds the tokens itself: tests, the bench). */
export async function issueUnitTokens(ctx: UnitsContext, by: string): Promise<IssuedToken[]> {
  const prepared = await prepareUnitTokens(ctx);
  await commitUnitTokens(ctx, prepared, by);
  return prepared.issued;
}

/** Issues or rotates one unit's token: the new one works at once, the old one stops; others are untouched. */
export async function rotateUnitToken(ctx: UnitsContext, code: string, by: string): Promise<{ code: string; name: string; token: string }> {
  const unit = await unitByCode(ctx, code);
  const token = newToken('unit');
  await ctx.store.setUnitTokenHashes(new Map([[unit.id, tokenHash(token)]]), {
    by, at: ctx.now(), action: 'unit-token', unitId: unit.id, detail: msg.audit.unitTokenIssued(unit.code, unit.name, unit.hasToken),
  });
  return { code: unit.code, name: unit.name, token };
}

/** Revokes one unit's token (and any pending one): the unit cannot submit until it gets a new one. */
export async function revokeUnitToken(ctx: UnitsContext, code: string, by: string): Promise<UnitRecord> {
  const unit = await unitByCode(ctx, code);
  await ctx.store.setUnitTokenHashes(new Map([[unit.id, null]]), {
    by, at: ctx.now(), action: 'unit-token-revoke', unitId: unit.id, detail: msg.audit.unitTokenRevoked(unit.code, unit.name),
  });
  return unit;
}

export function listAdminTokens(ctx: Pick<UnitsContext, 'store'>): Promise<AdminTokenRecord[]> {
  return ctx.store.listAdminTokens();
}

/** Revokes the admin token(s) of a label; refuses to revoke the last one in force (the province would be locked out). */
export async function revokeAdminToken(ctx: UnitsContext, label: string, by: string): Promise<number> {
  const tokens = await ctx.store.listAdminTokens();
  const matching = tokens.filter((t) => t.label === label).length;
  if (matching === 0) throw problems.adminTokenUnknown(label);
  if (matching === tokens.length) throw problems.lastAdminToken();
  return ctx.store.revokeAdminTokens(label, { by, at: ctx.now(), action: 'admin-token-revoke', detail: msg.audit.adminTokenRevoked(label, matching) });
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
