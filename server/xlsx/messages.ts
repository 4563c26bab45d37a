/**
 * Every sentence the .xlsx reader says about a file, in one place for review. Each speaks to the
 * person who sent the file, someone with Excel, LibreOffice or WPS: what is wrong in words they
 * know, and what to do (saving as .xlsx in each program's words: SAVE_AS_XLSX).
 * No command, no internal part name; where the fix is the current form, it says where to get it.
 */
import { CURRENT_FORM, SAVE_AS_XLSX } from '../../shared/i18n/vi';

const resave = `Hãy mở tệp, lưu lại dạng .xlsx (${SAVE_AS_XLSX}) rồi nộp lại.`;
const remake = `Hãy ${CURRENT_FORM}.`;
const mb = (bytes: number) => String(Math.round((bytes / 1024 / 1024) * 10) / 10).replace('.', ',');
/** "600 MB", or "20 KB" below a megabyte (a limit in tests or a small part). */
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${mb(bytes)} MB`);
/** What a person who investigates a file needs (the part, the parser's English words), set apart from the advice. */
const technical = (detail: string) => ` (Chi tiết kỹ thuật, gửi kèm nếu cần hỏi Công an tỉnh: ${detail}.)`;

export const xlsxText = {
  empty: 'Tệp rỗng (0 byte). Hãy lưu lại bảng tự chấm điểm rồi nộp lại.',
  tooLarge: (bytes: number, limit: number) =>
    `Tệp quá lớn (${size(bytes)}, tối đa ${size(limit)}). Bảng tự chấm điểm chỉ cần vài chục KB: hãy xoá ảnh, trang hoặc dữ liệu thừa rồi nộp lại; minh chứng gửi riêng.`,
  encrypted: 'Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi nộp lại (trong Excel: Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hoá bằng mật khẩu, xoá mật khẩu rồi lưu).',
  legacyXls: `Tệp ở định dạng Excel 97-2003 (.xls), không được hỗ trợ. ${resave}`,
  notZip: `Tệp không phải là bảng tính .xlsx. Hãy nộp đúng tệp bảng tự chấm điểm, lưu ở dạng .xlsx (${SAVE_AS_XLSX}).`,
  truncated: `Tệp .xlsx bị hỏng hoặc chưa được tải/gửi hết. ${resave}`,
  ods: `Tệp ở định dạng OpenDocument (.ods), không được hỗ trợ. ${resave}`,
  xlsb: `Tệp ở định dạng Excel nhị phân (.xlsb), không được hỗ trợ. ${resave}`,
  notWorkbookZip: 'Tệp nén này không phải là bảng tính .xlsx. Hãy nộp đúng tệp bảng tự chấm điểm (tệp đuôi .xlsx, mở được bằng Excel, LibreOffice hoặc WPS).',
  tooManyEntries: (count: number, limit: number) =>
    `Tệp chứa quá nhiều thành phần (${count}, tối đa ${limit}); tệp bị từ chối để bảo vệ hệ thống. ${remake}`,
  absurdEntry: (part: string, bytes: number) =>
    `Tệp chứa một phần có kích thước giải nén bất thường (${size(bytes)}); tệp bị từ chối để bảo vệ hệ thống (nghi là "bom nén"). ${remake}${technical(part)}`,
  absurdRatio: (part: string, ratio: number) =>
    `Tệp chứa một phần có tỉ lệ nén bất thường (1:${Math.round(ratio)}); tệp bị từ chối để bảo vệ hệ thống (nghi là "bom nén"). ${remake}${technical(part)}`,
  sizeLied: (part: string) =>
    `Tệp giải nén ra nhiều dữ liệu hơn kích thước khai báo; tệp bị hỏng hoặc bị sửa có chủ đích và bị từ chối. ${remake}${technical(part)}`,
  tooMuchInflated: (limit: number) =>
    `Tệp chứa quá nhiều dữ liệu khi giải nén (hơn ${size(limit)}); tệp bị từ chối để bảo vệ hệ thống. ${remake}`,
  partEncrypted: (part: string) => `Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi nộp lại.${technical(part)}`,
  partBroken: (part: string) => `Tệp .xlsx bị hỏng, không giải nén được. ${resave}${technical(part)}`,
  missingPart: (part: string) => `Tệp .xlsx bị thiếu một phần bên trong. ${resave}${technical(part)}`,
  missingSheetPart: (sheet: string) => `Tệp .xlsx thiếu nội dung của trang "${sheet}". ${resave}`,
  /** `detail` is the XML parser's own (English) words, for whoever investigates the file. */
  xmlBroken: (part: string, detail: string) => `Tệp .xlsx bị hỏng, không đọc được. ${resave}${technical(`${part}, ${detail.replace(/\.+$/u, '')}`)}`,
  tooManyCells: (sheet: string, limit: number) =>
    `Trang "${sheet}" có quá nhiều ô dữ liệu (hơn ${limit.toLocaleString('vi-VN')} ô); bảng tự chấm điểm không cần nhiều như vậy. Hãy xoá các dòng, cột thừa rồi nộp lại, hoặc ${CURRENT_FORM}.`,
  rangeTooLarge: (name: string, reference: string) =>
    `Một vùng của mẫu đã bị mở rộng bất thường, tới ${reference.replace(/^.*!/u, '')}. ${remake}${technical(name)}`,
  sharedStringMissing: (index: number) => `Tệp .xlsx bị hỏng: một ô chữ không tìm thấy nội dung. ${resave}${technical(`chuỗi số ${index}`)}`,
  sheetCopies: (sheets: readonly string[]) =>
    `Bảng có nhiều trang được sao chép từ cùng một trang của mẫu (${sheets.map((s) => `"${s}"`).join(', ')}), nên không biết trang nào là bảng đã điền. Hãy giữ lại một trang đã điền, xoá các trang còn lại, lưu rồi nộp lại.`,
} as const;
