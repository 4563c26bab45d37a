/**
 * The behaviour every WorkbookPort must show, whatever is behind it (Office.js, .xlsx bytes, the
 * in-memory fake). Each implementation calls this suite with a harness that makes a filled
 * scoring workbook its own way.
 */
import { describe, expect, it } from 'vitest';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { createRegistry } from '../../shared/criteria/load';
import type { CriteriaSet } from '../../shared/criteria/schema';
import { checkSnapshot } from '../../shared/workbook/check';
import type { WorkbookPort } from '../../shared/workbook/port';
import { fullFill, type Fill } from '../support/fill';

export interface PortHarness {
  /** A port over a workbook made from the template of `set` and typed in as `fill`. */
  create(set: CriteriaSet, fill: Fill): Promise<WorkbookPort>;
  /** Whether the port can write (the server's file reader is read-only). */
  writable: boolean;
}

export function describeWorkbookPortContract(name: string, harness: PortHarness): void {
  const sets = defaultCriteriaSets();
  const registry = createRegistry(sets);
  const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
  const antt = sets.find((s) => s.id === 'an-toan-antt-co-so-giao-duc')!;

  describe(`WorkbookPort contract: ${name}`, () => {
    it('reads a fully scored workbook as eligible with every score', async () => {
      const port = await harness.create(coQuan, fullFill(coQuan));
      const result = checkSnapshot(await port.read(), registry);
      expect(result.errors).toEqual([]);
      expect(result).toMatchObject({ ok: true, setId: coQuan.id, total: 50, max: 50, eligible: true, hardFailures: [] });
      expect(result.unit).toMatchObject({ name: 'Văn phòng UBND tỉnh Đồng Tháp', kind: 'co-quan', year: 2026 });
      expect(result.scores.map((s) => s.score)).toEqual(coQuan.criteria.map((c) => c.maxPoints));
      expect(result.scores[0]!.evidence).toBe('Nghị quyết số 12-NQ/ĐU ngày 10/01/2026');
    });

    it('accepts "4,5" typed as text and reports a hard criterion below maximum', async () => {
      const fill = fullFill(coQuan);
      fill.scores![8] = '4,5';
      fill.scores![1] = ' 3.5 ';
      const result = checkSnapshot(await (await harness.create(coQuan, fill)).read(), registry);
      expect(result.ok).toBe(true);
      expect(result.total).toBe(49);
      expect(result.hardFailures).toEqual([8]);
      expect(result.reasons).toEqual(['Tiêu chí cứng 8 đạt 4,5/5 điểm, phải đạt điểm tối đa.']);
    });

    it('rejects a score above the maximum with its sheet and cell', async () => {
      const fill = fullFill(coQuan);
      fill.scores![3] = 7;
      const result = checkSnapshot(await (await harness.create(coQuan, fill)).read(), registry);
      expect(result.ok).toBe(false);
      expect(result.errors).toEqual([{ sheet: 'Chấm điểm', cell: 'F7', message: 'Điểm 7 vượt điểm tối đa 4. Nhập từ 0 đến 4.' }]);
    });

    it('reads a pass-fail workbook', async () => {
      const fill = fullFill(antt);
      fill.unit!.kind = 'Cơ sở giáo dục';
      fill.scores![4] = 'Chưa đạt';
      const result = checkSnapshot(await (await harness.create(antt, fill)).read(), registry);
      expect(result).toMatchObject({ ok: true, total: 5, max: 6, eligible: false, reasons: ['Tiêu chí 4 chưa đạt.'] });
    });

    it('a missing unit name is an error on its cell', async () => {
      const fill = fullFill(coQuan);
      fill.unit!.name = null;
      const result = checkSnapshot(await (await harness.create(coQuan, fill)).read(), registry);
      expect(result.ok).toBe(false);
      expect(result.errors).toEqual([{ sheet: 'Thông tin đơn vị', cell: 'B3', message: 'Chưa nhập Tên đơn vị. Nhập tên đầy đủ của đơn vị vào ô này.' }]);
    });

    it('writes a score that the next read returns', async () => {
      if (!harness.writable) return;
      const port = await harness.create(coQuan, { unit: { name: 'Trường THPT Vĩnh Thuận' } });
      const before = checkSnapshot(await port.read(), registry);
      expect(before.scores[1]!.score).toBeNull();
      await port.write([{ sheet: 'Chấm điểm', row: 6, col: 6, value: 3.5 }]);
      const after = checkSnapshot(await port.read(), registry);
      expect(after.scores[1]!.score).toBe(3.5);
    });
  });
}
