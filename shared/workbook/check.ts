import type { CriteriaRegistry } from '../criteria/load';
import { evaluate, type Evaluation } from '../scoring/evaluate';
import { scoredFields, type CheckResult } from './checkResult';
import { dossierOf, entriesOf, interpretWorkbook, type Interpretation } from './interpret';
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
