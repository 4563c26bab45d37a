/**
 * A province's year at any size, written straight into a real SQLite data folder through the
 * Store interface: the units list (upsertUnits, as `dien-hinh units import` does), an admin
 * token, and 3 submissions per unit (registration, mid-year report, final report) committed by
 * recordSubmission (the intake's own commit, here in large group commits). Every row points at
 * one stored workbook; each row's CheckResult is a real one from the shared reader, re-scored by
 * the shared engine (some units short of a hard criterion or the threshold, a few refused final
 * reports, some reviewed, a few appraised by the council).
 */
import { createHash } from 'node:crypto';
import { applyAppraisal } from '../../shared/consolidation/consolidate';
import type { ReviewState } from '../../shared/api/schemas';
import type { Stage } from '../../shared/deadlines/calendar';
import type { UnitKind } from '../../shared/units/kinds';
import type { CheckResult } from '../../shared/workbook/checkResult';
import type { ListedUnit } from '../../shared/units/importPlan';
import { newToken, tokenHash } from '../../server/app/tokens';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { coQuan, fillFor, registry, resultFor, xaSet } from '../consolidation/fixtures';
import { makeWorkbookBytes } from '../support/workbooks';
import { seededRandom } from '../support/random';

const PLACES = [
  'Vĩnh Thuận', 'Tân Phú', 'Mỹ An', 'Hòa Bình', 'Long Hưng', 'Thanh Bình', 'Phú Thành', 'Bình Thạnh', 'An Long', 'Tân Hồng',
  'Cao Lãnh', 'Sa Đéc', 'Hồng Ngự', 'Tháp Mười', 'Lai Vung', 'Lấp Vò', 'Châu Thành', 'Tam Nông', 'Thường Phước', 'Đốc Binh Kiều',
];
const PREFIX: Record<UnitKind, string> = {
  xa: 'Xã', phuong: 'Phường', 'dac-khu': 'Đặc khu', 'co-quan': 'Chi cục Thuế', 'doanh-nghiep': 'Công ty TNHH', 'co-so-giao-duc': 'Trường THCS',
};
const KINDS: UnitKind[] = ['co-quan', 'co-quan', 'doanh-nghiep', 'co-so-giao-duc', 'xa', 'phuong'];
/** Submissions committed per group commit while generating. */
const BATCH = 3000;
/** Reviews and appraisals are one transaction each (as in the service): a sample of them is enough to show on the board. */
const MAX_REVIEWS = 2000;
const MAX_APPRAISALS = 300;

/** A handful of final results per set: full marks, a step short here and there, a hard criterion missed. */
async function finalVariants(): Promise<{ coQuan: CheckResult[]; xa: CheckResult[]; coQuanBase: CheckResult; xaBase: CheckResult }> {
  const coQuanBase = await resultFor(coQuan, fillFor(coQuan, 'Đơn vị mẫu', 'Cơ quan'));
  const xaBase = await resultFor(xaSet, fillFor(xaSet, 'Xã mẫu', 'Xã'));
  const random = seededRandom(5);
  const variants = (base: CheckResult, set: typeof coQuan): CheckResult[] => Array.from({ length: 12 }, (_, v) => {
    if (v === 0) return base;
    const scores: Record<number, number> = {};
    for (const c of set.criteria) {
      const drop = random() < (c.hard ? 0.1 : 0.3) ? c.step * Math.ceil(random() * Math.min(3, c.maxPoints / c.step)) : 0;
      scores[c.number] = Math.max(0, c.maxPoints - drop);
    }
    return applyAppraisal(base, registry, scores);
  });
  return { coQuan: variants(coQuanBase, coQuan), xa: variants(xaBase, xaSet), coQuanBase, xaBase };
}

/**
 * Fills an empty data folder with `count` units of `year` and their submissions; returns an
 * admin token for the API.
 */
export async function generateGrowthData(data: string, count: number, year: number): Promise<{ adminToken: string }> {
  const store = await SqliteStore.open(data);
  try {
    const random = seededRandom(count);
    const at = new Date(Date.UTC(year, 0, 2, 2));
    const listed: ListedUnit[] = [];
    for (let i = 0; i < count; i++) {
      const kind = KINDS[i % KINDS.length]!;
      const place = PLACES[Math.floor(random() * PLACES.length)]!;
      const parent = kind === 'xa' || kind === 'phuong' ? '' : `Phường ${PLACES[i % PLACES.length]}`;
      listed.push({ name: `${PREFIX[kind]} ${place} số ${i + 1}`, kind, parent, contact: 'Trần Thị Bích' });
    }
    await store.upsertUnits(listed, { by: 'bench', at, action: 'units-import', detail: (o) => `Nhập ${o.added} đơn vị.` });
    const adminToken = newToken('admin');
    await store.addAdminToken('bench', tokenHash(adminToken), { by: 'bench', at, action: 'admin-token', detail: 'Mã quản trị cho bench.' });

    const bytes = await makeWorkbookBytes(coQuan);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await store.putFile(sha256, bytes);
    const results = await finalVariants();
    const units = await store.listUnits();
    const reviews: { submissionId: string; unitId: string; state: ReviewState }[] = [];
    const appraised: string[] = [];
    let pending: Promise<unknown>[] = [];
    for (const unit of units) {
      const isXa = unit.kind === 'xa' || unit.kind === 'phuong';
      const base = isXa ? results.xaBase : results.coQuanBase;
      const named = (result: CheckResult): CheckResult => ({ ...result, unit: result.unit && { ...result.unit, name: unit.name, code: unit.code } });
      const submit = (stage: Stage, month: number, day: number, result: CheckResult, review?: ReviewState) => {
        const receivedAt = new Date(Date.UTC(year, month - 1, day, 2 + Math.floor(random() * 8), Math.floor(random() * 60)));
        pending.push(store.recordSubmission({
          unitId: unit.id, year, stage, sha256, size: bytes.length, fileName: `${unit.name}.xlsx`, receivedAt, late: false, daysLate: 0,
          valid: result.ok, result, errors: result.errors, actor: unit.name,
        }, (version) => ({ action: 'submission', detail: `Nhận phiên bản ${version ?? '-'} của ${unit.code}.` })).then(({ record }) => {
          if (review && reviews.length < MAX_REVIEWS) reviews.push({ submissionId: record.id, unitId: unit.id, state: review });
        }));
      };
      submit('registration', 1, 5 + Math.floor(random() * 20), named(base));
      submit('mid-year', 6, 1 + Math.floor(random() * 28), named(base));
      const roll = random();
      const variants = isXa ? results.xa : results.coQuan;
      const final = roll < 0.03
        ? { ...named(base), ok: false, eligible: false, errors: [{ sheet: 'Chấm điểm', cell: 'D12', message: 'Điểm 7 vượt điểm tối đa 5.' }] }
        : named(variants[Math.floor(random() * variants.length)]!);
      const review = random() < 0.1 ? (['received', 'approved', 'approved', 'has-issues', 'rejected'] as const)[Math.floor(random() * 5)] : undefined;
      // Final reports from 01/11 to 29/11: some after the due day.
      submit('final', 11, 1 + Math.floor(random() * 29), final, review);
      if (final.ok && random() < 0.01 && appraised.length < MAX_APPRAISALS) appraised.push(unit.id);
      if (pending.length >= BATCH) {
        await Promise.all(pending);
        pending = [];
      }
    }
    await Promise.all(pending);
    for (const r of reviews) {
      await store.addReview({ submissionId: r.submissionId, state: r.state, note: r.state === 'has-issues' ? 'Thiếu biên bản.' : '' }, r.unitId,
        { by: 'bench', at, action: 'review', detail: 'Duyệt.' });
    }
    for (const unitId of appraised) {
      await store.setAppraisal(unitId, year, new Map([[1, 4]]), { by: 'bench', at, action: 'appraisal', detail: 'Thẩm định.' });
    }
    return { adminToken };
  } finally {
    await store.close();
  }
}
