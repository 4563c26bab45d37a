/**
 * Every sentence the sync service (use cases, HTTP, its CLI commands) says to a person, in one
 * place for review. Each error says what to do next.
 */
import path from 'node:path';
import { z } from 'zod';
import { REVIEW_STATE_LABELS, type ReviewState } from '../../shared/api/schemas';
import { STAGE_LABELS, type Stage } from '../../shared/deadlines/calendar';
import { UNIT_KIND_LABELS, type UnitKind } from '../../shared/units/kinds';
import { formatNumberVi } from '../../shared/util/numbers';
import { SAVE_AS_XLSX } from '../../shared/i18n/vi';
import type { AuditAction } from '../store/store';
import { issueLine, type IssuePlace } from '../../shared/workbook/issues';

const mb = (bytes: number) => formatNumberVi(Math.round((bytes / 1024 / 1024) * 10) / 10);
const stage = (s: Stage) => STAGE_LABELS[s].toLowerCase();
/** A stage of a year: "báo cáo kết quả năm 2026" (not "…năm năm 2026"), "đăng ký năm 2026". */
const stageOfYear = (s: Stage, year: number) => (STAGE_LABELS[s].toLowerCase().endsWith(' năm') ? `${stage(s)} ${year}` : `${stage(s)} năm ${year}`);

/**
 * zod's own Vietnamese words for what a schema refuses (a missing field, a wrong type, a value not
 * in a list), for checks whose messages a person reads: `schema.safeParse(value, { error: zodVietnamese })`.
 * A schema's own message (calendarSchema's "viết theo dạng dd/mm, ví dụ 20/11") still wins.
 */
export const zodVietnamese = z.locales.vi().localeError;

export const msg = {
  // Authentication and scope
  tokenMissing: 'Chưa đăng nhập: gửi mã truy cập trong tiêu đề "Authorization: Bearer <mã>". Mã do Công an tỉnh cấp.',
  tokenUnknown: 'Mã truy cập không đúng hoặc đã bị thay. Hãy dùng mã mới nhất do Công an tỉnh cấp.',
  adminOnly: 'Chức năng này chỉ dành cho cán bộ Công an tỉnh (mã quản trị). Mã của đơn vị chỉ dùng để nộp và xem biên nhận của chính đơn vị.',
  otherUnitsReceipt: 'Biên nhận này thuộc đơn vị khác; mã của đơn vị chỉ xem được biên nhận của chính đơn vị.',
  wrongUnit: (workbookUnit: string, tokenUnit: string) =>
    `Bảng chấm điểm ghi tên đơn vị "${workbookUnit}", nhưng mã nộp này là của đơn vị "${tokenUnit}". ` +
    `Mỗi đơn vị chỉ nộp bảng chấm điểm của chính mình: kiểm tra ô Tên đơn vị hoặc dùng đúng mã của đơn vị "${workbookUnit}".`,
  rateLimited: 'Quá nhiều yêu cầu trong thời gian ngắn. Vui lòng chờ một phút rồi thử lại.',

  // Request shape
  unsupportedMediaType: (got: string) =>
    `Kiểu nội dung "${got || '(không có)'}" không được hỗ trợ. Gửi tệp .xlsx với Content-Type ` +
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", hoặc biểu mẫu multipart có trường "file".',
  payloadTooLarge: (limit: number) =>
    `Tệp quá lớn (tối đa ${mb(limit)} MB). Bảng tự chấm điểm chỉ cần vài chục KB: xoá ảnh, trang hoặc dữ liệu thừa rồi nộp lại; minh chứng gửi riêng.`,
  /** A body of 0 bytes is a file with nothing in it (the sender did send one): raw, unpacked or a form's field. */
  emptyFile:
    'Tệp đã chọn trống (0 byte), không có nội dung nào để đọc. Mở tệp, kiểm tra tệp đã có điểm tự chấm, ' +
    `lưu lại dạng .xlsx (${SAVE_AS_XLSX}) rồi chọn lại tệp đó để nộp.`,
  multipartNoFile: 'Biểu mẫu không có trường "file" chứa tệp .xlsx. Chọn tệp rồi nộp lại.',
  multipartBroken: (detail: string) => `Biểu mẫu tải lên bị lỗi (${detail}). Vui lòng tải lại trang và nộp lại.`,
  badJson: 'Nội dung gửi lên không phải JSON hợp lệ.',
  invalidField: (field: string, detail: string) => `Trường "${field}" không hợp lệ: ${detail}`,
  pageBounds: (min: number, max: number) => `một số nguyên từ ${min} đến ${max}`,
  invalidStage: (value: string) => `Giai đoạn "${value}" không hợp lệ. Chọn một trong: registration (Đăng ký), mid-year (Sơ kết 6 tháng), final (Báo cáo kết quả năm).`,
  invalidYear: (value: string) => `Năm "${value}" không hợp lệ. Nhập năm bốn chữ số, ví dụ 2026.`,
  documentSettingsInvalid: (year: number, detail: string) =>
    `Thông tin văn bản năm ${year} đã lưu không còn hợp lệ (${detail}). Mở "Tải xuống" › "Thông tin văn bản", sửa rồi lưu lại.`,
  notFound: 'Không tìm thấy địa chỉ này trong API.',
  unitNotFound: 'Không tìm thấy đơn vị này trong danh sách đơn vị. Tải lại danh sách rồi thử lại.',
  submissionNotFound: 'Không tìm thấy bài nộp này.',
  setNotFound: (id: string, version: string | undefined) =>
    `Không có bộ tiêu chí "${id}"${version ? ` phiên bản "${version}"` : ''} trong hệ thống.`,
  fileMissing: 'Tệp của bài nộp này không còn trong thư mục dữ liệu. Hãy khôi phục thư mục dữ liệu từ bản sao lưu.',
  internal: 'Lỗi máy chủ không mong muốn; thao tác chưa được thực hiện. Vui lòng thử lại, nếu vẫn lỗi hãy báo quản trị viên.',
  busy: 'Máy chủ đang xử lý nhiều tệp; vui lòng thử lại sau ít giây.',
  readerUnavailable: 'Máy chủ chưa đọc được tệp lúc này (bộ đọc không khởi động được); tệp CHƯA được nhận. Vui lòng thử lại sau ít phút và báo quản trị viên.',

  // Intake
  /** `namesCells`: some error names a sheet and cell (a file that is no workbook at all names none). */
  workbookInvalid: (count: number, namesCells: boolean) =>
    `Bảng chấm điểm có ${count} lỗi cần sửa (xem ${namesCells ? 'danh sách ô' : 'chi tiết'} kèm theo). Tệp đã được lưu để đối chiếu nhưng chưa được tính; sửa lỗi rồi nộp lại.`,
  workbookTimeout: (seconds: number) =>
    `Tệp quá phức tạp, không đọc xong trong ${formatNumberVi(seconds)} giây nên bị từ chối để bảo vệ hệ thống. Hãy tạo lại bảng tự chấm điểm từ mẫu rồi nộp lại.`,
  workbookTooMuchMemory: 'Tệp cần quá nhiều bộ nhớ để đọc nên bị từ chối để bảo vệ hệ thống (có thể tệp bị hỏng hoặc chứa vùng dữ liệu rất lớn). Hãy tạo lại bảng tự chấm điểm từ mẫu rồi nộp lại.',
  workbookReaderFailed: 'Không đọc được tệp do lỗi của bộ đọc. Tệp đã được lưu để kiểm tra; hãy báo quản trị viên.',
  unitUnknown: (name: string) =>
    // Read by the officer in the console (beside its button "Thêm đơn vị này vào danh sách theo dõi rồi
    // tiếp nhận lại tệp") and by whoever runs `ingest` (which adds its own line): it names no
    // screen and no HTTP path, only what to do.
    `Đơn vị "${name}" không có trong danh sách đơn vị của năm. Nếu đây là đơn vị mới, hãy thêm đơn vị vào danh sách theo dõi rồi nộp lại tệp; nếu không, kiểm tra lại ô Tên đơn vị.`,
  locked: (s: Stage, year: number, lockDay: string, thisYear: number) =>
    `Đã quá ngày khoá tiếp nhận ${stageOfYear(s, year)} (${lockDay}). ` + (year < thisYear
      ? `Bảng chấm điểm ghi Năm ${year}: nếu đây là hồ sơ năm ${thisYear}, sửa ô Năm ở trang "Thông tin đơn vị" rồi nộp lại.`
      : 'Muốn nộp, đơn vị cần Công an tỉnh mở lại (ngoại lệ cho đơn vị) rồi nộp lại.'),
  /** On a new version whose bytes are those of an older one: the clerk went back to that file on purpose. */
  returnsToVersion: (version: number) =>
    `Tệp này giống hệt phiên bản ${version} đã nộp trước đây. Vì phiên bản đang được tính là một tệp khác, tệp được nhận thành phiên bản mới và từ nay là phiên bản được tính.`,
  yearNotYet: (year: number, thisYear: number) =>
    `Năm ${year} ghi trong bảng chấm điểm chưa đến (năm nay là ${thisYear}); tệp không được tính. Sửa ô Năm cho đúng năm của hồ sơ rồi nộp lại.`,

  // Review, appraisal, exceptions
  noFinalSubmission: 'Đơn vị chưa có bảng chấm điểm báo cáo kết quả năm hợp lệ; chưa thể thẩm định hay duyệt.',
  noSubmissionToReview: 'Đơn vị chưa nộp báo cáo kết quả năm nào để duyệt. Chỉ định submissionId để duyệt bài nộp giai đoạn khác.',
  submissionOfOtherUnit: 'Bài nộp này không thuộc đơn vị đang xem.',
  appraisalSetUnknown: (id: string, version: string) =>
    `Bộ tiêu chí "${id}" phiên bản "${version}" của bài nộp không còn trong hệ thống nên chưa thể nhập điểm thẩm định. Nạp lại bộ tiêu chí này.`,
  appraisalInvalid: (count: number) => `Có ${count} điểm thẩm định không hợp lệ (xem danh sách kèm theo); chưa lưu điểm nào.`,
  appraisalCriterionUnknown: (key: string) => `"${key}" không phải là số thứ tự một tiêu chí của bộ tiêu chí này.`,
  appraisalSheet: 'Điểm thẩm định',

  // Units
  /** A unit as the audit log names it when it acts with its own token. */
  unitActor: (code: string, name: string) => (code ? `${code} · ${name}` : name),
  unitExists: (name: string) => `Đơn vị "${name}" đã có trong danh sách.`,
  /** A name (or xã/phường) typed without diacritics that, without them, is a listed unit's. */
  unitExistsWithoutDiacritics: (name: string, parent: string, existing: string) =>
    `Đơn vị "${name}"${parent ? ` (${parent})` : ''} gõ không dấu trùng với đơn vị đã có ${existing}. Nếu là đơn vị đó, hãy dùng đơn vị đã có (chọn đơn vị này khi tiếp nhận tệp); nếu là đơn vị khác, hãy gõ tên và xã/phường có dấu.`,
  unitExistsCode: (code: string, name: string) => `Đã có đơn vị mã ${code} hoặc đơn vị "${name}" cùng xã/phường trong danh sách.`,
  unitCodeInvalid: (code: string) =>
    `Mã đơn vị "${code}" không hợp lệ: chỉ dùng chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang (tối đa 32 ký tự).`,
  unitCodeUnknown: (code: string) => `Không có đơn vị mã "${code}" trong danh sách đơn vị. Xem mã bằng "dien-hinh units list" hoặc trên trang tổng hợp.`,
  wrongUnitCode: (workbook: string, tokenUnit: string) =>
    `Bảng chấm điểm là của đơn vị ${workbook}, nhưng mã nộp này là của đơn vị ${tokenUnit}. ` +
    'Mỗi đơn vị chỉ nộp bảng chấm điểm của chính mình: dùng bảng chấm điểm Công an tỉnh gửi cho đơn vị, hoặc mã nộp của đúng đơn vị.',
  wrongUnitChosen: (workbook: string, chosen: string) =>
    `Bảng chấm điểm là của đơn vị ${workbook}, không phải đơn vị đã chọn (${chosen}). Chọn lại đơn vị cho đúng.`,
  unitAmbiguous: (name: string, count: number) =>
    `Có ${count} đơn vị tên "${name}" trong danh sách (khác xã/phường) và bảng chấm điểm không ghi mã đơn vị hay xã/phường đủ để phân biệt; tệp CHƯA được lưu. ` +
    'Chọn đúng đơn vị trong danh sách kèm theo rồi gửi lại (hoặc ghi Thuộc xã/phường trong tệp).',
  unitCodeNotOnList: (code: string) =>
    `Mã đơn vị "${code}" trong bảng chấm điểm không có trong danh sách đơn vị; tệp CHƯA được lưu. Chọn đúng đơn vị (hoặc thêm đơn vị vào danh sách) rồi gửi lại.`,
  unitChoiceAdminOnly: 'Chỉ cán bộ Công an tỉnh (mã quản trị) mới chọn được đơn vị cho một tệp.',
  noUnitsForSet: (set: string) => `Không có đơn vị nào thuộc loại mà bộ tiêu chí "${set}" dùng.`,
  setNotForUnit: (set: string, code: string, kind: string) =>
    `Bộ tiêu chí "${set}" không dùng cho loại đơn vị ${kind} (đơn vị ${code}). Chọn bộ tiêu chí dành cho ${kind} (xem "dien-hinh sets").`,
  lastAdminToken: 'Không thể thu hồi: đây là mã quản trị cuối cùng còn hiệu lực. Cấp mã cho người khác trước ("dien-hinh admin-token --label …") rồi thu hồi.',
  adminTokenUnknown: (label: string) => `Không có mã quản trị nào còn hiệu lực mang tên "${label}". Xem danh sách bằng "dien-hinh admin-token --list".`,
  unitDiffers: (differences: string) => `Tên trong tệp khác danh sách: ${differences}. Tệp được tính cho đơn vị theo mã đơn vị; nếu danh sách sai, Công an tỉnh sửa danh sách.`,
  unitDifferenceName: (workbook: string, registry: string) => `tên đơn vị "${workbook}" (danh sách: "${registry}")`,
  unitDifferenceParent: (workbook: string, registry: string) => `xã/phường "${workbook}" (danh sách: "${registry || 'không ghi'}")`,

  // Audit log details
  audit: {
    submitted: (file: string, s: Stage, year: number, version: number) => `Nộp "${file}" (${stageOfYear(s, year)}), phiên bản ${version}.`,
    submittedInvalid: (file: string, s: Stage, year: number, errors: number) =>
      `Nộp "${file}" (${stageOfYear(s, year)}): không hợp lệ, ${errors} lỗi; tệp được lưu để đối chiếu.`,
    refusedOtherUnit: (file: string, workbookUnit: string) => `Từ chối "${file}": bảng chấm điểm ghi đơn vị "${workbookUnit}".`,
    review: (file: string, state: ReviewState, note: string) =>
      `Đánh dấu "${file}": ${REVIEW_STATE_LABELS[state]}${note ? ` (${note})` : ''}.`,
    appraisal: (year: number, scores: [number, number | null][]) =>
      `Điểm thẩm định năm ${year}: ${scores.map(([n, s]) => `tiêu chí ${n} = ${s === null ? 'xoá' : formatNumberVi(s)}`).join('; ')}.`,
    exception: (year: number, s: Stage, note: string) => `Mở lại tiếp nhận ${stageOfYear(s, year)}${note ? ` (${note})` : ''}.`,
    calendar: (year: number, title: string) => `Cập nhật lịch năm ${year}: ${title}.`,
    unitAdded: (name: string, kind: UnitKind) => `Thêm đơn vị "${name}" (${UNIT_KIND_LABELS[kind]}).`,
    unitsImported: (added: number, updated: number, unchanged: number) =>
      `Nhập danh sách đơn vị: thêm ${added}, cập nhật ${updated}, giữ nguyên ${unchanged}.`,
    tokensIssued: (count: number) => `Cấp mã nộp mới cho ${count} đơn vị (mã cũ hết hiệu lực).`,
    adminTokenCreated: (label: string) => `Tạo mã quản trị "${label}".`,
    adminTokenRevoked: (label: string, count: number) => `Thu hồi ${count} mã quản trị "${label}".`,
    unitTokenIssued: (code: string, name: string, replaced: boolean) =>
      `${replaced ? 'Cấp lại' : 'Cấp'} mã nộp cho đơn vị ${code} "${name}"${replaced ? ' (mã cũ hết hiệu lực ngay)' : ''}.`,
    unitTokenRevoked: (code: string, name: string) => `Thu hồi mã nộp của đơn vị ${code} "${name}" (đơn vị không nộp được cho đến khi được cấp mã mới).`,
    tokensIssuedPending: (count: number) =>
      `Cấp mã nộp mới cho ${count} đơn vị; mã cũ của mỗi đơn vị còn dùng được đến khi đơn vị dùng mã mới lần đầu.`,
    refusedOtherUnitCode: (file: string, workbookUnit: string) => `Từ chối "${file}": bảng chấm điểm là của đơn vị ${workbookUnit}.`,
    refusedAmbiguous: (file: string, name: string, codes: string[]) =>
      `Từ chối "${file}": tên "${name}" khớp ${codes.length} đơn vị (${codes.join(', ')}), chưa rõ của đơn vị nào.`,
    documentSettings: (year: number) => `Cập nhật thông tin văn bản năm ${year} (tiêu đề, số, người ký, nơi nhận).`,
  },
} as const;

/**
 * What the audit log calls each action, in words a user reads: one entry per code the service
 * writes (AUDIT_ACTIONS; a missing one does not compile). The stored codes never change; the label
 * is derived when the log is read, so old entries read the same way.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  submission: 'Nộp báo cáo',
  'submission-invalid': 'Nộp báo cáo (không hợp lệ)',
  'submission-refused': 'Nộp báo cáo (bị từ chối)',
  review: 'Duyệt hồ sơ',
  appraisal: 'Chấm điểm thẩm định',
  exception: 'Mở lại tiếp nhận',
  calendar: 'Cập nhật lịch nộp hồ sơ',
  'unit-add': 'Thêm đơn vị',
  'units-import': 'Nhập danh sách đơn vị',
  tokens: 'Cấp lại mã nộp hồ sơ',
  'admin-token': 'Tạo mã quản trị',
  'admin-token-revoke': 'Thu hồi mã quản trị',
  'unit-token': 'Cấp mã nộp hồ sơ cho một đơn vị',
  'unit-token-revoke': 'Thu hồi mã nộp hồ sơ của đơn vị',
  'review-seen': 'Đơn vị đã xem ý kiến của Công an tỉnh',
  'appraisal-publication': 'Công bố kết quả thẩm định cho đơn vị',
  'document-settings': 'Cập nhật thông tin văn bản',
  'token-activated': 'Đơn vị dùng mã nộp mới lần đầu',
  'sign-in-failed': 'Đăng nhập sai mã',
  'sign-in-limited': 'Tạm khoá đăng nhập sau nhiều lần sai mã',
};

/** The label of an audit action code as stored (the code itself when it is not one the service writes). */
export function auditActionLabel(code: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, code) ? AUDIT_ACTION_LABELS[code as AuditAction] : code;
}

/** The label of the admin token a data folder gets on first start (`admin-token --label` names the others). */
export const DEFAULT_ADMIN_LABEL = 'Quản trị viên';
/** What data folders made before DEFAULT_ADMIN_LABEL called their first admin token. */
const LEGACY_ADMIN_LABEL = 'admin';

/** Who did it, as the audit log shows it: the admin token's label, the unit's name, or "dòng lệnh". */
export function auditActorLabel(stored: string): string {
  return stored === LEGACY_ADMIN_LABEL ? DEFAULT_ADMIN_LABEL : stored;
}

/** The units list file (`dien-hinh units import`). */
export const unitsText = {
  unsupportedFile: (file: string) => `Tệp "${file}" không phải .csv hoặc .xlsx. Lưu danh sách đơn vị dạng CSV (UTF-8) hoặc Excel (.xlsx) rồi nhập lại.`,
  unreadableXlsx: (detail: string) => `Không đọc được tệp Excel (${detail}). Mở tệp trong Excel, lưu lại dạng .xlsx rồi nhập lại.`,
  csvNotUtf8:
    'Tệp CSV không lưu theo bảng mã UTF-8 (có thể là bảng mã Windows hoặc TCVN3), chữ có dấu sẽ bị sai. ' +
    'Mở tệp trong Excel, chọn Lưu thành › "CSV UTF-8 (Comma delimited)" (hoặc lưu dạng .xlsx) rồi nhập lại.',
  csvQuoteNotClosed: 'một ô mở dấu ngoặc kép (") mà không đóng từ dòng này đến hết tệp. Sửa ô đó (hoặc lưu lại tệp từ Excel) rồi nhập lại.',
  csvUnreadable: (detail: string) => `Không đọc được tệp CSV (${detail}). Mở tệp trong Excel, lưu lại dạng "CSV UTF-8" hoặc .xlsx rồi nhập lại.`,
  noHeader: 'Tệp không có dòng tiêu đề. Dòng đầu tiên phải có các cột: Mã đơn vị (không bắt buộc), Tên đơn vị, Loại, Xã/phường, Liên hệ.',
  missingColumns: (columns: readonly ('name' | 'kind')[]) =>
    `Dòng tiêu đề thiếu cột ${columns.map((c) => (c === 'name' ? '"Tên đơn vị"' : '"Loại"')).join(' và ')}. ` +
    'Các cột cần có: Tên đơn vị (name), Loại (kind), Xã/phường (parent), Liên hệ (contact).',
  nameMissing: 'thiếu Tên đơn vị.',
  kindMissing: (name: string) => `đơn vị "${name}" chưa ghi Loại.`,
  kindInvalid: (text: string, allowed: string[]) => `Loại đơn vị "${text}" không hợp lệ. Chọn một trong: ${allowed.join(', ')}.`,
  duplicate: (name: string, parent: string, firstLine: number) =>
    `đơn vị "${name}"${parent ? ` (${parent})` : ' (không ghi xã/phường)'} trùng tên và xã/phường với dòng ${firstLine} ` +
    '(so sánh sau khi bỏ khác biệt về dấu cách, chữ hoa, kiểu gõ dấu). Hai đơn vị cùng tên phải khác xã/phường, hoặc sửa tên cho đúng.',
  duplicateCode: (code: string, firstLine: number) => `mã đơn vị "${code}" trùng với dòng ${firstLine}. Mỗi đơn vị một mã riêng.`,
  codeInvalid: (code: string) =>
    `mã đơn vị "${code}" không hợp lệ: chỉ dùng chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang (tối đa 32 ký tự). Để trống nếu muốn hệ thống tự cấp mã.`,
  controlCharacters: (column: string) => `cột "${column}" có ký tự điều khiển hoặc ký tự rỗng (NUL); gõ lại ô này.`,
  conflictSameUnit: (otherLine: number, code: string) => `dòng này và dòng ${otherLine} cùng chỉ đơn vị đã có mã ${code}.`,
  conflictTaken: (code: string) =>
    code ? `sau khi nhập, đơn vị này sẽ trùng tên và xã/phường với đơn vị mã ${code} đã có.` : 'sau khi nhập, đơn vị này sẽ trùng tên và xã/phường với một dòng khác.',
  problemLine: (line: number, message: string) => (line > 0 ? `Dòng ${line}: ${message}` : message),
  refused: (count: number) => `Danh sách có ${count} dòng lỗi; chưa nhập đơn vị nào. Sửa các dòng trên rồi nhập lại.`,
  /** After a problem of the whole file (its encoding, no header…), which names no line. */
  refusedFile: 'Chưa nhập đơn vị nào.',
  imported: (added: number, updated: number, unchanged: number) =>
    `Đã nhập danh sách đơn vị: thêm ${added}, cập nhật ${updated}, giữ nguyên ${unchanged}.`,
  tokensHeader:
    'Mã nộp mới của từng đơn vị (chỉ hiện một lần). Mã cũ của mỗi đơn vị còn dùng được đến khi đơn vị dùng mã mới lần đầu. Gửi riêng cho từng đơn vị (Mã đơn vị, Tên, Loại, Xã/phường, Mã nộp):',
  codeMissing: 'Thiếu mã đơn vị (xem bằng "dien-hinh units list").',
  tokenIssued: (code: string, name: string) => `Mã nộp mới của đơn vị ${code} "${name}" (chỉ hiện MỘT lần; mã cũ của đơn vị này hết hiệu lực, các đơn vị khác không đổi):`,
  tokenRevoked: (code: string, name: string) => `Đã thu hồi mã nộp của đơn vị ${code} "${name}". Cấp mã mới bằng "dien-hinh units token ${code}".`,
  tokensNotWritten: (why: string) => `${why} Chưa cấp mã mới nào, mã cũ vẫn dùng được.`,
  tokensNotDelivered: 'Không in được danh sách mã (đầu ra bị đóng); chưa cấp mã mới nào, mã cũ vẫn dùng được. Dùng --out <tệp> để ghi ra tệp.',
  slipsNeedUrl: '--slips cần --url <địa chỉ dịch vụ> (ví dụ https://dienhinh.congan.dongthap.gov.vn): địa chỉ này được in trên phiếu để đơn vị mở trang dành cho đơn vị.',
  tokensWritten: (file: string, count: number) => `Đã ghi mã nộp mới của ${count} đơn vị vào "${file}".`,
  noUnits: 'Chưa có đơn vị nào. Nhập danh sách bằng lệnh "dien-hinh units import <tệp.csv|tệp.xlsx>".',
  noUnitsConsole: 'Chưa có đơn vị nào trong danh sách: nhập danh sách đơn vị trước khi cấp mã nộp.',
  listHeader: (count: number) => `${count} đơn vị:`,
} as const;

/** Settings of `dien-hinh serve` and the other server commands. */
export const configText = {
  badNumber: (flag: string, raw: string, min: number, max: number) => `${flag} phải là số nguyên từ ${min} đến ${max} (đang là "${raw}").`,
  httpAndHttps: 'Không dùng --https và --http cùng lúc.',
  certMissing: (cert: string, key: string) =>
    `Không tìm thấy chứng chỉ HTTPS (${cert} và ${key}). Tạo chứng chỉ thử nghiệm bằng "npx office-addin-dev-certs install" hoặc chỉ định --cert và --key.`,
  badDatabaseUrl: '--database-url (hoặc DIEN_HINH_DATABASE_URL) phải là địa chỉ PostgreSQL dạng postgres://người-dùng:mật-khẩu@máy:cổng/tên-cơ-sở-dữ-liệu.',
} as const;

/**
 * Why a file the user asked for (`--out`, `--list`, `--slips`…) could not be written, by the
 * system's error code: what is wrong with the place, and what to do.
 */
export function outputNotWritten(file: string, code: string | undefined): string {
  const folder = path.dirname(path.resolve(file));
  const why: Record<string, string> = {
    ENOENT: `thư mục "${folder}" không tồn tại; tạo thư mục đó trước hoặc chọn nơi lưu khác`,
    ENOTDIR: `một phần của đường dẫn không phải là thư mục; kiểm tra lại đường dẫn`,
    EACCES: `không có quyền ghi vào thư mục "${folder}"; chọn nơi lưu khác hoặc xin quyền ghi`,
    EPERM: `không có quyền ghi vào thư mục "${folder}"; chọn nơi lưu khác hoặc xin quyền ghi`,
    EROFS: `thư mục "${folder}" chỉ cho đọc; chọn nơi lưu khác`,
    ENOSPC: 'ổ đĩa đã đầy; giải phóng dung lượng hoặc chọn ổ khác',
    EISDIR: 'đó là một thư mục; ghi cả tên tệp, ví dụ bang-tong-hop.xlsx',
    EBUSY: 'tệp đang được mở ở chương trình khác (Excel, Word…); đóng tệp rồi chạy lại',
  };
  return `Không ghi được tệp "${file}": ${(code !== undefined && why[code]) || `lỗi hệ thống${code ? ` ${code}` : ''}`}.`;
}

/** What `dien-hinh serve` prints. */
export const serveText = {
  listening: (url: string) => `dien-hinh đang chạy tại ${url}`,
  adminToken: (token: string) => `admin token: ${token}`,
  adminTokenNote: 'Đây là mã quản trị của Công an tỉnh, chỉ hiện MỘT lần: hãy lưu lại ở nơi an toàn. Đăng nhập trang tổng hợp bằng mã này.',
  httpHint:
    'Đang chạy HTTP. Ngăn tác vụ trong Excel chỉ mở qua HTTPS, tại địa chỉ ghi trong manifest.xml (bản phát triển: https://localhost:3000, tức --port 3000): chạy "npx office-addin-dev-certs install" rồi khởi động lại, hoặc dùng --https --cert --key. Trang tổng hợp và trang đơn vị dùng được qua HTTP.',
  dataDir: (dir: string) => `Thư mục dữ liệu: ${dir}`,
  sets: (count: number) => `Bộ tiêu chí đã nạp: ${count}`,
  setsProblems: (problems: string[]) =>
    `Không nạp được bộ tiêu chí trong thư mục dữ liệu (thư mục criteria/); sửa các lỗi sau rồi chạy lại:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  stopping: 'Đang dừng dien-hinh (chờ các yêu cầu đang xử lý xong)…',
  stopped: 'Đã dừng dien-hinh.',
  schemaTooNew: (found: number, known: number) =>
    `Cơ sở dữ liệu trong thư mục dữ liệu ở phiên bản ${found}, mới hơn chương trình này (${known}). Hãy cập nhật dien-hinh.`,
  cannotListen: (host: string, port: number, detail: string) => `Không mở được cổng ${host}:${port} (${detail}). Chọn cổng khác bằng --port.`,
  webMissingTitle: 'dien-hinh: chưa dựng giao diện',
  webMissing: 'Giao diện web chưa được dựng. Chạy "npm run build" (hoặc "npm ci") rồi tải lại trang. API vẫn hoạt động tại /api.',
} as const;

/** The server's CLI commands (serve, units, export, backup). */
export const cliServerText = {
  unknownSubcommand: (name: string, allowed: string[]) => `Lệnh con "${name}" không tồn tại; dùng một trong: ${allowed.join(', ')}.`,
  fileMissing: 'Thiếu tên tệp danh sách đơn vị.',
  fileNotFound: (file: string) => `Không tìm thấy tệp "${file}".`,
  backupNotEmpty: (dir: string) => `Thư mục "${dir}" đã có dữ liệu; hãy chọn một thư mục trống (hoặc chưa có) để sao lưu.`,
  backupDone: (dir: string, files: number) => `Đã sao lưu cơ sở dữ liệu và ${files} tệp vào "${dir}". Khôi phục: dừng máy chủ rồi chạy "dien-hinh serve --data ${dir}" (hoặc chép thư mục này thay thư mục dữ liệu).`,
  dataMissing: (dir: string) => `Thư mục dữ liệu "${dir}" chưa có cơ sở dữ liệu của dien-hinh (chưa tạo gì). Chỉ đúng thư mục dữ liệu bằng --data <thư mục> hoặc biến DIEN_HINH_DATA; danh sách đơn vị được nhập bằng "dien-hinh units import".`,
  exportKind: (kind: string) =>
    `Loại tài liệu "${kind}" không hợp lệ; chọn consolidated (bảng tổng hợp), list (danh sách đề nghị công nhận), bao-cao (báo cáo tổng hợp), to-trinh (tờ trình), quyet-dinh (dự thảo quyết định) hoặc bien-ban (biên bản thẩm định, cùng --unit).`,
  exportUnitMissing: 'Thiếu --unit <mã hoặc tên đơn vị>: biên bản thẩm định lập cho từng đơn vị.',
  exportDecisionNumber: 'Dự thảo quyết định để trống số và ngày: Ủy ban nhân dân tỉnh ghi khi ban hành. Bỏ tuỳ chọn --number.',
  exportRecordNumber: 'Biên bản thẩm định để trống số để Hội đồng ghi khi ký. Bỏ tuỳ chọn --number.',
  exportWorkbookNumber: 'Bảng tổng hợp và danh sách (.xlsx) không ghi số văn bản. Bỏ tuỳ chọn --number.',
  exportUnitAmbiguous: (given: string, codes: readonly string[]) =>
    `Có ${codes.length} đơn vị tên "${given}" (mã ${codes.join(', ')}). Ghi mã đơn vị sau --unit.`,
  exportUnitUnknown: (given: string) => `Không có đơn vị "${given}" trong danh sách. Xem "dien-hinh units list" để lấy mã hoặc tên đúng.`,
  documentSettingsInvalid: (problems: string[]) => `Thông tin văn bản chưa hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  cliActor: 'dòng lệnh',
  exportOutMissing: 'Thiếu --out <tệp>: nơi ghi tài liệu.',
  exportDone: (file: string) => `Đã ghi ${file}`,
} as const;

/** `dien-hinh ingest`: workbooks saved from e-mail into a folder, taken into the data folder. */
export const ingestText = {
  noInputs: 'Thiếu thư mục hoặc tệp .xlsx cần nhận.',
  missing: (input: string) => `Không tìm thấy "${input}".`,
  none: 'Không có tệp bảng tính (.xlsx) nào trong các thư mục đã chỉ định.',
  accepted: (file: string, unit: string, version: number, late: boolean) =>
    `✓ ${file}: đã nhận (${unit}, phiên bản ${version}${late ? ', nộp muộn' : ''})`,
  duplicate: (file: string, unit: string) => `= ${file}: giống hệt phiên bản mới nhất đã nhận (${unit}), không tạo phiên bản mới`,
  refused: (file: string, message: string) => `✗ ${file}: ${message}`,
  candidate: (code: string, name: string, parent: string) => `    – ${code}: ${name}${parent ? ` (${parent})` : ''}`,
  /** After a file of a unit not on the list: the two ways the person at the command line has to add it. */
  addUnitHint: '    Đơn vị mới: thêm vào tệp danh sách đơn vị rồi nhập lại (dien-hinh units import <tệp>), hoặc thêm trên trang tổng hợp (Tiếp nhận hồ sơ); sau đó chạy lại dien-hinh ingest.',
  /** After a file several listed units could own: ingest has no way to choose, so the two ways that do. */
  chooseUnitHint: '    Để chọn đơn vị: ghi Mã đơn vị (hoặc Thuộc xã/phường) vào tệp rồi chạy lại dien-hinh ingest, hoặc thả tệp vào trang tổng hợp (Tiếp nhận hồ sơ) và chọn đơn vị ở đó.',
  /** One issue of a refused file, its place written as `check` and the web pages write it (issueLine). */
  issue: (issue: IssuePlace) => `    ${issueLine(issue)}`,
  summary: (accepted: number, duplicates: number, refused: number) =>
    `Đã nhận ${accepted} tệp, trùng ${duplicates}, bị từ chối ${refused}.`,
} as const;

/** `dien-hinh admin-token`. */
export const adminTokenText = {
  labelMissing: 'Thiếu --label <tên>: tên người dùng mã này (nhật ký thay đổi ghi tên này).',
  created: (label: string) => `Mã quản trị mới cho "${label}" (chỉ hiện MỘT lần; mã cũ vẫn dùng được):`,
  oneMode: 'Chỉ dùng một trong --label, --list, --revoke.',
  listHeader: (count: number) => `${count} mã quản trị còn hiệu lực (tên người dùng, thời điểm cấp; mã không được lưu nên không hiện):`,
  revoked: (label: string, count: number) => `Đã thu hồi ${count} mã quản trị "${label}"; mã này không đăng nhập được nữa.`,
} as const;

/** The unit portal (/don-vi/) and its routes. */
export const portalText = {
  unitTokenOnly: 'Trang đơn vị chỉ dùng mã nộp của đơn vị (in trên phiếu cấp mã), không dùng mã quản trị.',
  noSetForKind: (kind: string) => `Chưa có bộ tiêu chí nào áp dụng cho loại đơn vị "${kind}". Liên hệ Công an tỉnh.`,
  setNotForUnit: (id: string) => `Bộ tiêu chí "${id}" không áp dụng cho loại đơn vị này. Chọn một bộ trong danh sách trên trang đơn vị.`,
  audit: {
    reviewsSeen: (count: number) => `Đơn vị đã xem ${count} nhận xét của Công an tỉnh trên trang đơn vị.`,
    published: (year: number) => `Công bố kết quả thẩm định năm ${year} cho đơn vị.`,
    withdrawn: (year: number) => `Thu hồi công bố kết quả thẩm định năm ${year}.`,
  },
} as const;
/** Intake under abuse and faults: quotas, limits, a full or read-only data folder, the lock, backup. */
export const intakeGuardText = {
  tooManyUploads: (limit: number) =>
    `Mã này đang gửi ${limit} tệp cùng lúc, tối đa cho phép. Chờ các tệp đang gửi xong rồi gửi tiếp.`,
  signInLimited: (minutes: number) =>
    `Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng chờ ${minutes} phút rồi thử lại với mã đúng do Công an tỉnh cấp.`,
  encodingUnsupported: (encoding: string) =>
    `Kiểu nén "${encoding}" không được hỗ trợ. Gửi tệp .xlsx không nén (hoặc nén gzip).`,
  badCompressedBody: 'Nội dung gửi lên được khai là nén (gzip/deflate) nhưng bị hỏng nên không giải nén được; tệp CHƯA được nhận. Hãy gửi lại.',
  bodyAborted: 'Việc gửi tệp bị ngắt giữa chừng; tệp CHƯA được nhận. Hãy gửi lại.',
  storageFull: 'Ổ đĩa của máy chủ đã đầy nên chưa lưu được tệp; tệp CHƯA được nhận. Vui lòng báo quản trị viên giải phóng dung lượng rồi gửi lại.',
  storageReadOnly: 'Máy chủ không ghi được vào thư mục dữ liệu (chỉ đọc hoặc không có quyền); tệp CHƯA được nhận. Vui lòng báo quản trị viên.',
  fileNotKept: (quotaMb: number) =>
    `Tệp bị từ chối này không được lưu lại vì đơn vị đã dùng hết hạn mức ${quotaMb} MB dành cho tệp bị từ chối; chỉ lưu mã băm, kích thước và danh sách lỗi.`,
  fileNotKeptDownload: 'Tệp này bị từ chối khi đơn vị đã dùng hết hạn mức lưu tệp bị từ chối, nên máy chủ chỉ lưu mã băm, kích thước và danh sách lỗi, không lưu tệp.',
  idempotencyKeyInvalid: 'Tiêu đề Idempotency-Key không hợp lệ: dùng 1–200 ký tự ASCII in được, không có dấu cách (ví dụ một UUID).',
  healthReadOnly: 'Không ghi được vào thư mục dữ liệu (chỉ đọc, đầy hoặc không có quyền).',
  storageFailed: 'Máy chủ gặp lỗi ghi đĩa nên đã ngừng nhận tệp để không làm mất dữ liệu; tệp CHƯA được nhận. Vui lòng báo quản trị viên kiểm tra ổ đĩa và khởi động lại máy chủ, rồi gửi lại.',
  healthStoreFailed: 'Ghi đĩa thất bại: máy chủ đã ngừng nhận dữ liệu cho đến khi được khởi động lại. Kiểm tra ổ đĩa (xem nhật ký máy chủ) rồi khởi động lại.',
  healthCheckpointFailed: 'Chưa chép được nhật ký ghi (WAL) vào cơ sở dữ liệu; máy chủ vẫn nhận tệp và đang thử lại. Xem nhật ký máy chủ.',
  dataFolderLocked: (dir: string) =>
    `Thư mục dữ liệu "${dir}" đang được một máy chủ dien-hinh khác sử dụng. Dừng máy chủ đó trước, hoặc chọn thư mục khác bằng --data.`,
  dataFolderReadOnly: (dir: string, code: string) =>
    `Không ghi được vào thư mục dữ liệu "${dir}" (${code}): thư mục chỉ đọc, đầy hoặc không có quyền ghi. Kiểm tra ổ đĩa và quyền của thư mục rồi chạy lại.`,
  audit: {
    signInFailed: (address: string) => `Đăng nhập thất bại (mã không đúng) từ địa chỉ ${address}`,
    signInLimited: (address: string, failures: number) =>
      `Tạm chặn đăng nhập từ địa chỉ ${address} sau ${failures} lần đăng nhập sai`,
  },
} as const;

/** `dien-hinh backup`, `restore` and `verify`. */
export const backupText = {
  notABackup: (dir: string) => `"${dir}" không phải bản sao lưu của dien-hinh (không có tệp dien-hinh.sqlite).`,
  restoreTargetNotEmpty: (dir: string) =>
    `Thư mục dữ liệu "${dir}" đã có dữ liệu. Khôi phục chỉ ghi vào thư mục trống hoặc chưa có: đổi tên thư mục cũ (để giữ lại) rồi chạy lại.`,
  serverRunning: (dir: string) => `Máy chủ dien-hinh đang chạy trên "${dir}". Dừng máy chủ trước khi khôi phục.`,
  restored: (from: string, to: string) => `Đã khôi phục "${from}" vào "${to}". Khởi động: dien-hinh serve --data ${to}`,
  verifyIntegrity: (lines: string[]) => `Cơ sở dữ liệu: ${lines.length === 1 && lines[0] === 'ok' ? 'nguyên vẹn' : `LỖI\n${lines.map((l) => `  ${l}`).join('\n')}`}`,
  verifyChecked: (count: number) => `Đã kiểm tra ${count} tệp đã nộp (có mặt, đúng mã băm SHA-256).`,
  verifyMissing: (id: string, sha256: string) => `  THIẾU tệp của bài nộp ${id} (${sha256})`,
  verifyCorrupt: (sha256: string) => `  HỎNG tệp ${sha256}: nội dung không còn khớp mã băm`,
  verifyOrphans: (count: number, mb: string) =>
    count === 0 ? 'Không có tệp thừa.' : `${count} tệp thừa (không bài nộp nào trỏ tới, ${mb} MB; vô hại; xoá bằng --sweep):`,
  verifyOrphan: (sha256: string, mb: string) => `  ${sha256} (${mb} MB)`,
  badMinAge: (raw: string) => `--min-age-hours phải là số giờ không âm (đang là "${raw}").`,
  swept: (count: number, hours: number) => `Đã xoá ${count} tệp thừa cũ hơn ${hours} giờ.`,
  verifyOk: 'Kết quả: thư mục dữ liệu toàn vẹn.',
  verifyFailed: 'Kết quả: thư mục dữ liệu CÓ LỖI (xem trên). Khôi phục từ bản sao lưu gần nhất bằng "dien-hinh restore".',
} as const;

/** The PostgreSQL store (`--database-url`) and `dien-hinh migrate`. */
export const postgresText = {
  database: (url: string) => `Cơ sở dữ liệu: PostgreSQL ${url}`,
  schemaTooNew: (found: number, known: number) =>
    `Cơ sở dữ liệu PostgreSQL ở phiên bản ${found}, mới hơn chương trình này (${known}). Hãy cập nhật dien-hinh trên mọi máy chạy dịch vụ.`,
  cannotConnect: (url: string, detail: string) =>
    `Không kết nối được cơ sở dữ liệu PostgreSQL ${url} (${detail}). Kiểm tra máy chủ PostgreSQL đang chạy, địa chỉ, người dùng, mật khẩu và tên cơ sở dữ liệu trong --database-url (hoặc DIEN_HINH_DATABASE_URL).`,
  backupWithPgDump: (url: string) =>
    `Dữ liệu nằm trong PostgreSQL (${url}), không trong thư mục dữ liệu: sao lưu bằng "pg_dump --format=custom --file=<tệp> <địa chỉ cơ sở dữ liệu>" và khôi phục bằng "pg_restore" (xem README, mục PostgreSQL). Bản sao lưu đó gồm cả các tệp đã nộp.`,
  restoreWithPgRestore: 'Lệnh restore khôi phục thư mục dữ liệu SQLite. Với PostgreSQL, khôi phục bằng "pg_restore" vào một cơ sở dữ liệu trống (xem README, mục PostgreSQL).',
  migrateFromMissing: (dir: string) => `Thư mục "${dir}" không có cơ sở dữ liệu dien-hinh (dien-hinh.sqlite): không có gì để chuyển.`,
  migrateFromInUse: (dir: string) => `Máy chủ dien-hinh đang chạy trên "${dir}". Dừng máy chủ trước khi chuyển dữ liệu, để bản chuyển đầy đủ và nhất quán.`,
  migrateTargetNotEmpty: (url: string, rows: number) =>
    `Cơ sở dữ liệu ${url} đã có dữ liệu của dien-hinh (${rows} dòng). Chỉ chuyển vào một cơ sở dữ liệu trống: tạo cơ sở dữ liệu mới (createdb) rồi chạy lại.`,
  migrateStep: (what: string, count: number) => `  đã chép ${count} ${what}`,
  migrateStart: (from: string, to: string) => `Đang chuyển dữ liệu từ "${from}" sang PostgreSQL ${to}…`,
  migrateVerifying: 'Đang đối chiếu số dòng và mã băm SHA-256 của từng tệp…',
  migrateMismatch: (what: string, from: number, to: number) => `  KHÔNG KHỚP ${what}: thư mục dữ liệu ${from}, PostgreSQL ${to}`,
  migrateFileMismatch: (sha256: string) => `  KHÔNG KHỚP tệp ${sha256}: nội dung trong PostgreSQL không đúng mã băm`,
  migrateDone: (url: string, files: number) =>
    `Đã chuyển xong và đối chiếu khớp (kể cả ${files} tệp đã nộp). Chạy dịch vụ trên PostgreSQL: dien-hinh serve --database-url ${url} (giữ thư mục dữ liệu cho bộ tiêu chí và mẫu văn bản).`,
  migrateFailed: 'Chuyển dữ liệu CÓ LỖI (xem trên): cơ sở dữ liệu đích chưa dùng được; xoá nó (dropdb), tạo lại rồi chạy lại.',
  migrateLabels: {
    units: 'đơn vị', adminTokens: 'mã quản trị', files: 'tệp đã nộp', submissions: 'bài nộp', reviews: 'lượt xét duyệt',
    reviewSeen: 'lượt đơn vị đã xem kết quả xét duyệt', appraisals: 'điểm thẩm định', publications: 'lượt công bố kết quả',
    exceptions: 'lượt mở lại hạn nộp', calendars: 'lịch nộp', documentSettings: 'thông tin văn bản', codeSequences: 'dãy số mã đơn vị',
    audit: 'dòng nhật ký',
  },
} as const;
