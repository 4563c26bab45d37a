/**
 * The flooding unit of the intake bench's abuse phase (test/bench/intake.ts), run in a worker
 * thread: `connections` connections send different random bodies of `bodyBytes` under one unit
 * token without pause until the parent posts "stop", then it posts back what it sent and the
 * statuses it got.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { post } from './upload';

export interface FloodSetup { url: string; token: string; connections: number; bodyBytes: number }
export interface FloodReport { floodSent: number; floodStatuses: Record<number, number> }

async function flood(setup: FloodSetup, port: NonNullable<typeof parentPort>): Promise<void> {
  let flooding = true;
  port.once('message', () => { flooding = false; });
  const agent = new http.Agent({ keepAlive: true, maxSockets: setup.connections });
  const noise = randomBytes(setup.bodyBytes);
  const report: FloodReport = { floodSent: 0, floodStatuses: {} };
  await Promise.all(Array.from({ length: setup.connections }, async () => {
    while (flooding) {
      const body = Buffer.from(noise);
      randomBytes(32).copy(body);
      report.floodSent++;
      // A connection the server cuts counts as status 0.
      const res = await post(agent, setup.url, setup.token, body).catch(() => ({ status: 0 }));
      report.floodStatuses[res.status] = (report.floodStatuses[res.status] ?? 0) + 1;
    }
  }));
  agent.destroy();
  port.postMessage(report);
}

if (parentPort) void flood(workerData as FloodSetup, parentPort);
