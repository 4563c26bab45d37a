/** Excel's A1 references with a sheet, as Office.js returns them in `address` and name formulas. */
import { cellAddress, parseCellAddress } from '../../shared/workbook/port';

export interface SheetArea {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** 'Chấm điểm'!F5 — the sheet quoted the way Excel writes it ('' for a quote inside). */
export function sheetReference(sheet: string, address: string): string {
  const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/u.test(sheet) ? sheet : `'${sheet.replace(/'/gu, "''")}'`;
  return `${quoted}!${address}`;
}

/**
 * Reads "'Chấm điểm'!$A$4:$G$16", "Sheet1!B3" or "=Sheet1!B3" (one rectangular area).
 * Undefined for anything else: several areas, whole rows or columns, formulas.
 */
export function parseSheetArea(reference: string): SheetArea | undefined {
  const text = reference.trim().replace(/^=/u, '');
  const bang = text.lastIndexOf('!');
  if (bang <= 0) return undefined;
  let sheet = text.slice(0, bang);
  if (sheet.startsWith("'")) {
    if (!sheet.endsWith("'") || sheet.length < 2 || sheet.slice(1, -1).replace(/''/gu, '').includes("'")) return undefined;
    sheet = sheet.slice(1, -1).replace(/''/gu, "'");
  } else if (!/^[^\s'!,()=:;]+$/u.test(sheet)) {
    return undefined;
  }
  const parts = text.slice(bang + 1).split(':');
  if (parts.length > 2 || !parts[0]) return undefined;
  const a = parseCellAddress(parts[0]);
  const b = parseCellAddress(parts[1] ?? parts[0]);
  if (!a || !b) return undefined;
  return { sheet, top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** "F5" or "A4:G16" for an area. */
export function areaAddress(area: Omit<SheetArea, 'sheet'>): string {
  const from = cellAddress(area.top, area.left);
  const to = cellAddress(area.bottom, area.right);
  return from === to ? from : `${from}:${to}`;
}
