/** GET /api/sets/:id: the full criteria set the console's review panel reads titles from. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../shared/api/schemas';
import { criteriaSetSchema } from '../../shared/criteria/schema';
import { CO_QUAN_SET, startTestService, type TestService } from '../server/support/harness';

let service: TestService;
beforeAll(async () => { service = await startTestService(); });
afterAll(async () => { await service.close(); });

describe('GET /api/sets/:id', () => {
  it('answers the set in full, criterion titles included', async () => {
    const res = await request(service.app).get(`/api/sets/${CO_QUAN_SET.id}?version=${encodeURIComponent(CO_QUAN_SET.version)}`)
      .set('Authorization', `Bearer ${service.adminToken}`);
    expect(res.status).toBe(200);
    const set = criteriaSetSchema.parse(res.body);
    expect(set).toEqual(CO_QUAN_SET);
    expect(set.criteria.find((c) => c.number === 5)?.title).toBe(CO_QUAN_SET.criteria.find((c) => c.number === 5)?.title);
  });

  it('answers the set without a version too', async () => {
    const res = await request(service.app).get(`/api/sets/${CO_QUAN_SET.id}`).set('Authorization', `Bearer ${service.adminToken}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(CO_QUAN_SET.id);
  });

  it('says in Vietnamese when the set or version is unknown', async () => {
    const res = await request(service.app).get(`/api/sets/${CO_QUAN_SET.id}?version=9.9`).set('Authorization', `Bearer ${service.adminToken}`);
    expect(res.status).toBe(404);
    const error = apiErrorSchema.parse(res.body).error;
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('phiên bản "9.9"');
  });

  it('needs a token', async () => {
    const res = await request(service.app).get(`/api/sets/${CO_QUAN_SET.id}`);
    expect(res.status).toBe(401);
  });
});
