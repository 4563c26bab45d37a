/**
 * What the form needs from the workbook it runs in. The add-in implements it over Office.js
 * (addin/office/officeHost.ts); the tests implement it over the in-memory workbook. Nothing in
 * addin/app or addin/ui touches `Office` or `Excel`.
 */
import type { CellRef } from '../../shared/workbook/interpret';
import type { WorkbookPort } from '../../shared/workbook/port';
import type { TemplateModel } from '../../shared/workbook/template';
import type { Result } from '../../shared/util/result';

export interface HostListener {
  /** Cells changed by the user (or another add-in), not by this add-in's own writes. */
  changed(change: { sheet: string; address: string }): void;
  /** The user selected a cell or range; row and column of its top-left cell (1-based). */
  selected(cell: CellRef): void;
  /** A sheet was added or deleted. */
  sheetsChanged(): void;
}

export interface InsertReport {
  /** Sheets of the same name that were kept under a new name, old → new. */
  renamed: [string, string][];
}

/** Why the workbook file could not be read for sending. */
export type FileProblem =
  | { kind: 'unsupported' }
  | { kind: 'office'; code: string; message: string };

export interface HostCapabilities {
  /** The host hands out the file as compressed .xlsx bytes (getFileAsync). */
  compressedFile: boolean;
  /** How this add-in's own writes are kept from firing its change handler. */
  ownWrites: 'trigger-source' | 'noted-cells';
  /** `Office.context.partitionKey` where the host partitions storage (Excel on the web); keys the pane's stored settings. */
  storagePartition?: string;
}

export interface WorkbookHost extends WorkbookPort {
  readonly capabilities: HostCapabilities;
  /** Activates the cell's sheet and selects the cell. */
  select(cell: CellRef): Promise<void>;
  /** Listens to the workbook; the returned function stops listening. */
  subscribe(listener: HostListener): Promise<() => Promise<void>>;
  /** Adds the template's sheets, names, validations and formats to the open workbook. */
  insertTemplate(model: TemplateModel): Promise<InsertReport>;
  /** The whole workbook file as .xlsx bytes. */
  readFile(onProgress: (done: number, total: number) => void): Promise<Result<Uint8Array, FileProblem>>;
  /** The open file's name, e.g. "Bang cham diem.xlsx". */
  fileName(): string;
}
