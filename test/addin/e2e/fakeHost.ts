/**
 * Stands in for office.js in the end-to-end test: bundled for the browser and served at the
 * office.js CDN URL. It defines `Office` and `Excel` over the fake Excel, loaded with the named
 * ranges that the server's .xlsx reader read from a real generated scoring workbook. The file
 * Excel would hand out (getFileAsync) is rebuilt by the test runner from the current cells.
 */
import type { WorkbookSnapshot } from '../../../shared/workbook/port';
import { createFakeOffice, FakeExcel } from '../support/fakeExcel';

interface Setup {
  snapshot: WorkbookSnapshot;
  excelApi: string;
  url: string;
}

interface FakeWindow {
  __dienHinhSetup: Setup;
  /** Exposed by the test runner: the .xlsx bytes (base64) of the workbook with these values. */
  __dienHinhHostFile(snapshot: WorkbookSnapshot): Promise<string>;
  __fake: FakeExcel;
  Office: unknown;
  Excel: unknown;
}

const w = window as unknown as FakeWindow;
const setup = w.__dienHinhSetup;
const fake = FakeExcel.fromSnapshot(setup.snapshot);
const { office } = createFakeOffice({
  excelApi: setup.excelApi,
  url: setup.url,
  file: async () => {
    const base64 = await w.__dienHinhHostFile(fake.snapshot());
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  },
});
w.__fake = fake;
w.Office = office;
w.Excel = fake.namespace();
