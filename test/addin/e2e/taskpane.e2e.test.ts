/**
 * End to end: the production build of the task pane in headless Chromium, with office.js
 * replaced by a fake Excel host holding a real scoring workbook (written by the server's
 * template writer, read back by the server's .xlsx reader). Three criteria are filled by
 * keyboard, the cells checked; the workbook is submitted to a local test double, then to the
 * real sync service serving the pane itself.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as acorn from 'acorn';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type webpackType from 'webpack';
import { defaultCriteriaSets } from '../../../shared/criteria/defaults';
import { createRegistry } from '../../../shared/criteria/load';
import { SHEETS } from '../../../shared/workbook/layout';
import type { WorkbookSnapshot } from '../../../shared/workbook/port';
import { checkWorkbookBytes, readWorkbookBytes } from '../../../server/xlsx/readWorkbook';
import { makeWorkbookBytes } from '../../support/workbooks';
import { taskpaneWeights } from '../../bench/taskpane';
import { coQuan as coQuanUnit, startTestService, type TestService } from '../../server/support/harness';
import { startSubmissionDouble, type SubmissionDouble } from '../support/submissionDouble';

const root = path.resolve(__dirname, '..', '..', '..');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const UNIT = 'Văn phòng UBND tỉnh Đồng Tháp';
const sets = defaultCriteriaSets();
const registry = createRegistry(sets);
const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Builds the pane (production, as `npm run build:web` does) and the fake host, once. */
async function build(outDir: string): Promise<{ webDir: string; hostJs: string }> {
  const webpack = (await import('webpack')).default as typeof webpackType;
  const factory = (await import(path.join(root, 'webpack.config.js'))).default as (env: unknown, argv: { mode: string }) => webpackType.Configuration[];
  const addin = factory(undefined, { mode: 'production' }).find((c) => c.name === 'addin')!;
  addin.output = { ...addin.output, path: path.join(outDir, 'web', 'addin') };
  const host: webpackType.Configuration = {
    name: 'fake-host', mode: 'production', target: 'web', devtool: false,
    entry: path.join(__dirname, 'fakeHost.ts'),
    output: { path: path.join(outDir, 'host'), filename: 'office.js' },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/u, loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'esnext' } } }] },
  };
  await new Promise<void>((resolve, reject) => {
    webpack([addin, host]).run((error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    });
  });
  return { webDir: path.join(outDir, 'web'), hostJs: readFileSync(path.join(outDir, 'host', 'office.js'), 'utf8') };
}

/**
 * A static file server for the built pane, as a plain web host would serve it; `/api/` goes to
 * `api()` (the submission double), so the pane, which talks to the origin that served it, reaches it.
 */
async function serveStatic(webDir: string, api: () => string | undefined = () => undefined): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'application/javascript', '.png': 'image/png' };
  const server = http.createServer((req, res) => {
    const target = api();
    if (target && (req.url ?? '').startsWith('/api/')) {
      const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      return;
    }
    const file = path.join(webDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(webDir)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file.endsWith('/') ? path.join(file, 'index.html') : file);
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'text/html; charset=utf-8' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

const saved = new Map<string, Promise<string>>();

/**
 * What Excel would save: the original file with the fake's current cell values. The same cells
 * give the same bytes (exceljs would stamp a new time into every file it writes).
 */
function fileFromCells(original: Buffer, snapshot: WorkbookSnapshot): Promise<string> {
  const key = JSON.stringify(snapshot);
  if (!saved.has(key)) saved.set(key, writeFile(original, snapshot));
  return saved.get(key)!;
}

async function writeFile(original: Buffer, snapshot: WorkbookSnapshot): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(original as unknown as ArrayBuffer);
  for (const range of Object.values(snapshot.ranges)) {
    if (!range) continue;
    const sheet = workbook.getWorksheet(range.sheet)!;
    range.values.forEach((row, r) => row.forEach((value, c) => {
      const cell = sheet.getCell(range.top + r, range.left + c);
      if (cell.formula) return;
      cell.value = value;
    }));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

describe('the task pane in Chromium over a fake Excel', () => {
  let outDir: string;
  let webDir: string;
  let hostJs: string;
  let original: Buffer;
  let snapshot: WorkbookSnapshot;
  let browser: Browser;
  let staticServer: { url: string; close(): Promise<void> };
  let double: SubmissionDouble;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-e2e-'));
    ({ webDir, hostJs } = await build(outDir));
    original = await makeWorkbookBytes(coQuan, {
      unit: { name: UNIT, kind: 'Cơ quan', parent: 'Phường Cao Lãnh', head: 'Nguyễn Văn A', contact: 'Trần Thị B', phone: '0277 3851 234', year: 2026 },
      scores: { 1: 4, 2: 4, 3: 3.5, 4: 4 },
      dossier: { report: true, request: true, minutes: true, registration: true },
    });
    const read = await readWorkbookBytes(original);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    snapshot = read.value;
    staticServer = await serveStatic(webDir, () => double?.url);
    double = await startSubmissionDouble({
      tokens: { 'token-vp': { id: 'u1', name: UNIT } },
      check: (bytes) => checkWorkbookBytes(bytes, registry),
      origins: [staticServer.url],
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await staticServer?.close();
    await double?.close();
  });

  async function openPane(origin: string, excelApi = '1.14', workbook: WorkbookSnapshot = snapshot): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 380, height: 1000 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    // 08/11/2026 10:00 in Vietnam: the final report is due in twelve days.
    await context.clock.setFixedTime(new Date('2026-11-08T03:00:00Z'));
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Nothing leaves this machine; office.js is the fake host (routes registered later win).
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      return url.hostname === '127.0.0.1' || url.hostname === 'localhost' ? route.continue() : route.abort();
    });
    await page.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: 'application/javascript', body: hostJs }));
    await page.exposeFunction('__dienHinhHostFile', (current: WorkbookSnapshot) => fileFromCells(original, current));
    await page.addInitScript((setup) => { (window as unknown as { __dienHinhSetup: unknown }).__dienHinhSetup = setup; }, {
      snapshot: workbook, excelApi, url: 'https://contoso.sharepoint.com/Shared%20Documents/B%E1%BA%A3ng%20ch%E1%BA%A5m%20%C4%91i%E1%BB%83m%20VP.xlsx',
    });
    await page.goto(`${origin}/addin/index.html`);
    if (workbook === snapshot) await page.getByRole('heading', { level: 1, name: UNIT }).waitFor();
    return page;
  }

  const cell = (page: Page, sheet: string, row: number, col: number) =>
    page.evaluate(([s, r, c]) => (window as unknown as { __fake: { getCell(s: string, r: number, c: number): unknown } }).__fake.getCell(s as string, r as number, c as number), [sheet, row, col] as const);

  it('fills three criteria by keyboard into their cells, follows the sheet, and submits to a test double', async () => {
    const page = await openPane(staticServer.url);
    await page.getByText('Đã chấm 4/12 tiêu chí').first().waitFor();
    await page.getByText('Bộ tiêu chí dự thảo (cần đối chiếu với Quyết định 3554/QĐ-BCA-V05)').first().waitFor();
    await page.getByText('Báo cáo kết quả năm: hạn 20/11/2026 — Còn 12 ngày').first().waitFor();

    // Criterion 5: the pane selects its cell in the sheet and puts the keyboard on the score.
    await page.getByRole('button', { name: 'Tiêu chí 5: chưa chấm' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tiêu chí 5' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __fake: { selection: unknown } }).__fake.selection)).toEqual({ sheet: SHEETS.scores, row: 9, col: 6 });
    await page.keyboard.type('4,5');
    await page.keyboard.press('Enter');
    await page.getByTestId('hard-warning').first().waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Biên bản họp số 3/BB ngày 05/10/2026');
    await page.keyboard.press('Tab'); // leaves the evidence field: written
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "Bước tiếp"
    await page.getByRole('heading', { level: 2, name: 'Tiêu chí 6' }).waitFor();
    await page.keyboard.type('3,5');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Tiêu chí 7' }).waitFor();
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await page.getByText('Đã chấm 7/12 tiêu chí').first().waitFor();
    await expect.poll(() => page.getByTestId('total').textContent()).toBe('Tổng điểm 27,5/50');

    expect(await cell(page, SHEETS.scores, 9, 6)).toBe(4.5);
    expect(await cell(page, SHEETS.scores, 9, 7)).toBe('Biên bản họp số 3/BB ngày 05/10/2026');
    expect(await cell(page, SHEETS.scores, 10, 6)).toBe(3.5);
    expect(await cell(page, SHEETS.scores, 11, 6)).toBe(4);

    // A person types in the sheet: the pane follows without reloading; an invalid value is an error.
    await page.evaluate(() => (window as unknown as { __fake: { userEdit(s: string, r: number, c: number, v: unknown): void } }).__fake.userEdit('Chấm điểm', 12, 6, 'năm'));
    await page.evaluate(() => (window as unknown as { __fake: { userSelect(s: string, r: number, c: number): void } }).__fake.userSelect('Chấm điểm', 12, 3));
    await page.getByRole('heading', { level: 2, name: 'Tiêu chí 8' }).waitFor();
    await page.getByText(/ô F12\) không hợp lệ: "năm" không phải là số điểm/u).first().waitFor();
    await page.evaluate(() => (window as unknown as { __fake: { userEdit(s: string, r: number, c: number, v: unknown): void } }).__fake.userEdit('Chấm điểm', 12, 6, 5));
    await page.getByText('Đã chấm 8/12 tiêu chí').first().waitFor();
    await page.screenshot({ path: path.join(__dirname, '..', '__screenshots__', 'taskpane-criterion.png'), fullPage: true });

    // Review and submit to the local test double.
    await page.getByRole('combobox', { name: 'Đi đến bước' }).selectOption('review');
    await page.getByRole('heading', { level: 2, name: 'Rà soát trước khi nộp' }).waitFor();
    // No address to type: the pane sends to the origin that served it (proxied to the double here).
    expect(await page.getByLabel(/Địa chỉ máy chủ/u).count()).toBe(0);
    await page.getByLabel('Mã nộp của đơn vị').fill('token-vp');
    const submit = page.getByRole('button', { name: 'Nộp bảng chấm điểm' });
    await submit.dblclick();
    const receipt = page.getByTestId('receipt');
    await expect.poll(() => receipt.textContent(), { timeout: 10_000 }).toContain('Đã nộp thành công');
    await expect.poll(() => receipt.textContent(), { timeout: 10_000 }).toContain('sub-1');
    await expect.poll(() => receipt.textContent(), { timeout: 10_000 }).toContain('Lần nộp thứ 1');
    expect(double.received).toHaveLength(1);
    expect(double.received[0]!.fileName).toBe('Bảng chấm điểm VP.xlsx');
    const received = await checkWorkbookBytes(double.received[0]!.bytes, registry);
    expect(received.scores.map((s) => s.score)).toEqual([4, 4, 3.5, 4, 4.5, 3.5, 4, 5, null, null, null, null]);
    expect(received.hardFailures).toEqual([5]);

    // The same file again: the service answers with the same receipt, nothing new recorded.
    await page.getByRole('button', { name: 'Nộp lại' }).click();
    await expect.poll(() => receipt.textContent(), { timeout: 10_000 }).toContain('Tệp này đã được nhận trước đó');
    expect(double.recorded.size).toBe(1);

    // Offline: said so, and a retry goes through.
    double.offline = true;
    await page.getByRole('button', { name: 'Nộp lại' }).click();
    await expect.poll(() => page.getByTestId('submit-failure').textContent(), { timeout: 10_000 }).toContain('Không kết nối được máy chủ tiếp nhận');
    double.offline = false;
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await expect.poll(() => page.getByTestId('receipt').textContent(), { timeout: 10_000 }).toContain('Tệp này đã được nhận trước đó');
    expect(double.recorded.size).toBe(1);
    await page.screenshot({ path: path.join(__dirname, '..', '__screenshots__', 'taskpane-receipt.png'), fullPage: true });
    await page.locator('section[aria-labelledby="submit-heading"]').screenshot({ path: path.join(__dirname, '..', '__screenshots__', 'taskpane-submit.png') });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('the start-up bundle stays under 400 KB gzipped; the submit panel and the inserter load on demand', () => {
    const weights = taskpaneWeights(path.join(webDir, 'addin'));
    // The ES5 start-up check, then the bundle.
    expect(weights.initial).toHaveLength(2);
    expect(weights.initial[0]).toBe('start.js');
    expect(weights.initialKb).toBeLessThan(400);
    expect(weights.lazyKb).toBeGreaterThan(0);
    const lazy = readdirSync(path.join(webDir, 'addin')).filter((f) => f.endsWith('.chunk.js'));
    expect(lazy.map((f) => f.split('.')[0]).sort()).toEqual(['insert', 'submit']);
    expect(readdirSync(path.join(webDir, 'addin', 'assets')).sort()).toEqual(['icon-16.png', 'icon-32.png', 'icon-64.png', 'icon-80.png']);
    expect(readdirSync(path.join(webDir, 'addin'))).toContain('commands.html');
  });

  it('a workbook without the template gets a fresh scoring sheet inserted through Office.js', async () => {
    const page = await openPane(staticServer.url, '1.9', { sheetNames: ['Sheet1'], ranges: {} });
    await page.getByText('Tệp này chưa có bảng tự chấm điểm').first().waitFor();
    await page.getByRole('combobox', { name: 'Bộ tiêu chí' }).selectOption('dien-hinh-xa-du-thao');
    await page.screenshot({ path: path.join(__dirname, '..', '__screenshots__', 'taskpane-insert.png'), fullPage: true });
    await page.getByRole('button', { name: 'Chèn bảng chấm điểm mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chưa nhập tên đơn vị' }).waitFor();
    const sheets = await page.evaluate(() => (window as unknown as { __fake: { sheets: { name: string }[] } }).__fake.sheets.map((s) => s.name));
    expect(sheets).toEqual(['Sheet1', ...Object.values(SHEETS)]);
    await page.getByLabel(/^Tên đơn vị/u).fill('Xã Vĩnh Phong');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Xã Vĩnh Phong' }).waitFor();
    expect(await cell(page, SHEETS.unit, 3, 2)).toBe('Xã Vĩnh Phong');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('the built start-up script is ES5, and loads before the bundle', () => {
    const source = readFileSync(path.join(webDir, 'addin', 'start.js'), 'utf8');
    expect(() => acorn.parse(source, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
    const html = readFileSync(path.join(webDir, 'addin', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/gu)].map((m) => m[1]!);
    expect(scripts.some((src) => src.endsWith('start.js'))).toBe(true);
    expect(scripts.findIndex((src) => src.endsWith('start.js'))).toBeLessThan(scripts.findIndex((src) => /addin\.[0-9a-f]{8}\.js$/u.test(src)));
    // The bundle itself is not ES5: this is why the check exists.
    const bundle = readdirSync(path.join(webDir, 'addin')).find((f) => /^addin\.[0-9a-f]{8}\.js$/u.test(f))!;
    expect(() => acorn.parse(readFileSync(path.join(webDir, 'addin', bundle), 'utf8'), { ecmaVersion: 5 })).toThrow();
  });

  it('in Internet Explorer 11 (Office 2019 on Windows) it shows the Vietnamese message and does not start the app', async () => {
    const context = await browser.newContext({
      viewport: { width: 380, height: 700 },
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko',
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    await page.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: 'application/javascript', body: hostJs }));
    await page.addInitScript((setup) => { (window as unknown as { __dienHinhSetup: unknown }).__dienHinhSetup = setup; }, { snapshot, excelApi: '1.8', url: '' });
    await page.exposeFunction('__dienHinhHostFile', (current: WorkbookSnapshot) => fileFromCells(original, current));
    await page.goto(`${staticServer.url}/addin/index.html`);
    await page.waitForLoadState('load');
    const alert = page.getByTestId('old-office');
    await expect.poll(() => alert.textContent(), { timeout: 10_000 })
      .toContain('Phiên bản Office này không chạy được ngăn tác vụ; bảng chấm điểm vẫn dùng được: điền xong rồi nộp trên trang dành cho đơn vị');
    expect(await alert.getByRole('link').getAttribute('href')).toBe('/don-vi/');
    expect(await page.evaluate(() => (window as unknown as { dienHinhStart: unknown }).dienHinhStart)).toEqual({ supported: false, started: false });
    // The app never started: no spinner, no form, no read of the workbook.
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __fake: { syncs: number } }).__fake.syncs)).toBe(0);
    await page.screenshot({ path: path.join(__dirname, '..', '__screenshots__', 'taskpane-ie11.png') });
    await context.close();
  }, 60_000);

  it('opened in a plain browser (no Office), it says where to open it', async () => {
    const context = await browser.newContext({ viewport: { width: 380, height: 700 } });
    const page = await context.newPage();
    await page.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    await page.goto(`${staticServer.url}/addin/index.html`);
    await expect.poll(() => page.getByTestId('not-in-excel').textContent(), { timeout: 10_000 }).toContain('Hãy mở trang này trong Excel');
    await context.close();
  }, 60_000);

  describe('served by the real sync service', () => {
    let service: TestService;
    let server: http.Server;
    let origin: string;
    let token: string;

    beforeAll(async () => {
      service = await startTestService({ webDir });
      const tokens = await service.addUnits([coQuanUnit(UNIT, 'Phường Cao Lãnh')]);
      token = tokens.get(UNIT)!.token;
      server = http.createServer(service.app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }, 60_000);

    afterAll(async () => {
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      await service?.close();
    });

    it('loads the pane from /addin/ and submits to the same origin; the receipt is shown', async () => {
      const page = await openPane(origin, '1.8');
      await page.getByRole('combobox', { name: 'Đi đến bước' }).selectOption('criterion-12');
      await page.getByLabel(/Điểm tự chấm/u).fill('4');
      await page.keyboard.press('Enter');
      await page.getByText('Đã chấm 5/12 tiêu chí').first().waitFor();
      expect(await cell(page, SHEETS.scores, 16, 6)).toBe(4);
      await page.getByRole('combobox', { name: 'Đi đến bước' }).selectOption('review');
      await page.getByLabel('Mã nộp của đơn vị').fill(token);
      await page.getByRole('button', { name: 'Nộp bảng chấm điểm' }).click();
      const receipt = page.getByTestId('receipt');
      await expect.poll(() => receipt.textContent(), { timeout: 30_000 }).toContain('Đã nộp thành công');
      await expect.poll(() => receipt.textContent(), { timeout: 10_000 }).toContain('Lần nộp thứ 1');
      await expect.poll(() => receipt.textContent(), { timeout: 10_000 }).toContain('Báo cáo kết quả năm');
      await expect.poll(() => receipt.textContent()).toContain(UNIT);
      await expect.poll(() => receipt.textContent(), { timeout: 10_000 }).toContain('Chưa đủ điều kiện (19,5/50 điểm)');
      expect(pageErrors).toEqual([]);
      await page.context().close();
    }, 120_000);
  });
});
