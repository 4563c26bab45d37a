/**
 * Every sentence the task pane shows, in one file for review. The engine's own messages (score
 * errors, eligibility reasons, deadline labels, workbook problems) come from shared/i18n/vi.ts.
 */
import { formatNumberVi as n } from '../../shared/util/numbers';

export const viApp = {
  title: 'Tự chấm điểm đơn vị điển hình',
  loading: 'Đang đọc bảng chấm điểm…',
  readFailedTitle: 'Không đọc được bảng tính',
  reread: 'Đọc lại bảng tính',
  dismiss: 'Đóng',
  problemTitle: 'Có lỗi khi làm việc với Excel',
  notInExcelTitle: 'Hãy mở trang này trong Excel',
  notInExcelBody:
    'Đây là phần bổ trợ "Điển hình ANTQ" của Excel. Mở tệp bảng tự chấm điểm trong Excel (trên web hoặc trên Windows), rồi mở phần bổ trợ từ thẻ Trang đầu (Home) → "Chấm điểm".',
  notInExcelHelp: 'Nếu chưa cài phần bổ trợ, xin tệp manifest.xml từ Công an tỉnh và làm theo hướng dẫn cài đặt.',
  waitingTitle: 'Đang chờ Excel sẵn sàng…',
  waitingBody:
    'Excel đang khởi động phần bổ trợ; trên máy chậm việc này có thể mất đến một phút. Nếu chờ quá lâu, đóng ngăn tác vụ rồi mở lại từ thẻ Trang đầu (Home) → "Chấm điểm".',
  tooOldTitle: 'Phiên bản Excel này quá cũ',
  tooOldBody:
    'Phần bổ trợ cần Excel 2019 trở lên, Microsoft 365 hoặc Excel trên web. Bạn vẫn có thể chấm điểm trực tiếp trong bảng tính; điền xong thì lưu tệp rồi nộp trên trang dành cho đơn vị.',
} as const;

export const viHeader = {
  unitMissing: 'Chưa nhập tên đơn vị',
  draftBadge: 'Bộ tiêu chí dự thảo (cần đối chiếu với Quyết định 3554/QĐ-BCA-V05)',
  officialBadge: 'Bộ tiêu chí chính thức',
  progress: (scored: number, total: number) => `Đã chấm ${scored}/${total} tiêu chí`,
  progressLabel: 'Tiến độ chấm điểm',
  total: (total: number, max: number) => `Tổng điểm ${n(total)}/${n(max)}`,
  threshold: (threshold: number) => `Ngưỡng đạt ≥ ${n(threshold)} điểm`,
  passed: (passed: number, count: number) => `Đạt ${passed}/${count} tiêu chí`,
  allMustPass: 'Phải đạt tất cả tiêu chí',
  band: (label: string) => `Xếp loại: ${label}`,
  eligible: 'Đủ điều kiện đề nghị công nhận',
  notEligible: 'Chưa đủ điều kiện',
  workbookErrors: (count: number) => `Bảng tính có ${count} lỗi cần sửa (xem bước "Rà soát và nộp").`,
  saving: 'Đang lưu vào bảng tính…',
} as const;

export const viDeadline = {
  next: (title: string, due: string) => `${title}: hạn ${due}`,
  overdueTitle: 'Đã quá hạn (nếu đơn vị chưa nộp):',
  cannotQualify: 'Đơn vị không còn kịp đề nghị công nhận năm nay nếu không được Công an tỉnh mở lại.',
  allDone: 'Đã nộp đủ các lần báo cáo trong năm.',
  calendar: (title: string) => title,
} as const;

export const viNav = {
  label: 'Các bước chấm điểm',
  jump: 'Đi đến bước',
  unit: 'Thông tin đơn vị',
  criterion: (number: number) => `Tiêu chí ${number}`,
  dossier: 'Hồ sơ',
  review: 'Rà soát và nộp',
  position: (index: number, count: number) => `Bước ${index}/${count}`,
  previous: 'Bước trước',
  next: 'Bước tiếp',
  status: {
    scored: 'đã chấm',
    missing: 'chưa chấm',
    invalid: 'điểm không hợp lệ',
    'hard-below-max': 'tiêu chí cứng chưa đạt tối đa',
    'not-passed': 'chưa đạt',
  },
  criterionButton: (number: number, status: string) => `Tiêu chí ${number}: ${status}`,
} as const;

export const viUnit = {
  title: 'Thông tin đơn vị',
  hint: 'Thông tin được ghi vào trang "Thông tin đơn vị" của bảng tính.',
  kindPlaceholder: 'Chọn loại đơn vị',
  kindOther: (text: string) => `${text} (không hợp lệ)`,
} as const;

export const viCriterion = {
  heading: (number: number) => `Tiêu chí ${number}`,
  group: 'Nhóm',
  max: (max: number, step: number) => `Điểm tối đa: ${n(max)} (bước ${n(step)})`,
  hard: 'Tiêu chí cứng: phải đạt điểm tối đa',
  guidance: 'Minh chứng cần có',
  scoreLabel: (max: number) => `Điểm tự chấm (từ 0 đến ${n(max)})`,
  scoreHint: 'Có thể nhập 4,5 hoặc 4.5. Nhấn Enter hoặc chuyển ô để lưu.',
  passFailLabel: 'Kết quả tự đánh giá',
  notAnswered: 'Chưa đánh giá',
  evidence: 'Minh chứng / ghi chú',
  evidenceHint: 'Số, ngày văn bản, tài liệu chứng minh. Lưu khi chuyển ô.',
  hardBelow: (score: number, max: number) => `Tiêu chí cứng mới đạt ${n(score)}/${n(max)} điểm: phải đạt điểm tối đa thì đơn vị mới đủ điều kiện.`,
  sheetInvalid: (where: string, message: string) => `Giá trị đang có trong bảng tính (${where}) không hợp lệ: ${message}`,
  notSaved: 'Chưa lưu vào bảng tính.',
} as const;

export const viDossier = {
  title: 'Hồ sơ đề nghị công nhận',
  hint: 'Đánh dấu các thành phần hồ sơ đã có; ghi số và ngày văn bản.',
  documentNumber: 'Số văn bản',
  documentDate: 'Ngày ban hành (dd/mm/yyyy)',
  notRequired: 'Không bắt buộc với bộ tiêu chí này',
} as const;

export const viReview = {
  title: 'Rà soát trước khi nộp',
  allGood: 'Đã chấm đủ các tiêu chí, đủ hồ sơ và bảng tính không có lỗi.',
  missing: 'Tiêu chí chưa chấm',
  invalid: 'Điểm không hợp lệ',
  hard: 'Tiêu chí cứng chưa đạt điểm tối đa',
  dossier: 'Hồ sơ còn thiếu',
  unit: 'Thông tin đơn vị còn thiếu',
  errors: 'Lỗi trong bảng tính',
  warnings: 'Lưu ý',
  reasons: 'Lý do chưa đủ điều kiện',
  goTo: (label: string) => `Đến ${label.toLowerCase()}`,
  where: (sheet: string, cell: string) => (cell ? `Trang "${sheet}", ô ${cell}` : `Trang "${sheet}"`),
} as const;

export const viSubmit = {
  title: 'Nộp cho Công an tỉnh',
  intro: 'Gửi toàn bộ tệp đang mở tới máy chủ tiếp nhận của Công an tỉnh. Có thể nộp lại nhiều lần; mỗi lần là một phiên bản mới.',
  defaultFileName: 'Bang tu cham diem.xlsx',
  loading: 'Đang tải phần nộp bảng chấm điểm…',
  button: 'Nộp bảng chấm điểm',
  retry: 'Thử lại',
  sendAgain: 'Nộp lại',
  settings: 'Cài đặt nộp',
  token: 'Mã nộp của đơn vị',
  tokenHint: 'Do Công an tỉnh cấp riêng cho đơn vị; chỉ lưu trên máy tính này.',
  showToken: 'Hiện mã nộp',
  save: 'Lưu cài đặt',
  savedSettings: 'Đã lưu cài đặt.',
  forget: 'Quên mã',
  forgotten: 'Đã xoá mã nộp khỏi máy tính này.',
  unitPage: 'Mở trang dành cho đơn vị',
  progressLabel: 'Tiến độ nộp',
  reading: (percent: number) => `Đang đọc tệp từ Excel… ${percent}%`,
  sending: (percent: number) => `Đang gửi tệp… ${percent}%`,
  notEligibleNote: 'Bảng chấm điểm chưa đủ điều kiện; vẫn có thể nộp để Công an tỉnh theo dõi.',
  failures: {
    serverUrl: 'Phần bổ trợ không được mở từ máy chủ tiếp nhận qua https nên không nộp được. Báo cho Công an tỉnh để cài lại phần bổ trợ.',
    token: 'Chưa nhập mã nộp của đơn vị. Nhập mã do Công an tỉnh cấp trong "Cài đặt nộp".',
    offline: 'Không kết nối được máy chủ tiếp nhận. Kiểm tra mạng rồi bấm "Thử lại". Điểm đã chấm vẫn nằm trong tệp Excel.',
    timeout: 'Máy chủ không trả lời kịp. Bấm "Thử lại": nếu tệp đã đến, máy chủ không ghi trùng.',
    unauthorized: 'Mã nộp không đúng hoặc đã bị thu hồi. Kiểm tra mã trong "Cài đặt nộp" hoặc liên hệ Công an tỉnh.',
    tooLarge: 'Tệp quá lớn để nộp. Xoá hình ảnh hoặc trang không cần thiết rồi nộp lại.',
    refused: (message: string) => `Máy chủ từ chối tệp. ${message}`,
    server: 'Máy chủ tiếp nhận đang gặp sự cố. Thử lại sau ít phút.',
    badResponse: 'Máy chủ trả lời không đúng định dạng. Thử lại sau ít phút; nếu vẫn lỗi, báo cho Công an tỉnh.',
    serverSaid: (message: string) => `Máy chủ: ${message}`,
  },
  fileUnsupported:
    'Excel trên thiết bị này (ví dụ iPad) không cho phần bổ trợ đọc tệp để gửi. Hãy lưu tệp, rồi nộp tệp .xlsx đã lưu trên trang dành cho đơn vị.',
  fileFailed: (code: string) =>
    `Excel không đọc được tệp để gửi (${code}). Lưu tệp (Ctrl+S) rồi thử lại; nếu vẫn lỗi, nộp tệp đã lưu trên trang dành cho đơn vị.`,
  receipt: {
    created: 'Đã nộp thành công',
    duplicate: 'Tệp này đã được nhận trước đó: không ghi thêm lần nộp mới.',
    invalid: 'Máy chủ đã nhận tệp nhưng tệp có lỗi nên chưa được tính. Sửa các lỗi dưới đây rồi nộp lại.',
    id: 'Mã lần nộp',
    receivedAt: 'Thời gian nhận',
    version: 'Phiên bản',
    versionValue: (version: number) => `Lần nộp thứ ${version}`,
    stage: 'Giai đoạn',
    unit: 'Đơn vị',
    file: 'Tệp',
    timing: 'Thời hạn',
    onTime: 'Đúng hạn',
    late: (days: number) => `Nộp muộn ${days} ngày`,
    verdict: 'Kết quả máy chủ tính lại',
    total: (total: number, max: number) => `${n(total)}/${n(max)} điểm`,
    errors: 'Lỗi cần sửa',
    warnings: 'Lưu ý',
  },
} as const;

export const viInsert = {
  notScoringTitle: 'Tệp này chưa có bảng tự chấm điểm',
  tamperedTitle: 'Mẫu bảng chấm điểm đã bị sửa',
  tamperedBody: 'Các lỗi dưới đây làm kết quả chấm điểm không tin cậy. Trả lại nội dung gốc, hoặc chèn bảng chấm điểm mới rồi chép điểm sang.',
  body: 'Có thể chèn bảng chấm điểm mới vào tệp đang mở. Các trang hiện có không bị xoá.',
  chooseSet: 'Bộ tiêu chí',
  year: 'Năm đánh giá',
  button: 'Chèn bảng chấm điểm mới',
  working: 'Đang chèn bảng chấm điểm…',
  loadingSets: 'Đang tải các bộ tiêu chí…',
  draft: '(dự thảo)',
  renamed: (from: string, to: string) => `Trang cũ "${from}" được giữ lại với tên "${to}".`,
  done: 'Đã chèn bảng chấm điểm mới.',
  show: 'Chèn bảng chấm điểm mới…',
} as const;

export const viTemplate = {
  oldSheet: (name: string) => `${name} (cũ)`,
  /** The temporary name of a sheet being built, until the whole template is in place. */
  newSheet: (name: string) => `${name} (mới)`,
  validationTitle: 'dien-hinh',
  validationErrorTitle: 'Giá trị không hợp lệ',
} as const;

export const viForm = {
  doingRead: 'Đọc bảng tính',
  doingSelect: 'Chọn ô trong bảng tính',
  doingListen: 'Theo dõi thay đổi trong bảng tính',
  doingScore: (number: number) => `Lưu điểm tiêu chí ${number}`,
  doingEvidence: (number: number) => `Lưu minh chứng tiêu chí ${number}`,
  doingUnit: 'Lưu thông tin đơn vị',
  doingDossier: 'Lưu hồ sơ',
  doingInsert: 'Chèn bảng chấm điểm mới',
  cellMissing: 'Không tìm thấy ô tương ứng trong bảng tính (cột hoặc vùng của mẫu đã bị xoá). Chèn bảng chấm điểm mới hoặc trả lại mẫu gốc.',
} as const;

export const viOffice = {
  failed: (doing: string) => `${doing} không thành công.`,
  cellEditMode: 'Excel đang ở chế độ sửa ô: nhấn Enter hoặc Esc trong bảng tính rồi thử lại.',
  protectedOrReadOnly: 'Trang tính đang được bảo vệ hoặc tệp chỉ được đọc. Bỏ bảo vệ trang (Xem lại → Bỏ bảo vệ trang) hoặc mở tệp ở chế độ chỉnh sửa, rồi thử lại.',
  itemNotFound: 'Không tìm thấy trang hoặc vùng cần thiết; có thể mẫu đã bị sửa. Bấm "Đọc lại bảng tính".',
  tooLarge: 'Dữ liệu quá lớn cho một lần gửi tới Excel. Thu gọn vùng dữ liệu rồi thử lại.',
  alreadyExists: 'Tên trang hoặc tên vùng đã tồn tại trong tệp. Đổi tên trang cũ rồi thử lại.',
  apiNotFound: 'Phiên bản Excel này chưa hỗ trợ thao tác này. Cập nhật Excel hoặc dùng Excel trên web.',
  tryAgain: 'Thử lại; nếu vẫn lỗi, đóng và mở lại phần bổ trợ.',
} as const;

export const viCrash = {
  title: 'Phần bổ trợ gặp lỗi',
  body: 'Điểm đã lưu vẫn nằm trong bảng tính. Bấm "Đọc lại bảng tính"; nếu vẫn lỗi, đóng và mở lại phần bổ trợ rồi báo cho Công an tỉnh.',
} as const;
