/**
 * The error catalogue (server/app/errors.ts): every error a user or client can see is one entry
 * with its code, status and Vietnamese message, thrown by name, and reaches the wire in the shape
 * the console, the portal and the add-in read (`apiErrorSchema`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../shared/api/schemas';
import { AppError, ERROR_CODES, problems, statusOf } from '../../server/app/errors';
import { errorHandler } from '../../server/http/errors';
import { StoreFailedError } from '../../server/store/store';

const ROOT = path.resolve(__dirname, '../..');
/** Letters only Vietnamese writes: a message in English or without its diacritics has none. */
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/u.test(entry.name) ? [full] : [];
  });
}

/** Arguments of the right kinds for a message function: a stage, a count, a name. */
const SAMPLE_ARGS: Record<string, unknown[]> = {
  locked: ['final', 2026, '31/12/2026', 2026],
  outputNotWritten: ['/tmp/chua-tao/tong-hop.xlsx', 'ENOENT'],
  invalidFields: [['Trường "year" không hợp lệ: nhập năm.']],
  payloadTooLarge: [20 * 1024 * 1024],
  tooManyUploads: [4],
  signInLimited: [15],
  workbookInvalid: [3, true, ''],
  appraisalInvalid: [2],
  unitNamedAmbiguous: ['Sở Tư pháp', ['CQ-001', 'CQ-002']],
  unitAmbiguous: ['Sở Tư pháp', 2],
  documentSettingsInvalid: [2026, 'baoCao.number: bắt buộc'],
};

/** An HTTP path or method a person cannot act on ("POST /api/units"). */
const HTTP_PATH = /\/api\/|\b(?:GET|POST|PUT|DELETE|PATCH) \//u;

describe('the error catalogue', () => {
  const entries = Object.entries(problems);

  it('every entry has a known code, that code\'s 4xx/5xx status and a Vietnamese message', () => {
    for (const [name, problem] of entries) {
      expect(ERROR_CODES, name).toContain(problem.code);
      expect(problem.status, name).toBe(statusOf(problem.code));
      expect(problem.status >= 400 && problem.status < 600, name).toBe(true);
      const args = SAMPLE_ARGS[name] ?? Array.from({ length: problem.message.length }, (_, i) => (i === 0 ? 'Sở Tư pháp' : 2));
      const message = (problem.message as (...values: unknown[]) => string)(...args);
      expect(typeof message, name).toBe('string');
      expect(message, name).toMatch(VIETNAMESE);
      expect(message, name).not.toMatch(/undefined|NaN|\[object/u);
      // People read these (an officer, a unit, whoever runs the CLI): no HTTP method or path.
      expect(message, name).not.toMatch(HTTP_PATH);
    }
  });

  it('every code is some entry\'s, and every error is thrown by name: no AppError is made outside the catalogue', () => {
    const used = new Set(entries.map(([, p]) => p.code));
    expect(ERROR_CODES.filter((code) => !used.has(code))).toEqual([]);
    const offenders = sources(path.join(ROOT, 'server'))
      .filter((file) => !file.endsWith(path.join('app', 'errors.ts')))
      .filter((file) => /new AppError\(/u.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
    // Every entry a source names exists (the compiler checks this too; this catches `problems[name]`).
    const throwers = sources(path.join(ROOT, 'server')).map((file) => readFileSync(file, 'utf8')).filter((text) => /import \{[^}]*\bproblems\b[^}]*\} from '[./]+(app\/)?errors'/u.test(text));
    expect(throwers.length).toBeGreaterThan(20);
    const named = new Set(throwers.flatMap((text) => [...text.matchAll(/\bproblems\.(\w+)\(/gu)].map((m) => m[1]!)));
    expect([...named].filter((name) => !(name in problems))).toEqual([]);
  });

  it('an entry makes an AppError with its name, code, status, message and typed details', () => {
    const details = [{ sheet: 'Chấm điểm', cell: 'F5', message: 'Điểm vượt mức tối đa.' }];
    const error = problems.appraisalInvalid(1, { details });
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ problem: 'appraisalInvalid', code: 'appraisal-invalid', status: 422, details, message: problems.appraisalInvalid.message(1) });
    expect(problems.tokenMissing()).toMatchObject({ problem: 'tokenMissing', code: 'unauthorized', status: 401, details: undefined });
  });

  it('reaches the wire as { error: { code, message, details } } with the entry\'s status', async () => {
    const app = express();
    app.get('/khoa', () => { throw problems.locked('final', 2026, '31/12/2026', 2026); });
    app.get('/tham-dinh', () => { throw problems.appraisalInvalid(1, { details: [{ sheet: 'Điểm thẩm định', cell: '', message: '"99" không phải là số thứ tự một tiêu chí của bộ tiêu chí này.' }] }); });
    app.get('/loi', () => { throw new Error('boom'); });
    app.get('/o-dia', () => { throw new StoreFailedError(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })); });
    app.use(errorHandler(1024));
    const locked = await request(app).get('/khoa');
    expect(locked.status).toBe(423);
    expect(apiErrorSchema.parse(locked.body)).toEqual({ error: { code: 'locked', message: problems.locked.message('final', 2026, '31/12/2026', 2026) } });
    const appraisal = await request(app).get('/tham-dinh');
    expect(appraisal.status).toBe(422);
    expect(apiErrorSchema.parse(appraisal.body).error).toMatchObject({ code: 'appraisal-invalid', details: [{ sheet: 'Điểm thẩm định', cell: '' }] });
    const crash = await request(app).get('/loi');
    expect(crash.status).toBe(500);
    expect(crash.body).toEqual({ error: { code: 'internal', message: problems.internal.message() } });
    // A store stopped by a failed fsync: the sender is told the file was not taken and what to do.
    const stopped = await request(app).get('/o-dia');
    expect(stopped.status).toBe(503);
    expect(stopped.body).toEqual({ error: { code: 'storage-failed', message: problems.storageFailed.message() } });
  });
});
