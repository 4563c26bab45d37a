/** Messages between the reader pool and its workers. */
import type { CheckResult } from '../../../shared/workbook/checkResult';

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
}

export type WorkerReply = { id: number; ok: true; result: CheckResult } | { id: number; ok: false; message: string };

/** Sent once by a worker when its code and the criteria sets are loaded. */
export interface WorkerReady {
  ready: true;
}
