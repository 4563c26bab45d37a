/** Every word the Word documents (báo cáo, tờ trình, quyết định, biên bản, phiếu mã nộp) fill into their templates. */
import { vi } from '../../shared/i18n/vi';
import { formatNumberVi as n } from '../../shared/util/numbers';
import { MOVEMENT } from '../export/text';

/** Dots left where the body that issues a document writes its number or date by hand. */
const BLANK = '……';
const BLANK_DATE = `ngày ${BLANK} tháng ${BLANK} năm ${BLANK}`;

export const docsText = {
  /** "Số: 125/BC-CAT"; no number yet leaves room to write it by hand. */
  numberLine: (number: string, symbol: string) => `Số: ${number.trim() || '          '}/${symbol.trim()}`,
  /** Nghị định 30/2020: days below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02", "tháng 3"). */
  date: (day: number, month: number, year: number) => `ngày ${String(day).padStart(2, '0')} tháng ${month <= 2 ? `0${month}` : month} năm ${year}`,
  /** A date the issuing body writes when it issues the document (a draft for another body), as the annex's reference leaves it. */
  blankDate: BLANK_DATE,
  /** "Đồng Tháp, ngày 05 tháng 12 năm 2026": `date` is `docsText.date(…)` or `blankDate`. */
  placeDate: (place: string, date: string) => `${place}, ${date}`,
  /** A number the issuing body gives when it issues the document: "Số: ……/QĐ-UBND". */
  blankNumberLine: (symbol: string) => `Số: ${BLANK}/${symbol.trim()}`,
  draftWithPending: 'BẢN NHÁP: có đơn vị hồ sơ chưa được duyệt (ghi "chờ duyệt"), chưa dùng để trình ký',
  /** After the name of a proposed unit still waiting for review (the `pendingMark` tag). */
  pendingMark: ' (chờ duyệt)',
  lateness: {
    onTime: 'Đúng hạn',
    late: (days: number) => `Muộn ${days} ngày`,
    // Only the fact: the file may have come in through an exception, before the lock day moved, or offline (consolidate: a file's date).
    afterLock: (days: number) => `Muộn ${days} ngày (sau hạn khoá)`,
    none: 'Chưa nộp',
  },
  result: {
    points: (total: number, max: number | null) => (max === null ? n(total) : `${n(total)}/${n(max)} điểm`),
    /** As the unit page and the console say it (vi.passedCriteria). */
    passFail: (passed: number, of: number | null) => (of === null ? `Đạt ${n(passed)} tiêu chí` : vi.passedCriteria(passed, of)),
    appraised: ' (theo điểm thẩm định)',
  },
  /** The heading of a criteria set's section of proposed units: the Word documents and the recognition list (.xlsx) alike. */
  section: (index: number, title: string, scoring: 'points' | 'pass-fail') =>
    `${index}. ${title} — ${scoring === 'points' ? 'xếp theo tổng điểm' : 'đánh giá đạt/không đạt, xếp theo tên'}`,
  report: {
    intro: (issuing: string, year: number) =>
      `Thực hiện Kế hoạch xây dựng đơn vị ${MOVEMENT} năm ${year}, ${issuing} báo cáo kết quả tiếp nhận, thẩm định hồ sơ của các đơn vị và đề nghị công nhận như sau:`,
    expected: (count: number) => `Số đơn vị phải nộp hồ sơ: ${count} đơn vị.`,
    submitted: (count: number) => `Số đơn vị đã nộp báo cáo kết quả năm: ${count} đơn vị.`,
    valid: (count: number) => `Số đơn vị có bảng tự chấm điểm hợp lệ: ${count} đơn vị.`,
    late: (count: number) => `Số đơn vị nộp muộn so với hạn đang áp dụng: ${count} đơn vị.`,
    /** Offline: the calendar named, since "the one in force" would be whatever the run was given (or the default). */
    lateByFileDates: (count: number, calendar: string) =>
      `Số đơn vị nộp muộn so với hạn nộp theo "${calendar}": ${count} đơn vị (thời điểm nhận tính theo ngày sửa đổi của tệp, do tổng hợp từ thư mục tệp, không có biên nhận).`,
    /** `appraised`: the council re-scored some units, whose scores after appraisal are the ones counted. */
    eligible: (count: number, appraised: boolean) => `Số đơn vị đủ điều kiện${appraised ? ' (theo điểm sau thẩm định)' : ''}: ${count} đơn vị.`,
    approved: (count: number) => `Số đơn vị đủ điều kiện có hồ sơ đã được duyệt: ${count} đơn vị.`,
    appraised: (count: number) => `Số đơn vị được Hội đồng thẩm định chấm lại điểm: ${count} đơn vị.`,
    kindLine: (label: string, expected: number, valid: number, eligible: number) =>
      `${label}: ${expected} đơn vị phải nộp, ${valid} đơn vị nộp hợp lệ, ${eligible} đơn vị đủ điều kiện.`,
    proposedIntro: (count: number, sets: number) => count === 0
      ? 'Chưa có đơn vị nào đủ điều kiện và có hồ sơ đã được duyệt để đề nghị công nhận.'
      : `Có ${count} đơn vị đủ điều kiện, hồ sơ đã được duyệt, đề nghị công nhận${sets > 1 ? ' (danh sách lập riêng theo từng bộ tiêu chí)' : ''}:`,
    proposedIntroDraft: (count: number, pending: number) =>
      `Có ${count} đơn vị đủ điều kiện, trong đó ${pending} đơn vị hồ sơ còn chờ duyệt (ghi "chờ duyệt"):`,
    notProposedIntro: (count: number) => (count === 0 ? 'Không có.' : `Có ${count} đơn vị đã nộp hồ sơ hợp lệ nhưng chưa đề nghị công nhận:`),
    /** A unit as every line names it: two units of one name are told apart by their xã/phường. */
    unit: (name: string, kind: string, parent: string) => `${name} (${kind}${parent ? `, ${parent}` : ''})`,
    notEligibleLine: (i: number, unit: string, reasons: string) => `${i}. ${unit}: chưa đủ điều kiện — ${reasons}`,
    pendingLine: (i: number, unit: string) => `${i}. ${unit}: đủ điều kiện nhưng hồ sơ chưa được duyệt.`,
    refusedLine: (i: number, unit: string, state: string) => `${i}. ${unit}: hồ sơ ${state.toLowerCase()}.`,
    missingIntro: (count: number) => (count === 0 ? 'Tất cả các đơn vị đã nộp báo cáo kết quả năm hợp lệ.' : `Có ${count} đơn vị chưa nộp báo cáo kết quả năm hợp lệ:`),
    missingLine: (i: number, unit: string, deadline: string) => `${i}. ${unit} — ${deadline}.`,
    invalidLine: (i: number, unit: string) => `${i}. ${unit}: đã gửi tệp nhưng tệp không hợp lệ, chưa có bản hợp lệ.`,
    // Past REPORT_LIST_LIMIT units a list is given as counts by reason; the consolidated workbook names every unit.
    notEligibleCount: (count: number) => `- ${count} đơn vị chưa đủ điều kiện;`,
    pendingCount: (count: number) => `- ${count} đơn vị đủ điều kiện nhưng hồ sơ chưa được duyệt;`,
    refusedCount: (count: number, state: string) => `- ${count} đơn vị có hồ sơ ${state.toLowerCase()};`,
    invalidCount: (count: number) => `- ${count} đơn vị đã gửi tệp nhưng tệp không hợp lệ, chưa có bản hợp lệ;`,
    notSubmittedCount: (count: number) => `- ${count} đơn vị chưa gửi báo cáo kết quả năm;`,
    seeConsolidated: (year: number) => `Danh sách từng đơn vị: xem Bảng tổng hợp điển hình năm ${year} kèm theo.`,
    recognise: (count: number, addressee: string, year: number) =>
      `Đề nghị ${addressee} xem xét, công nhận ${count} đơn vị ${MOVEMENT} năm ${year} theo danh sách tại Mục II.`,
    none: 'Chưa có đơn vị đủ điều kiện để đề nghị công nhận; đề nghị các đơn vị khắc phục các nội dung tại Mục III, IV.',
    belowTarget: (count: number, target: number) =>
      `Số đơn vị đề nghị công nhận (${count}) thấp hơn chỉ tiêu tối thiểu ${target} đơn vị/năm; đề nghị tiếp tục hướng dẫn các đơn vị hoàn thiện hồ sơ.`,
  },
  request: {
    intro: (issuing: string, year: number) =>
      `Căn cứ kết quả tự chấm điểm, thẩm định và duyệt hồ sơ của các đơn vị năm ${year}, ${issuing} kính trình xem xét, công nhận các đơn vị ${MOVEMENT} năm ${year} như sau:`,
    count: (count: number) => `Tổng cộng: ${count} đơn vị.`,
  },
  decision: {
    authority: (title: string, body: string) => `${title} ${body}`.toLocaleUpperCase('vi-VN'),
    /** `date`: the tờ trình's, `docsText.date(…)`, or `blankDate` when the settings leave it to the day of download. */
    request: (issuing: string, number: string, symbol: string, date: string) => `Xét đề nghị của ${issuing} tại Tờ trình số ${number.trim() || BLANK}/${symbol} ${date}.`,
    execution: (issuing: string) =>
      `Chánh Văn phòng Ủy ban nhân dân tỉnh, ${issuing}, Thủ trưởng các cơ quan, đơn vị có liên quan và các đơn vị có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`,
    annexRef: (symbol: string, signerTitle: string, body: string) => `(Kèm theo Quyết định số ${BLANK}/${symbol} ${BLANK_DATE} của ${signerTitle} ${body})`,
    annexCount: (count: number) => `Danh sách có ${count} đơn vị.`,
  },
  appraisal: {
    intro: (council: string, issuing: string, year: number) =>
      `${council} của ${issuing} đã thẩm định hồ sơ, bảng tự chấm điểm năm ${year} của đơn vị; kết quả như sau:`,
    noAppraisal: 'Không chấm lại',
    changed: 'Chấm lại',
    eligible: (total: string) => `Đơn vị đủ điều kiện đề nghị công nhận (điểm sau thẩm định: ${total}).`,
    notEligible: (total: string) => `Đơn vị chưa đủ điều kiện đề nghị công nhận (điểm sau thẩm định: ${total}), vì:`,
    notSubmitted: 'Đơn vị chưa có báo cáo kết quả năm hợp lệ nên chưa thẩm định được.',
    notReviewed: 'Chưa duyệt',
    hard: 'Tiêu chí cứng',
    passed: 'Đạt',
    failed: 'Chưa đạt',
  },
  slip: {
    unitPage: (serviceUrl: string) => `${serviceUrl.replace(/\/+$/u, '')}/don-vi/`,
  },
  fileNames: {
    'bao-cao': (year: number) => `Báo cáo tổng hợp điển hình ${year}.docx`,
    'to-trinh': (year: number) => `Tờ trình đề nghị công nhận ${year}.docx`,
    'quyet-dinh': (year: number) => `Dự thảo quyết định công nhận ${year}.docx`,
    'bien-ban': (year: number, unit: string) => `Biên bản thẩm định ${unit} ${year}.docx`,
    slips: 'Phiếu mã nộp hồ sơ.docx',
  },
  template: {
    broken: (file: string, detail: string) =>
      `Mẫu văn bản "${file}" có thẻ điền dữ liệu không hợp lệ (${detail}). Sửa mẫu (các thẻ trong dấu { }) hoặc xoá tệp mẫu riêng của tỉnh để dùng mẫu gốc.`,
    unreadable: (file: string, detail: string) =>
      `Không mở được mẫu văn bản "${file}" (${detail}). Lưu lại mẫu bằng Word dạng .docx, hoặc xoá tệp để dùng mẫu gốc.`,
  },
} as const;

/** "CÔNG AN TỈNH ĐỒNG THÁP" → "Công an tỉnh Đồng Tháp" for use inside a sentence. */
export function sentenceCase(body: string): string {
  const lower = body.normalize('NFC').trim().toLocaleLowerCase('vi-VN');
  const words = lower.split(/\s+/u);
  // Place names after the administrative word keep their capitals ("tỉnh Đồng Tháp", "UBND tỉnh").
  const level = words.findIndex((w, i) => w === 'tỉnh' || w === 'tp' || (w === 'phố' && words[i - 1] === 'thành'));
  return words
    .map((w, i) => {
      if (w === 'ubnd') return 'UBND';
      if (i === 0 || (level >= 0 && i > level)) return w.charAt(0).toLocaleUpperCase('vi-VN') + w.slice(1);
      return w;
    })
    .join(' ');
}
