/**
 * The offline reading in several threads (readInParallel, server/export/offline.ts) with the
 * built helper: whichever thread reads a file, the results are those of reading every file here,
 * in the same order; a helper that dies or cannot start leaves its files to this thread.
 */
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInParallel, defaultHelpers } from '../../server/export/offline';
import type { FoundFile } from '../../shared/consolidation/fromFiles';
import { makeWorkbookBytes } from '../support/workbooks';
import { coQuan, fillFor, registry, xaSet } from '../consolidation/fixtures';

const HELPER = path.resolve(__dirname, '../../dist/server/export/offlineReader.js');
let dir: string;
const files: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dh-offline-parallel-'));
  const put = async (name: string, bytes: Buffer | string, day: number) => {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    await utimes(file, new Date(Date.UTC(2026, 10, day, 2)), new Date(Date.UTC(2026, 10, day, 2)));
    files.push(file);
  };
  for (let i = 1; i <= 24; i++) {
    const set = i % 4 === 0 ? xaSet : coQuan;
    await put(`don-vi-${i}.xlsx`, await makeWorkbookBytes(set, fillFor(set, `Đơn vị số ${i}`, set === xaSet ? 'Xã' : 'Cơ quan', i % 3 === 0 && set === coQuan ? { 1: 3.5 } : {})), 1 + (i % 28));
  }
  await put('hong.xlsx', 'đây không phải là tệp Excel', 3);
  await put('sai-diem.xlsx', await makeWorkbookBytes(coQuan, fillFor(coQuan, 'Sở Nội vụ', 'Cơ quan', { 2: 'bốn' })), 4);
}, 120_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const alone = () => readInParallel(files, registry, { helpers: 0 });

describe('offline reading in several threads', () => {
  it('gives every file the result of reading it here, in the same order, however the files were shared', async () => {
    const expected = await alone();
    expect(expected.map((f) => path.basename(f.path))).toEqual(files.map((f) => path.basename(f)));
    expect(expected.filter((f) => f.result.ok)).toHaveLength(24);
    const progress: number[] = [];
    const found = await readInParallel(files, registry, { helpers: 2, helperFile: HELPER, onProgress: (done) => progress.push(done) });
    expect(found).toEqual(expected);
    expect(found.every((f: FoundFile) => f.mtime instanceof Date)).toBe(true);
    // Every file counted once.
    expect(progress).toEqual(files.map((_, i) => i + 1));
    // Every file read by the helpers (here nothing is read unless they fail).
    expect(await readInParallel(files, registry, { helpers: 2, helperFile: HELPER, readHere: false })).toEqual(expected);
  }, 120_000);

  it('reads here what a helper took and never sent (it died), and everything when no helper can start', async () => {
    const expected = await alone();
    const dying = path.join(dir, 'dying-helper.js');
    // Takes three files and dies without sending them.
    await writeFile(dying, "const { workerData } = require('node:worker_threads'); const c = new Int32Array(workerData.next); Atomics.add(c, 0, 3); process.exit(3);\n");
    expect(await readInParallel(files, registry, { helpers: 1, helperFile: dying, readHere: false })).toEqual(expected);
    expect(await readInParallel(files, registry, { helpers: 2, helperFile: path.join(dir, 'no-such-helper.js') })).toEqual(expected);
  }, 120_000);

  it('starts no helper for a few files, one per core beyond the first for many', () => {
    expect(defaultHelpers(10)).toBe(0);
    expect(defaultHelpers(100_000)).toBeLessThanOrEqual(3);
  });
});
