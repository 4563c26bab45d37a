/** A stored submission as the receipt the sender reads (the API's `Receipt`). */
import type { Receipt, UnitRef, Verdict } from '../../shared/api/schemas';
import type { CheckResult } from '../../shared/workbook/check';
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

export function toReceipt(record: SubmissionRecord, unit: UnitRecord | undefined, duplicate: boolean): Receipt {
  return {
    submissionId: record.id,
    unit: unit ? unitRef(unit) : null,
    year: record.year,
    stage: record.stage,
    version: record.version,
    receivedAt: record.receivedAt.toISOString(),
    late: record.late,
    daysLate: record.daysLate,
    duplicate,
    valid: record.valid,
    verdict: verdictOf(record.result),
    errors: record.errors,
    warnings: record.result.warnings,
    sha256: record.sha256,
    fileName: record.fileName,
  };
}
