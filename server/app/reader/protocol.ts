/** Messages between the reader pool and its workers. */
import type { CheckResult } from '../../../shared/workbook/check';

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
}

export type WorkerReply = { id: number; ok: true; result: CheckResult } | { id: number; ok: false; message: string };
