/**
 * A bounded view of a zip held in memory. The central directory is read first (yauzl) and every
 * entry's declared sizes are judged before anything is inflated; inflating is capped by what the
 * entry declares and by the whole file's budget, since a hostile file can declare any size.
 */
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { err, ok, type Result } from '../../shared/util/result';
import { xlsxText } from './messages';

export interface ZipLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Declared inflated size of any one entry. */
  maxEntryBytes: number;
  /** Inflated / compressed, judged only for entries above ratioFloorBytes (small XML compresses well). */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Bytes actually inflated over the whole file. */
  maxInflatedBytes: number;
}

/** What went wrong, as one Vietnamese sentence for the person who sent the file. */
export class ZipProblem {
  constructor(readonly message: string) {}
}

export interface ZipArchive {
  /** Exact entry name, found case-insensitively (OPC part names ignore case). */
  find(name: string): string | undefined;
  /** One entry inflated and decoded as UTF-8, within the file's inflate budget. */
  readText(name: string): Result<string, ZipProblem>;
  close(): void;
}

const LOCAL_HEADER = 0x04034b50;

export async function openZip(bytes: Buffer, limits: ZipLimits): Promise<Result<ZipArchive, ZipProblem>> {
  const opened = await new Promise<Result<yauzl.ZipFile, ZipProblem>>((resolve) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: false, decodeStrings: true, strictFileNames: false }, (error, zipfile) => {
      if (error || !zipfile) resolve(err(new ZipProblem(xlsxText.truncated)));
      else resolve(ok(zipfile));
    });
  });
  if (!opened.ok) return opened;
  const zipfile = opened.value;
  if (zipfile.entryCount > limits.maxEntries) {
    zipfile.close();
    return err(new ZipProblem(xlsxText.tooManyEntries(zipfile.entryCount, limits.maxEntries)));
  }
  const listed = await listEntries(zipfile, limits);
  // yauzl's part is done: the central directory is read. Entries are inflated below, directly
  // from the buffer: a synchronous inflate of a few kilobytes costs a fraction of a stream's
  // round trips through the thread pool, which dominated reading a small workbook.
  zipfile.close();
  if (!listed.ok) return listed;
  const entries = listed.value;
  const byLowerName = new Map([...entries.keys()].map((name) => [name.toLowerCase(), name]));
  let budget = limits.maxInflatedBytes;

  const archive: ZipArchive = {
    find: (name) => byLowerName.get(name.replace(/^\/+/u, '').toLowerCase()),
    close: () => undefined,
    readText(name) {
      const entry = entries.get(name);
      if (!entry) return err(new ZipProblem(xlsxText.missingPart(name)));
      if (entry.isEncrypted()) return err(new ZipProblem(xlsxText.partEncrypted(name)));
      const data = entryData(bytes, entry);
      if (!data) return err(new ZipProblem(xlsxText.partBroken(name)));
      let inflated: Buffer;
      if (entry.compressionMethod === 0) {
        inflated = data;
      } else {
        // The header's size is a claim: inflate at most one byte more than it, and never more than
        // what is left of the whole file's budget; zlib stops there instead of filling memory.
        const cap = Math.min(entry.uncompressedSize, budget) + 1;
        try {
          inflated = zlib.inflateRawSync(data, { maxOutputLength: cap });
        } catch (error) {
          if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
            return err(new ZipProblem(entry.uncompressedSize < budget ? xlsxText.sizeLied(name) : xlsxText.tooMuchInflated(limits.maxInflatedBytes)));
          }
          return err(new ZipProblem(xlsxText.partBroken(name)));
        }
      }
      if (inflated.length > entry.uncompressedSize) return err(new ZipProblem(xlsxText.sizeLied(name)));
      if (inflated.length > budget) return err(new ZipProblem(xlsxText.tooMuchInflated(limits.maxInflatedBytes)));
      if (inflated.length !== entry.uncompressedSize) return err(new ZipProblem(xlsxText.partBroken(name)));
      budget -= inflated.length;
      return ok(inflated.toString('utf8'));
    },
  };
  return ok(archive);
}

/** The compressed bytes of an entry, found through its local header; undefined when the header is broken. */
function entryData(bytes: Buffer, entry: yauzl.Entry): Buffer | undefined {
  const offset = entry.relativeOffsetOfLocalHeader;
  if (offset + 30 > bytes.length || bytes.readUInt32LE(offset) !== LOCAL_HEADER) return undefined;
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return undefined;
  const start = offset + 30 + bytes.readUInt16LE(offset + 26) + bytes.readUInt16LE(offset + 28);
  const end = start + entry.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : undefined;
}

function listEntries(zipfile: yauzl.ZipFile, limits: ZipLimits): Promise<Result<Map<string, yauzl.Entry>, ZipProblem>> {
  return new Promise((resolve) => {
    const entries = new Map<string, yauzl.Entry>();
    let done = false;
    const finish = (result: Result<Map<string, yauzl.Entry>, ZipProblem>) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    zipfile.on('entry', (entry: yauzl.Entry) => {
      const problem = judgeEntry(entry, limits);
      if (problem) return finish(err(problem));
      entries.set(entry.fileName, entry);
      zipfile.readEntry();
    });
    zipfile.on('end', () => finish(ok(entries)));
    zipfile.on('error', () => finish(err(new ZipProblem(xlsxText.truncated))));
    zipfile.readEntry();
  });
}

/** Judges an entry by what the central directory declares, before a byte is inflated. */
function judgeEntry(entry: yauzl.Entry, limits: ZipLimits): ZipProblem | undefined {
  if (entry.uncompressedSize > limits.maxEntryBytes) return new ZipProblem(xlsxText.absurdEntry(entry.fileName, entry.uncompressedSize));
  if (entry.uncompressedSize > limits.ratioFloorBytes) {
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (ratio > limits.maxRatio) return new ZipProblem(xlsxText.absurdRatio(entry.fileName, ratio));
  }
  return undefined;
}
