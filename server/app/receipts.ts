/** A stored submission as the receipt the sender reads (the API's `Receipt`). */
import type { Receipt, UnitRef, Verdict } from '../../shared/api/schemas';
import type { Calendar } from '../../shared/deadlines/calendar';
import { submissionLateness } from '../../shared/deadlines/timing';
import type { CheckResult } from '../../shared/workbook/checkResult';
import type { SubmissionRecord, UnitRecord } from '../store/store';

export function unitRef(unit: UnitRecord): UnitRef {
  return { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, parent: unit.parent };
}

/** The verdict of a workbook that could be scored; null when nothing could be read. */
export function verdictOf(result: CheckResult): Verdict | null {
  if (result.setId === null) return null;
  return {
    eligible: result.eligible, total: result.total, max: result.max, threshold: result.threshold,
    hardFailures: result.hardFailures, reasons: result.reasons,
  };
}

/**
 * The receipt of a kept submission. Lateness is derived from the time received and `calendar`
 * (the year's calendar in force now), not read from the row: a receipt read back after a
 * deadline was extended says what the board says.
 */
export function toReceipt(record: SubmissionRecord, unit: UnitRecord | undefined, duplicate: boolean, calendar: Calendar): Receipt {
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
    verdict: verdictOf(record.result),
    errors: record.errors,
    warnings: record.result.warnings,
    sha256: record.sha256,
    fileName: record.fileName,
  };
}
