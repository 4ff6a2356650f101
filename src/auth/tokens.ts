/**
 * API token format, pure: `pfa_` + 32 random bytes in base64url. Only the SHA-256 of a token is
 * stored, so a leaked database does not leak working credentials.
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'pfa_';

// 32 bytes → 43 base64url characters, no padding.
const TOKEN_PATTERN = /^pfa_[A-Za-z0-9_-]{43}$/;

/**
 * A new random token, to be shown to its owner once.
 * @example generateToken().startsWith('pfa_')
 */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * The stored form of a token: lowercase hex SHA-256 of the whole string.
 * @example hashToken('pfa_x').length === 64
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string has the shape of a pfa token (cheap check before any lookup). @example looksLikeToken(generateToken()) === true */
export function looksLikeToken(s: string): boolean {
  return TOKEN_PATTERN.test(s);
}

/**
 * Short public id of a token (for `pfa token revoke ID`): not derived from the secret.
 * @example newTokenId() // 'tok_3f9a1c0b7e2d'
 */
export function newTokenId(): string {
  return `tok_${randomBytes(6).toString('hex')}`;
}

/**
 * The token carried by an `Authorization: Bearer <token>` header, or undefined when there is none.
 * @example bearerToken('Bearer pfa_abc') === 'pfa_abc'
 */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization);
  return m?.[1];
}
