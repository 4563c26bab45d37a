/**
 * AUTHORING ONLY: writes the shipped Word templates (server/documents/templates/*.docx) once.
 * The .docx files are committed; the product never runs this. To regenerate them after changing
 * the layout here:
 *
 *   npm run build && node dist/server/documents/authoring/makeTemplates.js
 *
 * A province edits its own copy in Word or LibreOffice instead (kept in `<data>/templates/`
 * under the same file name); the tags in braces are where the data goes (README, "Văn bản").
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  body, cell, centred, CONTENT_WIDTH, docxTemplate, FIRST_LINE, heading, loopTable, PAGE_BREAK, para, PT11, PT12, PT13, PT14,
  row, rule, run, sideBySide, table, tag,
} from './wordml';

const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** The header of Nghị định 30: cơ quan chủ quản / cơ quan ban hành / số, beside quốc hiệu / tiêu ngữ / địa danh, ngày tháng. */
function letterhead(): string {
  return sideBySide(0.42, (width) => [
    tag('{#parentBody}'),
    centred('{parentBody}', { size: PT13 }),
    tag('{/parentBody}'),
    centred('{issuingBody}', { size: PT13, bold: true }),
    rule(width, width * 0.4),
    centred('{numberLine}', { size: PT13 }, { before: 120 }),
  ].join(''), (width) => [
    centred(NATION, { size: PT12, bold: true }),
    centred(MOTTO, { size: PT14, bold: true }),
    rule(width, width * 0.62),
    centred('{placeDate}', { italics: true }, { before: 120 }),
  ].join(''));
}

/** Nơi nhận (bottom left) beside the signature block (quyền hạn, chức vụ, room to sign, họ tên). */
function signature(): string {
  return sideBySide(0.5, () => [
    para(run('Nơi nhận:', { bold: true, italics: true, size: PT12 }), { spacing: { before: 240 } }),
    tag('{#recipients}'),
    para(run('- {.}', { size: PT11 })),
    tag('{/recipients}'),
  ].join(''), () => [
    tag('{#signerAuthority}'),
    centred('{signerAuthority}', { bold: true }, { before: 240 }),
    tag('{/signerAuthority}'),
    centred('{signerTitle}', { bold: true }),
    ...[1, 2, 3, 4].map(() => para('')),
    centred('{signerName}', { bold: true }),
  ].join(''));
}

/** The proposed units, one section per criteria set, each its own numbered table. */
function proposalTables(columns: 'report' | 'request' | 'annex'): string {
  const w = CONTENT_WIDTH;
  const spec = {
    report: { widths: [800, 2900, 1400, 1700, 1300, w - 800 - 2900 - 1400 - 1700 - 1300], headers: ['STT', 'Tên đơn vị', 'Loại', 'Thuộc xã/phường', 'Kết quả', 'Thời hạn nộp'], cells: ['{no}', '{name}{pendingMark}', '{kind}', '{parent}', '{result}', '{timing}'] },
    request: { widths: [800, 3400, 1600, 2000, w - 800 - 3400 - 1600 - 2000], headers: ['STT', 'Tên đơn vị', 'Loại', 'Thuộc xã/phường', 'Kết quả'], cells: ['{no}', '{name}{pendingMark}', '{kind}', '{parent}', '{result}'] },
    annex: { widths: [800, 4200, 1800, w - 800 - 4200 - 1800], headers: ['STT', 'Tên đơn vị', 'Loại', 'Thuộc xã/phường'], cells: ['{no}', '{name}{pendingMark}', '{kind}', '{parent}'] },
  }[columns];
  return [
    tag('{#sections}'),
    para(run('{title}', { bold: true, size: PT13 }), { keepNext: true, spacing: { before: 120, after: 60 } }),
    loopTable(spec.widths, spec.headers, 'units', spec.cells.map((text, i) => ({ text, align: i === 0 || (i >= 4 && columns !== 'annex') ? 'center' as const : 'left' as const })), columns === 'report' ? PT12 : PT13),
    tag('{/sections}'),
  ].join('');
}

/** A list of body paragraphs from an array of strings (`- {.}` each). */
function lines(name: string, prefix = '- '): string {
  return tag(`{#${name}}`) + body(`${prefix}{.}`) + tag(`{/${name}}`);
}

function draftBanner(): string {
  return tag('{#draft}') + centred('{draft}', { bold: true, italics: true, size: PT13 }, { after: 120 }) + tag('{/draft}');
}

const baoCao = (): string => [
  letterhead(),
  centred('BÁO CÁO', { bold: true }, { before: 360 }),
  centred('Tổng hợp kết quả tự chấm điểm, thẩm định và đề nghị công nhận đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}', { bold: true }),
  rule(CONTENT_WIDTH, 1800),
  draftBanner(),
  body('{intro}'),
  heading('I. TÌNH HÌNH TIẾP NHẬN HỒ SƠ'),
  lines('intakeLines'),
  heading('II. ĐƠN VỊ ĐỀ NGHỊ CÔNG NHẬN'),
  body('{proposedIntro}'),
  proposalTables('report'),
  heading('III. ĐƠN VỊ CHƯA ĐỀ NGHỊ CÔNG NHẬN VÀ LÝ DO'),
  body('{notProposedIntro}'),
  lines('notProposedLines', ''),
  heading('IV. ĐƠN VỊ CHƯA NỘP HỒ SƠ HỢP LỆ'),
  body('{missingIntro}'),
  lines('missingLines', ''),
  heading('V. ĐỀ XUẤT'),
  lines('proposalLines', ''),
  body('Trên đây là báo cáo tổng hợp của {issuingBodySentence}./.'),
  signature(),
].join('');

const toTrinh = (): string => [
  letterhead(),
  centred('TỜ TRÌNH', { bold: true }, { before: 360 }),
  centred('Đề nghị công nhận đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}', { bold: true }),
  rule(CONTENT_WIDTH, 1800),
  draftBanner(),
  centred('Kính gửi: {addressee}', {}, { before: 120, after: 240 }),
  body('{intro}'),
  body('{proposedIntro}'),
  proposalTables('request'),
  lines('noteLines', ''),
  body('{issuingBodySentence} kính trình {addressee} xem xét, quyết định./.'),
  signature(),
].join('');

const quyetDinh = (): string => [
  centred('DỰ THẢO', { bold: true, size: PT13 }, { after: 120 }),
  letterhead(),
  centred('QUYẾT ĐỊNH', { bold: true }, { before: 360 }),
  centred('Về việc công nhận đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}', { bold: true }),
  rule(CONTENT_WIDTH, 1800),
  draftBanner(),
  centred('{authorityLine}', { bold: true }, { before: 240, after: 240 }),
  body('Căn cứ ……………………………………………………………………;', { italics: true }),
  body('{requestLine}', { italics: true }),
  centred('QUYẾT ĐỊNH:', { bold: true }, { before: 240, after: 240 }),
  body('Điều 1. Công nhận {count} đơn vị đạt danh hiệu đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year} (có danh sách kèm theo).'),
  body('Điều 2. Quyết định này có hiệu lực kể từ ngày ký.'),
  body('Điều 3. {executionLine}'),
  signature(),
  para(PAGE_BREAK),
  centred('DANH SÁCH', { bold: true }),
  centred('Đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}', { bold: true }),
  centred('{annexRef}', { italics: true }, { after: 240 }),
  proposalTables('annex'),
  body('{annexCount}', { italics: true }),
].join('');

const bienBan = (): string => {
  const w = CONTENT_WIDTH;
  const widths = [800, w - 800 - 1000 - 1000 - 1100 - 1700, 1000, 1000, 1100, 1700];
  return [
    letterhead(),
    centred('BIÊN BẢN THẨM ĐỊNH', { bold: true }, { before: 360 }),
    centred('Kết quả tự chấm điểm đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}', { bold: true }),
    centred('của {unit}', { bold: true }),
    rule(CONTENT_WIDTH, 1800),
    body('{intro}'),
    body('Đơn vị: {unit}. Bộ tiêu chí: {setTitle}.'),
    body('Báo cáo kết quả năm nộp lúc {receivedAt}: {timing}. Trạng thái duyệt hồ sơ: {review}.'),
    heading('1. Điểm tự chấm và điểm thẩm định'),
    loopTable(widths, ['STT', 'Nội dung tiêu chí', 'Điểm tối đa', 'Tự chấm', 'Thẩm định', 'Ghi chú'], 'criteria', [
      { text: '{no}', align: 'center' }, { text: '{title}' }, { text: '{max}', align: 'center' }, { text: '{self}', align: 'center' },
      { text: '{appraisal}', align: 'center' }, { text: '{note}' },
    ], PT12),
    table(widths, 'single', row(
      cell(widths[0]! + widths[1]!, para(run('Tổng cộng', { bold: true, size: PT12 }), { align: 'center' }), { span: 2 })
      + cell(widths[2]!, para(run('{maxTotal}', { bold: true, size: PT12 }), { align: 'center' }))
      + cell(widths[3]!, para(run('{selfTotal}', { bold: true, size: PT12 }), { align: 'center' }))
      + cell(widths[4]!, para(run('{appraisalTotal}', { bold: true, size: PT12 }), { align: 'center' }))
      + cell(widths[5]!, para(run('', { size: PT12 }))),
    )),
    heading('2. Kết luận của Hội đồng'),
    body('{conclusion}'),
    lines('reasons'),
    body('Biên bản được lập thành 02 bản, có giá trị như nhau./.'),
    sideBySide(0.5, () => [
      centred('THƯ KÝ', { bold: true }, { before: 240 }),
      ...[1, 2, 3, 4].map(() => para('')),
      centred('{secretary}', { bold: true }),
    ].join(''), () => [
      centred('CHỦ TỊCH HỘI ĐỒNG', { bold: true }, { before: 240 }),
      ...[1, 2, 3, 4].map(() => para('')),
      centred('{chair}', { bold: true }),
    ].join('')),
  ].join('');
};

/** One A4 page per unit: a loop over units with a page break before every unit but the first. */
const phieuMaNop = (): string => {
  const field = (label: string, value: string, options: { mono?: boolean } = {}) => row(
    cell(3000, para(run(label, { bold: true }))) + cell(CONTENT_WIDTH - 3000, para(run(value, options.mono ? { font: 'Courier New', size: PT14, bold: true } : {}))),
  );
  return [
    tag('{#units}'),
    // Every unit but the first starts on a new page.
    para(run('{^first}') + PAGE_BREAK + run('{/first}')),
    centred('{issuingBody}', { bold: true, size: PT13 }),
    centred('PHIẾU MÃ NỘP HỒ SƠ', { bold: true }, { before: 480 }),
    centred('Đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc', { bold: true }, { after: 360 }),
    table([3000, CONTENT_WIDTH - 3000], 'single',
      field('Tên đơn vị', '{name}')
      + field('Mã đơn vị', '{code}', { mono: true })
      + field('Loại đơn vị', '{kind}')
      + field('Thuộc xã/phường', '{parent}')
      + field('Trang nộp hồ sơ', '{unitPage}')
      + field('Mã nộp hồ sơ', '{token}', { mono: true })),
    para(run('Cách nộp hồ sơ', { bold: true }), { spacing: { before: 360, after: 120 } }),
    body('1. Mở trình duyệt (Chrome, Edge, Cốc Cốc, Firefox hoặc trên điện thoại), vào địa chỉ {unitPage}.'),
    body('2. Nhập mã nộp hồ sơ ở trên (dãy ký tự dài bắt đầu bằng "dhu_", không phải mã đơn vị) vào ô "Mã nộp hồ sơ của đơn vị" rồi bấm "Đăng nhập" (gõ đúng từng ký tự, hoặc sao chép từ tệp này).'),
    body('3. Chọn tệp bảng tự chấm điểm (.xlsx) của đơn vị rồi gửi; trang sẽ báo đã nhận, hoặc chỉ rõ ô cần sửa.'),
    body('Mã nộp hồ sơ chỉ dùng cho đơn vị này: giữ kín, không gửi cho đơn vị khác. Khi cần cấp lại mã, liên hệ {issuingBodySentence}.', { italics: true }),
    para(run('Địa chỉ dịch vụ: {serviceUrl}', { size: PT12 }), { spacing: { before: 360 }, indent: { firstLine: FIRST_LINE } }),
    tag('{/units}'),
  ].join('');
};

/** File name → (body, title, page numbers). */
export const TEMPLATES: Record<string, [() => string, string, boolean]> = {
  'bao-cao.docx': [baoCao, 'Báo cáo tổng hợp', true],
  'to-trinh.docx': [toTrinh, 'Tờ trình đề nghị công nhận', true],
  'quyet-dinh.docx': [quyetDinh, 'Dự thảo quyết định công nhận', true],
  'bien-ban.docx': [bienBan, 'Biên bản thẩm định', true],
  'phieu-ma-nop.docx': [phieuMaNop, 'Phiếu mã nộp hồ sơ', false],
};

if (require.main === module) {
  // From dist/server/documents/authoring/ to the source folder server/documents/templates/.
  const out = path.resolve(__dirname, '../../../../server/documents/templates');
  for (const [file, [make, title, pageNumbers]] of Object.entries(TEMPLATES)) {
    writeFileSync(path.join(out, file), docxTemplate(make(), title, pageNumbers));
    process.stdout.write(`${path.join(out, file)}\n`);
  }
}
