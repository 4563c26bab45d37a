/**
 * board_render_ms: from navigation to the first rows of a 1,000-unit board being visible, in
 * headless Chromium at 1366×768, with the built console served statically and /api/units answered
 * with a generated UnitsResponse (as the service would send it). Each run is a fresh browser
 * context (no cache); the median of the runs is reported.
 */
import { writeFileSync } from 'node:fs';
import type { Bench } from './bench';
import { CONSOLE_DIR, ensureConsoleBuilt, launchChromium, localContext, serveStatic } from '../console/browser';
import { generateUnitsResponse } from '../console/fixtures';

const UNITS = 1000;
const RUNS = 5;

const bench: Bench = {
  name: 'console board (1,000 units)',
  async run() {
    ensureConsoleBuilt();
    const response = await generateUnitsResponse(UNITS, { seed: 11 });
    const body = JSON.stringify(response);
    const server = await serveStatic(CONSOLE_DIR);
    const browser = await launchChromium();
    const times: number[] = [];
    let scrollMs = 0;
    try {
      for (let i = 0; i < RUNS; i++) {
        const context = await localContext(browser, server.origin);
        await context.addInitScript(() => sessionStorage.setItem('dien-hinh.console.token', 'bench-token'));
        await context.route(`${server.origin}/api/**`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[]' }));
        await context.route(`${server.origin}/api/units?**`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
        const page = await context.newPage();
        const started = Date.now();
        await page.goto(server.origin);
        await page.locator('[data-unit-id]').first().waitFor({ state: 'visible' });
        times.push(Date.now() - started);
        if (i === RUNS - 1) {
          if (process.env.BOARD_BENCH_SCREENSHOT) writeFileSync(process.env.BOARD_BENCH_SCREENSHOT, await page.screenshot());
          // Scrolling to the end must keep rendering only a window of rows, quickly.
          const scroll = await page.evaluate(async () => {
            const board = document.querySelector<HTMLElement>('[data-board]')!;
            const t0 = performance.now();
            board.scrollTop = board.scrollHeight;
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            return { ms: performance.now() - t0, rows: document.querySelectorAll('[data-unit-id]').length };
          });
          scrollMs = scroll.ms;
          if (scroll.rows > 60) throw new Error(`board rendered ${scroll.rows} rows: windowing is not working`);
        }
        await context.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return [
      ['board_render_ms', String(median)],
      ['board_scroll_to_end_ms', String(Math.round(scrollMs))],
    ];
  },
};

export default bench;
