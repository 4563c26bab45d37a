/**
 * board_render_ms: from navigation to the first rows of a 1,000-unit board being visible, in
 * headless Chromium at 1366×768, with the built console served statically and /api/units answered
 * with a generated UnitsResponse as the service sends it: one page of rows with the year's counts
 * for a page query (limit, offset: the console's first request), every row without one (its
 * second). Each run is a fresh browser
 * context (no cache); the median of five runs is reported, beside the same measure for 10 units
 * (the baseline: what the page costs before there are rows) and the console's initial JS size.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { BOARD_FIRST_PAGE_QUERY, type UnitsResponse } from '../../shared/api/schemas';
import type { Bench } from './bench';
import { CONSOLE_DIR, ensureConsoleBuilt, launchChromium, localContext, serveStatic } from '../console/browser';
import { generateUnitsResponse } from '../console/fixtures';

const RUNS = 5;

interface Measure {
  medianMs: number;
  scrollMs: number;
  renderedRows: number;
}

/**
 * The service's answers to GET /api/units for one generated year, serialised before the timing
 * starts: a page query (limit, offset) gets those rows in name order, the whole year's counts and
 * `page` (as server/app/board.ts's boardPage); no query gets every row.
 */
function unitsAnswers(response: UnitsResponse): (url: URL) => string {
  const whole = JSON.stringify(response);
  const approved = response.units.filter((u) => u.verdict?.eligible && u.stages.some((s) => s.stage === 'final' && s.review === 'approved')).length;
  const pages = new Map<string, string>();
  return (url) => {
    const limit = url.searchParams.get('limit');
    if (limit === null) return whole;
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const key = `${offset}:${limit}`;
    let page = pages.get(key);
    if (page === undefined) {
      const rows = response.units.slice(offset, offset + Number(limit));
      page = JSON.stringify({ ...response, units: rows, page: { offset, limit: Number(limit), total: response.units.length, approved } });
      pages.set(key, page);
    }
    return page;
  };
}

async function measure(browser: Browser, origin: string, units: number, screenshot?: string): Promise<Measure> {
  const answer = unitsAnswers(await generateUnitsResponse(units, { seed: 11 }));
  // The console's first request, answered once here so that no run pays for serialising it.
  answer(new URL(`${origin}/api/units?year=0&${BOARD_FIRST_PAGE_QUERY}`));
  const times: number[] = [];
  let scrollMs = 0;
  let renderedRows = 0;
  for (let i = 0; i < RUNS; i++) {
    const context = await localContext(browser, origin);
    await context.addInitScript(() => sessionStorage.setItem('dien-hinh.console.token', 'bench-token'));
    await context.route(`${origin}/api/**`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[]' }));
    await context.route(`${origin}/api/units?**`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: answer(new URL(route.request().url())) }));
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(origin);
    await page.locator('[data-unit-id]').first().waitFor({ state: 'visible' });
    times.push(Date.now() - started);
    if (i === RUNS - 1) {
      if (screenshot) writeFileSync(screenshot, await page.screenshot());
      // Every row is loaded after the first page: the scroll is over the whole year.
      await page.locator(`[data-board][aria-rowcount="${units + 1}"]`).waitFor();
      // Scrolling to the end renders a new window of rows, not the whole list.
      const scroll = await page.evaluate(async () => {
        const board = document.querySelector<HTMLElement>('[data-board]')!;
        const t0 = performance.now();
        board.scrollTop = board.scrollHeight;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        return { ms: performance.now() - t0, rows: document.querySelectorAll('[data-unit-id]').length };
      });
      scrollMs = scroll.ms;
      renderedRows = scroll.rows;
    }
    await context.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, scrollMs, renderedRows };
}

const bench: Bench = {
  name: 'console board (1,000 units)',
  async run() {
    ensureConsoleBuilt();
    const server = await serveStatic(CONSOLE_DIR);
    const browser = await launchChromium();
    try {
      const baseline = await measure(browser, server.origin, 10);
      const full = await measure(browser, server.origin, 1000, process.env.BOARD_BENCH_SCREENSHOT);
      if (full.renderedRows > 60) throw new Error(`the board rendered ${full.renderedRows} rows at once: windowing is not working`);
      const html = readFileSync(path.join(CONSOLE_DIR, 'index.html'), 'utf8');
      const initial = readdirSync(CONSOLE_DIR).filter((f) => f.endsWith('.js') && html.includes(f));
      const gzipKb = initial.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(CONSOLE_DIR, f))).length, 0) / 1024;
      return [
        ['board_render_ms', String(full.medianMs)],
        ['board_render_10_units_ms', String(baseline.medianMs)],
        ['board_scroll_to_end_ms', String(Math.round(full.scrollMs))],
        ['console_gzip_kb', gzipKb.toFixed(1)],
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  },
};

export default bench;
