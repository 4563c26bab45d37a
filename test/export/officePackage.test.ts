/**
 * The exports' own .xlsx / .docx writing, checked where Excel and Word are strict: every part is
 * well-formed XML, every part has a content type and every relationship points at a part.
 */
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { zipParts } from '../../server/export/officePackage';
import { summaryDocxBytes } from '../../server/export/summaryDocx';
import { NOW, sampleResponse } from './fixtures';
import { checkPackage, zipEntries } from './zip';

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
  it('the summary is a consistent package', async () => {
    const response = await sampleResponse({ mixedSets: true });
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
});
