/** Every sentence the shared core says to a user, in one place for review. */
import { formatNumberVi as n } from '../util/numbers';

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
  dossierMissing: (item: string) => `Hồ sơ thiếu: ${item}.`,
  eligible: 'Đủ điều kiện đề nghị công nhận',
  notEligible: 'Chưa đủ điều kiện',

  // Deadlines
  stageDone: 'Đã nộp',
  stageDoneLate: (days: number) => `Đã nộp muộn ${days} ngày`,
  dueToday: 'Hạn nộp hôm nay',
  daysLeft: (days: number) => `Còn ${days} ngày`,
  overdue: (days: number) => `Quá hạn ${days} ngày`,
  locked: (days: number) => `Quá hạn ${days} ngày, đã khoá tiếp nhận (cần Công an tỉnh mở lại)`,
  finalLockedNotSubmitted: 'Đã quá hạn khoá tiếp nhận báo cáo kết quả năm mà chưa nộp.',
} as const;

/** What the workbook reader says about a file; each message says what to fix. */
export const viRead = {
  notScoringWorkbook:
    'Tệp này không phải là bảng tự chấm điểm của dien-hinh (không tìm thấy các tên vùng của mẫu). Hãy dùng mẫu tạo bằng lệnh "dien-hinh template" hoặc chèn bảng chấm điểm mới.',
  missingName: (name: string) => `Không tìm thấy vùng "${name}" của mẫu. Có thể mẫu đã bị xoá hoặc sửa; hãy tạo lại bảng chấm điểm từ mẫu.`,
  templateVersion: (found: string, expected: string) => `Phiên bản mẫu "${found}" không được hỗ trợ (cần "${expected}"). Hãy chép điểm sang mẫu mới.`,
  setJsonBroken: 'Dữ liệu bộ tiêu chí nhúng trong tệp bị hỏng. Không sửa trang "Bộ tiêu chí"; hãy tạo lại bảng chấm điểm từ mẫu.',
  setHashMismatch: 'Bộ tiêu chí nhúng trong tệp đã bị sửa (mã băm không khớp). Không sửa trang "Bộ tiêu chí"; hãy tạo lại bảng chấm điểm từ mẫu.',
  unknownSet: (id: string, version: string) =>
    `Bộ tiêu chí "${id}" phiên bản "${version}" không có trong hệ thống. Hãy dùng mẫu mới nhất do Công an tỉnh phát hành.`,
  setDiffersFromRegistry: (id: string, version: string) =>
    `Bộ tiêu chí "${id}" phiên bản "${version}" trong tệp khác với bộ tiêu chí đã ban hành. Hãy dùng mẫu mới nhất do Công an tỉnh phát hành.`,
  unitNameMissing: 'Chưa nhập Tên đơn vị. Nhập tên đầy đủ của đơn vị vào ô này.',
  unitFieldMissing: (label: string) => `Chưa nhập ${label}.`,
  unitKindInvalid: (text: string, allowed: string) => `Loại đơn vị "${text}" không hợp lệ. Chọn một trong: ${allowed}.`,
  unitKindNotInSet: (kind: string, setTitle: string) => `Loại đơn vị "${kind}" không áp dụng bộ tiêu chí "${setTitle}". Hãy dùng mẫu đúng loại đơn vị.`,
  yearInvalid: (text: string) => `Năm "${text}" không hợp lệ. Nhập năm có 4 chữ số, ví dụ 2026.`,
  columnMissing: (header: string) => `Không tìm thấy cột "${header}" ở dòng tiêu đề. Không xoá hoặc đổi tên cột của mẫu.`,
  rowWithoutNumber: 'Dòng này có điểm nhưng không có STT tiêu chí. Ghi lại STT hoặc chuyển điểm về đúng dòng tiêu chí.',
  numberNotInSet: (text: string) => `STT "${text}" không có trong bộ tiêu chí. Không thêm hoặc sửa STT của mẫu.`,
  numberDuplicated: (number: number) => `Tiêu chí ${number} xuất hiện nhiều lần. Xoá dòng lặp lại.`,
  criterionDeleted: (number: number) => `Tiêu chí ${number} đã bị xoá khỏi bảng chấm điểm. Hãy tạo lại bảng chấm điểm từ mẫu và chép điểm sang.`,
  criterionTextEdited: (number: number) => `Nội dung tiêu chí ${number} đã bị sửa so với bộ tiêu chí. Trả lại nội dung gốc (xem trang "Bộ tiêu chí").`,
  criterionMaxEdited: (number: number, max: string) => `Điểm tối đa của tiêu chí ${number} đã bị sửa; đúng là ${max}. Trả lại giá trị gốc.`,
  criterionHardEdited: (number: number) => `Đánh dấu tiêu chí cứng của tiêu chí ${number} đã bị sửa. Trả lại giá trị gốc.`,
  dossierItemMissing: (label: string) => `Không tìm thấy dòng hồ sơ "${label}". Thành phần này được coi là chưa có.`,
  dossierPresentInvalid: (text: string) => `"${text}" không hợp lệ. Chọn "Có" hoặc "Chưa có".`,
} as const;
