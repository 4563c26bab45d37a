/**
 * The console end to end, in headless Chromium against the real service: `dien-hinh serve` on a
 * free port with a SQLite data folder in a temporary directory, units imported from a CSV with
 * `dien-hinh units import`. Signs in, sets the calendar, uploads three workbooks (valid, late,
 * with errors), sees the board update, appraises and approves, downloads the consolidated
 * workbook and reads its rows and a unit's biên bản thẩm định; a file two listed units could own
 * is sent again for the unit chosen. Screenshots go to test/console/__screenshots__/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitsResponseSchema } from '../../shared/api/schemas';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { vietnamDate } from '../../shared/deadlines/vietnamTime';
import { fullFill } from '../support/fill';
import { makeWorkbookBytes } from '../support/workbooks';
import { ensureConsoleBuilt, launchChromium, localContext, ROOT } from './browser';

const CLI = path.join(ROOT, 'dist/server/cli/main.js');
const SHOTS = path.join(ROOT, 'test/console/__screenshots__');
const SET = defaultCriteriaSets().find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;

const VALID = 'Văn phòng Công an tỉnh';
const LATE = 'Trường THCS Vĩnh Thuận';
const BROKEN = 'Công ty TNHH Tân Phú';
const NEW_UNIT = 'Công ty Cổ phần Mỹ Xương';

let dataDir: string;
let server: ChildProcess;
let origin: string;
let adminToken: string;
let browser: Browser;
const today = vietnamDate(new Date());
const year = today.year;
/** On 1 January nothing can be after a due day of the same year. */
const lateIsPossible = !(today.month === 1 && today.day === 1);

function startServer(dir: string): Promise<{ process: ChildProcess; origin: string; token: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--http', '--data', dir, '--log-level', 'warn'], {
      cwd: ROOT, env: { ...process.env, DIEN_HINH_HTTPS: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /https?:\/\/127\.0\.0\.1:\d+/u.exec(out)?.[0];
      const token = /admin token: (\S+)/u.exec(out)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ process: child, origin: url, token });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${out}`)); });
  });
}

async function workbook(name: string, kind: string, scores: Record<number, number> = {}): Promise<Buffer> {
  const base = fullFill(SET, name);
  return makeWorkbookBytes(SET, { ...base, unit: { ...base.unit, kind, year }, scores: { ...base.scores, ...scores } });
}

/** Waits until the notifications have gone, for a clean screenshot. */
async function quiet(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.fui-Toast').count(), { timeout: 20_000 }).toBe(0);
}

/** The board row of a unit (rows are windowed: the unit must be in view, so search for it). */
async function boardRow(page: Page, name: string, search = name) {
  await page.getByLabel('Tìm theo tên đơn vị').fill(search);
  const row = page.locator('[data-unit-id]', { has: page.getByRole('button', { name: `Mở hồ sơ ${name}` }) });
  await row.waitFor();
  return row;
}

beforeAll(async () => {
  ensureConsoleBuilt();
  if (!existsSync(CLI)) throw new Error('dist/server/cli/main.js is missing: run npm run build first');
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-console-e2e-'));
  const csv = path.join(dataDir, 'don-vi.csv');
  writeFileSync(csv, [
    'Tên đơn vị,Loại,Xã/phường,Liên hệ',
    `${VALID},Cơ quan,Phường Cao Lãnh,Trần Thị B`,
    `${LATE},Cơ sở giáo dục,Xã Vĩnh Thuận,Lê Văn C`,
    `${BROKEN},Doanh nghiệp,Phường Mỹ Phú,Phạm Thị D`,
    'Xã Mỹ An,Xã,,Nguyễn Văn E',
    'Phường Sa Đéc,Phường,,Võ Thị G',
  ].join('\n'), 'utf8');
  const imported = spawnSync(process.execPath, [CLI, 'units', 'import', csv, '--data', dataDir], { cwd: ROOT, encoding: 'utf8' });
  expect(imported.status, imported.stderr).toBe(0);
  const started = await startServer(dataDir);
  server = started.process;
  origin = started.origin;
  adminToken = started.token;
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('provincial console against the real service', () => {
  it('signs in, takes in three workbooks, reviews, appraises and exports', async () => {
    const context = await localContext(browser, origin);
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(origin);

    // Sign in: a wrong token is refused in Vietnamese, the right one opens the board.
    await page.getByLabel('Mã quản trị').fill('sai-ma');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByText('Mã quản trị không đúng').count()).toBe(1);
    await page.getByLabel('Mã quản trị').fill(adminToken);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('[data-count="expected"]').waitFor();
    expect(await page.locator('[data-count="expected"]').innerText()).toContain('5');
    expect(await page.evaluate(() => sessionStorage.getItem('dien-hinh.console.token'))).toBe(adminToken);

    // Deadlines: the general final report is due on 31/12; schools' was due on 01/01 (so late).
    await page.getByRole('tab', { name: 'Hạn nộp' }).click();
    const due = page.getByLabel('Hạn nộp Báo cáo kết quả năm – Áp dụng chung');
    await due.waitFor();
    await due.fill('31/12');
    await page.getByLabel('Khoá tiếp nhận Báo cáo kết quả năm – Áp dụng chung').fill('31/12');
    await page.getByRole('switch', { name: 'Lịch riêng cho Cơ sở giáo dục' }).check();
    await page.getByLabel('Hạn nộp Báo cáo kết quả năm – Cơ sở giáo dục').fill('1/1');
    await page.getByLabel('Khoá tiếp nhận Báo cáo kết quả năm – Cơ sở giáo dục').fill('31/12');
    await page.getByRole('button', { name: 'Lưu lịch hạn nộp' }).click();
    await page.getByText('Đã lưu lịch hạn nộp').first().waitFor();
    // The form shows what the server saved: "1/1" normalised to "01/01".
    expect(await page.getByLabel('Hạn nộp Báo cáo kết quả năm – Cơ sở giáo dục').inputValue()).toBe('01/01');
    await quiet(page);
    await page.screenshot({ path: path.join(SHOTS, 'deadlines.png') });

    // Intake: three files for the final report, each with its own result.
    await page.getByRole('tab', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByLabel('Nộp cho mốc').selectOption('final');
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const validBytes = await workbook(VALID, 'Cơ quan');
    await page.locator('input[data-input="files"]').setInputFiles([
      { name: 'van-phong-ca-tinh.xlsx', mimeType: xlsx, buffer: validBytes },
      { name: 'thcs-vĩnh-thuận.xlsx', mimeType: xlsx, buffer: await workbook(LATE, 'Cơ sở giáo dục') },
      { name: 'cong-ty-tan-phu.xlsx', mimeType: xlsx, buffer: await workbook(BROKEN, 'Doanh nghiệp', { 1: 7 }) },
      { name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải bảng chấm điểm') },
    ]);
    await page.getByText(/^Bỏ qua 1 tệp không phải \.xlsx: ghi-chu\.txt\. /u).waitFor();
    await page.getByText('Đã xử lý 3/3 tệp').waitFor({ timeout: 30_000 });
    const item = (file: string) => page.locator(`li[data-file="${file}"]`);
    expect(await item('van-phong-ca-tinh.xlsx').getAttribute('data-outcome')).toBe('accepted');
    expect(await item('thcs-vĩnh-thuận.xlsx').getAttribute('data-outcome')).toBe('accepted');
    expect(await item('cong-ty-tan-phu.xlsx').getAttribute('data-outcome')).toBe('rejected');
    if (lateIsPossible) expect(await item('thcs-vĩnh-thuận.xlsx').innerText()).toMatch(/Nộp muộn \d+ ngày/u);
    expect(await item('van-phong-ca-tinh.xlsx').innerText()).not.toContain('Nộp muộn');
    const rejected = await item('cong-ty-tan-phu.xlsx').innerText();
    expect(rejected).toContain('Các ô cần sửa');
    expect(rejected).toMatch(/![A-Z]+\d+/u); // a sheet!cell reference to fix
    // The same bytes again are a duplicate; a changed workbook is the next version.
    await page.locator('input[data-input="files"]').setInputFiles([
      { name: 'van-phong-gui-lai.xlsx', mimeType: xlsx, buffer: validBytes },
      { name: 'van-phong-lan-2.xlsx', mimeType: xlsx, buffer: await workbook(VALID, 'Cơ quan', { 2: 3.5 }) },
    ]);
    await page.getByText('Đã xử lý 5/5 tệp').waitFor({ timeout: 30_000 });
    expect(await item('van-phong-gui-lai.xlsx').getAttribute('data-outcome')).toBe('duplicate');
    expect(await item('van-phong-lan-2.xlsx').getAttribute('data-outcome')).toBe('new-version');
    expect(await item('van-phong-lan-2.xlsx').innerText()).toContain('phiên bản 2');
    // A unit not on the list: offered to add it (prefilled from the workbook), then taken in.
    await page.locator('input[data-input="files"]').setInputFiles([{ name: 'moi.xlsx', mimeType: xlsx, buffer: await workbook(NEW_UNIT, 'Doanh nghiệp') }]);
    await page.getByText('Đã xử lý 6/6 tệp').waitFor({ timeout: 30_000 });
    expect(await item('moi.xlsx').getAttribute('data-outcome')).toBe('unit-unknown');
    await item('moi.xlsx').getByRole('button', { name: /Thêm đơn vị này/u }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Tên đơn vị').inputValue()).toBe(NEW_UNIT);
    expect(await dialog.getByLabel('Loại đơn vị').inputValue()).toBe('doanh-nghiep');
    await dialog.getByRole('button', { name: 'Thêm và tiếp nhận lại' }).click();
    await expect.poll(() => item('moi.xlsx').getAttribute('data-outcome'), { timeout: 30_000 }).toBe('accepted');
    await quiet(page);
    await page.screenshot({ path: path.join(SHOTS, 'intake.png') });

    // The board has updated: statuses, counts.
    await page.getByRole('tab', { name: 'Bảng theo dõi' }).click();
    await expect.poll(async () => page.locator('[data-count="submitted"]').innerText(), { timeout: 10_000 }).toContain('4');
    expect(await page.locator('[data-count="expected"]').innerText()).toContain('6');
    expect(await (await boardRow(page, VALID)).locator('[data-stage="final"]').getAttribute('data-status')).toBe('on-time');
    expect(await (await boardRow(page, BROKEN)).locator('[data-stage="final"]').getAttribute('data-status')).toBe('invalid');
    const lateRow = await boardRow(page, LATE, 'vinh thuan'); // accent-insensitive search
    expect(await lateRow.locator('[data-stage="final"]').getAttribute('data-status')).toBe(lateIsPossible ? 'late' : 'on-time');
    expect(await page.locator('[data-count="eligible"]').innerText()).toContain('3');
    expect(await page.locator('[data-count="late"]').innerText()).toContain(lateIsPossible ? '1' : '0');
    expect(await page.locator('[data-target]').getAttribute('data-target')).toBe('reached');

    // Review: appraise the school below the maximum of hard criterion 5 → not eligible any more.
    await lateRow.getByRole('button', { name: `Mở hồ sơ ${LATE}` }).click();
    const drawer = page.getByRole('dialog');
    await drawer.locator('[data-verdict="eligible"]').waitFor();
    const criterionTitle = SET.criteria.find((c) => c.number === 5)!.title;
    await drawer.getByText(criterionTitle).first().waitFor(); // titles come from GET /api/sets/:id
    // A score off the set's step is refused as typed, beside its field, in view; the button says why.
    const appraisal5 = drawer.getByLabel('Điểm thẩm định tiêu chí 5');
    await appraisal5.fill('4,3');
    const stepError = drawer.locator('[data-criterion="5"]').getByText('Điểm 4,3 không đúng bước điểm 0,5', { exact: false });
    await stepError.waitFor();
    expect(await appraisal5.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => stepError.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })).toBe(true);
    expect(await drawer.getByRole('button', { name: 'Lưu điểm thẩm định' }).isDisabled()).toBe(true);
    expect(await drawer.locator('[data-blocker]').innerText()).toContain('sửa điểm ở tiêu chí 5');
    await appraisal5.fill('4,5');
    expect(await appraisal5.getAttribute('aria-invalid')).not.toBe('true');
    await drawer.getByRole('button', { name: 'Lưu điểm thẩm định' }).click();
    await drawer.locator('[data-verdict="not-eligible"]').waitFor({ timeout: 10_000 });
    expect(await drawer.locator('[data-verdict]').innerText()).toContain('Kết luận tính theo điểm thẩm định');
    expect(await drawer.locator('[data-verdict]').innerText()).toContain('Tiêu chí cứng 5 đạt 4,5/5 điểm');
    await quiet(page);
    await page.screenshot({ path: path.join(SHOTS, 'review.png') });
    await drawer.getByRole('tab', { name: 'Nhật ký' }).click();
    await drawer.getByRole('cell', { name: 'Quản trị viên' }).first().waitFor();
    await drawer.getByRole('cell', { name: 'Chấm điểm thẩm định' }).first().waitFor();
    await drawer.getByRole('button', { name: 'Đóng' }).click();
    await expect.poll(() => page.locator('[data-count="eligible"]').innerText()).toContain('2');
    expect(await page.locator('[data-target]').getAttribute('data-target')).toBe('not-reached');

    // Approve the valid unit with a note.
    const validRow = await boardRow(page, VALID);
    await validRow.getByRole('button', { name: `Mở hồ sơ ${VALID}` }).click();
    await drawer.getByRole('tab', { name: 'Duyệt' }).click();
    await drawer.getByRole('radio', { name: 'Đã duyệt' }).check();
    await drawer.getByLabel(/Ghi chú/u).fill('Hồ sơ đầy đủ, đề nghị công nhận.');
    await drawer.getByRole('button', { name: 'Lưu trạng thái duyệt' }).click();
    await page.getByText('Đã chuyển sang "Đã duyệt"').first().waitFor();
    await drawer.getByRole('tab', { name: 'Các phiên bản' }).click();
    await drawer.getByText('Tiêu chí 2: 4 → 3,5').waitFor(); // what changed in version 2
    await drawer.getByRole('button', { name: 'Đóng' }).click();
    await expect.poll(async () => (await boardRow(page, VALID)).locator('[data-stage="final"]').getAttribute('data-status')).toBe('approved');

    // The API agrees with what the board shows.
    const api = unitsResponseSchema.parse(await (await fetch(`${origin}/api/units?year=${year}`, { headers: { Authorization: `Bearer ${adminToken}` } })).json());
    expect(api.counts).toMatchObject({ expected: 6, submitted: 4, valid: 3, eligible: 2 });

    // Download the consolidated workbook with the token and check its rows.
    await page.getByLabel('Tìm theo tên đơn vị').fill('');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await page.getByRole('button', { name: 'Tải xuống' }).click();
        await page.getByRole('menuitem', { name: 'Bảng tổng hợp (.xlsx)' }).click();
      })(),
    ]);
    const saved = path.join(dataDir, 'tong-hop.xlsx');
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/u);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const sheet = book.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const header = rows.find((r) => r.includes('Tên đơn vị'))!;
    expect(header).toBeDefined();
    const col = (name: string) => header.indexOf(name);
    const rowOf = (unit: string) => rows.find((r) => r[col('Tên đơn vị')] === unit)!;
    for (const unit of [VALID, LATE, BROKEN, NEW_UNIT, 'Xã Mỹ An', 'Phường Sa Đéc']) expect(rowOf(unit), unit).toBeDefined();
    expect(rowOf(VALID)[col('Trạng thái duyệt')]).toBe('Đã duyệt');
    expect(rowOf(VALID)[col('Kết quả')]).toBe('Đủ điều kiện');
    expect(rowOf(LATE)[col('Kết quả')]).toBe('Chưa đủ điều kiện');
    expect(rowOf(LATE)[col('Nguồn điểm')]).not.toBe('');
    if (lateIsPossible) expect(rowOf(LATE)[col('Đúng hạn / Nộp muộn')]).toMatch(/muộn/iu);
    expect(rowOf(BROKEN).join(' ')).toContain('Tệp không hợp lệ');
    expect(rowOf('Xã Mỹ An').join(' ')).toContain('Chưa nộp');

    // The other two exports download too, built from the same data.
    for (const [label, extension] of [['Báo cáo tổng hợp (.docx)', '.docx'], ['Danh sách đề nghị công nhận (.xlsx)', '.xlsx']] as const) {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        (async () => {
          await page.getByRole('button', { name: 'Tải xuống' }).click();
          await page.getByRole('menuitem', { name: label }).click();
          // The first Word document of a year asks for the document settings (letterhead, signer…), then downloads.
          if (extension === '.docx') {
            const dialog = page.getByRole('dialog');
            await dialog.getByLabel('Họ tên người ký', { exact: true }).fill('Nguyễn Văn Bình');
            await dialog.getByRole('button', { name: 'Lưu và tải xuống' }).click();
          }
        })(),
      ]);
      expect(file.suggestedFilename().endsWith(extension)).toBe(true);
      const bytes = readFileSync((await file.path())!);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip: docx and xlsx both are
    }

    // New tokens for every unit as printable slips: asked first, then downloaded.
    const [slips] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await page.getByRole('button', { name: 'Tải xuống' }).click();
        await page.getByRole('menuitem', { name: 'Cấp mã nộp mới và in phiếu cho tất cả đơn vị…' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Cấp mã và tải phiếu' }).click();
      })(),
    ]);
    expect(slips.suggestedFilename()).toBe('Phiếu mã nộp hồ sơ.docx');
    expect(readFileSync((await slips.path())!).subarray(0, 2).toString('latin1')).toBe('PK');

    // The appraised unit's biên bản thẩm định, from its review panel (the year's settings are saved by now).
    const appraised = await boardRow(page, LATE, 'vinh thuan');
    await appraised.getByRole('button', { name: `Mở hồ sơ ${LATE}` }).click();
    await drawer.getByRole('tab', { name: 'Điểm & thẩm định' }).waitFor();
    const [record] = await Promise.all([
      page.waitForEvent('download'),
      drawer.getByRole('button', { name: 'Tải biên bản thẩm định (.docx)' }).click(),
    ]);
    expect(record.suggestedFilename()).toMatch(/\.docx$/u);
    expect(readFileSync((await record.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    await drawer.getByRole('button', { name: 'Đóng' }).click();
    await page.getByLabel('Tìm theo tên đơn vị').fill('');

    // The board, as a person sees it.
    await page.getByRole('tab', { name: 'Bảng theo dõi' }).click();
    await page.locator('[data-unit-id]').first().waitFor();
    await quiet(page);
    await page.screenshot({ path: path.join(SHOTS, 'board.png') });
    await page.getByRole('tab', { name: 'Biểu đồ' }).click();
    await page.locator('[data-chart="timeline"] svg[role="img"]').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'charts.png'), fullPage: true });

    expect(failures).toEqual([]);
    await context.close();
  }, 150_000);

  it('shows a file two listed units could own as such and sends it again for the unit the officer picks, adding no unit', async () => {
    const twin = 'Văn phòng Cơ quan Song Sinh';
    const admin = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
    const add = async (parent: string) => {
      const answer = await fetch(`${origin}/api/units`, { method: 'POST', headers: admin, body: JSON.stringify({ name: twin, kind: 'co-quan', parent }) });
      expect(answer.status).toBe(201);
      return (await answer.json()) as { code: string };
    };
    await add('Xã Tân Hồng');
    const chosen = await add('Xã Tháp Mười');
    const context = await localContext(browser, origin);
    await context.addInitScript((token) => sessionStorage.setItem('dien-hinh.console.token', token), adminToken);
    const page = await context.newPage();
    await page.goto(origin);
    await page.getByRole('tab', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByLabel('Nộp cho mốc').selectOption('final');
    await page.locator('input[data-input="files"]').setInputFiles([
      { name: 'song-sinh.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook(twin, 'Cơ quan') },
    ]);
    const item = page.locator('li[data-file="song-sinh.xlsx"]');
    await expect.poll(() => item.getAttribute('data-outcome'), { timeout: 30_000 }).toBe('unit-ambiguous');
    const text = await item.innerText();
    expect(text).toContain('Có 2 đơn vị cùng tên');
    expect(text).not.toContain('Đơn vị chưa có trong danh sách');
    await item.getByRole('button', { name: `Tệp của ${chosen.code} · ${twin} (Xã Tháp Mười): tiếp nhận lại cho đơn vị này` }).click();
    await expect.poll(() => item.getAttribute('data-outcome'), { timeout: 30_000 }).toBe('accepted');
    const registry = (await (await fetch(`${origin}/api/units/registry`, { headers: admin })).json()) as { name: string }[];
    expect(registry.filter((u) => u.name === twin)).toHaveLength(2);
    await context.close();
  }, 60_000);

  it('opens the board of a tab that kept its token with one first-page request, sent by the page\'s first script', async () => {
    const context = await localContext(browser, origin);
    await context.addInitScript((token) => sessionStorage.setItem('dien-hinh.console.token', token), adminToken);
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    const firstPages: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/units?') && request.url().includes('limit=')) firstPages.push(request.url());
    });
    await page.goto(origin);
    await page.locator('[data-unit-id]').first().waitFor();
    expect(firstPages).toHaveLength(1);
    // console-early.js sent it: before the app's bundle ran (its first line marks dien-hinh:script).
    const sentAt = await page.evaluate(() => ({
      request: performance.getEntriesByType('resource').find((e) => e.name.includes('/api/units?') && e.name.includes('limit='))!.startTime,
      bundle: performance.getEntriesByName('dien-hinh:script')[0]!.startTime,
    }));
    expect(sentAt.request).toBeLessThan(sentAt.bundle);
    expect(failures).toEqual([]);
    await context.close();
  }, 60_000);
});
