/** Every sentence consolidation says to a user, in one place for review. */

export const viConsolidation = {
  allMilestonesDone: 'Đã nộp đủ các mốc',
  appraisalSetUnknown: (setId: string, version: string) =>
    `Không áp dụng được điểm thẩm định: bộ tiêu chí "${setId}" phiên bản "${version}" không còn trong hệ thống. Nạp lại bộ tiêu chí này rồi tổng hợp lại.`,
  appraisalCriterionUnknown: (number: number) =>
    `Điểm thẩm định nhập cho tiêu chí ${number}, nhưng bộ tiêu chí của đơn vị không có tiêu chí này. Xoá điểm thẩm định đó.`,
  appraisalInvalid: (number: number, message: string) => `Điểm thẩm định tiêu chí ${number}: ${message}`,
} as const;
