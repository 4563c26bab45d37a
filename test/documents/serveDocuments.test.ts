/**
 * The server's Word documents through the document thread, on the real `serve` process (from
 * dist/, over loopback): while a document is being filled, the event loop answers other requests;
 * a broken province template gives the same error as filling it in the calling thread.
 *
 * Without timing: the province's báo cáo template is a named pipe (FIFO), so the fill of the
 * document starts (the template is opened for reading, which this test sees as its own opening of
 * the pipe for writing completing) and then waits, mid-fill, until this test writes the
 * template. Filled on the event loop, the server would answer nothing meanwhile; filled in the
 * document thread, /api/health answers, and only then does the test let the fill finish.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocument } from '../../server/documents/render';
import { templatePath } from '../../server/documents/template';
import { ensureBuilt } from '../cli/build';
import { tempDir } from '../server/support/harness';
import { startServe, type ServeProcess } from '../server/support/serveProcess';

let dataDir: string;
let templates: string;
let serve: ServeProcess;
let admin: Record<string, string>;
/** The writing end of the FIFO template, while a test holds the fill waiting. */
let pipe: FileHandle | undefined;

/** The error filling template `name` from `dataDir` in this thread throws (what the server said before the thread). */
function errorHere(name: 'bao-cao' | 'to-trinh'): string {
  try {
    renderDocument(name, {}, dataDir);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`the template ${name} filled without an error`);
}

beforeAll(async () => {
  ensureBuilt();
  dataDir = tempDir('dien-hinh-serve-documents-');
  templates = path.join(dataDir, 'templates');
  mkdirSync(templates, { recursive: true });
  serve = await startServe(['--http', '--data', dataDir]);
  const token = /^admin token: (\S+)$/mu.exec(serve.out())?.[1];
  if (!token) throw new Error(`no admin token printed: ${serve.out()}`);
  admin = { Authorization: `Bearer ${token}` };
}, 600_000);

afterAll(async () => {
  // Should a test have failed with the fill still waiting, let it end so that the server can stop.
  await pipe?.close();
  await serve?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Asks for the báo cáo with its template the FIFO `fifo`, and once the server has begun to fill it
 * (opened the template), asks for /api/health; writes the template only when that has answered.
 */
async function fillWhileHeld(fifo: string): Promise<void> {
  const arrived: string[] = [];
  const document = fetch(`${serve.url}/api/documents/bao-cao.docx?year=2026`, { headers: admin }).then(async (res) => {
    const bytes = Buffer.from(await res.arrayBuffer());
    arrived.push('document');
    return { status: res.status, type: res.headers.get('content-type'), bytes };
  });
  // Resolves once the server has opened the template for reading: the fill has begun.
  pipe = await open(fifo, 'w');
  const health = fetch(`${serve.url}/api/health`).then(async (res) => {
    await res.arrayBuffer();
    arrived.push('health');
    return res.status;
  });
  // Filled on the event loop, the health check could never answer while the template is
  // held: after a generous while the template is written anyway, so that such a server fails
  // this test by the order of the answers rather than by a hang.
  let giveUp: NodeJS.Timeout | undefined;
  await Promise.race([health, new Promise((resolve) => { giveUp = setTimeout(resolve, 20_000); })]);
  clearTimeout(giveUp);
  await pipe.writeFile(readFileSync(templatePath('bao-cao')));
  await pipe.close();
  pipe = undefined;
  expect(await health).toBe(200);
  const made = await document;
  expect(made.status).toBe(200);
  expect(made.type).toContain('wordprocessingml.document');
  expect(new PizZip(made.bytes).file('word/document.xml')!.asText()).toContain('2026');
  expect(arrived).toEqual(['health', 'document']);
}

describe('the server fills documents in the document thread', () => {
  it('answers other requests while a document is being filled', async () => {
    const fifo = path.join(templates, 'bao-cao.docx');
    execFileSync('mkfifo', [fifo]);
    try {
      await fillWhileHeld(fifo);
    } finally {
      // Never left for a later test to open (a FIFO blocks whoever reads or writes it).
      rmSync(fifo, { force: true });
    }
  }, 60_000);

  it("gives the same error for a province's broken or unreadable template as filling it here, and the thread goes on", async () => {
    // Tags broken in Word: the tờ trình's first tag left unclosed.
    const zip = new PizZip(readFileSync(templatePath('to-trinh')));
    const xml = zip.file('word/document.xml')!.asText();
    const tag = /\{[a-zA-Z]+\}/u.exec(xml)![0];
    zip.file('word/document.xml', xml.replace(tag, tag.slice(0, -1)));
    writeFileSync(path.join(templates, 'to-trinh.docx'), zip.generate({ type: 'nodebuffer' }));
    // Not a .docx at all.
    writeFileSync(path.join(templates, 'bao-cao.docx'), 'không phải tệp Word');

    for (const [name, url] of [['to-trinh', '/api/documents/to-trinh.docx?year=2026'], ['bao-cao', '/api/documents/bao-cao.docx?year=2026']] as const) {
      const res = await fetch(`${serve.url}${url}`, { headers: admin });
      expect(res.status).toBe(500);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('template-invalid');
      expect(body.error.message).toContain(path.join(templates, `${name}.docx`));
      expect(body.error.message).toBe(errorHere(name));
    }

    // Back to the shipped templates: the same server makes both documents.
    rmSync(path.join(templates, 'to-trinh.docx'));
    rmSync(path.join(templates, 'bao-cao.docx'));
    for (const url of ['/api/documents/to-trinh.docx?year=2026', '/api/documents/bao-cao.docx?year=2026']) {
      const res = await fetch(`${serve.url}${url}`, { headers: admin });
      expect(res.status).toBe(200);
      expect(new PizZip(Buffer.from(await res.arrayBuffer())).file('word/document.xml')).not.toBeNull();
    }
  }, 60_000);
});
