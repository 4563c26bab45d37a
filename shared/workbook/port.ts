/**
 * The one interface through which the shared core sees a workbook. The add-in implements it over
 * Office.js, the server over the .xlsx bytes, the tests with a fake; one contract suite runs
 * against all of them.
 */
export type CellValue = string | number | boolean | null;

/** The values of one defined name's range. Rows and columns are 1-based sheet coordinates. */
export interface RangeGrid {
  sheet: string;
  top: number;
  left: number;
  values: CellValue[][];
  /**
   * Cells (row, column indices into `values`) holding a formula whose value the file does not
   * save and the reader could not compute: their value reads as null but is not known. Only a
   * reader of a file's bytes sets it (Excel, behind the add-in, computes every formula).
   */
  uncomputed?: ReadonlyArray<readonly [number, number]>;
}

/** What a reader knows of a workbook: its sheets and the range of each defined name it found. */
export interface WorkbookSnapshot {
  sheetNames: string[];
  ranges: Partial<Record<string, RangeGrid>>;
  /** The workbook counts dates from 1904 (Excel for Mac's old default): serial 0 is 1 January 1904. */
  date1904?: boolean;
}

export interface CellWrite {
  sheet: string;
  row: number;
  col: number;
  value: CellValue;
}

export interface WorkbookPort {
  /** One read of every defined name in the layout. */
  read(): Promise<WorkbookSnapshot>;
  /** Writes cells in one batch (the add-in: one sync). */
  write(writes: readonly CellWrite[]): Promise<void>;
}
