import { describe, expect, it } from 'vitest';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { parseCriteriaSet, hardCriteria } from '../../shared/criteria/load';
import type { CriteriaSet } from '../../shared/criteria/schema';
import { evaluate, type Entry } from '../../shared/scoring/evaluate';
import { parseScore } from '../../shared/scoring/score';
import { sameUnitName, searchKey, parseUnitKind } from '../../shared/units/identity';
import { sha256Hex } from '../../shared/util/sha256';
import { createHash } from 'node:crypto';

const sets = defaultCriteriaSets();
const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const antt = sets.find((s) => s.id === 'an-toan-antt-co-quan-doanh-nghiep')!;
const allDossier = { report: true, request: true, minutes: true, registration: true };

function fullMarks(set: CriteriaSet): Map<number, Entry> {
  return new Map(set.criteria.map((c) => [c.number, { kind: 'scored', score: c.maxPoints } as Entry]));
}

describe('default criteria sets', () => {
  it('are all valid drafts', () => {
    expect(sets.map((s) => s.id).sort()).toEqual([
      'an-toan-antt-co-quan-doanh-nghiep', 'an-toan-antt-co-so-giao-duc', 'an-toan-antt-xa-phuong', 'dien-hinh-co-quan-du-thao', 'dien-hinh-xa-du-thao',
    ]);
    for (const set of sets) expect(set.draft).toBe(true);
  });
  it('the cơ quan set has 12 criteria on 50 points, pass at 45, hard 5, 8, 9', () => {
    expect(coQuan.criteria).toHaveLength(12);
    expect(coQuan.scoring).toMatchObject({ kind: 'points', scale: 50, passThreshold: 45 });
    expect(hardCriteria(coQuan)).toEqual([5, 8, 9]);
  });
  it('TT 124 sets have 5, 6 and 4 criteria', () => {
    expect(sets.find((s) => s.id === 'an-toan-antt-co-quan-doanh-nghiep')!.criteria).toHaveLength(5);
    expect(sets.find((s) => s.id === 'an-toan-antt-co-so-giao-duc')!.criteria).toHaveLength(6);
    expect(sets.find((s) => s.id === 'an-toan-antt-xa-phuong')!.criteria).toHaveLength(4);
  });
});

describe('loading an inconsistent set fails with a clear message', () => {
  const base = JSON.parse(JSON.stringify(coQuan));
  it('points that do not add up to the scale', () => {
    const doc = { ...base, criteria: base.criteria.map((c: { number: number }) => (c.number === 1 ? { ...c, maxPoints: 5 } : c)) };
    const result = parseCriteriaSet(doc, 'tệp x.json');
    expect(result).toEqual({ ok: false, error: ['tệp x.json: tổng điểm tối đa các tiêu chí là 51, khác thang điểm 50.'] });
  });
  it('duplicate numbers', () => {
    const doc = { ...base, criteria: [...base.criteria.slice(0, 11), { ...base.criteria[10] }] };
    const result = parseCriteriaSet(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('bộ tiêu chí: tiêu chí số 11 bị trùng.');
  });
  it('a threshold above the scale and a schema error', () => {
    expect(parseCriteriaSet({ ...base, scoring: { kind: 'points', scale: 50, passThreshold: 60 } })).toEqual({
      ok: false, error: ['bộ tiêu chí: ngưỡng đạt 60 lớn hơn thang điểm 50.'],
    });
    const missing = parseCriteriaSet({ ...base, unitKinds: [] });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error[0]).toMatch(/^bộ tiêu chí: trường "unitKinds" không hợp lệ/u);
  });
  it('a max that is not a multiple of the step', () => {
    const doc = { ...base, criteria: base.criteria.map((c: { number: number }) => (c.number === 2 ? { ...c, step: 3 } : c)) };
    const result = parseCriteriaSet(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('bộ tiêu chí: tiêu chí 2: điểm tối đa 4 không chia hết cho bước điểm 3.');
  });
});

describe('parseScore: what people type', () => {
  const c1 = coQuan.criteria[0]!; // max 4, step 0.5
  it.each([
    ['4,5', undefined], [' 3,5 ', 3.5], ['3.5', 3.5], [2, 2], ['0', 0], ['', undefined], [null, undefined],
  ])('%j', (raw, expected) => {
    const result = parseScore(coQuan, c1, raw as string);
    if (raw === '4,5') expect(result).toEqual({ ok: false, error: 'Điểm 4,5 vượt điểm tối đa 4. Nhập từ 0 đến 4.' });
    else expect(result).toEqual({ ok: true, value: expected });
  });
  it('rejects values off the step, negative and non-numbers with what to type', () => {
    expect(parseScore(coQuan, c1, '3,25')).toEqual({ ok: false, error: 'Điểm 3,25 không đúng bước điểm 0,5. Nhập số là bội của 0,5, ví dụ 0,5 hoặc 1.' });
    expect(parseScore(coQuan, c1, -1)).toEqual({ ok: false, error: 'Điểm không được âm. Nhập từ 0 đến 4.' });
    expect(parseScore(coQuan, c1, 'bốn')).toEqual({ ok: false, error: '"bốn" không phải là số điểm. Nhập một số, ví dụ 4 hoặc 4,5.' });
  });
  it('reads Đạt / Chưa đạt in pass-fail sets', () => {
    const c = antt.criteria[0]!;
    expect(parseScore(antt, c, 'Đạt')).toEqual({ ok: true, value: 1 });
    expect(parseScore(antt, c, 'đạt'.normalize('NFD'))).toEqual({ ok: true, value: 1 });
    expect(parseScore(antt, c, 'Chưa đạt')).toEqual({ ok: true, value: 0 });
    expect(parseScore(antt, c, 'có lẽ')).toEqual({ ok: false, error: '"có lẽ" không hợp lệ. Chọn "Đạt" hoặc "Chưa đạt".' });
  });
});

describe('evaluate: totals, hard criteria and every reason', () => {
  it('full marks with a full dossier is eligible', () => {
    const result = evaluate(coQuan, fullMarks(coQuan), allDossier);
    expect(result).toMatchObject({ total: 50, max: 50, threshold: 45, eligible: true, reasons: [], hardFailures: [], scoredCount: 12 });
  });
  it('gives every reason at once', () => {
    const entries = fullMarks(coQuan);
    entries.set(8, { kind: 'scored', score: 4.5 });
    entries.set(1, { kind: 'scored', score: 0 });
    entries.set(2, { kind: 'scored', score: 0.5 });
    entries.set(12, { kind: 'empty' });
    const result = evaluate(coQuan, entries, { report: true, minutes: true, registration: true });
    expect(result.total).toBe(38);
    expect(result.hardFailures).toEqual([8]);
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      'Tiêu chí 12 chưa được chấm điểm.',
      'Tổng điểm 38 thấp hơn ngưỡng đạt 45 điểm (thiếu 7 điểm).',
      'Tiêu chí cứng 8 đạt 4,5/5 điểm, phải đạt điểm tối đa.',
      'Hồ sơ thiếu: Tờ trình.',
    ]);
  });
  it('names every missing dossier item in one reason', () => {
    const result = evaluate(coQuan, fullMarks(coQuan), { report: true });
    expect(result.reasons).toEqual(['Hồ sơ thiếu: Tờ trình, Biên bản họp, Bản đăng ký.']);
  });
  it('a hard criterion below its maximum disqualifies even above the threshold', () => {
    const entries = fullMarks(coQuan);
    entries.set(5, { kind: 'scored', score: 4.5 });
    const result = evaluate(coQuan, entries, allDossier);
    expect(result.total).toBe(49.5);
    expect(result.reasons).toEqual(['Tiêu chí cứng 5 đạt 4,5/5 điểm, phải đạt điểm tối đa.']);
  });
  it('the threshold itself passes and half points add up exactly', () => {
    const entries = fullMarks(coQuan);
    for (const n of [1, 2, 3, 4, 6, 7, 10, 11, 12]) entries.set(n, { kind: 'scored', score: coQuan.criteria[n - 1]!.maxPoints - (n <= 10 ? 0.5 : 0.5) });
    // 9 criteria each 0.5 below max: 50 - 4.5 = 45.5
    expect(evaluate(coQuan, entries, allDossier)).toMatchObject({ total: 45.5, eligible: true });
    entries.set(12, { kind: 'scored', score: 3 });
    expect(evaluate(coQuan, entries, allDossier)).toMatchObject({ total: 45, eligible: true });
    entries.set(12, { kind: 'scored', score: 2.5 });
    expect(evaluate(coQuan, entries, allDossier).reasons).toEqual(['Tổng điểm 44,5 thấp hơn ngưỡng đạt 45 điểm (thiếu 0,5 điểm).']);
  });
  it('pass-fail: every criterion must pass', () => {
    const entries = fullMarks(antt);
    entries.set(3, { kind: 'scored', score: 0 });
    expect(evaluate(antt, entries, allDossier)).toMatchObject({ total: 4, max: 5, eligible: false, reasons: ['Tiêu chí 3 chưa đạt.'] });
  });
  it('classification bands, highest first', () => {
    const banded: CriteriaSet = { ...coQuan, scoring: { kind: 'points', scale: 50, passThreshold: 45, bands: [{ label: 'Khá', minTotal: 40 }, { label: 'Xuất sắc', minTotal: 45 }] } };
    expect(evaluate(banded, fullMarks(banded), allDossier).band).toBe('Xuất sắc');
    const entries = fullMarks(banded);
    entries.set(1, { kind: 'scored', score: 0 });
    entries.set(2, { kind: 'scored', score: 0 });
    expect(evaluate(banded, entries, allDossier).band).toBe('Khá');
  });
});

describe('unit identity', () => {
  it('NFC and NFD spellings, spaces and case are the same unit', () => {
    const nfc = 'Trường THPT Vĩnh Thuận'.normalize('NFC');
    const nfd = '  trường  THPT vĩnh thuận '.normalize('NFD');
    expect(nfc).not.toBe(nfd.trim());
    expect(sameUnitName(nfc, nfd)).toBe(true);
    expect(sameUnitName(nfc, 'Trường THPT Vĩnh Thuận 2')).toBe(false);
  });
  it('accent-insensitive search key', () => {
    expect(searchKey('Trường THPT Vĩnh Thuận')).toContain('vinh thuan');
    expect(searchKey('Đặc khu Phú Quốc')).toBe('dac khu phu quoc');
  });
  it('reads unit kinds as typed', () => {
    expect(parseUnitKind('Cơ quan')).toBe('co-quan');
    expect(parseUnitKind('CƠ SỞ GIÁO DỤC')).toBe('co-so-giao-duc');
    expect(parseUnitKind('co so giao duc')).toBe('co-so-giao-duc');
    expect(parseUnitKind('đặc khu')).toBe('dac-khu');
    expect(parseUnitKind('enterprise')).toBe('doanh-nghiep');
    expect(parseUnitKind('hợp tác xã')).toBeUndefined();
  });
});

describe('sha256', () => {
  it('matches Node crypto on Vietnamese text and block boundaries', () => {
    for (const text of ['', 'abc', 'Vĩnh Thuận', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'ậ'.repeat(1000)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});
