/**
 * `dien-hinh admin-token --label "Nguyễn Văn A" [--data DIR]`: another admin token for one member
 * of the provincial staff, so the audit log says who did what. Printed once as `admin token: …`.
 */
import { adminTokenText, serveText } from '../../app/messages';
import { createAdminToken } from '../../app/units';
import { dataDirFrom } from '../../config/config';
import { openStore } from '../../store/open';
import type { Command } from '../command';
import { parseCommandArgs, usageError } from './serverArgs';

const USAGE = 'admin-token --label <tên> [--data <thư mục>]';

export const adminTokenCommand: Command = {
  name: 'admin-token',
  usage: USAGE,
  summary: 'Cấp thêm một mã quản trị mang tên một cán bộ Công an tỉnh (nhật ký thay đổi ghi tên người dùng mã).',
  async run(args) {
    const parsed = parseCommandArgs({ args, strict: true, options: { label: { type: 'string' }, data: { type: 'string' } } }, USAGE);
    if (!parsed) return 2;
    const label = parsed.values.label?.normalize('NFC').trim();
    if (!label) return usageError(USAGE, adminTokenText.labelMissing);
    const store = await openStore(dataDirFrom(parsed.values.data));
    try {
      const token = await createAdminToken({ store, now: () => new Date() }, label, 'dòng lệnh');
      process.stdout.write(`${adminTokenText.created(label)}\n${serveText.adminToken(token)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

export default adminTokenCommand;
