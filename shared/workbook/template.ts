/**
 * The scoring workbook as data: every sheet's cells, formulas, names, validations and
 * formatting hints. The server renders it with exceljs, the add-in inserts it through Office.js,
 * and the test fake loads it; none of them decides the layout on its own.
 */
import { criteriaSetHash } from '../criteria/load';
import type { CriteriaSet } from '../criteria/schema';
import { UNIT_KIND_LABELS } from '../units/kinds';
import { formatNumberVi } from '../util/numbers';
import { DECIMAL_HINT } from '../i18n/vi';
import {
  DOSSIER_HEADERS, DOSSIER_ITEM_LABELS, FAIL_TEXT, HARD_MARK, NAMES, PASS_FAIL_SCORE_HEADER, PASS_TEXT, PRESENT_NO,
  PRESENT_YES, SCORE_COLUMNS, SCORE_HEADERS, SET_JSON_CHUNK, SHEETS, TEMPLATE_VERSION, UNIT_FIELDS, UNIT_FIELD_LABELS,
  DOSSIER_COLUMNS, type UnitField, UNIT_CODE_LABEL,
} from './layout';
import { cellAddress } from './a1';
import { type CellValue } from './port';
import { canonicalJson } from '../util/sha256';

export type CellStyle =
  | 'title' | 'subtitle' | 'label' | 'header' | 'text' | 'wrap' | 'input' | 'score-input' | 'number' | 'total' | 'note' | 'warning' | 'data';

export interface TemplateCell {
  row: number;
  col: number;
  value: CellValue;
  /** Without the leading "=". */
  formula?: string;
  style: CellStyle;
}

export interface TemplateSheet {
  name: string;
  cells: TemplateCell[];
  /** Widths in characters, by column (1-based index - 1). */
  columnWidths: number[];
  hiddenColumns: number[];
  merges: string[];
  /** Protected against edits (the embedded criteria set). */
  protected: boolean;
  /** Rows repeated at the top of every printed page, e.g. "4:4". */
  printTitleRows?: string;
  landscape: boolean;
  /** Rows frozen at the top. */
  frozenRows: number;
}

export type TemplateValidation =
  | { sheet: string; range: string; kind: 'decimal'; min: number; max: number; step: number; prompt: string; error: string }
  | { sheet: string; range: string; kind: 'list'; values: string[]; prompt: string; error: string }
  | { sheet: string; range: string; kind: 'whole'; min: number; max: number; prompt: string; error: string };

/** Red fill where a hard criterion's score is below its maximum (formula relative to the range's top-left cell). */
export interface TemplateConditionalFormat {
  sheet: string;
  range: string;
  formula: string;
  fill: string;
  fontColor: string;
}

export interface TemplateModel {
  sheets: TemplateSheet[];
  /** Defined names (workbook scope) and the absolute range each refers to. */
  names: Record<string, { sheet: string; range: string }>;
  validations: TemplateValidation[];
  conditionalFormats: TemplateConditionalFormat[];
}

export interface TemplateOptions {
  year?: number;
  unit?: Partial<Record<UnitField, string>>;
  /** The unit code of a per-unit workbook (written in the DH_MaDonVi cell; empty in the blank template). */
  unitCode?: string;
}

const SCORE_HEADER_ROW = 4;
const DOSSIER_HEADER_ROW = 3;
const UNIT_FIRST_ROW = 3;
const RED_FILL = 'FFF4CCCC';
const RED_FONT = 'FF9C0006';

export function buildTemplate(set: CriteriaSet, options: TemplateOptions = {}): TemplateModel {
  const names: TemplateModel['names'] = {};
  const name = (key: string, sheet: string, from: [number, number], to: [number, number] = from) => {
    const a = absolute(from[0], from[1]);
    names[key] = { sheet, range: from[0] === to[0] && from[1] === to[1] ? a : `${a}:${absolute(to[0], to[1])}` };
  };
  const unit = unitSheet(set, options, name);
  const scores = scoreSheet(set, name);
  const dossier = dossierSheet(name);
  const embedded = criteriaSetSheet(set, name);
  return {
    sheets: [instructionsSheet(set), unit.sheet, scores.sheet, dossier.sheet, embedded],
    names,
    validations: [...unit.validations, ...scores.validations, ...dossier.validations],
    conditionalFormats: scores.conditionalFormats,
  };
}

type Namer = (key: string, sheet: string, from: [number, number], to?: [number, number]) => void;

function sheet(name: string, partial: Partial<TemplateSheet> & Pick<TemplateSheet, 'cells' | 'columnWidths'>): TemplateSheet {
  return { name, hiddenColumns: [], merges: [], protected: false, landscape: false, frozenRows: 0, ...partial };
}

/** What a unit reads about a draft set (the set's own draftNote is for the province that must replace it). */
const DRAFT_NOTE_FOR_UNITS = 'Lưu ý: đây là bộ tiêu chí dự thảo, chưa phải văn bản chính thức. Khi có văn bản chính thức, Công an tỉnh sẽ gửi bảng chấm điểm mới.';

function instructionsSheet(set: CriteriaSet): TemplateSheet {
  const lines: [string, CellStyle][] = [
    ['HƯỚNG DẪN TỰ CHẤM ĐIỂM', 'title'],
    [set.title, 'subtitle'],
    // The set's draftNote speaks to the province (who must load the official text); the unit is told what concerns it.
    ...(set.draft ? [[DRAFT_NOTE_FOR_UNITS, 'warning'] as [string, CellStyle]] : []),
    ['', 'text'],
    [`1. Trang "${SHEETS.unit}": nhập Tên đơn vị (bắt buộc) và các thông tin còn lại.`, 'wrap'],
    [`2. Trang "${SHEETS.scores}": nhập điểm tự chấm cho từng tiêu chí ở cột "${set.scoring.kind === 'pass-fail' ? PASS_FAIL_SCORE_HEADER : SCORE_HEADERS.score}" và ghi minh chứng.`, 'wrap'],
    set.scoring.kind === 'points'
      ? [`   Điểm từ 0 đến điểm tối đa, theo bước điểm của từng tiêu chí. ${DECIMAL_HINT} Ngưỡng đạt: từ ${formatNumberVi(set.scoring.passThreshold)}/${formatNumberVi(set.scoring.scale)} điểm.`, 'wrap']
      : [`   Chọn "${PASS_TEXT}" hoặc "${FAIL_TEXT}" cho từng tiêu chí; đơn vị phải đạt tất cả các tiêu chí.`, 'wrap'],
    [`3. Tiêu chí cứng (đánh dấu "${HARD_MARK}") phải đạt điểm tối đa; ô điểm chuyển màu đỏ khi chưa đạt.`, 'wrap'],
    [`4. Trang "${SHEETS.dossier}": đánh dấu các thành phần hồ sơ đã có, ghi số và ngày văn bản.`, 'wrap'],
    ['5. Có thể chèn dòng ghi chú, nhưng không xoá dòng tiêu chí, không sửa nội dung, điểm tối đa hoặc tên cột của mẫu.', 'wrap'],
    [`6. Không sửa trang "${SHEETS.criteriaSet}": hệ thống dùng trang này để kiểm tra tệp.`, 'wrap'],
    ['7. Nộp tệp này cho Công an tỉnh trên trang dành cho đơn vị (địa chỉ và mã nộp hồ sơ ghi trên phiếu Công an tỉnh gửi đơn vị), bằng nút "Nộp" trong phần bổ trợ "Điển hình ANTQ" của Excel, hoặc gửi thư điện tử kèm tệp.', 'wrap'],
  ];
  return sheet(SHEETS.instructions, {
    cells: lines.map(([value, style], i) => ({ row: i + 1, col: 1, value, style })),
    columnWidths: [110],
  });
}

function unitSheet(set: CriteriaSet, options: TemplateOptions, name: Namer) {
  const cells: TemplateCell[] = [{ row: 1, col: 1, value: 'THÔNG TIN ĐƠN VỊ', style: 'title' }];
  UNIT_FIELDS.forEach((field, i) => {
    const row = UNIT_FIRST_ROW + i;
    const preset = field === 'year' && options.year !== undefined ? options.year : options.unit?.[field];
    cells.push({ row, col: 1, value: UNIT_FIELD_LABELS[field] + (field === 'name' ? ' (bắt buộc)' : ''), style: 'label' });
    cells.push({ row, col: 2, value: preset ?? null, style: 'input' });
    name(NAMES.unit[field], SHEETS.unit, [row, 2]);
  });
  const after = UNIT_FIRST_ROW + UNIT_FIELDS.length + 1;
  cells.push({ row: after, col: 1, value: 'Bộ tiêu chí', style: 'label' });
  cells.push({ row: after, col: 2, value: set.title, style: 'wrap' });
  // The code: filled by Công an tỉnh in a per-unit workbook, left as it is by the clerk.
  cells.push({ row: after + 1, col: 1, value: UNIT_CODE_LABEL, style: 'label' });
  cells.push({ row: after + 1, col: 2, value: options.unitCode || null, style: 'text' });
  cells.push({
    row: after + 2, col: 2, style: 'note',
    value: options.unitCode ? 'Mã đơn vị do Công an tỉnh cấp; không sửa ô này.' : 'Để trống nếu Công an tỉnh chưa cấp mã đơn vị.',
  });
  name(NAMES.unitCode, SHEETS.unit, [after + 1, 2]);
  const kindRow = UNIT_FIRST_ROW + UNIT_FIELDS.indexOf('kind');
  const yearRow = UNIT_FIRST_ROW + UNIT_FIELDS.indexOf('year');
  const validations: TemplateValidation[] = [
    {
      sheet: SHEETS.unit, range: cellAddress(kindRow, 2), kind: 'list', values: set.unitKinds.map((k) => UNIT_KIND_LABELS[k]),
      prompt: 'Chọn loại đơn vị trong danh sách.', error: `Chọn một trong: ${set.unitKinds.map((k) => UNIT_KIND_LABELS[k]).join(', ')}.`,
    },
    { sheet: SHEETS.unit, range: cellAddress(yearRow, 2), kind: 'whole', min: 2020, max: 2100, prompt: 'Năm đánh giá, ví dụ 2026.', error: 'Nhập năm có 4 chữ số, ví dụ 2026.' },
  ];
  return { sheet: sheet(SHEETS.unit, { cells, columnWidths: [28, 70] }), validations };
}

function scoreSheet(set: CriteriaSet, name: Namer) {
  const isPoints = set.scoring.kind === 'points';
  const headers = { ...SCORE_HEADERS, ...(isPoints ? {} : { score: PASS_FAIL_SCORE_HEADER }) };
  const col = (c: (typeof SCORE_COLUMNS)[number]) => SCORE_COLUMNS.indexOf(c) + 1;
  const first = SCORE_HEADER_ROW + 1;
  const last = SCORE_HEADER_ROW + set.criteria.length;
  const cells: TemplateCell[] = [
    { row: 1, col: 1, value: isPoints ? 'BẢNG TỰ CHẤM ĐIỂM' : 'BẢNG TỰ ĐÁNH GIÁ', style: 'title' },
    { row: 2, col: 1, value: set.title, style: 'subtitle' },
    ...SCORE_COLUMNS.map((c, i) => ({ row: SCORE_HEADER_ROW, col: i + 1, value: headers[c], style: 'header' as const })),
  ];
  set.criteria.forEach((criterion, i) => {
    const row = first + i;
    cells.push(
      { row, col: col('number'), value: criterion.number, style: 'number' },
      { row, col: col('group'), value: criterion.group, style: 'wrap' },
      { row, col: col('title'), value: criterion.title, style: 'wrap' },
      { row, col: col('hard'), value: criterion.hard ? HARD_MARK : null, style: 'number' },
      { row, col: col('maxPoints'), value: criterion.maxPoints, style: 'number' },
      { row, col: col('score'), value: null, style: 'score-input' },
      { row, col: col('evidence'), value: null, style: 'input' },
    );
  });
  const scoreRange = `${cellAddress(first, col('score'))}:${cellAddress(last, col('score'))}`;
  const maxRange = `${cellAddress(first, col('maxPoints'))}:${cellAddress(last, col('maxPoints'))}`;
  const hardRange = `${cellAddress(first, col('hard'))}:${cellAddress(last, col('hard'))}`;
  const totalRow = last + 1;
  const totalCell = cellAddress(totalRow, col('score'));
  // A set with no hard criterion (the pass-fail sets) gets no row counting them: a constant 0
  // there reads as if there were some, all passed.
  const hasHard = set.criteria.some((c) => c.hard);
  const hardCountCell = cellAddress(totalRow + 2, col('score'));
  const verdictRow = totalRow + (hasHard ? 3 : 2);
  const n = set.criteria.length;
  const threshold = set.scoring.kind === 'points' ? set.scoring.passThreshold : n;
  cells.push(
    { row: totalRow, col: col('title'), value: isPoints ? 'Tổng điểm' : 'Số tiêu chí đạt', style: 'total' },
    isPoints
      ? { row: totalRow, col: col('maxPoints'), value: null, formula: `SUM(${maxRange})`, style: 'total' }
      : { row: totalRow, col: col('maxPoints'), value: n, style: 'total' },
    { row: totalRow, col: col('score'), value: null, formula: isPoints ? `SUM(${scoreRange})` : `COUNTIF(${scoreRange},"${PASS_TEXT}")`, style: 'total' },
    { row: totalRow + 1, col: col('title'), value: isPoints ? 'Ngưỡng đạt (điểm)' : 'Số tiêu chí phải đạt', style: 'label' },
    { row: totalRow + 1, col: col('score'), value: threshold, style: 'number' },
    ...(hasHard ? [
      { row: totalRow + 2, col: col('title'), value: 'Số tiêu chí cứng chưa đạt điểm tối đa', style: 'label' as const },
      {
        row: totalRow + 2, col: col('score'), value: null, style: 'number' as const,
        formula: isPoints ? `SUMPRODUCT((${hardRange}="${HARD_MARK}")*(${scoreRange}<${maxRange}))` : `COUNTIFS(${hardRange},"${HARD_MARK}",${scoreRange},"<>${PASS_TEXT}")`,
      },
    ] : []),
    { row: verdictRow, col: col('title'), value: 'Tự đánh giá (tính lại khi nộp)', style: 'label' },
    {
      row: verdictRow, col: col('score'), value: null, style: 'total',
      formula: isPoints
        ? `IF(COUNTBLANK(${scoreRange})>0,"Chưa chấm đủ",IF(AND(${totalCell}>=${threshold}${hasHard ? `,${hardCountCell}=0` : ''}),"Đạt ngưỡng","Chưa đạt"))`
        : `IF(COUNTBLANK(${scoreRange})>0,"Chưa chấm đủ",IF(${totalCell}>=${threshold},"Đạt","Chưa đạt"))`,
    },
  );
  name(NAMES.scoreTable, SHEETS.scores, [SCORE_HEADER_ROW, 1], [last, SCORE_COLUMNS.length]);
  name(NAMES.total, SHEETS.scores, [totalRow, col('score')]);

  const validations: TemplateValidation[] = isPoints
    ? set.criteria.map((criterion, i) => ({
      sheet: SHEETS.scores, range: cellAddress(first + i, col('score')), kind: 'decimal' as const, min: 0, max: criterion.maxPoints, step: criterion.step,
      prompt: `Từ 0 đến ${formatNumberVi(criterion.maxPoints)}, bước ${formatNumberVi(criterion.step)}.`,
      // A decimal typed with the other separator is text, which this check refuses as well: say so.
      error: `Điểm phải là số từ 0 đến ${formatNumberVi(criterion.maxPoints)} và là bội của ${formatNumberVi(criterion.step)}. ${DECIMAL_HINT}`,
    }))
    : [{ sheet: SHEETS.scores, range: scoreRange, kind: 'list', values: [PASS_TEXT, FAIL_TEXT], prompt: `Chọn "${PASS_TEXT}" hoặc "${FAIL_TEXT}".`, error: `Chọn "${PASS_TEXT}" hoặc "${FAIL_TEXT}".` }];
  const topScore = cellAddress(first, col('score'));
  const letter = (c: (typeof SCORE_COLUMNS)[number]) => cellAddress(1, col(c)).replace(/\d+$/u, '');
  const conditionalFormats: TemplateConditionalFormat[] = [{
    sheet: SHEETS.scores, range: scoreRange, fill: RED_FILL, fontColor: RED_FONT,
    formula: isPoints
      ? `AND($${letter('hard')}${first}="${HARD_MARK}",ISNUMBER(${topScore}),${topScore}<$${letter('maxPoints')}${first})`
      : `${topScore}="${FAIL_TEXT}"`,
  }];

  return {
    sheet: sheet(SHEETS.scores, {
      cells,
      columnWidths: [6, 24, 60, 10, 10, 14, 40],
      merges: [`A1:${cellAddress(1, SCORE_COLUMNS.length)}`, `A2:${cellAddress(2, SCORE_COLUMNS.length)}`],
      printTitleRows: `${SCORE_HEADER_ROW}:${SCORE_HEADER_ROW}`,
      landscape: true,
      frozenRows: SCORE_HEADER_ROW,
    }),
    validations,
    conditionalFormats,
  };
}

function dossierSheet(name: Namer) {
  const items = Object.keys(DOSSIER_ITEM_LABELS) as (keyof typeof DOSSIER_ITEM_LABELS)[];
  const cells: TemplateCell[] = [
    { row: 1, col: 1, value: 'HỒ SƠ ĐỀ NGHỊ CÔNG NHẬN', style: 'title' },
    ...DOSSIER_COLUMNS.map((c, i) => ({ row: DOSSIER_HEADER_ROW, col: i + 1, value: DOSSIER_HEADERS[c], style: 'header' as const })),
  ];
  items.forEach((item, i) => {
    const row = DOSSIER_HEADER_ROW + 1 + i;
    cells.push(
      { row, col: 1, value: i + 1, style: 'number' },
      { row, col: 2, value: DOSSIER_ITEM_LABELS[item], style: 'wrap' },
      { row, col: 3, value: PRESENT_NO, style: 'input' },
      { row, col: 4, value: null, style: 'input' },
      { row, col: 5, value: null, style: 'input' },
    );
  });
  const last = DOSSIER_HEADER_ROW + items.length;
  name(NAMES.dossierTable, SHEETS.dossier, [DOSSIER_HEADER_ROW, 1], [last, DOSSIER_COLUMNS.length]);
  const validations: TemplateValidation[] = [{
    sheet: SHEETS.dossier, range: `${cellAddress(DOSSIER_HEADER_ROW + 1, 3)}:${cellAddress(last, 3)}`, kind: 'list',
    values: [PRESENT_YES, PRESENT_NO], prompt: `Chọn "${PRESENT_YES}" hoặc "${PRESENT_NO}".`, error: `Chọn "${PRESENT_YES}" hoặc "${PRESENT_NO}".`,
  }];
  return { sheet: sheet(SHEETS.dossier, { cells, columnWidths: [6, 60, 12, 20, 16], landscape: true }), validations };
}

/** Column of the hidden JSON chunks on the criteria-set sheet. */
const JSON_COLUMN = 10;

function criteriaSetSheet(set: CriteriaSet, name: Namer): TemplateSheet {
  const meta: [string, CellValue, string | undefined][] = [
    ['Mã bộ tiêu chí', set.id, NAMES.setId],
    ['Phiên bản', set.version, NAMES.setVersion],
    ['Mã băm nội dung (SHA-256)', criteriaSetHash(set), NAMES.setHash],
    ['Phiên bản mẫu', TEMPLATE_VERSION, NAMES.templateVersion],
    ['Tình trạng', set.draft ? 'Bộ tiêu chí dự thảo (cần đối chiếu với văn bản chính thức)' : 'Chính thức', undefined],
    ['Căn cứ', set.legalBasis, undefined],
  ];
  const cells: TemplateCell[] = [];
  meta.forEach(([label, value, key], i) => {
    cells.push({ row: i + 1, col: 1, value: label, style: 'label' }, { row: i + 1, col: 2, value, style: 'wrap' });
    if (key) name(key, SHEETS.criteriaSet, [i + 1, 2]);
  });
  let row = meta.length + 1;
  if (set.draftNote) cells.push({ row: row++, col: 1, value: 'Ghi chú', style: 'label' }, { row: row - 1, col: 2, value: set.draftNote, style: 'warning' });
  row++;
  const headers = ['STT', 'Nhóm', 'Nội dung tiêu chí', 'Tiêu chí cứng', 'Điểm tối đa', 'Bước điểm', 'Minh chứng cần có'];
  headers.forEach((h, i) => cells.push({ row, col: i + 1, value: h, style: 'header' }));
  for (const c of set.criteria) {
    row++;
    const values: CellValue[] = [c.number, c.group, c.title, c.hard ? HARD_MARK : null, c.maxPoints, c.step, c.guidance];
    values.forEach((value, i) => cells.push({ row, col: i + 1, value, style: i === 0 || i >= 3 && i <= 5 ? 'number' : 'wrap' }));
  }
  const json = canonicalJson(set);
  const chunks = Math.max(1, Math.ceil(json.length / SET_JSON_CHUNK));
  for (let i = 0; i < chunks; i++) {
    cells.push({ row: i + 1, col: JSON_COLUMN, value: json.slice(i * SET_JSON_CHUNK, (i + 1) * SET_JSON_CHUNK), style: 'data' });
  }
  name(NAMES.setJson, SHEETS.criteriaSet, [1, JSON_COLUMN], [chunks, JSON_COLUMN]);
  return sheet(SHEETS.criteriaSet, {
    cells, columnWidths: [26, 24, 60, 10, 10, 10, 40, 2, 2, 2], hiddenColumns: [JSON_COLUMN], protected: true, landscape: true,
  });
}

/**
 * The custom rule a 'decimal' validation stands for (Excel's decimal rule has no step), relative to
 * the range's top-left cell: `AND(ISNUMBER(F5),F5>=0,F5<=4,MOD(F5*2,1)=0)`. Every renderer of the
 * model (exceljs on the server, Office.js in the add-in) writes this same formula.
 */
export function decimalStepFormula(cell: string, min: number, max: number, step: number): string {
  const per = 1 / step;
  // A step whose inverse is whole (0.5, 0.25, 1) checks exactly; others fall back to a rounded
  // remainder so binary noise (0.1 * 3) does not reject a good score.
  const stepCheck = Number.isInteger(per) ? `MOD(${cell}*${per},1)=0` : `ABS(ROUND(${cell}/${step},0)*${step}-${cell})<0.000001`;
  return `AND(ISNUMBER(${cell}),${cell}>=${min},${cell}<=${max},${stepCheck})`;
}

function absolute(row: number, col: number): string {
  return cellAddress(row, col).replace(/^([A-Z]+)(\d+)$/u, '$$$1$$$2');
}
