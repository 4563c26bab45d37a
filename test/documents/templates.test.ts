/**
 * The shipped Word templates: each is what makeTemplates.ts writes (regenerated after a change
 * there); their list tables' looped row is lean (one tag after the name for a unit waiting for
 * review, no run properties: its text size comes from the table's style, the size the rows always
 * had), and the filled row reads as before.
 */
import PizZip from 'pizzip';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../server/documents/authoring/makeTemplates';
import { docxTemplate } from '../../server/documents/authoring/wordml';
import { renderDocument } from '../../server/documents/render';
import { TEMPLATE_FILES, templatePath, type TemplateName } from '../../server/documents/template';

function parts(name: TemplateName): { document: string; styles: string } {
  const zip = new PizZip(readFileSync(templatePath(name)));
  return { document: zip.file('word/document.xml')!.asText(), styles: zip.file('word/styles.xml')!.asText() };
}

/** The table row holding `{#loop}`, and the table's properties. */
function loopedRow(document: string, loop: string): { row: string; tblPr: string } {
  const at = document.indexOf(`{#${loop}}`);
  const rowStart = document.lastIndexOf('<w:tr>', at);
  const tableStart = document.lastIndexOf('<w:tbl>', at);
  return { row: document.slice(rowStart, document.indexOf('</w:tr>', at)), tblPr: document.slice(tableStart, document.indexOf('</w:tblPr>', tableStart)) };
}

/** The text size (half-points) a table style gives. */
function styleSize(styles: string, id: string): number | undefined {
  const at = styles.indexOf(`w:styleId="${id}"`);
  if (at < 0) return undefined;
  const style = styles.slice(at, styles.indexOf('</w:style>', at));
  return Number(/<w:sz w:val="(\d+)"\/>/u.exec(style)?.[1]);
}

describe('the shipped templates', () => {
  // A change to makeTemplates.ts that was not regenerated ("npm run build && node dist/server/documents/authoring/makeTemplates.js") fails here.
  it.each(Object.entries(TEMPLATES))('%s is what makeTemplates.ts writes', (file, [make, title, pageNumbers]) => {
    const made = new PizZip(docxTemplate(make(), title, pageNumbers));
    const name = (Object.keys(TEMPLATE_FILES) as TemplateName[]).find((n) => TEMPLATE_FILES[n] === file)!;
    const shipped = new PizZip(readFileSync(templatePath(name)));
    expect(Object.keys(shipped.files).sort()).toEqual(Object.keys(made.files).sort());
    for (const part of Object.keys(made.files)) expect(shipped.file(part)!.asText(), part).toBe(made.file(part)!.asText());
  });
});

describe('the list tables of the shipped templates', () => {
  // 12 pt in the báo cáo's and the biên bản's six columns, 13 pt in the tờ trình's and the quyết định's lists.
  const cases: [TemplateName, string, number][] = [['bao-cao', 'units', 24], ['to-trinh', 'units', 26], ['quyet-dinh', 'units', 26], ['bien-ban', 'criteria', 24]];
  it.each(cases)('%s: the looped row has no condition and no run properties; the table style gives its size', (name, loop, size) => {
    const { document, styles } = parts(name);
    const { row, tblPr } = loopedRow(document, loop);
    expect(row).not.toContain('<w:rPr>');
    expect(row).not.toContain('{#pending}');
    if (loop === 'units') expect(row).toContain('{name}{pendingMark}');
    const id = /<w:tblStyle w:val="([^"]+)"\/>/u.exec(tblPr)?.[1];
    expect(id).toBeDefined();
    expect(styleSize(styles, id!)).toBe(size);
  });

  it('fills a unit waiting for review with " (chờ duyệt)" after its name, in the row\'s one run', () => {
    const row = { no: 1, name: 'Xã Tân Hòa', pending: true, pendingMark: ' (chờ duyệt)', kind: 'Xã', parent: 'Đồng Tháp', result: 'Đạt 6/6 tiêu chí', timing: 'Đúng hạn' };
    const zip = new PizZip(renderDocument('bao-cao', { sections: [{ title: '1. Xã', units: [row, { ...row, no: 2, name: 'Xã Bình Thạnh', pending: false, pendingMark: '' }] }] }));
    const xml = zip.file('word/document.xml')!.asText();
    expect(xml).toContain('<w:t xml:space="preserve">Xã Tân Hòa (chờ duyệt)</w:t>');
    expect(xml).toContain('<w:t xml:space="preserve">Xã Bình Thạnh</w:t>');
  });
});
