/**
 * The exports' own .xlsx / .docx writing, checked where Excel and Word are strict: every part is
 * well-formed XML, every part has a content type and every relationship points at a part; the
 * sheet writer keeps text as text, drops what XML cannot carry and refuses rows out of order.
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { consolidatedWorkbookBytes } from '../../server/export/consolidatedWorkbook';
import { zipParts } from '../../server/export/officePackage';
import { recognitionListBytes } from '../../server/export/recognitionList';
import { summaryDocxBytes } from '../../server/export/summaryDocx';
import { XlsxWriter } from '../../server/export/xlsxWriter';
import { registry } from '../consolidation/fixtures';
import { NOW, sampleResponse } from './fixtures';
import { zipEntries } from './zip';

function wellFormed(name: string, xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let error: Error | undefined;
  parser.on('error', (e) => { error ??= e; });
  parser.write(xml).close();
  expect(error, name).toBeUndefined();
}

/** Every part parses, has a content type, and every relationship's target exists. */
async function checkPackage(bytes: Buffer): Promise<Map<string, string>> {
  const parts = await zipEntries(bytes);
  for (const [name, xml] of parts) wellFormed(name, xml);
  const types = parts.get('[Content_Types].xml')!;
  const defaults = new Set([...types.matchAll(/<Default Extension="([^"]+)"/gu)].map((m) => m[1]));
  const overrides = new Set([...types.matchAll(/<Override PartName="\/([^"]+)"/gu)].map((m) => m[1]));
  for (const name of parts.keys()) {
    if (name === '[Content_Types].xml') continue;
    expect(overrides.has(name) || defaults.has(name.split('.').pop()!), `content type of ${name}`).toBe(true);
  }
  for (const name of overrides) expect(parts.has(name!), `overridden part ${name}`).toBe(true);
  for (const [name, xml] of parts) {
    if (!name.endsWith('.rels')) continue;
    const base = path.posix.dirname(path.posix.dirname(name));
    for (const m of xml.matchAll(/Target="([^"]+)"/gu)) {
      const target = path.posix.normalize(path.posix.join(base === '.' ? '' : base, m[1]!));
      expect(parts.has(target), `${name} → ${target}`).toBe(true);
    }
  }
  return parts;
}

/** Each entry's CRC-32 as the central directory records it. */
function recordedCrcs(bytes: Buffer): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      const crcs = new Map<string, number>();
      zip.on('entry', (entry: yauzl.Entry) => { crcs.set(entry.fileName, entry.crc32); zip.readEntry(); });
      zip.on('end', () => resolve(crcs));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('office packages', () => {
  it('the consolidated workbook, the list and the summary are consistent packages', async () => {
    const response = await sampleResponse({ mixedSets: true });
    const sheet = await checkPackage(consolidatedWorkbookBytes(response, registry));
    expect([...sheet.keys()].filter((n) => n.startsWith('xl/worksheets/'))).toHaveLength(4);
    expect(sheet.get('xl/workbook.xml')).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Bảng tổng hợp'!$A$4:$AF$14</definedName>`);
    await checkPackage(recognitionListBytes(response, registry));
    const docx = await checkPackage(summaryDocxBytes(response, { place: 'Đồng Tháp', date: NOW }));
    expect(docx.get('word/header1.xml')).toContain('<w:instrText xml:space="preserve"> PAGE </w:instrText>');
    expect(docx.get('word/document.xml')).toContain('<w:titlePg/>');
  });

  it('the zip is what unzip tools read: names, sizes and CRCs of every part', async () => {
    const text = 'Độc lập - Tự do - Hạnh phúc\n'.repeat(1000);
    const bytes = zipParts([['a.xml', text], ['b/c.txt', Buffer.from('bytes as given')], ['empty', '']]);
    const parts = await zipEntries(bytes);
    expect([...parts.keys()]).toEqual(['a.xml', 'b/c.txt', 'empty']);
    expect(parts.get('a.xml')).toBe(text);
    expect(parts.get('b/c.txt')).toBe('bytes as given');
    expect(parts.get('empty')).toBe('');
    const crcs = await recordedCrcs(bytes);
    for (const [name, content] of parts) expect(crcs.get(name), name).toBe(crc32(Buffer.from(content, 'utf8')));
  });

  it('the sheet writer keeps text as text, drops what XML cannot carry, and writes numbers and dates as values', async () => {
    const book = new XlsxWriter();
    const sheet = book.addSheet('Thử', { widths: [20, 10, 10], page: { orientation: 'portrait', margins: { left: 1, right: 1, top: 1, bottom: 1, header: 0.5, footer: 0.5 } } });
    const plain = book.style({});
    const dated = book.style({ numFmt: 'dd/mm/yyyy hh:mm' });
    const row = sheet.row(1);
    row.put(1, '=1+1', plain);
    row.put(2, 'a\u0001b\uFFFE <&> "q" 😀', plain);
    row.put(3, 'x'.repeat(40_000), plain);
    row.commit();
    const second = sheet.row(3);
    second.put(1, 2.5, plain);
    second.put(2, Number.NaN, 0);
    second.put(3, new Date('2026-11-10T09:00:00Z'), dated);
    second.commit();
    expect(() => sheet.row(2)).toThrow();
    const bytes = book.toBuffer();
    await checkPackage(bytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet('Thử')!;
    expect(ws.getCell('A1').value).toBe('=1+1');
    expect(ws.getCell('A1').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B1').value).toBe('ab <&> "q" 😀');
    expect(String(ws.getCell('C1').value)).toHaveLength(32_767);
    expect(ws.getCell('A3').value).toBe(2.5);
    expect(ws.getCell('B3').value).toBeNull();
    expect(ws.getCell('C3').value).toEqual(new Date('2026-11-10T09:00:00Z'));
    for (const [name, xml] of await zipEntries(bytes)) if (name.startsWith('xl/worksheets/')) expect(xml).not.toMatch(/<f[ >]/u);
  });
});
