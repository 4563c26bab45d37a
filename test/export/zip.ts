/** Reads entries of a zip (.xlsx, .docx) as text, to check the XML an export really wrote. */
import path from 'node:path';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { expect } from 'vitest';

export function zipEntries(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      const entries = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName.replace(/^\//u, ''), Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

function wellFormed(name: string, xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let error: Error | undefined;
  parser.on('error', (e) => { error ??= e; });
  parser.write(xml).close();
  expect(error, name).toBeUndefined();
}

/** Every part parses, has a content type, and every relationship's target exists. */
export async function checkPackage(bytes: Buffer): Promise<Map<string, string>> {
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

