/**
 * Intake: one workbook in, one receipt out. The file is read by the bounded reader, scored again
 * from its cells (never from cached totals), attributed to a unit on the list, keyed by
 * unit × year × stage, and stored: the bytes durably first, then the row, in one transaction.
 *
 * - the same bytes again for the same unit, year and stage → the existing receipt (duplicate);
 * - a changed valid file → the next version (nothing is overwritten);
 * - an invalid file, or one naming a unit not on the list → kept for the audit trail with
 *   version null, and refused (422) with the errors;
 * - a unit token sending another unit's workbook → refused (403), nothing kept;
 * - past the lock day without an admin's exception → refused (locked), nothing kept.
 */
import { createHash } from 'node:crypto';
import type { Receipt } from '../../shared/api/schemas';
import { milestonesFor, type Calendar, type Stage } from '../../shared/deadlines/calendar';
import { stageAt, submissionTiming } from '../../shared/deadlines/timing';
import { formatVnDate, dayOfYear, vietnamDate } from '../../shared/deadlines/vietnamTime';
import { unitNameKey } from '../../shared/units/identity';
import type { CheckResult } from '../../shared/workbook/check';
import { SHEETS } from '../../shared/workbook/layout';
import type { SubmissionRecord, UnitRecord } from '../store/store';
import { calendarFor } from './calendar';
import { actorName, type Actor, type AppContext } from './context';
import { AppError, type Issue } from './errors';
import { msg } from './messages';
import type { ReadOutcome } from './reader/pool';
import { toReceipt } from './receipts';

export interface IntakeRequest {
  bytes: Buffer;
  /** The sender's file name, already cleaned (see fileNames.ts); only ever stored as text. */
  fileName: string;
  /** The stage the sender names; else the calendar's stage for the day. */
  stage?: Stage;
  actor: Actor;
}

export interface IntakeOutcome {
  receipt: Receipt;
  /** The exact same file had been received before: the receipt is the first one's. */
  duplicate: boolean;
}

export async function ingestWorkbook(ctx: AppContext, request: IntakeRequest): Promise<IntakeOutcome> {
  const { bytes, actor } = request;
  const now = ctx.now();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const read = await ctx.reader.read(bytes);
  if (!read.ok && read.reason === 'unavailable') {
    ctx.log.error({ sha256, detail: read.detail }, 'workbook reader unavailable');
    throw new AppError('reader-unavailable', msg.readerUnavailable);
  }
  const result = readResult(ctx, read, sha256);

  const workbookUnitName = result.unit?.name.trim() ?? '';
  let unit: UnitRecord | undefined = workbookUnitName ? await ctx.store.findUnitByNameKey(unitNameKey(workbookUnitName)) : undefined;
  if (actor.kind === 'unit') {
    if (workbookUnitName && unit?.id !== actor.unit.id) {
      await ctx.store.appendAudit(actor.unit.id, {
        by: actorName(actor), at: now, action: 'submission-refused', detail: msg.audit.refusedOtherUnit(request.fileName, workbookUnitName),
      });
      throw new AppError('wrong-unit', msg.wrongUnit(workbookUnitName, actor.unit.name));
    }
    // A file too broken to name its unit is kept under the unit whose token sent it.
    unit = actor.unit;
  }

  const year = result.unit?.year ?? vietnamDate(now).year;
  const calendar = await calendarFor(ctx, year);
  const stage = request.stage ?? stageAt(calendar, year, now, unit?.kind);
  const errors: Issue[] = [...result.errors];
  if (!unit && workbookUnitName) errors.push({ sheet: SHEETS.unit, cell: '', message: msg.unitUnknown(workbookUnitName) });
  const valid = result.ok && unit !== undefined;

  const existing = await ctx.store.findSubmission({ sha256, unitId: unit?.id ?? null, year, stage });
  if (existing) return answer(existing, unit, true, calendar);

  const timing = submissionTiming(calendar, year, stage, now, unit?.kind);
  if (unit && timing.locked) {
    const reopened = (await ctx.store.exceptions(year, unit.id)).get(unit.id) ?? [];
    if (!reopened.includes(stage)) {
      const milestone = milestonesFor(calendar, unit.kind).find((m) => m.stage === stage);
      const lockDay = milestone ? formatVnDate(dayOfYear(milestone.lock ?? milestone.due, year)) : String(year);
      throw new AppError('locked', msg.locked(stage, lockDay));
    }
  }

  await ctx.store.putFile(sha256, bytes);
  const { record, duplicate } = await ctx.store.recordSubmission(
    {
      unitId: unit?.id ?? null, year, stage, sha256, size: bytes.length, fileName: request.fileName, receivedAt: now,
      late: timing.late, daysLate: timing.daysLate, valid, result, errors, actor: actorName(actor),
    },
    (version) => version !== null
      ? { action: 'submission', detail: msg.audit.submitted(request.fileName, stage, year, version) }
      : { action: 'submission-invalid', detail: msg.audit.submittedInvalid(request.fileName, stage, year, errors.length) },
  );
  ctx.log.info({ submissionId: record.id, unitId: record.unitId, year, stage, version: record.version, valid, duplicate }, 'submission');
  return answer(record, unit, duplicate, calendar);
}

/** A valid submission is the answer; a refused one is an error that carries its receipt. */
function answer(record: SubmissionRecord, unit: UnitRecord | undefined, duplicate: boolean, calendar: Calendar): IntakeOutcome {
  const receipt = toReceipt(record, unit, duplicate, calendar);
  if (record.valid) return { receipt, duplicate };
  const unknownUnit = record.unitId === null && record.result.ok && record.result.unit !== null;
  if (unknownUnit) {
    const named = record.result.unit!;
    throw new AppError('unit-unknown', msg.unitUnknown(named.name.trim()), {
      details: record.errors, receipt,
      workbookUnit: { name: named.name.trim(), kind: named.kind, parent: named.parent, contact: named.contact },
    });
  }
  throw new AppError('workbook-invalid', msg.workbookInvalid(record.errors.length), { details: record.errors, receipt });
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
