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
  | { kind: 'waiting' }
  | { kind: 'not-in-excel' }
  | { kind: 'excel-too-old' };

/** The `Office` surface read at start-up. */
export interface OfficeApi extends OfficeDocumentApi {
  onReady(): Promise<{ host: Office.HostType | null; platform: Office.PlatformType | null }>;
  HostType: { Excel: Office.HostType };
  context: OfficeDocumentApi['context'] & { requirements: { isSetSupported(name: string, minVersion?: string): boolean } };
}

/** After this long without Office.onReady, the pane says it is still waiting for Excel. */
export const READY_SLOW_MS = 8000;

/**
 * Where the page runs. With office.js loaded, waits for `Office.onReady` however long the host
 * takes (a cold Excel on a slow PC can need more than 8 s; in a plain browser office.js answers
 * at once with no host); after READY_SLOW_MS `onSlow` is told, so the pane can say it is waiting.
 */
export async function detectEnvironment(
  scope: { Office?: OfficeApi; Excel?: ExcelApi } = globalThis as never,
  onSlow: (state: Environment) => void = () => {},
): Promise<Environment> {
  const office = scope.Office;
  if (!office || typeof office.onReady !== 'function') return { kind: 'not-in-excel' };
  const timer = setTimeout(() => onSlow({ kind: 'waiting' }), READY_SLOW_MS);
  let info: Awaited<ReturnType<OfficeApi['onReady']>>;
  try {
    info = await office.onReady();
  } finally {
    clearTimeout(timer);
  }
  if (!info || info.host !== office.HostType.Excel || !scope.Excel) return { kind: 'not-in-excel' };
  const features = detectFeatures(office.context.requirements, typeof office.context.document.getFileAsync === 'function');
  if (!features.minimum) return { kind: 'excel-too-old' };
  return { kind: 'excel', host: createOfficeHost(office, scope.Excel, features), features };
}

export function createOfficeHost(office: OfficeDocumentApi, excel: ExcelApi, features: ExcelFeatures): WorkbookHost {
  const port = new ExcelPort(excel, features, logNote);
  return {
    capabilities: {
      compressedFile: features.compressedFile,
      ownWrites: features.triggerSource ? 'trigger-source' : 'noted-cells',
      storagePartition: office.context.partitionKey || undefined,
    },
    read: () => port.read(),
    write: (writes) => port.write(writes),
    select: (cell) => port.select(cell),
    subscribe: (listener) => port.subscribe(listener),
    insertTemplate: (model) => insertTemplate(excel, features, model),
    readFile: (onProgress) => (features.compressedFile ? readCompressedFile(office, onProgress) : Promise.resolve({ ok: false, error: { kind: 'unsupported' } })),
    fileName: () => fileNameOf(office.context.document.url, viSubmit.defaultFileName),
  };
}
