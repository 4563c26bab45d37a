/**
 * The sync service's JSON API: every request and response body, once, as zod schemas. The
 * server validates with them, the add-in and the console parse responses with them.
 */
import { z } from 'zod';
import { stageSchema } from '../deadlines/calendar';
import { unitKindSchema } from '../units/kinds';
import { checkResultSchema, readIssueSchema } from '../workbook/check';
import { calendarSchema } from '../deadlines/calendar';

export const REVIEW_STATES = ['received', 'has-issues', 'approved', 'rejected'] as const;
export const reviewStateSchema = z.enum(REVIEW_STATES);
export type ReviewState = z.infer<typeof reviewStateSchema>;

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  received: 'Đã tiếp nhận',
  'has-issues': 'Cần bổ sung',
  approved: 'Đã duyệt',
  rejected: 'Không duyệt',
};

export const verdictSchema = z.object({
  eligible: z.boolean(),
  total: z.number().nullable(),
  max: z.number().nullable(),
  threshold: z.number().nullable(),
  hardFailures: z.array(z.number()),
  reasons: z.array(z.string()),
});
export type Verdict = z.infer<typeof verdictSchema>;

export const unitRefSchema = z.object({ id: z.string(), name: z.string(), kind: unitKindSchema, parent: z.string() });
export type UnitRef = z.infer<typeof unitRefSchema>;

/** What the service answers to every intake, accepted or not. */
export const receiptSchema = z.object({
  submissionId: z.string(),
  unit: unitRefSchema.nullable(),
  year: z.number(),
  stage: stageSchema,
  /** 1-based version within unit × year × stage; null for a file refused as invalid. */
  version: z.number().nullable(),
  receivedAt: z.string(),
  late: z.boolean(),
  daysLate: z.number(),
  /** The exact same file was already received: this is its receipt. */
  duplicate: z.boolean(),
  valid: z.boolean(),
  verdict: verdictSchema.nullable(),
  errors: z.array(readIssueSchema),
  warnings: z.array(readIssueSchema),
  sha256: z.string(),
  fileName: z.string(),
});
export type Receipt = z.infer<typeof receiptSchema>;

/** Every error response: a code for programs, a Vietnamese message for people. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(readIssueSchema).optional(),
    receipt: receiptSchema.optional(),
    /** For `unit-unknown`: the unit as the workbook names it, so a client can offer to add it. */
    workbookUnit: z.object({ name: z.string(), kind: unitKindSchema.nullable(), parent: z.string(), contact: z.string() }).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const STAGE_STATUSES = ['not-submitted', 'on-time', 'late', 'invalid'] as const;
export const stageStatusSchema = z.enum(STAGE_STATUSES);

export const stageSummarySchema = z.object({
  stage: stageSchema,
  status: stageStatusSchema,
  review: reviewStateSchema.nullable(),
  versions: z.number(),
  latestSubmissionId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** Days after the due day the counted version arrived (0 when on time or not submitted). */
  daysLate: z.number().default(0),
});
export type StageSummary = z.infer<typeof stageSummarySchema>;

/** One row of the status board and of the consolidated sheet. */
export const unitStatusSchema = z.object({
  unit: unitRefSchema.extend({ contact: z.string() }),
  year: z.number(),
  stages: z.array(stageSummarySchema),
  /** The latest valid final-stage workbook's result (appraisal scores applied when present). */
  result: checkResultSchema.nullable(),
  verdict: verdictSchema.nullable(),
  appraised: z.boolean(),
  dossierComplete: z.boolean().nullable(),
  risk: z.object({
    stage: stageSchema.nullable(),
    state: z.string(),
    label: z.string(),
    canStillQualify: z.boolean(),
  }),
});
export type UnitStatus = z.infer<typeof unitStatusSchema>;

export const unitsResponseSchema = z.object({
  year: z.number(),
  generatedAt: z.string(),
  counts: z.object({
    expected: z.number(),
    submitted: z.number(),
    valid: z.number(),
    eligible: z.number(),
    late: z.number(),
    missing: z.number(),
  }),
  /** The province aims to recognise at least this many units a year. */
  yearlyTarget: z.number(),
  units: z.array(unitStatusSchema),
});
export type UnitsResponse = z.infer<typeof unitsResponseSchema>;

export const submissionSummarySchema = z.object({
  id: z.string(),
  stage: stageSchema,
  version: z.number().nullable(),
  receivedAt: z.string(),
  late: z.boolean(),
  valid: z.boolean(),
  fileName: z.string(),
  sha256: z.string(),
  review: reviewStateSchema.nullable(),
  result: checkResultSchema,
  /** Criteria whose score changed from the previous valid version of the same stage. */
  changes: z.array(z.object({ number: z.number(), before: z.number().nullable(), after: z.number().nullable() })),
});
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;

export const unitSubmissionsResponseSchema = z.object({
  unit: unitRefSchema.extend({ contact: z.string() }),
  submissions: z.array(submissionSummarySchema),
  appraisal: z.record(z.string(), z.number()).nullable(),
  reopened: z.array(stageSchema),
});
export type UnitSubmissionsResponse = z.infer<typeof unitSubmissionsResponseSchema>;

export const reviewRequestSchema = z.object({
  state: reviewStateSchema,
  note: z.string().max(2000).default(''),
  /** The submission reviewed; by default the unit's counted final-stage submission of the year. */
  submissionId: z.string().optional(),
});
/** Adds one expected unit (the console offers it when a workbook names a unit not on the list). */
export const unitCreateRequestSchema = z.object({
  name: z.string().trim().min(1).max(300),
  kind: unitKindSchema,
  parent: z.string().max(300).default(''),
  contact: z.string().max(300).default(''),
});
export const unitResponseSchema = unitRefSchema.extend({ contact: z.string() });
export type UnitResponse = z.infer<typeof unitResponseSchema>;
/** The council's score per criterion number; null clears it. */
export const appraisalRequestSchema = z.object({ scores: z.record(z.string(), z.number().nonnegative().nullable()) });
export const exceptionRequestSchema = z.object({ stage: stageSchema, note: z.string().max(2000).default('') });
export const calendarRequestSchema = calendarSchema;

export const auditEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  unitId: z.string().nullable(),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * `Idempotency-Key` request header of `POST /api/submissions`: one key per submission, kept across
 * its retries (a UUID, say). A repeat of a key by the same sender (token) is answered with the
 * first submission's answer, 200, whatever the bytes. 1–200 visible ASCII characters.
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7E]{1,200}$/u);

/** `GET /api/health`: 200 `{ ok: true }`; 503 `{ ok: false, problem }` when the data folder cannot be written. */
export const healthResponseSchema = z.object({
  ok: z.boolean(),
  version: z.string(),
  time: z.string(),
  problem: z.string().optional(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
