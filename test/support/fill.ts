import type { CriteriaSet, DossierItem } from '../../shared/criteria/schema';
import { NAMES, PRESENT_YES, SCORE_COLUMNS, DOSSIER_COLUMNS, type UnitField } from '../../shared/workbook/layout';
import type { CellValue } from '../../shared/workbook/port';

/** What a test wants typed into a fresh scoring workbook. */
export interface Fill {
  unit?: Partial<Record<UnitField, CellValue>>;
  scores?: Record<number, CellValue>;
  evidence?: Record<number, string>;
  dossier?: Partial<Record<DossierItem, boolean>>;
}

export interface CellEdit { sheet: string; row: number; col: number; value: CellValue }

/** A fill with every criterion at its maximum, all unit fields and a complete dossier. */
export function fullFill(set: CriteriaSet, name = 'Văn phòng UBND tỉnh Đồng Tháp'): Fill {
  return {
    unit: { name, kind: 'Cơ quan', parent: 'Phường Cao Lãnh', head: 'Nguyễn Văn A', contact: 'Trần Thị B', phone: '0277 3851 234', year: 2026 },
    scores: Object.fromEntries(set.criteria.map((c) => [c.number, set.scoring.kind === 'pass-fail' ? 'Đạt' : c.maxPoints])),
    evidence: { 1: 'Nghị quyết số 12-NQ/ĐU ngày 10/01/2026' },
    dossier: { report: true, request: true, minutes: true, registration: true },
  };
}

/**
 * The cell edits that type a fill into a workbook laid out by the template, relative to where
 * the template puts each named range (top-left of each name, as given).
 */
export function fillEdits(set: CriteriaSet, fill: Fill, at: (name: string) => { sheet: string; row: number; col: number }): CellEdit[] {
  const edits: CellEdit[] = [];
  for (const [field, value] of Object.entries(fill.unit ?? {}) as [UnitField, CellValue][]) {
    const cell = at(NAMES.unit[field]);
    edits.push({ ...cell, value });
  }
  const table = at(NAMES.scoreTable);
  const scoreCol = table.col + SCORE_COLUMNS.indexOf('score');
  const evidenceCol = table.col + SCORE_COLUMNS.indexOf('evidence');
  set.criteria.forEach((c, i) => {
    const row = table.row + 1 + i;
    if (fill.scores && c.number in fill.scores) edits.push({ sheet: table.sheet, row, col: scoreCol, value: fill.scores[c.number]! });
    if (fill.evidence?.[c.number]) edits.push({ sheet: table.sheet, row, col: evidenceCol, value: fill.evidence[c.number]! });
  });
  const dossier = at(NAMES.dossierTable);
  const presentCol = dossier.col + DOSSIER_COLUMNS.indexOf('present');
  (['report', 'request', 'minutes', 'registration'] as DossierItem[]).forEach((item, i) => {
    if (fill.dossier?.[item]) edits.push({ sheet: dossier.sheet, row: dossier.row + 1 + i, col: presentCol, value: PRESENT_YES });
  });
  return edits;
}
