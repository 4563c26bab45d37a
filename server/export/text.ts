/** Every word the exports (consolidated sheet, recognition list) and the consolidate CLI say, in one place (the Word documents: server/documents/text.ts). */
import { vi } from '../../shared/i18n/vi';
import { formatNumberVi as n } from '../../shared/util/numbers';
import { issueLine, type IssuePlace } from '../../shared/workbook/issues';

export const MOVEMENT = 'điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc';

/**
 * A late file's words in the workbooks: the days late, and whether it came after the lock day (the
 * server takes such a file only through an exception; offline, the file's date says so).
 */
function lateText(days: number, afterLock: boolean): string {
  return `Nộp muộn ${days} ngày${afterLock ? ' (sau hạn khoá)' : ''}`;
}

export const sheetText = {
  consolidatedSheet: 'Bảng tổng hợp',
  summarySheet: 'Tổng hợp',
  /** One detail sheet per criteria set when units were scored on several (Excel: at most 31 characters). */
  setSheet: (index: number) => `Bộ tiêu chí ${index}`,
  title: (year: number) => `BẢNG TỔNG HỢP KẾT QUẢ TỰ CHẤM ĐIỂM ĐƠN VỊ ${MOVEMENT.toUpperCase()} NĂM ${year}`,
  generated: (at: string, expected: number, valid: number, eligible: number) =>
    `Lập lúc ${at} (giờ Việt Nam). Đơn vị phải nộp: ${expected}; đã nộp hợp lệ: ${valid}; đủ điều kiện đề nghị công nhận: ${eligible}.`,
  setsNote: (count: number) =>
    count === 1
      ? 'Điểm từng tiêu chí xem ở trang "Bộ tiêu chí 1".'
      : `Các đơn vị chấm theo ${count} bộ tiêu chí khác nhau; điểm từng tiêu chí của mỗi bộ xem ở trang riêng ("Bộ tiêu chí 1", "Bộ tiêu chí 2"…).`,
  /** The short label of a set in the "Bộ tiêu chí" column, explained in the title block. */
  setShort: (index: number) => `Bộ ${index}`,
  setTitle: (title: string, version: string) => `${title} (phiên bản ${version})`,
  draftSet: 'Bộ tiêu chí dự thảo (cần đối chiếu với Quyết định 3554/QĐ-BCA-V05)',
  /** After the title on the second printed page across. */
  continued: '(tiếp theo)',
  summaryTitle: (year: number) => `TỔNG HỢP TÌNH HÌNH NỘP HỒ SƠ NĂM ${year} THEO LOẠI ĐƠN VỊ`,
  targetNote: (eligible: number, target: number) =>
    eligible >= target
      ? `Số đơn vị đủ điều kiện (${eligible}) đạt chỉ tiêu tối thiểu ${target} đơn vị/năm.`
      : `Số đơn vị đủ điều kiện (${eligible}) thấp hơn chỉ tiêu tối thiểu ${target} đơn vị/năm.`,
  headers: {
    number: 'STT',
    name: 'Tên đơn vị',
    kind: 'Loại',
    parent: 'Thuộc xã/phường',
    set: 'Bộ tiêu chí',
    criterion: (number: number) => `Tiêu chí ${number}`,
    criterionDetail: (number: number, max: number, hard: boolean) => `Tiêu chí ${number}\n(tối đa ${n(max)}${hard ? ', cứng' : ''})`,
    /** A pass-fail criterion has no maximum to show (its 1 is "Đạt"). */
    passFailCriterion: (number: number, hard: boolean) => `Tiêu chí ${number}${hard ? '\n(cứng)' : ''}`,
    total: 'Tổng điểm',
    /** The total of a pass-fail set: criteria met, not points. */
    passedCount: 'Số tiêu chí đạt',
    hard: 'Tiêu chí cứng',
    verdict: 'Kết quả',
    reasons: 'Lý do',
    scoreSource: 'Nguồn điểm',
    version: 'Phiên bản',
    submittedAt: 'Thời điểm nộp',
    timing: 'Đúng hạn / Nộp muộn',
    review: 'Trạng thái duyệt',
    deadline: 'Tình trạng hạn nộp',
  },
  summaryHeaders: {
    kind: 'Loại đơn vị',
    expected: 'Phải nộp',
    submitted: 'Đã nộp',
    valid: 'Hợp lệ',
    eligible: 'Đủ điều kiện',
    late: 'Nộp muộn',
    missing: 'Chưa nộp hồ sơ hợp lệ',
    total: 'Tổng cộng',
  },
  hardMet: 'Đạt',
  /** A set with no hard criterion: nothing to meet. */
  noHard: 'Không có',
  hardFailed: (numbers: number[]) => `Chưa đạt: ${numbers.join(', ')}`,
  eligible: 'Đủ điều kiện',
  notEligible: 'Chưa đủ điều kiện',
  notSubmitted: 'Chưa nộp',
  invalidOnly: 'Tệp không hợp lệ',
  invalidOnlyReason: 'Đã gửi tệp nhưng tệp không hợp lệ; chưa có bản hợp lệ nào. Yêu cầu đơn vị sửa lỗi và nộp lại.',
  notSubmittedReason: 'Chưa nộp báo cáo kết quả năm.',
  selfScore: 'Tự chấm',
  appraisal: 'Thẩm định',
  present: 'Có',
  absent: 'Chưa có',
  passed: 'Đạt',
  failed: 'Chưa đạt',
  onTime: 'Đúng hạn',
  late: (days: number, afterLock: boolean) => lateText(days, afterLock),
  notReviewed: 'Chưa duyệt',
  unknownSet: (id: string) => `Bộ tiêu chí "${id}" (không còn trong hệ thống)`,
} as const;

export const listText = {
  sheet: 'Danh sách đề nghị',
  title: 'DANH SÁCH',
  subtitle: (year: number) => `ĐƠN VỊ ĐỀ NGHỊ CÔNG NHẬN ${MOVEMENT.toUpperCase()} NĂM ${year}`,
  /** Only when the tờ trình's number is known (its number and symbol as issued, "125/TTr-CAT"). */
  attached: (submissionNumber: string) => `(Kèm theo Tờ trình số ${submissionNumber})`,
  headers: { number: 'STT', name: 'Tên đơn vị', kind: 'Loại', parent: 'Thuộc xã/phường', total: 'Kết quả chấm', notes: 'Ghi chú' },
  count: (count: number) => `Tổng cộng: ${count} đơn vị.`,
  none: 'Chưa có đơn vị nào đủ điều kiện đề nghị công nhận.',
  notes: {
    appraised: 'Theo điểm thẩm định',
    passFail: vi.passedCriteria,
    outOf: (total: number, max: number) => `${n(total)}/${n(max)} điểm`,
    bare: (total: number, max: number) => `${n(total)}/${n(max)}`,
    review: (label: string) => `Hồ sơ: ${label.toLowerCase()}`,
    notReviewed: 'Hồ sơ chưa được duyệt',
    pending: 'CHỜ DUYỆT (dự thảo: chưa được đề nghị)',
    draftSet: 'Chấm theo bộ tiêu chí dự thảo',
    late: (days: number, afterLock: boolean) => lateText(days, afterLock),
  },
} as const;

/** Why a calendar file could not be read, by the system's error code: what to do. */
const CALENDAR_UNREADABLE: Readonly<Record<string, string>> = {
  ENOENT: 'không có tệp này; kiểm tra tên tệp và thư mục',
  EISDIR: 'đó là một thư mục; ghi cả tên tệp, ví dụ lich-han-nop-2026.json',
  EACCES: 'không có quyền đọc tệp; chép tệp sang thư mục khác hoặc xin quyền đọc',
  EPERM: 'không có quyền đọc tệp; chép tệp sang thư mục khác hoặc xin quyền đọc',
};

export const cliConsolidateText = {
  summary: 'Tổng hợp các bảng tự chấm điểm (.xlsx) trong thư mục hoặc danh sách tệp, không cần máy chủ: bảng tổng hợp, báo cáo tổng hợp và danh sách đề nghị công nhận.',
  noInputs: 'chưa chỉ ra thư mục hoặc tệp .xlsx nào để tổng hợp.',
  badYear: (text: string) => `năm "${text}" không hợp lệ; nhập năm có 4 chữ số, ví dụ --year 2026.`,
  inputMissing: (path: string) => `Không tìm thấy "${path}".\n`,
  noWorkbooks: 'Không tìm thấy tệp bảng tính (.xlsx) nào trong các thư mục và tệp đã chỉ ra.\n',
  found: (count: number) => `Tìm thấy ${count} tệp bảng tính.\n`,
  progress: (done: number, total: number) => `Đã đọc ${done}/${total} tệp`,
  unreadable: (file: string, message: string) => `Không đọc được "${file}": ${message}\n`,
  invalid: (file: string) => `Tệp "${file}" không hợp lệ:\n`,
  /** One issue of a file, its place written as `check` and the web pages write it (issueLine: `'Chấm điểm'!F7`). */
  issue: (issue: IssuePlace) => `  - ${issueLine(issue)}\n`,
  noUnit: (file: string) => `Tệp "${file}" không có tên đơn vị hợp lệ nên không đưa vào bảng tổng hợp.\n`,
  noKind: (file: string, name: string) => `Tệp "${file}" (${name}) không ghi loại đơn vị hợp lệ nên không đưa vào bảng tổng hợp.\n`,
  otherYear: (file: string, year: number, expected: number) => `Tệp "${file}" là của năm ${year}, không phải năm ${expected}; bỏ qua.\n`,
  duplicate: (file: string, first: string) => `Tệp "${file}" giống hệt tệp "${first}"; chỉ tính một lần.\n`,
  unitsFile: (file: string, message: string) => `Danh sách đơn vị "${file}": ${message}\n`,
  atLine: (line: number, message: string) => `dòng ${line}: ${message}`,
  unknownUnit: (file: string, name: string) =>
    `Tệp "${file}": đơn vị "${name}" không có trong danh sách đơn vị (--units); ghi riêng ở trang "${UNLISTED_SHEET}", không tính vào số phải nộp, không xếp hạng, không đề nghị công nhận.\n`,
  ambiguousUnit: (file: string, name: string, candidates: string[]) =>
    `Tệp "${file}": tên "${name}" khớp ${candidates.length} đơn vị trong danh sách (${candidates.join(', ')}) mà tệp không ghi mã đơn vị hay xã/phường để phân biệt; chưa tính cho đơn vị nào (ghi ở trang "${AMBIGUOUS_SHEET}" của bảng tổng hợp). Ghi Mã đơn vị hoặc Thuộc xã/phường vào tệp rồi chạy lại.\n`,
  /** A file that counts, on another criteria set than the unit's file before it: `message` is the warning intake gives too. */
  setChanged: (file: string, message: string) => `Lưu ý, tệp "${file}": ${message}\n`,
  criteria: (message: string) => `Không nạp được bộ tiêu chí: ${message}\n`,
  /** Which calendar lateness is counted against: the one given, else the default and how to give another. */
  calendarUsed: (title: string, file: string | undefined) => (file !== undefined
    ? `Hạn nộp tính theo lịch "${title}" (tệp "${file}").\n`
    : `Hạn nộp tính theo "${title}"; nếu lịch của tỉnh khác, tải lịch ở thẻ "Hạn nộp" của trang tổng hợp rồi chỉ ra bằng --calendar <tệp.json>.\n`),
  /** `code`: the system's error code (ENOENT…); `detail`, its words, said only for a code without a sentence here. */
  calendarUnreadable: (file: string, code: string | undefined, detail: string) =>
    `Không đọc được tệp lịch hạn nộp "${file}" (--calendar): ${(code !== undefined && CALENDAR_UNREADABLE[code]) || detail}. Tệp lịch của năm tải ở thẻ "Hạn nộp" của trang tổng hợp.\n`,
  calendarNotJson: (file: string, line: number | undefined, column: number | undefined, detail: string) =>
    `Tệp lịch hạn nộp "${file}" (--calendar) không phải là JSON hợp lệ${line !== undefined ? ` ở dòng ${line}, cột ${column}` : ''} (${detail}). ` +
    'Sửa chỗ đó (tên và chữ trong dấu ngoặc kép, các mục cách nhau bằng dấu phẩy, không có dấu phẩy sau mục cuối) hoặc tải lại tệp ở thẻ "Hạn nộp" của trang tổng hợp, rồi chạy lại.\n',
  calendarInvalid: (file: string) =>
    `Tệp lịch hạn nộp "${file}" (--calendar) không phải là lịch hạn nộp hợp lệ; sửa các trường sau rồi chạy lại (tệp tải ở thẻ "Hạn nộp" của trang tổng hợp là mẫu đúng):\n`,
  calendarField: (field: string, message: string) => `  - ${field || '(cả tệp)'}: ${message}\n`,
  wrote: (what: string, path: string) => `Đã ghi ${what}: ${path}\n`,
  /** `unlisted`: files of units not on the --units list, shown on their own sheet and counted for no unit. */
  done: (files: number, units: number, valid: number, eligible: number, problems: number, unlisted: number, year: number) =>
    `Xong (năm ${year}): ${files} tệp, ${units} đơn vị, ${valid} đơn vị nộp hợp lệ, ${eligible} đơn vị đủ điều kiện` +
    (problems > 0 ? `; ${problems} tệp không dùng được (xem các thông báo ở trên)` : '') +
    (unlisted > 0 ? `; ${unlisted} tệp của đơn vị ngoài danh sách, không tính (trang "${UNLISTED_SHEET}")` : '') + '.\n',
  consolidated: 'bảng tổng hợp',
  summaryDoc: 'báo cáo tổng hợp',
  list: 'danh sách đề nghị công nhận',
} as const;

export const offlineText = {
  /** Files in the folders that are no spreadsheet (a letter, a scan): named, up to five, as not read. */
  skipped: (files: readonly string[]) =>
    `Bỏ qua ${files.length} tệp không phải bảng tính: ${files.slice(0, 5).join(', ')}${files.length > 5 ? ` và ${files.length - 5} tệp khác` : ''}.\n`,
  cannotOpen: (reason: string) => `Không mở được tệp (${reason}).`,
  readerGaveUp: (reason: 'timeout' | 'memory' | 'failed', timeoutMs: number) =>
    reason === 'timeout'
      ? `Đọc tệp quá ${Math.round(timeoutMs / 1000)} giây nên đã dừng; tệp có thể bị hỏng hoặc có nội dung bất thường. Yêu cầu đơn vị gửi lại tệp.`
      : reason === 'memory'
        ? 'Tệp cần quá nhiều bộ nhớ để đọc nên đã dừng; tệp có thể bị hỏng hoặc có nội dung bất thường. Yêu cầu đơn vị gửi lại tệp.'
        : 'Không đọc được tệp; tệp có thể bị hỏng. Yêu cầu đơn vị gửi lại tệp.',
  readerUnavailable: (detail: string) =>
    `Bộ đọc tệp không khởi động được nên chưa đọc được tệp nào (lỗi của chương trình, không phải của tệp); báo cho quản trị viên kèm nội dung sau:\n${detail}`,
} as const;

/** The consolidated workbook's sheet of files from units not on the list (offline --units). */
export const UNLISTED_SHEET = 'Ngoài danh sách';
export const unlistedText = {
  title: 'ĐƠN VỊ NGOÀI DANH SÁCH ĐƠN VỊ PHẢI NỘP',
  note: 'Các tệp dưới đây là của đơn vị không có trong danh sách đơn vị dùng khi tổng hợp: KHÔNG tính vào số phải nộp, KHÔNG xếp hạng, KHÔNG đề nghị công nhận. Nếu là đơn vị cần đánh giá, bổ sung vào danh sách rồi tổng hợp lại.',
  headers: ['STT', 'Mã đơn vị (trong tệp)', 'Tên đơn vị (trong tệp)', 'Loại', 'Thuộc xã/phường', 'Tổng điểm (tự chấm)', 'Tệp'],
} as const;

/** The consolidated workbook's sheet of files several listed units could own (offline, with a units list). */
export const AMBIGUOUS_SHEET = 'Chưa rõ đơn vị';
export const ambiguousText = {
  title: 'TỆP CHƯA XÁC ĐỊNH ĐƯỢC ĐƠN VỊ',
  note: 'Tên đơn vị trong các tệp dưới đây trùng với nhiều đơn vị trong danh sách, và tệp không ghi mã đơn vị hay xã/phường đủ để phân biệt: tệp CHƯA được tính cho đơn vị nào. Ghi Mã đơn vị (hoặc Thuộc xã/phường) vào tệp rồi tổng hợp lại.',
  headers: ['STT', 'Tệp', 'Tên đơn vị (trong tệp)', 'Các đơn vị cùng tên trong danh sách'],
} as const;
