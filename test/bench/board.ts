/**
 * board_render_ms: from navigation to the first rows of a 1,000-unit board being visible, in
 * headless Chromium at 1366×768, with the built console served statically and /api/units answered
 * with a generated UnitsResponse as the service sends it: one page of rows with the year's counts
 * for a page query (limit, offset: the console's first request), every row without one (its
 * second). Each run is a fresh browser
 * context (no cache); the median of five runs is reported, beside the same measure for 10 units
 * (the baseline: what the page costs before there are rows) and the console's initial JS size.
 *
 * The time is the page's own clock (`performance.now()`, from the navigation's start) at the first
 * animation frame in which a row has a box: a check runs every frame from the document's start.
 * Timing Playwright's `waitFor({ state: 'visible' })` instead overstates it by up to half a
 * second: it polls at 0, 20, 50, 100 and 100 ms, then every 500 ms. That figure is printed too
 * (`harness wall`), for comparison with the runs before this change.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { UnitsResponse } from '../../shared/api/schemas';
import { BOARD_FIRST_PAGE_QUERY } from '../../shared/api/boardPage';
import type { Bench } from './bench';
import { CONSOLE_DIR, ensureConsoleBuilt, launchChromium, localContext, serveStatic } from '../console/browser';
import { generateUnitsResponse } from '../console/fixtures';

const RUNS = 5;

interface Measure {
  /** Median, page clock. */
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
  const walls: number[] = [];
  let scrollMs = 0;
  let renderedRows = 0;
  for (let i = 0; i < RUNS; i++) {
    const context = await localContext(browser, origin);
    await context.addInitScript(() => sessionStorage.setItem('dien-hinh.console.token', 'bench-token'));
    await context.route(`${origin}/api/**`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[]' }));
    await context.route(`${origin}/api/units?**`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: answer(new URL(route.request().url())) }));
    await context.addInitScript(watchFirstRows);
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(origin);
    await page.locator('[data-unit-id]').first().waitFor({ state: 'visible' });
    walls.push(Date.now() - started);
    const shownAt = await page.waitForFunction(() => (window as FirstRowsWindow).firstRowsAt);
    times.push(Math.round(await shownAt.jsonValue() as number));
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
  process.stderr.write(`  ${units} units: first rows at ${times.join(', ')} ms (page clock); harness wall ${walls.join(', ')} ms\n`);
  return { medianMs: median(times), scrollMs, renderedRows };
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type FirstRowsWindow = Window & { firstRowsAt?: number };

/**
 * Runs in the page from its document's start: records `performance.now()` at the first animation
 * frame in which a board row has a box (what Playwright calls visible), then stops.
 */
function watchFirstRows(): void {
  const frame = () => {
    const box = document.querySelector('[data-unit-id]')?.getBoundingClientRect();
    if (box && box.width > 0 && box.height > 0) (window as FirstRowsWindow).firstRowsAt = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
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
