import { describeWorkbookPortContract } from '../../contract/workbookPort.contract';
import { XlsxBytesPort } from '../../../server/xlsx/readWorkbook';
import { makeWorkbookBytes } from '../../support/workbooks';

describeWorkbookPortContract('.xlsx bytes made by the template writer', {
  writable: false,
  create: async (set, fill) => new XlsxBytesPort(await makeWorkbookBytes(set, fill)),
});
