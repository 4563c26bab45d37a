/**
 * The WorkbookPort over Office.js: every Excel.run of the add-in's form lives here, batched.
 * Reading the whole form costs 2 context.sync() round trips (3 when a name is found only in a
 * sheet's scope), writing any number of cells 1, selecting a cell 1.
 */
import { resolveDefinedName, type NameDefinition } from '../../shared/workbook/definedNames';
import { ALL_NAMES } from '../../shared/workbook/layout';
import type { CellRef } from '../../shared/workbook/interpret';
import { cellAddress, parseSheetArea, sheetReference } from '../../shared/workbook/a1';
import { type CellValue, type CellWrite, type RangeGrid, type WorkbookPort, type WorkbookSnapshot } from '../../shared/workbook/port';
import type { HostListener } from '../app/host';
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

const NAME_PROPS = 'items/name,items/type,items/formula';

/** How long a noted own write or selection waits for its event before it no longer hides one. */
export const OWN_ECHO_TTL_MS = 10_000;

/**
 * What this add-in did to cells whose events have not arrived yet: its writes (hosts below
 * ExcelApi 1.14 do not say who changed a cell) and its selections (Excel reports the add-in's
 * own `range.select()` as a selection change, late: after the batch, and after batches queued
 * behind it, so the echo of a step the user has already left would move the form back to it).
 * An entry expires, so a host that never sends the event cannot hide a later user action for
 * long; the form also re-reads before it writes or submits.
 */
export class OwnEchoes {
  private readonly pending = new Map<string, number[]>();
  constructor(private readonly now: () => number = Date.now) {}

  private key(sheet: string, address: string): string {
    return `${sheet.toLowerCase()}!${address.replace(/\$/gu, '').toUpperCase()}`;
  }

  note(sheet: string, address: string): void {
    const key = this.key(sheet, address);
    this.pending.set(key, [...(this.pending.get(key) ?? []), this.now()]);
  }

  /** True when the event is the echo of an own action (and consumes it). */
  take(sheet: string, address: string): boolean {
    const key = this.key(sheet, address);
    const fresh = (this.pending.get(key) ?? []).filter((t) => this.now() - t <= OWN_ECHO_TTL_MS);
    const hit = fresh.length > 0;
    if (hit) fresh.shift();
    if (fresh.length > 0) this.pending.set(key, fresh);
    else this.pending.delete(key);
    return hit;
  }
}

export class ExcelPort implements WorkbookPort {
  private readonly ownWrites: OwnEchoes;
  private readonly ownSelections: OwnEchoes;

  constructor(
    private readonly excel: ExcelApi,
    private readonly features: Pick<ExcelFeatures, 'triggerSource'>,
    private readonly log: PortLog,
    now: () => number = Date.now,
  ) {
    this.ownWrites = new OwnEchoes(now);
    this.ownSelections = new OwnEchoes(now);
  }

  /**
   * Sync 1: the workbook's names and the sheets; sync 2: each sheet's own names and the values
   * of every layout name with a valid workbook-scope definition. A name found only in a sheet's
   * scope (a copied scoring sheet whose original was deleted) costs a third sync.
   */
  async read(): Promise<WorkbookSnapshot> {
    return this.excel.run(async (context) => {
      const names = context.workbook.names.load(NAME_PROPS);
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();

      // Excel compares names without case: the layout's spelling is the key.
      const layoutName = new Map(ALL_NAMES.map((n) => [n.toLowerCase(), n]));
      const definitions = new Map<string, NameDefinition<Excel.NamedItem>[]>();
      const define = (item: Excel.NamedItem, scopeSheet: string | undefined) => {
        const name = layoutName.get(item.name.toLowerCase());
        if (!name) return;
        const area = item.type === 'Range' ? parseSheetArea(String(item.formula)) : undefined;
        if (!area) {
          // Left out: the interpreter then names it as missing, with what to do.
          this.log(`defined name ${item.name}${scopeSheet ? ` (scope ${scopeSheet})` : ''} is not one rectangular range (${String(item.type)}: ${String(item.formula)})`);
        }
        definitions.set(name, [...(definitions.get(name) ?? []), { scopeSheet, targetSheet: area?.sheet, value: item }]);
      };
      for (const item of names.items) define(item, undefined);

      const local = sheets.items.map((sheet) => ({ sheet: sheet.name, names: sheet.names.load(NAME_PROPS) }));
      const loads = new Map<string, Excel.Range>();
      for (const [name, found] of definitions) {
        const chosen = resolveDefinedName(found);
        if (chosen.kind === 'found') loads.set(name, this.loadRange(name, chosen.value));
      }
      await context.sync();

      for (const { sheet, names: own } of local) for (const item of own.items) define(item, sheet);
      const late = [...definitions].filter(([name]) => !loads.has(name));
      for (const [name, found] of late) {
        const chosen = resolveDefinedName(found);
        if (chosen.kind === 'found') loads.set(name, this.loadRange(name, chosen.value));
        else if (chosen.kind === 'sheet-copies') this.log(`defined name ${name}: no usable definition among ${found.length} (valid copies on several sheets: ${chosen.sheets.join(', ')})`);
        else if (found.length > 1) this.log(`defined name ${name}: no usable definition among ${found.length} (all broken)`);
      }
      if (loads.size > 0 && late.some(([name]) => loads.has(name))) await context.sync();

      const ranges: Record<string, RangeGrid> = {};
      for (const [name, range] of loads) {
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

  /** Queues the read of a name's range, capped (see MAX_NAME_ROWS). */
  private loadRange(name: string, item: Excel.NamedItem): Excel.Range {
    const area = parseSheetArea(String(item.formula))!;
    const rows = area.bottom - area.top + 1;
    const columns = area.right - area.left + 1;
    let range = item.getRange();
    if (rows > MAX_NAME_ROWS || columns > MAX_NAME_COLUMNS) {
      this.log(`defined name ${name} covers ${rows}×${columns} cells; reading the first ${MAX_NAME_ROWS}×${MAX_NAME_COLUMNS}`);
      range = range.getCell(0, 0).getResizedRange(Math.min(rows, MAX_NAME_ROWS) - 1, Math.min(columns, MAX_NAME_COLUMNS) - 1);
    }
    return range.load('address,values,rowIndex,columnIndex');
  }

  /**
   * One sync for the whole batch. The add-in's own writes must not come back as user edits:
   * with `triggerSource` (ExcelApi 1.14) the handler skips them; below it, each written cell is
   * noted and its change event, whenever it arrives, is skipped once. Events are not switched
   * off around the write: hosts deliver a batch's events after it, when they would be back on.
   */
  async write(writes: readonly CellWrite[]): Promise<void> {
    if (writes.length === 0) return;
    if (!this.features.triggerSource) for (const w of writes) this.ownWrites.note(w.sheet, cellAddress(w.row, w.col));
    // A failed batch may have written some cells (Excel runs it up to the failing command):
    // their notes stay, and expire if no event comes.
    await this.excel.run(async (context) => {
      for (const w of writes) {
        context.workbook.worksheets.getItem(w.sheet).getCell(w.row - 1, w.col - 1).values = [[toExcelInput(w.value)]];
      }
      await context.sync();
    });
  }

  async select(cell: CellRef): Promise<void> {
    await this.excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(cell.sheet);
      sheet.activate();
      sheet.getCell(cell.row - 1, cell.col - 1).select();
      this.ownSelections.note(cell.sheet, cellAddress(cell.row, cell.col));
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
          if (this.features.triggerSource ? event.triggerSource === 'ThisLocalAddin' : this.ownWrites.take(name, event.address)) return;
          listener.changed({ sheet: name, address: event.address });
        }));
        handlers.push(sheet.onSelectionChanged.add(async (event) => {
          if (this.ownSelections.take(name, event.address)) return;
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
