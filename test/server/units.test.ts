/**
 * The units list and tokens: CSV/XLSX parsing (Vietnamese or English headers, BOM, ";" or ",",
 * NFD spellings), and the real `dien-hinh units …` commands on a real data folder.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tokenHash } from '../../server/app/tokens';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { parseUnitsCsv, parseUnitsXlsx } from '../../server/units/unitsFile';
import { tempDir } from './support/harness';
import { runCli, startServe } from './support/serveProcess';

const cli = runCli;

describe('units file', () => {
  it('reads Vietnamese headers, a BOM, semicolons, quotes and CRLF', () => {
    const csv = '\uFEFFTên đơn vị;Loại;Xã/phường;Liên hệ\r\n'
      + 'Văn phòng UBND tỉnh;Cơ quan;Phường 1;"Trần Thị B; 0277 3851 234"\r\n'
      + '\r\n'
      + '"Trường THPT ""Cao Lãnh""";co so giao duc;Phường 2;\r\n'
      + 'Xã Mỹ An;XÃ;;\r\n';
    const parsed = parseUnitsCsv(csv);
    expect(parsed.problems).toEqual([]);
    expect(parsed.units).toEqual([
      { line: 2, name: 'Văn phòng UBND tỉnh', kind: 'co-quan', parent: 'Phường 1', contact: 'Trần Thị B; 0277 3851 234' },
      { line: 4, name: 'Trường THPT "Cao Lãnh"', kind: 'co-so-giao-duc', parent: 'Phường 2', contact: '' },
      { line: 5, name: 'Xã Mỹ An', kind: 'xa', parent: '', contact: '' },
    ]);
  });

  it('reads English headers with commas, and reports each bad row with its line number', () => {
    const nfd = 'Sở Tư pháp'.normalize('NFD');
    const csv = [
      'name,kind,parent,contact',
      'Sở Tư pháp,agency,,',
      `${nfd.toUpperCase()},agency,,`,
      ',agency,,',
      'Công ty A,nhà máy,,',
      'Công ty B,,,',
    ].join('\n');
    const parsed = parseUnitsCsv(csv);
    expect(parsed.units.map((u) => u.name)).toEqual(['Sở Tư pháp']);
    expect(parsed.problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect(parsed.problems[0]!.message).toMatch(/trùng với dòng 2/u);
    expect(parsed.problems[1]!.message).toMatch(/thiếu Tên đơn vị/u);
    expect(parsed.problems[2]!.message).toMatch(/Loại đơn vị "nhà máy" không hợp lệ/u);
    expect(parsed.problems[3]!.message).toMatch(/chưa ghi Loại/u);
  });

  it('refuses a header without the name or kind column', () => {
    const parsed = parseUnitsCsv('Đơn vị chủ quản,Ghi chú\nA,B\n');
    expect(parsed.units).toEqual([]);
    expect(parsed.problems[0]).toMatchObject({ line: 1 });
    expect(parsed.problems[0]!.message).toMatch(/thiếu cột/u);
  });

  it('reads an XLSX list with row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Đơn vị');
    sheet.addRow(['STT', 'Tên đơn vị', 'Loại đơn vị', 'Thuộc xã/phường', 'Người liên hệ']);
    sheet.addRow([1, 'Phường Cao Lãnh', 'Phường', '', 'Nguyễn Văn C']);
    sheet.addRow([2, 'Doanh nghiệp X', 'Doanh nghiệp', 'Phường Cao Lãnh', '']);
    sheet.addRow([3, '', 'Cơ quan', '', '']);
    const parsed = await parseUnitsXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(parsed.units).toEqual([
      { line: 2, name: 'Phường Cao Lãnh', kind: 'phuong', parent: '', contact: 'Nguyễn Văn C' },
      { line: 3, name: 'Doanh nghiệp X', kind: 'doanh-nghiep', parent: 'Phường Cao Lãnh', contact: '' },
    ]);
    expect(parsed.problems).toEqual([{ line: 4, message: expect.stringMatching(/thiếu Tên đơn vị/u) }]);
  });
});

describe('dien-hinh units (real CLI, real data folder)', () => {
  it('imports, re-imports without duplicates (NFD, spaces, capitals), prints tokens once and replaces old ones', async () => {
    const data = tempDir();
    const lists = tempDir();
    const first = path.join(lists, 'units.csv');
    writeFileSync(first, 'Tên đơn vị,Loại,Xã/phường,Liên hệ\nVăn phòng UBND tỉnh,Cơ quan,Phường 1,\nXã Mỹ An,Xã,,\n');
    const imported = await cli(['units', 'import', first, '--data', data]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/thêm 2, cập nhật 0, giữ nguyên 0/u);

    const second = path.join(lists, 'units2.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['name', 'kind', 'parent', 'contact']);
    sheet.addRow(['  văn  phòng ubnd TỈNH '.normalize('NFD'), 'agency', 'Phường 1', 'Trần Thị B']);
    sheet.addRow(['Xã Mỹ An', 'commune', '', '']);
    sheet.addRow(['Phường 2', 'ward', '', '']);
    await workbook.xlsx.writeFile(second);
    const again = await cli(['units', 'import', second, '--data', data]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/thêm 1, cập nhật 1, giữ nguyên 1/u);

    const bad = path.join(lists, 'bad.csv');
    writeFileSync(bad, 'name;kind\nA;agency\n;agency\nB;factory\n');
    const refused = await cli(['units', 'import', bad, '--data', data]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Dòng 3: thiếu Tên đơn vị/u);
    expect(refused.stderr).toMatch(/Dòng 4: Loại đơn vị "factory"/u);
    expect(refused.stderr).toMatch(/chưa nhập đơn vị nào/u);

    const list = await cli(['units', 'list', '--data', data, '--json']);
    const units = JSON.parse(list.stdout) as { name: string; contact: string; hasToken: boolean }[];
    expect(units.map((u) => u.name).sort()).toEqual(['Phường 2', 'Văn phòng UBND tỉnh', 'Xã Mỹ An']);
    expect(units.find((u) => u.name === 'Văn phòng UBND tỉnh')!.contact).toBe('Trần Thị B');
    expect(units.every((u) => !u.hasToken)).toBe(true);

    const tokensOut = await cli(['units', 'tokens', '--data', data, '--json']);
    expect(tokensOut.code).toBe(0);
    const tokens = JSON.parse(tokensOut.stdout) as { unitId: string; name: string; kind: string; token: string }[];
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(3);
    const store = await SqliteStore.open(data);
    try {
      for (const t of tokens) expect((await store.unitByTokenHash(tokenHash(t.token)))?.id).toBe(t.unitId);
      const raw = (store as unknown as { db: import('better-sqlite3').Database }).db
        .prepare('SELECT token_hash FROM units').all() as { token_hash: string }[];
      // Only hashes are kept: no token appears in the database.
      for (const t of tokens) expect(raw.map((r) => r.token_hash)).not.toContain(t.token);
    } finally {
      await store.close();
    }

    const text = await cli(['units', 'tokens', '--data', data]);
    expect(text.stdout).toMatch(/chỉ hiện một lần/u);
    const newTokens = text.stdout.trim().split('\n').slice(1).map((line) => line.split('\t')[2]!);
    expect(newTokens).toHaveLength(3);
    const reopened = await SqliteStore.open(data);
    try {
      for (const t of tokens) expect(await reopened.unitByTokenHash(tokenHash(t.token))).toBeUndefined();
      for (const t of newTokens) expect(await reopened.unitByTokenHash(tokenHash(t))).toBeDefined();
    } finally {
      await reopened.close();
    }
  });

  it('prints the admin token on the first start of a data folder only', async () => {
    const data = tempDir();
    const start = async () => {
      const serve = await startServe(['--http', '--data', data]);
      expect((await fetch(`${serve.url}/api/health`)).status).toBe(200);
      expect(await serve.stop()).toBe(0);
      return serve.out();
    };
    const first = await start();
    const token = /^admin token: (\S+)$/mu.exec(first)?.[1];
    expect(token).toMatch(/^dha_/u);
    const second = await start();
    expect(second).not.toMatch(/admin token/u);

    // The printed token is the folder's admin token (only its hash is stored).
    const store = await SqliteStore.open(data);
    try {
      expect(await store.adminLabelByTokenHash(tokenHash(token!))).toBe('Quản trị viên');
    } finally {
      await store.close();
    }
  });
});
