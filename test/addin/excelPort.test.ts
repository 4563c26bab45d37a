import { describe, expect, it, vi } from 'vitest';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry } from '../../shared/criteria/load';
import { checkSnapshot } from '../../shared/workbook/check';
import { interpretWorkbook } from '../../shared/workbook/interpret';
import { NAMES, SHEETS } from '../../shared/workbook/layout';
import { buildTemplate } from '../../shared/workbook/template';
import { ExcelPort, MAX_NAME_ROWS, OWN_ECHO_TTL_MS, OwnEchoes, toExcelInput } from '../../addin/office/excelPort';
import { freeSheetName, insertTemplate, localeSafeFormula } from '../../addin/office/insertTemplate';
import { parseSheetArea, sheetReference } from '../../shared/workbook/a1';
import type { HostListener } from '../../addin/app/host';
import { describeWorkbookPortContract } from '../contract/workbookPort.contract';
import { fullFill } from '../support/fill';
import { DOT_DECIMAL, FakeExcel } from './support/fakeExcel';
import { fakeScoringWorkbook } from './support/fakeWorkbooks';

const sets = defaultCriteriaSets();
const registry = createRegistry(sets);
const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;

const port = (fake: FakeExcel, triggerSource = true, log: (m: string) => void = () => {}) => new ExcelPort(fake.namespace(), { triggerSource }, log);

describeWorkbookPortContract('ExcelPort over a fake Excel', {
  writable: true,
  create: async (set, fill) => port(await fakeScoringWorkbook(set, fill)),
});

function listener(): HostListener & { changes: unknown[]; selections: unknown[] } {
  const changes: unknown[] = [];
  const selections: unknown[] = [];
  return { changes, selections, changed: (c) => changes.push(c), selected: (c) => selections.push(c), sheetsChanged: () => {} };
}

describe('ExcelPort: round trips and cells', () => {
  it('reads every layout name in 2 syncs, the same values Excel holds', async () => {
    const fake = await fakeScoringWorkbook(coQuan, fullFill(coQuan));
    const snapshot = await port(fake).read();
    expect(fake.syncs).toBe(2);
    expect(snapshot).toEqual(fake.snapshot());
    expect(Object.keys(snapshot.ranges).sort()).toEqual([
      ...Object.values(NAMES.unit), NAMES.scoreTable, NAMES.total, NAMES.dossierTable,
      NAMES.setId, NAMES.setVersion, NAMES.setHash, NAMES.setJson, NAMES.templateVersion, NAMES.unitCode,
    ].sort());
    expect(snapshot.ranges[NAMES.scoreTable]).toMatchObject({ sheet: SHEETS.scores, top: 4, left: 1 });
    expect(checkSnapshot(snapshot, registry)).toMatchObject({ ok: true, total: 50, eligible: true });
  });

  it('saves one score in 1 sync, into exactly that cell', async () => {
    const fake = await fakeScoringWorkbook(coQuan, { unit: { name: 'Trường THPT Vĩnh Thuận' } });
    await port(fake).write([{ sheet: SHEETS.scores, row: 7, col: 6, value: 3.5 }]);
    expect(fake.syncs).toBe(1);
    expect(fake.writeLog).toEqual([{ sheet: SHEETS.scores, address: 'F7', values: [[3.5]] }]);
    expect(fake.getCell(SHEETS.scores, 7, 6)).toBe(3.5);
  });

  it('keeps text as text, and clears a cell with an empty string', async () => {
    const fake = await fakeScoringWorkbook(coQuan, { unit: { name: 'A', phone: '0277 1' } });
    const p = port(fake);
    await p.write([
      { sheet: SHEETS.unit, row: 8, col: 2, value: '0277385123' },
      { sheet: SHEETS.dossier, row: 4, col: 5, value: '10/01/2026' },
      { sheet: SHEETS.scores, row: 5, col: 7, value: '=1+1 là minh chứng' },
      { sheet: SHEETS.unit, row: 3, col: 2, value: null },
    ]);
    expect(fake.syncs).toBe(1);
    expect(fake.getCell(SHEETS.unit, 8, 2)).toBe('0277385123');
    expect(fake.getCell(SHEETS.dossier, 4, 5)).toBe('10/01/2026');
    expect(fake.getCell(SHEETS.scores, 5, 7)).toBe('=1+1 là minh chứng');
    expect(fake.getCell(SHEETS.unit, 3, 2)).toBeNull();
    expect(toExcelInput(4.5)).toBe(4.5);
    expect(toExcelInput('Cơ quan')).toBe('Cơ quan');
    expect(toExcelInput(null)).toBe('');
  });

  it('selects a cell in 1 sync and activates its sheet', async () => {
    const fake = await fakeScoringWorkbook(coQuan);
    await port(fake).select({ sheet: SHEETS.scores, row: 9, col: 6 });
    expect(fake.syncs).toBe(1);
    expect(fake.selection).toEqual({ sheet: SHEETS.scores, row: 9, col: 6 });
    expect(fake.activeSheet).toBe(SHEETS.scores);
  });

  it('a name stretched over a whole column is read capped, and said so in the log', async () => {
    const fake = await fakeScoringWorkbook(coQuan, fullFill(coQuan));
    fake.defineName(NAMES.scoreTable, SHEETS.scores, { top: 4, left: 1, bottom: 1_048_576, right: 7 });
    const log = vi.fn();
    const snapshot = await port(fake, true, log).read();
    expect(fake.syncs).toBe(2);
    expect(snapshot.ranges[NAMES.scoreTable]!.values).toHaveLength(MAX_NAME_ROWS);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('DH_BangChamDiem covers 1048573×7 cells'));
    expect(checkSnapshot(snapshot, registry).total).toBe(50);
  });

  /** Copies a sheet as Excel does (names into it become the copy's sheet-scope names), then deletes the original. */
  function copyAndDeleteOriginal(fake: FakeExcel, sheet: string, copy: string): void {
    const original = fake.sheet(sheet);
    const target = fake.addSheet(copy);
    for (const [k, v] of original.cells) target.cells.set(k, v);
    for (const state of fake.names.values()) {
      if (state.sheetId === original.id) fake.defineName(state.name, copy, state.area, { scope: copy });
    }
    fake.sheets.splice(fake.sheets.indexOf(original), 1);
    for (const state of fake.names.values()) if (state.sheetId === original.id) state.broken = true;
  }

  it('a scoring sheet copied, filled and its original deleted: the copy\'s sheet-scope names count, not the #REF! ones', async () => {
    const fake = await fakeScoringWorkbook(coQuan, fullFill(coQuan));
    copyAndDeleteOriginal(fake, SHEETS.scores, 'Chấm điểm (2)');
    const log = vi.fn();
    const snapshot = await port(fake, true, log).read();
    expect(fake.syncs).toBe(3);
    expect(snapshot.ranges[NAMES.scoreTable]).toMatchObject({ sheet: 'Chấm điểm (2)', top: 4, left: 1 });
    expect(snapshot.ranges[NAMES.total]).toMatchObject({ sheet: 'Chấm điểm (2)' });
    expect(checkSnapshot(snapshot, registry)).toMatchObject({ ok: true, total: 50, eligible: true });
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`defined name ${NAMES.scoreTable} is not one rectangular range (Error: =#REF!`));
  });

  it('two copies with their own names and no workbook-scope one are ambiguous: the name is missing, said in the log', async () => {
    const fake = await fakeScoringWorkbook(coQuan, fullFill(coQuan));
    const scores = fake.sheet(SHEETS.scores);
    const second = fake.addSheet('Chấm điểm (3)');
    for (const [k, v] of scores.cells) second.cells.set(k, v);
    for (const state of [...fake.names.values()]) {
      if (state.sheetId !== scores.id) continue;
      fake.defineName(state.name, 'Chấm điểm (3)', state.area, { scope: 'Chấm điểm (3)' });
    }
    copyAndDeleteOriginal(fake, SHEETS.scores, 'Chấm điểm (2)');
    const log = vi.fn();
    const snapshot = await port(fake, true, log).read();
    expect(snapshot.ranges[NAMES.scoreTable]).toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`defined name ${NAMES.scoreTable}: no usable definition among 3`));
  });

  it('a valid workbook-scope name wins over a sheet-scope one elsewhere', async () => {
    const fake = await fakeScoringWorkbook(coQuan, fullFill(coQuan));
    fake.defineName(NAMES.scoreTable, 'Sheet1', { top: 1, left: 1, bottom: 3, right: 3 }, { scope: 'Sheet1' });
    const snapshot = await port(fake).read();
    expect(fake.syncs).toBe(2);
    expect(snapshot.ranges[NAMES.scoreTable]).toMatchObject({ sheet: SHEETS.scores, top: 4 });
  });

  it('a workbook without the template is read as such, not as an error', async () => {
    const fake = new FakeExcel();
    fake.addSheet('Sheet1');
    const snapshot = await port(fake).read();
    expect(snapshot).toEqual({ sheetNames: ['Sheet1'], ranges: {} });
    expect(interpretWorkbook(snapshot).workbook).toBeUndefined();
  });

  it('an Office failure rejects with its code (the form shows it)', async () => {
    const fake = await fakeScoringWorkbook(coQuan);
    fake.failNextSync = 'InvalidOperationInCellEditMode';
    await expect(port(fake).read()).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
  });
});

describe('ExcelPort: events', () => {
  it('with triggerSource (ExcelApi 1.14) its own writes are ignored, user edits and selections reported', async () => {
    const fake = await fakeScoringWorkbook(coQuan);
    const p = port(fake, true);
    const l = listener();
    const stop = await p.subscribe(l);
    await p.write([{ sheet: SHEETS.scores, row: 5, col: 6, value: 2 }]);
    await fake.flushEvents();
    expect(l.changes).toEqual([]);
    fake.userEdit(SHEETS.scores, 6, 6, '4,5');
    fake.userSelect(SHEETS.scores, 8, 3);
    await fake.flushEvents();
    await fake.settled();
    expect(l.changes).toEqual([{ sheet: SHEETS.scores, address: 'F6' }]);
    expect(l.selections).toEqual([{ sheet: SHEETS.scores, row: 8, col: 3 }]);
    expect(fake.activeRegistrations()).toBeGreaterThan(0);
    await stop();
    expect(fake.activeRegistrations()).toBe(0);
    fake.userEdit(SHEETS.scores, 6, 6, 4);
    await fake.settled();
    expect(l.changes).toHaveLength(1);
  });

  it('below ExcelApi 1.14, its own writes are told apart by their cells even when events arrive after the batch', async () => {
    // The fake delivers a batch's events after the sync resolved, checking then whether events are on.
    const fake = await fakeScoringWorkbook(coQuan);
    const p = port(fake, false);
    const l = listener();
    await p.subscribe(l);
    fake.syncs = 0;
    await p.write([{ sheet: SHEETS.scores, row: 5, col: 6, value: 2 }, { sheet: SHEETS.scores, row: 6, col: 6, value: 3 }]);
    expect(fake.syncs).toBe(1);
    expect(fake.enableEvents).toBe(true);
    await fake.settled();
    expect(l.changes).toEqual([]);
    // The same cell edited by the user afterwards is a user edit again.
    fake.userEdit(SHEETS.scores, 5, 6, 1);
    await fake.settled();
    expect(l.changes).toEqual([{ sheet: SHEETS.scores, address: 'F5' }]);
  });

  it('its own selections never move the form: late echoes of steps already left are ignored, user selections reported', async () => {
    const fake = await fakeScoringWorkbook(coQuan);
    const p = port(fake, true);
    const l = listener();
    await p.subscribe(l);
    // The pane moves to criterion 6, then 7; both echoes arrive after the second select.
    await p.select({ sheet: SHEETS.scores, row: 10, col: 6 });
    await p.select({ sheet: SHEETS.scores, row: 11, col: 6 });
    await fake.flushEvents();
    await fake.settled();
    expect(fake.selection).toEqual({ sheet: SHEETS.scores, row: 11, col: 6 });
    expect(l.selections).toEqual([]);
    // The same cell clicked by the user afterwards is the user's again.
    fake.userSelect(SHEETS.scores, 10, 6);
    await fake.settled();
    expect(l.selections).toEqual([{ sheet: SHEETS.scores, row: 10, col: 6 }]);
  });

  it('a noted own write that never sees its event stops hiding user edits after OWN_ECHO_TTL_MS', () => {
    let now = 1000;
    const own = new OwnEchoes(() => now);
    own.note('Chấm điểm', 'F5');
    expect(own.take('chấm điểm', '$F$5')).toBe(true);
    expect(own.take('Chấm điểm', 'F5')).toBe(false);
    own.note('Chấm điểm', 'F6');
    now += OWN_ECHO_TTL_MS + 1;
    expect(own.take('Chấm điểm', 'F6')).toBe(false);
  });

  it('a failed write leaves events on; what it did write is still its own, later user edits are not', async () => {
    const fake = await fakeScoringWorkbook(coQuan);
    const p = port(fake, false);
    const l = listener();
    await p.subscribe(l);
    await expect(p.write([{ sheet: SHEETS.scores, row: 5, col: 6, value: 1 }, { sheet: 'Không có', row: 1, col: 1, value: 1 }])).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(fake.enableEvents).toBe(true);
    await fake.settled();
    expect(l.changes).toEqual([]);
    fake.userEdit(SHEETS.scores, 5, 6, 2);
    await fake.settled();
    expect(l.changes).toEqual([{ sheet: SHEETS.scores, address: 'F5' }]);
  });
});

describe('inserting a fresh scoring sheet', () => {
  it('builds the template in 3 syncs: names, validations, formats, protection', async () => {
    const fake = new FakeExcel();
    fake.addSheet('Sheet1');
    const model = buildTemplate(coQuan, { year: 2026 });
    const report = await insertTemplate(fake.namespace(), { pageLayout: true }, model);
    expect(report).toEqual({ renamed: [] });
    expect(fake.syncs).toBe(3);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1', ...model.sheets.map((s) => s.name)]);
    for (const [name, { sheet, range }] of Object.entries(model.names)) {
      const area = parseSheetArea(sheetReference(sheet, range))!;
      expect(fake.namedCell(name)).toEqual({ sheet, row: area.top, col: area.left });
    }
    const scores = fake.sheet(SHEETS.scores);
    expect(scores.validations.get('F5')?.rule).toEqual({ custom: { formula: '=AND(ISNUMBER(F5),F5>=0,F5<=4,MOD(F5*2,1)=0)' } });
    expect(scores.conditionalFormats).toHaveLength(1);
    expect(scores.conditionalFormats[0]!.props['custom.rule.formula']).toMatch(/^=AND\(\$D5="x"/u);
    expect(scores.formulas.get('17:6')).toBe('=SUM(F5:F16)');
    expect(scores.frozenRows).toBe(4);
    expect(scores.formats.get('F5')?.['protection.locked']).toBe(false);
    expect(fake.sheet(SHEETS.criteriaSet).protected).toBe(true);
    expect(fake.sheet(SHEETS.criteriaSet).hiddenColumns.has(10)).toBe(true);
    expect(fake.activeSheet).toBe(SHEETS.scores);
    const interpretation = interpretWorkbook(fake.snapshot(), registry);
    expect(interpretation.workbook?.unit.year).toBe(2026);
    expect(interpretation.errors.map((e) => e.message)).toEqual(['Chưa nhập Tên đơn vị. Nhập tên đầy đủ của đơn vị vào ô này.']);
  });

  it('keeps a tampered workbook\'s sheets under new names and repoints the names', async () => {
    const fake = await fakeScoringWorkbook(coQuan, fullFill(coQuan));
    fake.userEdit(SHEETS.scores, 6, 3, 'Tiêu chí dễ hơn');
    const report = await insertTemplate(fake.namespace(), { pageLayout: false }, buildTemplate(coQuan));
    expect(report.renamed).toEqual(buildTemplate(coQuan).sheets.map((s) => [s.name, `${s.name} (cũ)`]));
    expect(fake.namedCell(NAMES.scoreTable)).toEqual({ sheet: SHEETS.scores, row: 4, col: 1 });
    expect(fake.getCell(`${SHEETS.scores} (cũ)`, 6, 3)).toBe('Tiêu chí dễ hơn');
    const result = checkSnapshot(fake.snapshot(), registry);
    expect(result.errors.map((e) => e.cell)).toEqual(['B3']);
  });

  /** What the workbook holds, to compare before and after a failed insertion. */
  const state = (fake: FakeExcel) => JSON.stringify({
    sheets: fake.sheets.map((s) => [s.name, [...s.cells], [...s.validations], s.protected]),
    names: [...fake.names.values()].map((n) => [n.name, fake.sheetById(n.sheetId).name, n.area]),
  });

  it('in a locale that refuses "." decimals in validation formulas, the formulas carry none', async () => {
    const tenths = { ...coQuan, criteria: coQuan.criteria.map((c, i) => (i === 0 ? { ...c, maxPoints: 4.5 } : { ...c, step: 0.3, maxPoints: 3 })) };
    const fake = new FakeExcel();
    fake.addSheet('Sheet1');
    fake.rejectValidationFormula = (formula) => DOT_DECIMAL.test(formula);
    await insertTemplate(fake.namespace(), { pageLayout: true }, buildTemplate(tenths, { year: 2026 }));
    const rule = fake.sheet(SHEETS.scores).validations.get('F5')?.rule as { custom: { formula: string } };
    expect(rule.custom.formula).toBe('=AND(ISNUMBER(F5),F5>=0,F5<=(45/10),MOD(F5*2,1)=0)');
    const sixth = fake.sheet(SHEETS.scores).validations.get('F6')?.rule as { custom: { formula: string } };
    expect(sixth.custom.formula).toBe('=AND(ISNUMBER(F6),F6>=0,F6<=3,ABS(ROUND(F6/(3/10),0)*(3/10)-F6)<(1/1000000))');
    expect(localeSafeFormula('F5<=4.5')).toBe('F5<=(45/10)');
    expect(localeSafeFormula('Sheet1.5!A1+B2')).toBe('Sheet1.5!A1+B2');
  });

  it('a validation the host refuses leaves the workbook exactly as it was (old sheets, names, values)', async () => {
    const fake = await fakeScoringWorkbook(coQuan, fullFill(coQuan));
    fake.userEdit(SHEETS.scores, 6, 3, 'Tiêu chí dễ hơn');
    await fake.flushEvents();
    const was = state(fake);
    fake.rejectValidationFormula = () => true;
    await expect(insertTemplate(fake.namespace(), { pageLayout: true }, buildTemplate(coQuan))).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(state(fake)).toBe(was);
  });

  it('a failure while swapping the sheets in is undone too', async () => {
    const fake = await fakeScoringWorkbook(coQuan, fullFill(coQuan));
    const was = state(fake);
    // The swap's sync is the third: make it fail after the build succeeded.
    const namespace = fake.namespace();
    let runs = 0;
    const failing = { run: (async (batch: (c: unknown) => Promise<unknown>) => namespace.run(async (context) => {
      if (++runs === 3) fake.failNextSync = 'GeneralException';
      return batch(context);
    })) as unknown as typeof Excel.run };
    await expect(insertTemplate(failing, { pageLayout: true }, buildTemplate(coQuan))).rejects.toMatchObject({ code: 'GeneralException' });
    expect(state(fake)).toBe(was);
  });

  it('finds a free sheet name within 31 characters', () => {
    expect(freeSheetName('Chấm điểm (cũ)', new Set())).toBe('Chấm điểm (cũ)');
    expect(freeSheetName('Chấm điểm (cũ)', new Set(['chấm điểm (cũ)']))).toBe('Chấm điểm (cũ 2)');
    expect(freeSheetName('X'.repeat(40), new Set()).length).toBe(31);
  });
});

describe('sheet references', () => {
  it('reads what Office.js returns', () => {
    expect(parseSheetArea("'Chấm điểm'!A4:G16")).toEqual({ sheet: 'Chấm điểm', top: 4, left: 1, bottom: 16, right: 7 });
    expect(parseSheetArea('=Sheet1!$B$3')).toEqual({ sheet: 'Sheet1', top: 3, left: 2, bottom: 3, right: 2 });
    expect(parseSheetArea("'O''Brien'!C1")).toMatchObject({ sheet: "O'Brien" });
    expect(parseSheetArea('=Sheet1!A1,Sheet1!C3')).toBeUndefined();
    expect(parseSheetArea('=SUM(A1:A3)')).toBeUndefined();
    expect(parseSheetArea("='A b'!B1,'C d'!D2")).toBeUndefined();
    expect(sheetReference("O'Brien", 'A1')).toBe("'O''Brien'!A1");
  });
});
