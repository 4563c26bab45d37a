// @vitest-environment jsdom
/**
 * The "Hạn nộp" tab in jsdom: the year's calendar downloaded as the file `dien-hinh consolidate
 * --calendar` reads, and not while edits are unsaved (the file is the saved calendar).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UnitsResponse } from '../../shared/api/schemas';
import { DEFAULT_CALENDAR, type Calendar } from '../../shared/deadlines/calendar';
import { readCalendarFile } from '../../server/app/calendar';
import { createApi } from '../../server/console/api/client';
import { ConsoleContext, type ConsoleContextValue } from '../../server/console/ui/context';
import DeadlinesPage from '../../server/console/ui/deadlines/DeadlinesPage';
import { generateUnitsResponse } from './fixtures';

let units: UnitsResponse;
const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-console-calendar-'));
beforeAll(async () => {
  units = await generateUnitsResponse(5, { seed: 4 });
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The province's calendar of 2026 as the server keeps it: the final report due later than the default. */
const served: Calendar = {
  ...DEFAULT_CALENDAR,
  id: 'lich-tinh-2026',
  title: 'Lịch năm 2026 của Công an tỉnh',
  milestones: DEFAULT_CALENDAR.milestones.map((m) => (m.stage === 'final' ? { ...m, due: '30/11', lock: '10/12' } : m)),
  byUnitKind: { xa: [{ stage: 'final', due: '25/11', lock: '05/12', source: '' }] },
};

function service() {
  const seen: string[] = [];
  const fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    seen.push(`${method} ${String(url)}`);
    if (String(url) === '/api/calendar?year=2026') {
      return new Response(method === 'PUT' ? String(init!.body) : JSON.stringify(served), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }
    return new Response('{}', { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

/** What the browser was asked to save (jsdom has no downloads): each file's name and bytes. */
function savedFiles(): { name: string; blob: Blob }[] {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.getAttribute('href')!)! });
  });
  return saved;
}

/** A blob's text (jsdom's Blob has no text()). */
function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

function renderPage(fetch: typeof globalThis.fetch, notes: string[]) {
  const value: ConsoleContextValue = {
    api: createApi({ token: 't', fetch }), year: 2026, units, unitsError: null, loadingUnits: false,
    reloadUnits() {}, openUnit() {}, notify(intent, text) { notes.push(`${intent}: ${text}`); }, onUnauthorized() {}, controls: true,
  };
  return render(<FluentProvider theme={webLightTheme}><ConsoleContext.Provider value={value}><DeadlinesPage /></ConsoleContext.Provider></FluentProvider>);
}

describe('the calendar as a file for an offline run', () => {
  it('downloads the saved calendar as lich-han-nop-<năm>.json, which `consolidate --calendar` reads back as the same calendar', async () => {
    const saved = savedFiles();
    const notes: string[] = [];
    const { fetch, seen } = service();
    renderPage(fetch, notes);
    const button = await screen.findByRole('button', { name: 'Tải lịch (.json)' });
    await waitFor(() => expect(button).toHaveProperty('disabled', false));
    expect(screen.getByText('Tệp lịch đã lưu, để tổng hợp không qua máy chủ theo đúng lịch này: dien-hinh consolidate … --calendar lich-han-nop-2026.json')).toBeTruthy();
    fireEvent.click(button);
    await waitFor(() => expect(saved.map((f) => f.name)).toEqual(['lich-han-nop-2026.json']));
    expect(notes).toEqual(['success: Đã tải lich-han-nop-2026.json.']);
    expect(seen.filter((s) => s === 'GET /api/calendar?year=2026')).toHaveLength(2);
    const text = await textOf(saved[0]!.blob);
    // Indented, one field a line, for a person who edits it in Notepad.
    expect(text).toContain('\n      "due": "30/11",\n');
    const file = path.join(dir, saved[0]!.name);
    writeFileSync(file, text);
    expect(readCalendarFile(file)).toEqual({ ok: true, value: served });
  });

  it('waits while edits are unsaved, saying why, and downloads again once they are saved', async () => {
    const saved = savedFiles();
    const { fetch } = service();
    renderPage(fetch, []);
    const button = await screen.findByRole('button', { name: 'Tải lịch (.json)' });
    const due = await screen.findByLabelText('Hạn nộp Báo cáo kết quả năm – Áp dụng chung');
    fireEvent.change(due, { target: { value: '01/12' } });
    expect(button).toHaveProperty('disabled', true);
    expect(screen.getByText('Lịch có thay đổi chưa lưu: lưu lịch trước khi tải, vì tệp tải xuống là lịch đã lưu.')).toBeTruthy();
    fireEvent.click(button);
    // Typed back as it was: nothing is unsaved.
    fireEvent.change(due, { target: { value: '30/11' } });
    expect(button).toHaveProperty('disabled', false);
    fireEvent.change(due, { target: { value: '01/12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu lịch hạn nộp' }));
    await waitFor(() => expect(button).toHaveProperty('disabled', false));
    expect(saved).toEqual([]);
    fireEvent.click(button);
    await waitFor(() => expect(saved.map((f) => f.name)).toEqual(['lich-han-nop-2026.json']));
  });
});
