import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SET_DOCUMENTS, defaultCriteriaSets } from '../../../shared/criteria/defaults';
import { loadCriteriaRegistry, loadCriteriaSets } from '../../../server/criteria/registry';

const dirs: string[] = [];
function dataDir(files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-criteria-'));
  dirs.push(dir);
  if (Object.keys(files).length > 0) mkdirSync(path.join(dir, 'criteria'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, 'criteria', name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A default set as its JSON document, with the fields these tests change writable. */
interface SetDocument {
  id: string;
  version: string;
  title: string;
  draft: boolean;
  draftNote?: string;
  criteria: { maxPoints: number }[];
}

const coQuanDoc = () => structuredClone(DEFAULT_SET_DOCUMENTS[0]) as unknown as SetDocument;

describe('criteria registry from a data folder', () => {
  it('without a folder: the shipped defaults', () => {
    const defaults = defaultCriteriaSets();
    for (const registry of [loadCriteriaRegistry(), loadCriteriaRegistry(dataDir())]) {
      expect(registry.ok && registry.value.all().map((s) => s.id)).toEqual(defaults.map((s) => s.id));
    }
  });

  it("a province's file with the same id and version replaces the default; a new version is added", () => {
    const official = coQuanDoc();
    official.draft = false;
    delete official.draftNote;
    official.title = 'Bộ tiêu chí chính thức (tỉnh nạp)';
    const next = coQuanDoc();
    next.version = '2027.1';
    const dir = dataDir({ 'co-quan.json': official, 'co-quan-2027.JSON': next, 'ghi-chu.txt': 'không phải bộ tiêu chí' });
    const loaded = loadCriteriaSets(dir);
    if (!loaded.ok) throw new Error(loaded.error.join('\n'));
    const coQuan = loaded.value.filter((e) => e.set.id === 'dien-hinh-co-quan-du-thao');
    expect(coQuan.map((e) => [e.set.version, e.set.title, e.set.draft, e.file])).toEqual([
      ['2026.1-du-thao', 'Bộ tiêu chí chính thức (tỉnh nạp)', false, path.join(dir, 'criteria', 'co-quan.json')],
      ['2027.1', next.title, true, path.join(dir, 'criteria', 'co-quan-2027.JSON')],
    ]);
    expect(loaded.value).toHaveLength(defaultCriteriaSets().length + 1);
    const registry = loadCriteriaRegistry(dir);
    expect(registry.ok && registry.value.find('dien-hinh-co-quan-du-thao', '2026.1-du-thao')!.title).toBe('Bộ tiêu chí chính thức (tỉnh nạp)');
  });

  it('an invalid file is an error naming the file and the field', () => {
    const broken = coQuanDoc();
    broken.criteria[2]!.maxPoints = -1;
    const dir = dataDir({ 'sai.json': broken });
    const file = path.join(dir, 'criteria', 'sai.json');
    expect(loadCriteriaRegistry(dir)).toEqual({
      ok: false,
      error: [`tệp "${file}": trường "criteria.2.maxPoints" không hợp lệ: Too small: expected number to be >0`],
    });
  });

  it('an inconsistent set, broken JSON and a duplicate are all reported at once', () => {
    const inconsistent = coQuanDoc();
    inconsistent.id = 'tinh-moi';
    inconsistent.criteria[0]!.maxPoints = 5;
    const dir = dataDir({ 'a.json': coQuanDoc(), 'b.json': coQuanDoc(), 'c.json': '{ "id": ', 'd.json': inconsistent });
    const at = (name: string) => path.join(dir, 'criteria', name);
    const loaded = loadCriteriaRegistry(dir);
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.error).toEqual([
      `Tệp "${at('b.json')}" và tệp "${at('a.json')}" cùng khai báo bộ tiêu chí "dien-hinh-co-quan-du-thao" phiên bản "2026.1-du-thao". Chỉ giữ một tệp (đổi "version" nếu là phiên bản mới).`,
      `Tệp bộ tiêu chí "${at('c.json')}" không phải là JSON hợp lệ (Unexpected end of JSON input). Sửa tệp hoặc chuyển nó ra khỏi thư mục criteria/.`,
      `tệp "${at('d.json')}": tổng điểm tối đa các tiêu chí là 51, khác thang điểm 50.`,
    ]);
  });

  it('accepts a file saved with a byte-order mark', () => {
    const dir = dataDir({ 'bom.json': `\uFEFF${JSON.stringify({ ...coQuanDoc(), version: 'bom' })}` });
    const loaded = loadCriteriaRegistry(dir);
    expect(loaded.ok && loaded.value.find('dien-hinh-co-quan-du-thao', 'bom')).toBeTruthy();
  });

  it('a criteria path that is a file is an error', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'criteria'), '');
    expect(loadCriteriaRegistry(dir)).toEqual({
      ok: false,
      error: [`"${path.join(dir, 'criteria')}" không phải là thư mục. Các bộ tiêu chí của tỉnh đặt trong thư mục criteria/ của thư mục dữ liệu.`],
    });
  });
});
