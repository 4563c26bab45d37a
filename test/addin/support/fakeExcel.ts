/**
 * A fake of the `Excel` namespace that behaves like Excel where the add-in depends on it:
 * commands queue until `context.sync()` and run in order; a property read before load + sync
 * throws; a failing command fails the sync and stops the batch; defined names follow renamed
 * sheets; `values` with null leaves a cell unchanged, "" clears it, and text is coerced the way
 * Excel coerces typed input ("'" keeps text, numbers and dates convert, "=" is a formula);
 * `context.sync()` resolves on a later macrotask (a real round trip), and the events it caused
 * reach handlers after that, on another macrotask; whether events are on is checked when they are
 * delivered (so switching events off and on in one batch does not hide the batch's own changes);
 * `triggerSource` tells the add-in's own writes apart (ExcelApi 1.14). Names have scopes: the
 * workbook's, or one sheet's (`worksheet.names`), and a name can be broken (`#REF!`). Some edits
 * fire no event at all (a data-validation dropdown on Excel on the web: `userEditSilently`). A
 * locale can refuse validation formulas (`rejectValidationFormula`). Syncs are counted.
 *
 * The subset is what addin/office uses; anything else throws, so a new call shows up here first.
 */
import type { CellValue, RangeGrid, WorkbookSnapshot } from '../../../shared/workbook/port';
import { cellAddress, parseCellAddress, sheetReference } from '../../../shared/workbook/a1';
import { dateToSerial } from '../../../shared/workbook/excelDate';

export class FakeOfficeError extends Error {
  constructor(readonly code: string, message: string, readonly debugInfo: { errorLocation: string } = { errorLocation: '' }) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

export interface Area { top: number; left: number; bottom: number; right: number }

export interface SheetState {
  id: string;
  name: string;
  cells: Map<string, CellValue>;
  formulas: Map<string, string>;
  numberFormats: Map<string, string>;
  /** Every format property set, by address: { 'font.bold': true, 'fill.color': '#…' }. */
  formats: Map<string, Record<string, unknown>>;
  validations: Map<string, Record<string, unknown>>;
  conditionalFormats: { address: string; type: string; props: Record<string, unknown> }[];
  merges: string[];
  hiddenColumns: Set<number>;
  columnWidths: Map<number, number>;
  frozenRows: number;
  protected: boolean;
  pageLayout: Record<string, unknown>;
}

interface NameState {
  name: string;
  sheetId: string;
  area: Area;
  /** The sheet whose scope holds the name; undefined for the workbook's. */
  scopeSheetId?: string;
  /** Refers to `#REF!` (its sheet was deleted). */
  broken?: boolean;
}

/** A dot-decimal number inside a formula ("4.5", "0.000001"). */
export const DOT_DECIMAL = /\d\.\d/u;

type Handler = (args: Record<string, unknown>) => Promise<unknown> | unknown;
interface Registration { kind: 'changed' | 'selection' | 'added' | 'deleted'; sheetId?: string; handler: Handler; active: boolean }

const key = (row: number, col: number) => `${row}:${col}`;

export class FakeExcel {
  readonly sheets: SheetState[] = [];
  /** Workbook-scope names. */
  readonly names = new Map<string, NameState>();
  /** Sheet-scope names, keyed `sheetId|name`. */
  readonly localNames = new Map<string, NameState>();
  enableEvents = true;
  /** A locale whose Excel refuses these validation formulas (e.g. one that rejects "." decimals). */
  rejectValidationFormula: ((formula: string) => boolean) | undefined;
  /** Every context.sync() of every Excel.run. */
  syncs = 0;
  selection: { sheet: string; row: number; col: number } | undefined;
  activeSheet: string | undefined;
  /** The add-in's own writes, as Excel applied them: sheet, address, value. */
  readonly writeLog: { sheet: string; address: string; values: unknown }[] = [];
  private readonly registrations: Registration[] = [];
  private nextId = 1;
  private pendingEvents: (() => Promise<void>)[] = [];
  /** Batches (Excel.run), syncs and event deliveries under way: settled() waits for none. */
  inFlight = 0;
  /** Makes the next sync fail with this code (e.g. InvalidOperationInCellEditMode). */
  failNextSync: string | undefined;

  // ---- the namespace -------------------------------------------------------------------------

  /** `Excel.run(batch)` or `Excel.run(context, batch)`. */
  readonly run = async <T>(first: unknown, second?: unknown): Promise<T> => {
    const batch = (typeof first === 'function' ? first : second) as (context: FakeContext) => Promise<T>;
    const context = typeof first === 'function' ? new FakeContext(this) : (first as FakeContext);
    this.inFlight++;
    try {
      return await batch(context);
    } finally {
      this.inFlight--;
    }
  };

  /**
   * Resolves once nothing is under way or queued: no batch, no sync, no event waiting for or in
   * delivery (the handlers' own batches included). Tests wait on the work, never on a duration.
   */
  async settled(): Promise<void> {
    do await new Promise((resolve) => setTimeout(resolve, 0));
    while (!this.isSettled());
  }

  /** Nothing under way or queued now (see settled()). */
  isSettled(): boolean {
    return this.inFlight === 0 && this.pendingEvents.length === 0 && this.deliveriesScheduled === 0;
  }

  /** Event deliveries a sync scheduled on a later macrotask, not started yet. */
  deliveriesScheduled = 0;

  /** What `Excel` looks like to addin/office (run plus the enums it reads). */
  namespace(): { run: typeof Excel.run } {
    return { run: this.run as unknown as typeof Excel.run };
  }

  // ---- building and inspecting ---------------------------------------------------------------

  addSheet(name: string): SheetState {
    if (this.sheetByName(name)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${name} already exists`);
    const sheet: SheetState = {
      id: `{${this.nextId++}}`, name, cells: new Map(), formulas: new Map(), numberFormats: new Map(), formats: new Map(),
      validations: new Map(), conditionalFormats: [], merges: [], hiddenColumns: new Set(), columnWidths: new Map(),
      frozenRows: 0, protected: false, pageLayout: {},
    };
    this.sheets.push(sheet);
    return sheet;
  }

  sheetByName(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheet(name: string): SheetState {
    const sheet = this.sheetByName(name);
    if (!sheet) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: sheet ${name}`);
    return sheet;
  }

  /** A workbook-scope name, or with `scope` one of that sheet's; `broken` makes it `#REF!`. */
  defineName(name: string, sheet: string, area: Area, options: { scope?: string; broken?: boolean } = {}): void {
    const state: NameState = { name, sheetId: this.sheet(sheet).id, area, broken: options.broken };
    if (options.scope === undefined) this.names.set(name, state);
    else {
      state.scopeSheetId = this.sheet(options.scope).id;
      this.localNames.set(`${state.scopeSheetId}|${name}`, state);
    }
  }

  getCell(sheet: string, row: number, col: number): CellValue {
    return this.sheet(sheet).cells.get(key(row, col)) ?? null;
  }

  /** Top-left cell of a defined name. */
  namedCell(name: string): { sheet: string; row: number; col: number } {
    const found = this.names.get(name);
    if (!found) throw new Error(`no defined name ${name}`);
    return { sheet: this.sheetById(found.sheetId).name, row: found.area.top, col: found.area.left };
  }

  /** A person typing in the sheet: the value lands as given and change events fire. */
  userEdit(sheet: string, row: number, col: number, value: CellValue): void {
    const target = this.sheet(sheet);
    if (value === null || value === '') target.cells.delete(key(row, col));
    else target.cells.set(key(row, col), value);
    this.queueEvent('changed', target.id, { address: cellAddress(row, col), triggerSource: 'Unknown', source: 'Local', changeType: 'RangeEdited', type: 'WorksheetChanged', worksheetId: target.id });
    void this.flushEvents();
  }

  /**
   * A person choosing from a data-validation dropdown in Excel on the web: the value lands and
   * no change event fires (Office.js issues 3888, 4066).
   */
  userEditSilently(sheet: string, row: number, col: number, value: CellValue): void {
    const target = this.sheet(sheet);
    if (value === null || value === '') target.cells.delete(key(row, col));
    else target.cells.set(key(row, col), value);
  }

  /** A person clicking a cell. */
  userSelect(sheet: string, row: number, col: number): void {
    const target = this.sheet(sheet);
    this.selection = { sheet: target.name, row, col };
    this.queueEvent('selection', target.id, { address: cellAddress(row, col), type: 'WorksheetSelectionChanged', worksheetId: target.id });
    void this.flushEvents();
  }

  /** The sheets' named ranges as a WorkbookSnapshot (for comparing with the port's read). */
  snapshot(): WorkbookSnapshot {
    const ranges: Record<string, RangeGrid> = {};
    for (const [name, state] of this.names) {
      if (state.broken) continue;
      const sheet = this.sheetById(state.sheetId);
      const values: CellValue[][] = [];
      for (let r = state.area.top; r <= state.area.bottom; r++) {
        const row: CellValue[] = [];
        for (let c = state.area.left; c <= state.area.right; c++) row.push(sheet.cells.get(key(r, c)) ?? null);
        values.push(row);
      }
      ranges[name] = { sheet: sheet.name, top: state.area.top, left: state.area.left, values };
    }
    return { sheetNames: this.sheets.map((s) => s.name), ranges };
  }

  /** A workbook holding a snapshot's named ranges (e.g. what the .xlsx reader read from a real file). */
  static fromSnapshot(snapshot: WorkbookSnapshot): FakeExcel {
    const fake = new FakeExcel();
    for (const name of snapshot.sheetNames) fake.addSheet(name);
    for (const [name, range] of Object.entries(snapshot.ranges)) {
      if (!range) continue;
      const width = Math.max(1, ...range.values.map((row) => row.length));
      fake.defineName(name, range.sheet, { top: range.top, left: range.left, bottom: range.top + Math.max(1, range.values.length) - 1, right: range.left + width - 1 });
      range.values.forEach((row, r) => row.forEach((value, c) => {
        if (value !== null && value !== '') fake.sheet(range.sheet).cells.set(key(range.top + r, range.left + c), value);
      }));
    }
    return fake;
  }

  // ---- internals used by the proxies ---------------------------------------------------------

  sheetById(id: string): SheetState {
    const sheet = this.sheets.find((s) => s.id === id);
    if (!sheet) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: sheet ${id}`);
    return sheet;
  }

  register(registration: Registration): void {
    this.registrations.push(registration);
  }

  /** Queues an event for delivery after the sync; whether events are on is checked at delivery. */
  queueEvent(kind: Registration['kind'], sheetId: string | undefined, args: Record<string, unknown>): void {
    for (const reg of this.registrations) {
      if (!reg.active || reg.kind !== kind || (reg.sheetId !== undefined && reg.sheetId !== sheetId)) continue;
      this.pendingEvents.push(async () => { if (reg.active && this.enableEvents) await reg.handler(args); });
    }
  }

  /** Events reach handlers after the sync that caused them, asynchronously, as in Excel. */
  async flushEvents(): Promise<void> {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    if (events.length === 0) return;
    this.inFlight++;
    try {
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (const event of events) await event();
    } finally {
      this.inFlight--;
    }
  }

  activeRegistrations(): number {
    return this.registrations.filter((r) => r.active).length;
  }
}

// ---- request context and proxies -------------------------------------------------------------

type Op = () => void;

export class FakeContext {
  readonly workbook: FakeWorkbookApi;
  readonly runtime: { enableEvents: boolean };
  private queue: Op[] = [];
  syncs = 0;

  constructor(readonly fake: FakeExcel) {
    this.workbook = new FakeWorkbookApi(this);
    const enqueue = (op: Op): void => this.enqueue(op);
    this.runtime = {
      get enableEvents(): boolean { throw new FakeOfficeError('PropertyNotLoaded', 'runtime.enableEvents is not loaded'); },
      set enableEvents(value: boolean) { enqueue(() => { fake.enableEvents = value; }); },
    };
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  async sync(): Promise<void> {
    this.fake.syncs++;
    this.syncs++;
    this.fake.inFlight++;
    try {
      await this.runBatch();
    } finally {
      this.fake.inFlight--;
    }
  }

  private async runBatch(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    if (this.fake.failNextSync) {
      const code = this.fake.failNextSync;
      this.fake.failNextSync = undefined;
      throw new FakeOfficeError(code, `The operation failed (${code}).`);
    }
    // A round trip: the batch runs, and the sync resolves, on a later macrotask.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      for (const op of ops) op(); // the first throwing op fails the sync; later ones never run
    } finally {
      // Events of what did run reach handlers after the sync has resolved.
      this.fake.deliveriesScheduled++;
      setTimeout(() => {
        this.fake.deliveriesScheduled--;
        void this.fake.flushEvents();
      }, 0);
    }
  }
}

/** A property that throws until loaded and synced. */
class Loadable {
  protected loaded = new Map<string, unknown>();
  protected read<T>(name: string): T {
    if (!this.loaded.has(name)) throw new FakeOfficeError('PropertyNotLoaded', `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    return this.loaded.get(name) as T;
  }
}

class FakeWorkbookApi {
  readonly names: FakeNameCollection;
  readonly worksheets: FakeWorksheetCollection;
  constructor(context: FakeContext) {
    this.names = new FakeNameCollection(context);
    this.worksheets = new FakeWorksheetCollection(context);
  }
}

function props(spec: string): string[] {
  return spec.split(',').map((p) => p.trim().replace(/^items\//u, ''));
}

class FakeNameCollection {
  private loadedItems: FakeNamedItem[] | undefined;
  /** `scope`: the sheet whose names these are (`worksheet.names`); undefined for the workbook's. */
  constructor(private readonly context: FakeContext, private readonly scope?: () => SheetState) {}

  private states(): Map<string, NameState> {
    if (!this.scope) return this.context.fake.names;
    const sheetId = this.scope().id;
    return new Map([...this.context.fake.localNames].filter(([, state]) => state.scopeSheetId === sheetId).map(([, state]) => [state.name, state]));
  }

  get items(): FakeNamedItem[] {
    if (!this.loadedItems) throw new FakeOfficeError('PropertyNotLoaded', "The property 'items' is not available.");
    return this.loadedItems;
  }

  load(spec: string): this {
    const wanted = props(spec);
    this.context.enqueue(() => {
      this.loadedItems = [...this.states().values()].map((state) => {
        const item = new FakeNamedItem(this.context, () => state);
        const values: Record<string, unknown> = {
          name: state.name,
          type: state.broken ? 'Error' : 'Range',
          formula: state.broken ? `=#REF!${absolute(state.area)}` : `=${sheetReference(this.context.fake.sheetById(state.sheetId).name, absolute(state.area))}`,
          visible: true,
          scope: state.scopeSheetId ? 'Worksheet' : 'Workbook',
        };
        item.fill(wanted, values);
        return item;
      });
    });
    return this;
  }

  private resolveFormula(formula: string): { sheet: SheetState; area: Area } {
    const match = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/u.exec(formula.trim());
    if (!match) throw new FakeOfficeError('InvalidArgument', `fake Excel: unsupported name formula ${formula}`);
    const sheetName = match[1] !== undefined ? match[1].replace(/''/gu, "'") : match[2]!;
    return { sheet: this.context.fake.sheet(sheetName), area: parseArea(match[3]!) };
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => {
      const state = this.states().get(name);
      if (!state) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: name ${name}`);
      return state;
    });
  }

  /** `reference`: a range, or a formula "='Sheet'!$A$1:$B$2". */
  add(name: string, reference: FakeRange | string): void {
    this.context.enqueue(() => {
      if (this.states().has(name)) throw new FakeOfficeError('ItemAlreadyExists', `The name ${name} already exists`);
      const { sheet, area } = typeof reference === 'string' ? this.resolveFormula(reference) : reference.resolve();
      if (!this.scope) this.context.fake.names.set(name, { name, sheetId: sheet.id, area });
      else {
        const scopeSheetId = this.scope().id;
        this.context.fake.localNames.set(`${scopeSheetId}|${name}`, { name, sheetId: sheet.id, area, scopeSheetId });
      }
    });
  }
}

class FakeNamedItem extends Loadable {
  constructor(private readonly context: FakeContext, private readonly state: () => NameState) {
    super();
  }

  fill(wanted: string[], values: Record<string, unknown>): void {
    for (const p of wanted) this.loaded.set(p, values[p]);
  }

  get name(): string { return this.read('name'); }
  get type(): string { return this.read('type'); }
  get formula(): string { return this.read('formula'); }
  get scope(): string { return this.read('scope'); }

  getRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const state = this.state();
      if (state.broken) throw new FakeOfficeError('InvalidReference', `The name ${state.name} refers to #REF!`);
      return { sheet: this.context.fake.sheetById(state.sheetId), area: { ...state.area } };
    });
  }

  delete(): void {
    this.context.enqueue(() => {
      const state = this.state();
      if (state.scopeSheetId) this.context.fake.localNames.delete(`${state.scopeSheetId}|${state.name}`);
      else this.context.fake.names.delete(state.name);
    });
  }
}

class FakeEvent {
  constructor(private readonly context: FakeContext, private readonly kind: Registration['kind'], private readonly sheetId: () => string | undefined) {}

  add(handler: Handler): { remove(): void; context: FakeContext } {
    const registration: Registration = { kind: this.kind, handler, active: false };
    this.context.enqueue(() => {
      registration.sheetId = this.sheetId();
      registration.active = true;
      this.context.fake.register(registration);
    });
    const context = this.context;
    return {
      context,
      remove: () => { context.enqueue(() => { registration.active = false; }); },
    };
  }
}

class FakeWorksheetCollection {
  private loadedItems: FakeWorksheet[] | undefined;
  readonly onAdded: FakeEvent;
  readonly onDeleted: FakeEvent;
  constructor(private readonly context: FakeContext) {
    this.onAdded = new FakeEvent(context, 'added', () => undefined);
    this.onDeleted = new FakeEvent(context, 'deleted', () => undefined);
  }

  get items(): FakeWorksheet[] {
    if (!this.loadedItems) throw new FakeOfficeError('PropertyNotLoaded', "The property 'items' is not available.");
    return this.loadedItems;
  }

  load(spec: string): this {
    const wanted = props(spec);
    this.context.enqueue(() => {
      this.loadedItems = this.context.fake.sheets.map((sheet) => {
        const item = new FakeWorksheet(this.context, () => this.context.fake.sheetById(sheet.id));
        item.fill(wanted, { name: sheet.name, id: sheet.id });
        return item;
      });
    });
    return this;
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.fake.sheet(name));
  }

  add(name: string): FakeWorksheet {
    let id: string | undefined;
    this.context.enqueue(() => {
      id = this.context.fake.addSheet(name).id;
      this.context.fake.queueEvent('added', undefined, { type: 'WorksheetAdded', worksheetId: id });
    });
    return new FakeWorksheet(this.context, () => {
      if (!id) throw new FakeOfficeError('ItemNotFound', `sheet ${name} was not added`);
      return this.context.fake.sheetById(id);
    });
  }
}

class FakeWorksheet extends Loadable {
  readonly names: FakeNameCollection;
  readonly onChanged: FakeEvent;
  readonly onSelectionChanged: FakeEvent;
  readonly freezePanes: { freezeRows(count: number): void };
  readonly protection: { protect(options?: unknown): void };
  readonly pageLayout: Record<string, unknown>;

  constructor(private readonly context: FakeContext, readonly resolve: () => SheetState) {
    super();
    this.names = new FakeNameCollection(context, resolve);
    this.onChanged = new FakeEvent(context, 'changed', () => resolve().id);
    this.onSelectionChanged = new FakeEvent(context, 'selection', () => resolve().id);
    this.freezePanes = { freezeRows: (count) => context.enqueue(() => { resolve().frozenRows = count; }) };
    this.protection = { protect: () => context.enqueue(() => { resolve().protected = true; }) };
    this.pageLayout = recorder(context, (path, value) => { resolve().pageLayout[path] = value; }, '', {
      setPrintTitleRows: (rows: unknown) => context.enqueue(() => { resolve().pageLayout.printTitleRows = rows; }),
    });
  }

  fill(wanted: string[], values: Record<string, unknown>): void {
    for (const p of wanted) this.loaded.set(p, values[p]);
  }

  get name(): string { return this.read('name'); }
  set name(value: string) {
    this.context.enqueue(() => {
      const sheet = this.resolve();
      const other = this.context.fake.sheetByName(value);
      if (other && other !== sheet) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${value} already exists`);
      sheet.name = value;
    });
  }

  get id(): string { return this.read('id'); }

  activate(): void {
    this.context.enqueue(() => { this.context.fake.activeSheet = this.resolve().name; });
  }

  /** Deletes the sheet; names that referred to it become `#REF!`, its own names go with it. */
  delete(): void {
    this.context.enqueue(() => {
      const sheet = this.resolve();
      const fake = this.context.fake;
      fake.sheets.splice(fake.sheets.indexOf(sheet), 1);
      for (const [k, state] of fake.localNames) if (state.scopeSheetId === sheet.id) fake.localNames.delete(k);
      for (const state of [...fake.names.values(), ...fake.localNames.values()]) if (state.sheetId === sheet.id) state.broken = true;
      fake.queueEvent('deleted', undefined, { type: 'WorksheetDeleted', worksheetId: sheet.id });
    });
  }

  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.context, () => ({ sheet: this.resolve(), area: { top: row + 1, left: col + 1, bottom: row + 1, right: col + 1 } }));
  }

  getRange(address: string): FakeRange {
    return new FakeRange(this.context, () => ({ sheet: this.resolve(), area: parseArea(address) }));
  }
}

class FakeRange extends Loadable {
  readonly format: Record<string, unknown>;
  readonly dataValidation: Record<string, unknown>;
  readonly conditionalFormats: { add(type: string): Record<string, unknown> };

  constructor(private readonly context: FakeContext, readonly resolve: () => { sheet: SheetState; area: Area }) {
    super();
    const at = () => { const { sheet, area } = resolve(); return { sheet, address: areaText(area) }; };
    this.format = recorder(context, (path, value) => {
      const { sheet, address } = at();
      if (path === 'columnWidth') {
        const { area } = resolve();
        for (let c = area.left; c <= area.right; c++) sheet.columnWidths.set(c, value as number);
      }
      sheet.formats.set(address, { ...sheet.formats.get(address), [path]: value });
    });
    this.dataValidation = recorder(context, (path, value) => {
      const { sheet, address } = at();
      const formula = (value as { custom?: { formula?: unknown } } | undefined)?.custom?.formula;
      if (path === 'rule' && typeof formula === 'string' && context.fake.rejectValidationFormula?.(formula)) {
        throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format (validation formula ${formula}).`);
      }
      sheet.validations.set(address, { ...sheet.validations.get(address), [path]: value });
    });
    this.conditionalFormats = {
      add: (type) => {
        const entry = { address: '', type, props: {} as Record<string, unknown> };
        context.enqueue(() => { const { sheet, address } = at(); entry.address = address; sheet.conditionalFormats.push(entry); });
        return recorder(context, (path, value) => { entry.props[path] = value; });
      },
    };
  }

  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.context, () => {
      const { sheet, area } = this.resolve();
      return { sheet, area: { top: area.top + row, left: area.left + col, bottom: area.top + row, right: area.left + col } };
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return new FakeRange(this.context, () => {
      const { sheet, area } = this.resolve();
      return { sheet, area: { ...area, bottom: area.bottom + deltaRows, right: area.right + deltaColumns } };
    });
  }

  load(spec: string): this {
    const wanted = props(spec);
    this.context.enqueue(() => {
      const { sheet, area } = this.resolve();
      const cells = (area.bottom - area.top + 1) * (area.right - area.left + 1);
      if (cells > 5_000_000) throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'too many cells');
      const values: Record<string, unknown> = {
        address: sheetReference(sheet.name, areaText(area)),
        rowIndex: area.top - 1,
        columnIndex: area.left - 1,
        values: grid(area, (r, c) => {
          const value = sheet.cells.get(key(r, c));
          return value === undefined || value === null ? '' : value;
        }),
      };
      for (const p of wanted) {
        if (!(p in values)) throw new Error(`fake Excel: loading ${p} is not implemented`);
        this.loaded.set(p, values[p]);
      }
    });
    return this;
  }

  get address(): string { return this.read('address'); }
  get rowIndex(): number { return this.read('rowIndex'); }
  get columnIndex(): number { return this.read('columnIndex'); }
  get values(): unknown[][] { return this.read('values'); }

  set values(input: unknown[][]) {
    this.setEach(input, (sheet, r, c, value) => {
      const typed = coerce(value);
      sheet.formulas.delete(key(r, c));
      if (typed.formula !== undefined) sheet.formulas.set(key(r, c), typed.formula);
      if (typed.value === null) sheet.cells.delete(key(r, c));
      else sheet.cells.set(key(r, c), typed.value);
    }, 'values');
  }

  set formulas(input: unknown[][]) {
    this.setEach(input, (sheet, r, c, value) => {
      const typed = coerce(value);
      sheet.formulas.delete(key(r, c));
      if (typed.formula !== undefined) {
        sheet.formulas.set(key(r, c), typed.formula);
        sheet.cells.delete(key(r, c)); // the fake does not calculate
      } else if (typed.value === null) sheet.cells.delete(key(r, c));
      else sheet.cells.set(key(r, c), typed.value);
    }, 'formulas');
  }

  set numberFormat(input: unknown[][]) {
    this.context.enqueue(() => {
      const { sheet, area } = this.resolve();
      for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) {
        const value = input[r - area.top]?.[c - area.left] ?? input[0]?.[0];
        if (typeof value === 'string') sheet.numberFormats.set(key(r, c), value);
      }
    });
  }

  set columnHidden(hidden: boolean) {
    this.context.enqueue(() => {
      const { sheet, area } = this.resolve();
      for (let c = area.left; c <= area.right; c++) if (hidden) sheet.hiddenColumns.add(c); else sheet.hiddenColumns.delete(c);
    });
  }

  select(): void {
    this.context.enqueue(() => {
      const { sheet, area } = this.resolve();
      this.context.fake.selection = { sheet: sheet.name, row: area.top, col: area.left };
      this.context.fake.queueEvent('selection', sheet.id, { address: areaText(area), type: 'WorksheetSelectionChanged', worksheetId: sheet.id });
    });
  }

  merge(): void {
    this.context.enqueue(() => { const { sheet, area } = this.resolve(); sheet.merges.push(areaText(area)); });
  }

  private setEach(input: unknown[][], apply: (sheet: SheetState, row: number, col: number, value: unknown) => void, what: string): void {
    this.context.enqueue(() => {
      const { sheet, area } = this.resolve();
      const rows = area.bottom - area.top + 1;
      const cols = area.right - area.left + 1;
      if (input.length !== rows || input.some((row) => row.length !== cols)) {
        throw new FakeOfficeError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`);
      }
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
        const value = input[r]![c];
        if (value === null || value === undefined) continue; // null leaves the cell unchanged
        const row = area.top + r;
        const col = area.left + c;
        if (sheet.protected && (sheet.formats.get(cellAddress(row, col))?.['protection.locked'] ?? true) !== false) {
          throw new FakeOfficeError('AccessDenied', 'The cell or chart you are trying to change is protected and therefore read-only.');
        }
        apply(sheet, row, col, value);
      }
      this.context.fake.writeLog.push({ sheet: sheet.name, address: areaText(area), values: input });
      this.context.fake.queueEvent('changed', sheet.id, {
        address: areaText(area), triggerSource: 'ThisLocalAddin', source: 'Local', changeType: 'RangeEdited', type: 'WorksheetChanged', worksheetId: sheet.id,
      });
    });
  }
}

/**
 * A proxy that records property assignments at sync time, with nested objects (`font.bold`)
 * and `getItem(x)` steps (`borders.EdgeTop.style`).
 */
function recorder(context: FakeContext, record: (path: string, value: unknown) => void, prefix = '', methods: Record<string, unknown> = {}): Record<string, unknown> {
  return new Proxy({} as Record<string, unknown>, {
    get(_target, prop) {
      if (typeof prop !== 'string') return undefined;
      if (prop in methods) return methods[prop];
      if (prop === 'getItem') return (item: string) => recorder(context, record, `${prefix}${item}.`);
      return recorder(context, record, `${prefix}${prop}.`);
    },
    set(_target, prop, value) {
      context.enqueue(() => record(`${prefix}${String(prop)}`, value));
      return true;
    },
  });
}

/** What Excel makes of a value given through `values`/`formulas`, as if typed (en-US). */
function coerce(value: unknown): { value: CellValue; formula?: string } {
  if (typeof value === 'number' || typeof value === 'boolean') return { value };
  const text = String(value);
  if (text === '') return { value: null };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=')) return { value: null, formula: text };
  if (/^\s*[+-]?\d+(\.\d+)?\s*$/u.test(text)) return { value: Number(text) };
  const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(text.trim());
  if (date) return { value: dateToSerial(new Date(Date.UTC(Number(date[3]), Number(date[1]) - 1, Number(date[2])))) };
  if (/^(true|false)$/iu.test(text)) return { value: text.toLowerCase() === 'true' };
  return { value: text };
}

function grid<T>(area: Area, at: (row: number, col: number) => T): T[][] {
  const rows: T[][] = [];
  for (let r = area.top; r <= area.bottom; r++) {
    const row: T[] = [];
    for (let c = area.left; c <= area.right; c++) row.push(at(r, c));
    rows.push(row);
  }
  return rows;
}

const MAX_ROW = 1_048_576;

/** "A4:G16", "$A$4", "J:J" (whole column). */
function parseArea(address: string): Area {
  const text = address.replace(/\$/gu, '');
  const column = /^([A-Z]+):([A-Z]+)$/u.exec(text);
  if (column) {
    const a = parseCellAddress(`${column[1]}1`)!;
    const b = parseCellAddress(`${column[2]}1`)!;
    return { top: 1, left: a.col, bottom: MAX_ROW, right: b.col };
  }
  const [from, to = from] = text.split(':') as [string, string?];
  const a = parseCellAddress(from);
  const b = parseCellAddress(to);
  if (!a || !b) throw new FakeOfficeError('InvalidArgument', `bad address ${address}`);
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
}

function areaText(area: Area): string {
  const from = cellAddress(area.top, area.left);
  const to = cellAddress(area.bottom, area.right);
  return from === to ? from : `${from}:${to}`;
}

function absolute(area: Area): string {
  const abs = (row: number, col: number) => cellAddress(row, col).replace(/^([A-Z]+)(\d+)$/u, '$$$1$$$2');
  const from = abs(area.top, area.left);
  const to = abs(area.bottom, area.right);
  return from === to ? from : `${from}:${to}`;
}

// ---- the common API: Office.context.document.getFileAsync ------------------------------------

export interface FakeOfficeOptions {
  /** The bytes Excel would hand out for the open workbook. */
  file: () => Uint8Array | Promise<Uint8Array>;
  compressedFile?: boolean;
  excelApi?: string;
  url?: string;
  /** Fail getSliceAsync at this index. */
  failSlice?: number;
  /**
   * Each getFileAsync hands out different bytes for the same workbook (Office.js issues 1075,
   * 298): here a zip comment counting the calls, so the file stays a valid .xlsx.
   */
  varyBytes?: boolean;
  /** Office.onReady resolves only after this many milliseconds (a slow host). */
  readyAfterMs?: number;
  /** `Office.context.partitionKey` (partitioned storage on the web). */
  partitionKey?: string;
}

/** The same zip with its end-of-central-directory comment set to `comment` (ASCII). */
export function withZipComment(bytes: Uint8Array, comment: string): Uint8Array {
  const eocd = bytes.length - 22;
  if (eocd < 0 || bytes[eocd] !== 0x50 || bytes[eocd + 1] !== 0x4b || bytes[eocd + 2] !== 5 || bytes[eocd + 3] !== 6) {
    throw new Error('fake Office: the file does not end with a comment-less end-of-central-directory record');
  }
  const out = new Uint8Array(bytes.length + comment.length);
  out.set(bytes);
  out[eocd + 20] = comment.length & 0xff;
  out[eocd + 21] = comment.length >> 8;
  for (let i = 0; i < comment.length; i++) out[bytes.length + i] = comment.charCodeAt(i);
  return out;
}

export interface FakeOffice {
  office: {
    FileType: { Compressed: 'compressed' };
    AsyncResultStatus: { Succeeded: 'succeeded'; Failed: 'failed' };
    HostType: { Excel: 'Excel' };
    onReady(): Promise<{ host: 'Excel'; platform: 'OfficeOnline' }>;
    context: {
      partitionKey?: string;
      requirements: { isSetSupported(name: string, version?: string): boolean };
      document: { url?: string; getFileAsync(type: string, options: { sliceSize: number }, callback: (result: unknown) => void): void };
    };
  };
  /** Files opened and closed, slices read, for assertions. */
  stats: { opened: number; closed: number; slices: number[]; sliceSize: number | undefined };
}

export function createFakeOffice(options: FakeOfficeOptions): FakeOffice {
  const stats = { opened: 0, closed: 0, slices: [] as number[], sliceSize: undefined as number | undefined };
  const excelApi = options.excelApi ?? '1.14';
  const version = (v: string) => v.split('.').map(Number) as [number, number];
  const atLeast = (have: string, want: string) => {
    const [a, b] = version(have);
    const [c, d] = version(want);
    return a > c || (a === c && b >= d);
  };
  const office: FakeOffice['office'] = {
    FileType: { Compressed: 'compressed' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    HostType: { Excel: 'Excel' },
    onReady: () => new Promise((resolve) => {
      const ready = () => resolve({ host: 'Excel', platform: 'OfficeOnline' });
      if (options.readyAfterMs === undefined) ready();
      else setTimeout(ready, options.readyAfterMs);
    }),
    context: {
      partitionKey: options.partitionKey,
      requirements: {
        isSetSupported: (name, v = '1.1') => (name === 'ExcelApi' ? atLeast(excelApi, v) : name === 'CompressedFile' ? options.compressedFile !== false : false),
      },
      document: {
        url: options.url,
        getFileAsync(type, { sliceSize }, callback) {
          if (type !== 'compressed') {
            callback({ status: 'failed', error: { code: 5001, message: 'An internal error has occurred.' } });
            return;
          }
          stats.sliceSize = sliceSize;
          void Promise.resolve(options.file()).then((original) => {
            stats.opened++;
            const bytes = options.varyBytes ? withZipComment(original, `call ${stats.opened}`) : original;
            const count = Math.max(1, Math.ceil(bytes.length / sliceSize));
            let closed = false;
            const file = {
              size: bytes.length,
              sliceCount: count,
              getSliceAsync(index: number, cb: (result: unknown) => void) {
                setTimeout(() => {
                  if (closed) return cb({ status: 'failed', error: { code: 5001, message: 'file closed' } });
                  if (index === options.failSlice) return cb({ status: 'failed', error: { code: 5003, message: 'Slice failed' } });
                  stats.slices.push(index);
                  // Excel hands a slice's data out as an array of byte values.
                  cb({ status: 'succeeded', value: { index, size: 0, data: Array.from(bytes.subarray(index * sliceSize, (index + 1) * sliceSize)) } });
                }, 0);
              },
              closeAsync(cb?: (result: unknown) => void) {
                closed = true;
                stats.closed++;
                setTimeout(() => cb?.({ status: 'succeeded' }), 0);
              },
            };
            callback({ status: 'succeeded', value: file });
          });
        },
      },
    },
  };
  return { office, stats };
}
