/**
 * The text of a defined name, as Excel and LibreOffice write it in xl/workbook.xml:
 * `'Chấm điểm'!$A$4:$G$16`, `Sheet1!B3`, `'O''Brien'!$A$1`. Anything else (several areas, a
 * formula, `#REF!` after a deleted sheet, another workbook) is not a place the reader can use.
 */
import { parseCellAddress } from '../../shared/workbook/port';

export interface AreaReference {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const REFERENCE = /^(?:'((?:[^']|'')+)'|([^'![\]:,\s]+))!(\$?[A-Za-z]{1,3}\$?\d{1,7})(?::(\$?[A-Za-z]{1,3}\$?\d{1,7}))?$/u;

export function parseAreaReference(text: string): AreaReference | undefined {
  const match = REFERENCE.exec(text.trim());
  if (!match) return undefined;
  const sheet = match[1] !== undefined ? match[1].replace(/''/gu, "'") : match[2]!;
  const from = parseCellAddress(match[3]!);
  const to = parseCellAddress(match[4] ?? match[3]!);
  if (!from || !to) return undefined;
  const area = {
    sheet,
    top: Math.min(from.row, to.row), bottom: Math.max(from.row, to.row),
    left: Math.min(from.col, to.col), right: Math.max(from.col, to.col),
  };
  // Beyond Excel's grid (XFD1048576) the text is not a real reference.
  if (area.right > 16384 || area.bottom > 1048576 || area.top < 1 || area.left < 1) return undefined;
  return area;
}

/** Row and column of a cell reference ("F5", "$F$5"), without a regular expression: the sheet parser calls it per cell. */
export function decodeCell(reference: string): { row: number; col: number } | undefined {
  let col = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code >= 65 && code <= 90) col = col * 26 + (code - 64);
    else if (code >= 97 && code <= 122) col = col * 26 + (code - 96);
    else if (code !== 36) break;
  }
  let row = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code >= 48 && code <= 57) row = row * 10 + (code - 48);
    else if (code !== 36) return undefined;
  }
  return col > 0 && row > 0 ? { row, col } : undefined;
}
