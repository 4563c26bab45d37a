import type { Criterion, CriteriaSet } from '../criteria/schema';
import { vi } from '../i18n/vi';
import { isMultipleOf, parseLooseNumber } from '../util/numbers';
import { err, ok, type Result } from '../util/result';
import { searchKey } from '../units/identity';
import type { CellValue } from '../workbook/port';

/**
 * Reads what a person typed as a criterion's score. Empty means "not scored yet" (undefined);
 * anything that would make the result wrong is an error message saying what to type instead.
 */
export function parseScore(set: CriteriaSet, criterion: Criterion, raw: CellValue | undefined): Result<number | undefined, string> {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return ok(undefined);
  if (set.scoring.kind === 'pass-fail') return parsePassFail(raw);
  const value = parseLooseNumber(typeof raw === 'boolean' ? undefined : raw);
  if (value === undefined) return err(vi.scoreNotNumber(String(raw).trim()));
  if (value < 0) return err(vi.scoreNegative(criterion.maxPoints));
  if (value > criterion.maxPoints) return err(vi.scoreAboveMax(value, criterion.maxPoints));
  if (!isMultipleOf(value, criterion.step)) return err(vi.scoreNotStep(value, criterion.step));
  return ok(value);
}

const PASS_WORDS = new Set(['dat', 'co', 'x', '1', 'yes', 'true']);
const FAIL_WORDS = new Set(['chua dat', 'khong dat', 'khong', '0', 'no', 'false']);

function parsePassFail(raw: CellValue): Result<number, string> {
  const key = searchKey(String(raw));
  if (PASS_WORDS.has(key)) return ok(1);
  if (FAIL_WORDS.has(key)) return ok(0);
  return err(vi.passFailInvalid(String(raw).trim()));
}
