/** Every sentence the CLI prints, in one place. */
import type { Command } from './command';

export const cliText = {
  usage: (commands: readonly Command[]) =>
    [
      'dien-hinh: chấm điểm, thu nhận và tổng hợp hồ sơ đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc',
      '',
      'Cách dùng: dien-hinh <lệnh> [tuỳ chọn]',
      '',
      'Các lệnh:',
      ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
      '',
    ].join('\n'),
  unknownCommand: (name: string) => `Lệnh "${name}" không tồn tại. Gõ "dien-hinh --help" để xem các lệnh.\n`,
  crashed: (detail: string) => `Lỗi không mong muốn; vui lòng báo cho quản trị viên kèm nội dung sau:\n${detail}\n`,
} as const;
