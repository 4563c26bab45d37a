/**
 * The units list and tokens: CSV/XLSX parsing (Vietnamese or English headers, BOM, ";" or ",",
 * NFD spellings), and the real `dien-hinh units …` commands on a real data folder.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tokenHash } from '../../server/app/tokens';
import { SqliteStore } from '../../server/store/sqlite/sqliteStore';
import { parseUnitsCsv, parseUnitsXlsx } from '../../server/units/unitsFile';
import { tempDir } from './support/harness';
import { CLI_MAIN, runCli, startServe } from './support/serveProcess';

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
      { line: 2, code: '', name: 'Văn phòng UBND tỉnh', kind: 'co-quan', parent: 'Phường 1', contact: 'Trần Thị B; 0277 3851 234' },
      { line: 4, code: '', name: 'Trường THPT "Cao Lãnh"', kind: 'co-so-giao-duc', parent: 'Phường 2', contact: '' },
      { line: 5, code: '', name: 'Xã Mỹ An', kind: 'xa', parent: '', contact: '' },
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
    expect(parsed.problems[0]!.message).toMatch(/trùng tên và xã\/phường với dòng 2/u);
    expect(parsed.problems[1]!.message).toMatch(/thiếu Tên đơn vị/u);
    expect(parsed.problems[2]!.message).toMatch(/Loại đơn vị "nhà máy" không hợp lệ/u);
    expect(parsed.problems[3]!.message).toMatch(/chưa ghi Loại/u);
  });

  it('reads the bytes Excel saves: UTF-8 with BOM, and "Unicode Text" (UTF-16 with BOM, tab-separated)', () => {
    const rows = ['Tên đơn vị\tLoại\tXã/phường\tLiên hệ', 'Văn phòng UBND tỉnh\tCơ quan\tPhường 1\t"Trần Thị B, 0277"', 'Xã Mỹ An\tXã\t\t'];
    const expected = [
      { line: 2, code: '', name: 'Văn phòng UBND tỉnh', kind: 'co-quan', parent: 'Phường 1', contact: 'Trần Thị B, 0277' },
      { line: 3, code: '', name: 'Xã Mỹ An', kind: 'xa', parent: '', contact: '' },
    ];
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows.join('\r\n'), 'utf16le')]);
    expect(parseUnitsCsv(utf16)).toEqual({ units: expected, problems: [] });
    const utf8 = Buffer.from(`\uFEFF${rows.join('\n').replace(/\t/gu, ';')}`, 'utf8');
    expect(parseUnitsCsv(utf8)).toEqual({ units: expected, problems: [] });
  });

  it('guesses the separator from the header outside quotes, and counts lines of quoted line breaks once', () => {
    const parsed = parseUnitsCsv('"Tên đơn vị; tên đầy đủ",Loại,"Xã/phường"\r\n"Trường A\r\ncơ sở 2",Cơ sở giáo dục,"Phường 1; cũ"\r\nSở Tư pháp,co quan,x;"y\r\n');
    // The first header is not "Tên đơn vị": only the name column is missing.
    expect(parsed.problems).toEqual([{ line: 1, message: expect.stringMatching(/thiếu cột "Tên đơn vị"/u) }]);
    const lines = parseUnitsCsv('Tên đơn vị,Loại,Liên hệ\r\n"Trường A\r\ncơ sở 2",Cơ sở giáo dục,"a\nb"\r\nSở Tư pháp,co quan,x"y\r\n\r\nXã B,xa,\r\n');
    expect(lines.problems).toEqual([]);
    expect(lines.units.map((u) => [u.line, u.name, u.contact])).toEqual([[2, 'Trường A cơ sở 2', 'a b'], [5, 'Sở Tư pháp', 'x"y'], [7, 'Xã B', '']]);
  });

  it('refuses a file not in UTF-8 (a Windows code page) whole, and names the line of a quote never closed', () => {
    const windows1258 = Buffer.from([...Buffer.from('Tên đơn vị;Loại\r\n', 'utf8'), 0x53, 0xf4, 0x20, 0x54, 0xf7, 0x3b, 0x78, 0x61, 0x0d, 0x0a]);
    const refused = parseUnitsCsv(windows1258);
    expect(refused.units).toEqual([]);
    expect(refused.problems).toEqual([{ line: 0, message: expect.stringMatching(/UTF-8/u) }]);
    const open = parseUnitsCsv('Tên đơn vị;Loại\nSở A;Cơ quan\n"Sở B;Cơ quan\nSở C;Cơ quan\n');
    expect(open.units).toEqual([]);
    expect(open.problems).toEqual([{ line: 3, message: expect.stringMatching(/ngoặc kép/u) }]);
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
      { line: 2, code: '', name: 'Phường Cao Lãnh', kind: 'phuong', parent: '', contact: 'Nguyễn Văn C' },
      { line: 3, code: '', name: 'Doanh nghiệp X', kind: 'doanh-nghiep', parent: 'Phường Cao Lãnh', contact: '' },
    ]);
    expect(parsed.problems).toEqual([{ line: 4, message: expect.stringMatching(/thiếu Tên đơn vị/u) }]);
  });
});

describe('dien-hinh units (real CLI, real data folder)', { timeout: 180_000 }, () => {
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
    expect(refused.stderr).toMatch(/Danh sách có 2 dòng lỗi; chưa nhập đơn vị nào/u);

    // A whole-file problem (Windows-1258 bytes) is said once, not counted as a bad line.
    const windows = path.join(lists, 'windows-1258.csv');
    writeFileSync(windows, Buffer.from([...Buffer.from('Tên đơn vị;Loại\r\n', 'utf8'), 0x53, 0xf4, 0x20, 0x54, 0xf7, 0x3b, 0x78, 0x61, 0x0d, 0x0a]));
    const encoding = await cli(['units', 'import', windows, '--data', data]);
    expect(encoding.code).toBe(1);
    expect(encoding.stderr).toMatch(/CSV UTF-8/u);
    expect(encoding.stderr).toMatch(/Chưa nhập đơn vị nào\.\n$/u);
    expect(encoding.stderr).not.toMatch(/dòng lỗi/u);

    const list = await cli(['units', 'list', '--data', data, '--json']);
    const units = JSON.parse(list.stdout) as { code: string; name: string; kind: string; parent: string; contact: string; hasToken: boolean }[];
    expect(units.map((u) => u.name).sort()).toEqual(['Phường 2', 'Văn phòng UBND tỉnh', 'Xã Mỹ An']);
    // Every unit has its code beside name, kind and parent (assigned: kind prefix + sequence).
    expect(units.map((u) => [u.code, u.name, u.kind, u.parent]).sort()).toEqual([
      ['CQ-001', 'Văn phòng UBND tỉnh', 'co-quan', 'Phường 1'], ['PH-001', 'Phường 2', 'phuong', ''], ['XA-001', 'Xã Mỹ An', 'xa', ''],
    ]);
    expect(units.find((u) => u.name === 'Văn phòng UBND tỉnh')!.contact).toBe('Trần Thị B');
    expect(units.every((u) => !u.hasToken)).toBe(true);

    const tokensOut = await cli(['units', 'tokens', '--data', data, '--json']);
    expect(tokensOut.code).toBe(0);
    const tokens = JSON.parse(tokensOut.stdout) as { code: string; name: string; kind: string; parent: string; token: string }[];
    expect(tokens).toHaveLength(3);
    expect(Object.keys(tokens[0]!).sort()).toEqual(['code', 'kind', 'name', 'parent', 'token']);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(3);
    const store = await SqliteStore.open(data);
    try {
      for (const t of tokens) expect((await store.unitByTokenHash(tokenHash(t.token)))?.code).toBe(t.code);
      const raw = (store as unknown as { db: import('better-sqlite3').Database }).db
        .prepare('SELECT token_hash FROM units').all() as { token_hash: string }[];
      // Only hashes are kept: no token appears in the database.
      for (const t of tokens) expect(raw.map((r) => r.token_hash)).not.toContain(t.token);
      // Units without a token take their first one in force at once: nothing pending, no write at first use.
      const pending = (store as unknown as { db: import('better-sqlite3').Database }).db
        .prepare('SELECT COUNT(*) AS n FROM units WHERE pending_token_hash IS NOT NULL OR token_hash IS NULL').get() as { n: number };
      expect(pending.n).toBe(0);
    } finally {
      await store.close();
    }

    const text = await cli(['units', 'tokens', '--data', data]);
    expect(text.stdout).toMatch(/chỉ hiện một lần/u);
    const newTokens = text.stdout.trim().split('\n').slice(1).map((line) => line.split('\t')[4]!);
    expect(newTokens).toHaveLength(3);
    const reopened = await SqliteStore.open(data);
    try {
      // Each old token works until its unit first uses the new one; then only the new one does.
      for (const t of tokens) expect(await reopened.unitByTokenHash(tokenHash(t.token))).toBeDefined();
      for (const t of newTokens) expect(await reopened.unitByTokenHash(tokenHash(t))).toBeDefined();
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

describe('units by code on the command line (real CLI, real data folder)', { timeout: 180_000 }, () => {
  const setup = async () => {
    const data = tempDir();
    const list = path.join(tempDir(), 'don-vi.csv');
    writeFileSync(list, [
      'Mã đơn vị,Tên đơn vị,Loại,Xã/phường,Liên hệ',
      ',Trường Tiểu học Kim Đồng,Cơ sở giáo dục,Xã Tân Hồng,',
      ',Trường Tiểu học Kim Đồng,Cơ sở giáo dục,Xã Tháp Mười,',
      'DT-01,Sở Y tế,Cơ quan,Phường Cao Lãnh,',
      ',Xã Mỹ An,Xã,,',
    ].join('\n'));
    const imported = await cli(['units', 'import', list, '--data', data]);
    expect(imported.code, imported.stderr).toBe(0);
    return data;
  };

  it('writes one unit\'s workbook and every unit\'s, pre-filled with code, name, kind and parent; unknown code → Vietnamese error, exit 1', async () => {
    const data = await setup();
    const out = tempDir();
    const one = path.join(out, 'kim-dong.xlsx');
    const written = await cli(['template', '--set', 'dien-hinh-co-quan-du-thao', '--unit', 'gd-002', '--out', one, '--data', data]);
    expect(written.code, written.stderr).toBe(0);
    const checked = await cli(['check', one, '--json']);
    const [result] = JSON.parse(checked.stdout) as { unit: { code: string; name: string; kind: string; parent: string } }[];
    expect(result!.unit).toMatchObject({ code: 'GD-002', name: 'Trường Tiểu học Kim Đồng', kind: 'co-so-giao-duc', parent: 'Xã Tháp Mười' });

    const unknown = await cli(['template', '--set', 'dien-hinh-co-quan-du-thao', '--unit', 'XX-9', '--out', path.join(out, 'x.xlsx'), '--data', data]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Không có đơn vị mã "XX-9"/u);

    const folder = path.join(out, 'tat-ca');
    const all = await cli(['template', '--set', 'dien-hinh-co-quan-du-thao', '--all-units', '--out', folder, '--year', '2026', '--data', data]);
    expect(all.code, all.stderr).toBe(0);
    // The set is for agencies, enterprises and schools: the commune is left out, and said so.
    expect(all.stderr).toMatch(/Bỏ qua 1 đơn vị/u);
    expect(readdirSync(folder).sort()).toEqual([
      'DT-01 - Sở Y tế (Phường Cao Lãnh) - Điển hình.xlsx',
      'GD-001 - Trường Tiểu học Kim Đồng (Xã Tân Hồng) - Điển hình.xlsx',
      'GD-002 - Trường Tiểu học Kim Đồng (Xã Tháp Mười) - Điển hình.xlsx',
    ]);
    const checkedAll = await cli(['check', '--json', ...readdirSync(folder).map((f) => path.join(folder, f))]);
    expect((JSON.parse(checkedAll.stdout) as { unit: { code: string; year: number } }[]).map((r) => [r.unit.code, r.unit.year])).toEqual([
      ['DT-01', 2026], ['GD-001', 2026], ['GD-002', 2026],
    ]);
  });

  it('rotates and revokes one unit\'s token, leaving the others working, with the audit log naming who', async () => {
    const data = await setup();
    const all = await cli(['units', 'tokens', '--data', data, '--json']);
    const tokens = JSON.parse(all.stdout) as { code: string; token: string }[];
    const one = await cli(['units', 'token', 'GD-001', '--data', data, '--json']);
    expect(one.code, one.stderr).toBe(0);
    const issued = JSON.parse(one.stdout) as { code: string; name: string; token: string };
    expect(Object.keys(issued).sort()).toEqual(['code', 'name', 'token']);
    expect(issued).toMatchObject({ code: 'GD-001', name: 'Trường Tiểu học Kim Đồng' });
    const revoked = await cli(['units', 'revoke', 'dt-01', '--data', data]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/Đã thu hồi mã nộp của đơn vị DT-01/u);
    const missing = await cli(['units', 'token', 'ZZ-1', '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Không có đơn vị mã "ZZ-1"/u);

    const store = await SqliteStore.open(data);
    try {
      const unitOf = async (token: string) => (await store.unitByTokenHash(tokenHash(token)))?.code;
      expect(await unitOf(tokens.find((t) => t.code === 'GD-001')!.token)).toBeUndefined();
      expect(await unitOf(issued.token)).toBe('GD-001');
      expect(await unitOf(tokens.find((t) => t.code === 'GD-002')!.token)).toBe('GD-002');
      expect(await unitOf(tokens.find((t) => t.code === 'XA-001')!.token)).toBe('XA-001');
      expect(await unitOf(tokens.find((t) => t.code === 'DT-01')!.token)).toBeUndefined();
      const audit = await store.audit({});
      expect(audit.filter((e) => ['unit-token', 'unit-token-revoke', 'tokens'].includes(e.action)).map((e) => [e.action, e.actor])).toEqual([
        ['unit-token-revoke', 'dòng lệnh'], ['unit-token', 'dòng lệnh'], ['tokens', 'dòng lệnh'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('`units tokens --out` writes the file before any token changes; a pipe closed early (| head) revokes nothing', async () => {
    const data = await setup();
    const first = JSON.parse((await cli(['units', 'tokens', '--data', data, '--json'])).stdout) as { code: string; token: string }[];
    // The units start using their tokens.
    const using = await SqliteStore.open(data);
    for (const t of first) expect((await using.unitByTokenHash(tokenHash(t.token)))?.code).toBe(t.code);
    await using.close();
    // A reader that takes one line and closes the pipe.
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [CLI_MAIN, 'units', 'tokens', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => { child.stdout.destroy(); resolve(); }));
    await new Promise((resolve) => child.once('exit', resolve));
    const outFile = path.join(tempDir(), 'ma-nop.txt');
    const written = await cli(['units', 'tokens', '--data', data, '--out', outFile]);
    expect(written.code, written.stderr).toBe(0);
    const fileTokens = readFileSync(outFile, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    expect(fileTokens.map((l) => l[0]).sort()).toEqual(['DT-01', 'GD-001', 'GD-002', 'XA-001']);
    const store = await SqliteStore.open(data);
    try {
      // Every old token still works (nobody used a new one yet); then each unit's new one from the file does.
      for (const t of first) expect((await store.unitByTokenHash(tokenHash(t.token)))?.code).toBe(t.code);
      for (const [code, , , , token] of fileTokens) expect((await store.unitByTokenHash(tokenHash(token!)))?.code).toBe(code);
    } finally {
      await store.close();
    }
  });

  it('lists admin tokens and revokes one label, never the last', async () => {
    const data = tempDir();
    const serve = await startServe(['--data', data]);
    await serve.stop();
    const added = await cli(['admin-token', '--label', 'Nguyễn Văn An', '--data', data]);
    expect(added.code).toBe(0);
    const listed = await cli(['admin-token', '--list', '--json', '--data', data]);
    expect((JSON.parse(listed.stdout) as { label: string }[]).map((t) => t.label)).toEqual(['Quản trị viên', 'Nguyễn Văn An']);
    const revoked = await cli(['admin-token', '--revoke', 'Nguyễn Văn An', '--data', data]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/Đã thu hồi 1 mã quản trị "Nguyễn Văn An"/u);
    const last = await cli(['admin-token', '--revoke', 'Quản trị viên', '--data', data]);
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/mã quản trị cuối cùng/u);
    const unknown = await cli(['admin-token', '--revoke', 'Không ai', '--data', data]);
    expect(unknown.code).toBe(1);
    const store = await SqliteStore.open(data);
    try {
      expect((await store.audit({}))[0]).toMatchObject({ action: 'admin-token-revoke', actor: 'dòng lệnh' });
    } finally {
      await store.close();
    }
  });
});
