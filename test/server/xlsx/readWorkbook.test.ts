import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { defaultCriteriaSets } from '../../../shared/criteria/defaults';
import { createRegistry } from '../../../shared/criteria/load';
import type { CriteriaSet } from '../../../shared/criteria/schema';
import { cellAddress } from '../../../shared/workbook/a1';
import { ALL_NAMES, NAMES } from '../../../shared/workbook/layout';
import { UNIT_KIND_LABELS } from '../../../shared/units/kinds';
import { checkWorkbookBytes, readWorkbookBytes } from '../../../server/xlsx/readWorkbook';
import { writeTemplateWorkbook } from '../../../server/xlsx/templateWriter';
import { xlsxText } from '../../../server/xlsx/messages';
import { viRead } from '../../../shared/i18n/vi';
import { fullFill, type Fill } from '../../support/fill';
import { makeWorkbookBytes } from '../../support/workbooks';
import { editWorkbook, unzipParts, zipParts } from './zipParts';

const sets = defaultCriteriaSets();
const registry = createRegistry(sets);
const coQuan = sets.find((s) => s.id === 'dien-hinh-co-quan-du-thao')!;
const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../../fixtures', name));

function fillFor(set: CriteriaSet): Fill {
  const fill = fullFill(set);
  fill.unit!.kind = UNIT_KIND_LABELS[set.unitKinds[0]!];
  return fill;
}

async function errorsOf(bytes: Buffer, limits = {}) {
  const result = await checkWorkbookBytes(bytes, registry, limits);
  expect(result.ok).toBe(false);
  return result.errors;
}

const fileError = (message: string) => [{ sheet: '', cell: '', message }];

describe('reading workbooks made by the template writer', () => {
  it.each(sets.map((s) => [s.id, s] as const))('%s round-trips: every layout name read, fully scored = eligible', async (_id, set) => {
    const bytes = await makeWorkbookBytes(set, fillFor(set));
    const read = await readWorkbookBytes(bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(Object.keys(read.value.ranges).sort()).toEqual([...ALL_NAMES].sort());
    expect(read.value.sheetNames).toEqual(['Hướng dẫn', 'Thông tin đơn vị', 'Chấm điểm', 'Hồ sơ', 'Bộ tiêu chí']);
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ ok: true, setId: set.id, eligible: true, reasons: [] });
    expect(result.total).toBe(set.scoring.kind === 'points' ? set.scoring.scale : set.criteria.length);
  });

  it('a blank template reads with one error: the missing unit name', async () => {
    const result = await checkWorkbookBytes(await writeTemplateWorkbook(coQuan, { year: 2026 }), registry);
    expect(result.errors).toEqual([{ sheet: 'Thông tin đơn vị', cell: 'B3', message: 'Chưa nhập Tên đơn vị. Nhập tên đầy đủ của đơn vị vào ô này.' }]);
    expect(result.unit!.year).toBe(2026);
  });

  it('recomputes the total: a formula written by a library has no cached value', async () => {
    const fill = fillFor(coQuan);
    fill.scores![1] = 2;
    const read = await readWorkbookBytes(await makeWorkbookBytes(coQuan, fill));
    if (!read.ok) throw new Error('unreadable');
    // SUM over the scores is computed by the reader, and the total is recomputed anyway.
    expect(read.value.ranges.DH_TongDiem!.values).toEqual([[48]]);
    expect((await checkWorkbookBytes(await makeWorkbookBytes(coQuan, fill), registry)).total).toBe(48);
  });
});

describe('workbooks saved by LibreOffice Calc 7.4 (committed fixtures, see test/fixtures/README.md)', () => {
  it('the template re-saved by LibreOffice keeps every defined name', async () => {
    const read = await readWorkbookBytes(fixture('libreoffice-template.xlsx'));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    // Saved from a template made before unit codes: every name but DH_MaDonVi, which such a
    // workbook does not have (it reads with an empty code and is matched by name + commune).
    expect(Object.keys(read.value.ranges).sort()).toEqual(ALL_NAMES.filter((n) => n !== NAMES.unitCode).sort());
    const result = await checkWorkbookBytes(fixture('libreoffice-template.xlsx'), registry);
    expect(result.errors.map((e) => e.cell)).toEqual(['B3']);
  });

  it('a workbook filled in LibreOffice: NFD name with spaces, "3,5" as text, two rows inserted, a stale cached total', async () => {
    const bytes = fixture('libreoffice-filled.xlsx');
    const read = await readWorkbookBytes(bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    // LibreOffice moved the names as Excel does and cached a total that ignores the text scores.
    expect(read.value.ranges.DH_BangChamDiem!.values).toHaveLength(15);
    expect(read.value.ranges.DH_TongDiem).toMatchObject({ top: 19, values: [[41.5]] });
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([]);
    expect(result.unit).toMatchObject({ name: 'Trường THPT Vĩnh Thuận', kind: 'co-so-giao-duc', year: 2026 });
    expect(result.unit!.name).toBe('Trường THPT Vĩnh Thuận'.normalize('NFC'));
    expect(result.scores.map((s) => s.score)).toEqual([4, 3.5, 4, 4, 5, 4, 4, 5, 5, 4, 2.5, 4]);
    expect(result).toMatchObject({ ok: true, total: 49, hardFailures: [], eligible: false, reasons: ['Hồ sơ thiếu: Bản đăng ký.'] });
    expect(result.scores[0]!.evidence).toBe('Nghị quyết số 05-NQ/CB ngày 15/01/2026');
    // The scores kept as text (3,5 and 4) are counted, and each is a warning on its cell: the file's own total (41,5) left them out.
    expect(result.warnings.filter((w) => w.message.startsWith('Ô điểm chứa chữ')).map((w) => [w.cell, w.message])).toEqual([
      ['F6', viRead.scoreStoredAsText('3,5', 3.5)],
      ['F7', viRead.scoreStoredAsText('4', 4)],
    ]);
  });
});

describe('what real users type, built by editing the XML', () => {
  const sheet3 = 'xl/worksheets/sheet3.xml';

  it('inline strings, rich text runs with phonetic guides, cached formula values and booleans', async () => {
    const bytes = await editWorkbook(await makeWorkbookBytes(coQuan, fillFor(coQuan)), (parts) => {
      let xml = parts.get(sheet3)!;
      xml = xml.replace(/<c r="F5"([^>]*)><v>4<\/v><\/c>/u, '<c r="F5"$1 t="inlineStr"><is><t xml:space="preserve"> 3,5 </t></is></c>');
      xml = xml.replace(/<c r="F6"([^>]*)><v>4<\/v><\/c>/u, '<c r="F6"$1><f>2+1.5</f><v>3.5</v></c>');
      xml = xml.replace(/<c r="F7"([^>]*)><v>4<\/v><\/c>/u, '<c r="F7"$1 t="str"><f>"4"</f><v>4</v></c>');
      parts.set(sheet3, xml);
      // The unit name as rich text: two runs and a phonetic guide that is not part of the text.
      let strings = parts.get('xl/sharedStrings.xml')!;
      strings = strings.replace(
        '<si><t>Văn phòng UBND tỉnh Đồng Tháp</t></si>',
        '<si><r><rPr><b/></rPr><t>Văn phòng </t></r><r><t>UBND tỉnh Đồng Tháp</t></r><rPh sb="0" eb="1"><t>ヴァン</t></rPh></si>',
      );
      parts.set('xl/sharedStrings.xml', strings);
    });
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([]);
    expect(result.unit!.name).toBe('Văn phòng UBND tỉnh Đồng Tháp');
    expect(result.scores.slice(0, 3).map((s) => s.score)).toEqual([3.5, 3.5, 4]);
    expect(result.total).toBe(49);
  });

  it('rows inserted in the table, with the names moved as Excel moves them', async () => {
    const bytes = await editWorkbook(await makeWorkbookBytes(coQuan, fillFor(coQuan)), (parts) => {
      const shift = (row: number) => (row >= 8 ? row + 2 : row);
      let xml = parts.get(sheet3)!;
      xml = xml.replace(/<row r="(\d+)"/gu, (_m, r: string) => `<row r="${shift(Number(r))}"`);
      xml = xml.replace(/<c r="([A-Z]+)(\d+)"/gu, (_m, c: string, r: string) => `<c r="${c}${shift(Number(r))}"`);
      // A note typed in the first inserted row.
      xml = xml.replace('<row r="10"', '<row r="8"><c r="C8" t="inlineStr"><is><t>Ghi chú: bổ sung sau</t></is></c></row><row r="10"');
      parts.set(sheet3, xml);
      parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!
        .replace("&apos;Chấm điểm&apos;!$A$4:$G$16", "&apos;Chấm điểm&apos;!$A$4:$G$18")
        .replace("&apos;Chấm điểm&apos;!$F$17", "&apos;Chấm điểm&apos;!$F$19"));
    });
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([]);
    expect(result.total).toBe(50);
  });

  it('a workbook-scope name wins over a sheet-scope copy; a lone sheet-scope name is used', async () => {
    const base = await makeWorkbookBytes(coQuan, fillFor(coQuan));
    const both = await editWorkbook(base, (parts) => {
      parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace(
        '<definedNames>', '<definedNames><definedName name="DH_TenDonVi" localSheetId="0">&apos;Hướng dẫn&apos;!$A$1</definedName>'));
    });
    expect((await checkWorkbookBytes(both, registry)).unit!.name).toBe('Văn phòng UBND tỉnh Đồng Tháp');
    const onlyLocal = await editWorkbook(base, (parts) => {
      parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace(
        '<definedName name="DH_TenDonVi">', '<definedName name="DH_TenDonVi" localSheetId="1">'));
    });
    expect((await checkWorkbookBytes(onlyLocal, registry)).unit!.name).toBe('Văn phòng UBND tỉnh Đồng Tháp');
  });

  it('a name broken by a deleted range (#REF!) is reported as a missing template name', async () => {
    const bytes = await editWorkbook(await makeWorkbookBytes(coQuan, fillFor(coQuan)), (parts) => {
      parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace("&apos;Chấm điểm&apos;!$F$17", '#REF!'));
    });
    const result = await checkWorkbookBytes(bytes, registry);
    // The total is recomputed, so a lost total cell is not an error.
    expect(result.errors).toEqual([]);
    const read = await readWorkbookBytes(bytes);
    expect(read.ok && read.value.ranges.DH_TongDiem).toBe(undefined);
    const noTable = await editWorkbook(bytes, (parts) => {
      parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace("&apos;Chấm điểm&apos;!$A$4:$G$16", '#REF!'));
    });
    expect((await errorsOf(noTable)).map((e) => e.message)).toEqual([viRead.notScoringWorkbook]);
  });

  it('elements with a namespace prefix (<x:c>), as some writers emit them', async () => {
    const prefixed = (xml: string) => xml
      .replace(/<(\/?)([A-Za-z][\w]*)(?=[\s>/])/gu, '<$1x:$2')
      .replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
    const bytes = await editWorkbook(await makeWorkbookBytes(coQuan, fillFor(coQuan)), (parts) => {
      for (const part of ['xl/workbook.xml', 'xl/sharedStrings.xml', ...[2, 3, 4, 5].map((n) => `xl/worksheets/sheet${n}.xml`)]) {
        parts.set(part, prefixed(parts.get(part)!));
      }
    });
    expect((await unzipParts(bytes)).get('xl/worksheets/sheet3.xml')!.toString()).toContain('<x:sheetData><x:row r="1"');
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ ok: true, total: 50, unit: { name: 'Văn phòng UBND tỉnh Đồng Tháp' } });
  });

  it('rows and cells without r attributes are placed by position; an empty string written as <si/>', async () => {
    const bytes = await editWorkbook(await makeWorkbookBytes(coQuan, fillFor(coQuan)), (parts) => {
      parts.set('xl/worksheets/sheet3.xml', parts.get('xl/worksheets/sheet3.xml')!
        // Every cell of the table gets its position from its order in the row...
        .replace(/<c r="[A-G](?:[5-9]|1[0-6])"/gu, '<c')
        // ...and the rows after the header from their order in the sheet.
        .replace(/<row r="(?:[5-9]|1[0-6])"/gu, '<row'));
      parts.set('xl/sharedStrings.xml', parts.get('xl/sharedStrings.xml')!.replace('<si><t>Trần Thị B</t></si>', '<si/>'));
    });
    expect((await unzipParts(bytes)).get('xl/worksheets/sheet3.xml')!.toString()).toMatch(/<row (?![^>]*\br=)[^>]*spans="1:7"/u);
    const result = await checkWorkbookBytes(bytes, registry);
    expect(result.errors).toEqual([]);
    expect(result.total).toBe(50);
    expect(result.unit).toMatchObject({ contact: '', head: 'Nguyễn Văn A' });
    expect(result.warnings).toEqual([{ sheet: 'Thông tin đơn vị', cell: 'B7', message: 'Chưa nhập Người liên hệ.' }]);
  });

  it('a workbook with a main part elsewhere is found through _rels/.rels', async () => {
    const parts = await unzipParts(await makeWorkbookBytes(coQuan, fillFor(coQuan)));
    const moved = [...parts].map(([name, data]) => {
      if (name === 'xl/workbook.xml') return { name: 'xl/book.xml', data };
      if (name === 'xl/_rels/workbook.xml.rels') return { name: 'xl/_rels/book.xml.rels', data };
      if (name === '_rels/.rels') return { name, data: Buffer.from(data.toString('utf8').replace('xl/workbook.xml', 'xl/book.xml')) };
      return { name, data };
    });
    expect((await checkWorkbookBytes(zipParts(moved), registry)).ok).toBe(true);
  });
});

describe('bad files: a clear Vietnamese error, never a crash', () => {
  it('an empty file', async () => {
    expect(await errorsOf(Buffer.alloc(0))).toEqual(fileError('Tệp rỗng (0 byte). Hãy lưu lại bảng tự chấm điểm rồi nộp lại.'));
  });

  it('a file over 20 MB', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024);
    big.writeUInt32LE(0x04034b50, 0);
    expect(await errorsOf(big)).toEqual(fileError(
      'Tệp quá lớn (21 MB, tối đa 20 MB). Bảng tự chấm điểm chỉ cần vài chục KB: hãy xoá ảnh, trang hoặc dữ liệu thừa rồi nộp lại; minh chứng gửi riêng.'));
  });

  it('not a zip', async () => {
    expect(await errorsOf(Buffer.from('Họ và tên,Điểm\nA,4\n'))).toEqual(fileError(
      'Tệp không phải là bảng tính .xlsx. Hãy nộp đúng tệp bảng tự chấm điểm, lưu ở dạng .xlsx (Excel: Tệp › Lưu thành, chọn kiểu "Sổ làm việc Excel (.xlsx)"; LibreOffice: Tệp › Lưu thành…, chọn kiểu "Excel 2007-365 (.xlsx)"; WPS: Tệp › Lưu thành, chọn kiểu .xlsx).'));
  });

  it('a truncated file', async () => {
    const bytes = await makeWorkbookBytes(coQuan, fillFor(coQuan));
    expect(await errorsOf(bytes.subarray(0, Math.floor(bytes.length / 2)))).toEqual(fileError(
      xlsxText.truncated));
  });

  it('an encrypted workbook (a compound file holding EncryptedPackage) and a 97-2003 .xls', async () => {
    expect(await errorsOf(compoundFile(['EncryptionInfo', 'EncryptedPackage']))).toEqual(fileError(
      'Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi nộp lại (trong Excel: Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hoá bằng mật khẩu, xoá mật khẩu rồi lưu).'));
    expect(await errorsOf(compoundFile(['Workbook', 'SummaryInformation']))).toEqual(fileError(
      'Tệp ở định dạng Excel 97-2003 (.xls), không được hỗ trợ. Hãy mở tệp, lưu lại dạng .xlsx (Excel: Tệp › Lưu thành, chọn kiểu "Sổ làm việc Excel (.xlsx)"; LibreOffice: Tệp › Lưu thành…, chọn kiểu "Excel 2007-365 (.xlsx)"; WPS: Tệp › Lưu thành, chọn kiểu .xlsx) rồi nộp lại.'));
  });

  it('a zip entry with the encryption flag', async () => {
    const parts = await unzipParts(await makeWorkbookBytes(coQuan, fillFor(coQuan)));
    const bytes = zipParts([...parts].map(([name, data]) => ({ name, data, encryptedFlag: name === 'xl/workbook.xml' })));
    expect(await errorsOf(bytes)).toEqual(fileError(
      xlsxText.partEncrypted('xl/workbook.xml')));
  });

  it('a zip bomb: a part declared at 600 MB is refused before inflating', async () => {
    const parts = await unzipParts(await makeWorkbookBytes(coQuan, fillFor(coQuan)));
    const bytes = zipParts([...parts].map(([name, data]) => ({ name, data, declaredSize: name === 'xl/sharedStrings.xml' ? 600 * 1024 * 1024 : undefined })));
    expect(await errorsOf(bytes)).toEqual(fileError(
      xlsxText.absurdEntry('xl/sharedStrings.xml', 600 * 1024 * 1024)));
    expect(xlsxText.absurdEntry('xl/sharedStrings.xml', 600 * 1024 * 1024)).toContain('kích thước giải nén bất thường (600 MB)');
  });

  it('a zip bomb: an absurd compression ratio', async () => {
    const parts = await unzipParts(await makeWorkbookBytes(coQuan, fillFor(coQuan)));
    const padded = Buffer.concat([parts.get('xl/sharedStrings.xml')!, Buffer.alloc(8 * 1024 * 1024, 0x20)]);
    const bytes = zipParts([...parts].map(([name, data]) => ({ name, data: name === 'xl/sharedStrings.xml' ? padded : data })));
    const [issue] = await errorsOf(bytes);
    expect(issue!.message).toMatch(/^Tệp chứa một phần có tỉ lệ nén bất thường \(1:\d+\); tệp bị từ chối để bảo vệ hệ thống \(nghi là "bom nén"\)\. Hãy lấy mẫu .*xl\/sharedStrings\.xml\.\)$/u);
  });

  it('a lying header: a part that inflates to more than it declares is stopped', async () => {
    const parts = await unzipParts(await makeWorkbookBytes(coQuan, fillFor(coQuan)));
    const bytes = zipParts([...parts].map(([name, data]) => ({ name, data, declaredSize: name === 'xl/worksheets/sheet3.xml' ? 1000 : undefined })));
    expect(await errorsOf(bytes)).toEqual([{
      sheet: 'Chấm điểm', cell: '',
      message: xlsxText.sizeLied('xl/worksheets/sheet3.xml'),
    }]);
  });

  it('the cap on bytes inflated over the whole file', async () => {
    const bytes = await makeWorkbookBytes(coQuan, fillFor(coQuan));
    // The workbook parts come first, then the sheets: the cap is crossed on the dossier sheet.
    expect(await errorsOf(bytes, { maxInflatedBytes: 21_500 })).toEqual([{
      sheet: 'Hồ sơ', cell: '',
      message: xlsxText.tooMuchInflated(21_500),
    }]);
  });

  it('too many zip entries', async () => {
    const bytes = await makeWorkbookBytes(coQuan, fillFor(coQuan));
    expect(await errorsOf(bytes, { maxEntries: 5 })).toEqual(fileError(
      xlsxText.tooManyEntries(20, 5)));
  });

  it('an absurd sheet: dimension A1:XFD1048576 and a quarter of a million cells', async () => {
    const bytes = await editWorkbook(await makeWorkbookBytes(coQuan, fillFor(coQuan)), (parts) => {
      let xml = parts.get('xl/worksheets/sheet3.xml')!.replace(/<dimension ref="[^"]*"\/>/u, '<dimension ref="A1:XFD1048576"/>');
      const cells: string[] = [];
      for (let row = 100; row < 100 + 16; row++) for (let col = 1; col <= 16000; col++) cells.push(`<c r="${cellAddress(row, col)}"><v>1</v></c>`);
      // Rows 100+ lie after the table, so they are placed at the top where the reader must scan them.
      xml = xml.replace('<sheetData>', `<sheetData><row r="3">${cells.join('').replace(/r="([A-Z]+)\d+"/gu, 'r="$13"')}</row>`);
      parts.set('xl/worksheets/sheet3.xml', xml);
    });
    expect(await errorsOf(bytes)).toEqual([{
      sheet: 'Chấm điểm', cell: '',
      message: xlsxText.tooManyCells('Chấm điểm', 200_000),
    }]);
  });

  it('a defined name stretched over the whole sheet', async () => {
    const bytes = await editWorkbook(await makeWorkbookBytes(coQuan, fillFor(coQuan)), (parts) => {
      parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace("&apos;Chấm điểm&apos;!$A$4:$G$16", "&apos;Chấm điểm&apos;!$A$1:$XFD$1048576"));
    });
    expect(await errorsOf(bytes)).toEqual([{
      sheet: 'Chấm điểm', cell: '',
      message: xlsxText.rangeTooLarge('DH_BangChamDiem', "'Chấm điểm'!$A$1:$XFD$1048576"),
    }]);
  });

  it('missing parts', async () => {
    const base = await unzipParts(await makeWorkbookBytes(coQuan, fillFor(coQuan)));
    const without = (part: string) => zipParts([...base].filter(([name]) => name !== part).map(([name, data]) => ({ name, data })));
    expect(await errorsOf(without('xl/workbook.xml'))).toEqual(fileError(xlsxText.notWorkbookZip));
    expect(await errorsOf(without('xl/_rels/workbook.xml.rels'))).toEqual(fileError(xlsxText.missingPart('xl/_rels/workbook.xml.rels')));
    expect(await errorsOf(without('xl/sharedStrings.xml'))).toEqual(fileError(xlsxText.missingPart('xl/sharedStrings.xml')));
    expect(await errorsOf(without('xl/worksheets/sheet3.xml'))).toEqual([{ sheet: 'Chấm điểm', cell: '', message: xlsxText.missingSheetPart('Chấm điểm') }]);
  });

  it('other zip documents: OpenDocument, Word', async () => {
    const ods = zipParts([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), stored: true },
      { name: 'content.xml', data: Buffer.from('<office:document-content/>') },
    ]);
    expect(await errorsOf(ods)).toEqual(fileError(
      'Tệp ở định dạng OpenDocument (.ods), không được hỗ trợ. Hãy mở tệp, lưu lại dạng .xlsx (Excel: Tệp › Lưu thành, chọn kiểu "Sổ làm việc Excel (.xlsx)"; LibreOffice: Tệp › Lưu thành…, chọn kiểu "Excel 2007-365 (.xlsx)"; WPS: Tệp › Lưu thành, chọn kiểu .xlsx) rồi nộp lại.'));
    const docx = zipParts([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    expect(await errorsOf(docx)).toEqual(fileError(xlsxText.notWorkbookZip));
  });

  it('broken XML and entity tricks are refused without expanding anything', async () => {
    const broken = await editWorkbook(await makeWorkbookBytes(coQuan, fillFor(coQuan)), (parts) => {
      const xml = parts.get('xl/worksheets/sheet3.xml')!;
      parts.set('xl/worksheets/sheet3.xml', xml.slice(0, xml.indexOf('<c r="F9"') + 12));
    });
    const [issue] = await errorsOf(broken);
    expect(issue).toMatchObject({ sheet: 'Chấm điểm', cell: '' });
    expect(issue!.message).toMatch(/^Tệp \.xlsx bị hỏng, không đọc được\. Hãy mở tệp, lưu lại dạng \.xlsx \(Excel: .*; LibreOffice: .*; WPS: .*\) rồi nộp lại\. \(Chi tiết kỹ thuật, .*: xl\/worksheets\/sheet3\.xml, .+\.\)$/u);

    const laughs = await editWorkbook(await makeWorkbookBytes(coQuan, fillFor(coQuan)), (parts) => {
      const entities = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)];
      const xml = parts.get('xl/sharedStrings.xml')!
        .replace('<sst', `<!DOCTYPE sst [${entities.join('')}]><sst`)
        .replace('<si><t>Văn phòng UBND tỉnh Đồng Tháp</t></si>', '<si><t>&lol9;</t></si>');
      parts.set('xl/sharedStrings.xml', xml);
    });
    const [laugh] = await errorsOf(laughs);
    expect(laugh!.message).toBe(xlsxText.xmlBroken('xl/sharedStrings.xml', 'undefined entity'));
  });
});

describe('parts read before are remembered (the workbooks of a province share most of theirs), never trusted blindly', () => {
  /** The reader of a fresh module graph: nothing remembered yet. */
  async function freshReader() {
    vi.resetModules();
    return (await import('../../../server/xlsx/readWorkbook')).checkWorkbookBytes;
  }

  it('a workbook read again, under any limits, gives exactly what a first reading gives', async () => {
    const bytes = await makeWorkbookBytes(coQuan, fillFor(coQuan));
    for (const limits of [{}, { maxCells: 50 }, { maxInflatedBytes: 20_000 }, { maxRangeCells: 10 }]) {
      const first = await (await freshReader())(bytes, registry, limits);
      for (let i = 0; i < 3; i++) expect(await checkWorkbookBytes(bytes, registry, limits), JSON.stringify(limits)).toEqual(first);
    }
  });

  it('a part whose header now lies about its size is refused, though the same bytes were read honestly before', async () => {
    const parts = await unzipParts(await makeWorkbookBytes(coQuan, fillFor(coQuan)));
    const honest = zipParts([...parts].map(([name, data]) => ({ name, data })));
    for (let i = 0; i < 3; i++) expect((await checkWorkbookBytes(honest, registry)).ok).toBe(true);
    const lying = zipParts([...parts].map(([name, data]) => ({ name, data, declaredSize: name === 'xl/worksheets/sheet3.xml' ? data.length - 1 : undefined })));
    expect(await errorsOf(lying)).toEqual([{
      sheet: 'Chấm điểm', cell: '',
      message: xlsxText.sizeLied('xl/worksheets/sheet3.xml'),
    }]);
  });

  it('a part claiming the CRC of a remembered part is read for what it holds', async () => {
    const parts = await unzipParts(await makeWorkbookBytes(coQuan, fillFor(coQuan)));
    const original = parts.get('xl/worksheets/sheet3.xml')!;
    for (let i = 0; i < 3; i++) expect((await checkWorkbookBytes(zipParts([...parts].map(([name, data]) => ({ name, data }))), registry)).total).toBe(50);
    const lowered = Buffer.from(original.toString('utf8').replace(/(<c r="F5"[^>]*><v>)4(<\/v>)/u, '$13$2'));
    const forged = zipParts([...parts].map(([name, data]) => (name === 'xl/worksheets/sheet3.xml'
      ? { name, data: lowered, declaredCrc: zlib.crc32(original) }
      : { name, data })));
    expect((await checkWorkbookBytes(forged, registry)).total).toBe(49);
  });
});

/**
 * The start of an OLE2 compound file: its signature, then directory entry names in UTF-16LE, which
 * is all the reader looks at. (Real encrypted workbooks could not be produced here: LibreOffice
 * 7.4 headless hung when asked to save an .xlsx with a password.)
 */
function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.alloc(128 * (streams.length + 1));
  ['Root Entry', ...streams].forEach((name, i) => {
    directory.write(name, i * 128, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, i * 128 + 64);
  });
  return Buffer.concat([header, Buffer.alloc(512 * 3), directory, zlib.deflateRawSync(Buffer.alloc(1024))]);
}
