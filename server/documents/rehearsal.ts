/**
 * Made-up data for a document thread to fill once and throw away while the main thread is still
 * reading the workbooks (renderWorker.ts): docxtemplater's code is then compiled and optimised
 * for the template before the real fill, which takes about half as long (the báo cáo of 1,000
 * units here: 650–730 ms of CPU cold, 390 ms after a rehearsal of 200 units, which costs about
 * 340 ms while the files are read). Nothing of it is ever written anywhere.
 *
 * This module imports only the documents' words: the thread must not load the error catalogue,
 * the API schemas or zod just to rehearse (they are a fifth of its start-up).
 */
import type { reportData, UnitLine } from './data';
import type { TemplateName } from './template';
import { docsText } from './text';

/** How many proposed units a rehearsal lists. */
export const REHEARSAL_UNITS = 200;

/**
 * A made-up báo cáo of REHEARSAL_UNITS proposed units, shaped like `reportData`'s (the same fields,
 * the same kinds of values); undefined for the templates no run fills in a thread.
 */
export function rehearsalData(name: TemplateName): ReturnType<typeof reportData> | undefined {
  if (name !== 'bao-cao') return undefined;
  const t = docsText.report;
  const units: UnitLine[] = Array.from({ length: REHEARSAL_UNITS }, (_, i) => ({
    no: i + 1,
    name: `Đơn vị ${i + 1}`,
    pending: i % 2 === 0,
    pendingMark: i % 2 === 0 ? docsText.pendingMark : '',
    kind: i % 5 === 0 ? 'Xã' : 'Cơ quan',
    parent: `Phường ${(i % 17) + 1}`,
    result: docsText.result.points(45 + (i % 5), 50),
    timing: i % 3 === 0 ? docsText.lateness.late((i % 7) + 1) : docsText.lateness.onTime,
  }));
  const lines = Array.from({ length: 20 }, (_, i) => t.pendingLine(i + 1, `Đơn vị ${i + 1}`, 'Xã'));
  return {
    parentBody: 'BỘ CÔNG AN', issuingBody: 'CÔNG AN TỈNH', issuingBodySentence: 'Công an tỉnh', numberLine: docsText.numberLine('', 'BC-CAT'),
    placeDate: docsText.placeDate('Tỉnh', 1, 12, 2026), signerAuthority: 'GIÁM ĐỐC', signerTitle: 'GIÁM ĐỐC', signerName: 'Nguyễn Văn A',
    recipients: ['Như trên', 'Lưu: VT'], year: 2026, draft: docsText.draftWithPending, intro: t.intro('Công an tỉnh', 2026),
    intakeLines: [t.expected(REHEARSAL_UNITS), t.submitted(REHEARSAL_UNITS), t.valid(REHEARSAL_UNITS)],
    proposedIntro: t.proposedIntroDraft(REHEARSAL_UNITS, REHEARSAL_UNITS / 2),
    sections: [{ title: docsText.section(1, 'Đơn vị', 'points'), units }],
    notProposedIntro: t.notProposedIntro(lines.length), notProposedLines: lines,
    missingIntro: t.missingIntro(lines.length), missingLines: lines,
    proposalLines: [t.recognise(REHEARSAL_UNITS, 'Chủ tịch UBND tỉnh', 2026)],
  };
}
