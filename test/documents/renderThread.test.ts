/**
 * The document thread (server/documents/renderThread.ts) with the built worker: the same document
 * as filling the template here, the same error for a broken province template, and the document
 * still made when there is no worker or the worker dies. The rehearsal it fills while the files
 * are read (rehearsal.ts) has the real báo cáo's shape and fills the shipped template; the thread
 * loads neither the error catalogue nor zod.
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
import { startDocumentThread } from '../../server/documents/renderThread';
import { REHEARSAL_UNITS, rehearsalData } from '../../server/documents/rehearsal';
import { reportData } from '../../server/documents/data';
import { defaultDocumentSettings } from '../../shared/documents/settings';
import { registry } from '../consolidation/fixtures';
import { generateUnitsResponse } from '../console/fixtures';

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
  it('fills the template as this thread does', async () => {
    const thread = startDocumentThread({ workerFile: WORKER, prepare: { name: 'bao-cao' } });
    try {
      const [a, b] = await Promise.all([thread.render('bao-cao', DATA), thread.render('bao-cao', { ...DATA, year: 2027 })]);
      expect(documentXml(a)).toBe(documentXml(renderDocument('bao-cao', DATA)));
      expect(documentXml(a)).toContain('Xã Tân Hòa (chờ duyệt)');
      expect(documentXml(b)).toContain('2027');
      expect(thread.filledHere).toBe(0);
    } finally {
      await thread.close();
    }
  });

  it("throws the template error naming the province's file, as filling it here does", async () => {
    const own = path.join(dir, 'data', 'templates');
    await mkdir(own, { recursive: true });
    const zip = new PizZip(await readFile(templatePath('bao-cao')));
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{intro}', '{intro'));
    await writeFile(path.join(own, 'bao-cao.docx'), zip.generate({ type: 'nodebuffer' }));
    const thread = startDocumentThread({ workerFile: WORKER, prepare: { name: 'bao-cao', dataDir: path.join(dir, 'data') } });
    try {
      const error = await thread.render('bao-cao', DATA, path.join(dir, 'data')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('template-invalid');
      expect((error as AppError).message).toContain(path.join(own, 'bao-cao.docx'));
      // The worker failed it; the error is the one made here.
      expect(thread.filledHere).toBe(1);
    } finally {
      await thread.close();
    }
  });

  it('without a compiled worker, or when the worker dies, fills the document in this thread', async () => {
    const expected = documentXml(renderDocument('bao-cao', DATA));
    const none = startDocumentThread({ workerFile: path.join(dir, 'no-such-worker.js') });
    expect(documentXml(await none.render('bao-cao', DATA))).toBe(expected);
    expect(none.filledHere).toBe(1);
    await none.close();

    const dying = path.join(dir, 'dying-worker.js');
    // Takes the request and dies without answering.
    await writeFile(dying, "require('node:worker_threads').parentPort.once('message', () => process.exit(3));\n");
    const thread = startDocumentThread({ workerFile: dying });
    try {
      expect(documentXml(await thread.render('bao-cao', DATA))).toBe(expected);
      // Once it is gone, later documents are filled here too.
      expect(documentXml(await thread.render('bao-cao', DATA))).toBe(expected);
      expect(thread.filledHere).toBe(2);
    } finally {
      await thread.close();
    }
  });
});

describe('the rehearsal of the document thread', () => {
  it('has the fields of a real báo cáo, each of the same kind, and fills the shipped template with its units', async () => {
    const response = await generateUnitsResponse(40, { seed: 5 });
    const real = reportData({ response, settings: defaultDocumentSettings(), sets: registry, today: new Date(Date.UTC(2026, 10, 30, 3)), includePending: true });
    const made = rehearsalData('bao-cao')!;
    const kinds = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? 'array' : typeof v]));
    expect(kinds(made)).toEqual(kinds(real));
    const realUnit = real.sections.flatMap((s) => s.units)[0]!;
    expect(kinds(made.sections[0]!.units[0]!)).toEqual(kinds(realUnit));

    const xml = documentXml(renderDocument('bao-cao', made));
    expect(xml).toContain(`Đơn vị ${REHEARSAL_UNITS}<`);
    expect(xml.match(/<w:tr[ >]/gu)!.length).toBeGreaterThan(REHEARSAL_UNITS);
    expect(rehearsalData('quyet-dinh')).toBeUndefined();
  });

  it('is filled by a thread that loads neither the error catalogue nor zod', async () => {
    // The built worker, started as renderThread.ts starts it (it rehearses at once), then asked what it loaded.
    const probe = new Worker(`require(${JSON.stringify(WORKER)}); require('node:worker_threads').parentPort.postMessage(Object.keys(require.cache));`, {
      eval: true, workerData: { prepare: { name: 'bao-cao', dataDir: undefined, rehearse: true } },
    });
    try {
      const [modules] = (await once(probe, 'message')) as [string[]];
      expect(modules).toContain(WORKER);
      expect(modules.some((m) => m.endsWith(path.join('documents', 'rehearsal.js')))).toBe(true);
      expect(modules.some((m) => m.includes(`${path.sep}docxtemplater${path.sep}`))).toBe(true);
      expect(modules.some((m) => m.includes(`${path.sep}zod${path.sep}`))).toBe(false);
      expect(modules.some((m) => m.endsWith(path.join('app', 'errors.js')))).toBe(false);
    } finally {
      await probe.terminate();
    }
  });
});
