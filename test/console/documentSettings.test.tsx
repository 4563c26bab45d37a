// @vitest-environment jsdom
/**
 * The "Thông tin văn bản…" dialog in jsdom: every field of the settings a document prints has its
 * input (the quyết định's signer, the biên bản's council, chair and secretary too), what is typed
 * is sent, and the server's refusals — made here by the route's own check — land beside the field
 * they name, naming it as its label does.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentSettingsSchema, type DocumentSettings } from '../../shared/api/schemas';
import { DOCUMENT_SETTING_NAMES, defaultDocumentSettings, documentSettingIssue, type DocumentSettingPath } from '../../shared/documents/settings';
import { AppError } from '../../server/app/errors';
import { parseBody } from '../../server/http/validate';
import { createApi } from '../../server/console/api/client';
import { viConsole } from '../../server/console/i18n/vi';
import { ConsoleContext, type ConsoleContextValue } from '../../server/console/ui/context';
import { DocumentSettingsDialog } from '../../server/console/ui/DocumentSettingsDialog';

beforeAll(() => {
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
});
afterEach(() => cleanup());

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The year's settings service: GET answers `start`, PUT checks the body as PUT /api/document-settings does. */
function settingsService(start: DocumentSettings) {
  const sent: unknown[] = [];
  const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    if ((init?.method ?? 'GET') === 'GET') return json(200, { year: 2026, saved: false, settings: start });
    const body = JSON.parse(String(init!.body)) as unknown;
    sent.push(body);
    try {
      return json(200, { year: 2026, saved: true, settings: parseBody(documentSettingsSchema, body, documentSettingIssue) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return json(error.status, { error: { code: error.code, message: error.message, details: error.details } });
    }
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

function open(fetch: typeof globalThis.fetch, notes: string[] = []) {
  const value: ConsoleContextValue = {
    api: createApi({ token: 't', fetch }), year: 2026, units: null, unitsError: null, loadingUnits: false,
    reloadUnits() {}, openUnit() {}, notify(intent, text) { notes.push(`${intent}: ${text}`); }, onUnauthorized() {}, controls: true,
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <ConsoleContext.Provider value={value}>
        <DocumentSettingsDialog year={2026} confirmLabel="Lưu" onClose={() => {}} onSaved={() => {}} />
      </ConsoleContext.Provider>
    </FluentProvider>,
  );
}

/** The input of a field by its whole label (a required field's label ends with Fluent's " *"). */
const input = (path: DocumentSettingPath) => {
  const label = viConsole.documentSettings.label(path).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return screen.getByLabelText(new RegExp(`^${label}\\s*\\*?$`, 'u'));
};

/** What the screen reader reads as the field's description: where its error is. */
const described = (element: HTMLElement) => (element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');

describe('the document settings dialog', () => {
  it('has an input for every field of the settings, each labelled with the name its errors give', async () => {
    open(settingsService(defaultDocumentSettings()).fetch);
    await screen.findByDisplayValue('CÔNG AN TỈNH ĐỒNG THÁP');
    for (const path of Object.keys(DOCUMENT_SETTING_NAMES) as DocumentSettingPath[]) {
      expect(viConsole.documentSettings.label(path).startsWith(DOCUMENT_SETTING_NAMES[path]), path).toBe(true);
      expect(input(path), path).toBeTruthy();
    }
  });

  it('sends the quyết định\'s signer and recipients and the biên bản\'s council, chair and secretary; a one-digit day is taken', async () => {
    const service = settingsService(defaultDocumentSettings());
    const notes: string[] = [];
    open(service.fetch, notes);
    await screen.findByDisplayValue('CÔNG AN TỈNH ĐỒNG THÁP');
    const type = (path: DocumentSettingPath, value: string) => fireEvent.change(input(path), { target: { value } });
    type('date', '5/12/2026');
    type('quyetDinh.signer.authority', 'KT. CHỦ TỊCH');
    type('quyetDinh.signer.title', 'PHÓ CHỦ TỊCH');
    type('quyetDinh.signer.name', 'Phạm Thành Công');
    type('quyetDinh.recipients', 'Như Điều 3;\nLưu: VT, KGVX.');
    type('bienBan.council', 'Hội đồng thẩm định Công an tỉnh');
    type('bienBan.chair', 'Trần Văn Chủ');
    type('bienBan.secretary', 'Lê Thị Ký');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(notes).toEqual(['success: Đã lưu thông tin văn bản.']));
    expect(service.sent[0]).toMatchObject({
      date: '5/12/2026',
      quyetDinh: { signer: { authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Phạm Thành Công' }, recipients: ['Như Điều 3;', 'Lưu: VT, KGVX.'] },
      bienBan: { council: 'Hội đồng thẩm định Công an tỉnh', chair: 'Trần Văn Chủ', secretary: 'Lê Thị Ký' },
    });
  });

  it('puts each refusal beside its field, naming the field as its label does, never by its path', async () => {
    const start = defaultDocumentSettings();
    start.signer = { authority: '', title: 'GIÁM ĐỐC', name: '' };
    open(settingsService(start).fetch);
    await screen.findByDisplayValue('CÔNG AN TỈNH ĐỒNG THÁP');
    const save = screen.getByRole('button', { name: 'Lưu' });

    fireEvent.change(input('date'), { target: { value: '31/02/2026' } });
    fireEvent.click(save);
    await waitFor(() => expect(described(input('date'))).toMatch(/^Ngày ký: viết ngày theo dạng dd\/mm\/yyyy/u));
    expect(document.body.textContent).not.toContain('Trường "');

    fireEvent.change(input('date'), { target: { value: '05/12/2026' } });
    fireEvent.change(input('baoCao.recipients'), { target: { value: 'Chủ tịch UBND tỉnh (để b/c);\nĐồng chí Giám đốc (để b/c);\nLưu: VT.' } });
    fireEvent.click(save);
    const recipients = input('baoCao.recipients');
    await waitFor(() => expect(described(recipients)).toMatch(/^Nơi nhận của báo cáo, dòng 2: "Nơi nhận" không ghi người ký văn bản/u));
    expect(described(input('toTrinh.recipients'))).toBe('');
    expect(document.body.textContent).not.toMatch(/Trường "|baoCao\.recipients/u);
  });
});
