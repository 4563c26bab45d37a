import coQuan from './sets/dien-hinh-co-quan-du-thao.json';
import xa from './sets/dien-hinh-xa-du-thao.json';
import anttCoQuan from './sets/an-toan-antt-co-quan-doanh-nghiep.json';
import anttGiaoDuc from './sets/an-toan-antt-co-so-giao-duc.json';
import anttXa from './sets/an-toan-antt-xa-phuong.json';
import { parseCriteriaSet } from './load';
import type { CriteriaSet } from './schema';

/**
 * The sets shipped with dien-hinh, every one marked as a draft to check against the official
 * text. A province replaces or adds sets by dropping JSON files in its data folder.
 */
export const DEFAULT_SET_DOCUMENTS: readonly unknown[] = [coQuan, xa, anttCoQuan, anttGiaoDuc, anttXa];

export function defaultCriteriaSets(): CriteriaSet[] {
  return DEFAULT_SET_DOCUMENTS.map((document, index) => {
    const parsed = parseCriteriaSet(document, `bộ tiêu chí mặc định #${index + 1}`);
    if (!parsed.ok) throw new Error(parsed.error.join('\n'));
    return parsed.value;
  });
}
