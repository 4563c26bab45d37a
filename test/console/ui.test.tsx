// @vitest-environment jsdom
/** Console components in jsdom: sign-in, the board's counts, search, sortable headers by keyboard. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { lazy, Suspense } from 'react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UnitsResponse } from '../../shared/api/schemas';
import { App } from '../../server/console/ui/App';
import { PartBoundary } from '../../server/console/ui/PartBoundary';
import { TOKEN_KEY } from '../../server/console/state/session';
import { generateUnitsResponse } from './fixtures';

let units: UnitsResponse;
beforeAll(async () => {
  units = await generateUnitsResponse(40, { seed: 9 });
  // jsdom has no layout; Fluent and the board only need these to exist.
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, onchange: null, dispatchEvent: () => false })) as typeof window.matchMedia;
});
afterEach(() => cleanup());

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

function server(validToken: string) {
  const seen: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const auth = (init?.headers as Record<string, string> | undefined)?.Authorization;
    seen.push(String(input));
    if (auth !== `Bearer ${validToken}`) {
      return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'Thiếu hoặc sai mã truy cập.' } }), { status: 401 });
    }
    if (String(input).startsWith('/api/units?')) return new Response(JSON.stringify(units), { status: 200 });
    return new Response('[]', { status: 200 });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

function renderApp(storage: ReturnType<typeof memoryStorage>, fetch: typeof globalThis.fetch) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App storage={storage} clientOptions={{ fetch }} now={() => new Date('2026-11-25T03:00:00Z')} />
    </FluentProvider>,
  );
}

describe('sign-in', () => {
  it('says clearly in Vietnamese that the token is wrong, and keeps nothing', async () => {
    const storage = memoryStorage();
    renderApp(storage, server('dha_right').fetch);
    fireEvent.change(await screen.findByLabelText(/Mã quản trị/u), { target: { value: 'dha_wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    await screen.findByText(/Mã quản trị không đúng/u);
    expect(storage.map.size).toBe(0);
  });

  it('asks for a token when none is typed', async () => {
    renderApp(memoryStorage(), server('dha_right').fetch);
    fireEvent.click(await screen.findByRole('button', { name: 'Đăng nhập' }));
    await screen.findByText('Chưa nhập mã quản trị.');
  });

  it('keeps the right token for the session and opens the board', async () => {
    const storage = memoryStorage();
    renderApp(storage, server('dha_right').fetch);
    fireEvent.change(await screen.findByLabelText(/Mã quản trị/u), { target: { value: ' dha_right ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    await screen.findByRole('table', { name: 'Bảng theo dõi các đơn vị' });
    expect(storage.map.get(TOKEN_KEY)).toBe('dha_right');
  });

  it('goes back to sign-in with a message when the server stops accepting the token', async () => {
    const storage = memoryStorage({ [TOKEN_KEY]: 'dha_old' });
    renderApp(storage, server('dha_new').fetch);
    await screen.findByText(/Phiên làm việc không còn hợp lệ/u);
    expect(storage.map.has(TOKEN_KEY)).toBe(false);
  });
});

describe('board', () => {
  async function openBoard() {
    const { fetch, seen } = server('t');
    renderApp(memoryStorage({ [TOKEN_KEY]: 't' }), fetch);
    const table = await screen.findByRole('table', { name: 'Bảng theo dõi các đơn vị' });
    return { table, seen };
  }

  it('shows the year\'s counts and whether the target is reached', async () => {
    await openBoard();
    expect(screen.getByText('Đơn vị theo dõi').previousSibling?.textContent).toBe(String(units.counts.expected));
    expect(screen.getByText('Đủ điều kiện', { selector: 'span' }).previousSibling?.textContent).toBe(String(units.counts.eligible));
    expect(screen.getByRole('status').textContent).toMatch(units.counts.eligible >= 3 ? /Đạt chỉ tiêu năm/u : /Chưa đạt chỉ tiêu năm/u);
  });

  it('asks for the first page, shows it with the year\'s counts, then loads every row', async () => {
    const seen: string[] = [];
    let releaseAll: () => void = () => {};
    const allAsked = new Promise<void>((resolve) => { releaseAll = resolve; });
    const fetch = (async (input: RequestInfo | URL) => {
      const url = String(input);
      seen.push(url);
      if (url === '/api/units?year=2026&limit=50&offset=0') {
        const page = { ...units, units: units.units.slice(0, 10), page: { offset: 0, limit: 50, total: units.units.length, approved: 0 } };
        return new Response(JSON.stringify(page), { status: 200 });
      }
      if (url === '/api/units?year=2026') {
        await allAsked;
        return new Response(JSON.stringify(units), { status: 200 });
      }
      return new Response('[]', { status: 200 });
    }) as typeof globalThis.fetch;
    renderApp(memoryStorage({ [TOKEN_KEY]: 't' }), fetch);
    const table = await screen.findByRole('table', { name: 'Bảng theo dõi các đơn vị' });
    expect(seen.filter((u) => u.startsWith('/api/units?'))[0]).toBe('/api/units?year=2026&limit=50&offset=0');
    expect(table.getAttribute('aria-rowcount')).toBe('11');
    expect(screen.getByText('Đơn vị theo dõi').previousSibling?.textContent).toBe(String(units.counts.expected));
    releaseAll();
    await waitFor(() => expect(table.getAttribute('aria-rowcount')).toBe(String(units.units.length + 1)));
    expect(seen.filter((u) => u.startsWith('/api/units?'))).toEqual(['/api/units?year=2026&limit=50&offset=0', '/api/units?year=2026']);
  });

  it('renders a window of rows, not all of them', async () => {
    const { table } = await openBoard();
    expect(table.getAttribute('aria-rowcount')).toBe(String(units.units.length + 1));
    const rendered = within(table).getAllByRole('row').length - 1;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(units.units.length);
  });

  it('sorts by a header with Enter or Space, announcing the order', async () => {
    const { table } = await openBoard();
    const header = within(table).getAllByRole('columnheader').find((h) => h.textContent?.includes('Tổng điểm'))!;
    const button = within(header).getByRole('button');
    expect(header.getAttribute('aria-sort')).toBe('none');
    button.focus();
    fireEvent.click(button); // a native button: Enter and Space fire click
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(button);
    expect(header.getAttribute('aria-sort')).toBe('descending');
    const top = [...units.units].filter((u) => u.verdict?.total !== null && u.verdict?.total !== undefined).sort((a, b) => b.verdict!.total! - a.verdict!.total!)[0]!;
    const firstRow = within(table).getAllByRole('row')[1]!;
    expect(firstRow.querySelector('[data-col="total"]')!.textContent).toContain(String(top.verdict!.total).replace('.', ','));
  });

  it('moves between rows with the arrow keys, Home and End, bringing rows beyond the window into view', async () => {
    const { table } = await openBoard();
    const first = within(within(table).getAllByRole('row')[1]!).getByRole('button');
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-row-button')).toBe('1'));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    const last = String(units.units.length - 1);
    await waitFor(() => expect(document.activeElement?.getAttribute('data-row-button')).toBe(last));
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-row-button')).toBe('0'));
  });

  it('brings the header\'s controls and the filters after the first rows', async () => {
    await openBoard();
    // The first rows are drawn; the controls' chunk follows, and then the filters and the tabs work.
    await screen.findByLabelText('Tìm theo tên đơn vị');
    const tab = await screen.findByRole('tab', { name: 'Hạn nộp' });
    expect(screen.getByRole('tab', { name: 'Bảng theo dõi' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(tab);
    await waitFor(() => expect(tab.getAttribute('aria-selected')).toBe('true'));
  });

  it('brings the header\'s controls while a slow server has not answered yet', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const never = (() => new Promise<Response>(() => {})) as typeof globalThis.fetch;
      renderApp(memoryStorage({ [TOKEN_KEY]: 't' }), never);
      expect(screen.queryByRole('tab')).toBeNull();
      // Before the wait is over the person has no year picker nor sign-out; after it, they have.
      act(() => { vi.advanceTimersByTime(999); });
      expect(screen.queryByRole('tab')).toBeNull();
      act(() => { vi.advanceTimersByTime(1); });
    } finally {
      vi.useRealTimers();
    }
    expect(await screen.findByRole('button', { name: 'Đăng xuất' })).toBeTruthy();
    expect(screen.getByText('Đang tải…')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('filters by an accent-free search and says how many are shown', async () => {
    const { table } = await openBoard();
    const target = units.units[7]!.unit.name;
    const plain = target.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D').toLowerCase();
    // The filters come with the header's controls, after the first rows.
    const search = await screen.findByLabelText('Tìm theo tên đơn vị');
    await act(async () => { fireEvent.change(search, { target: { value: plain } }); });
    await waitFor(() => expect(within(table).getByRole('button', { name: `Mở hồ sơ ${target}` })).toBeTruthy());
    const shown = within(table).getAllByRole('row').length - 1;
    expect(screen.getByText(new RegExp(`Hiển thị ${shown}/${units.units.length} đơn vị`, 'u'))).toBeTruthy();
  });
});

describe('a part of the console that cannot be loaded', () => {
  const Missing = lazy(() => Promise.reject(new Error('Loading chunk controls failed.')));

  it('says so in Vietnamese with a button that reloads the page, and the rest of the page stays', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      render(
        <FluentProvider theme={webLightTheme}>
          <p>Bảng theo dõi</p>
          <PartBoundary><Suspense fallback={null}><Missing /></Suspense></PartBoundary>
        </FluentProvider>,
      );
      expect(await screen.findByText(/Không tải được phần này của trang/u)).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Tải lại trang' })).toBeTruthy();
      expect(screen.getByText('Bảng theo dõi')).toBeTruthy();
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it('shows the part\'s own stand-in when it has one', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      render(<PartBoundary fallback={<span>Chưa đủ</span>}><Suspense fallback={null}><Missing /></Suspense></PartBoundary>);
      expect(await screen.findByText('Chưa đủ')).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Tải lại trang' })).toBeNull();
    } finally {
      logged.mockRestore();
    }
  });
});
