/**
 * A worker thread that reads workbooks, one at a time, with the fast bounded reader. It runs
 * under `resourceLimits` set by the pool: a hostile file that exhausts its heap kills this worker
 * (ERR_WORKER_OUT_OF_MEMORY), never the server.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRegistry } from '../../../shared/criteria/load';
import type { CriteriaSet } from '../../../shared/criteria/schema';
import { checkWorkbookBytes, type ReadLimits } from '../../xlsx/readWorkbook';
import type { WorkerReady, WorkerReply, WorkerRequest } from './protocol';

interface Data {
  sets: CriteriaSet[];
  limits: Partial<ReadLimits>;
}

const data = workerData as Data;
const registry = createRegistry(data.sets);
const port = parentPort;
if (!port) throw new Error('reader worker started outside a worker thread');

port.on('message', (request: WorkerRequest) => {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  checkWorkbookBytes(bytes, registry, data.limits).then(
    (result) => port.postMessage({ id: request.id, ok: true, result } satisfies WorkerReply),
    (error: unknown) => port.postMessage({
      id: request.id, ok: false, message: error instanceof Error ? error.stack ?? error.message : String(error),
    } satisfies WorkerReply),
  );
});

port.postMessage({ ready: true } satisfies WorkerReady);
