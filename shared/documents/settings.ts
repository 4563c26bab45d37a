/**
 * The document settings a year starts from before the province saves its own (the console asks
 * for them before the first download). Placeholders a province must fill — the numbers, the
 * signer's name — are left empty so the document leaves room to write them by hand.
 */
import { documentSettingsSchema, type DocumentSettings } from '../api/schemas';

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
