/**
 * Neither Excel nor LibreOffice grows a row to fit wrapped text in a file they open, so the
 * writers set each row's height from an estimate of the lines its longest text takes.
 */

/**
 * Lines a wrapped text takes in a column `width` wide (Excel width units) at `charsPerWidth`:
 * words go on a line while they fit, as Excel and LibreOffice wrap; a word longer than a line
 * is broken (URLs, formulas typed as names).
 */
export function wrappedLines(text: string, width: number, charsPerWidth: number): number {
  const perLine = Math.max(1, Math.floor(width * charsPerWidth));
  // Most cells are one short line: no need to split them (this runs for every text cell).
  if (text.length <= perLine && !text.includes('\n')) return 1;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(' ')) {
      const needed = used === 0 ? word.length : used + 1 + word.length;
      if (needed <= perLine) {
        used = needed;
        continue;
      }
      if (used > 0) lines++;
      // A word longer than a line fills whole lines, the rest starts the next one.
      lines += Math.floor(Math.max(0, word.length - 1) / perLine);
      used = word.length % perLine || perLine;
    }
  }
  return lines;
}

/** Row height in points for a number of lines, within Excel's maximum of 409. */
export function rowHeight(lines: number, lineHeight: number): number {
  return Math.min(409, lineHeight * Math.max(1, lines) + 2);
}
