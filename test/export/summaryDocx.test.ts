import { describe, expect, it } from 'vitest';
import { consolidate } from '../../shared/consolidation/consolidate';
import { DEFAULT_CALENDAR } from '../../shared/deadlines/calendar';
import { defaultParentBody, writeSummaryDocx } from '../../server/export/summaryDocx';
import { sentenceCase } from '../../server/export/text';
import { registry, unit } from '../consolidation/fixtures';
import { HOSTILE_NAME, NOW, sampleResponse } from './fixtures';
import { zipEntries } from './zip';

/** The text of each paragraph of document.xml, in order (tables included, cell by cell). */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((t) => decode(t[1]!)).join(''));
}

function decode(text: string): string {
  return text.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'").replace(/&amp;/gu, '&');
}

async function documentOf(bytes: Buffer): Promise<{ xml: string; styles: string; text: string[] }> {
  const entries = await zipEntries(bytes);
  const xml = entries.get('word/document.xml')!;
  return { xml, styles: entries.get('word/styles.xml')!, text: paragraphs(xml).filter((p) => p !== '') };
}

describe('summary report (docx)', () => {
  it('follows the Nghị định 30 form: A4 portrait, margins, Times New Roman 14 pt, header block', async () => {
    const bytes = await writeSummaryDocx(await sampleResponse(), { place: 'Đồng Tháp', date: new Date('2026-11-23T03:00:00Z'), documentNumber: '125' });
    const { xml, styles, text } = await documentOf(bytes);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/u);
    // 20 mm top and bottom, 30 mm left, 15 mm right, in twips.
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/u);
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:sz w:val="28"\/>/u);
    expect(xml).not.toMatch(/w:ascii="(?!Times New Roman)/u);
    expect(text.slice(0, 7)).toEqual([
      'UBND TỈNH ĐỒNG THÁP',
      'CÔNG AN TỈNH ĐỒNG THÁP',
      'Số: 125/BC-CAT',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Đồng Tháp, ngày 23 tháng 11 năm 2026',
      'BÁO CÁO',
    ]);
    expect(text[7]).toBe('Tổng hợp kết quả tự chấm điểm và đề nghị công nhận đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2026');
    // The header table has no borders; the place and date line is italic.
    const headerTable = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
    expect(headerTable).toContain('<w:top w:val="none"');
    expect(headerTable).not.toContain('w:val="single" w:sz="4"');
    expect(xml).toMatch(/<w:i\/>[\s\S]{0,200}<w:t xml:space="preserve">Đồng Tháp, ngày 23 tháng 11 năm 2026/u);
    expect(xml).toMatch(/<w:b\/>[\s\S]{0,200}<w:t xml:space="preserve">Độc lập - Tự do - Hạnh phúc/u);
  });

  it('has the numbered sections with the year figures, ranked eligible units, reasons and missing units', async () => {
    const bytes = await writeSummaryDocx(await sampleResponse(), { place: 'Đồng Tháp', date: NOW });
    const { text } = await documentOf(bytes);
    const at = (line: string) => text.indexOf(line);
    const sections = ['I. TÌNH HÌNH TIẾP NHẬN HỒ SƠ', 'II. ĐƠN VỊ ĐỦ ĐIỀU KIỆN ĐỀ NGHỊ CÔNG NHẬN', 'III. ĐƠN VỊ CHƯA ĐỦ ĐIỀU KIỆN VÀ LÝ DO', 'IV. ĐƠN VỊ CHƯA NỘP HỒ SƠ', 'V. ĐỀ XUẤT'];
    const positions = sections.map(at);
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // No number given: room is left to write it by hand.
    expect(text).toContain(`Số: ${' '.repeat(8)}/BC-CAT`);
    expect(text).toEqual(expect.arrayContaining([
      '- Số đơn vị phải nộp hồ sơ: 8 đơn vị.',
      '- Số đơn vị đã nộp báo cáo kết quả năm: 6 đơn vị.',
      '- Số đơn vị có bảng tự chấm điểm hợp lệ: 5 đơn vị.',
      '- Số đơn vị nộp muộn so với hạn: 1 đơn vị.',
      '- Số đơn vị đủ điều kiện đề nghị công nhận: 4 đơn vị.',
      '- Số đơn vị chưa nộp hồ sơ hợp lệ: 3 đơn vị.',
      '- Có 1 đơn vị được Hội đồng thẩm định chấm lại điểm; kết quả dưới đây theo điểm thẩm định.',
    ]));
    // Section II's table: header, then units by total.
    const table = text.slice(at('STT'), at(sections[2]!));
    expect(table.slice(0, 5)).toEqual(['STT', 'Tên đơn vị', 'Loại', 'Thuộc xã/phường', 'Tổng điểm']);
    expect(table.slice(5, 10)).toEqual(['1', HOSTILE_NAME, 'Cơ quan', 'Phường Cao Lãnh', '50/50']);
    expect(table.filter((t) => /^\d+(,\d)?\/50$/u.test(t))).toEqual(['50/50', '50/50', '49,5/50', '47/50']);
    expect(text).toContain('1. Sở Tư pháp (Cơ quan): Tiêu chí cứng 5 đạt 4/5 điểm, phải đạt điểm tối đa. Tiêu chí cứng 8 đạt 4,5/5 điểm, phải đạt điểm tối đa.');
    const section4 = text.slice(at(sections[3]!), at(sections[4]!));
    expect(section4[1]).toBe('Có 3 đơn vị chưa nộp báo cáo kết quả năm:');
    expect(section4.slice(2)).toEqual([
      '1. @Ban Dân tộc (Cơ quan, Phường Cao Lãnh) — Quá hạn 3 ngày',
      '2. +84 Sở Nội vụ (Cơ quan): đã gửi tệp nhưng tệp không hợp lệ, chưa có bản hợp lệ.',
      '3. Sở Xây dựng (Cơ quan, Phường Cao Lãnh) — Quá hạn 3 ngày',
    ]);
    expect(text).toContain('Đề nghị Chủ tịch UBND tỉnh Đồng Tháp xem xét, công nhận 4 đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2026 theo danh sách tại Mục II.');
    expect(text).toEqual(expect.arrayContaining(['Nơi nhận:', '- UBND tỉnh Đồng Tháp (để b/c);', 'GIÁM ĐỐC']));
  });

  it('takes another issuing body, a full number, and says when no unit qualifies', async () => {
    const response = consolidate({ year: 2026, now: NOW, calendar: DEFAULT_CALENDAR, units: [unit('u1', 'Sở Y tế')], submissions: [], sets: registry });
    const bytes = await writeSummaryDocx(response, {
      issuingBody: 'Công an tỉnh Vĩnh Long', place: 'Vĩnh Long', date: new Date('2027-02-04T20:00:00Z'), documentNumber: '17/BC-CAT-PV01', signerRole: 'KT. Giám đốc', signerName: 'Nguyễn Văn A',
    });
    const { text } = await documentOf(bytes);
    expect(text.slice(0, 6)).toEqual([
      'UBND TỈNH VĨNH LONG', 'CÔNG AN TỈNH VĨNH LONG', 'Số: 17/BC-CAT-PV01', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      // 04/02 20:00 UTC is 05/02 in Vietnam; day and February take a leading zero.
      'Vĩnh Long, ngày 05 tháng 02 năm 2027',
    ]);
    expect(text).toContain('Chưa có đơn vị nào đủ điều kiện đề nghị công nhận.');
    expect(text).toContain('Số đơn vị đủ điều kiện (0) thấp hơn chỉ tiêu tối thiểu 3 đơn vị/năm; đề nghị tiếp tục hướng dẫn các đơn vị còn thiếu hoàn thiện hồ sơ.');
    expect(text).toEqual(expect.arrayContaining(['KT. GIÁM ĐỐC', 'Nguyễn Văn A']));
  });

  it('writes the bodies sentence-case inside sentences', () => {
    expect(sentenceCase('CÔNG AN TỈNH ĐỒNG THÁP')).toBe('Công an tỉnh Đồng Tháp');
    expect(sentenceCase('UBND TỈNH ĐỒNG THÁP')).toBe('UBND tỉnh Đồng Tháp');
    expect(sentenceCase('CÔNG AN THÀNH PHỐ HÀ NỘI')).toBe('Công an thành phố Hà Nội');
    expect(defaultParentBody('Công an thành phố Cần Thơ')).toBe('UBND THÀNH PHỐ CẦN THƠ');
    expect(defaultParentBody('PHÒNG THAM MƯU')).toBeUndefined();
  });
});
