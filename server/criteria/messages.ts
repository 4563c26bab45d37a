/** Every sentence about loading a province's criteria-set files, in one place for review. */
export const criteriaText = {
  defaultSource: 'mặc định (kèm theo dien-hinh)',
  fileSource: (file: string) => `tệp "${file}"`,
  notAFolder: (dir: string) => `"${dir}" không phải là thư mục. Các bộ tiêu chí của tỉnh đặt trong thư mục criteria/ của thư mục dữ liệu.`,
  unreadableFolder: (dir: string, detail: string) => `Không đọc được thư mục bộ tiêu chí "${dir}" (${detail}).`,
  unreadableFile: (file: string, detail: string) => `Không đọc được tệp bộ tiêu chí "${file}" (${detail}).`,
  notJson: (file: string, detail: string) => `Tệp bộ tiêu chí "${file}" không phải là JSON hợp lệ (${detail}). Sửa tệp hoặc chuyển nó ra khỏi thư mục criteria/.`,
  duplicate: (first: string, second: string, id: string, version: string) =>
    `Tệp "${second}" và tệp "${first}" cùng khai báo bộ tiêu chí "${id}" phiên bản "${version}". Chỉ giữ một tệp (đổi "version" nếu là phiên bản mới).`,
} as const;
