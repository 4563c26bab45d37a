import type { CriteriaRegistry } from '../criteria/load';
import { STAGE_LABELS, type Stage } from '../deadlines/calendar';
import { vi } from '../i18n/vi';
import { evaluate, type Evaluation } from '../scoring/evaluate';
import { UNIT_KIND_LABELS, type UnitKind } from '../units/kinds';
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
    passFail: workbook.set.scoring.kind === 'pass-fail',
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

/**
 * A checked workbook as the report of a registered unit of `kind`: a workbook on a criteria set
 * that does not apply to that kind (the Xã form sent by an enterprise) is refused, whatever kind
 * the workbook itself names, so that no unit is judged by another kind's standard. The one rule
 * for both paths: intake applies it once the unit is attributed, the offline consolidation once a
 * file's unit is known. A workbook whose set was not read, or is not among `sets` (the reader
 * refused it already), is returned as it is.
 */
export function asReportOfUnitKind(result: CheckResult, kind: UnitKind, sets: CriteriaRegistry): CheckResult {
  if (result.setId === null || result.setVersion === null) return result;
  const set = sets.find(result.setId, result.setVersion);
  if (!set || set.unitKinds.includes(kind)) return result;
  // The workbook names this very kind: the reader refused it already (unitKindNotInSet), once is enough.
  if (result.unit?.kind === kind) return result;
  return refusedFor(result, {
    sheet: SHEETS.criteriaSet, cell: '',
    message: vi.setNotForUnitKind(set.title, set.unitKinds.map((k) => UNIT_KIND_LABELS[k]), UNIT_KIND_LABELS[kind]),
  });
}

/**
 * The warning a unit's new valid version carries when its criteria set is another set (by id:
 * a new version of the same set is the same standard) than that of the version counted until
 * now, `counted`. Not a refusal: the province may have told the unit to change set; but the new
 * version replaces the old one's scoring, so it says so, naming both sets. Undefined when the set
 * is the same. Intake and the offline consolidation both use it.
 */
export function setChangeWarning(
  result: CheckResult, counted: { version: number; result: Pick<CheckResult, 'setId' | 'setVersion'> }, sets: CriteriaRegistry,
): CheckResult['warnings'][number] | undefined {
  const before = counted.result.setId;
  if (result.setId === null || before === null || result.setId === before) return undefined;
  const title = (id: string, version: string | null) => sets.find(id, version ?? undefined)?.title ?? sets.find(id)?.title ?? id;
  return {
    sheet: SHEETS.criteriaSet, cell: '',
    message: vi.setChanged(title(result.setId, result.setVersion), title(before, counted.result.setVersion), counted.version),
  };
}

/**
 * The warning a yearly report (the final stage) carries when its set is one the province uses
 * only when it asks for it (`purpose: 'on-request'`, such as the "An toàn về an ninh, trật tự"
 * standard): not a refusal, since the province may have asked, but the unit's yearly report is
 * then judged on that set, so it says so. Undefined for other stages and sets. Intake and the
 * offline consolidation both use it.
 */
export function onRequestSetWarning(result: CheckResult, stage: Stage, sets: CriteriaRegistry): CheckResult['warnings'][number] | undefined {
  if (stage !== 'final' || result.setId === null) return undefined;
  const set = sets.find(result.setId, result.setVersion ?? undefined);
  if (set?.purpose !== 'on-request') return undefined;
  // The yearly report's own form for this kind of unit, named as its workbook's file name names it.
  const kind = result.unit?.kind;
  const yearly = kind ? sets.all().find((s) => s.purpose === 'yearly-report' && s.unitKinds.includes(kind)) : undefined;
  return { sheet: SHEETS.criteriaSet, cell: '', message: vi.setOnRequest(set.title, yearly ? yearly.shortTitle ?? yearly.title : undefined) };
}

/** A checked workbook refused for one more reason than its own errors: not valid, so not eligible. */
export function refusedFor(result: CheckResult, issue: CheckResult['errors'][number]): CheckResult {
  return { ...result, ok: false, eligible: false, errors: [...result.errors, issue] };
}

/** A checked workbook with one more warning than its own: still as valid as it was. */
export function warnedFor(result: CheckResult, issue: CheckResult['warnings'][number]): CheckResult {
  return { ...result, warnings: [...result.warnings, issue] };
}
