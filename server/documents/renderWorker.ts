/**
 * The worker of renderThread.ts: loads docxtemplater at once, then fills each template it is sent
 * with `renderDocument` and sends the bytes back; on an error it says only that it failed (the
 * main thread fills the document again and throws the error with its Vietnamese message).
 */
import { parentPort } from 'node:worker_threads';
import { docxLibraries, renderDocument } from './render';
import type { RenderReply, RenderRequest } from './renderThread';

const port = parentPort;
if (!port) throw new Error('the document worker started outside a worker thread');
docxLibraries();
port.on('message', (request: RenderRequest) => {
  let reply: RenderReply;
  try {
    reply = { id: request.id, ok: true, bytes: renderDocument(request.name, request.data, request.dataDir) };
  } catch {
    reply = { id: request.id, ok: false };
  }
  port.postMessage(reply);
});
