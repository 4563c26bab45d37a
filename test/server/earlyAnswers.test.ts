/**
 * An answer a person must read, sent before the upload's body is read to its end (401, 413, 415),
 * must reach a sender that is still sending; a flood's 429 closes the connection unread instead.
 * The real `serve` over loopback, spoken to on a raw socket so that the order is certain. The
 * client sends part of a 3 MB body, reads the answer, sends the rest, then asks for /api/health
 * on the same connection. A server that closes the connection with
 * bytes unread (it resets it: browsers and undici then report a network error, not the answer)
 * fails the second half; one that stops reading without closing leaves the sender waiting
 * (the test times out).
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readlinkSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../shared/api/schemas';
import { importUnits, issueUnitTokens } from '../../server/app/units';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { coQuan, reopenThisYear, tempDir, XLSX } from './support/harness';
import { startServe, type ServeProcess } from './support/serveProcess';

const BODY = 3 * 1024 * 1024;
const CHUNK = 64 * 1024;

interface Answer {
  status: number;
  /** The status line and headers. */
  head: string;
  body: string;
}

/** Reads HTTP/1.1 answers (with Content-Length) from a socket, one after another. */
function answers(socket: Socket): () => Promise<Answer> {
  let buffered = Buffer.alloc(0);
  let wake: (() => void) | undefined;
  let ended = false;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    wake?.();
  });
  const stop = () => {
    ended = true;
    wake?.();
  };
  socket.on('end', stop);
  socket.on('close', stop);
  socket.on('error', stop);
  return async () => {
    for (;;) {
      const headEnd = buffered.indexOf('\r\n\r\n');
      if (headEnd >= 0) {
        const head = buffered.subarray(0, headEnd).toString('latin1');
        const length = Number(/^content-length:\s*(\d+)/imu.exec(head)?.[1] ?? 0);
        if (buffered.length >= headEnd + 4 + length) {
          const body = buffered.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
          buffered = buffered.subarray(headEnd + 4 + length);
          return { status: Number(head.split(' ')[1]), head, body };
        }
      }
      if (ended) throw new Error('the connection closed before an answer');
      await new Promise<void>((resolve) => { wake = resolve; });
      wake = undefined;
    }
  };
}

/** Writes one chunk, waiting for the socket to take it; false when the connection is gone. */
function send(socket: Socket, bytes: Buffer | string): Promise<boolean> {
  if (socket.destroyed || socket.writableEnded) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => socket.write(bytes, (error) => resolve(!error)));
}

/**
 * Sends `head` and then `body` in chunks (chunked transfer coding when `chunked`) until the answer
 * has come and all of the body is sent; then GET /api/health on the same connection.
 */
async function uploadThenHealth(url: string, head: string, body: Buffer, chunked = false): Promise<{ first: Answer; bodySent: boolean; health: Answer | undefined }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  const next = answers(socket);
  let first: Answer | undefined;
  const firstAnswer = next().then((a) => { first = a; }, () => undefined);
  let bodySent = await send(socket, head);
  for (let at = 0; at < body.length && bodySent; at += CHUNK) {
    const piece = body.subarray(at, at + CHUNK);
    bodySent = await send(socket, chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece);
  }
  if (chunked && bodySent) bodySent = await send(socket, '0\r\n\r\n');
  await firstAnswer;
  let health: Answer | undefined;
  if (bodySent && (await send(socket, `GET /api/health HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`))) health = await next().catch(() => undefined);
  socket.destroy();
  if (!first) throw new Error('no answer to the upload');
  return { first, bodySent, health };
}

/** The files under `folder` that process `pid` has open (Linux: /proc/<pid>/fd). */
function openTempFiles(pid: number, folder: string): string[] {
  const fds = path.join('/proc', String(pid), 'fd');
  return readdirSync(fds).flatMap((fd) => {
    try {
      const target = readlinkSync(path.join(fds, fd));
      return target.startsWith(folder) ? [target] : [];
    } catch {
      return []; // closed meanwhile
    }
  });
}

const requestHead = (headers: Record<string, string>): string =>
  `POST /api/submissions HTTP/1.1\r\nHost: localhost\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;

describe('an answer before the body is read', () => {
  let s: ServeProcess;
  let token = '';
  let dir = '';
  beforeAll(async () => {
    dir = tempDir();
    const store = await SqliteStore.open(dir);
    try {
      const ctx = { store, now: () => new Date() };
      await importUnits(ctx, [coQuan('Cơ quan gửi tệp lớn')], 'test');
      const issued = await issueUnitTokens(ctx, 'test');
      await reopenThisYear(store, issued.map((t) => t.unitId));
      token = issued[0]!.token;
    } finally {
      await store.close();
    }
    s = await startServe(['--http', '--data', dir, '--max-upload-mb', '1', '--uploads-per-token', '1']);
  });
  afterAll(async () => {
    await s.stop('SIGKILL');
  });

  const body = randomBytes(BODY);
  const expectAnswered = (result: Awaited<ReturnType<typeof uploadThenHealth>>, status: number, code: string) => {
    expect(result.first.status).toBe(status);
    expect(apiErrorSchema.parse(JSON.parse(result.first.body)).error.code).toBe(code);
    // The rest of the body was taken, and the connection still serves.
    expect(result.bodySent).toBe(true);
    expect(result.health?.status).toBe(200);
  };

  it('401: an unknown token', async () => {
    const result = await uploadThenHealth(s.url, requestHead({ Authorization: 'Bearer khong-co', 'Content-Type': XLSX, 'Content-Length': String(BODY) }), body);
    expectAnswered(result, 401, 'unauthorized');
  });

  it('413: a declared length over the limit', async () => {
    const result = await uploadThenHealth(s.url, requestHead({ Authorization: `Bearer ${token}`, 'Content-Type': XLSX, 'Content-Length': String(BODY) }), body);
    expectAnswered(result, 413, 'payload-too-large');
  });

  it('413: past the limit partway through a body of no declared length, and through a gzip body', async () => {
    const chunked = await uploadThenHealth(s.url, requestHead({ Authorization: `Bearer ${token}`, 'Content-Type': XLSX, 'Transfer-Encoding': 'chunked' }), body, true);
    expectAnswered(chunked, 413, 'payload-too-large');
    // 3 MB of random bytes compressed: still about 3 MB, its declared length under no limit of its own.
    const gzipped = gzipSync(body);
    const gzip = await uploadThenHealth(s.url, requestHead({ Authorization: `Bearer ${token}`, 'Content-Type': XLSX, 'Content-Encoding': 'gzip', 'Transfer-Encoding': 'chunked' }), gzipped, true);
    expectAnswered(gzip, 413, 'payload-too-large');
  });

  it('415: not a workbook', async () => {
    const result = await uploadThenHealth(s.url, requestHead({ Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain', 'Content-Length': String(BODY) }), body);
    expectAnswered(result, 415, 'unsupported-media-type');
  });

  it('429, a second upload while the token has one in progress: answered, then the connection closes unread', async () => {
    const { hostname, port } = new URL(s.url);
    // The first upload holds the token's only slot: its body is under way.
    const holder = connect(Number(port), hostname);
    await once(holder, 'connect');
    const held = answers(holder);
    await send(holder, requestHead({ Authorization: `Bearer ${token}`, 'Content-Type': XLSX, 'Content-Length': String(CHUNK * 2) }));
    await send(holder, body.subarray(0, CHUNK));
    try {
      let result = await uploadThenHealth(s.url, requestHead({ Authorization: `Bearer ${token}`, 'Content-Type': XLSX, 'Content-Length': String(BODY) }), body);
      // The holder's body may still be on its way to the server's handler: ask again until the slot is seen as taken.
      for (let i = 0; i < 20 && result.first.status !== 429; i++) {
        result = await uploadThenHealth(s.url, requestHead({ Authorization: `Bearer ${token}`, 'Content-Type': XLSX, 'Content-Length': String(BODY) }), body);
      }
      expect(apiErrorSchema.parse(JSON.parse(result.first.body)).error.code).toBe('too-many-uploads');
      expect(result.first.head).toMatch(/^connection: close$/imu);
      // The server closed the connection: nothing more is answered on it.
      expect(result.health).toBeUndefined();
      // The holder finishes: not a workbook, refused for what it is, not for the flood.
      await send(holder, body.subarray(CHUNK, CHUNK * 2));
      expect((await held()).status).toBe(422);
    } finally {
      holder.destroy();
    }
  });

  it.runIf(process.platform === 'linux')('a sender that goes away mid-body leaves no temp file, open or not, and the service goes on', async () => {
    const { hostname, port } = new URL(s.url);
    const sender = connect(Number(port), hostname);
    await once(sender, 'connect');
    await send(sender, requestHead({ Authorization: `Bearer ${token}`, 'Content-Type': XLSX, 'Content-Length': String(900 * 1024) }));
    await send(sender, body.subarray(0, 512 * 1024));
    const temp = path.join(dir, 'files', '.tmp');
    // The body's temp file exists while it is received…
    for (let i = 0; i < 100 && readdirSync(temp).length === 0; i++) await sleep(20);
    expect(readdirSync(temp)).toHaveLength(1);
    sender.destroy();
    // …and is removed when the sender is gone, and closed: no descriptor of the service is left on it.
    for (let i = 0; i < 100 && (readdirSync(temp).length > 0 || openTempFiles(s.child.pid!, temp).length > 0); i++) await sleep(20);
    expect(readdirSync(temp)).toEqual([]);
    expect(openTempFiles(s.child.pid!, temp)).toEqual([]);
    const health = await fetch(`${s.url}/api/health`);
    expect(health.status).toBe(200);
  });
});
