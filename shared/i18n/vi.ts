/** Every sentence the shared core says to a user, in one place for review. */
import { formatNumberVi as n } from '../util/numbers';

/**
 * How to type a decimal score: with the separator of the computer's language. Excel, LibreOffice
 * and WPS keep "4.5" typed on a Vietnamese system (and "4,5" on an English one) as text, which a
 * score cell's check refuses and the sheet's total leaves out.
 */
export const DECIMAL_HINT = 'Số lẻ gõ theo dấu thập phân của máy: 4,5 trên máy cài tiếng Việt, 4.5 trên máy cài tiếng Anh.';

export const vi = {
  // Scores
  scoreNotNumber: (raw: string) => `"${raw}" không phải là số điểm. Nhập một số, ví dụ 4 hoặc 4,5.`,
  scoreNegative: (max: number) => `Điểm không được âm. Nhập từ 0 đến ${n(max)}.`,
  scoreAboveMax: (score: number, max: number) => `Điểm ${n(score)} vượt điểm tối đa ${n(max)}. Nhập từ 0 đến ${n(max)}.`,
  scoreNotStep: (score: number, step: number) => `Điểm ${n(score)} không đúng bước điểm ${n(step)}. Nhập số là bội của ${n(step)}, ví dụ ${n(step)} hoặc ${n(step * 2)}.`,
  passFailInvalid: (raw: string) => `"${raw}" không hợp lệ. Chọn "Đạt" hoặc "Chưa đạt".`,

  // Eligibility reasons
  missingEntry: (number: number) => `Tiêu chí ${number} chưa được chấm điểm.`,
  missingEntries: (numbers: number[]) => `Các tiêu chí ${numbers.join(', ')} chưa được chấm điểm.`,
  invalidEntry: (number: number) => `Tiêu chí ${number} có điểm không hợp lệ.`,
  belowThreshold: (total: number, threshold: number) =>
    `Tổng điểm ${n(total)} thấp hơn ngưỡng đạt ${n(threshold)} điểm (thiếu ${n(threshold - total)} điểm).`,
  hardBelowMax: (number: number, score: number, max: number) =>
    `Tiêu chí cứng ${number} đạt ${n(score)}/${n(max)} điểm, phải đạt điểm tối đa.`,
  criterionNotPassed: (number: number) => `Tiêu chí ${number} chưa đạt.`,
  dossierMissing: (items: string[]) => `Hồ sơ thiếu: ${items.join(', ')}.`,
  noScores: (stage: string) =>
    `Bảng chấm điểm chưa có điểm của tiêu chí nào nên không phải là ${stage}: chấm điểm các tiêu chí ở trang "Chấm điểm" rồi nộp lại. Tệp này không được tính; bản hợp lệ đã nộp trước (nếu có) vẫn được tính.`,
  /** `setKinds`, `unitKind`: labels as users read them (UNIT_KIND_LABELS). */
  setNotForUnitKind: (setTitle: string, setKinds: readonly string[], unitKind: string) =>
    `Bộ tiêu chí "${setTitle}" của bảng chấm điểm này chỉ áp dụng cho ${setKinds.join(', ')}; theo danh sách đơn vị của tỉnh, đơn vị thuộc loại "${unitKind}" nên không chấm theo bộ này được. ` +
    'Tệp này không được tính; bản hợp lệ đã nộp trước (nếu có) vẫn được tính. ' +
    `Hãy tải bảng chấm điểm dành cho loại "${unitKind}" tại trang dành cho đơn vị trên hệ thống của tỉnh (hoặc xin Công an tỉnh gửi), điền lại rồi nộp; nếu loại đơn vị trong danh sách chưa đúng, báo Công an tỉnh sửa danh sách.`,
  /** `yearlyForm`: the name of the yearly report's own workbook for the unit's kind, when there is one. */
  setOnRequest: (setTitle: string, yearlyForm: string | undefined) =>
    `Bảng chấm điểm này theo "${setTitle}", bộ chỉ dùng khi Công an tỉnh yêu cầu; báo cáo kết quả năm của đơn vị điển hình dùng bảng chấm điểm ${yearlyForm ? `"${yearlyForm}" ` : ''}tải tại trang dành cho đơn vị. ` +
    'Tệp vẫn được nhận; nếu Công an tỉnh không yêu cầu bộ này, hãy nộp lại đúng bảng chấm điểm.',
  setChanged: (setTitle: string, countedTitle: string, countedVersion: number) =>
    `Bảng chấm điểm này theo bộ tiêu chí "${setTitle}", khác bộ tiêu chí "${countedTitle}" của phiên bản ${countedVersion} (bản được tính trước tệp này). ` +
    `Tệp vẫn được nhận và từ nay đơn vị được xét theo bộ tiêu chí "${setTitle}". ` +
    `Nếu Công an tỉnh không yêu cầu đổi bộ tiêu chí, hãy nộp lại bảng chấm điểm theo bộ "${countedTitle}" (tải tại trang dành cho đơn vị).`,
  eligible: 'Đủ điều kiện đề nghị công nhận',
  notEligible: 'Chưa đủ điều kiện',

  // A verdict's result, as the documents write it
  /** A pass-fail set's result: the criteria met, never points. */
  passedCriteria: (passed: number, of: number) => `Đạt ${n(passed)}/${n(of)} tiêu chí`,
  /** A points set's total, with the threshold to reach when there is one. */
  totalPoints: (total: number, max: number, threshold: number | null) =>
    `Tổng điểm ${n(total)}/${n(max)}${threshold === null ? '' : ` (cần từ ${n(threshold)})`}`,
  /** A file with errors is not judged at all: as `dien-hinh check` says it, in place of a verdict. */
  notJudged: 'Tệp có lỗi, chưa xét điều kiện công nhận.',

  // Deadlines
  stageDone: 'Đã nộp',
  stageDoneLate: (days: number) => `Đã nộp muộn ${days} ngày`,
  dueToday: 'Hạn nộp hôm nay',
  daysLeft: (days: number) => `Còn ${days} ngày`,
  overdue: (days: number) => `Quá hạn ${days} ngày`,
  locked: (days: number) => `Quá hạn ${days} ngày, đã khoá tiếp nhận (cần Công an tỉnh mở lại)`,
  finalLockedNotSubmitted: 'Đã quá hạn khoá tiếp nhận báo cáo kết quả năm mà chưa nộp.',
} as const;

/**
 * Where a unit gets the current scoring form, for every message whose fix is "use the current
 * form": the unit's page on the province's service, or the province's police.
 */
export const CURRENT_FORM =
  'lấy mẫu bảng tự chấm điểm hiện hành tại trang dành cho đơn vị trên hệ thống của tỉnh (hoặc xin Công an tỉnh gửi), điền lại rồi nộp';

/**
 * How to save a workbook as .xlsx in each program a unit's clerk may have: Excel, LibreOffice and
 * WPS name the menu and the file type differently, and a clerk told only Excel's words with
 * LibreOffice open is stuck. Every message whose fix is "save it again as .xlsx" says it so.
 */
export const SAVE_AS_XLSX =
  'Excel: Tệp › Lưu thành, chọn kiểu "Sổ làm việc Excel (.xlsx)"; LibreOffice: Tệp › Lưu thành…, chọn kiểu "Excel 2007-365 (.xlsx)"; WPS: Tệp › Lưu thành, chọn kiểu .xlsx';

/** What the workbook reader says about a file; each message says what to fix, to a person with Excel, LibreOffice or WPS. */
export const viRead = {
  notScoringWorkbook:
    `Tệp này không phải là bảng tự chấm điểm theo mẫu của tỉnh: không tìm thấy các vùng của mẫu (thường do bảng được gõ lại trong một tệp khác, hoặc tệp đã qua một chương trình làm mất các vùng này). Hãy ${CURRENT_FORM}, giữ dạng .xlsx khi lưu (${SAVE_AS_XLSX}).`,
  /** `what`: the part of the form in the clerk's words ("ô Tên đơn vị", "bảng chấm điểm"). */
  missingName: (what: string) =>
    `Không tìm thấy ${what} của mẫu trong tệp, có thể do mẫu đã bị xoá hoặc sửa. Hãy ${CURRENT_FORM}.`,
  templateVersion: (found: string, expected: string) =>
    `Bảng được lập theo mẫu cũ hoặc không đúng mẫu (phiên bản "${found}", cần "${expected}"). Hãy ${CURRENT_FORM} (chép điểm từ bảng cũ sang).`,
  setJsonBroken: `Dữ liệu bộ tiêu chí trong tệp bị hỏng (trang "Bộ tiêu chí" không được sửa). Hãy ${CURRENT_FORM}.`,
  setHashMismatch: `Bộ tiêu chí trong tệp đã bị sửa (trang "Bộ tiêu chí" không được sửa). Hãy ${CURRENT_FORM}.`,
  unknownSet: (id: string, version: string) =>
    `Bộ tiêu chí "${id}" phiên bản "${version}" không có trong hệ thống. Hãy ${CURRENT_FORM}.`,
  setDiffersFromRegistry: (id: string, version: string) =>
    `Bộ tiêu chí "${id}" phiên bản "${version}" trong tệp khác với bộ tiêu chí đã ban hành. Hãy ${CURRENT_FORM}.`,
  formulaWithoutValue: (cell: string, sheet: string) =>
    `Ô ${cell} (trang "${sheet}") chứa công thức nhưng tệp không lưu giá trị của công thức. Hãy mở tệp bằng Excel, LibreOffice hoặc WPS, lưu lại dạng .xlsx rồi nộp (hoặc nhập thẳng giá trị vào ô).`,
  dossierItemNotPresent: (label: string) => `Thành phần hồ sơ "${label}" được đánh dấu là chưa có.`,
  unitNameMissing: 'Chưa nhập Tên đơn vị. Nhập tên đầy đủ của đơn vị vào ô này.',
  unitFieldMissing: (label: string) => `Chưa nhập ${label}.`,
  unitKindInvalid: (text: string, allowed: string) => `Loại đơn vị "${text}" không hợp lệ. Chọn một trong: ${allowed}.`,
  unitKindNotInSet: (kind: string, setTitle: string) => `Loại đơn vị "${kind}" không áp dụng bộ tiêu chí "${setTitle}". Hãy dùng mẫu đúng loại đơn vị.`,
  yearInvalid: (text: string) => `Năm "${text}" không hợp lệ. Nhập năm có 4 chữ số, ví dụ 2026.`,
  columnMissing: (header: string) => `Không tìm thấy cột "${header}" ở dòng tiêu đề. Không xoá hoặc đổi tên cột của mẫu.`,
  rowWithoutNumber: 'Dòng này có điểm nhưng không có STT tiêu chí. Ghi lại STT hoặc chuyển điểm về đúng dòng tiêu chí.',
  numberNotInSet: (text: string) => `STT "${text}" không có trong bộ tiêu chí. Không thêm hoặc sửa STT của mẫu.`,
  numberDuplicated: (number: number) => `Tiêu chí ${number} xuất hiện nhiều lần. Xoá dòng lặp lại.`,
  criterionDeleted: (number: number) => `Tiêu chí ${number} đã bị xoá khỏi bảng chấm điểm. Hãy ${CURRENT_FORM} (chép điểm từ bảng cũ sang).`,
  criterionTextEdited: (number: number) => `Nội dung tiêu chí ${number} đã bị sửa so với bộ tiêu chí. Trả lại nội dung gốc (xem trang "Bộ tiêu chí").`,
  scoreStoredAsText: (raw: string, value: number) =>
    `Ô điểm chứa chữ "${raw}", không phải số: tổng điểm trong tệp không cộng ô này, còn Công an tỉnh tính là ${n(value)}. Xoá ô rồi gõ lại. ${DECIMAL_HINT}`,
  criterionMaxEdited: (number: number, max: string) => `Điểm tối đa của tiêu chí ${number} đã bị sửa; đúng là ${max}. Trả lại giá trị gốc.`,
  criterionHardEdited: (number: number) => `Đánh dấu tiêu chí cứng của tiêu chí ${number} đã bị sửa. Trả lại giá trị gốc.`,
  dossierItemMissing: (label: string) => `Không tìm thấy dòng hồ sơ "${label}". Thành phần này được coi là chưa có.`,
  dossierPresentInvalid: (text: string) => `"${text}" không hợp lệ. Chọn "Có" hoặc "Chưa có".`,
} as const;
