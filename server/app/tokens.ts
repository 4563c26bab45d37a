/**
 * Bearer tokens: 32 random bytes, shown once; the store keeps only their SHA-256. The prefix says
 * what a token is for when a person finds one in a mail ("dha_" admin, "dhu_" unit).
 */
import { createHash, randomBytes } from 'node:crypto';
import { TOKEN_PREFIXES } from '../../shared/api/tokens';

export type TokenKind = 'admin' | 'unit';

export function newToken(kind: TokenKind): string {
  return `${TOKEN_PREFIXES[kind]}${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
