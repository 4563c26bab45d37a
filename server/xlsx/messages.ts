/** Every sentence the .xlsx reader says about a file, in one place for review. Each says what to do. */

const resave = 'Hãy mở tệp trong Excel, lưu lại (định dạng .xlsx) rồi nộp lại.';
const mb = (bytes: number) => String(Math.round((bytes / 1024 / 1024) * 10) / 10).replace('.', ',');
/** "600 MB", or "20 KB" below a megabyte (a limit in tests or a small part). */
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${mb(bytes)} MB`);

export const xlsxText = {
  empty: 'Tệp rỗng (0 byte). Hãy lưu lại bảng tự chấm điểm rồi nộp lại.',
  tooLarge: (bytes: number, limit: number) =>
    `Tệp quá lớn (${size(bytes)}, tối đa ${size(limit)}). Bảng tự chấm điểm chỉ cần vài chục KB: hãy xoá ảnh, trang hoặc dữ liệu thừa rồi nộp lại; minh chứng gửi riêng.`,
  encrypted: 'Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi nộp lại (trong Excel: Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hoá bằng mật khẩu, xoá mật khẩu rồi lưu).',
  legacyXls: 'Tệp ở định dạng Excel 97-2003 (.xls), không được hỗ trợ. Hãy mở tệp trong Excel, chọn Lưu thành "Sổ làm việc Excel (.xlsx)" rồi nộp lại.',
  notZip: 'Tệp không phải là bảng tính Excel (.xlsx). Hãy nộp đúng tệp bảng tự chấm điểm, lưu bằng Excel hoặc LibreOffice ở định dạng .xlsx.',
  truncated: `Tệp .xlsx bị hỏng hoặc chưa được tải/gửi hết (không đọc được mục lục của tệp nén). ${resave}`,
  ods: 'Tệp ở định dạng OpenDocument (.ods), không được hỗ trợ. Hãy chọn Lưu thành, định dạng "Excel 2007-365 (.xlsx)", rồi nộp lại.',
  xlsb: 'Tệp ở định dạng Excel nhị phân (.xlsb), không được hỗ trợ. Hãy lưu thành "Sổ làm việc Excel (.xlsx)" rồi nộp lại.',
  notWorkbookZip: 'Tệp nén này không phải là bảng tính Excel (.xlsx): không có phần "xl/workbook.xml". Hãy nộp đúng tệp bảng tự chấm điểm.',
  tooManyEntries: (count: number, limit: number) =>
    `Tệp chứa quá nhiều thành phần (${count}, tối đa ${limit}); tệp bị từ chối để bảo vệ hệ thống. Hãy tạo lại bảng tự chấm điểm từ mẫu.`,
  absurdEntry: (part: string, bytes: number) =>
    `Phần "${part}" của tệp có kích thước giải nén bất thường (${size(bytes)}); tệp bị từ chối để bảo vệ hệ thống (nghi là "bom nén"). Hãy tạo lại bảng tự chấm điểm từ mẫu.`,
  absurdRatio: (part: string, ratio: number) =>
    `Phần "${part}" của tệp có tỉ lệ nén bất thường (1:${Math.round(ratio)}); tệp bị từ chối để bảo vệ hệ thống (nghi là "bom nén"). Hãy tạo lại bảng tự chấm điểm từ mẫu.`,
  sizeLied: (part: string) =>
    `Phần "${part}" của tệp giải nén ra nhiều dữ liệu hơn kích thước khai báo; tệp bị hỏng hoặc bị sửa có chủ đích và bị từ chối. Hãy tạo lại bảng tự chấm điểm từ mẫu.`,
  tooMuchInflated: (limit: number) =>
    `Tệp chứa quá nhiều dữ liệu khi giải nén (hơn ${size(limit)}); tệp bị từ chối để bảo vệ hệ thống. Hãy tạo lại bảng tự chấm điểm từ mẫu.`,
  partEncrypted: (part: string) => `Phần "${part}" của tệp nén được đặt mật khẩu. Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi nộp lại.`,
  partBroken: (part: string) => `Phần "${part}" của tệp .xlsx bị hỏng, không giải nén được. ${resave}`,
  missingPart: (part: string) => `Tệp .xlsx thiếu phần "${part}". ${resave}`,
  missingSheetPart: (sheet: string) => `Tệp .xlsx thiếu nội dung của trang "${sheet}". ${resave}`,
  /** `detail` is the XML parser's own (English) words, for whoever investigates the file. */
  xmlBroken: (part: string, detail: string) => `Phần "${part}" của tệp không đúng định dạng XML (${detail.replace(/\.+$/u, '')}). ${resave}`,
  tooManyCells: (sheet: string, limit: number) =>
    `Trang "${sheet}" có quá nhiều ô dữ liệu (hơn ${limit.toLocaleString('vi-VN')} ô); bảng tự chấm điểm không cần nhiều như vậy. Hãy xoá các dòng, cột thừa hoặc tạo lại từ mẫu.`,
  rangeTooLarge: (name: string, reference: string) =>
    `Vùng tên "${name}" (${reference}) lớn bất thường. Không mở rộng các vùng của mẫu; hãy tạo lại bảng tự chấm điểm từ mẫu.`,
  sharedStringMissing: (index: number) => `Ô tham chiếu chuỗi số ${index} không có trong phần "xl/sharedStrings.xml". ${resave}`,
} as const;
