import { describe, expect, it } from 'vitest';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry } from '../../shared/criteria/load';
import { checkSnapshot } from '../../shared/workbook/check';
import { viRead } from '../../shared/i18n/vi';
import { buildTemplate } from '../../shared/workbook/template';
import { describeWorkbookPortContract } from '../contract/workbookPort.contract';
import { fillEdits, fullFill } from '../support/fill';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import type { CriteriaSet } from '../../shared/criteria/schema';
import type { Fill } from '../support/fill';

function memory(set: CriteriaSet, fill: Fill): MemoryWorkbook {
  const workbook = MemoryWorkbook.fromTemplate(buildTemplate(set));
  for (const edit of fillEdits(set, fill, (name) => workbook.namedCell(name))) workbook.setCell(edit.sheet, edit.row, edit.col, edit.value);
  return workbook;
}

describeWorkbookPortContract('in-memory fake', { writable: true, create: async (set, fill) => memory(set, fill) });

describe('interpreting edits people make', () => {
  const sets = defaultCriteriaSets();
  const registry = createRegistry(sets);
  const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;

  it('tolerates blank and note rows inserted inside the table', async () => {
    const workbook = memory(coQuan, fullFill(coQuan));
    workbook.insertRows('Chấm điểm', 8, 2);
    workbook.setCell('Chấm điểm', 8, 3, 'Ghi chú: đơn vị bổ sung minh chứng sau');
    const result = checkSnapshot(await workbook.read(), registry);
    expect(result.errors).toEqual([]);
    expect(result.total).toBe(50);
  });

  it('a blank "Thuộc xã/phường" is warned for a cơ quan, not for a xã (which belongs to no commune)', async () => {
    const xa = sets.find((s) => s.id === 'dien-hinh-xa-du-thao')!;
    const parentWarning = viRead.unitFieldMissing('Thuộc xã/phường');
    const agency = fullFill(coQuan);
    const commune = fullFill(xa, 'Xã Tân Hồng');
    for (const [set, fill, warned] of [[coQuan, agency, true], [xa, { ...commune, unit: { ...commune.unit, kind: 'Xã' } }, false]] as const) {
      const result = checkSnapshot(await memory(set, { ...fill, unit: { ...fill.unit, parent: '' } }).read(), registry);
      expect(result.errors).toEqual([]);
      expect(result.warnings.some((w) => w.message === parentWarning)).toBe(warned);
    }
  });

  it('a deleted criterion row is an error naming the criterion', async () => {
    const workbook = memory(coQuan, fullFill(coQuan));
    workbook.deleteRows('Chấm điểm', 5 + 7, 1); // criterion 8
    const result = checkSnapshot(await workbook.read(), registry);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([{ sheet: 'Chấm điểm', cell: 'A4:G15', message: viRead.criterionDeleted(8) }]);
  });

  it('edited criterion text and maximum are template tampering', async () => {
    const workbook = memory(coQuan, fullFill(coQuan));
    workbook.setCell('Chấm điểm', 6, 3, 'Tiêu chí dễ hơn');
    workbook.setCell('Chấm điểm', 7, 5, 10);
    const result = checkSnapshot(await workbook.read(), registry);
    expect(result.errors).toEqual([
      { sheet: 'Chấm điểm', cell: 'C6', message: 'Nội dung tiêu chí 2 đã bị sửa so với bộ tiêu chí. Trả lại nội dung gốc (xem trang "Bộ tiêu chí").' },
      { sheet: 'Chấm điểm', cell: 'E7', message: 'Điểm tối đa của tiêu chí 3 đã bị sửa; đúng là 4. Trả lại giá trị gốc.' },
    ]);
  });

  it('an edited embedded set fails its hash; an unknown set is named', async () => {
    const workbook = memory(coQuan, fullFill(coQuan));
    const json = workbook.namedCell('DH_DuLieuBoTieuChi');
    const text = String(workbook.getCell(json.sheet, json.row, json.col));
    workbook.setCell(json.sheet, json.row, json.col, text.replace('"passThreshold":45', '"passThreshold":40'));
    expect(checkSnapshot(await workbook.read(), registry).errors.map((e) => e.message)).toEqual([
      viRead.setHashMismatch,
    ]);
    const other = memory(coQuan, fullFill(coQuan));
    expect(checkSnapshot(await other.read(), createRegistry([])).errors.map((e) => e.message)).toEqual([
      viRead.unknownSet('dien-hinh-co-quan-du-thao', '2026.1-du-thao'),
    ]);
  });

  it('NFD text and moved columns still read', async () => {
    const fill = fullFill(coQuan, 'Trường THPT Vĩnh Thuận'.normalize('NFD'));
    const workbook = memory(coQuan, fill);
    const result = checkSnapshot(await workbook.read(), registry);
    expect(result.unit!.name).toBe('Trường THPT Vĩnh Thuận'.normalize('NFC'));
  });

  it('a workbook without the template names is not a scoring workbook', async () => {
    const workbook = new MemoryWorkbook();
    workbook.addSheet('Sheet1');
    const result = checkSnapshot(await workbook.read(), registry);
    expect(result.ok).toBe(false);
    expect(result.errors[0]!.message).toMatch(/^Tệp này không phải là bảng tự chấm điểm/u);
  });
});
