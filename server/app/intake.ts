/**
 * Intake: one workbook in, one receipt out. The file is read by the bounded reader, scored again
 * from its cells (never from cached totals), attributed to a unit on the list, keyed by
 * unit × year × stage, and stored: the bytes durably first, then the row, in one transaction.
 *
 * - the same bytes again for the same unit, year and stage as its counted version (a double
 *   click, a retry) or as a refused file → the existing receipt (duplicate);
 * - a changed valid file → the next version (nothing is overwritten); the bytes of an older
 *   version sent again are a return to it: the next version too (the file is stored once), which
 *   says which version it repeats;
 * - an invalid file, or one naming a unit not on the list → kept for the audit trail with
 *   version null, and refused (422) with the errors;
 * - the unit is found by the ONE rule set of shared/units/match.ts (token or the officer's choice,
 *   else the workbook's code, else name + parent, else a name only one unit has);
 * - a workbook on a criteria set that does not apply to the registered unit's kind → invalid
 *   (asReportOfUnitKind, the rule the offline consolidation applies too), kept, refused (422);
 * - a valid version on another criteria set than the counted one → accepted with a warning
 *   naming both sets (setChangeWarning);
 * - a unit token sending another unit's workbook → refused (403), nothing kept;
 * - a workbook that several units could own → refused (409 `unit-ambiguous`) with the candidates,
 *   nothing kept: the officer chooses one and sends it again with `unit` = the code;
 * - past the lock day without an admin's exception → refused (locked), nothing kept;
 * - refused files count against their unit's quota of refused bytes: past it, the row keeps only
 *   the hash, size and errors, and the bytes are not stored (the refusal says so);
 * - a repeat of a sender's Idempotency-Key → the first submission's answer, whatever the bytes.
 *
 * HTTP bodies arrive as a temp file of the store (never in memory); before the file is read, its
 * hash is looked up: the same bytes already received for the same key are answered at once.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Receipt } from '../../shared/api/schemas';
import { milestonesFor, type Calendar, type Stage } from '../../shared/deadlines/calendar';
import { stageAt, submissionTiming } from '../../shared/deadlines/timing';
import { formatVnDate, dayOfYear, vietnamDate } from '../../shared/deadlines/vietnamTime';
import { lacksDiacritics, unitNameKey } from '../../shared/units/identity';
import { matchWorkbookUnit, unitsNamed, type UnitDifference, type WorkbookUnitClaim } from '../../shared/units/match';
import { asReportOfUnitKind, asStageReport, onRequestSetWarning, refusedFor, setChangeWarning, warnedFor } from '../../shared/workbook/check';
import type { CheckResult } from '../../shared/workbook/checkResult';
import { SHEETS } from '../../shared/workbook/layout';
import type { IdempotencyKey, SubmissionRecord, UnitRecord } from '../store/store';
import { calendarFor } from './calendar';
import { actorName, type Actor, type AppContext } from './context';
import { problems, type Issue, type WorkbookUnit } from './errors';
import { intakeGuardText, msg } from './messages';
import type { ReadQueue } from './readQueue';
import type { ReadOutcome } from './reader/pool';
import { toReceipt, unitRef } from './receipts';
import { unitByCode } from './units';

/** Refused files stored per unit when nothing else is configured, in MB. */
export const DEFAULT_REFUSED_QUOTA_MB = 50;

/**
 * How intake bounds what senders cost: the quota of refused bytes kept per unit, and the queue
 * that reads files from disk in turn (HTTP bodies). Shared by all requests of a process.
 */
export class IntakeLimits {
  /** Refused bytes being stored now, per unit key: counted against the quota before they commit. */
  private readonly reserved = new Map<string, number>();

  constructor(readonly refusedQuotaBytes: number, readonly queue?: ReadQueue) {}

  /**
   * Reserves room for a refused file of `size` bytes under the unit's quota; false when it does
   * not fit (the file is then not stored). Release with `release` once committed or failed.
   */
  async reserve(ctx: AppContext, unitId: string | null, size: number): Promise<boolean> {
    const key = unitId ?? '';
    const used = await ctx.store.refusedBytesStored(unitId) + (this.reserved.get(key) ?? 0);
    if (used + size > this.refusedQuotaBytes) return false;
    this.reserved.set(key, (this.reserved.get(key) ?? 0) + size);
    return true;
  }

  release(unitId: string | null, size: number): void {
    const key = unitId ?? '';
    const left = (this.reserved.get(key) ?? 0) - size;
    if (left > 0) this.reserved.set(key, left);
    else this.reserved.delete(key);
  }
}

const defaultLimits = new IntakeLimits(DEFAULT_REFUSED_QUOTA_MB * 1024 * 1024);

/**
 * A complete temp file of the store, already fsynced (HTTP bodies, see upload.ts). `adopted` is
 * set once intake handed it to the store (Store.adoptFile), which moves or removes it whatever
 * happens: the caller then has nothing left to remove.
 */
export interface TempFileBody {
  tempPath: string;
  size: number;
  sha256: string;
  adopted?: boolean;
}

/** A workbook's bytes (the CLI), or a complete temp file of the store (HTTP bodies). */
export type IntakeBody = { bytes: Buffer } | TempFileBody;

export interface IntakeRequest {
  body: IntakeBody;
  /** The sender's file name, already cleaned (see fileNames.ts); only ever stored as text. */
  fileName: string;
  /** The stage the sender names; else the calendar's stage for the day. */
  stage?: Stage;
  /** The unit code an officer chose for this file (admin only), after a 409 `unit-ambiguous` or 422 `unit-unknown`. */
  unitCode?: string;
  actor: Actor;
  /** The sender's Idempotency-Key header, if any. */
  idempotencyKey?: string;
  /** Default: the default quota, no queue. */
  limits?: IntakeLimits;
}

/** Who sent a request, for idempotency keys and the per-sender limits: `unit:<id>` or `admin:<label>`. */
export function senderOf(actor: Actor): string {
  return actor.kind === 'unit' ? `unit:${actor.unit.id}` : `admin:${actor.label}`;
}

export interface IntakeOutcome {
  receipt: Receipt;
  /** The exact same file had been received before: the receipt is the first one's. */
  duplicate: boolean;
}

export async function ingestWorkbook(ctx: AppContext, request: IntakeRequest): Promise<IntakeOutcome> {
  const { body, actor } = request;
  const limits = request.limits ?? defaultLimits;
  const now = ctx.now();
  const sha256 = 'bytes' in body ? createHash('sha256').update(body.bytes).digest('hex') : body.sha256;
  const size = 'bytes' in body ? body.bytes.length : body.size;
  const idempotency: IdempotencyKey | undefined = request.idempotencyKey !== undefined
    ? { sender: senderOf(actor), key: request.idempotencyKey } : undefined;
  if (idempotency) {
    const first = await ctx.store.findByIdempotencyKey(idempotency);
    if (first) return repeatAnswer(ctx, first);
  }
  // Every stored row of these bytes, read once: whether this is a repeat, and which version a return repeats.
  const sameBytes = await ctx.store.submissionsWithFile(sha256);
  const earlier = await sameBytesReceived(ctx, sameBytes, sha256, actor, request.stage, now);
  if (earlier) return answer(ctx, earlier.record, earlier.unit, true, [], await calendarFor(ctx, earlier.record.year), limits);

  const read = 'bytes' in body
    ? await ctx.reader.read(body.bytes)
    : limits.queue ? await limits.queue.read(senderOf(actor), body.tempPath, body.size) : await ctx.reader.read(await fs.readFile(body.tempPath));
  if (!read.ok && read.reason === 'unavailable') {
    ctx.log.error({ sha256, detail: read.detail }, 'workbook reader unavailable');
    throw problems.readerUnavailable();
  }
  const result = readResult(ctx, read, sha256);

  const workbookUnitName = result.unit?.name.trim() ?? '';
  const claim: WorkbookUnitClaim = { code: result.unit?.code ?? '', name: workbookUnitName, parent: result.unit?.parent ?? '' };
  const { unit, candidates } = await attributeUnit(ctx, request, claim, result);
  const year = result.unit?.year ?? vietnamDate(now).year;
  const calendar = await calendarFor(ctx, year);
  const stage = request.stage ?? stageAt(calendar, year, now, unit?.kind);
  const thisYear = vietnamDate(now).year;
  const staged = asStageReport(result, stage);
  // A later year than this one is a typo (the unit page and the board show this year): never counted.
  const dated = year > thisYear ? refusedFor(staged, { sheet: SHEETS.unit, cell: '', message: msg.yearNotYet(year, thisYear) }) : staged;
  // The registered unit's kind decides which sets apply, not the kind the workbook names.
  let report = unit ? asReportOfUnitKind(dated, unit.kind, ctx.registry) : dated;
  const errors: Issue[] = [...report.errors];
  if (!unit && claim.code) errors.push({ sheet: SHEETS.unit, cell: '', message: msg.unitCodeNotOnList(claim.code) });
  else if (!unit && workbookUnitName) errors.push({ sheet: SHEETS.unit, cell: '', message: msg.unitUnknown(workbookUnitName) });
  const valid = report.ok && unit !== undefined;

  const existing = await ctx.store.findSubmission({ sha256, unitId: unit?.id ?? null, year, stage });
  if (existing) return answer(ctx, existing, unit, true, candidates, calendar, limits);

  const timing = submissionTiming(calendar, year, stage, now, unit?.kind);
  if (unit && timing.locked) {
    const reopened = (await ctx.store.exceptions(year, unit.id)).get(unit.id) ?? [];
    if (!reopened.includes(stage)) {
      const milestone = milestonesFor(calendar, unit.kind).find((m) => m.stage === stage);
      const lockDay = milestone ? formatVnDate(dayOfYear(milestone.lock ?? milestone.due, year)) : String(year);
      throw problems.locked(stage, year, lockDay, thisYear);
    }
  }

  if (valid && unit) report = await warnedAgainstCounted(ctx, report, unit, year, stage, sameBytes);

  // A refused file is kept for the audit trail only within its unit's quota of refused bytes.
  const unitId = unit?.id ?? null;
  const fileKept = valid || await limits.reserve(ctx, unitId, size);
  try {
    if (fileKept) {
      if ('bytes' in body) await ctx.store.putFile(sha256, body.bytes);
      else {
        body.adopted = true;
        await ctx.store.adoptFile(sha256, body.tempPath);
      }
    }
    const { record, duplicate } = await ctx.store.recordSubmission(
      {
        unitId, year, stage, sha256, size, fileName: request.fileName, receivedAt: now,
        late: timing.late, daysLate: timing.daysLate, valid, result: report, errors, actor: actorName(actor),
        fileKept, ...(idempotency ? { idempotency } : {}),
      },
      (version) => version !== null
        ? { action: 'submission', detail: msg.audit.submitted(request.fileName, stage, year, version) }
        : { action: 'submission-invalid', detail: msg.audit.submittedInvalid(request.fileName, stage, year, errors.length) },
    );
    ctx.log.info({ submissionId: record.id, unitId: record.unitId, year, stage, version: record.version, valid, duplicate, fileKept }, 'submission');
    return answer(ctx, record, unit, duplicate, candidates, calendar, limits);
  } finally {
    if (!valid && fileKept) limits.release(unitId, size);
  }
}

/**
 * A new valid version with what it changes for the unit said on it: it replaces the counted
 * version's scoring, so a change of criteria set is warned (setChangeWarning), naming both sets,
 * as is a yearly report on a set used only on request (onRequestSetWarning); and the bytes of an
 * older version sent again (a return to it, among `sameBytes`, the rows of these bytes read at
 * the start) say which version they repeat. Read before the transaction: a version committed meanwhile by a concurrent upload is missed,
 * which costs only the warning.
 */
async function warnedAgainstCounted(
  ctx: AppContext, report: CheckResult, unit: UnitRecord, year: number, stage: Stage, sameBytes: readonly SubmissionRecord[],
): Promise<CheckResult> {
  const counted = await ctx.store.countedSubmission({ unitId: unit.id, year, stage });
  const setChange = counted?.version ? setChangeWarning(report, { version: counted.version, result: counted.result }, ctx.registry) : undefined;
  const repeated = sameBytes
    .filter((r) => r.unitId === unit.id && r.year === year && r.stage === stage && r.version !== null).at(-1);
  const onRequest = onRequestSetWarning(report, stage, ctx.registry);
  let warned = setChange ? warnedFor(report, setChange) : report;
  if (onRequest) warned = warnedFor(warned, onRequest);
  if (repeated?.version) warned = warnedFor(warned, { sheet: '', cell: '', message: msg.returnsToVersion(repeated.version) });
  return warned;
}

/**
 * The unit a workbook belongs to, by matchWorkbookUnit: the sender's token or the officer's choice
 * decides, else the code, else name + parent, else a name only one unit has. Refuses (nothing
 * kept) a workbook of another unit (403) and one several units could own (409). An unknown unit
 * comes back as undefined with the units of the same name as candidates. A difference between
 * the typed name or parent and the registry is added to `result.warnings`, so the version shows it.
 */
async function attributeUnit(
  ctx: AppContext, request: IntakeRequest, claim: WorkbookUnitClaim, result: CheckResult,
): Promise<{ unit: UnitRecord | undefined; candidates: UnitRecord[] }> {
  const { actor } = request;
  let decided: UnitRecord | undefined;
  if (actor.kind === 'unit') decided = actor.unit;
  else if (request.unitCode) decided = await unitByCode(ctx, request.unitCode);
  const registry = new Map<string, UnitRecord>();
  if (decided) registry.set(decided.id, decided);
  if (claim.code) {
    const byCode = await ctx.store.findUnitByCode(claim.code);
    if (byCode) registry.set(byCode.id, byCode);
  }
  if (claim.name) for (const u of await unitsNamedInStore(ctx, claim.name)) registry.set(u.id, u);
  const match = matchWorkbookUnit([...registry.values()], claim, decided);

  switch (match.kind) {
    case 'matched':
      if (match.differences.length > 0) result.warnings.push({ sheet: SHEETS.unit, cell: '', message: differencesText(match.differences) });
      return { unit: match.unit, candidates: [] };
    case 'wrong-unit': {
      const named = match.named ? describeUnit(match.named) : claim.code ? `mã ${claim.code}` : `"${claim.name}"`;
      const tokenSent = actor.kind === 'unit';
      await ctx.store.appendAudit(match.decided.id, {
        by: actorName(actor), at: ctx.now(), action: 'submission-refused', detail: msg.audit.refusedOtherUnitCode(request.fileName, named),
      });
      const candidates = { candidates: [match.decided, ...(match.named ? [match.named] : [])].map(unitRef) };
      throw !tokenSent ? problems.wrongUnitChosen(named, describeUnit(match.decided), candidates)
        : match.named || claim.code ? problems.wrongUnitCode(named, describeUnit(match.decided), candidates)
          : problems.wrongUnit(claim.name, match.decided.name, candidates);
    }
    case 'ambiguous':
      await ctx.store.appendAudit(null, {
        by: actorName(actor), at: ctx.now(), action: 'submission-refused',
        detail: msg.audit.refusedAmbiguous(request.fileName, claim.name, match.candidates.map((u) => u.code)),
      });
      throw problems.unitAmbiguous(claim.name, match.candidates.length, {
        candidates: match.candidates.map(unitRef), workbookUnit: workbookUnitOf(result),
      });
    case 'unknown':
      return { unit: undefined, candidates: match.candidates };
    case 'unnamed':
      return { unit: undefined, candidates: [] };
  }
}

/**
 * The registered units a typed name may denote, as matchWorkbookUnit's `unitsNamed` finds them:
 * by the name's key, else, for a name typed with no diacritics that no unit has as typed, among
 * all units compared without them (the store keeps no folded key: such files are few, and a
 * province's list is thousands of units at most).
 */
async function unitsNamedInStore(ctx: AppContext, name: string): Promise<UnitRecord[]> {
  const asTyped = await ctx.store.findUnitsByNameKey(unitNameKey(name));
  return asTyped.length > 0 || !lacksDiacritics(name) ? asTyped : unitsNamed(await ctx.store.listUnits(), name);
}

/** How messages name a registered unit: code, name and parent. */
function describeUnit(unit: UnitRecord): string {
  return `${unit.code} "${unit.name}"${unit.parent ? ` (${unit.parent})` : ''}`;
}

function differencesText(differences: readonly UnitDifference[]): string {
  return msg.unitDiffers(differences.map((d) => (d.field === 'name'
    ? msg.unitDifferenceName(d.workbook, d.registry)
    : msg.unitDifferenceParent(d.workbook, d.registry))).join('; '));
}

function workbookUnitOf(result: CheckResult): WorkbookUnit | undefined {
  const named = result.unit;
  return named ? { code: named.code, name: named.name.trim(), kind: named.kind, parent: named.parent, contact: named.contact } : undefined;
}

/** The answer to a repeat of an Idempotency-Key: the first submission's, as a duplicate. */
export async function repeatAnswer(ctx: AppContext, first: SubmissionRecord, limits: IntakeLimits = defaultLimits): Promise<IntakeOutcome> {
  const unit = first.unitId ? await ctx.store.getUnit(first.unitId) : undefined;
  return answer(ctx, first, unit, true, [], await calendarFor(ctx, first.year), limits);
}

/**
 * The submission these very bytes repeat under the key this request would get (Store.findSubmission:
 * the counted version or a refused row), found from the rows of its hash, `sameBytes` (before the file is read): the
 * unit is the token's (or, for an admin, the one the earlier row found), the year the one the
 * bytes name, the stage the one asked or the calendar's. Bytes of an older version are no repeat:
 * they are read and become a new version.
 */
async function sameBytesReceived(
  ctx: AppContext, sameBytes: readonly SubmissionRecord[], sha256: string, actor: Actor, askedStage: Stage | undefined, now: Date,
): Promise<{ record: SubmissionRecord; unit: UnitRecord } | undefined> {
  for (const record of sameBytes) {
    if (record.unitId === null || (actor.kind === 'unit' && record.unitId !== actor.unit.id)) continue;
    if (record.year !== (record.result.unit?.year ?? vietnamDate(now).year)) continue;
    const unit = actor.kind === 'unit' ? actor.unit : await ctx.store.getUnit(record.unitId);
    if (!unit) continue;
    const stage = askedStage ?? stageAt(await calendarFor(ctx, record.year), record.year, now, unit.kind);
    if (record.stage !== stage) continue;
    const repeated = await ctx.store.findSubmission({ sha256, unitId: record.unitId, year: record.year, stage });
    if (repeated) return { record: repeated, unit };
  }
  return undefined;
}

/** A valid submission is the answer; a refused one is an error that carries its receipt. */
function answer(
  ctx: Pick<AppContext, 'registry'>, record: SubmissionRecord, unit: UnitRecord | undefined, duplicate: boolean, candidates: UnitRecord[], calendar: Calendar,
  limits: IntakeLimits = defaultLimits,
): IntakeOutcome {
  // With the catalogue: a result kept before the reader recorded pass-fail is told by its set.
  const receipt = toReceipt(record, unit, duplicate, calendar, ctx.registry);
  if (record.valid) return { receipt, duplicate };
  const notKept = record.fileKept ? '' : ` ${intakeGuardText.fileNotKept(Math.round(limits.refusedQuotaBytes / 1024 / 1024))}`;
  const unknownUnit = record.unitId === null && record.result.ok && record.result.unit !== null;
  if (unknownUnit) {
    const named = record.result.unit!;
    const details = { details: record.errors, receipt, workbookUnit: workbookUnitOf(record.result), candidates: candidates.map(unitRef) };
    throw named.code ? problems.unitCodeNotOnList(named.code, notKept, details) : problems.unitUnknown(named.name.trim(), notKept, details);
  }
  throw problems.workbookInvalid(record.errors.length, record.errors.some((e) => e.cell !== ''), notKept, { details: record.errors, receipt });
}

/** The reader's result, or a refusal in its shape when the bounded read gave up. */
function readResult(ctx: AppContext, outcome: ReadOutcome, sha256: string): CheckResult {
  if (outcome.ok) return outcome.result;
  ctx.log.warn({ sha256, reason: outcome.reason, detail: outcome.detail }, 'workbook read refused');
  const message = outcome.reason === 'timeout'
    ? msg.workbookTimeout(Math.round(ctx.reader.timeoutMs / 100) / 10)
    : outcome.reason === 'memory' ? msg.workbookTooMuchMemory : msg.workbookReaderFailed;
  return {
    ok: false, unit: null, setId: null, setVersion: null, setHash: null, draftSet: null, scores: [], total: null, max: null,
    threshold: null, hardFailures: [], dossier: {}, band: null, eligible: false, reasons: [],
    errors: [{ sheet: '', cell: '', message }], warnings: [],
  };
}
