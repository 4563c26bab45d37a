/** A year's consolidation with every case the exports must show: eligible, failing, late, invalid, missing, appraised, hostile names. */
import type { UnitsResponse } from '../../shared/api/schemas';
import { consolidate } from '../../shared/consolidation/consolidate';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { coQuan, fillFor, registry, resultFor, stored, unit, xaSet } from '../consolidation/fixtures';

export const NOW = new Date('2026-11-23T03:00:00Z');
export const HOSTILE_NAME = '=HYPERLINK("http://example.invalid/x","Bấm vào đây")';

export async function sampleResponse(options: { mixedSets?: boolean } = {}): Promise<UnitsResponse> {
  const full = (name: string) => resultFor(coQuan, fillFor(coQuan, name, 'Cơ quan'));
  const units = [
    unit('u1', 'Sở Y tế'),
    unit('u2', 'Sở Tư pháp'),
    unit('u3', 'Công ty Cấp nước Đồng Tháp', 'doanh-nghiep'),
    unit('u4', 'Trường THPT Vĩnh Thuận'.normalize('NFD'), 'co-so-giao-duc'),
    unit('u5', HOSTILE_NAME),
    unit('u6', '+84 Sở Nội vụ', 'co-quan', '-Phường 1'),
    unit('u7', '@Ban Dân tộc'),
    unit('u8', 'Sở Xây dựng'),
    ...(options.mixedSets ? [unit('x1', 'Xã Bình Thạnh', 'xa', 'Huyện Cao Lãnh'), unit('x2', 'Xã Đông Hòa', 'xa', 'Huyện Cao Lãnh')] : []),
  ];
  const submissions = [
    stored('u1', await full('Sở Y tế'), { at: '2026-11-10T02:00:00Z' }),
    stored('u2', await resultFor(coQuan, fillFor(coQuan, 'Sở Tư pháp', 'Cơ quan', { 5: 4, 8: 4.5, 1: 3.5 })), { at: '2026-11-12T02:00:00Z' }),
    stored('u3', await resultFor(coQuan, fillFor(coQuan, 'Công ty Cấp nước Đồng Tháp', 'Doanh nghiệp', { 2: 3.5 })), { at: '2026-11-25T09:30:00Z' }),
    stored('u4', await resultFor(coQuan, fillFor(coQuan, 'Trường THPT Vĩnh Thuận', 'Cơ sở giáo dục', { 3: 3 })), { at: '2026-11-11T02:00:00Z' }),
    stored('u5', await full(HOSTILE_NAME), { at: '2026-11-11T02:00:00Z' }),
    stored('u6', await resultFor(coQuan, fillFor(coQuan, '+84 Sở Nội vụ', 'Cơ quan', { 2: 'bốn' })), { at: '2026-11-11T02:00:00Z' }),
    ...(options.mixedSets
      ? [stored('x1', await resultFor(xaSet, fillFor(xaSet, 'Xã Bình Thạnh', 'Xã', { 3: 'Chưa đạt' })), { at: '2026-11-11T02:00:00Z' }),
        stored('x2', await resultFor(xaSet, fillFor(xaSet, 'Xã Đông Hòa', 'Xã')), { at: '2026-11-11T02:00:00Z' })]
      : []),
  ];
  submissions[0]!.review = { state: 'approved', note: '', at: NOW, by: 'admin' };
  return consolidate({
    year: 2026, now: NOW, calendar: DEFAULT_CALENDAR, units, submissions, sets: registry,
    // The council lowers Trường THPT Vĩnh Thuận's criterion 1 from 4 to 2: 49 → 47, still eligible.
    appraisals: new Map([['u4', { 1: 2 }]]),
  });
}
