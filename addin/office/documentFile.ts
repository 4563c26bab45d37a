/**
 * The open workbook as .xlsx bytes, through Office.context.document.getFileAsync(Compressed):
 * slices read one after another into one preallocated buffer, and the file always closed.
 */
import { err, ok, type Result } from '../../shared/util/result';
import type { FileProblem } from '../app/host';

/** Office allows at most 4 MB a slice; Excel on the web sends slices as JSON arrays, so stay well below. */
export const SLICE_SIZE = 1024 * 1024;

/** The part of `Office` this module uses (the tests give it a fake). */
export interface OfficeDocumentApi {
  FileType: { Compressed: Office.FileType | 'compressed' };
  AsyncResultStatus: { Failed: Office.AsyncResultStatus | 'failed' };
  context: {
    /** Set where the host partitions storage (Excel on the web): stored keys must start with it. */
    partitionKey?: string;
    document: {
      url?: string | null;
      getFileAsync?: (fileType: Office.FileType, options: { sliceSize: number }, callback: (result: Office.AsyncResult<Office.File>) => void) => void;
    };
  };
}

export function readCompressedFile(
  office: OfficeDocumentApi,
  onProgress: (done: number, total: number) => void,
): Promise<Result<Uint8Array, FileProblem>> {
  const getFileAsync = office.context.document.getFileAsync;
  if (!getFileAsync) return Promise.resolve(err({ kind: 'unsupported' }));
  const failed = office.AsyncResultStatus.Failed;
  const problem = (error: Office.Error | undefined): FileProblem => ({
    kind: 'office', code: String(error?.code ?? ''), message: error?.message ?? '',
  });

  return new Promise((resolve) => {
    getFileAsync.call(office.context.document, office.FileType.Compressed as Office.FileType, { sliceSize: SLICE_SIZE }, (opened) => {
      if (opened.status === failed) {
        resolve(err(problem(opened.error)));
        return;
      }
      const file = opened.value;
      const finish = (result: Result<Uint8Array, FileProblem>) => {
        // Always close: Office keeps at most two files open per add-in.
        file.closeAsync((closed) => {
          if (closed.status === failed && result.ok) resolve(err(problem(closed.error)));
          else resolve(result);
        });
      };
      const bytes = new Uint8Array(file.size);
      let offset = 0;
      const readSlice = (index: number) => {
        if (index >= file.sliceCount) {
          finish(offset === file.size ? ok(bytes) : err({ kind: 'office', code: 'SizeMismatch', message: `${offset} of ${file.size} bytes` }));
          return;
        }
        file.getSliceAsync(index, (sliced) => {
          if (sliced.status === failed) {
            finish(err(problem(sliced.error)));
            return;
          }
          const data = sliceBytes(sliced.value.data);
          if (!data) {
            finish(err({ kind: 'office', code: 'SliceData', message: `slice ${index}: unexpected data ${typeof sliced.value.data}` }));
            return;
          }
          if (offset + data.length > bytes.length) {
            finish(err({ kind: 'office', code: 'SizeMismatch', message: `slice ${index} overflows ${file.size} bytes` }));
            return;
          }
          bytes.set(data, offset);
          offset += data.length;
          onProgress(offset, file.size);
          readSlice(index + 1);
        });
      };
      readSlice(0);
    });
  });
}

/** A slice's data: an array of byte values in Excel, an ArrayBuffer or typed array elsewhere. */
function sliceBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return Uint8Array.from(data as number[]);
  return undefined;
}

/** "Bảng chấm điểm.xlsx" from the document URL or path; a default when the file is not saved yet. */
export function fileNameOf(url: string | null | undefined, fallback: string): string {
  if (!url) return fallback;
  let path = url.split(/[?#]/u)[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // Not percent-encoded (a local path): keep it as it is.
  }
  const name = path.split(/[\\/]/u).pop() ?? '';
  if (!name) return fallback;
  return /\.xlsx$/iu.test(name) ? name : `${name.replace(/\.(xlsm|xls|xlsb)$/iu, '')}.xlsx`;
}
