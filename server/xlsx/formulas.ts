/**
 * The formulas the reader computes itself, for cells a program saved without their values (Excel
 * saves every result; some libraries and converters save none). Only what has one safe meaning
 * is computed: numbers, text and TRUE/FALSE constants, references to cells (on the same or another
 * sheet), + - * / and parentheses over numbers, and SUM over cells and areas. Anything else (other
 * functions, names, text in arithmetic, an error value) is not computed: the cell is reported, so
 * that nobody reads an uncomputed formula as an empty cell.
 */
import type { CellValue } from '../../shared/workbook/port';
import { parseCellAddress, unquoteSheetName, type SheetArea } from '../../shared/workbook/a1';

/** A reference inside a formula: a cell or an area, on the formula's own sheet when `sheet` is undefined. */
export interface FormulaReference {
  sheet: string | undefined;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

type Expression =
  | { kind: 'value'; value: number | string | boolean }
  | { kind: 'reference'; reference: FormulaReference }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/'; left: Expression; right: Expression }
  | { kind: 'sum'; operands: Expression[] };

/** A formula understood: what it computes and the cells it reads. */
export interface ParsedFormula {
  expression: Expression;
  references: FormulaReference[];
}

/** What a formula's cell holds for the reader: a value, or `undefined` when it is not known (not read, or itself not computable). */
export type CellLookup = (sheet: string | undefined, row: number, col: number) => CellValue | undefined;

/** Longest formula text looked at; a longer one is not computed. */
const LONGEST_FORMULA = 1024;
/** Cells one SUM may add up; a larger area is not computed. */
export const LARGEST_SUM_AREA = 10_000;

/**
 * Parses `text` (without "="; a leading one is ignored) shifted by `rows`/`cols` (a shared
 * formula's follower: relative parts of references move, "$" parts stay). Undefined when the
 * formula is outside what the reader computes.
 */
export function parseFormula(text: string, rows = 0, cols = 0): ParsedFormula | undefined {
  if (text.length > LONGEST_FORMULA) return undefined;
  const tokens = tokenize(text.replace(/^\s*=/u, ''), rows, cols);
  if (!tokens) return undefined;
  const references: FormulaReference[] = [];
  const parser = new Parser(tokens, references);
  const expression = parser.expression();
  return expression && parser.done() ? { expression, references } : undefined;
}

/**
 * The value of a parsed formula, or undefined when it cannot be computed safely (a cell not known,
 * text or an error in arithmetic, division by zero). A bare reference to an empty cell is 0, as in
 * Excel; results are rounded to Excel's 15 significant digits.
 */
export function evaluateFormula(formula: ParsedFormula, lookup: CellLookup): CellValue | undefined {
  const value = evaluate(formula.expression, lookup);
  return typeof value === 'number' ? Number(value.toPrecision(15)) : value;
}

function evaluate(expression: Expression, lookup: CellLookup): number | string | boolean | undefined {
  switch (expression.kind) {
    case 'value':
      return expression.value;
    case 'reference': {
      const { reference } = expression;
      if (reference.top !== reference.bottom || reference.left !== reference.right) return undefined;
      const value = lookup(reference.sheet, reference.top, reference.left);
      if (value === undefined) return undefined;
      if (typeof value === 'string' && ERROR_VALUE.test(value)) return undefined;
      return value ?? 0;
    }
    case 'negate': {
      const operand = number(evaluate(expression.operand, lookup));
      return operand === undefined ? undefined : -operand;
    }
    case 'binary': {
      const left = number(evaluate(expression.left, lookup));
      const right = number(evaluate(expression.right, lookup));
      if (left === undefined || right === undefined) return undefined;
      switch (expression.operator) {
        case '+': return left + right;
        case '-': return left - right;
        case '*': return left * right;
        case '/': return right === 0 ? undefined : left / right;
      }
      return undefined;
    }
    case 'sum':
      return sum(expression.operands, lookup);
  }
}

/** SUM as Excel adds: numbers in areas count, text and TRUE/FALSE in areas do not; an argument given directly must be a number. */
function sum(operands: readonly Expression[], lookup: CellLookup): number | undefined {
  let total = 0;
  for (const operand of operands) {
    if (operand.kind !== 'reference') {
      const value = number(evaluate(operand, lookup));
      if (value === undefined) return undefined;
      total += value;
      continue;
    }
    const { sheet, top, left, bottom, right } = operand.reference;
    for (let row = top; row <= bottom; row++) {
      for (let col = left; col <= right; col++) {
        const value = lookup(sheet, row, col);
        if (value === undefined) return undefined;
        if (typeof value === 'string' && ERROR_VALUE.test(value)) return undefined;
        if (typeof value === 'number') total += value;
      }
    }
  }
  return total;
}

/** A number for arithmetic: TRUE/FALSE count as 1/0 as in Excel; text (whose reading depends on the locale) does not. */
function number(value: number | string | boolean | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

/** Excel's error values, as a cell of type "e" holds them. */
const ERROR_VALUE = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/u;

type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'reference'; reference: FormulaReference }
  | { kind: 'sum' }
  | { kind: 'punctuation'; value: '+' | '-' | '*' | '/' | '(' | ')' | ',' };

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[Ee][+-]?\d+)?/u;
/** A cell or area, with an optional sheet ('quoted' or plain): the sheet, the first cell, the second. */
const REFERENCE = /^(?:(?:'((?:[^']|'')+)'|([^\s'!(),+\-*/&=<>^"]+))!)?(\$?[A-Za-z]{1,3}\$?\d{1,7})(?::(\$?[A-Za-z]{1,3}\$?\d{1,7}))?(?![\w(!.])/u;

function tokenize(text: string, rows: number, cols: number): Token[] | undefined {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const space = /^\s+/u.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const char = rest[0]!;
    if ('+-*/(),'.includes(char)) {
      tokens.push({ kind: 'punctuation', value: char as '+' });
      at++;
      continue;
    }
    if (char === '"') {
      const string = /^"((?:[^"]|"")*)"/u.exec(rest);
      if (!string) return undefined;
      tokens.push({ kind: 'string', value: string[1]!.replace(/""/gu, '"') });
      at += string[0].length;
      continue;
    }
    const numberMatch = NUMBER.exec(rest);
    if (numberMatch && !/^[A-Za-z]/u.test(rest.slice(numberMatch[0].length))) {
      tokens.push({ kind: 'number', value: Number(numberMatch[0]) });
      at += numberMatch[0].length;
      continue;
    }
    const word = /^(TRUE|FALSE|SUM)(?![\w.!])/iu.exec(rest);
    if (word) {
      const name = word[1]!.toUpperCase();
      if (name === 'SUM') {
        if (!/^\s*\(/u.test(rest.slice(word[0].length))) return undefined;
        tokens.push({ kind: 'sum' });
      } else {
        tokens.push({ kind: 'boolean', value: name === 'TRUE' });
      }
      at += word[0].length;
      continue;
    }
    const reference = REFERENCE.exec(rest);
    if (!reference) return undefined;
    const sheet = reference[1] !== undefined ? unquoteSheetName(reference[1]) : reference[2];
    const from = shiftCell(reference[3]!, rows, cols);
    const to = shiftCell(reference[4] ?? reference[3]!, rows, cols);
    if (!from || !to) return undefined;
    tokens.push({
      kind: 'reference',
      reference: {
        sheet,
        top: Math.min(from.row, to.row), bottom: Math.max(from.row, to.row),
        left: Math.min(from.col, to.col), right: Math.max(from.col, to.col),
      },
    });
    at += reference[0].length;
  }
  return tokens;
}

/** A cell reference moved by rows/cols where it is relative (no "$"); undefined when it leaves Excel's grid. */
function shiftCell(text: string, rows: number, cols: number): { row: number; col: number } | undefined {
  const cell = parseCellAddress(text);
  if (!cell) return undefined;
  const dollarRow = /\$\d/u.test(text);
  const dollarCol = text.startsWith('$');
  const row = dollarRow ? cell.row : cell.row + rows;
  const col = dollarCol ? cell.col : cell.col + cols;
  return row >= 1 && row <= 1048576 && col >= 1 && col <= 16384 ? { row, col } : undefined;
}

/** Recursive descent over: expression = term (("+"|"-") term)*; term = unary (("*"|"/") unary)*; unary = "-"* primary. */
class Parser {
  private at = 0;

  constructor(private readonly tokens: Token[], private readonly references: FormulaReference[]) {}

  done(): boolean {
    return this.at === this.tokens.length;
  }

  expression(): Expression | undefined {
    let left = this.term();
    while (left && this.peekPunctuation('+', '-')) {
      const operator = (this.tokens[this.at++] as { value: '+' | '-' }).value;
      const right = this.term();
      left = right && { kind: 'binary', operator, left, right };
    }
    return left;
  }

  private term(): Expression | undefined {
    let left = this.unary();
    while (left && this.peekPunctuation('*', '/')) {
      const operator = (this.tokens[this.at++] as { value: '*' | '/' }).value;
      const right = this.unary();
      left = right && { kind: 'binary', operator, left, right };
    }
    return left;
  }

  private unary(): Expression | undefined {
    if (this.peekPunctuation('-', '+')) {
      const sign = (this.tokens[this.at++] as { value: string }).value;
      const operand = this.unary();
      return operand && (sign === '-' ? { kind: 'negate', operand } : { kind: 'binary', operator: '+', left: { kind: 'value', value: 0 }, right: operand });
    }
    return this.primary();
  }

  private primary(): Expression | undefined {
    const token = this.tokens[this.at++];
    if (!token) return undefined;
    switch (token.kind) {
      case 'number':
      case 'string':
      case 'boolean':
        return { kind: 'value', value: token.value };
      case 'reference': {
        const { reference } = token;
        if ((reference.bottom - reference.top + 1) * (reference.right - reference.left + 1) > LARGEST_SUM_AREA) return undefined;
        this.references.push(reference);
        return { kind: 'reference', reference };
      }
      case 'sum': {
        if (!this.takePunctuation('(')) return undefined;
        const operands: Expression[] = [];
        if (!this.takePunctuation(')')) {
          for (;;) {
            const operand = this.expression();
            if (!operand) return undefined;
            operands.push(operand);
            if (this.takePunctuation(')')) break;
            if (!this.takePunctuation(',')) return undefined;
          }
        }
        return { kind: 'sum', operands };
      }
      case 'punctuation': {
        if (token.value !== '(') return undefined;
        const inner = this.expression();
        return inner && this.takePunctuation(')') ? inner : undefined;
      }
    }
  }

  private peekPunctuation(...values: string[]): boolean {
    const token = this.tokens[this.at];
    return token?.kind === 'punctuation' && values.includes(token.value);
  }

  private takePunctuation(value: string): boolean {
    if (!this.peekPunctuation(value)) return false;
    this.at++;
    return true;
  }
}

/** The cells a reference covers, as an area on a named sheet (the formula's own when the reference names none). */
export function referenceArea(reference: FormulaReference, ownSheet: string): SheetArea {
  return { sheet: reference.sheet ?? ownSheet, top: reference.top, left: reference.left, bottom: reference.bottom, right: reference.right };
}
