/**
 * `dien-hinh admin-token --label "Nguyễn Văn A" [--data DIR]`: another admin token for one member
 * of the provincial staff, so the audit log says who did what. Printed once as `admin token: …`.
 * `--list` shows the labels in force (never a token); `--revoke <label>` revokes that label's
 * token(s), refusing the last one in force. Both are in the audit log.
 */
import { AppError } from '../../app/errors';
import { adminTokenText, serveText } from '../../app/messages';
import { createAdminToken, listAdminTokens, revokeAdminToken } from '../../app/units';
import { formatVnDateTime } from '../../../shared/deadlines/vietnamTime';
import type { Command } from '../command';
import { openCommandStore, parseCommandArgs, STORE_OPTIONS, storeLocation, usageError } from './serverArgs';

const USAGE = 'admin-token --label <tên> | admin-token --list [--json] | admin-token --revoke <tên>  [--data <thư mục>] [--database-url postgres://…]';
const CLI_ACTOR = 'dòng lệnh';

export const adminTokenCommand: Command = {
  name: 'admin-token',
  usage: USAGE,
  summary: 'Cấp thêm một mã quản trị mang tên một cán bộ Công an tỉnh, xem các mã còn hiệu lực, hoặc thu hồi mã của một người.',
  async run(args) {
    const parsed = parseCommandArgs({
      args, strict: true,
      options: { label: { type: 'string' }, list: { type: 'boolean' }, revoke: { type: 'string' }, json: { type: 'boolean' }, ...STORE_OPTIONS },
    }, USAGE);
    if (!parsed) return 2;
    const label = parsed.values.label?.normalize('NFC').trim();
    const revoke = parsed.values.revoke?.normalize('NFC').trim();
    const modes = [label !== undefined, parsed.values.list === true, revoke !== undefined].filter(Boolean).length;
    if (modes > 1) return usageError(USAGE, adminTokenText.oneMode);
    if (modes === 0 || label === '') return usageError(USAGE, adminTokenText.labelMissing);
    if (revoke === '') return usageError(USAGE, adminTokenText.labelMissing);
    const where = storeLocation(parsed.values, USAGE);
    if (!where) return 2;
    const store = await openCommandStore(where);
    if (!store) return 1;
    const ctx = { store, now: () => new Date() };
    try {
      if (parsed.values.list) {
        const tokens = await listAdminTokens(ctx);
        if (parsed.values.json) {
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
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 1;
    } finally {
      await store.close();
    }
  },
};

export default adminTokenCommand;
