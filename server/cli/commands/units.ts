/**
 * `dien-hinh units …  [--data DIR]`: the province's list of expected units and their submission
 * tokens, in a data folder (the server may be running).
 *   import <file>                  the list (CSV/XLSX; re-import updates by code, else name + parent)
 *   list [--json]                  every unit with its code
 *   tokens [--json] [--out FILE] [--slips FILE.docx --url ADDRESS]
 *                                  a new token for every unit, delivered BEFORE it is put in force
 *                                  (stdout, the --out file, the printable slips); each old token
 *                                  works until the unit first uses its new one
 *   token <code> [--json]          issue or rotate one unit's token (the old one stops at once)
 *   revoke <code>                  revoke one unit's token
 */
import { existsSync } from 'node:fs';
import { vietnamDate } from '../../../shared/deadlines/vietnamTime';
import { UNIT_KIND_LABELS } from '../../../shared/units/kinds';
import { documentSettingsFor, makeTokenSlips } from '../../app/documents';
import { cliServerText, unitsText } from '../../app/messages';
import { commitUnitTokens, importUnits, prepareUnitTokens, revokeUnitToken, rotateUnitToken, type IssuedToken } from '../../app/units';
import { asOutputError, writeBuffer } from '../../export/output';
import { AppError } from '../../app/errors';
import type { Store } from '../../store/store';
import { readUnitsFile } from '../../units/unitsFile';
import { DATA_OPTION, DATABASE_URL_OPTION, defineCommand } from '../command';
import { dataFolderMissing, storeLocation, withCommandStore } from '../store';

const CLI_ACTOR = 'dòng lệnh';
const SUBCOMMANDS = ['import', 'list', 'tokens', 'token', 'revoke'];

export const unitsCommand = defineCommand({
  name: 'units',
  summary: 'Nhập danh sách đơn vị (CSV/XLSX, có hoặc không có cột Mã đơn vị), xem danh sách và mã đơn vị, cấp, cấp lại hoặc thu hồi mã nộp.',
  usage: [
    'units import <tệp.csv|tệp.xlsx> [--data <thư mục>]',
    'units list [--json] [--data <thư mục>]',
    'units tokens [--json] [--out <tệp>] [--slips <tệp.docx> --url <địa chỉ dịch vụ>] [--data <thư mục>]',
    'units token <mã đơn vị> [--json] [--data <thư mục>]',
    'units revoke <mã đơn vị> [--data <thư mục>]',
  ],
  positionals: [
    { name: 'import <tệp>', description: 'nhập danh sách đơn vị (nhập lại thì cập nhật theo mã đơn vị, nếu không có mã thì theo tên và xã/phường)' },
    { name: 'list', description: 'liệt kê các đơn vị kèm mã đơn vị' },
    { name: 'tokens', description: 'cấp mã nộp mới cho mọi đơn vị; mã cũ còn dùng được đến khi đơn vị dùng mã mới lần đầu' },
    { name: 'token <mã đơn vị>', description: 'cấp hoặc cấp lại mã nộp của một đơn vị (mã cũ hết hiệu lực ngay)' },
    { name: 'revoke <mã đơn vị>', description: 'thu hồi mã nộp của một đơn vị' },
  ],
  options: {
    data: DATA_OPTION,
    'database-url': DATABASE_URL_OPTION,
    json: { type: 'boolean', description: 'với list, tokens, token: in dạng JSON' },
    out: { type: 'string', value: '<tệp>', description: 'với tokens: ghi danh sách mã nộp vào tệp này' },
    slips: { type: 'string', value: '<tệp.docx>', description: 'với tokens: ghi phiếu cấp mã (Word) để in và gửi từng đơn vị; cần --url' },
    url: { type: 'string', value: '<địa chỉ dịch vụ>', description: 'địa chỉ dịch vụ in trên phiếu, ví dụ https://dienhinh.congan.dongthap.gov.vn' },
  },
  examples: [
    'dien-hinh units import don-vi.xlsx --data /srv/dien-hinh',
    'dien-hinh units list --data /srv/dien-hinh',
    'dien-hinh units tokens --out ma-nop.txt --slips phieu-cap-ma.docx --url https://dienhinh.congan.dongthap.gov.vn --data /srv/dien-hinh',
    'dien-hinh units token CQ-001 --data /srv/dien-hinh',
    'dien-hinh units list --data /srv/dien-hinh --database-url postgres://dienhinh:matkhau@127.0.0.1:5432/dienhinh',
  ],
  async run({ values, positionals }, usageError) {
    const [sub, ...rest] = positionals;
    const json = values.json;
    if (!sub || !SUBCOMMANDS.includes(sub)) return usageError(cliServerText.unknownSubcommand(sub ?? '', SUBCOMMANDS));
    if (sub === 'import' && !rest[0]) return usageError(cliServerText.fileMissing);
    if ((sub === 'token' || sub === 'revoke') && !rest[0]) return usageError(unitsText.codeMissing);
    const { slips, url } = values;
    if (slips !== undefined && !url?.trim()) return usageError(unitsText.slipsNeedUrl);
    const where = storeLocation(values, usageError);
    if (!where) return 2;
    // Only an import may start a data folder; the others read its units, so a mistyped folder is said, never created empty.
    if (sub !== 'import' && dataFolderMissing(where)) return 1;
    const { dataDir } = where;
    return withCommandStore(where, async (store) => {
      const ctx = { store, now: () => new Date() };
      if (sub === 'import') return runImport(store, rest[0]!);
      if (sub === 'tokens') return runTokens(ctx, json, values.out, slips !== undefined ? { file: slips, url: url!.trim(), dataDir } : undefined);
      if (sub === 'token') {
        const issued = await rotateUnitToken(ctx, rest[0]!, CLI_ACTOR);
        process.stdout.write(json ? `${JSON.stringify(issued, null, 2)}\n` : `${unitsText.tokenIssued(issued.code, issued.name)}\n${issued.token}\n`);
        return 0;
      }
      if (sub === 'revoke') {
        const unit = await revokeUnitToken(ctx, rest[0]!, CLI_ACTOR);
        process.stdout.write(`${unitsText.tokenRevoked(unit.code, unit.name)}\n`);
        return 0;
      }
      return runList(store, json);
    });
  },
});

async function runImport(store: Store, file: string): Promise<number> {
  if (!existsSync(file)) {
    process.stderr.write(`${cliServerText.fileNotFound(file)}\n`);
    return 1;
  }
  const parsed = await readUnitsFile(file);
  let problems = parsed.problems;
  if (problems.length === 0) {
    const imported = await importUnits({ store, now: () => new Date() }, parsed.units, CLI_ACTOR);
    if (imported.ok) {
      const { added, updated, unchanged } = imported.outcome;
      process.stdout.write(`${unitsText.imported(added, updated, unchanged)}\n`);
      return 0;
    }
    problems = imported.problems;
  }
  for (const p of problems) process.stderr.write(`${unitsText.problemLine(p.line, p.message)}\n`);
  const rows = new Set(problems.filter((p) => p.line > 0).map((p) => p.line)).size;
  process.stderr.write(`${rows > 0 ? unitsText.refused(rows) : unitsText.refusedFile}\n`);
  return 1;
}

/**
 * New tokens for every unit. They are written first — to `--out` (a temporary file renamed into
 * place) and to stdout — and put in force only once delivered: a write that fails (a full disk, a
 * closed pipe) puts none in force. Even then each old token keeps working until its unit first uses
 * the new one, so a list cut short (`| head`) never leaves a unit without a working token.
 */
async function runTokens(
  ctx: { store: Store; now(): Date }, json: boolean, out: string | undefined, slips: { file: string; url: string; dataDir: string } | undefined,
): Promise<number> {
  const prepared = await prepareUnitTokens(ctx);
  if (prepared.issued.length === 0) {
    process.stderr.write(`${unitsText.noUnits}\n`);
    return 1;
  }
  const text = json ? `${JSON.stringify(prepared.issued.map(printable), null, 2)}\n` : tokensText(prepared.issued);
  const files: [string, () => Promise<Buffer>][] = [];
  if (out) files.push([out, async () => Buffer.from(text, 'utf8')]);
  if (slips) {
    files.push([slips.file, async () => {
      const { settings } = await documentSettingsFor(ctx, vietnamDate(ctx.now()).year);
      return makeTokenSlips(prepared.issued.map(printable), slips.url, settings.issuingBody, { dataDir: slips.dataDir });
    }]);
  }
  for (const [file, bytes] of files) {
    try {
      await writeBuffer(file, await bytes());
    } catch (error) {
      const failure = asOutputError(file, error);
      if (!(failure instanceof AppError)) throw failure;
      process.stderr.write(`${unitsText.tokensNotWritten(failure.message)}\n`);
      return 1;
    }
  }
  const printed = await writeStdout(text);
  if (!printed && files.length === 0) {
    process.stderr.write(`${unitsText.tokensNotDelivered}\n`);
    return 1;
  }
  await commitUnitTokens(ctx, prepared, CLI_ACTOR);
  for (const [file] of files) process.stderr.write(`${unitsText.tokensWritten(file, prepared.issued.length)}\n`);
  return 0;
}

function printable(t: IssuedToken) {
  return { code: t.code, name: t.name, kind: t.kind, parent: t.parent, token: t.token };
}

function tokensText(issued: readonly IssuedToken[]): string {
  return `${unitsText.tokensHeader}\n${issued.map((t) => `${t.code}\t${t.name}\t${UNIT_KIND_LABELS[t.kind]}\t${t.parent}\t${t.token}\n`).join('')}`;
}

/** Writes to stdout and resolves true once the bytes are handed to the OS; false on an error (EPIPE). */
function writeStdout(text: string): Promise<boolean> {
  return new Promise((resolve) => {
    const onError = () => resolve(false);
    process.stdout.once('error', onError);
    process.stdout.write(text, (error) => {
      process.stdout.off('error', onError);
      // A closed pipe may still report later: keep it from crashing the process.
      process.stdout.on('error', () => undefined);
      resolve(!error);
    });
  });
}

async function runList(store: Store, json: boolean): Promise<number> {
  const units = await store.listUnits();
  if (json) {
    process.stdout.write(`${JSON.stringify(units.map((u) => ({
      code: u.code, name: u.name, kind: u.kind, parent: u.parent, contact: u.contact, hasToken: u.hasToken,
    })), null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${units.length === 0 ? unitsText.noUnits : unitsText.listHeader(units.length)}\n`);
  for (const u of units) process.stdout.write(`${u.code}\t${u.name}\t${UNIT_KIND_LABELS[u.kind]}\t${u.parent}\t${u.contact}\n`);
  return 0;
}

export default unitsCommand;
