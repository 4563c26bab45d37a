import { describe, expect, it } from 'vitest';
import { fileNameOf, readCompressedFile, SLICE_SIZE, type OfficeDocumentApi } from '../../addin/office/documentFile';
import { createOfficeHost } from '../../addin/office/officeHost';
import { detectFeatures, MIN_EXCEL_API } from '../../addin/office/requirements';
import { createFakeOffice, FakeExcel } from './support/fakeExcel';

const bytesOf = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + 7) % 256);
const api = (office: unknown) => office as OfficeDocumentApi;

describe('reading the workbook file in slices', () => {
  it('assembles every slice into one buffer, reports progress and closes the file', async () => {
    const bytes = bytesOf(Math.round(SLICE_SIZE * 2.5));
    const { office, stats } = createFakeOffice({ file: () => bytes });
    const progress: [number, number][] = [];
    const result = await readCompressedFile(api(office), (done, total) => progress.push([done, total]));
    expect(result.ok).toBe(true);
    if (result.ok) expect(Buffer.compare(Buffer.from(result.value), Buffer.from(bytes))).toBe(0);
    expect(stats).toMatchObject({ opened: 1, closed: 1, slices: [0, 1, 2], sliceSize: SLICE_SIZE });
    expect(SLICE_SIZE).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(progress.map(([done]) => done)).toEqual([SLICE_SIZE, SLICE_SIZE * 2, bytes.length]);
    expect(progress.every(([, total]) => total === bytes.length)).toBe(true);
  });

  it('a failing slice is an error value, and the file is still closed', async () => {
    const { office, stats } = createFakeOffice({ file: () => bytesOf(SLICE_SIZE * 2), failSlice: 1 });
    const result = await readCompressedFile(api(office), () => {});
    expect(result).toEqual({ ok: false, error: { kind: 'office', code: '5003', message: 'Slice failed' } });
    expect(stats.closed).toBe(1);
  });

  it('without getFileAsync (or CompressedFile) the host says it is unsupported', async () => {
    const { office } = createFakeOffice({ file: () => bytesOf(10), compressedFile: false });
    expect(await readCompressedFile(api({ ...office, context: { document: {} } }), () => {})).toEqual({ ok: false, error: { kind: 'unsupported' } });
    const features = detectFeatures(office.context.requirements, true);
    expect(features.compressedFile).toBe(false);
    const host = createOfficeHost(api(office), new FakeExcel().namespace(), features);
    expect(await host.readFile(() => {})).toEqual({ ok: false, error: { kind: 'unsupported' } });
    expect(host.capabilities.compressedFile).toBe(false);
  });

  it('gates APIs on the requirement sets', () => {
    const at = (excelApi: string) => detectFeatures(createFakeOffice({ file: () => bytesOf(1), excelApi }).office.context.requirements, true);
    expect(at('1.7')).toMatchObject({ minimum: false });
    expect(at(MIN_EXCEL_API)).toEqual({ minimum: true, triggerSource: false, pageLayout: false, compressedFile: true });
    expect(at('1.9')).toMatchObject({ minimum: true, triggerSource: false, pageLayout: true });
    expect(at('1.14')).toMatchObject({ triggerSource: true });
    const host = createOfficeHost(api(createFakeOffice({ file: () => bytesOf(1) }).office), new FakeExcel().namespace(), at('1.8'));
    expect(host.capabilities.ownWrites).toBe('noted-cells');
  });
});

describe('file names', () => {
  it('takes the name from the document URL or path', () => {
    expect(fileNameOf('https://contoso.sharepoint.com/Shared%20Documents/B%E1%BA%A3ng%20ch%E1%BA%A5m.xlsx?web=1', 'x.xlsx')).toBe('Bảng chấm.xlsx');
    expect(fileNameOf('C:\\Users\\cb\\Documents\\Bang cham diem.xlsx', 'x.xlsx')).toBe('Bang cham diem.xlsx');
    expect(fileNameOf('C:\\Users\\cb\\Cu.xls', 'x.xlsx')).toBe('Cu.xlsx');
    expect(fileNameOf('', 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
