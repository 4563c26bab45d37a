/**
 * The sync service's JSON API: every request and response body, once, as zod schemas. The
 * server validates with them, the add-in and the console parse responses with them.
 */
import { z } from 'zod';
import { stageSchema } from '../deadlines/calendar';
import { unitKindSchema } from '../units/kinds';
import { checkResultSchema, readIssueSchema } from '../workbook/checkResult';
import { calendarInputSchema } from '../deadlines/calendar';
import { recipientNamesSigner } from '../documents/signer';
import { formatVnDate, parseVnDate } from '../deadlines/vietnamTime';
import { setPurposeSchema } from '../criteria/schema';

export const REVIEW_STATES = ['received', 'has-issues', 'approved', 'rejected'] as const;
export const reviewStateSchema = z.enum(REVIEW_STATES);
export type ReviewState = z.infer<typeof reviewStateSchema>;

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  received: 'Đã tiếp nhận',
  'has-issues': 'Cần bổ sung',
  approved: 'Đã duyệt',
  rejected: 'Không duyệt',
};

/** A scored workbook's verdict, built by `verdictOf` (shared/scoring/verdict.ts) and written by `verdictResultText`. */
export const verdictSchema = z.object({
  eligible: z.boolean(),
  total: z.number().nullable(),
  max: z.number().nullable(),
  threshold: z.number().nullable(),
  hardFailures: z.array(z.number()),
  reasons: z.array(z.string()),
  /** The set is scored Đạt / Chưa đạt: `total` is the criteria met of `max`, not points. False when absent (an answer from before it was sent). */
  passFail: z.boolean().default(false),
});
export type Verdict = z.infer<typeof verdictSchema>;

/** A unit as the API names it: `code` (mã đơn vị) is its identity in routes; `id` is the internal key. */
export const unitRefSchema = z.object({ id: z.string(), code: z.string().default(''), name: z.string(), kind: unitKindSchema, parent: z.string() });
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
    workbookUnit: z.object({
      code: z.string().default(''), name: z.string(), kind: unitKindSchema.nullable(), parent: z.string(), contact: z.string(),
    }).optional(),
    /** For `unit-ambiguous` (409) and `unit-unknown` (422): registered units the file could belong to; for `wrong-unit`: the unit it names. */
    candidates: z.array(unitRefSchema).optional(),
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
  /** The counted version arrived after the lock day (through an exception). Derived, like daysLate, from the calendar in force. */
  afterLock: z.boolean().optional(),
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
  /**
   * Present when one page was asked for (GET /api/units?limit=&offset=): `units` holds rows
   * offset… of `total` in name order; `counts` are still the whole year's; `approved`: eligible
   * units whose final report is approved.
   */
  page: z.object({ offset: z.number(), limit: z.number(), total: z.number(), approved: z.number() }).optional(),
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
  /** The latest review's note (empty without one). */
  reviewNote: z.string().optional(),
  /** When the unit first saw the latest review on its portal page; null while it has not. */
  reviewSeenAt: z.string().nullable().optional(),
});
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;

export const unitSubmissionsResponseSchema = z.object({
  unit: unitRefSchema.extend({ contact: z.string() }),
  submissions: z.array(submissionSummarySchema),
  appraisal: z.record(z.string(), z.number()).nullable(),
  reopened: z.array(stageSchema),
  /** When the appraisal result was published to the unit's portal page; null while it is not. */
  appraisalPublishedAt: z.string().nullable().optional(),
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
  /** Optional: the province's own code; otherwise one is assigned (kind prefix + sequence). */
  code: z.string().trim().max(32).default(''),
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
export const calendarRequestSchema = calendarInputSchema;

export const auditEntrySchema = z.object({
  at: z.string(),
  /** Who: the admin token's label, the unit's name, or "dòng lệnh". */
  actor: z.string(),
  /** The stored action code (stable: "submission-invalid", "unit-add", "tokens"…). */
  action: z.string(),
  /** The action in words a user reads ("Nộp báo cáo (không hợp lệ)"), derived from the code. */
  actionLabel: z.string(),
  unitId: z.string().nullable(),
  /** The unit's code (mã đơn vị), when the entry concerns a unit. */
  unitCode: z.string().nullable().default(null),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET /api/units/registry`: the registry (code, name, kind, parent, contact, whether a token is in force). */
export const unitListEntrySchema = unitRefSchema.extend({ contact: z.string(), hasToken: z.boolean() });
export type UnitListEntry = z.infer<typeof unitListEntrySchema>;
export const unitListResponseSchema = z.array(unitListEntrySchema);

/** `POST /api/units/:code/token`: one unit's new token, shown once (the old one stops working). */
export const unitTokenResponseSchema = z.object({ code: z.string(), name: z.string(), token: z.string() });
export type UnitTokenResponse = z.infer<typeof unitTokenResponseSchema>;

// ── Document settings (per year): the letterhead, numbers, signer and recipients of the .docx documents ──

/** The documents made from Word templates (file names in server/documents/templates/). */
export const DOCUMENT_KINDS = ['bao-cao', 'to-trinh', 'quyet-dinh', 'bien-ban'] as const;
export const documentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof documentKindSchema>;

const settingText = (max: number) => z.string().trim().max(max);

export const signerSchema = z.object({
  /** Quyền hạn: "KT. GIÁM ĐỐC" when a deputy signs for the head, "TM. ỦY BAN NHÂN DÂN"; empty when the head signs. */
  authority: settingText(100).default(''),
  /** Chức vụ: "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHỦ TỊCH". */
  title: settingText(100).min(1, 'nhập chức vụ người ký, ví dụ GIÁM ĐỐC'),
  /** Họ tên; empty leaves the line to be written by hand. */
  name: settingText(100).default(''),
});
export type SignerSettings = z.infer<typeof signerSchema>;

/** Số and ký hiệu of one document: "125" and "BC-CAT" print "Số: 125/BC-CAT"; an empty number leaves room to write it. */
export const documentNumberSchema = z.object({
  number: settingText(20).default(''),
  symbol: settingText(40).min(1, 'nhập ký hiệu văn bản, ví dụ BC-CAT'),
  /** "Nơi nhận", one line each ("Như trên;", "Lưu: VT, PV01."); never the signer. */
  recipients: z.array(settingText(200).min(1)).max(30).default([]),
});
export type DocumentNumberSettings = z.infer<typeof documentNumberSchema>;

const documentSettingsShape = z.object({
  /** Cơ quan chủ quản, the line above the issuing body (Công an tỉnh: BỘ CÔNG AN). */
  parentBody: settingText(200).default(''),
  /** Cơ quan ban hành: "CÔNG AN TỈNH ĐỒNG THÁP". */
  issuingBody: settingText(200).min(1, 'nhập tên cơ quan ban hành, ví dụ CÔNG AN TỈNH ĐỒNG THÁP'),
  /** Địa danh: "Đồng Tháp". */
  place: settingText(100).min(1, 'nhập địa danh, ví dụ Đồng Tháp'),
  /**
   * Ngày ký, kept as dd/mm/yyyy; a day or month typed with one digit ("5/12/2026") is taken and
   * kept as "05/12/2026", one rule for the console, the API and the CLI. Empty: the day the
   * document is made.
   */
  date: z.string().trim().transform((text, ctx) => {
    if (text === '') return '';
    const day = parseVnDate(text);
    if (day) return formatVnDate(day);
    ctx.addIssue({ code: 'custom', message: 'viết ngày theo dạng dd/mm/yyyy (ví dụ 05/12/2026), là một ngày có thật, hoặc để trống để lấy ngày tải văn bản' });
    return z.NEVER;
  }).default(''),
  /** Who signs the báo cáo and the tờ trình. */
  signer: signerSchema,
  /** "Kính gửi" of the tờ trình: "Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp". */
  addressee: settingText(200).min(1, 'nhập nơi kính gửi của tờ trình'),
  baoCao: documentNumberSchema,
  toTrinh: documentNumberSchema,
  /**
   * The draft decision is the People's Committee's: its own issuing body and signer. It has no
   * number here: the committee gives the number and the date when it issues the decision, so the
   * draft leaves both dotted.
   */
  quyetDinh: documentNumberSchema.omit({ number: true }).extend({
    issuingBody: settingText(200).min(1, 'nhập cơ quan ban hành quyết định, ví dụ ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP'),
    signer: signerSchema,
  }),
  /** The appraisal council of the biên bản thẩm định. */
  bienBan: z.object({
    symbol: settingText(40).default('BB-HĐTĐ'),
    council: settingText(200).min(1, 'nhập tên hội đồng thẩm định'),
    chair: settingText(100).default(''),
    secretary: settingText(100).default(''),
  }),
});

/** Lines of "Nơi nhận" that name the signer, as "field: message" problems (empty when none). */
function signerInRecipients(settings: z.infer<typeof documentSettingsShape>): { path: (string | number)[]; message: string }[] {
  const checks: [keyof Pick<typeof settings, 'baoCao' | 'toTrinh' | 'quyetDinh'>, SignerSettings][] = [
    ['baoCao', settings.signer], ['toTrinh', settings.signer], ['quyetDinh', settings.quyetDinh.signer],
  ];
  return checks.flatMap(([doc, signer]) => settings[doc].recipients.flatMap((line, i) =>
    recipientNamesSigner(line, signer)
      ? [{ path: [doc, 'recipients', i], message: `"Nơi nhận" không ghi người ký văn bản ("${line}" là ${[signer.title, signer.name].filter(Boolean).join(' ')}); xoá dòng này.` }]
      : []));
}

export const documentSettingsSchema = documentSettingsShape.superRefine((settings, ctx) => {
  for (const problem of signerInRecipients(settings)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;

/** GET /api/document-settings: the year's settings, and whether anyone saved them yet (the console asks before the first download). */
export const documentSettingsResponseSchema = z.object({ year: z.number(), saved: z.boolean(), settings: documentSettingsSchema });
export type DocumentSettingsResponse = z.infer<typeof documentSettingsResponseSchema>;

// ── The unit portal (/don-vi/): what a unit token reads about its own unit ─────────────────────

/** A deadline of the year for the unit's kind, with where the unit stands (shared/deadlines/risk). */
export const unitDeadlineSchema = z.object({
  stage: stageSchema,
  /** dd/mm/yyyy */
  due: z.string(),
  lock: z.string(),
  state: z.enum(['done', 'done-late', 'upcoming', 'due-soon', 'due-today', 'overdue', 'locked']),
  /** Days until the due day (negative once past it). */
  daysLeft: z.number(),
  /** What a person reads: "Còn 12 ngày", "Quá hạn 3 ngày", "Đã nộp". */
  label: z.string(),
  /** An admin reopened intake of this stage for the unit after its lock day. */
  reopened: z.boolean(),
});
export type UnitDeadline = z.infer<typeof unitDeadlineSchema>;

/** The province's latest review of a submission, as the unit reads it. */
export const unitReviewSchema = z.object({
  state: reviewStateSchema,
  note: z.string(),
  at: z.string(),
  /** When the unit first saw it on its portal page. */
  seenAt: z.string().nullable(),
});

/** One file the unit sent, with the server's verdict, the cells to fix and the province's review. */
export const unitSubmissionSchema = z.object({
  id: z.string(),
  stage: stageSchema,
  version: z.number().nullable(),
  receivedAt: z.string(),
  late: z.boolean(),
  daysLate: z.number(),
  valid: z.boolean(),
  fileName: z.string(),
  verdict: verdictSchema.nullable(),
  errors: z.array(readIssueSchema),
  warnings: z.array(readIssueSchema),
  review: unitReviewSchema.nullable(),
});
export type UnitSubmission = z.infer<typeof unitSubmissionSchema>;

/** A criteria set the unit can download its pre-filled workbook for, and what the province uses it for (the page says which is the yearly report's). */
export const unitWorkbookOptionSchema = z.object({ setId: z.string(), setVersion: z.string(), title: z.string(), draft: z.boolean(), purpose: setPurposeSchema });
export type UnitWorkbookOption = z.infer<typeof unitWorkbookOptionSchema>;

/** `GET /api/unit`: the unit's own page. */
export const unitPageResponseSchema = z.object({
  unit: unitRefSchema,
  year: z.number(),
  generatedAt: z.string(),
  deadlines: z.array(unitDeadlineSchema),
  /** Per stage: the counted version, its lateness and review (as on the province's board). */
  stages: z.array(stageSummarySchema),
  /** Every file of the year, newest first. */
  submissions: z.array(unitSubmissionSchema),
  workbooks: z.array(unitWorkbookOptionSchema),
  /** The appraisal result, once the province has published it; null before. */
  appraisal: z.object({
    publishedAt: z.string(),
    /** The counted final report re-scored with the council's scores. */
    verdict: verdictSchema,
    appraised: z.boolean(),
    /** The set is scored Đạt / Chưa đạt (1 / 0) per criterion, not in points. */
    passFail: z.boolean().default(false),
    /** `appraised`: the council's score, null where it kept the self-score (which then counts). */
    scores: z.array(z.object({ number: z.number(), max: z.number(), self: z.number().nullable(), appraised: z.number().nullable() })),
  }).nullable(),
});
export type UnitPageResponse = z.infer<typeof unitPageResponseSchema>;

/** `PUT /api/units/:id/appraisal/publication`: show (or withdraw) the appraisal result on the unit's page. */
export const appraisalPublicationRequestSchema = z.object({ published: z.boolean() });
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
