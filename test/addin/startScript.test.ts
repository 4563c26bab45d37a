/**
 * The pane's ES5 start-up check (addin/taskpane/start.js) on its own: it parses as ES5, and in a
 * page with an IE11 or EdgeHTML user agent it shows the Vietnamese message and tells the bundle
 * not to start; on a modern engine it stays out of the way unless the bundle never started.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import { JSDOM, ResourceLoader } from 'jsdom';
import { describe, expect, it } from 'vitest';

const source = readFileSync(path.resolve(__dirname, '../../addin/taskpane/start.js'), 'utf8');
const MESSAGE = 'Phiên bản Office này không chạy được ngăn tác vụ; bảng chấm điểm vẫn dùng được: điền xong rồi nộp trên trang dành cho đơn vị';
const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko';
const EDGE_HTML = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041';
const CHROMIUM_EDGE = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';

interface Gate { supported: boolean; started: boolean }

async function page(userAgent: string, beforeLoad: (window: Window & { dienHinhStart?: Gate }) => void = () => {}) {
  const dom = new JSDOM('<!doctype html><html><head></head><body><div id="root">app</div></body></html>', {
    runScripts: 'outside-only', resources: new ResourceLoader({ userAgent }), pretendToBeVisual: true,
  });
  const window = dom.window as Window & { dienHinhStart?: Gate; eval(code: string): unknown; Event: typeof Event };
  window.eval(source);
  beforeLoad(window);
  window.dispatchEvent(new window.Event('load'));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { window, root: window.document.getElementById('root')! };
}

describe('the start-up check', () => {
  it('parses as ES5 (what IE11 can parse)', () => {
    expect(() => acorn.parse(source, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  });

  it.each([['IE11', IE11], ['EdgeHTML', EDGE_HTML]])('%s: shows the message with the unit page, and the bundle must not start', async (_, agent) => {
    const { window, root } = await page(agent);
    expect(window.dienHinhStart).toEqual({ supported: false, started: false });
    expect(root.textContent).toContain(MESSAGE);
    expect(root.querySelector('a')!.getAttribute('href')).toBe('/don-vi/');
    expect(root.textContent).not.toContain('app');
  });

  it('a modern engine (Chromium Edge) runs the pane: nothing shown once the bundle has started', async () => {
    const { window, root } = await page(CHROMIUM_EDGE, (w) => { w.dienHinhStart!.started = true; });
    expect(window.dienHinhStart!.supported).toBe(true);
    expect(root.textContent).toBe('app');
  });

  it('a modern-looking engine where the bundle never started (it failed to parse) still gets the message', async () => {
    const { root } = await page(CHROMIUM_EDGE);
    expect(root.textContent).toContain(MESSAGE);
  });
});
