/**
 * A bounded view of a zip held in memory. The central directory is read first and every entry's
 * declared sizes are judged before anything is inflated; while inflating, the bytes actually
 * produced are counted too, since a hostile file can declare any size it likes.
 */
import { StringDecoder } from 'node:string_decoder';
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
  /**
   * Inflates one entry and hands its text to `onText` chunk by chunk (UTF-8 decoded across chunk
   * edges). `onText` returns false to stop early; the rest is then not inflated.
   */
  readText(name: string, onText: (text: string) => boolean | void): Promise<Result<void, ZipProblem>>;
  close(): void;
}

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
  if (!listed.ok) {
    zipfile.close();
    return listed;
  }
  const entries = listed.value;
  const byLowerName = new Map([...entries.keys()].map((name) => [name.toLowerCase(), name]));
  let inflated = 0;

  const archive: ZipArchive = {
    find: (name) => byLowerName.get(name.replace(/^\/+/u, '').toLowerCase()),
    close: () => zipfile.close(),
    readText: (name, onText) => new Promise((resolve) => {
      const entry = entries.get(name);
      if (!entry) {
        resolve(err(new ZipProblem(xlsxText.missingPart(name))));
        return;
      }
      if (entry.isEncrypted()) {
        resolve(err(new ZipProblem(xlsxText.partEncrypted(name))));
        return;
      }
      zipfile.openReadStream(entry, (error, stream) => {
        if (error || !stream) {
          resolve(err(new ZipProblem(xlsxText.partBroken(name))));
          return;
        }
        const decoder = new StringDecoder('utf8');
        let produced = 0;
        let settled = false;
        const finish = (result: Result<void, ZipProblem>) => {
          if (settled) return;
          settled = true;
          resolve(result);
        };
        const stop = (result: Result<void, ZipProblem>) => {
          stream.removeAllListeners('data');
          // Swallowing is right here: after destroy() the stream may report the abort we caused.
          stream.on('error', () => undefined);
          stream.destroy();
          finish(result);
        };
        stream.on('data', (chunk: Buffer) => {
          produced += chunk.length;
          inflated += chunk.length;
          if (produced > entry.uncompressedSize) return stop(err(new ZipProblem(xlsxText.sizeLied(name))));
          if (inflated > limits.maxInflatedBytes) return stop(err(new ZipProblem(xlsxText.tooMuchInflated(limits.maxInflatedBytes))));
          if (onText(decoder.write(chunk)) === false) stop(ok(undefined));
        });
        stream.on('error', () => finish(err(new ZipProblem(xlsxText.partBroken(name)))));
        stream.on('end', () => {
          if (settled) return;
          if (produced !== entry.uncompressedSize) return finish(err(new ZipProblem(xlsxText.partBroken(name))));
          const rest = decoder.end();
          if (rest) onText(rest);
          finish(ok(undefined));
        });
      });
    }),
  };
  return ok(archive);
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
