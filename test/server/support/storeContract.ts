/**
 * The store's contract: what every `Store` implementation must do, run against SQLite
 * (store.test.ts) and PostgreSQL (pgStore.test.ts) through a factory that opens a fresh one.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import type { Change, NewSubmission, Store } from '../../../server/store/store';
import type { CheckResult } from '../../../shared/workbook/checkResult';
import { DEFAULT_CALENDAR } from '../../../shared/deadlines/calendar';

export const RESULT: CheckResult = {
  ok: true, unit: null, setId: null, setVersion: null, setHash: null, draftSet: null, scores: [], total: null, max: null,
  threshold: null, hardFailures: [], dossier: {}, band: null, eligible: false, reasons: [], errors: [], warnings: [],
};
/** A change as a use case writes it (the action is any code the service writes). */
export const change: Change = { by: 'test', at: new Date('2026-11-01T00:00:00Z'), action: 'calendar', detail: 'test' };
export const sha = (n: number) => n.toString(16).padStart(64, '0');
export const shaOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function submission(unitId: string | null, sha256: string, valid = true): NewSubmission {
  return {
    unitId, year: 2026, stage: 'final', sha256, size: 1, fileName: 'a.xlsx', receivedAt: new Date('2026-11-01T00:00:00Z'),
    late: false, daysLate: 0, valid, result: RESULT, errors: [], actor: 'test',
  };
}

export interface StoreUnderTest {
  store: Store;
  /** Runs one SQL statement on the store's database directly (bypassing the store), for the database's own rules. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const audit = (): Pick<Change, 'action' | 'detail'> => ({ action: 'submission', detail: 'x' });

/** Stores the bytes (the store's own way) and returns their hash. */
async function stored(store: Store, body: string): Promise<string> {
  const bytes = Buffer.from(body);
  const hash = shaOf(bytes);
  await store.putFile(hash, bytes);
  return hash;
}

export function storeContract(name: string, open: () => Promise<StoreUnderTest>): void {
  const withStore = async (test: (s: StoreUnderTest) => Promise<void>) => {
    const s = await open();
    try {
      await test(s);
    } finally {
      await s.close();
    }
  };
  const oneUnit = async (store: Store) => {
    await store.upsertUnits([{ name: 'Công an xã A', kind: 'co-quan', parent: 'Huyện B', contact: '' }], { ...change, detail: () => 'import' });
    return (await store.listUnits())[0]!.id;
  };

  describe(`${name} store: the contract`, () => {
    it('numbers valid versions 1, 2, …; the counted version\'s bytes again are the same submission; a refused file gets no version; a bad unit fails alone', () => withStore(async ({ store }) => {
      const unitId = await oneUnit(store);
      const [a, b, c] = [await stored(store, 'a'), await stored(store, 'b'), await stored(store, 'c')];
      const answers = await Promise.allSettled([
        store.recordSubmission(submission(unitId, a), audit),
        store.recordSubmission(submission(unitId, b), audit),
        store.recordSubmission(submission('no-such-unit', c), audit),
        store.recordSubmission(submission(unitId, c, false), audit),
      ]);
      expect(answers.map((x) => x.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const values = answers.map((x) => (x.status === 'fulfilled' ? x.value : undefined));
      expect(values.map((v) => v?.duplicate)).toEqual([false, false, undefined, false]);
      // Calls made together may commit in any order: which of a and b is version 1 is not promised.
      expect([values[0]!.record.version, values[1]!.record.version].sort()).toEqual([1, 2]);
      expect(values[3]!.record.version).toBeNull();
      const [older, counted] = values[0]!.record.version === 1 ? [values[0]!, values[1]!] : [values[1]!, values[0]!];
      // The counted version's bytes again (a double click, a retry): the same submission, nothing written.
      const again = await store.recordSubmission(submission(unitId, counted.record.sha256), audit);
      expect(again).toMatchObject({ duplicate: true, record: { id: counted.record.id, version: 2 } });
      expect((await store.listSubmissions({ unitId })).map((r) => r.sha256).sort()).toEqual([a, b, c].sort());
      expect((await store.audit({})).filter((e) => e.action === 'submission')).toHaveLength(3);
      expect(await store.findSubmission({ sha256: counted.record.sha256, unitId, year: 2026, stage: 'final' })).toMatchObject({ version: 2, valid: true, fileKept: true });
      expect(await store.findSubmission({ sha256: older.record.sha256, unitId, year: 2026, stage: 'final' })).toBeUndefined();
      expect((await store.submissionsWithFile(a)).map((r) => r.id)).toEqual([values[0]!.record.id]);
      // The version that counts is the highest valid one; a stage without one has none.
      expect(await store.countedSubmission({ unitId, year: 2026, stage: 'final' })).toMatchObject({ id: counted.record.id, version: 2, valid: true });
      expect(await store.countedSubmission({ unitId, year: 2026, stage: 'mid-year' })).toBeUndefined();
      expect(await store.refusedBytesStored(unitId)).toBe(1);
      // A refused workbook naming no unit on the list.
      expect(await store.refusedBytesStored(null)).toBe(0);
      await store.recordSubmission({ ...submission(null, await stored(store, 'nobody'), false), size: 6 }, audit);
      expect(await store.refusedBytesStored(null)).toBe(6);
      expect(await store.submissionsMissingFiles()).toEqual([]);
    }));

    it('takes the bytes of an older version again as a new version (one, when sent several times together); of the counted version or a refused file, as the same submission', () => withStore(async ({ store }) => {
      const unitId = await oneUnit(store);
      const [a, b, c] = [await stored(store, 'a'), await stored(store, 'b'), await stored(store, 'c')];
      const v1 = await store.recordSubmission(submission(unitId, a), audit);
      const v2 = await store.recordSubmission(submission(unitId, b), audit);
      expect(await store.findSubmission({ sha256: a, unitId, year: 2026, stage: 'final' })).toBeUndefined();
      // A return to version 1, sent several times at once (clicks, retries): one new version, the others its duplicates.
      const together = await Promise.all(Array.from({ length: 6 }, () => store.recordSubmission(submission(unitId, a), audit)));
      expect(together.filter((x) => !x.duplicate)).toHaveLength(1);
      const returned = together.find((x) => !x.duplicate)!.record;
      expect(together.map((x) => x.record.id)).toEqual(together.map(() => returned.id));
      expect(returned).toMatchObject({ version: 3, sha256: a, valid: true });
      expect(await store.countedSubmission({ unitId, year: 2026, stage: 'final' })).toMatchObject({ id: returned.id, version: 3 });
      expect(await store.findSubmission({ sha256: a, unitId, year: 2026, stage: 'final' })).toMatchObject({ version: 3 });
      expect(await store.findSubmission({ sha256: b, unitId, year: 2026, stage: 'final' })).toBeUndefined();
      expect(await store.recordSubmission(submission(unitId, a), audit)).toMatchObject({ duplicate: true, record: { version: 3 } });
      expect((await store.submissionsWithFile(a)).map((r) => r.id)).toEqual([v1.record.id, returned.id]);
      // Refused bytes are one row however often (and however together) they are sent.
      const refused = await Promise.all([store.recordSubmission(submission(unitId, c, false), audit), store.recordSubmission(submission(unitId, c, false), audit)]);
      expect(refused.map((x) => x.duplicate).sort()).toEqual([false, true]);
      expect(await store.findSubmission({ sha256: c, unitId, year: 2026, stage: 'final' })).toMatchObject({ version: null, valid: false });
      expect((await store.listSubmissions({ unitId })).map((r) => [r.sha256, r.version])).toEqual([[a, 1], [b, 2], [a, 3], [c, null]]);
      expect(v2.record.version).toBe(2);
      expect(await store.submissionsMissingFiles()).toEqual([]);
    }));

    it('never answers a read with a submission before that submission\'s sender is answered (its commit on disk)', () => withStore(async ({ store }) => {
      const unitId = await oneUnit(store);
      const a = await stored(store, 'a');
      let answered = false;
      const recording = store.recordSubmission(submission(unitId, a), audit).then((outcome) => {
        answered = true;
        return outcome;
      });
      // Read until the row is found, letting the store's I/O run between reads.
      for (let found = false; !found;) {
        await new Promise((resolve) => setImmediate(resolve));
        const [bySha, byKey] = await Promise.all([
          store.submissionsWithFile(a), store.findSubmission({ sha256: a, unitId, year: 2026, stage: 'final' }),
        ]);
        found = bySha.length > 0 || byKey !== undefined;
        if (found) expect(answered).toBe(true);
      }
      expect((await recording).record.version).toBe(1);
    }));

    it('answers a repeated idempotency key with the first submission, even for other bytes', () => withStore(async ({ store }) => {
      const unitId = await oneUnit(store);
      const [a, b] = [await stored(store, 'a'), await stored(store, 'b')];
      const idempotency = { sender: `unit:${unitId}`, key: 'k-1' };
      const first = await store.recordSubmission({ ...submission(unitId, a), idempotency }, audit);
      const again = await store.recordSubmission({ ...submission(unitId, b), idempotency }, audit);
      expect(again).toMatchObject({ duplicate: true, record: { id: first.record.id } });
      expect((await store.findByIdempotencyKey(idempotency))?.id).toBe(first.record.id);
    }));

    it('keeps files by content hash: put twice, adopt a temp file, open, refuse a path for a hash', () => withStore(async ({ store }) => {
      const bytes = Buffer.from('xlsx bytes');
      const hash = shaOf(bytes);
      await store.putFile(hash, bytes);
      await store.putFile(hash, bytes);
      expect(await store.hasFile(hash)).toBe(true);
      expect(await text((await store.openFile(hash))!)).toBe('xlsx bytes');
      const temp = store.tempPath();
      writeFileSync(temp, 'adopted bytes');
      const adopted = shaOf(Buffer.from('adopted bytes'));
      await store.adoptFile(adopted, temp);
      expect(await text((await store.openFile(adopted))!)).toBe('adopted bytes');
      expect(await store.hasFile(sha(11))).toBe(false);
      expect(await store.openFile(sha(11))).toBeUndefined();
      await expect(store.putFile('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/not a sha256/u);
      await store.probeWritable();
    }));

    it('refuses any change to a submission row in the database itself', () => withStore(async ({ store, exec }) => {
      const unitId = await oneUnit(store);
      const { record } = await store.recordSubmission(submission(unitId, await stored(store, 'a')), audit);
      await expect(exec(`UPDATE submissions SET version = 7 WHERE id = '${record.id}'`)).rejects.toThrow(/append-only/u);
      await expect(exec(`DELETE FROM submissions WHERE id = '${record.id}'`)).rejects.toThrow(/append-only/u);
      expect((await store.getSubmission(record.id))?.version).toBe(1);
    }));

    it('refuses any change to an audit entry in the database itself', () => withStore(async ({ store, exec }) => {
      await oneUnit(store);
      const entries = await store.audit({});
      expect(entries.map((e) => e.action)).toEqual(['calendar']);
      await expect(exec("UPDATE audit_log SET detail = 'rewritten'")).rejects.toThrow(/append-only/u);
      await expect(exec("UPDATE audit_log SET actor = 'someone else' WHERE action = 'calendar'")).rejects.toThrow(/append-only/u);
      await expect(exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/u);
      expect(await store.audit({})).toEqual(entries);
    }));

    it('imports units with codes, finds them by code and name, issues, promotes and revokes tokens', () => withStore(async ({ store }) => {
      const outcome = await store.upsertUnits([
        { name: 'Công an xã A', kind: 'co-quan', parent: 'Huyện B', contact: '' },
        { name: 'Công an xã A', kind: 'co-quan', parent: 'Huyện C', contact: '' },
      ], { ...change, detail: () => 'import' });
      expect(outcome).toEqual({ added: 2, updated: 0, unchanged: 0 });
      const units = await store.listUnits();
      expect(new Set(units.map((u) => u.code)).size).toBe(2);
      expect(await store.findUnitsByNameKey(units[0]!.nameKey)).toHaveLength(2);
      expect((await store.findUnitByCode(units[0]!.code))?.id).toBe(units[0]!.id);
      expect(await store.addUnit({ name: 'Công an xã A', kind: 'co-quan', parent: 'Huyện B', contact: '' }, change)).toBeUndefined();
      const added = await store.addUnit({ name: 'Trường D', kind: 'co-quan', parent: '', contact: '' }, change);
      expect(added?.code).toBeTruthy();
      const [u] = units;
      await store.setUnitTokenHashes(new Map([[u!.id, 'old']]), change);
      await store.setUnitTokenHashes(new Map([[u!.id, 'new']]), change, { pending: true });
      expect((await store.unitByTokenHash('old'))?.id).toBe(u!.id);
      expect((await store.unitByTokenHash('new'))?.id).toBe(u!.id);
      expect(await store.unitByTokenHash('old')).toBeUndefined();
      expect((await store.audit({ unitId: u!.id })).some((e) => e.action === 'token-activated')).toBe(true);
      await store.setUnitTokenHashes(new Map([[u!.id, null]]), change);
      expect(await store.unitByTokenHash('new')).toBeUndefined();
      await store.addAdminToken('Quản trị', 'admin-hash', change);
      expect(await store.adminLabelByTokenHash('admin-hash')).toBe('Quản trị');
      expect(await store.adminTokenCount()).toBe(1);
      expect((await store.listAdminTokens()).map((a) => a.label)).toEqual(['Quản trị']);
      expect(await store.revokeAdminTokens('Quản trị', change)).toBe(1);
      expect(await store.adminLabelByTokenHash('admin-hash')).toBeUndefined();
    }));

    it('keeps review, appraisal, exception, publication and seen-review history; the latest counts', () => withStore(async ({ store }) => {
      const unitId = await oneUnit(store);
      const { record } = await store.recordSubmission(submission(unitId, await stored(store, 'a')), audit);
      await store.addReview({ submissionId: record.id, state: 'has-issues', note: 'thiếu' }, unitId, change);
      expect(await store.reviewsSeen([record.id])).toEqual(new Map());
      expect(await store.markReviewsSeen([record.id], unitId, { ...change, detail: (n) => `${n}` })).toBe(1);
      expect(await store.markReviewsSeen([record.id], unitId, { ...change, detail: (n) => `${n}` })).toBe(0);
      expect([...(await store.reviewsSeen([record.id])).keys()]).toEqual([record.id]);
      await store.addReview({ submissionId: record.id, state: 'approved', note: '' }, unitId, { ...change, by: 'Cán bộ B' });
      expect((await store.getSubmission(record.id))?.review).toMatchObject({ state: 'approved', by: 'Cán bộ B' });
      expect(await store.reviewsSeen([record.id])).toEqual(new Map());
      await store.setAppraisal(unitId, 2026, new Map([[1, 5], [2, 3.5]]), change);
      await store.setAppraisal(unitId, 2026, new Map([[1, null], [2, 4]]), change);
      expect(await store.appraisals(2026)).toEqual(new Map([[unitId, { 2: 4 }]]));
      await store.addException(unitId, 2026, 'final', 'mở lại', change);
      expect(await store.exceptions(2026, unitId)).toEqual(new Map([[unitId, ['final']]]));
      await store.setAppraisalPublished(unitId, 2026, true, change);
      expect([...(await store.appraisalPublications(2026)).keys()]).toEqual([unitId]);
      await store.setAppraisalPublished(unitId, 2026, false, change);
      expect(await store.appraisalPublications(2026)).toEqual(new Map());
    }));

    it('saves the calendar and the document settings per year, each change audited', () => withStore(async ({ store }) => {
      expect(await store.getCalendar(2026)).toBeUndefined();
      await store.putCalendar(2026, DEFAULT_CALENDAR, change);
      expect(await store.getCalendar(2026)).toEqual(DEFAULT_CALENDAR);
      await store.putDocumentSettings(2026, { issuingBody: 'Công an tỉnh', n: 1 }, change);
      await store.putDocumentSettings(2026, { issuingBody: 'Công an tỉnh Đồng Tháp', n: 2 }, change);
      expect(await store.getDocumentSettings(2026)).toEqual({ issuingBody: 'Công an tỉnh Đồng Tháp', n: 2 });
      expect((await store.audit({ limit: 2 })).map((e) => e.action)).toEqual(['calendar', 'calendar']);
    }));

    it('verifies: every kept file present and sound; a stored file no row points at is an orphan the sweep removes', () => withStore(async ({ store }) => {
      const unitId = await oneUnit(store);
      await store.recordSubmission(submission(unitId, await stored(store, 'kept')), audit);
      const orphan = await stored(store, 'orphan');
      const report = await store.verify();
      expect(report).toMatchObject({ integrity: ['ok'], missing: [], corrupt: [] });
      expect(report.orphans.map((o) => o.sha256)).toEqual([orphan]);
      expect(await store.sweepOrphans(3_600_000)).toEqual([]);
      expect(await store.sweepOrphans(0)).toEqual([orphan]);
      expect((await store.verify()).orphans).toEqual([]);
      expect(await store.hasFile(shaOf(Buffer.from('kept')))).toBe(true);
    }));

    it('gives a change stamp that grows with every change, and the (unit, action) pairs changed since a stamp', () => withStore(async ({ store }) => {
      expect(await store.changeStamp()).toBe(0);
      expect(await store.changesSince(0, 10)).toEqual({ stamp: 0, changes: [], more: false });
      const units = ['Công an xã A', 'Công an xã B'].map((name) => ({ name, kind: 'co-quan' as const, parent: 'Huyện B', contact: '' }));
      await store.upsertUnits(units, { ...change, action: 'units-import', detail: () => 'import' });
      const [a, b] = (await store.listUnits()).map((u) => u.id);
      const start = await store.changeStamp();
      expect(start).toBeGreaterThan(0);
      expect(await store.changesSince(0, 10)).toEqual({ stamp: start, changes: [{ unitId: null, action: 'units-import' }], more: false });
      expect(await store.changesSince(start, 10)).toEqual({ stamp: start, changes: [], more: false });
      const exception: Change = { ...change, action: 'exception' };
      await store.addException(a!, 2026, 'final', 'mở lại', exception);
      await store.addException(a!, 2026, 'mid-year', 'mở lại', exception);
      await store.addException(b!, 2026, 'final', 'mở lại', exception);
      const since = await store.changesSince(start, 10);
      expect(since.stamp).toBeGreaterThan(start);
      expect(since.stamp).toBe(await store.changeStamp());
      // Distinct pairs: two changes of unit a by the same action are one.
      expect(since.changes).toHaveLength(2);
      expect(new Set(since.changes)).toEqual(new Set([{ unitId: a, action: 'exception' }, { unitId: b, action: 'exception' }]));
      expect(since.more).toBe(false);
      const limited = await store.changesSince(start, 1);
      expect(limited).toMatchObject({ stamp: since.stamp, more: true });
      expect(limited.changes).toHaveLength(1);
      // Changes naming no unit, through a write transaction and through appendAudit alone.
      await store.putCalendar(2027, DEFAULT_CALENDAR, { ...change, action: 'calendar' });
      await store.appendAudit(null, { ...change, action: 'sign-in-failed' });
      const later = await store.changesSince(since.stamp, 10);
      expect(later.changes).toEqual([{ unitId: null, action: 'calendar' }, { unitId: null, action: 'sign-in-failed' }]);
      expect(later.stamp).toBe(await store.changeStamp());
      expect(later.stamp).toBeGreaterThan(since.stamp);
      // A read changes nothing.
      await store.listSubmissionSummaries({ year: 2026 });
      expect(await store.changeStamp()).toBe(later.stamp);
    }));

    it('lists submission summaries as listSubmissions lists the rows, with the result of each unit\'s counted final version only', () => withStore(async ({ store }) => {
      await store.upsertUnits(['Công an xã A', 'Công an xã B'].map((name) => ({ name, kind: 'co-quan' as const, parent: 'Huyện B', contact: '' })),
        { ...change, detail: () => 'import' });
      const [a, b] = (await store.listUnits()).map((u) => u.id);
      const scored = (total: number): NewSubmission['result'] => ({ ...RESULT, total });
      const send = async (unitId: string | null, body: string, fields: Partial<NewSubmission> = {}) =>
        (await store.recordSubmission({ ...submission(unitId, await stored(store, body)), ...fields }, audit)).record;
      const aV1 = await send(a!, 'a1', { result: scored(1) });
      const aMid = await send(a!, 'a-mid', { stage: 'mid-year', result: scored(2) });
      const aV2 = await send(a!, 'a2', { result: scored(3) });
      const aRefused = await send(a!, 'a-refused', { valid: false, result: scored(4) });
      const bV1 = await send(b!, 'b1', { result: scored(5) });
      const nobody = await send(null, 'nobody', { valid: false, result: scored(6) });
      const lastYear = await send(a!, 'a-2025', { year: 2025, result: scored(7) });
      await store.addReview({ submissionId: bV1.id, state: 'approved', note: 'Đạt' }, b!, { ...change, by: 'Cán bộ B' });
      await store.addReview({ submissionId: aV1.id, state: 'has-issues', note: 'thiếu' }, a!, change);

      const full = await store.listSubmissions({ year: 2026 });
      const summaries = await store.listSubmissionSummaries({ year: 2026 });
      expect(summaries.map((r) => r.id)).toEqual(full.map((r) => r.id));
      expect(summaries.map((r) => r.id)).toEqual([aV1.id, aMid.id, aV2.id, aRefused.id, bV1.id, nobody.id]);
      const counted = new Set([aV2.id, bV1.id]);
      full.forEach((record, i) => {
        const { result, errors: _errors, ...fields } = record;
        const { result: summaryResult, ...summaryFields } = summaries[i]!;
        // Every field as listSubmissions gives it (the review included), the result only where it counts.
        expect(summaryFields).toEqual(fields);
        expect(summaryResult).toEqual(counted.has(record.id) ? result : null);
      });
      expect(summaries.find((r) => r.id === bV1.id)).toMatchObject({ result: { total: 5 }, review: { state: 'approved', by: 'Cán bộ B' } });
      expect(summaries.find((r) => r.id === aV2.id)?.result?.total).toBe(3);
      expect(await store.listSubmissionSummaries({ year: 2026, unitId: a! })).toEqual(summaries.filter((r) => r.unitId === a));
      // Some units at a time (the board reads a large year so): their rows, in the same order.
      expect(await store.listSubmissionSummaries({ year: 2026, unitIds: [b!, a!] })).toEqual(summaries.filter((r) => r.unitId === a || r.unitId === b));
      expect(await store.listSubmissionSummaries({ year: 2026, unitIds: [b!] })).toEqual(summaries.filter((r) => r.unitId === b));
      expect(await store.listSubmissionSummaries({ year: 2026, unitIds: [] })).toEqual([]);
      expect(await store.listSubmissionSummaries({ year: 2026, unitId: a!, unitIds: [b!] })).toEqual([]);
      expect((await store.listSubmissionSummaries({ year: 2025 })).map((r) => [r.id, r.result?.total])).toEqual([[lastYear.id, 7]]);
      expect(await store.listSubmissionSummaries({ year: 2024 })).toEqual([]);
    }));
  });
}
