/**
 * API token use cases: create (the secret is returned once), list, revoke, and authenticate a
 * request's bearer token. Creation and revocation are audited in the same transaction.
 */
import { z } from 'zod';
import { appendAudit } from '../audit/store.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { ROLES, roleAtLeast, type Context, type Role } from '../shared/context.js';
import { AuthenticationError, ConflictError, NotAllowedError, NotFoundError } from '../shared/errors.js';
import { nowTimestamp } from '../shared/time.js';
import { validate } from '../shared/validation.js';
import { findActiveTokenByName, findToken, findTokenByHash, hasActiveTokens, insertToken, listTokenRows, markRevoked, type TokenInfo } from './store.js';
import { bearerToken, generateToken, hashToken, looksLikeToken, newTokenId } from './tokens.js';

export type { TokenInfo };

/** Who a request acts as. */
export interface Principal {
  /** Token name, or `local` for the unauthenticated loopback user of a store without tokens. */
  name: string;
  role: Role;
  /** Id of the token used, null for the local user. */
  tokenId: string | null;
}

/** The actor of requests on a loopback server whose store has no token yet. */
export const LOCAL_PRINCIPAL: Principal = { name: 'local', role: 'admin', tokenId: null };

export const tokenCreateSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, 'name is required')
      .max(100)
      .regex(/^[\w.@:-]+$/, 'use letters, digits and . _ - @ : (no spaces)')
      // `local` is the actor of unauthenticated loopback requests; a token must not pass for it.
      .refine((n) => n !== 'local', '"local" is reserved for the loopback user'),
    role: z.enum(ROLES, { message: `expected one of ${ROLES.join(', ')}` }),
  })
  .meta({ id: 'TokenCreate' });

interface TokenDeps {
  db: Db;
}

function requireAdmin(ctx: Context, what: string): void {
  if (!roleAtLeast(ctx.role, 'admin')) throw new NotAllowedError(`${what} needs the admin role (you are ${ctx.role})`, { needed: 'admin', role: ctx.role });
}

/**
 * Creates a token and returns its secret, which is stored only as a hash and never shown again.
 * @example const { token, info } = await createToken(deps, ctx, { name: 'ci-bot', role: 'responder' });
 */
export async function createToken(deps: TokenDeps, ctx: Context, input: unknown): Promise<{ token: string; info: TokenInfo }> {
  requireAdmin(ctx, 'creating a token');
  const { name, role } = validate(tokenCreateSchema, input, 'token');
  const token = generateToken();
  const info: TokenInfo = { id: newTokenId(), name, role, created_at: nowTimestamp(), created_by: ctx.actor, revoked_at: null };
  await inTransaction(deps.db, async (trx) => {
    // Audit entries name the actor by token name, so two live tokens must not share one.
    if (await findActiveTokenByName(trx, name)) throw new ConflictError(`an active token named "${name}" exists already; revoke it first or pick another name`, { details: { name } });
    await insertToken(trx, { ...info, token_hash: hashToken(token) });
    await appendAudit(trx, ctx, { action: 'token.create', subject: `token:${info.id}`, changes: { name, role } });
  });
  return { token, info };
}

/** @example const tokens = await listTokens(deps); */
export function listTokens(deps: TokenDeps): Promise<TokenInfo[]> {
  return listTokenRows(deps.db);
}

/**
 * Revokes a token; revoking one already revoked changes nothing (and is not audited again).
 * @example const { info, changed } = await revokeToken(deps, ctx, 'tok_3f9a1c0b7e2d');
 */
export async function revokeToken(deps: TokenDeps, ctx: Context, id: string): Promise<{ info: TokenInfo; changed: boolean }> {
  requireAdmin(ctx, 'revoking a token');
  return inTransaction(deps.db, async (trx) => {
    const existing = await findToken(trx, id);
    if (!existing) throw new NotFoundError(`token ${id.slice(0, 40)} not found`, { id });
    const at = nowTimestamp();
    if (!(await markRevoked(trx, id, at))) return { info: existing, changed: false };
    await appendAudit(trx, ctx, { action: 'token.revoke', subject: `token:${id}`, changes: { name: existing.name, role: existing.role } });
    return { info: { ...existing, revoked_at: at }, changed: true };
  });
}

/** Whether the store has at least one token that is not revoked. @example if (!(await tokensExist(deps))) … */
export function tokensExist(deps: TokenDeps): Promise<boolean> {
  return hasActiveTokens(deps.db);
}

const roleSchema = z.enum(ROLES);

/**
 * Resolves an Authorization header to a principal. Without a header, the request passes as the
 * local admin only when `localWhenNoTokens` is set and no active token exists.
 * @example const who = await authenticate(deps, req.headers.authorization, { localWhenNoTokens: true });
 */
export async function authenticate(
  deps: TokenDeps,
  authorization: string | undefined,
  { localWhenNoTokens = false }: { localWhenNoTokens?: boolean } = {},
): Promise<Principal> {
  const token = bearerToken(authorization);
  if (token === undefined) {
    if (authorization !== undefined) throw new AuthenticationError('malformed Authorization header: expected "Bearer <token>"');
    // Checked per request: a token created with the CLI while the server runs closes the open door at once.
    if (localWhenNoTokens && !(await hasActiveTokens(deps.db))) return LOCAL_PRINCIPAL;
    throw new AuthenticationError('an API token is required: send "Authorization: Bearer <token>" (create one with `pfa token create`)');
  }
  const found = looksLikeToken(token) ? await findTokenByHash(deps.db, hashToken(token)) : undefined;
  if (!found || found.revoked_at !== null) throw new AuthenticationError('invalid or revoked API token');
  const role = roleSchema.safeParse(found.role);
  if (!role.success) throw new AuthenticationError(`token ${found.id} has an unknown role "${found.role}"`);
  return { name: found.name, role: role.data, tokenId: found.id };
}
