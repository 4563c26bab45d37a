/**
 * The scoring workbook's layout: the one contract between the template writer, the server's
 * reader and the add-in. Cells are found through defined names (which Excel moves when a user
 * inserts rows) and columns through their header text, never through fixed addresses.
 */
import type { DossierItem } from '../criteria/schema';

export const TEMPLATE_VERSION = '1';

export const SHEETS = {
  instructions: 'Hướng dẫn',
  unit: 'Thông tin đơn vị',
  scores: 'Chấm điểm',
  dossier: 'Hồ sơ',
  criteriaSet: 'Bộ tiêu chí',
} as const;

/** Unit information fields, each one cell named below, with its label beside it. */
export const UNIT_FIELDS = ['name', 'kind', 'parent', 'head', 'contact', 'phone', 'year'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];

export const UNIT_FIELD_LABELS: Record<UnitField, string> = {
  name: 'Tên đơn vị',
  kind: 'Loại đơn vị',
  parent: 'Thuộc xã/phường',
  head: 'Thủ trưởng',
  contact: 'Người liên hệ',
  phone: 'Điện thoại',
  year: 'Năm',
};

/** Defined names (workbook scope). */
export const NAMES = {
  unit: {
    name: 'DH_TenDonVi',
    kind: 'DH_LoaiDonVi',
    parent: 'DH_ThuocXa',
    head: 'DH_ThuTruong',
    contact: 'DH_NguoiLienHe',
    phone: 'DH_DienThoai',
    year: 'DH_Nam',
  } satisfies Record<UnitField, string>,
  /** Header row plus one row per criterion (and any blank rows a user inserts). */
  scoreTable: 'DH_BangChamDiem',
  /** The total (a formula for people; the reader recomputes it). */
  total: 'DH_TongDiem',
  /** Header row plus one row per dossier item. */
  dossierTable: 'DH_HoSo',
  setId: 'DH_MaBoTieuChi',
  setVersion: 'DH_PhienBanBoTieuChi',
  setHash: 'DH_MaBamBoTieuChi',
  /** Column of cells holding the set's JSON in chunks (a cell holds at most 32,767 characters). */
  setJson: 'DH_DuLieuBoTieuChi',
  templateVersion: 'DH_PhienBanMau',
  /**
   * The unit code (mã đơn vị), pre-filled in a per-unit workbook; the clerk does not touch it.
   * Optional: a workbook made before codes, or from the blank template, has none (empty or absent).
   */
  unitCode: 'DH_MaDonVi',
} as const;

/** The label beside the code cell. */
export const UNIT_CODE_LABEL = 'Mã đơn vị';

/** Every defined name a reader needs, in one list. */
export const ALL_NAMES: readonly string[] = [
  ...Object.values(NAMES.unit),
  NAMES.scoreTable, NAMES.total, NAMES.dossierTable,
  NAMES.setId, NAMES.setVersion, NAMES.setHash, NAMES.setJson, NAMES.templateVersion, NAMES.unitCode,
];

export const SCORE_COLUMNS = ['number', 'group', 'title', 'hard', 'maxPoints', 'score', 'evidence'] as const;
export type ScoreColumn = (typeof SCORE_COLUMNS)[number];

/** Header text of each scoring column; a reader matches headers loosely (case, spaces, NFC). */
export const SCORE_HEADERS: Record<ScoreColumn, string> = {
  number: 'STT',
  group: 'Nhóm',
  title: 'Nội dung tiêu chí',
  hard: 'Tiêu chí cứng',
  maxPoints: 'Điểm tối đa',
  score: 'Điểm tự chấm',
  evidence: 'Minh chứng / ghi chú',
};
/** In a pass-fail set the score column holds "Đạt" / "Chưa đạt". */
export const PASS_FAIL_SCORE_HEADER = 'Kết quả tự đánh giá';
export const HARD_MARK = 'x';
export const PASS_TEXT = 'Đạt';
export const FAIL_TEXT = 'Chưa đạt';

export const DOSSIER_COLUMNS = ['number', 'item', 'present', 'documentNumber', 'documentDate'] as const;
export type DossierColumn = (typeof DOSSIER_COLUMNS)[number];
export const DOSSIER_HEADERS: Record<DossierColumn, string> = {
  number: 'STT',
  item: 'Thành phần hồ sơ',
  present: 'Đã có',
  documentNumber: 'Số văn bản',
  documentDate: 'Ngày ban hành',
};
export const PRESENT_YES = 'Có';
export const PRESENT_NO = 'Chưa có';

export const DOSSIER_ITEM_LABELS: Record<DossierItem, string> = {
  report: 'Báo cáo kết quả thực hiện Bộ tiêu chí và bảng tự chấm điểm',
  request: 'Tờ trình đề nghị công nhận',
  minutes: 'Biên bản họp đánh giá',
  registration: 'Bản đăng ký xây dựng đơn vị điển hình',
};
/** Short names used in messages ("Hồ sơ thiếu: Tờ trình"). */
export const DOSSIER_ITEM_SHORT: Record<DossierItem, string> = {
  report: 'Báo cáo kết quả',
  request: 'Tờ trình',
  minutes: 'Biên bản họp',
  registration: 'Bản đăng ký',
};

/** Characters per chunk of the embedded set's JSON (below Excel's 32,767 per cell). */
export const SET_JSON_CHUNK = 30000;
export const SET_JSON_MAX_CHUNKS = 20;
