/**
 * An in-memory workbook that behaves like Excel where the scoring workbook depends on it: cells
 * by sheet, workbook-scope defined names that move and grow when rows are inserted or deleted.
 * It is the fake behind the WorkbookPort contract tests and the add-in's form tests.
 */
import type { TemplateModel } from '../../shared/workbook/template';
import { cellAddress, parseCellAddress } from '../../shared/workbook/a1';
import { type CellValue, type CellWrite, type RangeGrid, type WorkbookPort, type WorkbookSnapshot } from '../../shared/workbook/port';

interface NameRange { sheet: string; top: number; left: number; bottom: number; right: number }

export class MemoryWorkbook implements WorkbookPort {
  private readonly sheets = new Map<string, Map<string, CellValue>>();
  private readonly names = new Map<string, NameRange>();
  /** Counts reads and writes, as Excel.run round trips would be counted. */
  readonly calls = { read: 0, write: 0 };

  static fromTemplate(model: TemplateModel): MemoryWorkbook {
    const workbook = new MemoryWorkbook();
    for (const sheet of model.sheets) {
      workbook.addSheet(sheet.name);
      for (const cell of sheet.cells) workbook.setCell(sheet.name, cell.row, cell.col, cell.formula ? null : cell.value);
    }
    for (const [name, { sheet, range }] of Object.entries(model.names)) workbook.defineName(name, sheet, range);
    return workbook;
  }

  addSheet(name: string): void {
    if (!this.sheets.has(name)) this.sheets.set(name, new Map());
  }

  defineName(name: string, sheet: string, range: string): void {
    const [from, to = from] = range.replace(/\$/gu, '').split(':') as [string, string?];
    const a = parseCellAddress(from)!;
    const b = parseCellAddress(to)!;
    this.names.set(name, { sheet, top: a.row, left: a.col, bottom: b.row, right: b.col });
  }

  deleteName(name: string): void {
    this.names.delete(name);
  }

  namedCell(name: string, rowOffset = 0, colOffset = 0): { sheet: string; row: number; col: number } {
    const range = this.names.get(name);
    if (!range) throw new Error(`no defined name ${name}`);
    return { sheet: range.sheet, row: range.top + rowOffset, col: range.left + colOffset };
  }

  getCell(sheet: string, row: number, col: number): CellValue {
    return this.sheets.get(sheet)?.get(`${row}:${col}`) ?? null;
  }

  setCell(sheet: string, row: number, col: number, value: CellValue): void {
    const cells = this.sheets.get(sheet);
    if (!cells) throw new Error(`no sheet ${sheet}`);
    if (value === null || value === '') cells.delete(`${row}:${col}`);
    else cells.set(`${row}:${col}`, value);
  }

  /** Inserts empty rows before `row`, moving cells and names as Excel does. */
  insertRows(sheet: string, row: number, count = 1): void {
    this.shiftRows(sheet, row, count);
  }

  /** Deletes rows, moving cells up and shrinking names as Excel does. */
  deleteRows(sheet: string, row: number, count = 1): void {
    const cells = this.sheets.get(sheet)!;
    for (const key of [...cells.keys()]) {
      const r = Number(key.split(':')[0]);
      if (r >= row && r < row + count) cells.delete(key);
    }
    this.shiftRows(sheet, row + count, -count);
  }

  private shiftRows(sheet: string, from: number, by: number): void {
    const cells = this.sheets.get(sheet)!;
    const moved = [...cells.entries()].filter(([key]) => Number(key.split(':')[0]) >= from);
    for (const [key] of moved) cells.delete(key);
    for (const [key, value] of moved) {
      const [r, c] = key.split(':').map(Number) as [number, number];
      cells.set(`${r + by}:${c}`, value);
    }
    for (const range of this.names.values()) {
      if (range.sheet !== sheet) continue;
      if (range.top >= from) range.top += by;
      if (range.bottom >= from || (by < 0 && range.bottom >= from + by)) range.bottom = Math.max(range.top, range.bottom + by);
    }
  }

  async read(): Promise<WorkbookSnapshot> {
    this.calls.read++;
    const ranges: Record<string, RangeGrid> = {};
    for (const [name, range] of this.names) {
      const values: CellValue[][] = [];
      for (let r = range.top; r <= range.bottom; r++) {
        const row: CellValue[] = [];
        for (let c = range.left; c <= range.right; c++) row.push(this.getCell(range.sheet, r, c));
        values.push(row);
      }
      ranges[name] = { sheet: range.sheet, top: range.top, left: range.left, values };
    }
    return { sheetNames: [...this.sheets.keys()], ranges };
  }

  async write(writes: readonly CellWrite[]): Promise<void> {
    this.calls.write++;
    for (const w of writes) this.setCell(w.sheet, w.row, w.col, w.value);
  }

  /** A1 address of a defined name's top-left cell, for assertions. */
  addressOf(name: string): string {
    const range = this.names.get(name)!;
    return cellAddress(range.top, range.left);
  }
}
