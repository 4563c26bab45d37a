/**
 * The criteria sets say what the province uses them for and give a short name for file names,
 * without changing the content hash that every workbook already handed out carries: such a
 * workbook is still read as valid.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SET_DOCUMENTS } from '../../shared/criteria/defaults';
import { criteriaSetHash, parseCriteriaSet } from '../../shared/criteria/load';
import type { CriteriaSet } from '../../shared/criteria/schema';
import { UNIT_KIND_LABELS } from '../../shared/units/kinds';
import { coQuan, fillFor, resultFor, sets } from '../consolidation/fixtures';

describe('what a set is for, and its short name', () => {
  it('the shipped điển hình sets are the yearly report\'s form; the Thông tư 124 standards are used only on request', () => {
    expect(sets.map((s) => [s.id, s.purpose, s.shortTitle])).toEqual([
      ['dien-hinh-co-quan-du-thao', 'yearly-report', 'Điển hình'],
      ['dien-hinh-xa-du-thao', 'yearly-report', 'Điển hình'],
      ['an-toan-antt-co-quan-doanh-nghiep', 'on-request', 'An toàn về ANTT'],
      ['an-toan-antt-co-so-giao-duc', 'on-request', 'An toàn về ANTT'],
      ['an-toan-antt-xa-phuong', 'on-request', 'An toàn về ANTT'],
    ]);
  });

  it('a set file without them (a province\'s own) is the yearly report\'s form, with no short name', () => {
    const { shortTitle: _s, purpose: _p, ...document } = structuredClone(DEFAULT_SET_DOCUMENTS[0]) as Record<string, unknown>;
    const parsed = parseCriteriaSet(document);
    expect(parsed.ok && [parsed.value.purpose, parsed.value.shortTitle]).toEqual(['yearly-report', undefined]);
  });

  it('leaves the content hash of every shipped set as it was before the fields, whatever their values', () => {
    // The hashes the shipped sets had before `purpose` and `shortTitle` existed: every workbook handed out carries one.
    expect(Object.fromEntries(sets.map((s) => [s.id, criteriaSetHash(s)]))).toEqual({
      'dien-hinh-co-quan-du-thao': 'c8518c7325d20b7e2d63f77310a8c3d72685dfb5930f6985c5a80a1af3406f54',
      'dien-hinh-xa-du-thao': '0b556ca1d2b5ffb5979cef713806e097ae0e910e55bea013362e90ed25e9b44c',
      'an-toan-antt-co-quan-doanh-nghiep': 'db8f224aeed92d64932fccdf1b89ca644708e4d536c490c4b5daa0504d417634',
      'an-toan-antt-co-so-giao-duc': '1e2c66e81f696e39f66f93e5a076eb925ba0c9a6bca84805059e308169a18b1f',
      'an-toan-antt-xa-phuong': '446f76d11f8996e8d44420c71f29d1cb98bf0420bc7c8a498b635bfcdbb8aeb6',
    });
    const renamed: CriteriaSet = { ...coQuan, shortTitle: 'Điển hình 2027', purpose: 'on-request' };
    expect(criteriaSetHash(renamed)).toBe(criteriaSetHash(coQuan));
    expect(criteriaSetHash({ ...coQuan, title: `${coQuan.title} (sửa)` })).not.toBe(criteriaSetHash(coQuan));
  });

  it.each(sets.map((s) => [s.id, s] as const))('%s: a workbook made before the fields existed is still read as valid', async (_id, set) => {
    const { shortTitle: _s, purpose: _p, ...before } = set;
    const result = await resultFor(before as CriteriaSet, fillFor(set, 'Đơn vị thử', UNIT_KIND_LABELS[set.unitKinds[0]!]));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
