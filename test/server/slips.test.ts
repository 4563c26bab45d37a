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
import { tempDir } from './support/harness';
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

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
