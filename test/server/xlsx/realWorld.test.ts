/**
 * The kinds of real-world workbooks issue 12 lists, each built here in its shape (the template's
 * workbook with its XML edited as the program or person in question leaves it), plus the six
 * example files from the field (test/fixtures/real-world/) with their documented outcomes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultCriteriaSets } from '../../../shared/criteria/defaults';
import { createRegistry } from '../../../shared/criteria/load';
import { UNIT_KIND_LABELS } from '../../../shared/units/kinds';
import { CURRENT_FORM, viRead } from '../../../shared/i18n/vi';
import { dateText, interpretWorkbook } from '../../../shared/workbook/interpret';
import { checkWorkbookBytes, readWorkbookBytes } from '../../../server/xlsx/readWorkbook';
import { xlsxText } from '../../../server/xlsx/messages';
import { fullFill, type Fill } from '../../support/fill';
import { makeWorkbookBytes } from '../../support/workbooks';
import { editWorkbook, unzipParts, zipParts } from './zipParts';

const sets = defaultCriteriaSets();
const registry = createRegistry(sets);
const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const realWorld = (name: string) => readFileSync(path.resolve(__dirname, '../../fixtures/real-world', name));

function fill(): Fill {
  const f = fullFill(coQuan);
  f.unit!.kind = UNIT_KIND_LABELS[coQuan.unitKinds[0]!];
  return f;
}

/** The filled workbook with `edit` applied to its parts (XML as text). */
async function edited(edit: (parts: Map<string, string>) => void): Promise<Buffer> {
  return editWorkbook(await makeWorkbookBytes(coQuan, fill()), edit);
}

/** `xml` with the cell at `ref` replaced by `replacement` (a whole <c> element). */
function setCell(xml: string, ref: string, replacement: string): string {
  const pattern = new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`, 'u');
  if (!pattern.test(xml)) throw new Error(`no cell ${ref}`);
  return xml.replace(pattern, replacement);
}

const SCORES = 'xl/worksheets/sheet3.xml';
const UNIT = 'xl/worksheets/sheet2.xml';
const DOSSIER = 'xl/worksheets/sheet4.xml';

function editPart(parts: Map<string, string>, part: string, change: (xml: string) => string): void {
  parts.set(part, change(parts.get(part)!));
}

/** The maximum points of criteria 1..12 of the set, in the rows 5..16 of the score table (column E). */
const maxOf = (row: number) => coQuan.criteria[row - 5]!.maxPoints;

describe('the six files from the field give their documented outcomes', () => {
  it('06: every XML part in UTF-16 with a byte order mark: read, total 48,5, the unit name', async () => {
    const result = await checkWorkbookBytes(realWorld('06-utf16-parts.xlsx'), registry);
    expect(result).toMatchObject({ ok: true, total: 48.5, errors: [] });
    expect(result.unit!.name).toBe('Trường THPT Nguyễn Đình Chiểu');
  });

  it('07: a unit name pasted on two lines (_x000D_): decoded and folded to one line', async () => {
    const result = await checkWorkbookBytes(realWorld('07-x000D-escape-unit-name.xlsx'), registry);
    expect(result).toMatchObject({ ok: true, total: 48.5, errors: [] });
    expect(result.unit!.name).toBe('Trường THPT Nguyễn Đình Chiểu');
    expect(JSON.stringify(result)).not.toContain('_x00');
  });

  it('09: scores F9:F14 as =E9 dragged down, saved without values: computed, total 49', async () => {
    const result = await checkWorkbookBytes(realWorld('09-formula-scores-no-cache.xlsx'), registry);
    expect(result).toMatchObject({ ok: true, total: 49, errors: [] });
    expect(result.scores.slice(4, 10).map((s) => s.score)).toEqual([5, 4, 4, 5, 5, 4]);
    expect(result.reasons.join(' ')).not.toContain('chưa được chấm điểm');
  });

  it('16: the defined names lost: refused in words a commune clerk can act on', async () => {
    const result = await checkWorkbookBytes(realWorld('16-defined-names-lost.xlsx'), registry);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.message)).toEqual([viRead.notScoringWorkbook]);
    expect(viRead.notScoringWorkbook).toContain('trang dành cho đơn vị');
    expect(viRead.notScoringWorkbook).not.toMatch(/dien-hinh|lệnh|template/u);
  });

  it('19: the scoring sheet copied, the original deleted (workbook name #REF!, sheet copy valid): read, total 48,5', async () => {
    const result = await checkWorkbookBytes(realWorld('19-sheet-copied-original-deleted.xlsx'), registry);
    expect(result).toMatchObject({ ok: true, total: 48.5, errors: [] });
  });

  it('20: the "Đã có" column as checkboxes, one FALSE: read, total 48,5, that item "Chưa có" as a warning', async () => {
    const result = await checkWorkbookBytes(realWorld('20-dossier-checkboxes.xlsx'), registry);
    expect(result).toMatchObject({ ok: true, total: 48.5, errors: [] });
    expect(result.dossier).toEqual({ report: true, request: true, minutes: true, registration: false });
    expect(result.warnings).toEqual([{ sheet: 'Hồ sơ', cell: 'C7', message: viRead.dossierItemNotPresent('Bản đăng ký xây dựng đơn vị điển hình') }]);
  });
});

describe('formula cells without saved values: computed when safe, else refused by cell', () => {
  it('a reference, a constant, arithmetic and SUM are computed (shared formulas dragged down too)', async () => {
    const bytes = await edited((parts) => editPart(parts, SCORES, (xml) => {
      let out = setCell(xml, 'F5', '<c r="F5"><f>E5</f></c>');
      out = setCell(out, 'F6', `<c r="F6"><f>${maxOf(6)}</f><v></v></c>`);
      out = setCell(out, 'F7', `<c r="F7"><f>(E7*2-E7)/1</f></c>`);
      out = setCell(out, 'F8', `<c r="F8"><f>SUM(E8:E8, 0)</f></c>`);
      out = setCell(out, 'F9', '<c r="F9"><f t="shared" ref="F9:F12" si="3">$E9</f></c>');
      for (const row of [10, 11, 12]) out = setCell(out, `F${row}`, `<c r="F${row}"><f t="shared" si="3"/></c>`);
      return out;
    }));
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([]);
    expect(result.scores.map((s) => s.score)).toEqual(coQuan.criteria.map((c) => c.maxPoints));
    expect(result.total).toBe(coQuan.scoring.kind === 'points' ? coQuan.scoring.scale : null);
  });

  it('a formula over cells outside the named ranges, on this sheet or another, reads those cells too', async () => {
    const bytes = await edited((parts) => {
      editPart(parts, SCORES, (xml) => {
        const out = setCell(xml, 'F5', "<c r=\"F5\"><f>K40+'Thông tin đơn vị'!H30</f></c>");
        return out.replace('</sheetData>', `<row r="40"><c r="K40"><v>${maxOf(5) - 1}</v></c></row></sheetData>`);
      });
      editPart(parts, UNIT, (xml) => xml.replace('</sheetData>', '<row r="30"><c r="H30"><f>1</f></c></row></sheetData>'));
    });
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([]);
    expect(result.scores[0]!.score).toBe(maxOf(5));
  });

  it('what cannot be computed safely is refused, naming every such cell, never read as empty', async () => {
    const bytes = await edited((parts) => editPart(parts, SCORES, (xml) => {
      let out = setCell(xml, 'F5', '<c r="F5"><f>AVERAGE(E5:E6)</f></c>'); // a function the reader does not compute
      out = setCell(out, 'F6', '<c r="F6"><f>F7</f></c>'); // a loop: F6 → F7 → F6
      out = setCell(out, 'F7', '<c r="F7"><f>F6</f></c>');
      out = setCell(out, 'F8', '<c r="F8"><f>C8*1</f></c>'); // text in arithmetic
      out = setCell(out, 'F9', '<c r="F9"><f t="shared" si="7"/></c>'); // a shared formula whose first cell is gone
      out = setCell(out, 'F10', '<c r="F10"><f>1/0</f></c>');
      out = setCell(out, 'F11', '<c r="F11"><f>UnknownName</f></c>');
      return out;
    }));
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.ok).toBe(false);
    expect(result.total).toBe(null);
    expect(result.errors).toEqual(['F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11'].map((cell) => ({
      sheet: 'Chấm điểm', cell, message: viRead.formulaWithoutValue(cell, 'Chấm điểm'),
    })));
    expect(viRead.formulaWithoutValue('F9', 'Chấm điểm')).toMatch(/^Ô F9 .*chứa công thức nhưng tệp không lưu giá trị.*mở tệp bằng Excel, LibreOffice hoặc WPS, lưu lại dạng \.xlsx rồi nộp/u);
  });

  it('a formula saved with its value is read by that value', async () => {
    const bytes = await edited((parts) => editPart(parts, SCORES, (xml) => setCell(xml, 'F5', `<c r="F5"><f>AVERAGE(E5:E6)</f><v>${maxOf(5)}</v></c>`)));
    expect(await checkWorkbookBytes(bytes, registry)).toMatchObject({ ok: true, errors: [] });
  });

  it('only cells whose values are used matter: the total, and a column the reading ignores, may stay uncomputed', async () => {
    const bytes = await edited((parts) => editPart(parts, SCORES, (xml) => {
      let out = setCell(xml, 'F17', '<c r="F17"><f>SUMPRODUCT(F5:F16,1)</f></c>');
      out = setCell(out, 'B9', '<c r="B9" t="str"><f>LEFT(C9,3)</f></c>'); // "Nhóm": not read
      return out;
    }));
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result).toMatchObject({ ok: true, errors: [] });
    expect(result.total).toBe(50);
  });

  it('a uncomputed formula in a unit cell or the evidence column is refused by cell', async () => {
    const bytes = await edited((parts) => {
      editPart(parts, UNIT, (xml) => setCell(xml, 'B3', '<c r="B3" t="str"><f>UPPER(A3)</f></c>'));
      editPart(parts, SCORES, (xml) => setCell(xml, 'G5', '<c r="G5" t="str"><f>CONCAT(C5,"")</f></c>'));
    });
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors.map((e) => `${e.sheet}!${e.cell}`).sort()).toEqual(['Chấm điểm!G5', 'Thông tin đơn vị!B3']);
  });

  it('a text formula computed from another cell gives that text (an empty string result is a saved value)', async () => {
    const bytes = await edited((parts) => {
      editPart(parts, UNIT, (xml) => setCell(xml, 'B5', '<c r="B5" t="str"><f>B3</f></c>'));
      editPart(parts, SCORES, (xml) => setCell(xml, 'G6', '<c r="G6" t="str"><f>""&amp;""</f><v></v></c>'));
    });
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([]);
    expect(result.unit!.parent).toBe(fill().unit!.name);
  });
});

describe("Excel's escaped characters (_xHHHH_) are decoded in every text", () => {
  it('shared strings, inline strings and formula text results; a line break folds to one line; _x005F_ is an underscore', async () => {
    const name = 'Trường THPT Nguyễn Đình Chiểu';
    const bytes = await edited((parts) => {
      editPart(parts, 'xl/sharedStrings.xml', (xml) => xml.replace(fill().unit!.name as string, 'Trường THPT_x000D_\nNguyễn_x0009_Đình Chiểu'));
      editPart(parts, UNIT, (xml) => {
        let out = setCell(xml, 'B6', '<c r="B6" t="inlineStr"><is><t>Nguyễn_x000A_Văn A</t></is></c>');
        out = setCell(out, 'B7', '<c r="B7" t="str"><f>"x"</f><v>Trần_x005F_x0020_Thị B</v></c>');
        return out;
      });
      editPart(parts, SCORES, (xml) => setCell(xml, 'G5', '<c r="G5" t="inlineStr"><is><r><t>Nghị quyết_x000D_</t></r><r><t xml:space="preserve">_x000A_số 5</t></r></is></c>'));
    });
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([]);
    expect(result.unit).toMatchObject({ name, head: 'Nguyễn Văn A', contact: 'Trần_x0020_Thị B' });
    expect(result.scores[0]!.evidence).toBe('Nghị quyết số 5');
  });
});

describe('XML parts in any encoding the package format allows', () => {
  /** Every XML part of the filled workbook re-encoded by `encode`. */
  async function reencoded(encode: (xml: string) => Buffer): Promise<Buffer> {
    const parts = await unzipParts(await makeWorkbookBytes(coQuan, fill()));
    return zipParts([...parts].map(([name, data]) => ({
      name, data: /\.(xml|rels)$/u.test(name) ? encode(data.toString('utf8').replace(/encoding="UTF-8"/iu, 'encoding="UTF-16"')) : data,
    })));
  }
  const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

  it.each([
    ['UTF-16LE with a byte order mark', (xml: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')])],
    ['UTF-16BE with a byte order mark', (xml: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(xml)])],
    ['UTF-16LE without a byte order mark', (xml: string) => Buffer.from(xml, 'utf16le')],
    ['UTF-16BE without a byte order mark', (xml: string) => utf16be(xml)],
    ['UTF-8 with a byte order mark, declared UTF-16 by a converter', (xml: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')])],
  ])('%s: read as the UTF-8 original', async (_name, encode) => {
    const result = await checkWorkbookBytes(await reencoded(encode), registry);
    expect(result).toMatchObject({ ok: true, errors: [], total: 50 });
    expect(result.unit!.name).toBe(fill().unit!.name);
  });

  it('a single-byte encoding declared (ISO-8859-1) is decoded; an unknown one or cut UTF-16 is refused in Vietnamese', async () => {
    const latin = await edited((parts) => editPart(parts, 'xl/_rels/workbook.xml.rels', (xml) => xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')));
    expect((await checkWorkbookBytes(latin, registry)).errors).toEqual([]);
    const unknown = await edited((parts) => editPart(parts, 'xl/_rels/workbook.xml.rels', (xml) => xml.replace('encoding="UTF-8"', 'encoding="x-no-such"')));
    expect((await checkWorkbookBytes(unknown, registry)).errors).toEqual([
      { sheet: '', cell: '', message: xlsxText.xmlBroken('xl/_rels/workbook.xml.rels', 'unsupported encoding "x-no-such"') },
    ]);
    const parts = await unzipParts(await makeWorkbookBytes(coQuan, fill()));
    const cut = zipParts([...parts].map(([name, data]) => ({
      name, data: name === 'xl/workbook.xml' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(data.toString('utf8'), 'utf16le'), Buffer.from([0x3c])]) : data,
    })));
    expect((await checkWorkbookBytes(cut, registry)).errors[0]!.message).toBe(xlsxText.xmlBroken('xl/workbook.xml', 'truncated UTF-16 text'));
  });
});

describe('defined names resolved as Excel resolves them', () => {
  const workbookXml = 'xl/workbook.xml';
  const global = (name: string, range: string) => `<definedName name="${name}">&apos;Chấm điểm&apos;!${range}</definedName>`;

  it('the original sheet deleted after a copy: the workbook name is #REF!, the valid sheet copy is used (either order)', async () => {
    for (const localFirst of [false, true]) {
      const bytes = await edited((parts) => editPart(parts, workbookXml, (xml) => {
        const broken = '<definedName name="DH_BangChamDiem">#REF!$A$4:$G$16</definedName>';
        const local = '<definedName name="dh_bangchamdiem" localSheetId="2">&apos;Chấm điểm&apos;!$A$4:$G$16</definedName>';
        return xml.replace(global('DH_BangChamDiem', '$A$4:$G$16'), localFirst ? local + broken : broken + local)
          .replace(global('DH_TongDiem', '$F$17'), '<definedName name="DH_TongDiem">#REF!</definedName>');
      }));
      expect(await checkWorkbookBytes(bytes, registry)).toMatchObject({ ok: true, errors: [], total: 50 });
    }
  });

  it('a valid workbook name wins over a sheet copy; a name pointing to a sheet that is gone does not hide a valid copy', async () => {
    const bytes = await edited((parts) => editPart(parts, workbookXml, (xml) => xml.replace(
      global('DH_BangChamDiem', '$A$4:$G$16'),
      "<definedName name=\"DH_BangChamDiem\">&apos;Chấm điểm (2)&apos;!$A$4:$G$16</definedName><definedName name=\"DH_BangChamDiem\" localSheetId=\"2\">&apos;Chấm điểm&apos;!$A$4:$G$16</definedName>",
    )));
    expect(await checkWorkbookBytes(bytes, registry)).toMatchObject({ ok: true, errors: [] });
  });

  it('two valid sheet copies with no valid workbook name: refused, naming both sheets, with what to do', async () => {
    const bytes = await edited((parts) => editPart(parts, workbookXml, (xml) => xml.replace(
      global('DH_BangChamDiem', '$A$4:$G$16'),
      '<definedName name="DH_BangChamDiem">#REF!$A$4:$G$16</definedName>'
      + '<definedName name="DH_BangChamDiem" localSheetId="0">&apos;Hướng dẫn&apos;!$A$4:$G$16</definedName>'
      + '<definedName name="DH_BangChamDiem" localSheetId="2">&apos;Chấm điểm&apos;!$A$4:$G$16</definedName>',
    )));
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([{ sheet: 'Hướng dẫn', cell: '', message: xlsxText.sheetCopies(['Hướng dẫn', 'Chấm điểm']) }]);
  });

  it('no valid definition at all: the name is missing, said in the words of the form', async () => {
    const bytes = await edited((parts) => editPart(parts, workbookXml, (xml) => xml.replace(
      "<definedName name=\"DH_HoSo\">&apos;Hồ sơ&apos;!$A$3:$E$7</definedName>", '<definedName name="DH_HoSo">#REF!$A$3:$E$7</definedName>',
    )));
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([{ sheet: 'Hồ sơ', cell: '', message: viRead.missingName('bảng hồ sơ (trang "Hồ sơ")') }]);
  });
});

describe('dossier checkboxes (Excel, Google Sheets): TRUE is "Có", FALSE is "Chưa có" with a warning', () => {
  it.each([
    ['boolean cells', (v: boolean) => `<c r="C{row}" t="b"><v>${v ? 1 : 0}</v></c>`],
    ['TRUE/FALSE as text (Google Sheets export)', (v: boolean) => `<c r="C{row}" t="inlineStr"><is><t>${v ? 'TRUE' : 'FALSE'}</t></is></c>`],
    ['a formula result saved as a boolean', (v: boolean) => `<c r="C{row}" t="b"><f>${v ? 'TRUE' : 'FALSE'}</f><v>${v ? 1 : 0}</v></c>`],
    ['a formula TRUE/FALSE without a saved value', (v: boolean) => `<c r="C{row}" t="b"><f>${v ? 'TRUE' : 'FALSE'}</f></c>`],
  ])('%s', async (_kind, checkbox) => {
    const bytes = await edited((parts) => editPart(parts, DOSSIER, (xml) => {
      let out = xml;
      for (const [row, value] of [[4, true], [5, false], [6, true], [7, false]] as const) out = setCell(out, `C${row}`, checkbox(value).replace('{row}', String(row)));
      return out;
    }));
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([]);
    expect(result.dossier).toEqual({ report: true, request: false, minutes: true, registration: false });
    expect(result.warnings.map((w) => w.cell)).toEqual(['C5', 'C7']);
  });
});

describe('dates are Vietnam calendar dates, in either date system, whatever the time zone', () => {
  /** The dossier's document dates as the interpretation reads them. */
  async function documentDates(bytes: Buffer): Promise<string[]> {
    const read = await readWorkbookBytes(bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    return interpretWorkbook(read.value, registry).workbook!.dossier.map((row) => row.documentDate);
  }
  /** 15 January 2026 as Excel's serial day in the 1900 system. */
  const serial1900 = (Date.UTC(2026, 0, 15) - Date.UTC(1899, 11, 30)) / 86400000;

  async function datedWorkbook(date1904: boolean): Promise<Buffer> {
    return edited((parts) => {
      if (date1904) editPart(parts, 'xl/workbook.xml', (xml) => xml.replace('<workbookPr ', '<workbookPr date1904="1" '));
      editPart(parts, DOSSIER, (xml) => {
        let out = setCell(xml, 'E4', `<c r="E4"><v>${date1904 ? serial1900 - 1462 : serial1900}</v></c>`);
        out = setCell(out, 'E5', '<c r="E5" t="d"><v>2026-01-15T00:00:00</v></c>');
        out = setCell(out, 'E6', '<c r="E6" t="d"><v>2026-01-14T17:30:00Z</v></c>');
        out = setCell(out, 'E7', '<c r="E7" t="inlineStr"><is><t>2026-01-15</t></is></c>');
        return out;
      });
    });
  }

  it.each(['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Ho_Chi_Minh'])('in the 1900 and the 1904 date system, with TZ=%s', async (zone) => {
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      // The zone really is in force (a shift of the local clock, checked against a known offset).
      const offset = new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset();
      expect(offset).toBe({ UTC: 0, 'America/Los_Angeles': 480, 'Pacific/Kiritimati': -840, 'Asia/Ho_Chi_Minh': -420 }[zone]);
      for (const date1904 of [false, true]) {
        expect(await documentDates(await datedWorkbook(date1904))).toEqual(['15/01/2026', '15/01/2026', '15/01/2026', '15/01/2026']);
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('date texts', () => {
  it('ISO dates (with a zone moved to UTC+7) read as dd/mm/yyyy; impossible dates and other text stay as typed', () => {
    expect(dateText('2026-03-15')).toBe('15/03/2026');
    expect(dateText('2026-03-14T17:00:00.000Z')).toBe('15/03/2026');
    expect(dateText('2026-03-14T16:59:59Z')).toBe('14/03/2026');
    expect(dateText('2026-03-15T23:30:00+07:00')).toBe('15/03/2026');
    expect(dateText('2026-03-15T01:00:00-05:00')).toBe('15/03/2026');
    expect(dateText('2026-02-30')).toBe('2026-02-30');
    expect(dateText('15/03/2026')).toBe('15/03/2026');
    expect(dateText('ngày 15 tháng 3')).toBe('ngày 15 tháng 3');
    expect(dateText(1, true)).toBe('02/01/1904');
    expect(dateText(1)).toBe('01/01/1900');
    expect(dateText(61)).toBe('01/03/1900');
  });
});

describe('zip entry names as zip readers decode them', () => {
  it('backslashes, a CP437 name and an Info-ZIP Unicode path are found; an unsafe name refuses the file', async () => {
    const parts = await unzipParts(await makeWorkbookBytes(coQuan, fill()));
    const rename = (from: string, to: string) => zipParts([...parts].map(([name, data]) => ({ name: name === from ? to : name, data })));
    const backslashed = zipParts([...parts].map(([name, data]) => ({ name: name.replace(/\//gu, '\\'), data })));
    expect((await checkWorkbookBytes(backslashed, registry)).errors).toEqual([]);
    expect((await checkWorkbookBytes(rename('docProps/app.xml', '../../etc/passwd'), registry)).errors).toEqual([
      { sheet: '', cell: '', message: xlsxText.truncated },
    ]);
    expect((await checkWorkbookBytes(rename('docProps/app.xml', 'docProps/tệp ứng dụng.xml'), registry)).errors).toEqual([]);
    // The shared strings under a CP437 name ("xl/sharedStrings.xml" has none to decode, so the
    // workbook's relationship is pointed at "xl/Strings\x82.xml", CP437 for "xl/Stringsé.xml").
    const rels = parts.get('xl/_rels/workbook.xml.rels')!.toString('utf8').replace('sharedStrings.xml', 'Stringsé.xml');
    const cp437 = zipParts([...parts].map(([name, data]) => (name === 'xl/sharedStrings.xml'
      ? { name, rawName: Buffer.from([...Buffer.from('xl/Strings'), 0x82, ...Buffer.from('.xml')]), utf8Flag: false, data }
      : { name, data: name === 'xl/_rels/workbook.xml.rels' ? Buffer.from(rels) : data })));
    expect((await checkWorkbookBytes(cp437, registry)).errors).toEqual([]);
    // An Info-ZIP Unicode path (0x7075) whose CRC matches the header's name wins over it.
    const headerName = Buffer.from('xl/strings-old.xml');
    const unicodeName = Buffer.from('xl/Stringsé.xml', 'utf8');
    const unicode = (crc: number) => {
      const field = Buffer.concat([Buffer.from([0x75, 0x70, 5 + unicodeName.length, 0, 1]), Buffer.alloc(4), unicodeName]);
      field.writeUInt32LE(crc, 5);
      return zipParts([...parts].map(([name, data]) => (name === 'xl/sharedStrings.xml'
        ? { name, rawName: headerName, utf8Flag: false, extra: field, data }
        : { name, data: name === 'xl/_rels/workbook.xml.rels' ? Buffer.from(rels) : data })));
    };
    expect((await checkWorkbookBytes(unicode(zlib.crc32(headerName)), registry)).errors).toEqual([]);
    // A CRC that does not match: the header's name counts, and the strings are not found.
    expect((await checkWorkbookBytes(unicode(0), registry)).errors).toEqual([{ sheet: '', cell: '', message: xlsxText.missingPart('xl/sharedStrings.xml') }]);
  });
});

describe('every message a unit can see speaks to a person with Excel', () => {
  /** A message with sample arguments: text, numbers or a list, whichever its parameters take. */
  function sample(message: unknown): string {
    if (typeof message === 'string') return message;
    for (const args of [['Trang 1', 'chi tiết'], [2 * 1024 * 1024, 3], [['Trang 1', 'Trang 2']]]) {
      try {
        return (message as (...a: unknown[]) => string)(...args);
      } catch {
        // another kind of arguments
      }
    }
    throw new Error('a message that takes none of the sample arguments');
  }
  const samples = [...Object.values(xlsxText), ...Object.values(viRead)].map(sample);

  it('no command, no program name, no English outside the technical details; the current form says where to get it', () => {
    for (const message of samples) {
      const advice = message.replace(/\(Chi tiết kỹ thuật[^]*$/u, '');
      expect(advice, message).not.toMatch(/dien-hinh|lệnh|--|template|xl\/|DH_|\bthe\b/iu);
      if (/mẫu/u.test(advice) && /lấy mẫu|mẫu mới|tạo lại/u.test(advice)) expect(advice, message).toContain(CURRENT_FORM);
    }
  });
});
