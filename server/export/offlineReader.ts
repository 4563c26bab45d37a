/**
 * A helper thread of the offline consolidation (readInParallel in offline.ts): it takes the next
 * file not yet taken by any thread, reads it with the same bounded reader, and sends what it
 * found back in small batches, until every file is taken.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FoundFile } from '../../shared/consolidation/fromFiles';
import { createRegistry } from '../../shared/criteria/load';
import type { CriteriaSet } from '../../shared/criteria/schema';
import { inProcessReader, readOne, type HelperData, type HelperMessage } from './offline';

/** Files sent together: fewer messages, and the main thread still shows progress as they come. */
const BATCH = 16;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the offline reader started outside a worker thread');
  const data = workerData as HelperData;
  const reader = inProcessReader(createRegistry(data.sets as CriteriaSet[]));
  const counter = new Int32Array(data.next);
  let batch: [number, FoundFile][] = [];
  for (let index = Atomics.add(counter, 0, 1); index < data.files.length; index = Atomics.add(counter, 0, 1)) {
    batch.push([index, await readOne(data.files[index]!, reader)]);
    if (batch.length >= BATCH) {
      port.postMessage({ found: batch } satisfies HelperMessage);
      batch = [];
    }
  }
  if (batch.length > 0) port.postMessage({ found: batch } satisfies HelperMessage);
}

void main();
