/**
 * Types a fill into an existing workbook (a per-unit workbook written by the product), as a clerk
 * would in Excel: exceljs opens the bytes, finds each cell through the layout's defined names.
 */
import ExcelJS from 'exceljs';
import type { CriteriaSet } from '../../shared/criteria/schema';
import { parseCellAddress } from '../../shared/workbook/a1';
import { fillEdits, type Fill } from './fill';

export async function fillWorkbook(bytes: Buffer, set: CriteriaSet, fill: Fill): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const at = (name: string) => {
    const ranges = (workbook.definedNames as unknown as { getRanges(n: string): { ranges: string[] } }).getRanges(name).ranges;
    const first = ranges[0];
    if (!first) throw new Error(`the workbook has no defined name ${name}`);
    const match = /^'?(.*?)'?!(\$?[A-Z]+\$?\d+)/u.exec(first)!;
    const cell = parseCellAddress(match[2]!)!;
    return { sheet: match[1]!.replace(/''/gu, "'"), row: cell.row, col: cell.col };
  };
  for (const edit of fillEdits(set, fill, at)) workbook.getWorksheet(edit.sheet)!.getCell(edit.row, edit.col).value = edit.value;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
