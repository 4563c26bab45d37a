/**
 * Every sentence of the unit portal (/don-vi/), in one place for review. Domain labels shared with
 * the rest of the product (stages, unit kinds, review states) come from shared/ and are
 * re-exported here so the UI reads all its words from this file.
 */
import { REVIEW_STATE_LABELS } from '../../../shared/api/schemas';
import { TOKEN_PREFIXES } from '../../../shared/api/tokens';
import type { SetPurpose } from '../../../shared/criteria/schema';
import { STAGE_LABELS } from '../../../shared/deadlines/calendar';
import { SAVE_AS_XLSX, vi } from '../../../shared/i18n/vi';
import { UNIT_KIND_LABELS } from '../../../shared/units/kinds';

export { REVIEW_STATE_LABELS, STAGE_LABELS, UNIT_KIND_LABELS };

export const viPortal = {
  appTitle: 'Điển hình ANTQ – Trang đơn vị',

  // Sign-in
  signInTitle: 'Đăng nhập trang đơn vị',
  signInHint: `Nhập mã nộp hồ sơ in trên phiếu cấp mã Công an tỉnh gửi: dãy ký tự dài bắt đầu bằng "${TOKEN_PREFIXES.unit}" (không phải mã đơn vị). Mã chỉ được giữ trong thẻ trình duyệt này; đóng thẻ là đăng xuất.`,
  tokenLabel: 'Mã nộp hồ sơ của đơn vị',
  signIn: 'Đăng nhập',
  signingIn: 'Đang đăng nhập…',
  signOut: 'Đăng xuất',
  tokenEmpty: 'Chưa nhập mã nộp hồ sơ.',
  tokenWrong: 'Mã không đúng hoặc không còn hiệu lực. Kiểm tra lại mã trên phiếu; nếu vẫn không được, liên hệ Công an tỉnh để được cấp lại.',
  /** A unit code (GD-001) typed in the token field: said at once, nothing is sent. */
  tokenIsUnitCode: (typed: string) =>
    `"${typed}" có dạng mã đơn vị, không phải mã nộp hồ sơ. Mã nộp hồ sơ là dãy ký tự dài in trên phiếu ở dòng "Mã nộp hồ sơ", bắt đầu bằng "${TOKEN_PREFIXES.unit}".`,
  sessionExpired: 'Mã nộp hồ sơ không còn hiệu lực (có thể đã được cấp lại). Hãy đăng nhập bằng mã mới.',

  // Client errors
  networkError: 'Không kết nối được máy chủ. Kiểm tra kết nối mạng rồi thử lại.',
  invalidResponse: 'Máy chủ trả về dữ liệu không đúng định dạng. Hãy tải lại trang; nếu vẫn lỗi, báo Công an tỉnh.',
  httpError: (status: number) => `Máy chủ báo lỗi ${status}. Hãy thử lại; nếu vẫn lỗi, báo Công an tỉnh.`,
  retry: 'Thử lại',
  loading: 'Đang tải…',
  refresh: 'Làm mới',
  updatedAt: (when: string) => `Cập nhật lúc ${when}`,
  none: '—',

  // Unit facts
  unitFactsLabel: 'Thông tin đơn vị',
  facts: { code: 'Mã đơn vị', kind: 'Loại đơn vị', parent: 'Thuộc xã/phường', year: 'Năm đánh giá' },

  // Deadlines
  deadlinesTitle: 'Hạn nộp trong năm',
  deadlineDue: (date: string) => `Hạn nộp: ${date}`,
  deadlineLock: (date: string) => `Khoá tiếp nhận sau ngày ${date}`,
  deadlineReopened: 'Công an tỉnh đã mở lại tiếp nhận cho đơn vị.',

  // Workbook
  workbookTitle: 'Tải bảng chấm điểm',
  workbookHint: 'Bảng chấm điểm đã điền sẵn tên, loại và xã/phường của đơn vị. Mở bằng Excel, WPS hoặc LibreOffice, chấm điểm, lưu lại (giữ dạng .xlsx) rồi nộp ở mục bên dưới.',
  workbookDownload: (title: string) => `Tải bảng chấm điểm: ${title}`,
  workbookDraft: 'Bộ tiêu chí dự thảo, cần đối chiếu văn bản chính thức',
  /** What each workbook is for, under its button (the set's `purpose`). */
  workbookPurpose: {
    'yearly-report': 'Dùng cho báo cáo kết quả năm (chấm điểm điển hình): đơn vị chấm và nộp bảng này mỗi năm.',
    'on-request': 'Chỉ dùng khi Công an tỉnh yêu cầu; không thay cho bảng chấm điểm điển hình của báo cáo kết quả năm.',
  } satisfies Record<SetPurpose, string>,
  workbookNone: 'Chưa có bộ tiêu chí nào cho loại đơn vị này. Liên hệ Công an tỉnh.',
  downloading: 'Đang tạo tệp…',
  downloaded: (file: string) => `Đã tải ${file}.`,

  // Upload
  uploadTitle: 'Nộp bảng chấm điểm',
  uploadHint: 'Kéo thả tệp .xlsx vào ô này, hoặc bấm nút để chọn tệp. Nộp lại tệp đã sửa sẽ thành phiên bản mới; phiên bản cũ vẫn được lưu. ' +
    'Muốn quay lại một tệp đã nộp trước đây, nộp lại đúng tệp đó: tệp thành phiên bản mới và được tính.',
  uploadPick: 'Chọn tệp .xlsx',
  uploadDropLabel: 'Ô thả tệp bảng chấm điểm',
  uploadNotXlsx: (name: string) => `Tệp "${name}" không phải .xlsx. Hãy mở tệp, lưu lại dạng .xlsx (${SAVE_AS_XLSX}) rồi nộp lại.`,
  uploadOneFile: 'Mỗi lần chỉ nộp một tệp.',
  uploadSending: (name: string, percent: number) => `Đang gửi "${name}": ${percent}%`,
  uploadChecking: 'Đã gửi xong, máy chủ đang kiểm tra bảng chấm điểm…',
  uploadLeaveWarning: 'Tệp đang được gửi. Rời trang bây giờ thì tệp có thể chưa được nhận.',
  uploadFailedNetwork: 'Mất kết nối khi gửi. Bấm "Gửi lại": tệp sẽ không bị nhận hai lần.',
  uploadResend: 'Gửi lại',
  uploadAnother: 'Nộp tệp khác',

  // Receipt
  receiptTitle: 'Công an tỉnh đã nhận bảng chấm điểm',
  /** A duplicate is the same bytes as the counted (latest) version: a double click or a retry. */
  receiptDuplicate: 'Tệp này giống hệt phiên bản mới nhất đã nộp (phiên bản đang được tính) nên không tạo phiên bản mới; đây là biên nhận lần đầu của tệp.',
  receiptId: 'Số biên nhận',
  receiptTime: 'Thời điểm nhận',
  receiptVersion: 'Phiên bản',
  receiptStage: 'Nộp cho',
  receiptLate: (days: number) => `Nộp muộn ${days} ngày`,
  receiptOnTime: 'Đúng hạn',
  refusedTitle: 'Bảng chấm điểm chưa được nhận',
  /** The heading of a refusal's list: cells only when some error names one (a damaged file names none). */
  refusedCells: (namesCells: boolean) => (namesCells ? 'Các ô cần sửa:' : 'Cần sửa:'),

  // Verdict
  verdictEligible: 'Đủ điều kiện',
  verdictNotEligible: 'Chưa đủ điều kiện',
  notJudged: vi.notJudged,
  reasonsLabel: 'Lý do',
  warningsLabel: 'Lưu ý',

  // History
  historyTitle: 'Hồ sơ đã nộp',
  stageNothing: 'Chưa nộp.',
  stageStatus: {
    'not-submitted': 'Chưa nộp',
    'on-time': 'Đã nộp đúng hạn',
    late: 'Đã nộp muộn',
    invalid: 'Tệp chưa hợp lệ',
  },
  versionLabel: (version: number) => `Phiên bản ${version}`,
  versionInvalid: 'Không hợp lệ',
  versionCounted: 'Phiên bản được tính',
  reviewLabel: 'Công an tỉnh',
  reviewNone: 'Chưa xem xét',
  reviewNoteLabel: 'Nhận xét',
  reviewAt: (when: string) => `lúc ${when}`,
  /** Under "Đã duyệt", which a unit may read beside "Chưa đủ điều kiện" in the appraisal. */
  reviewApprovedMeaning: '"Đã duyệt" nghĩa là Công an tỉnh đã chấp nhận hồ sơ này. Đơn vị có được công nhận điển hình hay không căn cứ kết quả thẩm định của Hội đồng (mục "Kết quả thẩm định").',
  fileLabel: 'Tệp',

  // Appraisal
  appraisalTitle: 'Kết quả thẩm định',
  appraisalPending: 'Công an tỉnh chưa công bố kết quả thẩm định.',
  appraisalPublishedAt: (when: string) => `Công bố lúc ${when}`,
  appraisalOnSelf: 'Hội đồng giữ nguyên điểm tự chấm của đơn vị.',
  appraisalColumns: { number: 'Tiêu chí', max: 'Điểm tối đa', self: 'Tự chấm', appraised: 'Thẩm định' },
  /** After a council score that differs from the self-score; as the biên bản's note "Chấm lại". */
  appraisalChanged: ' (chấm lại)',
  passed: 'Đạt',
  failed: 'Chưa đạt',
  appraisalTableLabel: 'Điểm tự chấm và điểm thẩm định theo tiêu chí',
} as const;
