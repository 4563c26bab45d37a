/**
 * What the Word templates are filled with (server/documents/data.ts), without Word: the draft
 * decision's header left to the People's Committee, the tờ trình it answers cited with the date
 * the settings fix, and each section of proposed units numbered from 1.
 */
import { describe, expect, it } from 'vitest';
import { decisionData, reportData, requestData, type DocumentRequest } from '../../server/documents/data';
import { defaultDocumentSettings } from '../../shared/documents/settings';
import { registry } from '../consolidation/fixtures';
import { NOW, sampleResponse } from '../export/fixtures';

async function request(date: string): Promise<DocumentRequest> {
  const settings = { ...defaultDocumentSettings(), date, toTrinh: { ...defaultDocumentSettings().toTrinh, number: '126' } };
  return { response: await sampleResponse({ mixedSets: true }), settings, sets: registry, today: NOW, includePending: true };
}

describe('the dự thảo quyết định', () => {
  it('leaves the committee\'s number and date dotted, whatever date the Công an signs its own documents', async () => {
    const signed = await request('05/12/2026');
    const decision = decisionData(signed);
    expect(decision.numberLine).toBe('Số: ……/QĐ-UBND');
    expect(decision.placeDate).toBe('Đồng Tháp, ngày …… tháng …… năm ……');
    expect(decision.annexRef).toBe('(Kèm theo Quyết định số ……/QĐ-UBND ngày …… tháng …… năm …… của Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp)');
    // The province's own documents keep its signing date.
    expect(requestData(signed).placeDate).toBe('Đồng Tháp, ngày 05 tháng 12 năm 2026');
    expect(decision.requestLine).toBe('Xét đề nghị của Công an tỉnh Đồng Tháp tại Tờ trình số 126/TTr-CAT ngày 05 tháng 12 năm 2026.');
  });

  it('without a date in the settings the tờ trình took the day of its download: its date is left to write', async () => {
    const decision = decisionData(await request(''));
    expect(decision.requestLine).toBe('Xét đề nghị của Công an tỉnh Đồng Tháp tại Tờ trình số 126/TTr-CAT ngày …… tháng …… năm …….');
    expect(decision.placeDate).toBe('Đồng Tháp, ngày …… tháng …… năm ……');
  });
});

describe('sections of proposed units', () => {
  it('number each section from 1 in the báo cáo, the tờ trình and the annex alike', async () => {
    const given = await request('');
    for (const data of [reportData(given), requestData(given), decisionData(given)]) {
      expect(data.sections).toHaveLength(2);
      for (const section of data.sections) expect(section.units.map((u) => u.no)).toEqual(section.units.map((_, i) => i + 1));
    }
  });
});
