/**
 * The token slip tells the clerk to type one code, the long one beginning with the unit token's
 * prefix, in the unit page's one field, not the unit code printed above it (the unit page names a
 * unit code typed there, too).
 */
import PizZip from 'pizzip';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOKEN_PREFIXES } from '../../shared/api/tokens';
import { templatePath } from '../../server/documents/template';
import { viPortal } from '../../server/portal/i18n/vi';

/** The slip template's text, paragraph by paragraph. */
function slipParagraphs(): string[] {
  const xml = new PizZip(readFileSync(templatePath('slips'))).file('word/document.xml')!.asText();
  return xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join('')
    .replace(/&quot;/gu, '"').replace(/&amp;/gu, '&'));
}

describe('the token slip', () => {
  it('says to type the token, beginning with its prefix, in the page\'s field, not the unit code', () => {
    const step = slipParagraphs().find((p) => p.startsWith('2. '))!;
    expect(step).toBe(`2. Nhập mã nộp hồ sơ ở trên (dãy ký tự dài bắt đầu bằng "${TOKEN_PREFIXES.unit}", không phải mã đơn vị) vào ô "${viPortal.tokenLabel}" rồi bấm "${viPortal.signIn}" (gõ đúng từng ký tự, hoặc sao chép từ tệp này).`);
    expect(slipParagraphs().join('\n')).not.toContain('mã đơn vị và mã nộp hồ sơ');
  });
});
