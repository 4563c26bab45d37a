/**
 * The WorkbookPort over Office.js: every Excel.run of the add-in's form lives here, batched.
 * Reading the whole form costs 2 context.sync() round trips, writing any number of cells 1,
 * selecting a cell 1.
 */
import { ALL_NAMES } from '../../shared/workbook/layout';
import type { CellRef } from '../../shared/workbook/interpret';
import type { CellValue, CellWrite, RangeGrid, WorkbookPort, WorkbookSnapshot } from '../../shared/workbook/port';
import type { HostListener } from '../app/host';
import { parseSheetArea, sheetReference } from './addresses';
import type { ExcelFeatures } from './requirements';

/** The part of the `Excel` namespace the port uses (the tests give it a fake). */
export interface ExcelApi {
  run: typeof Excel.run;
}

/**
 * Caps on one defined name's read. A scoring table has a few dozen rows; a name stretched over a
 * whole column by mistake must not turn into a million-cell read (Excel on the web returns null
 * silently past 5 million cells, and refuses responses over 5 MB).
 */
export const MAX_NAME_ROWS = 2000;
export const MAX_NAME_COLUMNS = 64;

export type PortLog = (message: string) => void;

export class ExcelPort implements WorkbookPort {
  constructor(
    private readonly excel: ExcelApi,
    private readonly features: Pick<ExcelFeatures, 'triggerSource'>,
    private readonly log: PortLog,
  ) {}

  /** Sync 1: the names and sheets; sync 2: the values of every layout name's range. */
  async read(): Promise<WorkbookSnapshot> {
    return this.excel.run(async (context) => {
      const names = context.workbook.names.load('items/name,items/type,items/formula');
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();

      const wanted = new Set(ALL_NAMES);
      const loads: { name: string; range: Excel.Range }[] = [];
      for (const item of names.items) {
        if (!wanted.has(item.name)) continue;
        const area = item.type === 'Range' ? parseSheetArea(String(item.formula)) : undefined;
        if (!area) {
          // Left out of the snapshot: the interpreter then names it as missing, with what to do.
          this.log(`defined name ${item.name} is not one rectangular range (${String(item.type)}: ${String(item.formula)}); skipped`);
          continue;
        }
        const rows = area.bottom - area.top + 1;
        const columns = area.right - area.left + 1;
        let range = item.getRange();
        if (rows > MAX_NAME_ROWS || columns > MAX_NAME_COLUMNS) {
          this.log(`defined name ${item.name} covers ${rows}×${columns} cells; reading the first ${MAX_NAME_ROWS}×${MAX_NAME_COLUMNS}`);
          range = range.getCell(0, 0).getResizedRange(Math.min(rows, MAX_NAME_ROWS) - 1, Math.min(columns, MAX_NAME_COLUMNS) - 1);
        }
        range.load('address,values,rowIndex,columnIndex');
        loads.push({ name: item.name, range });
      }
      await context.sync();

      const ranges: Record<string, RangeGrid> = {};
      for (const { name, range } of loads) {
        const area = parseSheetArea(range.address);
        if (!area) {
          this.log(`unexpected address ${range.address} for ${name}; skipped`);
          continue;
        }
        ranges[name] = {
          sheet: area.sheet,
          top: range.rowIndex + 1,
          left: range.columnIndex + 1,
          values: (range.values as unknown[][]).map((row) => row.map(fromExcel)),
        };
      }
      return { sheetNames: sheets.items.map((s) => s.name), ranges };
    });
  }

  /** One sync for the whole batch. The add-in's own writes must not come back as user edits. */
  async write(writes: readonly CellWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const eventsOff = !this.features.triggerSource;
    try {
      await this.excel.run(async (context) => {
        if (eventsOff) context.runtime.enableEvents = false;
        for (const w of writes) {
          context.workbook.worksheets.getItem(w.sheet).getCell(w.row - 1, w.col - 1).values = [[toExcelInput(w.value)]];
        }
        if (eventsOff) context.runtime.enableEvents = true;
        await context.sync();
      });
    } catch (error) {
      // A failed batch stops before re-enabling events: turn them back on, then report the write.
      if (eventsOff) await this.enableEvents();
      throw error;
    }
  }

  private async enableEvents(): Promise<void> {
    try {
      await this.excel.run(async (context) => {
        context.runtime.enableEvents = true;
        await context.sync();
      });
    } catch (error) {
      this.log(`could not re-enable events after a failed write: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async select(cell: CellRef): Promise<void> {
    await this.excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(cell.sheet);
      sheet.activate();
      sheet.getCell(cell.row - 1, cell.col - 1).select();
      await context.sync();
    });
  }

  /** Registers change and selection handlers on every sheet; the result removes them. */
  async subscribe(listener: HostListener): Promise<() => Promise<void>> {
    const handlers: OfficeExtension.EventHandlerResult<unknown>[] = [];
    const context = await this.excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      for (const sheet of sheets.items) {
        const name = sheet.name;
        handlers.push(sheet.onChanged.add(async (event) => {
          if (this.features.triggerSource && event.triggerSource === 'ThisLocalAddin') return;
          listener.changed({ sheet: name, address: event.address });
        }));
        handlers.push(sheet.onSelectionChanged.add(async (event) => {
          const area = parseSheetArea(sheetReference(name, event.address));
          if (area) listener.selected({ sheet: name, row: area.top, col: area.left });
        }));
      }
      handlers.push(context.workbook.worksheets.onAdded.add(async () => listener.sheetsChanged()));
      handlers.push(context.workbook.worksheets.onDeleted.add(async () => listener.sheetsChanged()));
      await context.sync();
      return context;
    });
    return async () => {
      await this.excel.run(context, async (ctx) => {
        for (const handler of handlers) handler.remove();
        await ctx.sync();
      });
    };
  }
}

function fromExcel(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/**
 * What to put in `range.values` so the cell holds exactly `value`: null would mean "leave the
 * cell unchanged" to Excel, so clearing writes ""; text Excel would turn into a formula, number
 * or date ("=…", "0277…", "10/01/2026") is kept as text with Excel's apostrophe prefix.
 */
export function toExcelInput(value: CellValue): string | number | boolean {
  if (value === null) return '';
  if (typeof value !== 'string') return value;
  return /^[=+\-@']/u.test(value) || /^\s*[\d.,:/%\s-]+\s*$/u.test(value) || /^(true|false)$/iu.test(value.trim()) ? `'${value}` : value;
}
