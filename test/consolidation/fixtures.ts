/** Stored submissions for consolidation tests: real CheckResults from the shared reader over the in-memory workbook. */
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry } from '../../shared/criteria/load';
import type { CriteriaSet } from '../../shared/criteria/schema';
import type { ReviewState } from '../../shared/api/schemas';
import type { Stage } from '../../shared/deadlines/calendar';
import { checkSnapshot } from '../../shared/workbook/check';
import type { CheckResult } from '../../shared/workbook/checkResult';
import { buildTemplate } from '../../shared/workbook/template';
import type { ExpectedUnit, StoredSubmission } from '../../shared/consolidation/consolidate';
import { fillEdits, fullFill, type Fill } from '../support/fill';
import { MemoryWorkbook } from '../support/memoryWorkbook';

export const sets = defaultCriteriaSets();
export const registry = createRegistry(sets);
export const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
export const xaSet = sets.find((s) => s.id === 'dien-hinh-xa-du-thao')!;

export async function resultFor(set: CriteriaSet, fill: Fill): Promise<CheckResult> {
  const workbook = MemoryWorkbook.fromTemplate(buildTemplate(set));
  for (const edit of fillEdits(set, fill, (name) => workbook.namedCell(name))) workbook.setCell(edit.sheet, edit.row, edit.col, edit.value);
  return checkSnapshot(await workbook.read(), registry);
}

/** A fill for a unit with given scores on top of the maximum everywhere. */
export function fillFor(set: CriteriaSet, name: string, kind: string, scores: Record<number, string | number | null> = {}, dossier?: Fill['dossier']): Fill {
  const base = fullFill(set, name);
  return {
    ...base,
    unit: { ...base.unit, kind },
    scores: { ...base.scores, ...scores } as Fill['scores'],
    dossier: dossier ?? base.dossier,
  };
}

export function unit(id: string, name: string, kind: ExpectedUnit['kind'] = 'co-quan', parent = 'Phường Cao Lãnh'): ExpectedUnit {
  return { id, name, kind, parent, contact: 'Trần Thị B' };
}

let counter = 0;
/** A stored submission as the store would keep it: version given (lateness is derived by consolidate). */
export function stored(unitId: string, result: CheckResult, options: { stage?: Stage; at: string; version?: number | null; year?: number; review?: ReviewState }): StoredSubmission {
  const stage = options.stage ?? 'final';
  const receivedAt = new Date(options.at);
  const year = options.year ?? 2026;
  counter++;
  return {
    id: `s${counter}`,
    unitId,
    year,
    stage,
    version: options.version === undefined ? (result.ok ? 1 : null) : options.version,
    receivedAt,
    valid: result.ok,
    sha256: `hash${counter}`,
    fileName: `tep-${counter}.xlsx`,
    result,
    review: options.review ? { state: options.review, note: '', at: receivedAt, by: 'Cán bộ PV01' } : null,
  };
}
