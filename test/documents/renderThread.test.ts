/**
 * The document thread (server/documents/renderThread.ts) with the built worker: the same document
 * as filling the template here, several at once queued in one thread, the same error for a
 * broken province template, and the document still made when there is no worker or the worker
 * dies; a template prepared ahead is not used once its file changed; a dead thread is replaced
 * for later documents, a thread that keeps dying is given up; a closed thread starts again; the
 * thread loads neither the error catalogue nor zod.
 */
import { once } from 'node:events';
import { mkdtemp, rm, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../server/app/errors';
import { renderDocument } from '../../server/documents/render';
import { templatePath } from '../../server/documents/template';
import { createDocumentThread, GIVE_UP_AFTER } from '../../server/documents/renderThread';

const WORKER = path.resolve(__dirname, '../../dist/server/documents/renderWorker.js');
let dir: string;

/** A báo cáo's data by hand: two sections, a unit waiting for review, a value with a line break. */
const DATA = {
  issuingBody: 'CÔNG AN TỈNH ĐỒNG THÁP', year: 2026, intro: 'Dòng một\nDòng hai',
  sections: [
    { title: '1. Cơ quan', units: [{ no: 1, name: 'Sở Y tế', pending: false, pendingMark: '', kind: 'Cơ quan', parent: 'Phường 1', result: '95/100 điểm', timing: 'Đúng hạn' }] },
    { title: '2. Xã', units: [{ no: 2, name: 'Xã Tân Hòa', pending: true, pendingMark: ' (chờ duyệt)', kind: 'Xã', parent: 'Đồng Tháp', result: 'Đạt 6/6 tiêu chí', timing: 'Muộn 3 ngày' }] },
  ],
};

const documentXml = (bytes: Buffer) => new PizZip(bytes).file('word/document.xml')!.asText();

beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'dh-render-thread-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('the document thread', () => {
  it('fills the template as this thread does, several documents at once queued in the one thread', async () => {
    const thread = createDocumentThread({ workerFile: WORKER });
    try {
      thread.prepare('bao-cao');
      const years = [2026, 2027, 2028, 2029, 2030];
      const made = await Promise.all(years.map((year) => thread.render('bao-cao', { ...DATA, year })));
      expect(documentXml(made[0]!)).toBe(documentXml(renderDocument('bao-cao', DATA)));
      expect(documentXml(made[0]!)).toContain('Xã Tân Hòa (chờ duyệt)');
      made.forEach((bytes, i) => expect(documentXml(bytes)).toBe(documentXml(renderDocument('bao-cao', { ...DATA, year: years[i] }))));
      // Another template after them, in the same thread.
      const slips = await thread.render('slips', { issuingBody: 'CÔNG AN TỈNH ĐỒNG THÁP', slips: [] });
      expect(documentXml(slips)).toBe(documentXml(renderDocument('slips', { issuingBody: 'CÔNG AN TỈNH ĐỒNG THÁP', slips: [] })));
      expect(thread.filledHere).toBe(0);
    } finally {
      await thread.close();
    }
  });

  it("throws the template error naming the province's file, as filling it here does, and goes on filling the next", async () => {
    const data = path.join(dir, 'data');
    const own = path.join(data, 'templates');
    await mkdir(own, { recursive: true });
    const zip = new PizZip(await readFile(templatePath('bao-cao')));
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{intro}', '{intro'));
    await writeFile(path.join(own, 'bao-cao.docx'), zip.generate({ type: 'nodebuffer' }));
    const thread = createDocumentThread({ workerFile: WORKER });
    try {
      thread.prepare('bao-cao', data);
      const error = await thread.render('bao-cao', DATA, data).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('template-invalid');
      expect((error as AppError).message).toContain(path.join(own, 'bao-cao.docx'));
      expect((error as AppError).message).toBe((() => { try { renderDocument('bao-cao', DATA, data); } catch (e) { return (e as Error).message; } return ''; })());
      // The worker failed it; the error is the one made here.
      expect(thread.filledHere).toBe(1);
      // The thread is well: the shipped template is filled there.
      expect(documentXml(await thread.render('bao-cao', DATA))).toBe(documentXml(renderDocument('bao-cao', DATA)));
      expect(thread.filledHere).toBe(1);
    } finally {
      await thread.close();
    }
  });

  it('uses a template prepared ahead only while its file is unchanged', async () => {
    const data = path.join(dir, 'edited');
    const own = path.join(data, 'templates', 'bao-cao.docx');
    await mkdir(path.dirname(own), { recursive: true });
    const version = async (mark: string) => {
      const zip = new PizZip(await readFile(templatePath('bao-cao')));
      zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{intro}', `${mark} {intro}`));
      await writeFile(own, zip.generate({ type: 'nodebuffer' }));
    };
    await version('Bản một');
    const thread = createDocumentThread({ workerFile: WORKER });
    try {
      thread.prepare('bao-cao', data);
      // Another document first: once it is back, the báo cáo's template has been prepared (messages are taken in order).
      await thread.render('slips', { issuingBody: 'CÔNG AN TỈNH ĐỒNG THÁP', slips: [] });
      await version('Bản hai có sửa');
      const xml = documentXml(await thread.render('bao-cao', DATA, data));
      expect(xml).toContain('Bản hai có sửa');
      expect(xml).not.toContain('Bản một');
      // Prepared and unchanged: the same document as filling it here.
      thread.prepare('bao-cao', data);
      expect(documentXml(await thread.render('bao-cao', DATA, data))).toBe(documentXml(renderDocument('bao-cao', DATA, data)));
      expect(thread.filledHere).toBe(0);
    } finally {
      await thread.close();
    }
  });

  it('without a compiled worker fills the document in this thread', async () => {
    const none = createDocumentThread({ workerFile: path.join(dir, 'no-such-worker.js') });
    expect(documentXml(await none.render('bao-cao', DATA))).toBe(documentXml(renderDocument('bao-cao', DATA)));
    expect(none.filledHere).toBe(1);
    await none.close();
  });

  it('fills here the document of a thread that died, and starts another thread for the next one', async () => {
    const expected = documentXml(renderDocument('bao-cao', DATA));
    const marker = path.join(dir, 'died-once');
    const diesOnce = path.join(dir, 'dies-once-worker.js');
    // The first thread takes the request and dies without answering; the next is the real worker.
    await writeFile(diesOnce, [
      "const fs = require('node:fs');",
      `if (fs.existsSync(${JSON.stringify(marker)})) require(${JSON.stringify(WORKER)});`,
      `else { fs.writeFileSync(${JSON.stringify(marker)}, ''); require('node:worker_threads').parentPort.once('message', () => process.exit(3)); }`,
    ].join('\n'));
    const thread = createDocumentThread({ workerFile: diesOnce });
    try {
      expect(documentXml(await thread.render('bao-cao', DATA))).toBe(expected);
      expect(thread.filledHere).toBe(1);
      expect(documentXml(await thread.render('bao-cao', DATA))).toBe(expected);
      // Filled by the second thread.
      expect(thread.filledHere).toBe(1);
    } finally {
      await thread.close();
    }
  });

  it(`gives up starting threads after ${GIVE_UP_AFTER} deaths in a row, and still makes every document`, async () => {
    const expected = documentXml(renderDocument('bao-cao', DATA));
    const starts = path.join(dir, 'starts.txt');
    const dying = path.join(dir, 'dying-worker.js');
    // Counts its starts, takes the request and dies without answering.
    await writeFile(dying, `require('node:fs').appendFileSync(${JSON.stringify(starts)}, 'x'); require('node:worker_threads').parentPort.once('message', () => process.exit(3));\n`);
    const thread = createDocumentThread({ workerFile: dying });
    try {
      for (let i = 0; i < GIVE_UP_AFTER + 2; i++) expect(documentXml(await thread.render('bao-cao', DATA))).toBe(expected);
      expect(thread.filledHere).toBe(GIVE_UP_AFTER + 2);
      expect(await readFile(starts, 'utf8')).toBe('x'.repeat(GIVE_UP_AFTER));
    } finally {
      await thread.close();
    }
  });

  it('fills here the documents waiting when it is closed, and starts again for a later one', async () => {
    const thread = createDocumentThread({ workerFile: WORKER });
    const waiting = [thread.render('bao-cao', DATA), thread.render('bao-cao', { ...DATA, year: 2027 })];
    await thread.close();
    const [a, b] = await Promise.all(waiting);
    expect(documentXml(a!)).toBe(documentXml(renderDocument('bao-cao', DATA)));
    expect(documentXml(b!)).toContain('2027');
    const before = thread.filledHere;
    expect(documentXml(await thread.render('bao-cao', DATA))).toBe(documentXml(renderDocument('bao-cao', DATA)));
    expect(thread.filledHere).toBe(before);
    await thread.close();
  });

  it('loads neither the error catalogue nor zod', async () => {
    // The built worker, started as renderThread.ts starts it, then asked what it loaded.
    const probe = new Worker(`require(${JSON.stringify(WORKER)}); require('node:worker_threads').parentPort.postMessage(Object.keys(require.cache));`, { eval: true });
    try {
      const [modules] = (await once(probe, 'message')) as [string[]];
      expect(modules).toContain(WORKER);
      expect(modules.some((m) => m.includes(`${path.sep}docxtemplater${path.sep}`))).toBe(true);
      expect(modules.some((m) => m.includes(`${path.sep}zod${path.sep}`))).toBe(false);
      expect(modules.some((m) => m.endsWith(path.join('app', 'errors.js')))).toBe(false);
    } finally {
      await probe.terminate();
    }
  });
});
