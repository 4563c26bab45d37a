/**
 * How both stores build the rows of `Store.listSubmissionSummaries` for a large year (300,000
 * rows at 100,000 units) so that what stays in memory is the data and not its packaging:
 * - each summary is one object literal with its fields in one order (an object spread with an
 *   added field made V8 keep every row as a dictionary, about twice the size);
 * - texts repeated from row to row (a unit's id on its three submissions, the stage, a file's
 *   hash, the sender, the review's author) and inside the kept results (the criteria set's id,
 *   version and hash, the evidence, the reasons, the workbook's head, contact and phone) are held
 *   once per read by a TextPool instead of once per row, and so are equal criterion scores and
 *   dossiers (most units score most criteria alike).
 */
import type { ReviewState } from '../../shared/api/schemas';
import type { Stage } from '../../shared/deadlines/calendar';
import type { CheckResult } from '../../shared/workbook/checkResult';
import type { SubmissionSummary, SummaryFilter } from './store';

type Score = CheckResult['scores'][number];

/**
 * One instance of each equal text met during one read (a Map from a text to its first
 * instance), and of each equal criterion score and dossier of the results read (never changed
 * once read: consolidation and the appraisal make new results rather than change these).
 */
export class TextPool {
  private readonly seen = new Map<string, string>();
  private readonly scores = new Map<string, Score>();
  private readonly dossiers = new Map<string, CheckResult['dossier']>();

  /** The first score met equal to `s` (same criterion, maximum, score, hard flag and evidence). */
  score(s: Score): Score {
    const key = `${s.number}|${s.max}|${s.score}|${s.hard ? 1 : 0}|${s.evidence}`;
    const first = this.scores.get(key);
    if (first !== undefined) return first;
    s.evidence = this.text(s.evidence);
    this.scores.set(key, s);
    return s;
  }

  /** The first dossier met with the same items in the same order. */
  dossier(d: CheckResult['dossier']): CheckResult['dossier'] {
    const key = Object.entries(d).map(([k, v]) => `${k}:${v ? 1 : 0}`).join('|');
    const first = this.dossiers.get(key);
    if (first !== undefined) return first;
    this.dossiers.set(key, d);
    return d;
  }

  /** The first instance of a text equal to `value` met by this pool. */
  text(value: string): string {
    const first = this.seen.get(value);
    if (first !== undefined) return first;
    this.seen.set(value, value);
    return value;
  }

  /** As text(), keeping null. */
  maybe(value: string | null): string | null {
    return value === null ? null : this.text(value);
  }
}

/** A submission row's fields as both stores have read them (their own column types converted). */
export type SummaryFields = Omit<SubmissionSummary, 'result'>;

/** A summary row with its repeated texts pooled; `result` is that of the counted final version, else null. */
export function submissionSummary(fields: SummaryFields, result: CheckResult | null, pool: TextPool): SubmissionSummary {
  const review = fields.review;
  return {
    id: fields.id,
    unitId: pool.maybe(fields.unitId),
    year: fields.year,
    stage: pool.text(fields.stage) as Stage,
    version: fields.version,
    sha256: pool.text(fields.sha256),
    size: fields.size,
    fileName: fields.fileName,
    receivedAt: fields.receivedAt,
    late: fields.late,
    daysLate: fields.daysLate,
    valid: fields.valid,
    actor: pool.text(fields.actor),
    fileKept: fields.fileKept,
    review: review && { submissionId: fields.id, state: pool.text(review.state) as ReviewState, note: pool.text(review.note), by: pool.text(review.by), at: review.at },
    result: result && pooledResult(result, pool),
  };
}

/**
 * The same result with the texts that repeat from unit to unit pooled (changed in place: the
 * result is the store's own freshly parsed copy). The unit's code and name are its own and stay.
 */
export function pooledResult(result: CheckResult, pool: TextPool): CheckResult {
  result.setId = pool.maybe(result.setId);
  result.setVersion = pool.maybe(result.setVersion);
  result.setHash = pool.maybe(result.setHash);
  result.band = pool.maybe(result.band);
  if (result.unit) {
    const u = result.unit;
    u.parent = pool.text(u.parent);
    u.head = pool.text(u.head);
    u.contact = pool.text(u.contact);
    u.phone = pool.text(u.phone);
  }
  result.scores = result.scores.map((s) => pool.score(s));
  result.dossier = pool.dossier(result.dossier);
  result.reasons = result.reasons.map((r) => pool.text(r));
  for (const issue of result.warnings) issue.message = pool.text(issue.message);
  return result;
}

/** The units a summary filter keeps (null: every unit of the year). */
export function summaryUnits(filter: SummaryFilter): readonly string[] | null {
  if (filter.unitId === undefined) return filter.unitIds ?? null;
  return !filter.unitIds || filter.unitIds.includes(filter.unitId) ? [filter.unitId] : [];
}
