/**
 * Migration 5 on a data folder made by the first schema: every submission and review stays, no
 * review counts as seen until the unit opens its page, the first sighting is kept, and the
 * appraisal publication's latest row decides.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../server/store/sqlite/migrations';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { tempDir } from '../server/support/harness';

const RESULT = {
  ok: true, unit: null, setId: null, setVersion: null, setHash: null, draftSet: null, scores: [], total: null, max: null,
  threshold: null, hardFailures: [], dossier: {}, band: null, eligible: false, reasons: [], errors: [], warnings: [],
};

describe('migration 5: reviews seen, appraisal publications', () => {
  it('migrates a first-schema data folder and keeps everything', async () => {
    const dir = tempDir();
    const unitId = randomUUID();
    const submissionId = randomUUID();
    const old = new Database(path.join(dir, 'dien-hinh.sqlite'));
    migrate(old, MIGRATIONS.filter((m) => m.version === 1));
    old.prepare(`INSERT INTO units (id, name, name_key, kind, parent, contact, created_at, updated_at)
      VALUES (?, 'Sở Tư pháp', 'so tu phap', 'co-quan', '', '', 'x', 'x')`).run(unitId);
    old.prepare(`INSERT INTO submissions (id, unit_id, year, stage, version, sha256, size, file_name, received_at, late, days_late, valid, result_json, errors_json, actor)
      VALUES (?, ?, 2026, 'final', 1, ?, 1, 'a.xlsx', '2026-11-01T00:00:00.000Z', 0, 0, 1, ?, '[]', 'test')`).run(submissionId, unitId, '0'.repeat(64), JSON.stringify(RESULT));
    old.prepare("INSERT INTO reviews (submission_id, state, note, by, at) VALUES (?, 'has-issues', 'Thiếu biên bản họp', 'cán bộ', '2026-11-02T00:00:00.000Z')").run(submissionId);
    old.close();

    const store = await SqliteStore.open(dir);
    try {
      const [kept] = await store.listSubmissions({ unitId });
      expect(kept).toMatchObject({ id: submissionId, version: 1, review: { state: 'has-issues', note: 'Thiếu biên bản họp' } });
      expect(await store.reviewsSeen([submissionId])).toEqual(new Map());

      const seen = (at: string) => store.markReviewsSeen([submissionId], unitId, { by: 'Sở Tư pháp', at: new Date(at), action: 'review-seen', detail: (n) => `${n}` });
      expect(await seen('2026-11-03T00:00:00.000Z')).toBe(1);
      expect(await seen('2026-11-04T00:00:00.000Z')).toBe(0);
      expect((await store.reviewsSeen([submissionId])).get(submissionId)).toEqual(new Date('2026-11-03T00:00:00.000Z'));
      expect((await store.audit({ unitId })).filter((e) => e.action === 'review-seen')).toHaveLength(1);

      // A new review is a new note: not seen until the unit opens its page again.
      await store.addReview({ submissionId, state: 'approved', note: '' }, unitId, { by: 'cán bộ', at: new Date('2026-11-05T00:00:00Z'), action: 'review', detail: 'x' });
      expect(await store.reviewsSeen([submissionId])).toEqual(new Map());

      const publication = (published: boolean, at: string) =>
        store.setAppraisalPublished(unitId, 2026, published, { by: 'cán bộ', at: new Date(at), action: 'appraisal-publication', detail: 'x' });
      expect(await store.appraisalPublications(2026)).toEqual(new Map());
      await publication(true, '2026-12-01T00:00:00.000Z');
      expect((await store.appraisalPublications(2026, unitId)).get(unitId)).toEqual(new Date('2026-12-01T00:00:00.000Z'));
      await publication(false, '2026-12-02T00:00:00.000Z');
      expect(await store.appraisalPublications(2026)).toEqual(new Map());
      expect(await store.appraisalPublications(2027)).toEqual(new Map());
    } finally {
      await store.close();
    }
  });
});
