/** Every sentence `dien-hinh sets`, `template` and `check` print, in one place for review. */
import type { CriteriaSet } from '../../shared/criteria/schema';
import { hardCriteria } from '../../shared/criteria/load';
import { UNIT_KIND_LABELS, type UnitKind } from '../../shared/units/kinds';
import { formatNumberVi as n } from '../../shared/util/numbers';
import type { CheckResult } from '../../shared/workbook/checkResult';
import { DOSSIER_ITEM_SHORT } from '../../shared/workbook/layout';
import { issueLine } from '../../shared/workbook/issues';
import type { DossierItem } from '../../shared/criteria/schema';

export const setsText = {
  summary: 'Liệt kê các bộ tiêu chí có trong hệ thống (mặc định và các tệp trong <thư mục dữ liệu>/criteria/).',
  set: (set: CriteriaSet, source: string) => [
    `${set.id} (phiên bản ${set.version})${set.draft ? ' — DỰ THẢO, cần đối chiếu văn bản chính thức' : ''}`,
    `  ${set.title}`,
    `  Áp dụng cho: ${set.unitKinds.map((k) => UNIT_KIND_LABELS[k]).join(', ')}`,
    `  ${set.criteria.length} tiêu chí · ${set.scoring.kind === 'points'
      ? `thang ${n(set.scoring.scale)} điểm, đạt từ ${n(set.scoring.passThreshold)} điểm`
      : 'đạt/không đạt, phải đạt tất cả'}${hardCriteria(set).length > 0 ? ` · tiêu chí cứng: ${hardCriteria(set).join(', ')}` : ''}`,
    `  Nguồn: ${source}`,
  ].join('\n'),
  loadFailed: 'Không nạp được bộ tiêu chí của tỉnh; sửa các lỗi sau rồi chạy lại:',
  dataMissing: (dir: string) => `Thư mục dữ liệu "${dir}" không tồn tại. Kiểm tra --data.\n`,
};

export const templateText = {
  summary: 'Tạo bảng tự chấm điểm (tệp Excel) theo một bộ tiêu chí.',
  notXlsx: (file: string) => `tệp "${file}" phải có đuôi .xlsx.`,
  badYear: (text: string) => `năm "${text}" không hợp lệ; nhập năm có 4 chữ số từ 2020 đến 2100, ví dụ 2026.`,
  unknownSet: (id: string, known: string[]) => `không có bộ tiêu chí "${id}". Các mã có: ${known.join(', ')}.`,
  unknownVersion: (id: string, version: string, versions: string[]) =>
    `bộ tiêu chí "${id}" không có phiên bản "${version}". Các phiên bản có: ${versions.join(', ')}.`,
  ambiguousVersion: (id: string, versions: string[]) => `bộ tiêu chí "${id}" có nhiều phiên bản (${versions.join(', ')}); chọn một bằng --version.`,
  exists: (file: string) => `Tệp "${file}" đã có. Thêm --force để ghi đè, hoặc chọn tên khác.\n`,
  written: (file: string, set: CriteriaSet) => `Đã tạo bảng tự chấm điểm "${file}" theo bộ tiêu chí ${set.id} (phiên bản ${set.version}).\n`,
  draftWarning: 'Lưu ý: đây là bộ tiêu chí DỰ THẢO, cần đối chiếu với văn bản chính thức trước khi gửi cho đơn vị.\n',
  unitAndAll: 'dùng --unit hoặc --all-units, không dùng cả hai.',
  noUnitsForSet: (set: string) => `Không có đơn vị nào thuộc loại mà bộ tiêu chí "${set}" dùng. Nhập danh sách đơn vị bằng "dien-hinh units import".\n`,
  skippedUnits: (count: number, set: string) => `Bỏ qua ${count} đơn vị không thuộc loại mà bộ tiêu chí "${set}" dùng.\n`,
  writtenUnits: (count: number, dir: string) => `Đã tạo ${count} bảng tự chấm điểm (mỗi đơn vị một tệp, ghi sẵn mã đơn vị) trong thư mục "${dir}".\n`,
  writtenUnit: (file: string, code: string, name: string) => `Đã tạo bảng tự chấm điểm của đơn vị ${code} "${name}": "${file}".\n`,
};

const kindLabel = (kind: UnitKind | null) => (kind ? UNIT_KIND_LABELS[kind] : 'chưa rõ loại');

export const checkText = {
  summary: 'Đọc và kiểm tra bảng tự chấm điểm: đơn vị, điểm từng tiêu chí, tổng điểm, tiêu chí cứng, điều kiện đề nghị, lỗi.',
  noFiles: 'chưa chỉ ra tệp .xlsx nào cần kiểm tra.',
  unreadable: (detail: string) => `Không đọc được tệp (${detail}). Kiểm tra đường dẫn và quyền đọc.`,
  isFolder: 'Đây là thư mục, không phải tệp .xlsx. Chỉ ra từng tệp, ví dụ: dien-hinh check thu-muc/*.xlsx',

  /** `passFail`: the workbook's set is scored đạt / chưa đạt rather than in points. */
  report(file: string, result: CheckResult, passFail: boolean): string {
    const lines = [`━━ ${file}`];
    const unit = result.unit;
    if (unit) {
      const parts = [`Đơn vị: ${unit.name || '(chưa nhập tên)'} (${kindLabel(unit.kind)})`];
      if (unit.parent) parts.push(`thuộc ${unit.parent}`);
      if (unit.year !== null) parts.push(`năm ${unit.year}`);
      lines.push(parts.join(', '));
    }
    if (result.setId) {
      lines.push(`Bộ tiêu chí: ${result.setId} (phiên bản ${result.setVersion ?? '?'})${result.draftSet ? ' — dự thảo' : ''}`);
    }
    if (result.scores.length > 0) {
      lines.push('Điểm tự chấm:');
      for (const s of result.scores) {
        const value = s.score === null ? (s.refused ? 'không hợp lệ (xem lỗi bên dưới)' : 'chưa chấm') : passFail ? (s.score === 1 ? 'Đạt' : 'Chưa đạt') : `${n(s.score)}/${n(s.max)}`;
        const hard = s.hard ? (s.score !== null && s.score < s.max ? '  ← tiêu chí cứng, chưa đạt điểm tối đa' : '  (tiêu chí cứng)') : '';
        lines.push(`  Tiêu chí ${String(s.number).padStart(2)}: ${value}${hard}`);
      }
    }
    if (result.total !== null && result.max !== null) {
      lines.push(passFail
        ? `Số tiêu chí đạt: ${n(result.total)}/${n(result.max)}`
        : `Tổng điểm: ${n(result.total)}/${n(result.max)}${result.threshold !== null ? ` (ngưỡng đạt ${n(result.threshold)})` : ''}`);
    }
    if (result.hardFailures.length > 0) lines.push(`Tiêu chí cứng chưa đạt điểm tối đa: ${result.hardFailures.join(', ')}`);
    if (result.band) lines.push(`Xếp loại: ${result.band}`);
    const missing = (Object.entries(result.dossier) as [DossierItem, boolean][]).filter(([, present]) => !present).map(([item]) => DOSSIER_ITEM_SHORT[item]);
    if (result.unit) lines.push(missing.length > 0 ? `Hồ sơ còn thiếu: ${missing.join(', ')}` : 'Hồ sơ: đủ 4 thành phần');
    if (result.errors.length === 0 && result.unit) {
      lines.push(`Kết quả: ${result.eligible ? 'ĐỦ ĐIỀU KIỆN đề nghị công nhận' : 'CHƯA ĐỦ ĐIỀU KIỆN'}`);
      for (const reason of result.reasons) lines.push(`  - ${reason}`);
    } else {
      lines.push('Kết quả: TỆP CÓ LỖI, chưa xét điều kiện công nhận.');
    }
    if (result.errors.length > 0) {
      lines.push('Lỗi phải sửa:');
      for (const issue of result.errors) lines.push(`  - ${issueLine(issue)}`);
    }
    if (result.warnings.length > 0) {
      lines.push('Lưu ý:');
      for (const issue of result.warnings) lines.push(`  - ${issueLine(issue)}`);
    }
    return `${lines.join('\n')}\n\n`;
  },
  totals: (count: number, valid: number) =>
    `Đã kiểm tra ${count} tệp: ${valid} hợp lệ, ${count - valid} có lỗi.\n`,
};
