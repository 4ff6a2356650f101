/** Data access for API tokens: the only place that knows the api_tokens table. */
import type { Db } from '../db/database.js';
import type { ApiTokensTable } from '../db/tables.js';

/** A token as shown to people: everything but its hash. */
export type TokenInfo = Omit<ApiTokensTable, 'token_hash'>;

const PUBLIC_COLUMNS = ['id', 'name', 'role', 'created_at', 'created_by', 'revoked_at'] as const;

/** @example await insertToken(trx, { id, name, role, token_hash, created_at, created_by, revoked_at: null }); */
export async function insertToken(trx: Db, row: ApiTokensTable): Promise<void> {
  await trx.insertInto('api_tokens').values(row).execute();
}

/** The token with this hash, revoked or not. @example await findTokenByHash(db, hashToken(secret)) */
export async function findTokenByHash(db: Db, tokenHash: string): Promise<TokenInfo | undefined> {
  return db.selectFrom('api_tokens').select([...PUBLIC_COLUMNS]).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** @example await findToken(db, 'tok_3f9a1c0b7e2d') */
export async function findToken(db: Db, id: string): Promise<TokenInfo | undefined> {
  return db.selectFrom('api_tokens').select([...PUBLIC_COLUMNS]).where('id', '=', id).executeTakeFirst();
}

/** Whether any token is still valid: decides between local open access and required tokens. @example await hasActiveTokens(db) */
export async function hasActiveTokens(db: Db): Promise<boolean> {
  const row = await db.selectFrom('api_tokens').select('id').where('revoked_at', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** @example await findActiveTokenByName(db, 'grafana') */
export async function findActiveTokenByName(db: Db, name: string): Promise<TokenInfo | undefined> {
  return db.selectFrom('api_tokens').select([...PUBLIC_COLUMNS]).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
}

/** Every token, oldest first. @example await listTokenRows(db) */
export async function listTokenRows(db: Db): Promise<TokenInfo[]> {
  return db.selectFrom('api_tokens').select([...PUBLIC_COLUMNS]).orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
}

/** Marks a token revoked if it is not yet; returns whether it changed. @example await markRevoked(trx, id, nowTimestamp()) */
export async function markRevoked(trx: Db, id: string, at: string): Promise<boolean> {
  const res = await trx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
