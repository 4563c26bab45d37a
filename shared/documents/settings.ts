/**
 * The document settings a year starts from, and the name a person reads for each of their fields
 * (the console's "Thông tin văn bản…" labels, and every refusal of a field: API, console, CLI).
 */
import { documentSettingsSchema, type DocumentSettings } from '../api/schemas';

/**
 * The settings a year starts from before the province saves its own (the console asks for them
 * before the first download). Placeholders a province must fill — the numbers, the signer's
 * name — are left empty so the document leaves room to write them by hand.
 */
export function defaultDocumentSettings(): DocumentSettings {
  return documentSettingsSchema.parse({
    parentBody: 'BỘ CÔNG AN',
    issuingBody: 'CÔNG AN TỈNH ĐỒNG THÁP',
    place: 'Đồng Tháp',
    date: '',
    signer: { authority: '', title: 'GIÁM ĐỐC', name: '' },
    addressee: 'Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp',
    baoCao: { number: '', symbol: 'BC-CAT', recipients: ['Chủ tịch UBND tỉnh (để b/c);', 'Lưu: VT.'] },
    toTrinh: { number: '', symbol: 'TTr-CAT', recipients: ['Như trên;', 'Lưu: VT.'] },
    quyetDinh: {
      symbol: 'QĐ-UBND', recipients: ['Như Điều 3;', 'Lưu: VT.'],
      issuingBody: 'ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP',
      signer: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: '' },
    },
    bienBan: { symbol: 'BB-HĐTĐ', council: 'Hội đồng thẩm định', chair: '', secretary: '' },
  });
}

/** Every field of the settings as a dotted path: "date", "baoCao.recipients", "quyetDinh.signer.name". */
type Paths<T> = { [K in keyof T & string]: T[K] extends string | readonly string[] ? K : `${K}.${Paths<T[K]>}` }[keyof T & string];
export type DocumentSettingPath = Paths<DocumentSettings>;

/**
 * The name of each field as the console's dialog labels it. A Record over every path, so a field
 * added to the schema does not compile until it is named (and the dialog's test then asks for
 * its input).
 */
export const DOCUMENT_SETTING_NAMES: Record<DocumentSettingPath, string> = {
  parentBody: 'Cơ quan chủ quản',
  issuingBody: 'Cơ quan ban hành',
  place: 'Địa danh',
  date: 'Ngày ký',
  'signer.authority': 'Quyền hạn ký',
  'signer.title': 'Chức vụ người ký',
  'signer.name': 'Họ tên người ký',
  addressee: 'Kính gửi (tờ trình)',
  'baoCao.number': 'Số báo cáo',
  'baoCao.symbol': 'Ký hiệu báo cáo',
  'baoCao.recipients': 'Nơi nhận của báo cáo',
  'toTrinh.number': 'Số tờ trình',
  'toTrinh.symbol': 'Ký hiệu tờ trình',
  'toTrinh.recipients': 'Nơi nhận của tờ trình',
  'quyetDinh.issuingBody': 'Cơ quan ban hành quyết định',
  'quyetDinh.symbol': 'Ký hiệu quyết định',
  'quyetDinh.signer.authority': 'Quyền hạn ký quyết định',
  'quyetDinh.signer.title': 'Chức vụ người ký quyết định',
  'quyetDinh.signer.name': 'Họ tên người ký quyết định',
  'quyetDinh.recipients': 'Nơi nhận của quyết định',
  'bienBan.council': 'Tên hội đồng thẩm định',
  'bienBan.symbol': 'Ký hiệu biên bản',
  'bienBan.chair': 'Họ tên Chủ tịch Hội đồng',
  'bienBan.secretary': 'Họ tên Thư ký Hội đồng',
};

/**
 * The field a refusal's path points at, as the dialog names it: "Ngày ký"; a line of a list
 * counted from 1 ("baoCao.recipients.1" is "Nơi nhận của báo cáo, dòng 2"). A path that names no
 * field (the whole body) reads "(nội dung)".
 */
export function documentSettingName(path: readonly PropertyKey[]): string {
  const keys = path.map(String);
  for (let length = keys.length; length > 0; length--) {
    const name = (DOCUMENT_SETTING_NAMES as Record<string, string>)[keys.slice(0, length).join('.')];
    if (name === undefined) continue;
    const line = keys[length];
    return line !== undefined && /^\d+$/u.test(line) ? `${name}, dòng ${Number(line) + 1}` : name;
  }
  return keys.join('.') || '(nội dung)';
}

/** A refusal of the settings as a person reads it: "Ngày ký: viết ngày theo dạng dd/mm/yyyy…". */
export function documentSettingIssue(issue: { path: readonly PropertyKey[]; message: string }): string {
  return `${documentSettingName(issue.path)}: ${issue.message}`;
}
