/**
 * Where the add-in meets Office: decides whether the page runs inside Excel (and a recent
 * enough one) and builds the WorkbookHost the form uses.
 */
import type { WorkbookHost } from '../app/host';
import { logNote } from '../app/log';
import { viSubmit } from '../i18n/vi';
import { fileNameOf, readCompressedFile, type OfficeDocumentApi } from './documentFile';
import { ExcelPort, type ExcelApi } from './excelPort';
import { insertTemplate } from './insertTemplate';
import { detectFeatures, type ExcelFeatures } from './requirements';

export type Environment =
  | { kind: 'excel'; host: WorkbookHost; features: ExcelFeatures }
  | { kind: 'not-in-excel' }
  | { kind: 'excel-too-old' };

/** The `Office` surface read at start-up. */
export interface OfficeApi extends OfficeDocumentApi {
  onReady(): Promise<{ host: Office.HostType | null; platform: Office.PlatformType | null }>;
  HostType: { Excel: Office.HostType };
  context: OfficeDocumentApi['context'] & { requirements: { isSetSupported(name: string, minVersion?: string): boolean } };
}

/** How long to wait for Office.onReady before deciding the page is not inside Office. */
const READY_TIMEOUT_MS = 8000;

export async function detectEnvironment(scope: { Office?: OfficeApi; Excel?: ExcelApi } = globalThis as never): Promise<Environment> {
  const office = scope.Office;
  if (!office || typeof office.onReady !== 'function') return { kind: 'not-in-excel' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const info = await Promise.race([
    office.onReady(),
    new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), READY_TIMEOUT_MS); }),
  ]);
  clearTimeout(timer);
  if (!info || info.host !== office.HostType.Excel || !scope.Excel) return { kind: 'not-in-excel' };
  const features = detectFeatures(office.context.requirements, typeof office.context.document.getFileAsync === 'function');
  if (!features.minimum) return { kind: 'excel-too-old' };
  return { kind: 'excel', host: createOfficeHost(office, scope.Excel, features), features };
}

export function createOfficeHost(office: OfficeDocumentApi, excel: ExcelApi, features: ExcelFeatures): WorkbookHost {
  const port = new ExcelPort(excel, features, logNote);
  return {
    capabilities: { compressedFile: features.compressedFile, ownWrites: features.triggerSource ? 'trigger-source' : 'events-off' },
    read: () => port.read(),
    write: (writes) => port.write(writes),
    select: (cell) => port.select(cell),
    subscribe: (listener) => port.subscribe(listener),
    insertTemplate: (model) => insertTemplate(excel, features, model),
    readFile: (onProgress) => (features.compressedFile ? readCompressedFile(office, onProgress) : Promise.resolve({ ok: false, error: { kind: 'unsupported' } })),
    fileName: () => fileNameOf(office.context.document.url, viSubmit.defaultFileName),
  };
}
