/**
 * Requirement sets. The manifest asks for ExcelApi MIN_EXCEL_API: low enough that Office 2019 is
 * still offered the add-in (its IE11/EdgeHTML web view gets the message of start.js instead of a
 * blank pane); newer APIs are gated here at run time.
 */

/** Must equal the `MinVersion` of the ExcelApi requirement in manifest.xml (a test checks it). */
export const MIN_EXCEL_API = '1.8';
/** `WorksheetChangedEventArgs.triggerSource`: tells this add-in's own writes apart. */
export const TRIGGER_SOURCE_API = '1.14';
/** `Worksheet.pageLayout`: print titles and orientation of an inserted template. */
export const PAGE_LAYOUT_API = '1.9';

export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export interface ExcelFeatures {
  /** The minimum the add-in needs at all. */
  minimum: boolean;
  triggerSource: boolean;
  pageLayout: boolean;
  /** `getFileAsync(Office.FileType.Compressed)`. */
  compressedFile: boolean;
}

export function detectFeatures(requirements: Requirements, hasGetFileAsync: boolean): ExcelFeatures {
  const excel = (version: string) => requirements.isSetSupported('ExcelApi', version);
  return {
    minimum: excel(MIN_EXCEL_API),
    triggerSource: excel(TRIGGER_SOURCE_API),
    pageLayout: excel(PAGE_LAYOUT_API),
    compressedFile: hasGetFileAsync && requirements.isSetSupported('CompressedFile'),
  };
}
