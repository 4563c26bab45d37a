/**
 * Neither Excel nor LibreOffice grows a row to fit wrapped text in a file they open, so the
 * writers set each row's height from an estimate of the lines its longest text takes.
 */

/** Lines a wrapped text takes in a column `width` wide (Excel width units) at `charsPerWidth`. */
export function wrappedLines(text: string, width: number, charsPerWidth: number): number {
  const perLine = Math.max(1, Math.floor(width * charsPerWidth));
  // Most cells are one short line: no need to split them (this runs for every text cell).
  if (text.length <= perLine && !text.includes('\n')) return 1;
  return text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

/** Row height in points for a number of lines, within Excel's maximum of 409. */
export function rowHeight(lines: number, lineHeight: number): number {
  return Math.min(409, lineHeight * Math.max(1, lines) + 2);
}
