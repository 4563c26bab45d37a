/** Every sentence the CLI itself (main.ts, the argument parser, the help) prints, in one place. */
import type { Command, OptionSpec } from './command';

const seeHelp = (command: string) => `Gõ "dien-hinh ${command} --help" để xem cách dùng.`;

export const cliText = {
  usage: (commands: readonly Command[]) =>
    [
      'dien-hinh: chấm điểm, thu nhận và tổng hợp hồ sơ đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc',
      '',
      'Cách dùng: dien-hinh <lệnh> [tuỳ chọn]',
      '',
      'Các lệnh:',
      ...commands.map((c) => `  ${c.name.padEnd(13)}${c.summary}`),
      '',
      'Xem cách dùng và ví dụ của từng lệnh: dien-hinh <lệnh> --help',
      '',
    ].join('\n'),
  unknownCommand: (name: string) => `Lệnh "${name}" không tồn tại. Gõ "dien-hinh --help" để xem các lệnh.\n`,
  crashed: (detail: string) => `Lỗi không mong muốn; vui lòng báo cho quản trị viên kèm nội dung sau:\n${detail}\n`,

  // The argument parser (./command.ts)
  badUsage: (command: string, detail: string) => `Sai cú pháp: ${detail}\n${seeHelp(command)}\n`,
  unknownOption: (option: string) => `lệnh này không có tuỳ chọn "${option}".`,
  optionValue: (option: string, placeholder: string) => `tuỳ chọn ${option} cần một giá trị (${option} ${placeholder}).`,
  booleanValue: (option: string) => `tuỳ chọn ${option} không nhận giá trị; chỉ ghi ${option}.`,
  optionMissing: (option: string, spec: OptionSpec) => `thiếu ${option}${spec.value ? ` ${spec.value}` : ''}: ${spec.description}.`,
  unexpectedArgument: (arg: string) => `lệnh này không nhận tham số "${arg}".`,
  optionDescription: (spec: OptionSpec) => {
    const extras = [
      spec.required ? 'bắt buộc' : '',
      spec.env ? `hoặc biến môi trường ${spec.env}` : '',
      spec.default !== undefined || spec.defaultNote !== undefined ? `mặc định ${spec.default ?? spec.defaultNote}` : '',
      spec.multiple ? 'ghi nhiều lần được' : '',
    ].filter((e) => e !== '');
    return extras.length > 0 ? `${spec.description} (${extras.join('; ')})` : spec.description;
  },
  usageHeading: 'Cách dùng:',
  positionalsHeading: 'Tham số:',
  optionsHeading: 'Tuỳ chọn:',
  examplesHeading: 'Ví dụ:',
} as const;
