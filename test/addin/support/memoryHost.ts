/**
 * The form's host over the in-memory workbook (test/support/memoryWorkbook.ts): reads and writes
 * go to its cells; a test plays the user with userEdit/userSelect and Office failures with
 * failNext.
 */
import type { CellRef } from '../../../shared/workbook/interpret';
import type { CellValue, CellWrite, WorkbookSnapshot } from '../../../shared/workbook/port';
import type { TemplateModel } from '../../../shared/workbook/template';
import { err, ok, type Result } from '../../../shared/util/result';
import type { FileProblem, HostCapabilities, HostListener, InsertReport, WorkbookHost } from '../../../addin/app/host';
import { MemoryWorkbook } from '../../support/memoryWorkbook';

export class MemoryHost implements WorkbookHost {
  readonly capabilities: HostCapabilities;
  readonly selections: CellRef[] = [];
  readonly inserted: TemplateModel[] = [];
  listener: HostListener | undefined;
  subscriptions = 0;
  /** The next read or write (or only the next of `on`) rejects with this Office-like error. */
  failNext: { code: string; message: string; on?: 'read' | 'write' } | undefined;

  constructor(readonly workbook: MemoryWorkbook, private readonly file: Result<Uint8Array, FileProblem> = ok(new Uint8Array([80, 75, 3, 4])), compressedFile = true) {
    this.capabilities = { compressedFile, ownWrites: 'trigger-source' };
  }

  private maybeFail(call: 'read' | 'write'): void {
    const failure = this.failNext;
    if (failure?.on && failure.on !== call) return;
    this.failNext = undefined;
    if (failure) throw Object.assign(new Error(failure.message), { code: failure.code });
  }

  async read(): Promise<WorkbookSnapshot> {
    this.maybeFail('read');
    return this.workbook.read();
  }

  async write(writes: readonly CellWrite[]): Promise<void> {
    this.maybeFail('write');
    await this.workbook.write(writes);
  }

  async select(cell: CellRef): Promise<void> {
    this.selections.push(cell);
  }

  async subscribe(listener: HostListener): Promise<() => Promise<void>> {
    this.listener = listener;
    this.subscriptions++;
    return async () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }

  async insertTemplate(model: TemplateModel): Promise<InsertReport> {
    this.inserted.push(model);
    const fresh = MemoryWorkbook.fromTemplate(model);
    const snapshot = await fresh.read();
    for (const sheet of snapshot.sheetNames) this.workbook.addSheet(sheet);
    for (const sheet of model.sheets) for (const cell of sheet.cells) this.workbook.setCell(sheet.name, cell.row, cell.col, cell.formula ? null : cell.value);
    for (const [name, { sheet, range }] of Object.entries(model.names)) this.workbook.defineName(name, sheet, range);
    this.listener?.sheetsChanged();
    return { renamed: [] };
  }

  async readFile(onProgress: (done: number, total: number) => void): Promise<Result<Uint8Array, FileProblem>> {
    if (this.file.ok) onProgress(this.file.value.length, this.file.value.length);
    return this.file.ok ? ok(this.file.value) : err(this.file.error);
  }

  fileName(): string {
    return 'Bảng chấm điểm.xlsx';
  }

  /** The user types into a cell of the sheet. */
  userEdit(sheet: string, row: number, col: number, value: CellValue): void {
    this.workbook.setCell(sheet, row, col, value);
    this.listener?.changed({ sheet, address: `${row}:${col}` });
  }

  /** A dropdown edit on Excel on the web: the cell changes and no event fires. */
  userEditSilently(sheet: string, row: number, col: number, value: CellValue): void {
    this.workbook.setCell(sheet, row, col, value);
  }

  /** The user clicks a cell of the sheet. */
  userSelect(sheet: string, row: number, col: number): void {
    this.listener?.selected({ sheet, row, col });
  }
}
