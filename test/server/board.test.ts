/**
 * The board computed once per change: pages of GET /api/units over the real app and a real
 * SQLite file, always equal to consolidating every unit afresh (consolidateYear, no kept board)
 * after each kind of change — an upload, a review, an appraisal, a units import, a new day, and a
 * change written by another process on the same data folder. The store methods the board uses
 * (change stamp, changes since, submission summaries) are in the store contract
 * (./support/storeContract.ts), run on SQLite and PostgreSQL.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, unitsResponseSchema, type UnitsResponse } from '../../shared/api/schemas';
import { consolidateYear } from '../../server/app/board';
import { importUnits } from '../../server/app/units';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { bearer, coQuan, startTestService, workbookFor, XLSX, type TestService } from './support/harness';

const NAMES = ['Ban Dân tộc', 'Sở Tư pháp', 'Văn phòng UBND', 'Ủy ban Mặt trận', 'Đài Phát thanh', 'Ấp Bắc', 'Chi cục Thuế'];

let s: TestService;
let tokens: Map<string, { token: string; unitId: string; code: string }>;

/** One page as the console asks for it. */
async function page(offset: number, limit: number): Promise<UnitsResponse> {
  const res = await request(s.app).get(`/api/units?year=2026&limit=${limit}&offset=${offset}`).set(bearer(s.adminToken));
  expect(res.status).toBe(200);
  return unitsResponseSchema.parse(res.body);
}

/** The pages concatenated must be the board consolidated afresh, with the same counts. */
async function expectPagesEqualFresh(): Promise<void> {
  const fresh = await consolidateYear(s.ctx, 2026);
  // Read a few units at a time (as a year larger than UNITS_PER_READ is), the same board.
  const inParts = await consolidateYear(s.ctx, 2026, 2);
  expect(inParts.units).toEqual(fresh.units);
  expect(inParts.counts).toEqual(fresh.counts);
  const rows: UnitsResponse['units'] = [];
  for (let offset = 0; offset < fresh.units.length; offset += 3) {
    const p = await page(offset, 3);
    expect(p.counts).toEqual(fresh.counts);
    expect(p.page).toEqual({
      offset, limit: 3, total: fresh.units.length,
      approved: fresh.units.filter((u) => u.verdict?.eligible && u.stages.some((st) => st.stage === 'final' && st.review === 'approved')).length,
    });
    rows.push(...p.units);
  }
  expect(rows).toEqual(fresh.units);
  const whole = unitsResponseSchema.parse((await request(s.app).get('/api/units?year=2026').set(bearer(s.adminToken))).body);
  expect(whole.page).toBeUndefined();
  expect(whole.units).toEqual(fresh.units);
}

async function upload(name: string, fill: Parameters<typeof workbookFor>[1] = {}): Promise<string> {
  const res = await request(s.app).post('/api/submissions').set(bearer(tokens.get(name)!.token)).set('Content-Type', XLSX).send(await workbookFor(name, fill));
  expect([200, 201]).toContain(res.status);
  return res.body.submissionId as string;
}

beforeAll(async () => {
  s = await startTestService();
  tokens = await s.addUnits(NAMES.map((n) => coQuan(n)));
  await upload(NAMES[0]!);
  await upload(NAMES[1]!, { scores: { 5: 0 } });
});
afterAll(async () => { await s?.close(); });

describe('GET /api/units pages', () => {
  it('gives pages in name order with the whole year\'s counts, equal to a fresh consolidation', async () => {
    const first = await page(0, 3);
    expect(first.units).toHaveLength(3);
    expect(first.counts.expected).toBe(NAMES.length);
    expect(first.counts.valid).toBe(2);
    await expectPagesEqualFresh();
    expect((await page(6, 3)).units).toHaveLength(1);
    expect((await page(40, 3)).units).toHaveLength(0);
  });

  it('stays equal to a fresh consolidation after an upload, a review, an appraisal and a new version', async () => {
    await upload(NAMES[2]!);
    await expectPagesEqualFresh();
    const unit = tokens.get(NAMES[0]!)!;
    const review = await request(s.app).post(`/api/units/${unit.code}/review?year=2026`).set(bearer(s.adminToken)).send({ state: 'approved', note: '' });
    expect(review.status).toBe(200);
    await expectPagesEqualFresh();
    const appraisal = await request(s.app).put(`/api/units/${unit.code}/appraisal?year=2026`).set(bearer(s.adminToken)).send({ scores: { 5: 0 } });
    expect(appraisal.status).toBe(200);
    const after = await page(0, 7);
    expect(after.units.find((u) => u.unit.code === unit.code)!.verdict!.eligible).toBe(false);
    await expectPagesEqualFresh();
    await upload(NAMES[1]!);
    await expectPagesEqualFresh();
  });

  it('sees a units import, a new day, and a change another process wrote to the same data folder', async () => {
    await importUnits(s.ctx, [coQuan('Ban Dân tộc', 'Phường 2')], 'test');
    const withNew = await page(0, 10);
    expect(withNew.counts.expected).toBe(NAMES.length + 1);
    expect(withNew.units.filter((u) => u.unit.name === 'Ban Dân tộc')).toHaveLength(2);
    // Back to the list the other checks count on is not possible (nothing is removed): compare with a fresh board instead.
    expect(withNew.units).toEqual((await consolidateYear(s.ctx, 2026)).units);

    const before = (await page(0, 10)).units.map((u) => u.risk);
    s.clock.now = new Date('2026-12-20T03:00:00Z');
    const later = await page(0, 10);
    expect(later.units).toEqual((await consolidateYear(s.ctx, 2026)).units);
    expect(later.units.map((u) => u.risk)).not.toEqual(before);

    const other = await SqliteStore.open(s.dataDir);
    try {
      const unit = tokens.get(NAMES[2]!)!;
      const final = (await other.listSubmissions({ year: 2026, unitId: unit.unitId })).find((r) => r.stage === 'final')!;
      await other.addReview({ submissionId: final.id, state: 'rejected', note: 'Thiếu biên bản.' }, unit.unitId,
        { by: 'other', at: new Date(), action: 'review', detail: 'other process' });
    } finally {
      await other.close();
    }
    const seen = await page(0, 10);
    expect(seen.units.find((u) => u.unit.code === tokens.get(NAMES[2]!)!.code)!.stages.find((st) => st.stage === 'final')!.review).toBe('rejected');
    expect(seen.units).toEqual((await consolidateYear(s.ctx, 2026)).units);
  });

  it('consolidates only the units changed: the whole year again only after a change of the whole year', async () => {
    const calls: (string | undefined)[] = [];
    const original = s.store.listSubmissionSummaries.bind(s.store);
    s.store.listSubmissionSummaries = (filter) => { calls.push(filter.unitId); return original(filter); };
    try {
      await page(0, 3);
      calls.length = 0;
      await page(0, 3);
      expect(calls).toEqual([]);
      // A failed sign-in is audited with no unit: it changes nothing the board shows.
      expect((await request(s.app).get('/api/units?year=2026').set(bearer('dha_wrong'))).status).toBe(401);
      await page(0, 3);
      expect(calls).toEqual([]);
      const unit = tokens.get(NAMES[2]!)!;
      expect((await request(s.app).post(`/api/units/${unit.code}/review?year=2026`).set(bearer(s.adminToken)).send({ state: 'approved', note: '' })).status).toBe(200);
      await page(0, 3);
      expect(calls).toEqual([unit.unitId]);
      await expectPagesEqualFresh();
      calls.length = 0;
      const calendar = (await request(s.app).get('/api/calendar?year=2026').set(bearer(s.adminToken))).body;
      expect((await request(s.app).put('/api/calendar?year=2026').set(bearer(s.adminToken)).send(calendar)).status).toBe(200);
      await page(0, 3);
      expect(calls).toEqual([undefined]);
    } finally {
      s.store.listSubmissionSummaries = original;
    }
  });

  it('refuses a page size or start that is not a whole number in range, in Vietnamese', async () => {
    for (const query of ['limit=0', 'limit=1001', 'limit=abc', 'limit=10&offset=-1', 'limit=2.5']) {
      const res = await request(s.app).get(`/api/units?year=2026&${query}`).set(bearer(s.adminToken));
      expect(res.status, query).toBe(400);
      expect(apiErrorSchema.parse(res.body).error.message).toMatch(/không hợp lệ: một số nguyên từ/u);
    }
  });
});
