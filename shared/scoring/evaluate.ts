import type { CriteriaSet, Criterion, DossierItem } from '../criteria/schema';
import { vi } from '../i18n/vi';
import { roundScore } from '../util/numbers';
import { DOSSIER_ITEM_SHORT } from '../workbook/layout';

/** A unit's entry for one criterion: a valid score, not scored yet, or an invalid typed value. */
export type Entry =
  | { kind: 'scored'; score: number }
  | { kind: 'empty' }
  | { kind: 'invalid'; message: string };

export type CriterionStatus = 'scored' | 'missing' | 'invalid' | 'hard-below-max' | 'not-passed';

export interface CriterionResult {
  criterion: Criterion;
  score: number | undefined;
  status: CriterionStatus;
  /** Vietnamese explanation when status is not "scored". */
  message?: string;
}

export interface Evaluation {
  setId: string;
  criteria: CriterionResult[];
  total: number;
  /** Scale of a points set; the number of criteria of a pass-fail set. */
  max: number;
  threshold: number;
  scoredCount: number;
  missing: number[];
  invalid: number[];
  hardFailures: number[];
  dossierMissing: DossierItem[];
  /** Classification band label (xuất sắc / khá / ...), when the set defines bands. */
  band: string | undefined;
  eligible: boolean;
  /** Every reason the unit would not qualify, in Vietnamese; empty when eligible. */
  reasons: string[];
}

/**
 * Scores a unit against a set: per-criterion status, total, hard criteria, dossier, verdict.
 * Pure: the same entries always give the same evaluation.
 */
export function evaluate(
  set: CriteriaSet,
  entries: ReadonlyMap<number, Entry>,
  dossier: Partial<Record<DossierItem, boolean>> = {},
): Evaluation {
  const criteria = set.criteria.map((criterion) => judgeCriterion(set, criterion, entries.get(criterion.number) ?? { kind: 'empty' }));
  const total = roundScore(criteria.reduce((sum, r) => sum + (r.score ?? 0), 0));
  const pick = (status: CriterionStatus) => criteria.filter((r) => r.status === status).map((r) => r.criterion.number);
  const missing = pick('missing');
  const invalid = pick('invalid');
  const hardFailures = pick('hard-below-max');
  const dossierMissing = set.dossier.filter((item) => dossier[item] !== true);
  const isPoints = set.scoring.kind === 'points';
  const max = isPoints ? (set.scoring as { scale: number }).scale : set.criteria.length;
  const threshold = isPoints ? (set.scoring as { passThreshold: number }).passThreshold : set.criteria.length;

  const reasons: string[] = [];
  if (missing.length === 1) reasons.push(vi.missingEntry(missing[0]!));
  if (missing.length > 1) reasons.push(vi.missingEntries(missing));
  for (const number of invalid) reasons.push(vi.invalidEntry(number));
  if (isPoints && total < threshold) reasons.push(vi.belowThreshold(total, threshold));
  for (const r of criteria) if (r.status === 'hard-below-max' || r.status === 'not-passed') reasons.push(r.message!);
  if (dossierMissing.length > 0) reasons.push(vi.dossierMissing(dossierMissing.map((item) => DOSSIER_ITEM_SHORT[item])));

  return {
    setId: set.id,
    criteria,
    total,
    max,
    threshold,
    scoredCount: criteria.filter((r) => r.score !== undefined).length,
    missing,
    invalid,
    hardFailures,
    dossierMissing,
    band: isPoints ? bandFor(set, total) : undefined,
    eligible: reasons.length === 0,
    reasons,
  };
}

function judgeCriterion(set: CriteriaSet, criterion: Criterion, entry: Entry): CriterionResult {
  if (entry.kind === 'empty') return { criterion, score: undefined, status: 'missing', message: vi.missingEntry(criterion.number) };
  if (entry.kind === 'invalid') return { criterion, score: undefined, status: 'invalid', message: entry.message };
  const { score } = entry;
  if (set.scoring.kind === 'pass-fail' && score < 1) {
    return { criterion, score, status: 'not-passed', message: vi.criterionNotPassed(criterion.number) };
  }
  if (criterion.hard && score < criterion.maxPoints) {
    return { criterion, score, status: 'hard-below-max', message: vi.hardBelowMax(criterion.number, score, criterion.maxPoints) };
  }
  return { criterion, score, status: 'scored' };
}

function bandFor(set: CriteriaSet, total: number): string | undefined {
  if (set.scoring.kind !== 'points' || !set.scoring.bands) return undefined;
  const bands = [...set.scoring.bands].sort((a, b) => b.minTotal - a.minTotal);
  return bands.find((b) => total >= b.minTotal)?.label;
}
