/**
 * `units tokens --slips`: the printable token slips are written (one A4 page per unit, read back
 * by LibreOffice) before the new tokens are put in force, and those tokens then work.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { ensureBuilt } from '../cli/build';
import { renderPdfs } from '../support/libreoffice';
import request from 'supertest';
import { bearer, coQuan, startTestService, tempDir } from './support/harness';
import { runCli, startServe } from './support/serveProcess';

const URL = 'https://dienhinh.congan.dongthap.gov.vn';
let dataDir: string;

beforeAll(() => {
  ensureBuilt();
  dataDir = tempDir('dien-hinh-slips-');
  writeFileSync(path.join(dataDir, 'don-vi.csv'), [
    'Tên đơn vị,Loại,Xã/phường',
    'Trường Tiểu học Kim Đồng,Cơ sở giáo dục,Xã Tân Hồng',
    'Trường Tiểu học Kim Đồng,Cơ sở giáo dục,Xã Tháp Mười',
  ].join('\n'), 'utf8');
}, 600_000);

describe('units tokens --slips', () => {
  it('refuses slips without the service address, changing nothing', async () => {
    const result = await runCli(['units', 'tokens', '--slips', path.join(dataDir, 'x.docx'), '--data', dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url');
    expect(existsSync(path.join(dataDir, 'x.docx'))).toBe(false);
  });

  it('writes one page per unit with its code, the unit page and the token, and the tokens work', async () => {
    expect((await runCli(['units', 'import', path.join(dataDir, 'don-vi.csv'), '--data', dataDir])).code).toBe(0);
    const slips = path.join(dataDir, 'phieu.docx');
    const result = await runCli(['units', 'tokens', '--json', '--slips', slips, '--url', URL, '--data', dataDir]);
    expect(result.code, result.stderr).toBe(0);
    const issued = JSON.parse(result.stdout) as { code: string; name: string; parent: string; token: string }[];
    expect(issued).toHaveLength(2);

    const pdf = (await renderPdfs([slips], dataDir)).get(slips)!;
    expect(pdf.pages).toHaveLength(2);
    issued.forEach((unit, page) => {
      const text = pdf.text[page]!.replace(/\s+/gu, ' ');
      expect(text).toContain(unit.code);
      expect(text).toContain(unit.parent);
      // A long token may wrap on the printed page: compare without the breaks.
      expect(pdf.text[page]!.replace(/\s+/gu, '')).toContain(unit.token);
      expect(text).toContain(`${URL}/don-vi/`);
      // One code to type, the token, and which one it is.
      expect(text).toContain('Nhập mã nộp hồ sơ ở trên (dãy ký tự dài bắt đầu bằng "dhu_", không phải mã đơn vị)');
    });

    // The tokens on the slips are in force: each opens its own unit's page on the real service.
    const serve = await startServe(['--http', '--data', dataDir]);
    try {
      for (const unit of issued) {
        const page = await fetch(`${serve.url}/api/unit`, { headers: { Authorization: `Bearer ${unit.token}` } });
        expect(page.status).toBe(200);
        expect(((await page.json()) as { unit: { code: string } }).unit.code).toBe(unit.code);
      }
    } finally {
      await serve.stop();
    }
  }, 300_000);
});

describe('POST /api/units/tokens/slips.docx (the console\'s download)', () => {
  it('issues new tokens as slips, one page per unit; the old tokens keep working until the new one is used', async () => {
    const s = await startTestService();
    try {
      const before = await s.addUnits([coQuan('Sở Y tế'), coQuan('Sở Tư pháp')]);
      const admin = bearer(s.adminToken);
      const unit = (token: string) => request(s.app).get('/api/unit').set(bearer(token));
      expect((await request(s.app).post('/api/units/tokens/slips.docx').set(bearer(before.get('Sở Y tế')!.token))).status).toBe(403);

      const answer = await request(s.app).post('/api/units/tokens/slips.docx').set(admin).buffer(true)
        .parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => done(null, Buffer.concat(chunks))); });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toContain('wordprocessingml');
      const file = path.join(s.dataDir, 'phieu.docx');
      writeFileSync(file, answer.body as Buffer);
      const pdf = (await renderPdfs([file], s.dataDir)).get(file)!;
      expect(pdf.pages).toHaveLength(2);
      const tokens = pdf.text.map((page) => /dhu_[A-Za-z0-9_-]{43}/u.exec(page.replace(/\s+/gu, ''))?.[0]);
      expect(tokens.every((t) => t !== undefined)).toBe(true);

      // Until a unit signs in with its new token, the old one still works; then only the new one.
      const yTe = before.get('Sở Y tế')!;
      expect((await unit(yTe.token)).status).toBe(200);
      const pages = await Promise.all(tokens.map((t) => unit(t!)));
      expect(pages.map((p) => p.status)).toEqual([200, 200]);
      expect((await unit(yTe.token)).status).toBe(401);
      const audit = await request(s.app).get('/api/audit').set(admin);
      expect(audit.body.map((e: { action: string }) => e.action)).toContain('tokens');
    } finally {
      await s.close();
    }
  }, 300_000);
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
