/**
 * Properties of the reader's zip and XML layers over arbitrary and mutated inputs: whatever the
 * bytes, a result or a Vietnamese refusal, never any other exception, and never more inflated
 * or kept than the limits allow. Runs are few, so the suite stays fast.
 */
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultCriteriaSets } from '../../../shared/criteria/defaults';
import { readWorkbookBytes, type ReadLimits } from '../../../server/xlsx/readWorkbook';
import { decodeEscapes, utf8Part, XmlScanner } from '../../../server/xlsx/xml';
import { fullFill } from '../../support/fill';
import { makeWorkbookBytes } from '../../support/workbooks';
import { unzipParts, zipParts } from './zipParts';

const coQuan = defaultCriteriaSets().find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const RUNS = { numRuns: 60 };
/** Letters only Vietnamese text has: a refusal is a sentence in Vietnamese, not a parser's words. */
const VIETNAMESE = /[ạảãàáâầấẩẫậăằắẳẵặẹẻẽèéêềếểễệịỉĩìíọỏõòóôồốổỗộơờớởỡợụủũùúưừứửữựỳỷỹýỵđ]/iu;
/** Small limits, so that arbitrary inputs reach them. */
const LIMITS: Partial<ReadLimits> = { maxInflatedBytes: 256 * 1024, maxEntryBytes: 128 * 1024, maxEntries: 40, maxCells: 5000, maxRangeCells: 2000 };

let template: Buffer;
let parts: Map<string, Buffer>;
beforeAll(async () => {
  template = await makeWorkbookBytes(coQuan, fullFill(coQuan));
  parts = await unzipParts(template);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Reads `bytes` watching zlib: the result must be a snapshot or Vietnamese refusals, and the
 * bytes inflated at most the file's budget (each inflation may overshoot by the one byte that
 * tells a lying size), the grids within the range limit.
 */
async function readsWithinLimits(bytes: Buffer): Promise<void> {
  const inflate = vi.spyOn(zlib, 'inflateRawSync');
  const read = await readWorkbookBytes(bytes, LIMITS);
  const inflated = inflate.mock.results.reduce((sum, r) => sum + (r.type === 'return' ? (r.value as Buffer).length : 0), 0);
  expect(inflated).toBeLessThanOrEqual(LIMITS.maxInflatedBytes! + inflate.mock.calls.length);
  inflate.mockRestore();
  if (read.ok) {
    for (const range of Object.values(read.value.ranges)) {
      const cells = range!.values.reduce((sum, row) => sum + row.length, 0);
      expect(cells).toBeLessThanOrEqual(LIMITS.maxRangeCells!);
    }
    return;
  }
  expect(read.error.length).toBeGreaterThan(0);
  for (const issue of read.error) expect(issue.message).toMatch(VIETNAMESE);
}

describe('the zip layer', () => {
  it('the watch on zlib sees what the reader inflates (a part no earlier read had)', async () => {
    const inflate = vi.spyOn(zlib, 'inflateRawSync');
    const strings = parts.get('xl/sharedStrings.xml')!.toString('utf8').replace('Văn phòng UBND', `Văn phòng ${Date.now()} UBND`);
    const read = await readWorkbookBytes(zipParts([...parts].map(([name, data]) => ({ name, data: name === 'xl/sharedStrings.xml' ? Buffer.from(strings) : data }))));
    expect(read.ok).toBe(true);
    expect(inflate.mock.results.some((r) => r.type === 'return' && (r.value as Buffer).toString('utf8') === strings)).toBe(true);
  });

  it('arbitrary bytes, with or without a zip signature: a result or a Vietnamese refusal', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (random, signed) => {
      const bytes = Buffer.from(random);
      if (signed && bytes.length >= 4) bytes.writeUInt32LE(0x04034b50, 0);
      await readsWithinLimits(bytes);
    }), RUNS);
  });

  it('a real workbook with bytes changed here and there', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }), async (changes) => {
      const bytes = Buffer.from(template);
      for (const [at, value] of changes) bytes[at % bytes.length] = value;
      await readsWithinLimits(bytes);
    }), RUNS);
  });

  it('a real workbook cut short, or with its central directory fields rewritten', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 0xffffffff }), async (cut, field, value) => {
      await readsWithinLimits(template.subarray(0, cut % template.length));
      // The numbers of the directory (sizes, offsets, counts) are where a hostile file lies.
      const directory = template.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      const bytes = Buffer.from(template);
      const at = directory + 10 + (field % 32);
      if (at + 4 <= bytes.length) bytes.writeUInt32LE(value, at);
      await readsWithinLimits(bytes);
    }), RUNS);
  });

  it('random entries: names, contents (text, highly compressible padding), stored or deflated, honest or lying sizes', async () => {
    const name = fc.oneof(
      fc.constantFrom('xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '_rels/.rels', 'xl/sharedStrings.xml', 'xl/worksheets/sheet3.xml', '../x', 'C:\\x', 'a\\b.xml'),
      fc.string({ maxLength: 20 }),
    );
    const content = fc.oneof(
      fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)),
      fc.integer({ min: 1, max: 600_000 }).map((n) => Buffer.alloc(n, 0x20)),
      fc.constantFrom(...['xl/workbook.xml', 'xl/worksheets/sheet3.xml', 'xl/sharedStrings.xml'].map((p) => p)).map((p) => parts.get(p)!),
    );
    const entry = fc.record({ name, data: content, stored: fc.boolean(), declaredSize: fc.option(fc.nat(), { nil: undefined }) });
    await fc.assert(fc.asyncProperty(fc.array(entry, { maxLength: 8 }), fc.boolean(), async (entries, withTemplate) => {
      const base = withTemplate ? [...parts].map(([n, data]) => ({ name: n, data })) : [];
      await readsWithinLimits(zipParts([...base, ...entries]));
    }), { numRuns: 40 });
  });

  it('a real workbook with one part replaced by mutated XML', async () => {
    const part = fc.constantFrom('xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml');
    await fc.assert(fc.asyncProperty(part, fc.nat(), fc.nat(), fc.string({ maxLength: 12 }), async (name, from, length, insert) => {
      const xml = parts.get(name)!.toString('utf8');
      const at = from % (xml.length + 1);
      const mutated = xml.slice(0, at) + insert + xml.slice(at + (length % 40));
      await readsWithinLimits(zipParts([...parts].map(([n, data]) => ({ name: n, data: n === name ? Buffer.from(mutated) : data }))));
    }), RUNS);
  });
});

describe('the XML layer', () => {
  /** Scans to the end; the scanner never throws and ends within a bounded number of tokens. */
  function scanAll(bytes: Buffer): { tokens: string[]; problem: string | undefined } {
    const scanner = new XmlScanner(bytes);
    const tokens: string[] = [];
    while (scanner.next()) {
      expect(tokens.length).toBeLessThanOrEqual(bytes.length * 2 + 2);
      if (scanner.kind === 'text') tokens.push(`t:${scanner.value()}`);
      else if (scanner.kind === 'open') tokens.push(`o:${scanner.depth}:${scanner.attribute('a') ?? ''}`);
      else tokens.push(`c:${scanner.depth}`);
    }
    return { tokens, problem: scanner.problem };
  }

  it('arbitrary text and bytes: tokens or a problem, never an exception', () => {
    const markup = fc.array(fc.constantFrom('<', '>', '/', '</a>', '<a>', '<a b="&amp;">', '&', '&#0;', '&#x41;', '<!DOCTYPE a [<!ENTITY e "x">]>', '<![CDATA[', ']]>', '<?xml?>', '<!--', '-->', 'x', ' ', '\u0000', 'é', '"', "'", '='), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.oneof(markup, fc.string({ maxLength: 200 })), (text) => {
      const { problem } = scanAll(Buffer.from(text));
      expect(problem === undefined || typeof problem === 'string').toBe(true);
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      scanAll(Buffer.from(bytes));
    }), { numRuns: 200 });
  });

  /** Well-formed XML elements: names, one attribute, escaped text, nested. */
  const element: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.tuple(
      fc.constantFrom('a', 'b', 'x:c', 'si', 't'),
      fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
      fc.array(fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 12 }).map(escapeXml), tie('node')), { maxLength: 3 }),
    ).map(([name, attribute, children]) => `<${name}${attribute === undefined ? '' : ` a="${escapeXml(attribute)}"`}>${children.join('')}</${name}>`),
  })).node;

  it('a well-formed document scans without a problem, identically in UTF-8, UTF-16LE and UTF-16BE', () => {
    fc.assert(fc.property(element, (root) => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>${root}`;
      const utf8 = scanAll(Buffer.from(xml));
      expect(utf8.problem).toBeUndefined();
      const le = scanAll(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
      const be = scanAll(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(xml, 'utf16le').swap16()]));
      expect(le).toEqual(utf8);
      expect(be).toEqual(utf8);
    }), { numRuns: 150 });
  });

  it('UTF-16 in, UTF-8 out: every text (surrogate pairs included) survives; odd lengths are refused', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), fc.boolean(), (text, odd) => {
      const encoded = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'), odd ? Buffer.from([0x41]) : Buffer.alloc(0)]);
      const out = utf8Part(encoded);
      if (odd) expect(out).toBe('truncated UTF-16 text');
      else expect((out as Buffer).toString('utf8')).toBe(text);
    }), { numRuns: 150 });
  });

  it("Excel's escapes: any text escaped as Excel escapes it decodes to itself", () => {
    /** Excel escapes "_x" as "_x005F_x", and control characters as _xHHHH_. */
    // eslint-disable-next-line no-control-regex -- the control characters Excel escapes are what this matches
    const escapeExcel = (text: string) => text.replace(/_x/gu, '_x005F_x').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/gu, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
    fc.assert(fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 10 }).map((s) => `_x${s}_x000D__x005F_`), (text, tricky) => {
      expect(decodeEscapes(escapeExcel(text))).toBe(text);
      expect(decodeEscapes(escapeExcel(tricky))).toBe(tricky);
    }), { numRuns: 200 });
  });
});

function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- XML 1.0 does not allow these control characters
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu, '').replace(/\r/gu, '')
    .replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}
