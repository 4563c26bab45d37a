/**
 * Every `dien-hinh` command's Vietnamese `--help` and its answer to an unknown option, run as a
 * user runs them (the built CLI in a child process); and the shared argument parser's rules.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOptions, type Command, type OptionSpecs } from '../../server/cli/command';
import { COMMANDS, loadAllCommands } from '../../server/cli/commands';
import { ensureBuilt, MAIN } from './build';
import { defaultDocumentSettings } from '../../shared/documents/settings';

let dir: string;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { cwd: dir, timeout: 60_000, env: { ...process.env, DIEN_HINH_DATA: path.join(dir, 'no-data') } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Letters only Vietnamese writes (with its diacritics): a help in English or without accents has none. */
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;

/** Every command, loaded here (commands.ts loads each on demand): not counted in a test's time. */
let commands: Command[];

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'dh-cli-help-'));
  commands = await loadAllCommands();
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dien-hinh --help', () => {
  it('lists every command with its summary, and exits 0', async () => {
    const { code, stdout, stderr } = await cli('--help');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^dien-hinh: chấm điểm, thu nhận và tổng hợp/u);
    // Each command is listed (commands.ts) under the name its module declares.
    expect(commands.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const command of commands) expect(stdout).toContain(`  ${command.name.padEnd(13)}${command.summary}\n`);
    expect(stdout).toContain('dien-hinh <lệnh> --help');
  });

  it('an unknown command is bad usage (exit 2)', async () => {
    expect(await cli('khong-co')).toMatchObject({ code: 2, stderr: 'Lệnh "khong-co" không tồn tại. Gõ "dien-hinh --help" để xem các lệnh.\n' });
  });

  it("serve's document defaults are the document settings' own, as its help and README say", async () => {
    const { stdout } = await cli('serve', '--help');
    const defaults = defaultDocumentSettings();
    expect(stdout).toMatch(new RegExp(`--issuing-body .*mặc định ${defaults.issuingBody}\\)`, 'u'));
    expect(stdout).toMatch(new RegExp(`--place .*mặc định ${defaults.place}\\)`, 'u'));
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(`| \`--issuing-body T\`, \`--place P\` | \`DIEN_HINH_ISSUING_BODY\`, \`DIEN_HINH_PLACE\` | \`${defaults.issuingBody}\`, \`${defaults.place}\` |`);
  });
});

describe.each(COMMANDS.map((c) => [c.name, c] as const))('dien-hinh %s', (name, entry) => {
  it('--help prints the usage, every option with its description and examples, in Vietnamese, and exits 0', async () => {
    const command = commands.find((c) => c.name === entry.name)!;
    const { code, stdout, stderr } = await cli(name, '--help');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(command.help());
    expect(stdout).toMatch(new RegExp(`^dien-hinh ${name}: `, 'u'));
    expect(stdout).toContain('\nCách dùng:\n  dien-hinh ');
    expect(stdout).toContain('\nTuỳ chọn:\n');
    expect(stdout).toMatch(/\nVí dụ:\n {2}dien-hinh /u);
    expect(stdout).toContain('-h, --help');
    // Every option line has a description with Vietnamese letters.
    const options = stdout.slice(stdout.indexOf('\nTuỳ chọn:\n'), stdout.indexOf('\nVí dụ:\n')).split('\n').filter((l) => /^ {2}(-h, )?--/u.test(l));
    expect(options.length).toBeGreaterThan(1);
    for (const line of options) expect(line.replace(/^ {2}\S+( <[^>]*>)?/u, '')).toMatch(VIETNAMESE);
    // `-h` is the same help.
    expect((await cli(name, '-h')).stdout).toBe(stdout);
  });

  it('an unknown option names the option, points to --help and exits 2', async () => {
    const { code, stdout, stderr } = await cli(name, '--khong-co-tuy-chon', 'x');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`Sai cú pháp: lệnh này không có tuỳ chọn "--khong-co-tuy-chon".\nGõ "dien-hinh ${name} --help" để xem cách dùng.\n`);
  });
});

describe('the argument parser', () => {
  const options = {
    out: { type: 'string', value: '<tệp>', required: true, description: 'tệp sẽ ghi' },
    data: { type: 'string', value: '<thư mục>', env: 'DIEN_HINH_DATA', description: 'thư mục dữ liệu' },
    hours: { type: 'string', value: '<giờ>', default: '24', description: 'số giờ' },
    json: { type: 'boolean', description: 'in JSON' },
    recipient: { type: 'string', value: '<nơi nhận>', multiple: true, description: 'nơi nhận' },
  } as const satisfies OptionSpecs;

  it('reads flags, then the environment variable, then the default', () => {
    const flags = parseOptions(options, ['--out', 'a.xlsx', '--data=d', '--hours', '48', '--json', '--recipient', 'A', '--recipient', 'B'], { DIEN_HINH_DATA: 'env' });
    expect(flags).toEqual({ ok: true, value: { help: false, positionals: [], values: { out: 'a.xlsx', data: 'd', hours: '48', json: true, recipient: ['A', 'B'] } } });
    const fallback = parseOptions(options, ['--out', 'a.xlsx'], { DIEN_HINH_DATA: 'env' });
    expect(fallback.ok && fallback.value.values).toEqual({ out: 'a.xlsx', data: 'env', hours: '24', json: false, recipient: undefined });
    expect(parseOptions(options, ['--out', 'a.xlsx'], {}).ok && parseOptions(options, ['--out', 'a.xlsx'], {})).toMatchObject({ value: { values: { data: undefined } } });
  });

  it('answers each kind of bad usage in Vietnamese, naming the option as typed', () => {
    const error = (args: string[], positionals = false) => {
      const parsed = parseOptions(options, args, {}, positionals);
      return parsed.ok ? 'ok' : parsed.error;
    };
    expect(error(['--out', 'a', '--colour'])).toBe('lệnh này không có tuỳ chọn "--colour".');
    expect(error(['--out', 'a', '-x'])).toBe('lệnh này không có tuỳ chọn "-x".');
    expect(error(['--out'])).toBe('tuỳ chọn --out cần một giá trị (--out <tệp>).');
    expect(error(['--out', '--json'])).toBe('tuỳ chọn --out cần một giá trị (--out <tệp>).');
    expect(error(['--out='])).toBe('tuỳ chọn --out cần một giá trị (--out <tệp>).');
    expect(error(['--out', 'a', '--json=yes'])).toBe('tuỳ chọn --json không nhận giá trị; chỉ ghi --json.');
    expect(error([])).toBe('thiếu --out <tệp>: tệp sẽ ghi.');
    expect(error(['--out', 'a', 'thua'])).toBe('lệnh này không nhận tham số "thua".');
    expect(error(['--out', 'a', 'tep.xlsx'], true)).toBe('ok');
    // An inline value may start with a dash.
    expect(error(['--out=-a'])).toBe('ok');
  });

  it('--help wins over everything else, even a missing required option', () => {
    expect(parseOptions(options, ['--help', '--colour'], {})).toMatchObject({ ok: true, value: { help: true } });
    expect(parseOptions(options, ['-h'], {})).toMatchObject({ ok: true, value: { help: true } });
  });
});
