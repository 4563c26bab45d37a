/**
 * Real .xlsx bytes for tests: the template writer's workbook with a fill typed into the cells the
 * template names, as a person would type it in Excel.
 */
import type { CriteriaSet } from '../../shared/criteria/schema';
import { parseCellAddress } from '../../shared/workbook/a1';
import { buildTemplate, type TemplateOptions } from '../../shared/workbook/template';
import { renderTemplate, workbookBytes } from '../../server/xlsx/templateWriter';
import { fillEdits, type Fill } from './fill';

export async function makeWorkbookBytes(set: CriteriaSet, fill: Fill = {}, options: TemplateOptions = {}): Promise<Buffer> {
  const model = buildTemplate(set, options);
  const workbook = renderTemplate(model);
  const at = (name: string) => {
    const target = model.names[name];
    if (!target) throw new Error(`the template has no defined name ${name}`);
    const topLeft = parseCellAddress(target.range.split(':')[0]!)!;
    return { sheet: target.sheet, row: topLeft.row, col: topLeft.col };
  };
  for (const edit of fillEdits(set, fill, at)) {
    workbook.getWorksheet(edit.sheet)!.getCell(edit.row, edit.col).value = edit.value;
  }
  return workbookBytes(workbook);
}
