/**
 * What checking one workbook yields, as data: its schema (the shape `dien-hinh check --json`
 * prints, the server keeps and the API sends) and its score fields. Apart from check.ts, which
 * reads a workbook into it, so that the web apps, which only receive results, do not carry the
 * workbook interpreter.
 */
import { z } from 'zod';
import type { Evaluation } from '../scoring/evaluate';
import { unitKindSchema } from '../units/kinds';

export const readIssueSchema = z.object({ sheet: z.string(), cell: z.string(), message: z.string() });

/** What checking one workbook yields: the shape `dien-hinh check --json` prints and the server keeps. */
export const checkResultSchema = z.object({
  ok: z.boolean(),
  unit: z.object({
    /** The unit code the workbook carries ('' when none: blank template, or made before codes). */
    code: z.string().default(''),
    name: z.string(),
    kind: unitKindSchema.nullable(),
    parent: z.string(),
    head: z.string(),
    contact: z.string(),
    phone: z.string(),
    year: z.number().nullable(),
  }).nullable(),
  setId: z.string().nullable(),
  setVersion: z.string().nullable(),
  setHash: z.string().nullable(),
  draftSet: z.boolean().nullable(),
  /** The set is scored Đạt / Chưa đạt (1 / 0) per criterion, not in points; absent in results kept before it was recorded. */
  passFail: z.boolean().optional(),
  scores: z.array(z.object({
    number: z.number(),
    max: z.number(),
    score: z.number().nullable(),
    /** True when a score was typed and refused (its error is in `errors`); absent when left empty or scored. Results kept before this field have it absent. */
    refused: z.literal(true).optional(),
    hard: z.boolean(),
    evidence: z.string(),
  })),
  total: z.number().nullable(),
  max: z.number().nullable(),
  threshold: z.number().nullable(),
  hardFailures: z.array(z.number()),
  dossier: z.record(z.string(), z.boolean()),
  band: z.string().nullable(),
  eligible: z.boolean(),
  reasons: z.array(z.string()),
  errors: z.array(readIssueSchema),
  warnings: z.array(readIssueSchema),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** The score fields of a result from an evaluation; consolidation re-scores with appraisal scores through it too. */
export function scoredFields(evaluation: Evaluation, evidence: ReadonlyMap<number, string>): Pick<CheckResult, 'scores' | 'total' | 'max' | 'threshold' | 'hardFailures' | 'band'> {
  return {
    scores: evaluation.criteria.map((r) => ({
      number: r.criterion.number,
      max: r.criterion.maxPoints,
      score: r.score ?? null,
      ...(r.status === 'invalid' ? { refused: true as const } : {}),
      hard: r.criterion.hard,
      evidence: evidence.get(r.criterion.number) ?? '',
    })),
    total: evaluation.total,
    max: evaluation.max,
    threshold: evaluation.threshold,
    hardFailures: evaluation.hardFailures,
    band: evaluation.band ?? null,
  };
}
