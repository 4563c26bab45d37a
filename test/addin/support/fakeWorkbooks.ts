/** Scoring workbooks inside the fake Excel, made the way the add-in makes them. */
import type { CriteriaSet } from '../../../shared/criteria/schema';
import { buildTemplate, type TemplateOptions } from '../../../shared/workbook/template';
import { insertTemplate } from '../../../addin/office/insertTemplate';
import { fillEdits, type Fill } from '../../support/fill';
import { FakeExcel } from './fakeExcel';

/** A blank workbook ("Sheet1") into which the add-in inserted the template, then typed in as `fill`. */
export async function fakeScoringWorkbook(set: CriteriaSet, fill: Fill = {}, options: TemplateOptions = {}): Promise<FakeExcel> {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  await insertTemplate(fake.namespace(), { pageLayout: true }, buildTemplate(set, options));
  for (const edit of fillEdits(set, fill, (name) => fake.namedCell(name))) fake.userEdit(edit.sheet, edit.row, edit.col, edit.value);
  await fake.flushEvents();
  fake.syncs = 0;
  fake.writeLog.length = 0;
  return fake;
}
