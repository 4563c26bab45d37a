/** A stored submission as the receipt the sender reads (the API's `Receipt`). */
import type { Receipt, UnitRef, Verdict } from '../../shared/api/schemas';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import type { Calendar } from '../../shared/deadlines/calendar';
import { submissionLateness } from '../../shared/deadlines/timing';
import { verdictOf } from '../../shared/scoring/verdict';
import type { SubmissionRecord, UnitRecord } from '../store/store';

export function unitRef(unit: UnitRecord): UnitRef {
  return { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, parent: unit.parent };
}

/**
 * The verdict a kept file gets: none for a file refused as invalid, which was never judged (its
 * total may stand above the threshold of a verdict that says "not eligible" for its errors).
 * `sets` tell a pass-fail set for a result kept before the reader recorded it.
 */
export function submissionVerdict(record: Pick<SubmissionRecord, 'valid' | 'result'>, sets?: CriteriaRegistry): Verdict | null {
  return record.valid ? verdictOf(record.result, sets) : null;
}

/**
 * The receipt of a kept submission. Lateness is derived from the time received and `calendar`
 * (the year's calendar in force now), not read from the row: a receipt read back after a
 * deadline was extended says what the board says.
 */
export function toReceipt(
  record: SubmissionRecord, unit: UnitRecord | undefined, duplicate: boolean, calendar: Calendar, sets?: CriteriaRegistry,
): Receipt {
  const timing = submissionLateness(calendar, record.year, record.stage, record.receivedAt, unit?.kind);
  return {
    submissionId: record.id,
    unit: unit ? unitRef(unit) : null,
    year: record.year,
    stage: record.stage,
    version: record.version,
    receivedAt: record.receivedAt.toISOString(),
    late: timing.late,
    daysLate: timing.daysLate,
    duplicate,
    valid: record.valid,
    verdict: submissionVerdict(record, sets),
    errors: record.errors,
    warnings: record.result.warnings,
    sha256: record.sha256,
    fileName: record.fileName,
  };
}
