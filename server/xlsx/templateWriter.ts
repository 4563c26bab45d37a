/**
 * Renders the scoring workbook's TemplateModel (shared/workbook/template.ts) as an .xlsx file with
 * exceljs. Every layout decision (cells, formulas, names, validations) is the model's; this module
 * only decides how it looks on screen and on paper.
 */
import type ExcelJS from 'exceljs';
import type { CriteriaSet } from '../../shared/criteria/schema';
import { cellAddress, parseCellAddress, sheetReference } from '../../shared/workbook/a1';
import { lineHeight, loadExceljs, linesOf, PAPER, printPlan } from '../export/sheetWriter';
import { rowHeight } from '../export/xlsxLayout';
import {
  buildTemplate, type CellStyle, type TemplateModel, type TemplateOptions, type TemplateSheet, type TemplateValidation,
} from '../../shared/workbook/template';

const FONT_NAME = 'Times New Roman';
const HEADER_FILL = 'FFD9E1F2';
const INPUT_FILL = 'FFFFF9DB';
const SCORE_FILL = 'FFFFF2CC';
const TOTAL_FILL = 'FFE2EFDA';
const WARNING_FONT = 'FFC00000';
/** A4 in the OOXML paperSize enumeration. */
const PAPER_A4 = 9;

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};

interface Look {
  font: Partial<ExcelJS.Font>;
  alignment?: Partial<ExcelJS.Alignment>;
  fill?: string;
  border?: boolean;
  /** Cells a person types into stay editable even if a user protects the sheet. */
  unlocked?: boolean;
  numFmt?: string;
}

const LOOKS: Record<CellStyle, Look> = {
  title: { font: { name: FONT_NAME, size: 14, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } },
  subtitle: { font: { name: FONT_NAME, size: 12, italic: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  label: { font: { name: FONT_NAME, size: 12, bold: true }, alignment: { vertical: 'middle', wrapText: true } },
  header: {
    font: { name: FONT_NAME, size: 12, bold: true }, fill: HEADER_FILL, border: true,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  text: { font: { name: FONT_NAME, size: 12 }, alignment: { vertical: 'top' } },
  wrap: { font: { name: FONT_NAME, size: 12 }, alignment: { vertical: 'top', wrapText: true }, border: true },
  input: { font: { name: FONT_NAME, size: 12 }, fill: INPUT_FILL, border: true, unlocked: true, alignment: { vertical: 'top', wrapText: true } },
  'score-input': {
    font: { name: FONT_NAME, size: 12, bold: true }, fill: SCORE_FILL, border: true, unlocked: true,
    alignment: { horizontal: 'center', vertical: 'middle' },
  },
  number: { font: { name: FONT_NAME, size: 12 }, border: true, alignment: { horizontal: 'center', vertical: 'middle' } },
  total: { font: { name: FONT_NAME, size: 12, bold: true }, fill: TOTAL_FILL, border: true, alignment: { horizontal: 'center', vertical: 'middle' } },
  note: { font: { name: FONT_NAME, size: 11, italic: true }, alignment: { vertical: 'top', wrapText: true } },
  warning: { font: { name: FONT_NAME, size: 12, bold: true, color: { argb: WARNING_FONT } }, alignment: { vertical: 'top', wrapText: true } },
  // The embedded JSON: plain text, never wrapped (a wrapped 30,000-character cell makes a huge row).
  data: { font: { name: 'Calibri', size: 8 }, numFmt: '@' },
};

/** The scoring workbook of `set`, as .xlsx bytes. */
export async function writeTemplateWorkbook(set: CriteriaSet, options: TemplateOptions = {}): Promise<Buffer> {
  return workbookBytes(renderTemplate(buildTemplate(set, options)));
}

/** The exceljs workbook for a model, before it is written (tests type a fill into it first). */
export function renderTemplate(model: TemplateModel): ExcelJS.Workbook {
  // Times New Roman as the default font: column widths are measured in its digits, which
  // LibreOffice has too (Liberation Serif); with Calibri missing it would print 25 % wider.
  const workbook = new (loadExceljs().Workbook)();
  workbook.creator = 'dien-hinh';
  workbook.created = new Date();
  // The formulas carry no cached result: ask Excel and LibreOffice to compute them on opening.
  workbook.calcProperties.fullCalcOnLoad = true;
  for (const sheet of model.sheets) renderSheet(workbook, sheet);
  for (const validation of model.validations) addValidation(workbook.getWorksheet(validation.sheet)!, validation);
  for (const format of model.conditionalFormats) {
    workbook.getWorksheet(format.sheet)!.addConditionalFormatting({
      ref: format.range,
      rules: [{
        type: 'expression', priority: 1, formulae: [format.formula],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: format.fill } }, font: { color: { argb: format.fontColor } } },
      }],
    });
  }
  for (const [name, { sheet, range }] of Object.entries(model.names)) {
    workbook.definedNames.add(sheetReference(sheet, range), name);
  }
  return workbook;
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
/** The template's smallest text (11 pt notes) stays at 8 pt or more on paper. */
const MIN_SCALE = Math.ceil((8 / 11) * 100);

/**
 * The print scale that fits the sheet's visible columns to one A4 page across, computed rather
 * than left to "fit to width" (LibreOffice ignores that on these sheets and cuts the text).
 */
function printScale(model: TemplateSheet): number {
  const widths = model.columnWidths.map((w, i) => (model.hiddenColumns.includes(i + 1) ? 0 : w));
  const pageWidth = model.landscape ? PAPER.A4.height : PAPER.A4.width;
  return printPlan(widths, 0, pageWidth - (MARGINS.left + MARGINS.right) * 72, 1, MIN_SCALE).scale;
}

function renderSheet(workbook: ExcelJS.Workbook, model: TemplateSheet): void {
  const worksheet = workbook.addWorksheet(model.name, {
    views: model.frozenRows > 0 ? [{ state: 'frozen', ySplit: model.frozenRows, xSplit: 0 }] : [{}],
    pageSetup: {
      paperSize: PAPER_A4,
      orientation: model.landscape ? 'landscape' : 'portrait',
      fitToPage: false,
      scale: printScale(model),
      margins: MARGINS,
      ...(model.printTitleRows ? { printTitlesRow: model.printTitleRows } : {}),
    },
  });
  model.columnWidths.forEach((width, i) => { worksheet.getColumn(i + 1).width = width; });
  for (const col of model.hiddenColumns) worksheet.getColumn(col).hidden = true;
  for (const cell of model.cells) {
    const target = worksheet.getCell(cell.row, cell.col);
    target.value = cell.formula ? { formula: cell.formula, date1904: false } as ExcelJS.CellFormulaValue : cell.value;
    applyLook(target, LOOKS[cell.style]);
  }
  for (const merge of model.merges) worksheet.mergeCells(merge);
  fitRowHeights(worksheet, model);
  worksheet.pageSetup.printArea = printArea(model);
  if (model.protected) {
    // No password on purpose: the sheet is protected against slips, not against a determined
    // user; tampering is caught by the content hash, and a lost password would lock out the
    // province. Unprotect in Excel with Review > Unprotect Sheet.
    void worksheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: false });
  }
}

/**
 * Sets each row holding wrapped text as tall as its longest text needs (neither Excel nor
 * LibreOffice grows rows in a file they open): the lines the text takes in its column, or in its
 * merged columns, at its font size. Rows without wrapped text keep the default height.
 */
function fitRowHeights(worksheet: ExcelJS.Worksheet, model: TemplateSheet): void {
  const width = (col: number) => (model.hiddenColumns.includes(col) ? 0 : model.columnWidths[col - 1] ?? 9);
  const mergedWidth = new Map<string, number>();
  for (const merge of model.merges) {
    const [from, to] = merge.replace(/\$/gu, '').split(':') as [string, string];
    const a = parseCellAddress(from);
    const b = parseCellAddress(to);
    if (!a || !b) continue;
    let total = 0;
    for (let c = a.col; c <= b.col; c++) total += width(c);
    mergedWidth.set(`${a.row}:${a.col}`, total);
  }
  const heights = new Map<number, number>();
  for (const cell of model.cells) {
    const look = LOOKS[cell.style];
    if (!look.alignment?.wrapText || typeof cell.value !== 'string' || cell.value === '') continue;
    const size = look.font.size ?? 11;
    const columns = mergedWidth.get(`${cell.row}:${cell.col}`) ?? width(cell.col);
    // Bold text is wider: count it one point larger.
    const lines = linesOf([cell.value], [columns], size + (look.font.bold ? 1 : 0));
    heights.set(cell.row, Math.max(heights.get(cell.row) ?? 0, rowHeight(lines, lineHeight(size))));
  }
  for (const [row, height] of heights) worksheet.getRow(row).height = Math.max(height, 15);
}

/** What prints: from A1 to the last visible column and the last row holding anything. */
export function printArea(model: TemplateSheet): string {
  let lastRow = 1;
  let lastCol = 1;
  for (const cell of model.cells) {
    lastRow = Math.max(lastRow, cell.row);
    if (!model.hiddenColumns.includes(cell.col) && cell.style !== 'data') lastCol = Math.max(lastCol, cell.col);
  }
  // exceljs prefixes "$" to each end: "A$1" becomes the absolute "$A$1" Excel writes.
  return `A$1:${cellAddress(lastRow, lastCol).replace(/(\d+)$/u, "$$$1")}`;
}

function applyLook(cell: ExcelJS.Cell, look: Look): void {
  cell.font = look.font;
  if (look.alignment) cell.alignment = look.alignment;
  if (look.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: look.fill } };
  if (look.border) cell.border = thin;
  if (look.unlocked) cell.protection = { locked: false };
  if (look.numFmt) cell.numFmt = look.numFmt;
}

/** exceljs has this collection but its typings omit it. */
interface WithValidations { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }

function addValidation(worksheet: ExcelJS.Worksheet, validation: TemplateValidation): void {
  const common = {
    allowBlank: true, showInputMessage: true, showErrorMessage: true, errorStyle: 'stop',
    promptTitle: 'Hướng dẫn nhập', prompt: validation.prompt, errorTitle: 'Giá trị không hợp lệ', error: validation.error,
  } as const;
  const range = validation.range;
  const topLeft = range.split(':')[0]!.replace(/\$/gu, '');
  let rule: ExcelJS.DataValidation;
  switch (validation.kind) {
    case 'decimal':
      // Excel's decimal rule has no step, so the step is a custom formula relative to the
      // range's top-left cell (Excel moves it with the range).
      rule = { ...common, type: 'custom', formulae: [decimalStepFormula(topLeft, validation.min, validation.max, validation.step)] };
      break;
    case 'whole':
      rule = { ...common, type: 'whole', operator: 'between', formulae: [validation.min, validation.max] };
      break;
    case 'list':
      rule = { ...common, type: 'list', formulae: [`"${validation.values.join(',')}"`] };
      break;
  }
  // exceljs keys validations by their relative address ("F5" or "C4:C7") and writes it as sqref.
  (worksheet as unknown as WithValidations).dataValidations.add(range.replace(/\$/gu, ''), rule);
}

/** `AND(ISNUMBER(F5),F5>=0,F5<=4,MOD(F5*2,1)=0)`: a number within bounds and a multiple of the step. */
export function decimalStepFormula(cell: string, min: number, max: number, step: number): string {
  const per = 1 / step;
  // A step whose inverse is whole (0.5, 0.25, 1) checks exactly; others fall back to a rounded
  // remainder so binary noise (0.1 * 3) does not reject a good score.
  const stepCheck = Number.isInteger(per) ? `MOD(${cell}*${per},1)=0` : `ABS(ROUND(${cell}/${step},0)*${step}-${cell})<0.000001`;
  return `AND(ISNUMBER(${cell}),${cell}>=${min},${cell}<=${max},${stepCheck})`;
}

