/**
 * The worker of renderThread.ts, long-lived: loads docxtemplater at once, then fills each
 * template it is sent (template.ts, as `renderDocument` does), one after another in the order
 * asked, and sends the bytes back; on an error it says only that it failed (the calling thread
 * fills the document again and throws the error with its Vietnamese message). A `prepare`
 * message opens and compiles a template ahead of the document that will fill it (used only if its
 * file is unchanged by then). It loads
 * template.ts only: not the error catalogue, the API schemas or zod, which are a fifth of a
 * thread's start-up.
 */
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { docxLibraries, fillTemplate, openTemplate, templatePath, type OpenedTemplate, type TemplateName } from './template';
import type { RenderReply, ThreadRequest } from './renderThread';

const port = parentPort;
if (!port) throw new Error('the document worker started outside a worker thread');
docxLibraries();
/**
 * The template a caller said it will fill next, read and compiled ahead (a compiled template
 * fills once), with the file it was read from as it was then: used only while that is unchanged.
 */
let prepared: { template: OpenedTemplate; file: string } | undefined;

/** Which file template `name` is read from now, and its modification time and size. */
function fileOf(name: TemplateName, dataDir: string | undefined): string {
  const file = templatePath(name, dataDir);
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? `${file}\n${stat.mtimeMs}\n${stat.size}` : file;
}

/**
 * The template to fill: the one prepared ahead when it is this one and its file has not changed
 * since (a province may replace its template in between: another file, or the same edited),
 * else opened now.
 */
function opened(name: TemplateName, dataDir: string | undefined): OpenedTemplate {
  const ready = prepared;
  if (ready && ready.template.name === name && ready.template.dataDir === dataDir) {
    prepared = undefined;
    if (ready.file === fileOf(name, dataDir)) return ready.template;
  }
  return openTemplate(name, dataDir);
}

port.on('message', (request: ThreadRequest) => {
  if (request.kind === 'prepare') {
    try {
      const template = openTemplate(request.name, request.dataDir);
      // Time and size taken after the read, not before: the check is for a later replacement of
      // the file, and a named pipe (test/documents/serveDocuments.test.ts) changes its time as it
      // is written, so taken before, it would never match and the fill would open the pipe again.
      prepared = { template, file: fileOf(request.name, request.dataDir) };
    } catch {
      // Opened again when the document asks for it, and its error reported then.
      prepared = undefined;
    }
    return;
  }
  let reply: RenderReply;
  try {
    reply = { id: request.id, ok: true, bytes: fillTemplate(opened(request.name, request.dataDir), request.data) };
  } catch {
    reply = { id: request.id, ok: false };
  }
  // The bytes' memory is handed over rather than copied when they own all of it (a report of a national year is megabytes).
  const bytes = reply.ok ? reply.bytes : undefined;
  const whole = bytes !== undefined && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  port.postMessage(reply, whole ? [bytes.buffer as ArrayBuffer] : []);
});
