import { describe, expect, it } from 'vitest';
import { XmlScanner } from '../../../server/xlsx/xml';

/** Every token of a document as text: "<name a=v>", "</name>", "'text'"; then the problem, if any. */
function tokens(xml: string | Buffer, attributes: string[] = []): string[] {
  const scanner = new XmlScanner(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml);
  const out: string[] = [];
  while (scanner.next()) {
    if (scanner.kind === 'text') out.push(`'${scanner.value()}'`);
    else if (scanner.kind === 'close') out.push('</>');
    else out.push(`<${attributes.map((a) => `${a}=${scanner.attribute(a) ?? '-'}`).join(' ')}>`);
  }
  if (scanner.problem !== undefined) out.push(`problem: ${scanner.problem}`);
  return out;
}

const problemOf = (xml: string) => tokens(xml).find((t) => t.startsWith('problem: '))?.slice('problem: '.length);

describe('the XML scanner', () => {
  it('reads tags, text and attributes, with the five entities, character references, CDATA and line ends as XML has them', () => {
    expect(tokens('<?xml version="1.0"?>\r\n<!-- c --><a x="1 &amp; 2" y=\'&lt;&#x41;&#66;\'>A &quot;b&quot; &apos;c&apos; &gt; <![CDATA[<&>]]>\r\nd<b/></a>\n', ['x', 'y']))
      .toEqual(['<x=1 & 2 y=<AB>', '\'A "b" \'c\' > \'', "'<&>'", "'\nd'", '<x=- y=->', '</>', '</>']);
    // Attribute values: tabs and line breaks become spaces, a character reference stays what it is.
    expect(tokens('<a v="1\r\n2\t3&#10;4"/>', ['v'])).toEqual(['<v=1 2 3\n4>', '</>']);
    // Multi-byte UTF-8, next to references.
    expect(tokens('<t>Tiêu chí &quot;Đạt&quot; số 1</t>')).toEqual(['<>', '\'Tiêu chí "Đạt" số 1\'', '</>']);
    // A byte order mark is not text outside the root.
    expect(tokens(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a/>')]))).toEqual(['<>', '</>']);
  });

  it('finds attributes by local name whatever the prefix, the unprefixed one first', () => {
    expect(tokens('<s r:id="rId1" name="x"/>', ['id', 'name'])).toEqual(['<id=rId1 name=x>', '</>']);
    expect(tokens('<s r:id="a" id="b"/>', ['id'])).toEqual(['<id=b>', '</>']);
  });

  it('never expands a DTD: a DOCTYPE is stepped over and its entities stay undefined (XXE, billion laughs)', () => {
    const laughs = '<!DOCTYPE a [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>';
    expect(problemOf(laughs)).toBe('undefined entity');
    expect(problemOf('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a v="&x;"/>')).toBe('undefined entity');
    // A DOCTYPE whose entities are never used is harmless.
    expect(tokens('<!DOCTYPE a [<!ENTITY x "]>">]><a>t</a>')).toEqual(['<>', "'t'", '</>']);
  });

  it('refuses what is not well-formed', () => {
    expect(problemOf('<a><b></a>')).toBe('mismatched end tag');
    expect(problemOf('<a><b>')).toBe('unexpected end of the document');
    expect(problemOf('<a><c r="F9" s=')).toBe('unexpected end of the document');
    expect(problemOf('<a x=1/>')).toBe('unquoted attribute value');
    expect(problemOf('<a x="<"/>')).toBe('disallowed character "<" in an attribute value');
    expect(problemOf('<a/><b/>')).toBe('more than one root element');
    expect(problemOf('text<a/>')).toBe('text outside the root element');
    expect(problemOf('<a>&#0;</a>')).toBe('invalid character reference');
    expect(problemOf('<a>& b</a>')).toBe('malformed entity reference');
    expect(problemOf('<a><!ELEMENT a ANY></a>')).toBe('unexpected markup declaration');
    expect(tokens('<a>x\u0001y</a>')).toEqual(['<>', "''", 'problem: disallowed character']);
    expect(problemOf('')).toBe('unexpected end of the document');
  });

  it('texts read before are recognised by their whole bytes, not by a likeness', () => {
    // Same length and the same bytes at both ends and in the middle: only a full comparison tells them apart.
    expect(tokens('<a><t>Tiêu chí 1&amp;2 số 7</t></a>')).toEqual(['<>', '<>', "'Tiêu chí 1&2 số 7'", '</>', '</>']);
    expect(tokens('<a><t>Tiêu chì 1&amp;2 số 7</t></a>')).toEqual(['<>', '<>', "'Tiêu chì 1&2 số 7'", '</>', '</>']);
    // A text once decoded is not a licence for its bytes in a later, broken place.
    expect(problemOf('<a><t>Tiêu chí 1&amp;2 số 7</t><t>Tiêu chí 1&amp;2 số 7</a>')).toBe('mismatched end tag');
  });

  it('jumps over an element without reading it, and reads <t>text</t> in one step', () => {
    const scanner = new XmlScanner(Buffer.from('<sst><si><t>skipped &bogus;</t></si><si><t xml:space="preserve"> a &amp; b </t></si><si><r><t>x</t></r></si></sst>'));
    const seen: string[] = [];
    while (scanner.next()) {
      if (scanner.kind !== 'open' || !scanner.is('si')) continue;
      if (seen.length === 0) {
        scanner.skipElement();
        seen.push('skipped');
      } else {
        seen.push(scanner.onlyChildText('t') ?? 'other shape');
        if (seen.length === 3) scanner.skipElement();
      }
    }
    expect(scanner.problem).toBeUndefined();
    expect(seen).toEqual(['skipped', ' a & b ', 'other shape']);
  });
});
