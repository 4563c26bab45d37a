/**
 * The document settings' rules a person meets: the signing date typed as people type it (one rule
 * for the console, the API and the CLI) and every refusal naming its field as the dialog does.
 */
import { describe, expect, it } from 'vitest';
import { documentSettingsSchema } from '../../shared/api/schemas';
import { DOCUMENT_SETTING_NAMES, defaultDocumentSettings, documentSettingIssue, documentSettingName } from '../../shared/documents/settings';

describe('the signing date', () => {
  it('takes a day or month typed with one digit and keeps it as dd/mm/yyyy', () => {
    const parse = (date: string) => documentSettingsSchema.safeParse({ ...defaultDocumentSettings(), date });
    expect(parse('5/12/2026').data?.date).toBe('05/12/2026');
    expect(parse('15/1/2027').data?.date).toBe('15/01/2027');
    expect(parse('').data?.date).toBe('');
    const wrong = parse('31/02/2026');
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues.map(documentSettingIssue)).toEqual([expect.stringMatching(/^Ngày ký: viết ngày theo dạng dd\/mm\/yyyy \(ví dụ 05\/12\/2026\)/u)]);
  });

  it('leaves no number to the draft decision: the committee gives it', () => {
    const parsed = documentSettingsSchema.parse({ ...defaultDocumentSettings(), quyetDinh: { ...defaultDocumentSettings().quyetDinh, number: '45' } });
    expect(parsed.quyetDinh).not.toHaveProperty('number');
  });
});

describe('field names', () => {
  it('names a field, and a line of a list from 1, as the dialog labels them', () => {
    expect(documentSettingName(['date'])).toBe('Ngày ký');
    expect(documentSettingName(['baoCao', 'recipients', 1])).toBe('Nơi nhận của báo cáo, dòng 2');
    expect(documentSettingName(['quyetDinh', 'signer', 'name'])).toBe('Họ tên người ký quyết định');
    expect(documentSettingName(['bienBan', 'secretary'])).toBe('Họ tên Thư ký Hội đồng');
    expect(documentSettingName([])).toBe('(nội dung)');
  });

  it('refuses "Nơi nhận" naming the signer with the line as the dialog counts it', () => {
    const settings = defaultDocumentSettings();
    settings.signer = { authority: '', title: 'GIÁM ĐỐC', name: '' };
    settings.toTrinh.recipients = ['Như trên;', 'Đồng chí Giám đốc (để b/c);'];
    const refused = documentSettingsSchema.safeParse(settings);
    expect(refused.error!.issues.map(documentSettingIssue)).toEqual([expect.stringMatching(/^Nơi nhận của tờ trình, dòng 2: "Nơi nhận" không ghi người ký/u)]);
  });

  it('names every field of the settings, each once', () => {
    const leaves = (value: unknown, prefix = ''): string[] => (typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.entries(value).flatMap(([key, v]) => leaves(v, `${prefix}${key}.`))
      : [prefix.slice(0, -1)]);
    expect(Object.keys(DOCUMENT_SETTING_NAMES).sort()).toEqual(leaves(defaultDocumentSettings()).sort());
    const names = Object.values(DOCUMENT_SETTING_NAMES);
    expect(new Set(names).size).toBe(names.length);
  });
});
