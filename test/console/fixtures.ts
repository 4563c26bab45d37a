/**
 * A realistic UnitsResponse of any size for console tests and the board bench: generated units
 * (Vietnamese names, kinds, parents), real CheckResults re-scored by the shared engine, and the
 * board computed by the shared consolidate(), so every row is one the server could send.
 */
import type { ReviewState, UnitsResponse } from '../../shared/api/schemas';
import { applyAppraisal, consolidate, type ExpectedUnit, type StoredSubmission } from '../../shared/consolidation/consolidate';
import { DEFAULT_CALENDAR, type Stage } from '../../shared/deadlines/calendar';
import type { UnitKind } from '../../shared/units/kinds';
import type { CheckResult } from '../../shared/workbook/checkResult';
import { coQuan, fillFor, registry, resultFor, xaSet } from '../consolidation/fixtures';
import { seededRandom } from '../support/random';

const PLACES = [
  'Vĩnh Thuận', 'Tân Phú', 'Mỹ An', 'Hòa Bình', 'Long Hưng', 'Thanh Bình', 'Phú Thành', 'Bình Thạnh', 'An Long', 'Tân Hồng',
  'Cao Lãnh', 'Sa Đéc', 'Hồng Ngự', 'Tháp Mười', 'Lai Vung', 'Lấp Vò', 'Châu Thành', 'Tam Nông', 'Thường Phước', 'Đốc Binh Kiều',
  'Mỹ Thọ', 'Tân Thạnh', 'Phong Hòa', 'Định Yên', 'Hội An Đông', 'Bình Hàng Trung', 'Mỹ Xương', 'Tân Khánh Trung',
];
const PREFIX: Record<UnitKind, string[]> = {
  xa: ['Xã'],
  phuong: ['Phường'],
  'dac-khu': ['Đặc khu'],
  'co-quan': ['Phòng Tư pháp', 'Ban Quản lý chợ', 'Chi cục Thuế', 'Trung tâm Y tế', 'Bưu điện'],
  'doanh-nghiep': ['Công ty TNHH', 'Công ty Cổ phần', 'Hợp tác xã'],
  'co-so-giao-duc': ['Trường THCS', 'Trường THPT', 'Trường Tiểu học', 'Trường Mầm non'],
};
const KINDS: UnitKind[] = ['co-quan', 'co-quan', 'doanh-nghiep', 'co-so-giao-duc', 'co-so-giao-duc', 'xa', 'phuong'];
const CONTACTS = ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Minh Châu', 'Phạm Thu Dung', 'Huỳnh Quốc Em', 'Võ Thị Giang'];

export interface GenerateOptions {
  seed?: number;
  year?: number;
  /** "Today" for deadline risk; default 25/11 of the year, after the final due day. */
  now?: Date;
}

let bases: Promise<{ coQuan: CheckResult; xa: CheckResult }> | undefined;

/** One real CheckResult per set, read from a filled template by the shared reader. */
function baseResults(): Promise<{ coQuan: CheckResult; xa: CheckResult }> {
  bases ??= Promise.all([
    resultFor(coQuan, fillFor(coQuan, 'Đơn vị mẫu', 'Cơ quan')),
    resultFor(xaSet, fillFor(xaSet, 'Xã mẫu', 'Xã')),
  ]).then(([a, b]) => ({ coQuan: a, xa: b }));
  return bases;
}

export async function generateUnitsResponse(count: number, options: GenerateOptions = {}): Promise<UnitsResponse> {
  const random = seededRandom(options.seed ?? 7);
  const year = options.year ?? 2026;
  const now = options.now ?? new Date(Date.UTC(year, 10, 25, 3));
  const base = await baseResults();
  const units: ExpectedUnit[] = [];
  const submissions: StoredSubmission[] = [];
  const used = new Set<string>();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let serial = 0;

  for (let i = 0; i < count; i++) {
    const kind = pick(KINDS);
    let name = `${pick(PREFIX[kind])} ${pick(PLACES)}`;
    for (let n = 2; used.has(name); n++) name = `${name.replace(/ số \d+$/u, '')} số ${n}`;
    used.add(name);
    const parent = kind === 'xa' || kind === 'phuong' ? '' : `${random() < 0.5 ? 'Xã' : 'Phường'} ${pick(PLACES)}`;
    const id = `u${String(i + 1).padStart(4, '0')}`;
    units.push({ id, name, kind, parent, contact: pick(CONTACTS) });

    const isXa = kind === 'xa' || kind === 'phuong';
    const add = (stage: Stage, month: number, day: number, result: CheckResult, review: ReviewState | null = null) => {
      const receivedAt = new Date(Date.UTC(year, month - 1, day, 2 + Math.floor(random() * 8), Math.floor(random() * 60)));
      serial++;
      submissions.push({
        id: `s${serial}`, unitId: id, year, stage, version: result.ok ? 1 : null, receivedAt,
        valid: result.ok, sha256: `sha${serial}`, fileName: `${name}.xlsx`, result,
        review: review ? { state: review, note: '', at: receivedAt, by: 'admin' } : null,
      });
    };
    if (random() < 0.9) add('registration', 1, 5 + Math.floor(random() * 20), isXa ? base.xa : base.coQuan);
    if (random() < 0.8) add('mid-year', 5 + Math.floor(random() * 2), 1 + Math.floor(random() * 28), isXa ? base.xa : base.coQuan);
    const roll = random();
    if (roll < 0.75) {
      // Most units score near the top; some miss a hard criterion or the threshold.
      const scores: Record<number, number> = {};
      const set = isXa ? xaSet : coQuan;
      for (const c of set.criteria) {
        const drop = random() < (c.hard ? 0.08 : 0.3) ? c.step * Math.ceil(random() * Math.min(3, c.maxPoints / c.step)) : 0;
        scores[c.number] = Math.max(0, c.maxPoints - drop);
      }
      const result = applyAppraisal(isXa ? base.xa : base.coQuan, registry, scores);
      const review: ReviewState | null = random() < 0.3 ? pick(['received', 'approved', 'approved', 'has-issues', 'rejected'] as const) : null;
      add('final', 11, 1 + Math.floor(random() * 24), result, review);
    } else if (roll < 0.8) {
      const broken: CheckResult = { ...base.coQuan, ok: false, eligible: false, errors: [{ sheet: 'Chấm điểm', cell: 'D12', message: 'Điểm 7 vượt điểm tối đa 5.' }] };
      add('final', 11, 10 + Math.floor(random() * 10), broken);
    }
  }
  return consolidate({ year, now, calendar: DEFAULT_CALENDAR, units, submissions, sets: registry });
}
