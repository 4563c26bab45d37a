import type { CriteriaRegistry } from '../criteria/load';
import { STAGE_LABELS, type Stage } from '../deadlines/calendar';
import { vi } from '../i18n/vi';
import { evaluate, type Evaluation } from '../scoring/evaluate';
import { scoredFields, type CheckResult } from './checkResult';
import { dossierOf, entriesOf, interpretWorkbook, type Interpretation } from './interpret';
import { SHEETS } from './layout';
import type { WorkbookSnapshot } from './port';

/** Reads, validates and scores a workbook snapshot: the single path both server and add-in use. */
export function checkSnapshot(snapshot: WorkbookSnapshot, registry?: CriteriaRegistry): CheckResult {
  return checkInterpretation(interpretWorkbook(snapshot, registry));
}

export function checkInterpretation(interpretation: Interpretation): CheckResult {
  const { workbook, errors, warnings } = interpretation;
  if (!workbook) {
    return {
      ok: false, unit: null, setId: null, setVersion: null, setHash: null, draftSet: null, scores: [], total: null, max: null,
      threshold: null, hardFailures: [], dossier: {}, band: null, eligible: false, reasons: [], errors, warnings,
    };
  }
  const evaluation: Evaluation = evaluate(workbook.set, entriesOf(workbook), dossierOf(workbook));
  const evidence = new Map(workbook.scores.map((row) => [row.number, row.evidence]));
  return {
    ok: errors.length === 0,
    unit: { ...workbook.unit, kind: workbook.unit.kind ?? null, year: workbook.unit.year ?? null },
    setId: workbook.set.id,
    setVersion: workbook.set.version,
    setHash: workbook.setHash,
    draftSet: workbook.set.draft,
    ...scoredFields(evaluation, evidence),
    dossier: dossierOf(workbook),
    eligible: errors.length === 0 && evaluation.eligible,
    reasons: evaluation.reasons,
    errors,
    warnings,
  };
}

/**
 * A checked workbook as the report of `stage`: a mid-year or final report with no criterion
 * scored at all (the blank form sent by mistake) is not a report, so it is refused (`ok: false`,
 * one error on the "Chấm điểm" sheet) and cannot replace a unit's counted version. A registration
 * may come before any scoring: it is returned as it is. Intake and the offline consolidation
 * both apply it, so a blank form counts the same way in either.
 */
export function asStageReport(result: CheckResult, stage: Stage): CheckResult {
  if (stage === 'registration' || !result.ok || result.scores.length === 0 || result.scores.some((s) => s.score !== null)) return result;
  return refusedFor(result, { sheet: SHEETS.scores, cell: '', message: vi.noScores(STAGE_LABELS[stage].toLowerCase()) });
}

/** A checked workbook refused for one more reason than its own errors: not valid, so not eligible. */
export function refusedFor(result: CheckResult, issue: CheckResult['errors'][number]): CheckResult {
  return { ...result, ok: false, eligible: false, errors: [...result.errors, issue] };
}
