/**
 * The pieces around the routes: settings from flags and variables, file names in and out, logs
 * that never hold a token, and HTTPS with a certificate.
 */
import { execFileSync } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../server/cli/command';
import { SERVE_OPTIONS, serveConfig as configFromValues } from '../../server/config/config';
import { cleanFileName, contentDisposition, decodeFileNameHeader } from '../../server/http/fileNames';
import { bearer, coQuan, startTestService, tempDir, workbookFor, XLSX } from './support/harness';
import { startServe } from './support/serveProcess';

/** `dien-hinh serve`'s arguments as the command reads them: the shared parser, then the settings. */
function serveConfig(args: string[], env: NodeJS.ProcessEnv) {
  const parsed = parseOptions(SERVE_OPTIONS, args, env);
  return parsed.ok ? configFromValues(parsed.value.values, env) : { ok: false as const, error: parsed.error };
}

describe('settings', () => {
  it('reads flags before variables, and refuses bad values in Vietnamese', () => {
    const env = { DIEN_HINH_DATA: '/tmp/du-lieu', PORT: '4000', DIEN_HINH_RATE_LIMIT: '50', DIEN_HINH_CORS_ORIGINS: 'https://a.example, https://b.example' };
    const fromEnv = serveConfig(['--http'], env);
    expect(fromEnv.ok && fromEnv.value).toMatchObject({
      dataDir: '/tmp/du-lieu', port: 4000, rateLimitPerMinute: 50, tls: undefined, corsOrigins: ['https://a.example', 'https://b.example'],
      maxUploadBytes: 20 * 1024 * 1024, host: '127.0.0.1',
    });
    const flags = serveConfig(['--http', '--port', '5000', '--data', 'x', '--max-upload-mb', '5', '--cors-origin', 'https://c.example'], env);
    expect(flags.ok && flags.value).toMatchObject({ port: 5000, dataDir: path.resolve('x'), maxUploadBytes: 5 * 1024 * 1024, corsOrigins: ['https://c.example', 'https://a.example', 'https://b.example'] });
    const defaults = serveConfig(['--http'], {});
    expect(defaults.ok && defaults.value).toMatchObject({ port: 3000, corsOrigins: ['https://localhost:3000'], rateLimitPerMinute: 600 });

    const bad = serveConfig(['--port', 'abc', '--http'], {});
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/--port phải là số nguyên từ 0 đến 65535/u);
    const unknown = serveConfig(['--prot', '1'], {});
    expect(!unknown.ok && unknown.error).toBe('lệnh này không có tuỳ chọn "--prot".');
    const noCert = serveConfig(['--https', '--cert', '/khong/co.crt', '--key', '/khong/co.key'], {});
    expect(!noCert.ok && noCert.error).toMatch(/Không tìm thấy chứng chỉ HTTPS/u);
  });
});

describe('file names', () => {
  it('decodes percent-encoded and RFC 5987 headers, and reduces names to a safe base name', () => {
    const name = 'Bảng chấm điểm – Vĩnh Thuận.xlsx';
    expect(decodeFileNameHeader(encodeURIComponent(name))).toBe(name);
    expect(decodeFileNameHeader(`UTF-8''${encodeURIComponent(name)}`)).toBe(name);
    expect(decodeFileNameHeader('100%.xlsx')).toBe('100%.xlsx');
    expect(decodeFileNameHeader(undefined)).toBeUndefined();
    expect(cleanFileName('../../etc/passwd')).toBe('passwd.xlsx');
    // Bidi and other format characters go (U+202E would show "exe.xlsx" for "xlsx.exe"); the stored extension is .xlsx.
    expect(cleanFileName(decodeFileNameHeader('%E2%80%AEslx.exe'))).toBe('slx.xlsx');
    expect(cleanFileName('b\u200Fá\u2066o\u2069 cáo.XLSX')).toBe('báo cáo.xlsx');
    expect(cleanFileName('Đợt 6.2026')).toBe('Đợt 6.2026.xlsx');
    expect(cleanFileName('bang.xls')).toBe('bang.xlsx');
    expect(cleanFileName('C:\\Users\\Lan\\..\\bang.xlsx')).toBe('bang.xlsx');
    expect(cleanFileName('..')).toBe('bang-tu-cham-diem.xlsx');
    expect(cleanFileName('a\u0000b\r\n.xlsx')).toBe('ab.xlsx');
    expect(cleanFileName(name.normalize('NFD'))).toBe(name);
    expect(contentDisposition('báo "cáo".xlsx')).toBe(`attachment; filename="bao _cao_.xlsx"; filename*=UTF-8''b%C3%A1o%20%22c%C3%A1o%22.xlsx`);
  });
});

/** A header as curl sends `-H 'X-File-Name: Bảng….xlsx'`: the name's UTF-8 bytes, which Node reads back one latin1 character each. */
const rawUtf8Header = (name: string) => Buffer.from(name, 'utf8').toString('latin1');

describe('X-File-Name sent as raw UTF-8', () => {
  it('is read as UTF-8; percent-encoded as before; bytes that are no UTF-8 as they came', () => {
    const name = 'Bảng chấm điểm Mê Kông.xlsx';
    expect(decodeFileNameHeader(rawUtf8Header(name))).toBe(name);
    // Raw, a % is only a character: "100%" is not an escape, nor is "%41".
    expect(decodeFileNameHeader(rawUtf8Header('Đạt 100% – %41.xlsx'))).toBe('Đạt 100% – %41.xlsx');
    expect(decodeFileNameHeader(`UTF-8''${rawUtf8Header(name)}`)).toBe(name);
    expect(decodeFileNameHeader(encodeURIComponent(name))).toBe(name);
    expect(decodeFileNameHeader('bang-cham-diem.xlsx')).toBe('bang-cham-diem.xlsx');
    // Not UTF-8 (a latin1 sender's "Báo cáo"): kept as the characters Node read, as before.
    expect(decodeFileNameHeader('B\u00E1o c\u00E1o.xlsx')).toBe('Báo cáo.xlsx');
    expect(cleanFileName(decodeFileNameHeader(rawUtf8Header('\u202Eslx.exe')))).toBe('slx.xlsx');
  });

  it('is stored readable: in the receipt, the versions list and the audit log', async () => {
    const t = await startTestService();
    try {
      const unit = 'Sở Y tế tỉnh Đồng Tháp';
      const { token } = (await t.addUnits([coQuan(unit)])).get(unit)!;
      const name = 'Bảng chấm điểm Mê Kông.xlsx';
      const res = await request(t.app).post('/api/submissions').set(bearer(token)).set('Content-Type', XLSX)
        .set('X-File-Name', rawUtf8Header(name)).send(await workbookFor(unit));
      expect(res.status).toBe(201);
      expect(res.body.fileName).toBe(name);
      const page = await request(t.app).get('/api/unit').set(bearer(token));
      expect(page.body.submissions.map((s: { fileName: string }) => s.fileName)).toEqual([name]);
      const audit = await request(t.app).get('/api/audit').set(bearer(t.adminToken));
      expect(audit.body.find((e: { action: string }) => e.action === 'submission').detail).toContain(`"${name}"`);

      const form = await request(t.app).post('/api/submissions').set(bearer(token)).set('X-File-Name', rawUtf8Header('Bản sửa – Mê Kông.xlsx'))
        .attach('file', await workbookFor(unit, { scores: { 1: 2 } }), { filename: 'x.xlsx', contentType: XLSX });
      expect(form.status).toBe(201);
      expect(form.body.fileName).toBe('Bản sửa – Mê Kông.xlsx');
    } finally {
      await t.close();
    }
  });
});

describe('logs', () => {
  it('never hold a token, and record each request with who made it', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString('utf8')); done(); } });
    const t = await startTestService({ log: pino({ level: 'info' }, sink) });
    try {
      const units = await t.addUnits([coQuan('Sở Y tế tỉnh Đồng Tháp')]);
      const token = units.get('Sở Y tế tỉnh Đồng Tháp')!.token;
      const res = await request(t.app).post('/api/submissions').set(bearer(token)).set('Content-Type', XLSX)
        .send(await workbookFor('Sở Y tế tỉnh Đồng Tháp'));
      expect(res.status).toBe(201);
      await request(t.app).get('/api/units').set(bearer(t.adminToken));
      await request(t.app).get('/api/units').set(bearer('dha_wrong-token'));
      const all = lines.join('');
      expect(all).toContain('"path":"/api/submissions"');
      expect(all).toContain(`unit:${units.get('Sở Y tế tỉnh Đồng Tháp')!.unitId}`);
      expect(all).toContain('admin:Quản trị viên');
      for (const secret of [token, t.adminToken, 'dha_wrong-token']) expect(all).not.toContain(secret);
    } finally {
      await t.close();
    }
  });
});

describe('HTTPS', () => {
  it('serves over HTTPS with the given certificate', async () => {
    const dir = tempDir();
    const cert = path.join(dir, 'localhost.crt');
    const key = path.join(dir, 'localhost.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const serve = await startServe(['--https', '--cert', cert, '--key', key, '--data', path.join(dir, 'data')]);
    try {
      expect(serve.url).toMatch(/^https:\/\/localhost:\d+$/u);
      expect(serve.out()).toMatch(/admin token: dha_/u);
      expect(serve.out()).not.toMatch(/Đang chạy HTTP/u);
      const body = await new Promise<string>((resolve, reject) => {
        https.get(`${serve.url.replace('localhost', '127.0.0.1')}/api/health`, { rejectUnauthorized: false }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => { text += c.toString('utf8'); });
          res.on('end', () => resolve(text));
        }).on('error', reject);
      });
      expect(JSON.parse(body)).toMatchObject({ ok: true });
    } finally {
      await serve.stop();
    }
  });
});
