/**
 * "Nơi nhận" never includes the signer (Nghị định 30/2020/NĐ-CP: the recipients are who the
 * document goes to; the person who signs it keeps no copy "để b/c"). Pure.
 */
import { searchKey } from '../units/identity';

export interface Signer {
  /** Quyền hạn: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", or empty when the head signs. */
  authority: string;
  /** Chức vụ: "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHỦ TỊCH". */
  title: string;
  /** Họ tên; empty to be written by hand. */
  name: string;
}

/**
 * Whether a recipient line names the signer: by name, or by the signer's office ("Đồng chí Giám
 * đốc" when the Giám đốc signs). A deputy's office does not name the head: when "PHÓ GIÁM ĐỐC"
 * signs on behalf of the Giám đốc (KT.), "Đồng chí Giám đốc (để b/c)" is a proper recipient; and
 * "Phó Giám đốc" does not name the Giám đốc. Accent- and case-insensitive.
 */
export function recipientNamesSigner(line: string, signer: Signer): boolean {
  const text = ` ${searchKey(line).replace(/[^a-z0-9]+/gu, ' ')} `;
  const name = searchKey(signer.name).replace(/[^a-z0-9]+/gu, ' ').trim();
  if (name && text.includes(` ${name} `)) return true;
  const title = searchKey(signer.title).replace(/[^a-z0-9]+/gu, ' ').trim();
  if (!title) return false;
  for (let at = text.indexOf(` ${title} `); at >= 0; at = text.indexOf(` ${title} `, at + 1)) {
    // "phó giám đốc" is another office than "giám đốc".
    if (!title.startsWith('pho ') && text.slice(0, at + 1).endsWith(' pho ')) continue;
    return true;
  }
  return false;
}
