/**
 * The unit portal end to end, in headless Chromium against the real service: `dien-hinh serve` on
 * a free port with a SQLite data folder, units imported and their tokens issued with the CLI.
 * A unit code typed for the token is named as such; a unit signs in with its token, reads what
 * each workbook is for, downloads them (one file name per set), fills the điển hình one (exceljs),
 * uploads it and reads the receipt; drops a workbook with an error and reads the cell to fix (its
 * history entry has no verdict); the province marks "Cần bổ sung" with a note in the console and
 * the unit reads it (the console then says the unit has seen it), then approves it and the page
 * says what "Đã duyệt" means; another unit's token never shows this unit. Screenshots at desktop
 * and phone width go to test/portal/__screenshots__/ (not tracked).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitPageResponseSchema } from '../../shared/api/schemas';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { vietnamDate } from '../../shared/deadlines/vietnamTime';
import { parseCellAddress } from '../../shared/workbook/a1';
import { ensureConsoleBuilt, launchChromium, localContext, ROOT } from '../console/browser';
import { fillEdits, fullFill, type Fill } from '../support/fill';
import { runCli, startServe, type ServeProcess } from '../server/support/serveProcess';
import { tempDir } from '../server/support/harness';
import { ensurePortalBuilt } from './browser';

const SHOTS = path.join(ROOT, 'test/portal/__screenshots__');
const SET = defaultCriteriaSets().find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const ANTT = defaultCriteriaSets().find((s) => s.id === 'an-toan-antt-co-quan-doanh-nghiep')!;
const UNIT = 'Trường Tiểu học Kim Đồng';
const OTHER = 'Văn phòng Công an tỉnh';
const NOTE = 'Thiếu biên bản họp xét chọn; bổ sung trước ngày 25/12.';
const year = vietnamDate(new Date()).year;

let serve: ServeProcess;
let adminToken: string;
let tokens: Map<string, string>;
let codes: Map<string, string>;
let browser: Browser;
let dataDir: string;

/** Types a fill into the downloaded workbook, through the workbook's own defined names. */
async function fillDownloaded(bytes: Buffer, fill: Fill): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const at = (name: string) => {
    const [range] = workbook.definedNames.getRanges(name).ranges;
    if (!range) throw new Error(`the downloaded workbook has no defined name ${name}`);
    const [sheet, ref] = range.split('!');
    const topLeft = parseCellAddress(ref!.replace(/\$/gu, '').split(':')[0]!)!;
    return { sheet: sheet!.replace(/^'|'$/gu, ''), row: topLeft.row, col: topLeft.col };
  };
  for (const edit of fillEdits(SET, fill, at)) workbook.getWorksheet(edit.sheet)!.getCell(edit.row, edit.col).value = edit.value;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${serve.url}/don-vi/`);
  await page.getByLabel('Mã nộp hồ sơ của đơn vị').fill(token);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 2, name: 'Hạn nộp trong năm' }).waitFor();
}

beforeAll(async () => {
  ensureConsoleBuilt();
  ensurePortalBuilt();
  dataDir = tempDir('dien-hinh-portal-e2e-');
  const csv = path.join(dataDir, 'don-vi.csv');
  writeFileSync(csv, ['Tên đơn vị,Loại,Xã/phường,Liên hệ', `${UNIT},Cơ quan,Xã Tân Hồng,Lê Văn C`, `${OTHER},Cơ quan,Phường Cao Lãnh,Trần Thị B`].join('\n'), 'utf8');
  const imported = await runCli(['units', 'import', csv, '--data', dataDir]);
  expect(imported.code, imported.stderr).toBe(0);
  const issued = await runCli(['units', 'tokens', '--json', '--data', dataDir]);
  expect(issued.code, issued.stderr).toBe(0);
  const slips = JSON.parse(issued.stdout) as { code: string; name: string; token: string }[];
  tokens = new Map(slips.map((t) => [t.name, t.token]));
  codes = new Map(slips.map((t) => [t.name, t.code]));
  serve = await startServe(['--http', '--data', dataDir]);
  adminToken = /admin token: (\S+)/u.exec(serve.out())![1]!;
  // Intake open all year, so the test does not depend on today's date against the plan's days.
  const calendar = { ...DEFAULT_CALENDAR, milestones: DEFAULT_CALENDAR.milestones.map((m) => (m.stage === 'final' ? { ...m, due: '31/12', lock: '31/12' } : m)) };
  const saved = await fetch(`${serve.url}/api/calendar?year=${year}`, {
    method: 'PUT', headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(calendar),
  });
  expect(saved.status).toBe(200);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('unit portal against the real service', () => {
  it('signs in, downloads, uploads, reads the refusal and the province note; another unit sees none of it', async () => {
    const context = await localContext(browser, serve.url);
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));

    // A wrong token: one clear message, nothing about why. An admin token is wrong here too.
    await page.goto(`${serve.url}/don-vi/`);
    for (const wrong of ['dhu_sai-ma', adminToken]) {
      await page.getByLabel('Mã nộp hồ sơ của đơn vị').fill(wrong);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect.poll(() => page.getByText('Mã không đúng hoặc không còn hiệu lực').count()).toBe(1);
    }
    // The unit code, printed on the same slip: named as such at once, with where the right code is.
    await page.getByLabel('Mã nộp hồ sơ của đơn vị').fill(codes.get(UNIT)!);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByText(`"${codes.get(UNIT)}" có dạng mã đơn vị, không phải mã nộp hồ sơ.`, { exact: false }).count()).toBe(1);
    const token = tokens.get(UNIT)!;
    await signIn(page, token);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(UNIT);
    expect(await page.getByText('Xã Tân Hồng').count()).toBe(1);
    expect(await page.locator('[data-unit-code]').innerText()).toBe(codes.get(UNIT));
    expect(await page.evaluate(() => sessionStorage.getItem('dien-hinh.portal.token'))).toBe(token);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(await page.locator('[data-deadline="final"]').innerText()).toContain(`31/12/${year}`);

    // Each workbook says what it is for, and saves under its own name.
    expect(await page.locator(`[data-workbook="${SET.id}"] [data-purpose]`).innerText()).toContain('Dùng cho báo cáo kết quả năm');
    expect(await page.locator(`[data-workbook="${ANTT.id}"] [data-purpose]`).innerText()).toContain('Chỉ dùng khi Công an tỉnh yêu cầu');
    const downloadingAntt = page.waitForEvent('download');
    await page.getByRole('button', { name: `Tải bảng chấm điểm: ${ANTT.title}` }).click();
    expect((await downloadingAntt).suggestedFilename()).toBe(`${codes.get(UNIT)} - ${UNIT} (Xã Tân Hồng) - An toàn về ANTT.xlsx`);

    // Download the pre-filled workbook and fill it as the clerk would.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: `Tải bảng chấm điểm: ${SET.title}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${codes.get(UNIT)} - ${UNIT} (Xã Tân Hồng) - Điển hình.xlsx`);
    const blank = readFileSync((await download.path())!);
    const base = fullFill(SET, UNIT);
    const good = path.join(dataDir, 'bang-cham-diem.xlsx');
    writeFileSync(good, await fillDownloaded(blank, { scores: base.scores, evidence: base.evidence, dossier: base.dossier, unit: { head: 'Nguyễn Văn A', contact: 'Lê Văn C', phone: '0277 3851 234' } }));

    // Pick the file (the button opens the file chooser): the receipt.
    const choosing = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Chọn tệp .xlsx' }).click();
    await (await choosing).setFiles(good);
    const receipt = page.locator('[data-receipt]');
    await receipt.waitFor();
    expect(await receipt.innerText()).toContain('Công an tỉnh đã nhận bảng chấm điểm');
    expect(await receipt.locator('[data-receipt-version]').innerText()).toBe('1');
    const receiptId = await receipt.locator('[data-receipt-id]').innerText();
    expect(receiptId).toMatch(/^[0-9a-f-]{36}$/u);
    await page.locator(`[data-submission="${receiptId}"]`).waitFor();

    // Drop a workbook with an error: the refusal names the cell.
    const broken = await fillDownloaded(blank, { scores: { ...base.scores, 3: 99 }, unit: { head: 'Nguyễn Văn A', contact: 'Lê Văn C', phone: '0277' } });
    const transfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'bang-cham-diem-loi.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      return data;
    }, broken.toString('base64'));
    await page.locator('[data-dropzone]').dispatchEvent('drop', { dataTransfer: transfer });
    const refusal = page.locator('[data-refusal]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/'Chấm điểm'!F\d+: /u);
    // In the history the refused file was never judged: no verdict, only what to fix.
    const notJudged = page.locator('[data-submission]').filter({ has: page.locator('[data-not-judged]') });
    await notJudged.waitFor();
    expect(await notJudged.innerText()).toContain('Tệp có lỗi, chưa xét điều kiện công nhận.');
    expect(await notJudged.locator('[data-verdict]').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'portal-desktop-upload.png'), fullPage: true });

    // A file over the service's limit (20 MB, photos pasted in): answered 413 before its body is
    // received, and the page says so in Vietnamese, not as a network error.
    const huge = path.join(dataDir, 'bang-cham-diem-co-anh.xlsx');
    writeFileSync(huge, Buffer.concat([readFileSync(good), Buffer.alloc(21 * 1024 * 1024, 7)]));
    const choosingHuge = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Chọn tệp .xlsx' }).click();
    await (await choosingHuge).setFiles(huge);
    await expect.poll(() => refusal.innerText(), { timeout: 30_000 }).toContain('Tệp quá lớn (tối đa 20 MB)');

    // The province marks "Cần bổ sung" with a note, in the console.
    const consoleContext = await localContext(browser, serve.url);
    const officer = await consoleContext.newPage();
    await officer.goto(serve.url);
    await officer.getByLabel('Mã quản trị').fill(adminToken);
    await officer.getByRole('button', { name: 'Đăng nhập' }).click();
    await officer.getByLabel('Tìm theo tên đơn vị').fill('kim dong');
    await officer.getByRole('button', { name: `Mở hồ sơ ${UNIT}` }).click();
    const drawer = officer.getByRole('dialog');
    await drawer.getByRole('tab', { name: 'Duyệt' }).click();
    await drawer.getByRole('radio', { name: 'Cần bổ sung' }).check();
    await drawer.getByLabel(/Ghi chú/u).fill(NOTE);
    await drawer.getByRole('button', { name: 'Lưu trạng thái duyệt' }).click();
    await expect.poll(() => drawer.locator('[data-review-seen]').getAttribute('data-review-seen')).toBe('not-seen');

    // The unit reads it.
    await page.getByRole('button', { name: 'Làm mới' }).click();
    const review = page.locator(`[data-submission="${receiptId}"] [data-review]`);
    await review.waitFor();
    expect(await review.getAttribute('data-review')).toBe('has-issues');
    expect(await review.innerText()).toContain('Cần bổ sung');
    expect(await review.innerText()).toContain(NOTE);
    await page.screenshot({ path: path.join(SHOTS, 'portal-desktop.png'), fullPage: true });

    // The console now says the unit has seen it.
    await drawer.getByRole('button', { name: 'Đóng' }).click();
    await officer.getByRole('button', { name: `Mở hồ sơ ${UNIT}` }).click();
    await drawer.getByRole('tab', { name: 'Duyệt' }).click();
    await expect.poll(() => drawer.locator('[data-review-seen]').getAttribute('data-review-seen')).toBe('seen');
    expect(await drawer.locator('[data-review-seen]').innerText()).toContain('Đơn vị đã xem trên trang đơn vị lúc');
    await consoleContext.close();

    // On a phone: one column, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator(`[data-submission="${receiptId}"] [data-review-note]`).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'portal-phone.png'), fullPage: true });

    // The keyboard alone reaches the upload button.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate(() => document.activeElement?.textContent ?? '')) === 'Chọn tệp .xlsx';
    }
    expect(reached).toBe(true);

    // Approved by the province: the page says what "Đã duyệt" means (recognition follows the council).
    const approved = await fetch(`${serve.url}/api/units/${codes.get(UNIT)}/review?year=${year}`, {
      method: 'POST', headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: 'approved', submissionId: receiptId }),
    });
    expect(approved.status).toBe(200);
    await page.getByRole('button', { name: 'Làm mới' }).click();
    const meaning = page.locator(`[data-submission="${receiptId}"] [data-review="approved"] [data-approved-meaning]`);
    await meaning.waitFor();
    expect(await meaning.innerText()).toContain('Công an tỉnh đã chấp nhận hồ sơ này');

    // Signing out forgets the token.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Mã nộp hồ sơ của đơn vị').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('dien-hinh.portal.token'))).toBeNull();
    expect(failures).toEqual([]);
    await context.close();

    // Another unit's token: neither its page nor its API shows this unit.
    const otherContext = await localContext(browser, serve.url);
    const other = await otherContext.newPage();
    await signIn(other, tokens.get(OTHER)!);
    expect(await other.getByRole('heading', { level: 1 }).innerText()).toBe(OTHER);
    const otherText = await other.locator('main').innerText();
    expect(otherText).not.toContain(UNIT);
    expect(otherText).not.toContain(NOTE);
    expect(await other.locator('[data-submission]').count()).toBe(0);
    await otherContext.close();
    const headers = { Authorization: `Bearer ${tokens.get(OTHER)!}` };
    const api = unitPageResponseSchema.parse(await (await fetch(`${serve.url}/api/unit`, { headers })).json());
    expect(api.unit.name).toBe(OTHER);
    expect(JSON.stringify(api)).not.toContain(UNIT);
    expect((await fetch(`${serve.url}/api/submissions/${receiptId}`, { headers })).status).toBe(403);
    expect((await fetch(`${serve.url}/api/submissions/${receiptId}/file`, { headers })).status).toBe(403);

    // Served at /don-vi/ with the console's headers; page paths fall back to the portal, / stays the console.
    const portalPage = await fetch(`${serve.url}/don-vi/trang-bat-ky`, { headers: { Accept: 'text/html' } });
    expect(portalPage.status).toBe(200);
    expect(await portalPage.text()).toContain('Trang đơn vị cần bật JavaScript');
    expect(portalPage.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(portalPage.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await (await fetch(`${serve.url}/`, { headers: { Accept: 'text/html' } })).text()).toContain('Trang quản lý cần bật JavaScript');
  }, 240_000);
});
