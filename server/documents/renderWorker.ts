/**
 * The worker of renderThread.ts, long-lived: loads docxtemplater at once, then fills each
 * template it is sent (template.ts, as `renderDocument` does), one after another in the order
 * asked, and sends the bytes back; on an error it says only that it failed (the calling thread
 * fills the document again and throws the error with its Vietnamese message). A `prepare`
 * message opens and compiles a template ahead of the document that will fill it. It loads
 * template.ts only: not the error catalogue, the API schemas or zod, which are a fifth of a
 * thread's start-up.
 */
import { parentPort } from 'node:worker_threads';
import { docxLibraries, fillTemplate, openTemplate, type OpenedTemplate } from './template';
import type { RenderReply, ThreadRequest } from './renderThread';

const port = parentPort;
if (!port) throw new Error('the document worker started outside a worker thread');
docxLibraries();
/** The template a caller said it will fill next, read and compiled ahead (a compiled template fills once). */
let prepared: OpenedTemplate | undefined;

function opened(name: OpenedTemplate['name'], dataDir: string | undefined): OpenedTemplate {
  const ready = prepared;
  prepared = undefined;
  return ready && ready.name === name && ready.dataDir === dataDir ? ready : openTemplate(name, dataDir);
}

port.on('message', (request: ThreadRequest) => {
  if (request.kind === 'prepare') {
    try {
      prepared = openTemplate(request.name, request.dataDir);
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
