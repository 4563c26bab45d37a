/**
 * `dien-hinh admin-token --label "Nguyễn Văn A" [--data DIR]`: another admin token for one member
 * of the provincial staff, so the audit log says who did what. Printed once as `admin token: …`.
 * `--list` shows the labels in force (never a token); `--revoke <label>` revokes that label's
 * token(s), refusing the last one in force. Both are in the audit log.
 */
import { adminTokenText, serveText } from '../../app/messages';
import { createAdminToken, listAdminTokens, revokeAdminToken } from '../../app/units';
import { formatVnDateTime } from '../../../shared/deadlines/vietnamTime';
import { DATA_OPTION, DATABASE_URL_OPTION, defineCommand } from '../command';
import { dataFolderMissing, storeLocation, withCommandStore } from '../store';

const CLI_ACTOR = 'dòng lệnh';

export const adminTokenCommand = defineCommand({
  name: 'admin-token',
  summary: 'Cấp thêm một mã quản trị mang tên một cán bộ Công an tỉnh, xem các mã còn hiệu lực, hoặc thu hồi mã của một người.',
  usage: ['admin-token --label <tên> [--data <thư mục>]', 'admin-token --list [--json] [--data <thư mục>]', 'admin-token --revoke <tên> [--data <thư mục>]'],
  options: {
    label: { type: 'string', value: '<tên>', description: 'cấp mã quản trị mới cho cán bộ này (nhật ký thay đổi ghi tên này)' },
    list: { type: 'boolean', description: 'liệt kê tên và thời điểm cấp của các mã còn hiệu lực (không hiện mã)' },
    revoke: { type: 'string', value: '<tên>', description: 'thu hồi mã quản trị mang tên này (không thu hồi được mã cuối cùng)' },
    json: { type: 'boolean', description: 'với --list: in dạng JSON' },
    data: DATA_OPTION,
    'database-url': DATABASE_URL_OPTION,
  },
  examples: [
    'dien-hinh admin-token --label "Nguyễn Văn An" --data /srv/dien-hinh',
    'dien-hinh admin-token --list --data /srv/dien-hinh',
    'dien-hinh admin-token --revoke "Nguyễn Văn An" --data /srv/dien-hinh',
  ],
  async run({ values }, usageError) {
    const label = values.label?.normalize('NFC').trim();
    const revoke = values.revoke?.normalize('NFC').trim();
    const modes = [label !== undefined, values.list, revoke !== undefined].filter(Boolean).length;
    if (modes > 1) return usageError(adminTokenText.oneMode);
    if (modes === 0 || label === '') return usageError(adminTokenText.labelMissing);
    if (revoke === '') return usageError(adminTokenText.labelMissing);
    const where = storeLocation(values, usageError);
    if (!where) return 2;
    // The first admin token is printed by the first `serve`: this command works on an existing data folder.
    if (dataFolderMissing(where)) return 1;
    return withCommandStore(where, async (store) => {
      const ctx = { store, now: () => new Date() };
      if (values.list) {
        const tokens = await listAdminTokens(ctx);
        if (values.json) {
          process.stdout.write(`${JSON.stringify(tokens.map((t) => ({ label: t.label, createdAt: t.createdAt.toISOString() })), null, 2)}\n`);
        } else {
          process.stdout.write(`${adminTokenText.listHeader(tokens.length)}\n`);
          for (const t of tokens) process.stdout.write(`${t.label}\t${formatVnDateTime(t.createdAt)}\n`);
        }
        return 0;
      }
      if (revoke !== undefined) {
        const count = await revokeAdminToken(ctx, revoke, CLI_ACTOR);
        process.stdout.write(`${adminTokenText.revoked(revoke, count)}\n`);
        return 0;
      }
      const token = await createAdminToken(ctx, label!, CLI_ACTOR);
      process.stdout.write(`${adminTokenText.created(label!)}\n${serveText.adminToken(token)}\n`);
      return 0;
    });
  },
});

export default adminTokenCommand;
