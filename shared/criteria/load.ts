import { z } from 'zod';
import { criteriaSetSchema, type CriteriaSet } from './schema';
import { canonicalJson, sha256Hex } from '../util/sha256';
import { isMultipleOf, roundScore, formatNumberVi } from '../util/numbers';
import { err, ok, type Result } from '../util/result';

/** Reads a criteria set document and checks that it is consistent. Messages are Vietnamese. */
export function parseCriteriaSet(document: unknown, source = 'bộ tiêu chí'): Result<CriteriaSet, string[]> {
  const parsed = criteriaSetSchema.safeParse(document);
  if (!parsed.success) {
    return err(parsed.error.issues.map((issue) => `${source}: trường "${issue.path.join('.') || '(gốc)'}" không hợp lệ: ${issue.message}`));
  }
  const problems = consistencyProblems(parsed.data).map((p) => `${source}: ${p}`);
  return problems.length > 0 ? err(problems) : ok(parsed.data);
}

function consistencyProblems(set: CriteriaSet): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const c of set.criteria) {
    if (seen.has(c.number)) problems.push(`tiêu chí số ${c.number} bị trùng.`);
    seen.add(c.number);
    if (!isMultipleOf(c.maxPoints, c.step)) {
      problems.push(`tiêu chí ${c.number}: điểm tối đa ${formatNumberVi(c.maxPoints)} không chia hết cho bước điểm ${formatNumberVi(c.step)}.`);
    }
  }
  if (set.scoring.kind === 'points') {
    const sum = roundScore(set.criteria.reduce((total, c) => total + c.maxPoints, 0));
    if (sum !== set.scoring.scale) {
      problems.push(`tổng điểm tối đa các tiêu chí là ${formatNumberVi(sum)}, khác thang điểm ${formatNumberVi(set.scoring.scale)}.`);
    }
    if (set.scoring.passThreshold > set.scoring.scale) {
      problems.push(`ngưỡng đạt ${formatNumberVi(set.scoring.passThreshold)} lớn hơn thang điểm ${formatNumberVi(set.scoring.scale)}.`);
    }
  } else {
    for (const c of set.criteria) {
      if (c.maxPoints !== 1 || c.step !== 1) problems.push(`tiêu chí ${c.number}: bộ tiêu chí đạt/không đạt phải có điểm tối đa 1 và bước 1.`);
    }
  }
  return problems;
}

const setHashes = new WeakMap<CriteriaSet, string>();

/**
 * SHA-256 of the set's canonical JSON: the same content always has the same hash. Remembered per
 * set object (sets are never mutated), since every workbook read compares against the registry's.
 * `shortTitle` and `purpose` are left out: they say how the province names and uses the set, not
 * what it scores, so adding or changing them (as the shipped sets did in 2026) leaves every
 * workbook already handed out valid.
 */
export function criteriaSetHash(set: CriteriaSet): string {
  let hash = setHashes.get(set);
  if (hash === undefined) {
    const { shortTitle: _shortTitle, purpose: _purpose, ...scored } = set;
    hash = sha256Hex(canonicalJson(scored));
    setHashes.set(set, hash);
  }
  return hash;
}

/** A hard-criteria reference list such as [5, 8, 9], in the set's order. */
export function hardCriteria(set: CriteriaSet): number[] {
  return set.criteria.filter((c) => c.hard).map((c) => c.number);
}

export const criteriaSetListEntrySchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  unitKinds: z.array(z.string()),
  scoring: z.enum(['points', 'pass-fail']),
  criteria: z.number(),
  scale: z.number().nullable(),
  draft: z.boolean(),
});
export type CriteriaSetListEntry = z.infer<typeof criteriaSetListEntrySchema>;

export function listEntry(set: CriteriaSet): CriteriaSetListEntry {
  return {
    id: set.id,
    version: set.version,
    title: set.title,
    unitKinds: set.unitKinds,
    scoring: set.scoring.kind,
    criteria: set.criteria.length,
    scale: set.scoring.kind === 'points' ? set.scoring.scale : null,
    draft: set.draft,
  };
}

/** The sets a deployment knows, found by id and version. */
export interface CriteriaRegistry {
  all(): readonly CriteriaSet[];
  find(id: string, version?: string): CriteriaSet | undefined;
}

export function createRegistry(sets: readonly CriteriaSet[]): CriteriaRegistry {
  return {
    all: () => sets,
    find: (id, version) => sets.find((s) => s.id === id && (version === undefined || s.version === version)),
  };
}
