/**
 * Inserts a fresh scoring workbook into the open one through Office.js, from the shared
 * TemplateModel: every cell, formula, name, validation and conditional format comes from the
 * model; only the look (fonts, fills, widths) is decided here. Sheets already using a template
 * name are kept under a new name ("Chấm điểm (cũ)"), never deleted; a failure leaves the
 * workbook as it was.
 */
import { cellAddress, columnLetters } from '../../shared/workbook/a1';
import { type CellValue } from '../../shared/workbook/port';
import { decimalStepFormula, type CellStyle, type TemplateModel, type TemplateSheet, type TemplateValidation } from '../../shared/workbook/template';
import type { InsertReport } from '../app/host';
import { logDetail } from '../app/log';
import { viTemplate } from '../i18n/vi';
import { toExcelInput, type ExcelApi } from './excelPort';
import type { ExcelFeatures } from './requirements';

interface Look {
  bold?: boolean;
  italic?: boolean;
  size: number;
  color?: string;
  fill?: string;
  wrap?: boolean;
  horizontal?: 'Center';
  vertical: 'Top' | 'Center';
  border?: boolean;
  unlocked?: boolean;
  numberFormat?: string;
}

const FONT = 'Times New Roman';
const LOOKS: Record<CellStyle, Look> = {
  title: { bold: true, size: 14, horizontal: 'Center', vertical: 'Center' },
  subtitle: { italic: true, size: 12, horizontal: 'Center', vertical: 'Center', wrap: true },
  label: { bold: true, size: 12, vertical: 'Center', wrap: true },
  header: { bold: true, size: 12, fill: '#D9E1F2', border: true, horizontal: 'Center', vertical: 'Center', wrap: true },
  text: { size: 12, vertical: 'Top' },
  wrap: { size: 12, vertical: 'Top', wrap: true, border: true },
  input: { size: 12, fill: '#FFF9DB', border: true, unlocked: true, vertical: 'Top', wrap: true },
  'score-input': { bold: true, size: 12, fill: '#FFF2CC', border: true, unlocked: true, horizontal: 'Center', vertical: 'Center' },
  number: { size: 12, border: true, horizontal: 'Center', vertical: 'Center' },
  total: { bold: true, size: 12, fill: '#E2EFDA', border: true, horizontal: 'Center', vertical: 'Center' },
  note: { italic: true, size: 11, vertical: 'Top', wrap: true },
  warning: { bold: true, size: 12, color: '#C00000', vertical: 'Top', wrap: true },
  data: { size: 8, vertical: 'Top', numberFormat: '@' },
};

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;
const SHEET_NAME_MAX = 31;

/**
 * Three syncs, so that a failure leaves the workbook as it was: one to see the sheets and names
 * already there; one to build every new sheet under a temporary name (cells, formats,
 * validations, conditional formats, protection: what a host can refuse, e.g. a validation
 * formula in its locale), touching nothing that exists; one to swap: sheets of the same name
 * are kept as "… (cũ)", the new ones take their names, the defined names point to them. A
 * failed build deletes the half-built sheets; a failed swap is undone as far as Excel allows.
 */
export async function insertTemplate(excel: ExcelApi, features: Pick<ExcelFeatures, 'pageLayout'>, model: TemplateModel): Promise<InsertReport> {
  const before = await excel.run(async (context) => {
    const worksheets = context.workbook.worksheets.load('items/name');
    const names = context.workbook.names.load('items/name,items/formula');
    await context.sync();
    return { sheets: worksheets.items.map((s) => s.name), names: names.items.map((n) => ({ name: n.name, formula: n.formula })) };
  });

  const taken = new Set(before.sheets.map((name) => name.toLowerCase()));
  const temporary = new Map<string, string>();
  for (const sheetModel of model.sheets) {
    const name = freeSheetName(viTemplate.newSheet(sheetModel.name), taken);
    temporary.set(sheetModel.name, name);
    taken.add(name.toLowerCase());
  }
  try {
    await excel.run(async (context) => {
      const added = new Map<string, Excel.Worksheet>();
      for (const sheetModel of model.sheets) {
        const worksheet = context.workbook.worksheets.add(temporary.get(sheetModel.name)!);
        added.set(sheetModel.name, worksheet);
        writeSheet(worksheet, sheetModel, features);
      }
      for (const validation of model.validations) addValidation(added.get(validation.sheet)!, validation);
      for (const format of model.conditionalFormats) {
        const conditional = added.get(format.sheet)!.getRange(format.range).conditionalFormats.add('Custom');
        conditional.custom.rule.formula = `=${localeSafeFormula(format.formula)}`;
        conditional.custom.format.fill.color = argbToHex(format.fill);
        conditional.custom.format.font.color = argbToHex(format.fontColor);
      }
      for (const sheetModel of model.sheets) {
        // No password on purpose, as in the server's template: protection stops slips; tampering
        // is caught by the embedded set's hash.
        if (sheetModel.protected) added.get(sheetModel.name)!.protection.protect({ allowFormatColumns: false, selectionMode: 'Normal' });
      }
      await context.sync();
    });
  } catch (error) {
    await undo(excel, before, [...temporary.values()], []);
    throw error;
  }

  const renamed: [string, string][] = [];
  for (const sheetModel of model.sheets) {
    const old = before.sheets.find((s) => s.toLowerCase() === sheetModel.name.toLowerCase());
    if (!old) continue;
    const free = freeSheetName(viTemplate.oldSheet(sheetModel.name), taken);
    renamed.push([old, free]);
    taken.add(free.toLowerCase());
  }
  try {
    await excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      for (const [old, free] of renamed) sheets.getItem(old).name = free;
      for (const sheetModel of model.sheets) sheets.getItem(temporary.get(sheetModel.name)!).name = sheetModel.name;
      for (const name of Object.keys(model.names)) {
        if (before.names.some((n) => n.name === name)) context.workbook.names.getItem(name).delete();
      }
      for (const [name, { sheet, range }] of Object.entries(model.names)) context.workbook.names.add(name, sheets.getItem(sheet).getRange(range));
      const scores = model.sheets.find((s) => s.frozenRows > 0) ?? model.sheets[0];
      if (scores) sheets.getItem(scores.name).activate();
      await context.sync();
    });
  } catch (error) {
    await undo(excel, before, [...temporary.values(), ...model.sheets.map((s) => s.name)], renamed);
    throw error;
  }
  return { renamed };
}

/**
 * Puts the workbook back as `before` was, as far as it can: deletes the sheets this insertion
 * added (by any name they may have reached), renames kept sheets back and restores the names.
 * Its own failure is logged only: the insertion's error is what the user is told.
 */
async function undo(excel: ExcelApi, before: { sheets: string[]; names: { name: string; formula: string }[] }, added: string[], renamed: [string, string][]): Promise<void> {
  try {
    await excel.run(async (context) => {
      const worksheets = context.workbook.worksheets.load('items/name');
      const names = context.workbook.names.load('items/name');
      await context.sync();
      const existing = new Set(worksheets.items.map((s) => s.name.toLowerCase()));
      const original = new Set(before.sheets.map((s) => s.toLowerCase()));
      for (const sheet of worksheets.items) {
        if (!original.has(sheet.name.toLowerCase()) && added.some((a) => a.toLowerCase() === sheet.name.toLowerCase())) sheet.delete();
      }
      for (const [old, free] of renamed) if (existing.has(free.toLowerCase())) context.workbook.worksheets.getItem(free).name = old;
      const present = new Set(names.items.map((n) => n.name));
      for (const { name, formula } of before.names) if (!present.has(name)) context.workbook.names.add(name, formula);
      await context.sync();
    });
  } catch (error) {
    logDetail('insert template: undo', error instanceof Error ? error.message : String(error));
  }
}

/**
 * The formula with every decimal written as a fraction (4.5 → (45/10)): a validation formula
 * is read in the host's locale, and one whose decimal separator is "," refuses "4.5".
 */
export function localeSafeFormula(formula: string): string {
  return formula.replace(/(?<![A-Za-z$\d.])(\d+)\.(\d+)(?![\d.])/gu, (_, whole: string, fraction: string) => {
    const denominator = 10 ** fraction.length;
    return `(${Number(whole) * denominator + Number(fraction)}/${denominator})`;
  });
}

function writeSheet(worksheet: Excel.Worksheet, sheetModel: TemplateSheet, features: Pick<ExcelFeatures, 'pageLayout'>): void {
  sheetModel.columnWidths.forEach((chars, i) => {
    const letter = columnLetters(i + 1);
    // Excel's width unit is a character of the default font, about 7 px; Office.js takes points.
    worksheet.getRange(`${letter}:${letter}`).format.columnWidth = Math.round((chars * 7 + 5) * 0.75);
  });
  for (const col of sheetModel.hiddenColumns) {
    const letter = columnLetters(col);
    worksheet.getRange(`${letter}:${letter}`).columnHidden = true;
  }
  // Formats first, so a text format ("@") is in place before the value arrives.
  for (const cell of sheetModel.cells) applyLook(worksheet.getCell(cell.row - 1, cell.col - 1), LOOKS[cell.style]);
  if (sheetModel.cells.length > 0) {
    const bottom = Math.max(...sheetModel.cells.map((c) => c.row));
    const right = Math.max(...sheetModel.cells.map((c) => c.col));
    // null leaves a cell untouched: one write for the whole sheet.
    const grid: (string | number | boolean | null)[][] = Array.from({ length: bottom }, () => Array<string | number | boolean | null>(right).fill(null));
    for (const cell of sheetModel.cells) grid[cell.row - 1]![cell.col - 1] = cell.formula ? `=${cell.formula}` : inputOf(cell.value);
    worksheet.getRange(`A1:${cellAddress(bottom, right)}`).formulas = grid;
  }
  for (const merge of sheetModel.merges) worksheet.getRange(merge).merge(false);
  if (sheetModel.frozenRows > 0) worksheet.freezePanes.freezeRows(sheetModel.frozenRows);
  if (features.pageLayout) {
    worksheet.pageLayout.orientation = sheetModel.landscape ? 'Landscape' : 'Portrait';
    worksheet.pageLayout.paperSize = 'A4';
    if (sheetModel.printTitleRows) {
      const [from, to = from] = sheetModel.printTitleRows.split(':');
      worksheet.pageLayout.setPrintTitleRows(`$${from}:$${to}`);
    }
  }
}

function inputOf(value: CellValue): string | number | boolean | null {
  return value === null ? null : toExcelInput(value);
}

function applyLook(range: Excel.Range, look: Look): void {
  const format = range.format;
  format.font.name = FONT;
  format.font.size = look.size;
  if (look.bold) format.font.bold = true;
  if (look.italic) format.font.italic = true;
  if (look.color) format.font.color = look.color;
  if (look.fill) format.fill.color = look.fill;
  if (look.wrap) format.wrapText = true;
  if (look.horizontal) format.horizontalAlignment = look.horizontal;
  format.verticalAlignment = look.vertical;
  if (look.border) for (const edge of EDGES) format.borders.getItem(edge).style = 'Continuous';
  if (look.unlocked) format.protection.locked = false;
  if (look.numberFormat) range.numberFormat = [[look.numberFormat]];
}

function addValidation(worksheet: Excel.Worksheet, validation: TemplateValidation): void {
  const target = worksheet.getRange(validation.range).dataValidation;
  switch (validation.kind) {
    case 'decimal': {
      const topLeft = validation.range.split(':')[0]!.replace(/\$/gu, '');
      target.rule = { custom: { formula: `=${localeSafeFormula(decimalStepFormula(topLeft, validation.min, validation.max, validation.step))}` } };
      break;
    }
    case 'whole':
      target.rule = { wholeNumber: { formula1: validation.min, formula2: validation.max, operator: 'Between' } };
      break;
    case 'list':
      target.rule = { list: { inCellDropDown: true, source: validation.values.join(',') } };
      break;
  }
  target.ignoreBlanks = true;
  target.prompt = { showPrompt: true, title: viTemplate.validationTitle, message: validation.prompt };
  target.errorAlert = { showAlert: true, style: 'Stop', title: viTemplate.validationErrorTitle, message: validation.error };
}

/** "Chấm điểm (cũ)", then "Chấm điểm (cũ 2)"…, within Excel's 31 characters. */
export function freeSheetName(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` ${n}`;
    const candidate = suffix ? base.replace(/\)$/u, `${suffix})`) : base;
    const name = candidate.length > SHEET_NAME_MAX ? candidate.slice(0, SHEET_NAME_MAX) : candidate;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

function argbToHex(argb: string): string {
  return `#${argb.slice(-6)}`;
}
