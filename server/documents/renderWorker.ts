/**
 * The worker of renderThread.ts: loads docxtemplater at once (and opens the template it was told
 * it will fill), then fills each template it is sent
 * with `renderDocument` and sends the bytes back; on an error it says only that it failed (the
 * main thread fills the document again and throws the error with its Vietnamese message).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { docxLibraries, fillTemplate, openTemplate, type OpenedTemplate } from './render';
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
