/**
 * Test helper: opens an .xlsx into its parts and zips parts back, so tests can build the files
 * real users and hostile senders produce by editing the XML, and can make zip headers lie.
 */
import zlib from 'node:zlib';
import yauzl from 'yauzl';

export interface ZipPart {
  name: string;
  data: Buffer;
  /** Store instead of deflate. */
  stored?: boolean;
  /** Uncompressed size written in the headers instead of the real one (a lying header). */
  declaredSize?: number;
  /** Sets the zip "encrypted" flag on the entry. */
  encryptedFlag?: boolean;
  /** CRC-32 written in the headers instead of the real one. */
  declaredCrc?: number;
  /** The name's bytes as written (another encoding than UTF-8); `name` is then only a label. */
  rawName?: Buffer;
  /** Sets the UTF-8 name flag (bit 11); on unless false. */
  utf8Flag?: boolean;
  /** Extra field bytes of the central directory header. */
  extra?: Buffer;
}

export async function unzipParts(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zipfile = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const parts = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zipfile.on('entry', (entry: yauzl.Entry) => {
      zipfile.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          parts.set(entry.fileName, Buffer.concat(chunks));
          zipfile.readEntry();
        });
      });
    });
    zipfile.on('end', () => resolve());
    zipfile.on('error', reject);
    zipfile.readEntry();
  });
  return parts;
}

export function zipParts(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = part.rawName ?? Buffer.from(part.name, 'utf8');
    const extra = part.extra ?? Buffer.alloc(0);
    const body = part.stored ? part.data : zlib.deflateRawSync(part.data);
    const crc = part.declaredCrc ?? zlib.crc32(part.data);
    const size = part.declaredSize ?? part.data.length;
    const flags = (part.utf8Flag === false ? 0 : 0x0800) | (part.encryptedFlag ? 0x0001 : 0);
    const method = part.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Re-zips a workbook's parts after `edit` changed some of them (text parts as UTF-8 strings). */
export async function editWorkbook(bytes: Buffer, edit: (parts: Map<string, string>) => void): Promise<Buffer> {
  const raw = await unzipParts(bytes);
  const text = new Map([...raw].map(([name, data]) => [name, data.toString('utf8')]));
  edit(text);
  return zipParts([...text].map(([name, data]) => ({ name, data: Buffer.from(data, 'utf8') })));
}
