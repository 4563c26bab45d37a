import { z } from 'zod';

/** Kinds of unit that can be recognised. Keys are stable identifiers; labels are what users read. */
export const UNIT_KINDS = ['xa', 'phuong', 'dac-khu', 'co-quan', 'doanh-nghiep', 'co-so-giao-duc'] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

/**
 * The kinds that are themselves a commune-level administrative unit (xã, phường, đặc khu): "Thuộc
 * xã/phường" does not apply to them, so a workbook that leaves it blank is not warned.
 */
export const COMMUNE_LEVEL_KINDS: readonly UnitKind[] = ['xa', 'phuong', 'dac-khu'];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  xa: 'Xã',
  phuong: 'Phường',
  'dac-khu': 'Đặc khu',
  'co-quan': 'Cơ quan',
  'doanh-nghiep': 'Doanh nghiệp',
  'co-so-giao-duc': 'Cơ sở giáo dục',
};
