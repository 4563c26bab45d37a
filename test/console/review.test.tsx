// @vitest-environment jsdom
/**
 * The review panel's appraisal form and the audit list in jsdom: errors beside the field as typed
 * (the set's bounds and step), the save button saying what blocks it, the server's refusal on the
 * right field; audit actions in words; the review decision preselects nothing until one is made.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, SubmissionSummary, UnitSubmissionsResponse, UnitsResponse } from '../../shared/api/schemas';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { defaultDocumentSettings } from '../../shared/documents/settings';
import { createApi } from '../../server/console/api/client';
import { AuditList } from '../../server/console/ui/audit/AuditList';
import AuditPage from '../../server/console/ui/audit/AuditPage';
import { ConsoleContext, type ConsoleContextValue } from '../../server/console/ui/context';
import ReviewDrawer from '../../server/console/ui/review/ReviewDrawer';
import { ScoresTab } from '../../server/console/ui/review/ScoresTab';
import { DecisionTab } from '../../server/console/ui/review/DecisionTab';
import { VersionsTab } from '../../server/console/ui/review/VersionsTab';
import { generateUnitsResponse } from './fixtures';

const set = defaultCriteriaSets().find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const stepped = set.criteria.find((c) => c.step === 0.5 && c.maxPoints >= 4)!;
let units: UnitsResponse;

beforeAll(async () => {
  units = await generateUnitsResponse(20, { seed: 3 });
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
});
afterEach(() => cleanup());

function data(): { response: UnitSubmissionsResponse; counted: SubmissionSummary } {
  const row = units.units.find((u) => u.result && u.result.setId === set.id)!;
  const counted: SubmissionSummary = {
    id: 's1', stage: 'final', version: 1, receivedAt: '2026-11-10T02:00:00Z', late: false, valid: true, fileName: 'a.xlsx', sha256: 'h',
    review: null, result: row.result!, changes: [],
  };
  return { response: { unit: { ...row.unit, contact: '' }, submissions: [counted], appraisal: null, reopened: [] }, counted };
}

function withContext(fetch: typeof globalThis.fetch, children: ReactNode, notes: string[] = []) {
  const value: ConsoleContextValue = {
    api: createApi({ token: 't', fetch }), year: 2026, units, unitsError: null, loadingUnits: false,
    reloadUnits() {}, openUnit() {}, notify(intent, text) { notes.push(`${intent}: ${text}`); }, onUnauthorized() {}, controls: true,
  };
  return render(<FluentProvider theme={webLightTheme}><ConsoleContext.Provider value={value}>{children}</ConsoleContext.Provider></FluentProvider>);
}

const never = (async () => new Response('{}', { status: 500 })) as typeof globalThis.fetch;

describe('versions', () => {
  it('list a counted version\'s warnings with their place, such as a change of criteria set', () => {
    const { response, counted } = data();
    const changed = { sheet: 'Bộ tiêu chí', cell: '', message: 'Bảng chấm điểm này theo bộ tiêu chí "B", khác bộ tiêu chí "A" của phiên bản 1 (bản được tính trước tệp này).' };
    const second = { ...counted, id: 's2', version: 2, result: { ...counted.result, warnings: [changed] } };
    withContext(never, <VersionsTab data={{ ...response, submissions: [{ ...counted, result: { ...counted.result, warnings: [] } }, second] }} />);
    const item = document.querySelector('[data-submission="s2"]')!;
    expect(within(item as HTMLElement).getByText('Lưu ý')).toBeTruthy();
    expect(item.textContent).toContain(`'Bộ tiêu chí': ${changed.message}`);
    expect(document.querySelector('[data-submission="s1"]')!.textContent).not.toContain('Lưu ý');
  });
});

describe('appraisal form', () => {
  it('checks each score as typed against the set\'s step and bounds, the error beside the field, marked invalid', async () => {
    const { response, counted } = data();
    withContext(never, <ScoresTab unitId="u1" data={response} counted={counted} set={set} onChanged={() => {}} />);
    const input = screen.getByLabelText(`Điểm thẩm định tiêu chí ${stepped.number}`);
    const save = screen.getByRole('button', { name: 'Lưu điểm thẩm định' });
    // Nothing typed: the button says why it does nothing.
    expect(save).toHaveProperty('disabled', true);
    expect(screen.getByText('Chưa có thay đổi nào để lưu.')).toBeTruthy();

    fireEvent.change(input, { target: { value: '3,3' } });
    const row = input.closest(`[data-criterion="${stepped.number}"]`) as HTMLElement;
    const message = 'Điểm 3,3 không đúng bước điểm 0,5. Nhập số là bội của 0,5, ví dụ 0,5 hoặc 1.';
    // In the criterion's own row, next to its input, and tied to it for screen readers.
    expect(within(row).getByText(message)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
    expect(described.join(' ')).toContain(message);
    expect(save).toHaveProperty('disabled', true);
    expect(screen.getByText(`Chưa lưu được: sửa điểm ở tiêu chí ${stepped.number} (xem lỗi bên cạnh ô).`)).toBeTruthy();

    fireEvent.change(input, { target: { value: String(stepped.maxPoints + 1) } });
    expect(within(row).getByText(/vượt điểm tối đa/u)).toBeTruthy();

    fireEvent.change(input, { target: { value: '3,5' } });
    expect(within(row).queryByText(/không đúng bước|vượt điểm/u)).toBeNull();
    expect(input.getAttribute('aria-invalid')).not.toBe('true');
    expect(save).toHaveProperty('disabled', false);
  });

  it('puts the server\'s 422 refusal beside the criterion it names', async () => {
    const { response, counted } = data();
    const seen: string[] = [];
    const refuse = (async (url: RequestInfo | URL, init?: RequestInit) => {
      seen.push(`${init?.method} ${String(url)} ${String(init?.body)}`);
      return new Response(JSON.stringify({
        error: {
          code: 'appraisal-invalid', message: 'Có 1 điểm thẩm định không hợp lệ; chưa lưu điểm nào.',
          details: [{ sheet: 'Điểm thẩm định', cell: String(stepped.number), message: `Tiêu chí ${stepped.number}: Bộ tiêu chí đã thay đổi, điểm tối đa là 3.` }],
        },
      }), { status: 422, headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    withContext(refuse, <ScoresTab unitId="u1" data={response} counted={counted} set={set} onChanged={() => {}} />);
    const input = screen.getByLabelText(`Điểm thẩm định tiêu chí ${stepped.number}`);
    fireEvent.change(input, { target: { value: '3,5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu điểm thẩm định' }));
    const row = input.closest(`[data-criterion="${stepped.number}"]`) as HTMLElement;
    await waitFor(() => expect(within(row).getByText('Bộ tiêu chí đã thay đổi, điểm tối đa là 3.')).toBeTruthy());
    expect(seen[0]).toContain(`"${stepped.number}":3.5`);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input);
    expect(screen.getByText('Máy chủ không nhận điểm thẩm định; xem lỗi bên cạnh từng ô.')).toBeTruthy();
    // Editing the field clears the server's word on it.
    fireEvent.change(input, { target: { value: '3' } });
    expect(within(row).queryByText('Bộ tiêu chí đã thay đổi, điểm tối đa là 3.')).toBeNull();
  });
});

describe('the review panel\'s verdict', () => {
  it('writes a pass-fail set\'s result as the unit page and the documents do, and a points set\'s total with what it needs', async () => {
    const passFail = units.units.find((u) => u.verdict?.passFail && u.verdict.total !== null)!;
    const points = units.units.find((u) => u.verdict && !u.verdict.passFail && u.verdict.total !== null)!;
    const shown = withContext(never, <ReviewDrawer unitId={passFail.unit.id} onClose={() => {}} />);
    const verdict = await waitFor(() => document.querySelector<HTMLElement>('section[data-verdict]')!);
    expect(verdict.textContent).toContain(`Đạt ${passFail.verdict!.total}/${passFail.verdict!.max} tiêu chí`);
    expect(verdict.textContent).not.toContain('Tổng điểm');
    shown.unmount();
    withContext(never, <ReviewDrawer unitId={points.unit.id} onClose={() => {}} />);
    const pointsVerdict = await waitFor(() => document.querySelector<HTMLElement>('section[data-verdict]')!);
    expect(pointsVerdict.textContent).toContain(`Tổng điểm ${String(points.verdict!.total).replace('.', ',')}/50 (cần từ 45)`);
  });
});

describe('hard criteria in the score table', () => {
  it('marks a hard criterion once: a badge only when its title does not already say so', () => {
    const { response, counted } = data();
    const hard = set.criteria.filter((c) => c.hard);
    expect(hard.length).toBeGreaterThan(1);
    // The draft set's titles end "(dự thảo, tiêu chí cứng)"; one renamed as a province might word it.
    const plain = { ...hard[0]!, title: 'Không để xảy ra tội phạm đặc biệt nghiêm trọng' };
    const worded = { ...set, criteria: set.criteria.map((c) => (c.number === plain.number ? plain : c)) };
    withContext(never, <ScoresTab unitId="u1" data={response} counted={counted} set={worded} onChanged={() => {}} />);
    const badge = (n: number) => within(document.querySelector(`[data-criterion="${n}"]`) as HTMLElement).queryByTitle('Tiêu chí cứng (phải đạt điểm tối đa)');
    expect(badge(plain.number)).not.toBeNull();
    expect(badge(hard[1]!.number)).toBeNull();
    expect((document.querySelector(`[data-criterion="${hard[1]!.number}"]`) as HTMLElement).textContent).toContain('(dự thảo, tiêu chí cứng)');
  });
});

describe('the unit\'s biên bản thẩm định', () => {
  /** The file names the browser was asked to save (jsdom has no downloads). */
  function savedFiles(): string[] {
    const saved: string[] = [];
    URL.createObjectURL = () => 'blob:bien-ban';
    URL.revokeObjectURL = () => {};
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { saved.push(this.download); });
    return saved;
  }
  afterEach(() => vi.restoreAllMocks());

  function documentService(over: { settingsSaved: boolean; record?: Response }) {
    const seen: string[] = [];
    let saved = over.settingsSaved;
    const fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      seen.push(`${method} ${String(url)}`);
      if (String(url) === '/api/document-settings?year=2026') {
        if (method === 'PUT') saved = true;
        return new Response(JSON.stringify({ year: 2026, saved, settings: defaultDocumentSettings() }), { status: 200 });
      }
      if (String(url).startsWith('/api/units/GD-007/bien-ban.docx')) {
        return over.record ?? new Response(new Uint8Array([0x50, 0x4b]), {
          status: 200, headers: { 'Content-Disposition': `attachment; filename="bien-ban.docx"; filename*=UTF-8''${encodeURIComponent('Biên bản thẩm định 2026 - Sở Tư pháp.docx')}` },
        });
      }
      return new Response('{}', { status: 404 });
    }) as typeof globalThis.fetch;
    return { fetch, seen };
  }

  it('asks for the year\'s document settings first when they were never saved, then downloads it by the unit\'s code', async () => {
    const saved = savedFiles();
    const { response, counted } = data();
    const service = documentService({ settingsSaved: false });
    const notes: string[] = [];
    withContext(service.fetch, <ScoresTab unitId="u1" code="GD-007" data={response} counted={counted} set={set} onChanged={() => {}} />, notes);
    fireEvent.click(screen.getByRole('button', { name: 'Tải biên bản thẩm định (.docx)' }));
    const dialog = await screen.findByRole('dialog');
    expect(service.seen.some((s) => s.includes('bien-ban'))).toBe(false);
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Lưu và tải xuống' }));
    await waitFor(() => expect(saved).toEqual(['Biên bản thẩm định 2026 - Sở Tư pháp.docx']));
    expect(service.seen).toContain('PUT /api/document-settings?year=2026');
    expect(service.seen.at(-1)).toBe('GET /api/units/GD-007/bien-ban.docx?year=2026');
    expect(notes).toContain('success: Đã tải Biên bản thẩm định 2026 - Sở Tư pháp.docx.');
  });

  it('says the server\'s reason when it cannot be made, and waits while typed scores are not saved', async () => {
    const saved = savedFiles();
    const { response, counted } = data();
    const refused = new Response(JSON.stringify({ error: { code: 'template-invalid', message: 'Mẫu biên bản (.docx) bị hỏng.' } }), { status: 500 });
    const notes: string[] = [];
    withContext(documentService({ settingsSaved: true, record: refused }).fetch, <ScoresTab unitId="u1" code="GD-007" data={response} counted={counted} set={set} onChanged={() => {}} />, notes);
    const button = screen.getByRole('button', { name: 'Tải biên bản thẩm định (.docx)' });
    fireEvent.click(button);
    await waitFor(() => expect(notes).toEqual(['error: Mẫu biên bản (.docx) bị hỏng.']));
    expect(saved).toEqual([]);
    // A score typed but not saved would be missing from the biên bản: the button says so and waits.
    fireEvent.change(screen.getByLabelText(`Điểm thẩm định tiêu chí ${stepped.number}`), { target: { value: '3,5' } });
    expect(button).toHaveProperty('disabled', true);
    expect(screen.getByText(/^Biên bản ghi điểm thẩm định đã lưu/u)).toBeTruthy();
  });
});

describe('audit page', () => {
  it('names each unit with its code and xã/phường, so two of one name are two', async () => {
    const [a, b] = units.units;
    a!.unit.code = 'GD-001';
    b!.unit.code = 'GD-002';
    const entries: AuditEntry[] = [a!, b!].map((u, i) => ({
      at: `2026-11-1${i}T02:00:00Z`, actor: 'Quản trị viên', action: 'review', actionLabel: 'Duyệt hồ sơ', unitId: u.unit.id, unitCode: u.unit.code, detail: 'Duyệt.',
    }));
    const audit = (async () => new Response(JSON.stringify(entries), { status: 200, headers: { 'content-type': 'application/json' } })) as typeof globalThis.fetch;
    withContext(audit, <AuditPage active />);
    for (const u of [a!, b!]) {
      expect(await screen.findByText(`${u.unit.code} · ${u.unit.name}${u.unit.parent ? ` (${u.unit.parent})` : ''}`)).toBeTruthy();
    }
  });
});

describe('audit list', () => {
  it('shows actions in words and who did it, keeping the stored code', () => {
    const entries: AuditEntry[] = [
      { at: '2026-11-10T02:00:00Z', actor: 'Sở Tư pháp', action: 'submission-invalid', actionLabel: 'Nộp báo cáo (không hợp lệ)', unitId: 'u1', unitCode: 'CQ-001', detail: 'Nộp "a.xlsx": không hợp lệ, 2 lỗi.' },
      { at: '2026-11-11T02:00:00Z', actor: 'Quản trị viên', action: 'tokens', actionLabel: 'Cấp lại mã nộp hồ sơ', unitId: null, unitCode: null, detail: 'Cấp mã nộp mới cho 3 đơn vị.' },
    ];
    render(<FluentProvider theme={webLightTheme}><AuditList entries={entries} unitNames={new Map([['u1', 'Sở Tư pháp']])} emptyText="" /></FluentProvider>);
    const cell = screen.getByText('Nộp báo cáo (không hợp lệ)');
    expect(cell.closest('[data-action]')?.getAttribute('data-action')).toBe('submission-invalid');
    expect(screen.getByText('Cấp lại mã nộp hồ sơ')).toBeTruthy();
    expect(screen.getByText('Quản trị viên')).toBeTruthy();
    expect(screen.queryByText('tokens')).toBeNull();
  });
});

describe('review decision', () => {
  it('preselects nothing for a version not reviewed yet, so the radios never contradict "Chưa duyệt"; saves only a choice', async () => {
    const { response } = data();
    const posted: unknown[] = [];
    const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      posted.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify(response), { status: 200 });
    }) as typeof globalThis.fetch;
    withContext(fetch, <DecisionTab unitId="u1" data={response} onChanged={() => {}} />);
    expect(screen.getByText('Trạng thái duyệt hiện tại: Chưa duyệt')).toBeTruthy();
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.checked)).toEqual(radios.map(() => false));
    const save = screen.getByRole('button', { name: 'Lưu trạng thái duyệt' });
    expect(save).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('radio', { name: 'Đã duyệt' }));
    expect(save).toHaveProperty('disabled', false);
    fireEvent.click(save);
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ state: 'approved' });
  });

  it('shows the current decision of a version already reviewed', () => {
    const { response, counted } = data();
    const reviewed = { ...response, submissions: [{ ...counted, review: 'has-issues' as const }] };
    withContext(never, <DecisionTab unitId="u1" data={reviewed} onChanged={() => {}} />);
    expect((screen.getByRole('radio', { name: 'Cần bổ sung' }) as HTMLInputElement).checked).toBe(true);
  });
});
