/**
 * Intake under abuse and faults (issue 15), each with real processes: the real `serve` from
 * dist/ over loopback on real SQLite files, `kill -9`, a second process holding SQLite's write
 * lock, a tiny tmpfs for a full disk and a read-only remount (those two only where this process
 * may mount, as root in the test container).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { receiptSchema } from '../../shared/api/schemas';
import { auditActionLabel, intakeGuardText } from '../../server/app/messages';
import { importUnits, issueUnitTokens } from '../../server/app/units';
import { ReadQueue } from '../../server/app/readQueue';
import type { ReadOutcome, WorkbookReader } from '../../server/app/reader/pool';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { coQuan, reopenThisYear, tempDir, workbookFor, XLSX } from './support/harness';
import { runCli, startServe, type ServeProcess } from './support/serveProcess';

const running: ServeProcess[] = [];
afterAll(async () => {
  for (const serve of running.splice(0)) await serve.stop('SIGKILL');
});

/** A data folder with units, their tokens, and intake reopened for this year (the real clock). */
async function dataFolder(unitNames: string[], dir = tempDir()): Promise<{ dir: string; tokens: Map<string, string>; ids: Map<string, string> }> {
  const store = await SqliteStore.open(dir);
  try {
    const ctx = { store, now: () => new Date() };
    await importUnits(ctx, unitNames.map((n) => coQuan(n)), 'test');
    const issued = await issueUnitTokens(ctx, 'test');
    await reopenThisYear(store, issued.map((t) => t.unitId));
    return { dir, tokens: new Map(issued.map((t) => [t.name, t.token])), ids: new Map(issued.map((t) => [t.name, t.unitId])) };
  } finally {
    await store.close();
  }
}

async function serve(args: string[]): Promise<ServeProcess & { adminToken: string }> {
  const s = await startServe(['--http', ...args]);
  running.push(s);
  return Object.assign(s, { adminToken: /^admin token: (\S+)$/mu.exec(s.out())?.[1] ?? '' });
}

async function post(url: string, token: string, body: Uint8Array, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/submissions`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': XLSX, ...headers }, body: new Uint8Array(body),
  });
  return { status: res.status, body: await res.json() as { error?: { code: string; message: string; receipt?: unknown } } & Record<string, unknown> };
}

/** Bytes of every stored file under files/ (not the temp folder). */
function storedBytes(dir: string): number {
  const files = path.join(dir, 'files');
  let total = 0;
  for (const sub of readdirSync(files)) {
    if (!/^[0-9a-f]{2}$/u.test(sub)) continue;
    for (const name of readdirSync(path.join(files, sub))) total += statSync(path.join(files, sub, name)).size;
  }
  return total;
}

const canMount = (() => {
  const probe = tempDir();
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]).status === 0;
  if (mounted) spawnSync('umount', [probe]);
  return mounted;
})();

describe('1. refused files: a byte quota per unit', () => {
  it('keeps refused files up to the quota, then only their hash, size and errors, and says so', async () => {
    const { dir, tokens } = await dataFolder(['Cơ quan ồn ào']);
    const s = await serve(['--data', dir, '--refused-quota-mb', '1']);
    const token = tokens.get('Cơ quan ồn ào')!;
    const answers = [];
    // Five different 400 KB bodies that are not workbooks: room for two under 1 MB.
    for (let i = 0; i < 5; i++) answers.push(await post(s.url, token, randomBytes(400 * 1024)));
    expect(answers.map((a) => a.status)).toEqual([422, 422, 422, 422, 422]);
    expect(answers.slice(0, 2).every((a) => !/hạn mức/u.test(a.body.error!.message))).toBe(true);
    expect(answers.slice(2).every((a) => /không được lưu lại vì đơn vị đã dùng hết hạn mức 1 MB/u.test(a.body.error!.message))).toBe(true);
    expect(storedBytes(dir)).toBeLessThanOrEqual(1024 * 1024);
    // The row stays for the audit trail; its file cannot be downloaded, and says why.
    const notKept = receiptSchema.parse(answers[4]!.body.error!.receipt);
    const download = await fetch(`${s.url}/api/submissions/${notKept.submissionId}/file`, { headers: { Authorization: `Bearer ${s.adminToken}` } });
    expect(download.status).toBe(410);
    expect(((await download.json()) as { error: { code: string } }).error.code).toBe('file-not-kept');
    await s.stop();
    const store = await SqliteStore.open(dir);
    try {
      const rows = await store.listSubmissions({});
      expect(rows.map((r) => r.fileKept)).toEqual([true, true, false, false, false]);
      expect(rows.every((r) => r.size === 400 * 1024 && r.errors.length > 0)).toBe(true);
      expect(await store.submissionsMissingFiles()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('2. one token cannot starve the others', () => {
  it('answers a token over its uploads at once with 429 unread, while another unit is served', async () => {
    const { dir, tokens } = await dataFolder(['Cơ quan tràn', 'Cơ quan khác']);
    const s = await serve(['--data', dir]);
    // A 429 closes the connection with the body unread: a flooding sender may see it reset
    // (fetch fails) rather than read the answer; that counts as refused too.
    const flood = Array.from({ length: 30 }, () => post(s.url, tokens.get('Cơ quan tràn')!, randomBytes(2 * 1024 * 1024)).catch(() => 'reset' as const));
    const other = await post(s.url, tokens.get('Cơ quan khác')!, await workbookFor('Cơ quan khác'));
    const flooded = await Promise.all(flood);
    expect(other.status).toBe(201);
    const answered = flooded.filter((a) => a !== 'reset');
    const limited = answered.filter((a) => a.status === 429);
    expect(flooded.length - answered.length + limited.length).toBeGreaterThanOrEqual(30 - 4 * 2);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((a) => a.body.error!.code === 'too-many-uploads')).toBe(true);
    // Nothing of the flood was taken as a submission: at most the uploads in progress were read and refused (not workbooks).
    expect(answered.every((a) => a.status === 429 || a.status === 422)).toBe(true);
    // Nothing of the refused bodies is left in the temp folder.
    expect(readdirSync(path.join(dir, 'files', '.tmp'))).toEqual([]);
  }, 60_000);

  it('reads files in turn across senders and bounds the bytes waiting (the queue holds paths, not bodies)', async () => {
    const dir = tempDir();
    const started: string[] = [];
    const release: (() => void)[] = [];
    const reader: WorkbookReader = {
      timeoutMs: 1000,
      read: (bytes) => new Promise<ReadOutcome>((resolve) => {
        started.push(bytes.toString('utf8'));
        release.push(() => resolve({ ok: false, reason: 'failed', detail: 'test' }));
      }),
      close: async () => undefined,
    };
    const queue = new ReadQueue(reader, { concurrency: 1, maxQueuedBytes: 8 });
    const file = (name: string) => {
      writeFileSync(path.join(dir, name), name);
      return path.join(dir, name);
    };
    // a1 is read at once; a2…a4 and b1 wait (8 bytes); c1 would pass the bound.
    const reads = ['a1', 'a2', 'a3', 'a4', 'b1'].map((name) => queue.read(name[0]!, file(name), 2));
    await expect(queue.read('c', file('c1'), 2)).rejects.toMatchObject({ code: 'busy' });
    for (let i = 0; i < 5; i++) {
      while (release.length === 0) await new Promise((r) => setImmediate(r));
      release.shift()!();
    }
    await Promise.all(reads);
    // Senders take turns: b's one file does not wait behind all of a's.
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
    expect(queue.bytesWaiting).toBe(0);
  });
});

describe('3. the running server holds its data folder', () => {
  it('refuses a second serve in Vietnamese; other commands leave its temp files alone; kill -9 frees the folder', async () => {
    const { dir } = await dataFolder(['Cơ quan A']);
    const first = await serve(['--data', dir]);
    const second = await runCli(['serve', '--http', '--port', '0', '--data', dir]);
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toMatch(/^Thư mục dữ liệu ".*" đang được một máy chủ dien-hinh khác sử dụng\./u);
    // A body being received by the server, as its temp file.
    const inFlight = path.join(dir, 'files', '.tmp', `${first.child.pid}-0123abcd`);
    writeFileSync(inFlight, 'half a body');
    expect((await runCli(['units', 'list', '--data', dir])).code).toBe(0);
    expect((await runCli(['admin-token', '--label', 'Cán bộ B', '--data', dir])).code).toBe(0);
    expect((await runCli(['backup', '--data', dir, '--out', path.join(tempDir(), 'copy')])).code).toBe(0);
    expect((await runCli(['verify', '--data', dir])).code).toBe(0);
    expect(existsSync(inFlight)).toBe(true);
    await first.stop('SIGKILL');
    // The OS dropped the lock with the process; the next server sweeps what the dead one left.
    const again = await serve(['--data', dir]);
    expect(again.out()).toMatch(/đang chạy tại/u);
    expect(existsSync(inFlight)).toBe(false);
    await again.stop();
  }, 90_000);
});

describe('4. another process holding the write lock', () => {
  it('makes uploads wait within the busy timeout instead of failing', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `Cơ quan chờ ${i + 1}`);
    const { dir, tokens } = await dataFolder(names);
    const s = await serve(['--data', dir]);
    const files = await Promise.all(names.map((n) => workbookFor(n)));
    // A second process takes SQLite's write lock and keeps it for 1.5 s (the server waits up to 5 s).
    const holder = spawn(process.execPath, ['-e', `
      const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Database(${JSON.stringify(path.join(dir, 'dien-hinh.sqlite'))});
      db.exec('BEGIN IMMEDIATE');
      db.prepare("INSERT INTO audit_log (at, actor, action, unit_id, detail) VALUES ('x', 'holder', 'test', NULL, 'write lock')").run();
      process.stdout.write('held\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1500);
    `]);
    await once(holder.stdout, 'data');
    const answers = await Promise.all(names.map((n, i) => post(s.url, tokens.get(n)!, files[i]!)));
    expect(answers.map((a) => a.status)).toEqual(names.map(() => 201));
    if (holder.exitCode === null) await once(holder, 'exit');
  }, 60_000);
});

describe('5. backup, restore, verify', () => {
  it('backs up everything the folder holds, restores it, verifies hashes and sweeps orphans', async () => {
    const { dir, tokens } = await dataFolder(['Cơ quan lưu']);
    // What else a data folder holds: the province's criteria sets, settings, templates.
    const ownSet = readFileSync(path.join(__dirname, '..', '..', 'shared', 'criteria', 'sets', 'dien-hinh-co-quan-du-thao.json'));
    mkdirSync(path.join(dir, 'criteria'));
    writeFileSync(path.join(dir, 'criteria', 'bo-cua-tinh.json'), ownSet);
    mkdirSync(path.join(dir, 'templates'));
    writeFileSync(path.join(dir, 'templates', 'to-trinh.docx'), 'template bytes');
    writeFileSync(path.join(dir, 'settings.json'), '{"issuingBody":"CÔNG AN TỈNH"}');
    const s = await serve(['--data', dir]);
    const accepted = await post(s.url, tokens.get('Cơ quan lưu')!, await workbookFor('Cơ quan lưu'));
    expect(accepted.status).toBe(201);
    const out = path.join(tempDir(), 'backup');
    const backup = await runCli(['backup', '--data', dir, '--out', out]);
    expect(backup.code).toBe(0);
    // Restore refuses a folder in use or not empty.
    const busy = await runCli(['restore', '--from', out, '--data', dir]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/đang chạy/u);
    await s.stop();

    const restored = path.join(tempDir(), 'restored');
    const restore = await runCli(['restore', '--from', out, '--data', restored]);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/toàn vẹn/u);
    expect(readFileSync(path.join(restored, 'criteria', 'bo-cua-tinh.json'))).toEqual(ownSet);
    expect(readFileSync(path.join(restored, 'templates', 'to-trinh.docx'), 'utf8')).toBe('template bytes');
    expect(existsSync(path.join(restored, 'settings.json'))).toBe(true);
    const receipt = receiptSchema.parse(accepted.body);
    const stored = path.join(restored, 'files', receipt.sha256.slice(0, 2), `${receipt.sha256}.xlsx`);
    expect(existsSync(stored)).toBe(true);

    // An orphan (a file no row points at) is listed, and swept; a changed file is reported.
    const orphan = 'ab'.repeat(32);
    mkdirSync(path.join(restored, 'files', 'ab'), { recursive: true });
    writeFileSync(path.join(restored, 'files', 'ab', `${orphan}.xlsx`), 'orphan');
    const listed = await runCli(['verify', '--data', restored]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(orphan);
    const young = await runCli(['verify', '--data', restored, '--sweep']);
    expect(young.stdout).toMatch(/Đã xoá 0 tệp thừa/u);
    const swept = await runCli(['verify', '--data', restored, '--sweep', '--min-age-hours', '0']);
    expect(swept.stdout).toMatch(/Đã xoá 1 tệp thừa/u);
    expect(existsSync(path.join(restored, 'files', 'ab', `${orphan}.xlsx`))).toBe(false);
    writeFileSync(stored, 'tampered');
    const damaged = await runCli(['verify', '--data', restored]);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(/HỎNG tệp/u);
  }, 90_000);
});

describe('6. failed sign-ins per address', () => {
  it('answers 429 after the limit, for every token from that address, and audits each failure with the address', async () => {
    const { dir } = await dataFolder(['Cơ quan A']);
    const s = await serve(['--data', dir, '--sign-in-failures', '5']);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${s.url}/api/units`, { headers: { Authorization: `Bearer fake-${randomUUID()}` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const real = await fetch(`${s.url}/api/units`, { headers: { Authorization: `Bearer ${s.adminToken}` } });
    expect(real.status).toBe(429);
    expect(((await real.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'sign-in-limited' });
    expect(Number(real.headers.get('retry-after'))).toBeGreaterThan(0);
    await s.stop();
    const store = await SqliteStore.open(dir);
    try {
      const failures = (await store.audit({})).filter((e) => e.action.startsWith('sign-in'));
      expect(failures).toHaveLength(5);
      expect(failures.every((e) => e.detail.includes('127.0.0.1') && e.actor.includes('127.0.0.1'))).toBe(true);
      // As the console's Nhật ký (GET /api/audit's actionLabel) names them, newest first.
      expect(failures.map((e) => auditActionLabel(e.action))).toEqual([
        'Tạm khoá đăng nhập sau nhiều lần sai mã', ...Array<string>(4).fill('Đăng nhập sai mã'),
      ]);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('7 and 8. headers and faults', () => {
  it('serves the console over HTTP without upgrade-insecure-requests; a bad gzip body is 400 and leaves nothing', async () => {
    const { dir, tokens } = await dataFolder(['Cơ quan nén']);
    const s = await serve(['--data', dir]);
    const page = await fetch(`${s.url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/u);
    expect(csp).not.toMatch(/upgrade-insecure-requests/u);
    const token = tokens.get('Cơ quan nén')!;
    const broken = gzipSync(randomBytes(64 * 1024)).subarray(0, 2000);
    const bad = await post(s.url, token, broken, { 'Content-Encoding': 'gzip' });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toMatch(/bị hỏng nên không giải nén được/u);
    const good = await post(s.url, token, gzipSync(await workbookFor('Cơ quan nén')), { 'Content-Encoding': 'gzip' });
    expect(good.status).toBe(201);
    expect(readdirSync(path.join(dir, 'files', '.tmp'))).toEqual([]);
  }, 60_000);

  it.skipIf(!canMount)('answers a full disk with 507 in Vietnamese and leaves no temp file', async () => {
    const dir = tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir]);
    try {
      await dataFolder(['Cơ quan đầy'], dir);
      const s = await serve(['--data', dir]);
      const full = await post(s.url, s.adminToken, randomBytes(4 * 1024 * 1024 - 1));
      expect(full.status).toBe(507);
      expect(full.body.error).toMatchObject({ code: 'storage-full' });
      expect(full.body.error!.message).toMatch(/Ổ đĩa của máy chủ đã đầy/u);
      expect(readdirSync(path.join(dir, 'files', '.tmp'))).toEqual([]);
      await s.stop();
    } finally {
      spawnSync('umount', ['-l', dir]);
    }
  }, 60_000);

  it.skipIf(!canMount)('reports not ok in /api/health on a read-only folder, and a start there prints one Vietnamese line', async () => {
    const { dir } = await dataFolder(['Cơ quan A']);
    try {
      const s = await serve(['--data', dir]);
      expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
      // The folder becomes read-only under the running server (a read-only bind mount over it).
      execFileSync('mount', ['--bind', dir, dir]);
      execFileSync('mount', ['-o', 'remount,bind,ro', dir]);
      const health = await fetch(`${s.url}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, problem: intakeGuardText.healthReadOnly });
      await s.stop();
      const start = await runCli(['serve', '--http', '--port', '0', '--data', dir]);
      expect(start.code).toBe(1);
      const lines = start.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Không ghi được vào thư mục dữ liệu/u);
    } finally {
      spawnSync('umount', ['-l', dir]);
    }
  }, 60_000);
});

describe('Idempotency-Key', () => {
  it('answers a repeat with the first receipt (200) whatever the bytes; concurrent repeats make one submission', async () => {
    const { dir, tokens } = await dataFolder(['Cơ quan thử lại']);
    const s = await serve(['--data', dir]);
    const token = tokens.get('Cơ quan thử lại')!;
    const key = randomUUID();
    const first = await post(s.url, token, await workbookFor('Cơ quan thử lại'), { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    // Office can hand different bytes for an unchanged workbook: still the first receipt.
    const again = await post(s.url, token, await workbookFor('Cơ quan thử lại', { scores: { 1: 0 } }), { 'Idempotency-Key': key });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ submissionId: first.body.submissionId, duplicate: true });

    const other = randomUUID();
    const files = await Promise.all([1, 2, 3].map((v) => workbookFor('Cơ quan thử lại', { scores: { 2: v } })));
    const together = await Promise.all(files.map((f) => post(s.url, token, f, { 'Idempotency-Key': other })));
    expect(new Set(together.map((a) => a.body.submissionId)).size).toBe(1);
    expect(together.filter((a) => a.status === 201)).toHaveLength(1);
    const bad = await post(s.url, token, files[0]!, { 'Idempotency-Key': 'has a space' });
    expect(bad.status).toBe(400);
    await s.stop();
    const store = await SqliteStore.open(dir);
    try {
      expect((await store.listSubmissions({})).map((r) => r.version)).toEqual([1, 2]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
