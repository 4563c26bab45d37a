import { z } from 'zod';
import { unitKindSchema } from '../units/kinds';

/** Items of the recognition dossier (hồ sơ đề nghị công nhận). */
export const DOSSIER_ITEMS = ['report', 'request', 'minutes', 'registration'] as const;
export const dossierItemSchema = z.enum(DOSSIER_ITEMS);
export type DossierItem = z.infer<typeof dossierItemSchema>;

export const criterionSchema = z.object({
  number: z.number().int().positive(),
  group: z.string().min(1),
  title: z.string().min(1),
  /** What evidence proves the criterion (Minh chứng). */
  guidance: z.string().default(''),
  /** For pass-fail sets every criterion is 1 point with step 1 (1 = đạt, 0 = chưa đạt). */
  maxPoints: z.number().positive(),
  step: z.number().positive(),
  /** Tiêu chí cứng: must reach its maximum for the unit to qualify. */
  hard: z.boolean().default(false),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const bandSchema = z.object({ label: z.string().min(1), minTotal: z.number().nonnegative() });
export type Band = z.infer<typeof bandSchema>;

export const scoringSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('points'),
    scale: z.number().positive(),
    passThreshold: z.number().nonnegative(),
    /** Optional classification (xuất sắc / khá / ...), highest first; cut-offs are configuration. */
    bands: z.array(bandSchema).optional(),
  }),
  z.object({ kind: z.literal('pass-fail') }),
]);
export type Scoring = z.infer<typeof scoringSchema>;

/**
 * What the province uses a set for: `yearly-report`, the điển hình scoring a unit sends as its
 * yearly report (Báo cáo kết quả năm); `on-request`, a standard a unit scores only when the
 * province asks for it (Thông tư 124's "An toàn về an ninh, trật tự").
 */
export const SET_PURPOSES = ['yearly-report', 'on-request'] as const;
export const setPurposeSchema = z.enum(SET_PURPOSES);
export type SetPurpose = z.infer<typeof setPurposeSchema>;

export const criteriaSetSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang'),
  version: z.string().min(1),
  title: z.string().min(1),
  /** A few words naming the set in a file name ("Điển hình", "An toàn về ANTT"); without one, the title cut short. */
  shortTitle: z.string().trim().min(1).max(40).optional(),
  /**
   * Default `yearly-report`: a set a province adds (the official điển hình text replacing a draft)
   * is the yearly report's form unless its file says otherwise.
   */
  purpose: setPurposeSchema.default('yearly-report'),
  legalBasis: z.string().min(1),
  unitKinds: z.array(unitKindSchema).min(1),
  /** A draft must be checked against the official text before it is relied on. */
  draft: z.boolean(),
  draftNote: z.string().optional(),
  scoring: scoringSchema,
  /** Dossier items a unit must have for recognition. */
  dossier: z.array(dossierItemSchema).default([...DOSSIER_ITEMS]),
  criteria: z.array(criterionSchema).min(1),
});
export type CriteriaSet = z.infer<typeof criteriaSetSchema>;
/** The JSON form a province writes (defaults may be omitted). */
export type CriteriaSetInput = z.input<typeof criteriaSetSchema>;
