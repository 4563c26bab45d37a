/**
 * A scored workbook's verdict as the API sends it, and its result in words: one builder for the
 * receipts, the unit page and the province's board, one wording for the unit page and the
 * console, so a pass-fail set reads "Đạt 6/6 tiêu chí" everywhere, as the documents say it.
 */
import type { Verdict } from '../api/schemas';
import type { CriteriaRegistry } from '../criteria/load';
import { vi } from '../i18n/vi';
import type { CheckResult } from '../workbook/checkResult';

/**
 * The verdict of a result that names its set; null when nothing could be read. Whether the set is
 * pass-fail comes from the result (the reader records it); for a result kept before it did, from
 * the set in `sets` (false without them, or when the set is no longer known).
 */
export function verdictOf(result: CheckResult, sets?: CriteriaRegistry): Verdict | null {
  if (result.setId === null) return null;
  const passFail = result.passFail ?? (sets?.find(result.setId, result.setVersion ?? undefined)?.scoring.kind === 'pass-fail');
  return {
    eligible: result.eligible, total: result.total, max: result.max, threshold: result.threshold,
    hardFailures: result.hardFailures, reasons: result.reasons, passFail,
  };
}

/** "Đạt 5/6 tiêu chí" for a pass-fail set, else "Tổng điểm 46/50 (cần từ 45)"; '' without a total. */
export function verdictResultText(verdict: Verdict): string {
  if (verdict.total === null || verdict.max === null) return '';
  return verdict.passFail ? vi.passedCriteria(verdict.total, verdict.max) : vi.totalPoints(verdict.total, verdict.max, verdict.threshold);
}
