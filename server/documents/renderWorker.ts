/**
 * The worker of renderThread.ts: loads docxtemplater at once (and opens the template it was told
 * it will fill, and rehearses filling it: see rehearse), then fills each template it is sent
 * (template.ts, as `renderDocument` does) and sends the bytes back; on an error it says only that
 * it failed (the main thread fills the document again and throws the error with its Vietnamese
 * message). It loads template.ts and rehearsal.ts only: not the error catalogue, the API schemas
 * or zod, which are a fifth of a thread's start-up.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { docxLibraries, fillTemplate, openTemplate, type OpenedTemplate, type TemplateName } from './template';
import { rehearsalData } from './rehearsal';
import type { RenderReply, RenderRequest, ThreadData } from './renderThread';

const port = parentPort;
if (!port) throw new Error('the document worker started outside a worker thread');
docxLibraries();
/** The template the thread was told it will fill, read and compiled while the files are read. */
let prepared: OpenedTemplate | undefined;
const { prepare } = (workerData ?? {}) as ThreadData;
if (prepare) {
  try {
    prepared = openTemplate(prepare.name, prepare.dataDir);
  } catch {
    // Opened again when asked for, and its error reported then.
  }
  if (prepare.rehearse) rehearse(prepare.name, prepare.dataDir);
}

/**
 * Fills a copy of the template with made-up data of the same shape and throws it away, while the
 * main thread is still reading the workbooks: the real fill then runs optimised code (half the
 * time for 1,000 units). Whatever fails here fails again, and is reported, in the real fill.
 */
function rehearse(name: TemplateName, dataDir: string | undefined): void {
  const data = prepared ? rehearsalData(name) : undefined;
  if (!data) return;
  try {
    fillTemplate(openTemplate(name, dataDir), data);
  } catch {
    // See above: the real fill reports it.
  }
}

function opened(request: RenderRequest): OpenedTemplate {
  const ready = prepared;
  prepared = undefined;
  return ready && ready.name === request.name && ready.dataDir === request.dataDir ? ready : openTemplate(request.name, request.dataDir);
}

port.on('message', (request: RenderRequest) => {
  let reply: RenderReply;
  try {
    reply = { id: request.id, ok: true, bytes: fillTemplate(opened(request), request.data) };
  } catch {
    reply = { id: request.id, ok: false };
  }
  port.postMessage(reply);
});
