import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../audit/store.js';
import type { Store } from '../db/database.js';
import { cliContext, type Context } from '../shared/context.js';
import { databases, freshStore } from '../test/databases.js';
import { authenticate, createToken, LOCAL_PRINCIPAL, listTokens, revokeToken, tokensExist } from './service.js';
import { bearerToken, hashToken } from './tokens.js';

describe.each(databases)('API tokens on $name', (database) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const admin: Context = { ...cliContext(), actor: 'alice' };

  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(database));
  });
  afterEach(async () => cleanup());

  it('creates a token shown once and stores only its hash, audited', async () => {
    const deps = { db: store.db };
    expect(await tokensExist(deps)).toBe(false);
    const { token, info } = await createToken(deps, admin, { name: 'ci-bot', role: 'responder' });
    expect(token).toMatch(/^pfa_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({ name: 'ci-bot', role: 'responder', created_by: 'alice', revoked_at: null });
    expect(info.id).toMatch(/^tok_[0-9a-f]{12}$/);

    const rows = await store.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    expect(JSON.stringify(await listTokens(deps))).not.toContain('token_hash');

    const audit = await listAudit(store.db);
    expect(audit.map((e) => [e.action, e.subject, e.actor])).toEqual([['token.create', `token:${info.id}`, 'alice']]);
    expect(audit[0]?.changes).not.toContain(token);
    expect(await tokensExist(deps)).toBe(true);
  });

  it('validates input, refuses duplicates among live tokens and non-admins', async () => {
    const deps = { db: store.db };
    await expect(createToken(deps, admin, { name: 'x', role: 'god' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(createToken(deps, admin, { name: 'has space', role: 'viewer' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(createToken(deps, admin, { name: 'local', role: 'viewer' })).rejects.toMatchObject({ code: 'invalid_input' });
    const { info } = await createToken(deps, admin, { name: 'grafana', role: 'viewer' });
    await expect(createToken(deps, admin, { name: 'grafana', role: 'admin' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(createToken(deps, { ...admin, role: 'approver' }, { name: 'y', role: 'viewer' })).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(revokeToken(deps, { ...admin, role: 'responder' }, info.id)).rejects.toMatchObject({ code: 'not_allowed' });
    // Once revoked, the name is free again.
    await revokeToken(deps, admin, info.id);
    await expect(createToken(deps, admin, { name: 'grafana', role: 'viewer' })).resolves.toBeDefined();
  });

  it('authenticates live tokens and rejects revoked, unknown and malformed ones', async () => {
    const deps = { db: store.db };
    // No token at all: the local user passes only where the caller allows it (a loopback server).
    await expect(authenticate(deps, undefined, { localWhenNoTokens: true })).resolves.toEqual(LOCAL_PRINCIPAL);
    await expect(authenticate(deps, undefined)).rejects.toMatchObject({ code: 'unauthenticated' });

    const { token, info } = await createToken(deps, admin, { name: 'pager', role: 'viewer' });
    await expect(authenticate(deps, `Bearer ${token}`)).resolves.toEqual({ name: 'pager', role: 'viewer', tokenId: info.id });
    await expect(authenticate(deps, `bearer  ${token} `)).resolves.toMatchObject({ name: 'pager' });
    await expect(authenticate(deps, undefined, { localWhenNoTokens: true })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(authenticate(deps, `Bearer ${token}x`)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(authenticate(deps, `Basic ${token}`)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(authenticate(deps, 'Bearer pfa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).rejects.toMatchObject({ code: 'unauthenticated' });

    const revoked = await revokeToken(deps, admin, info.id);
    expect(revoked.changed).toBe(true);
    expect(revoked.info.revoked_at).not.toBeNull();
    await expect(authenticate(deps, `Bearer ${token}`)).rejects.toMatchObject({ code: 'unauthenticated' });
    // Revoking again is harmless and not audited twice; an unknown id is not found.
    expect((await revokeToken(deps, admin, info.id)).changed).toBe(false);
    await expect(revokeToken(deps, admin, 'tok_000000000000')).rejects.toMatchObject({ code: 'not_found' });
    expect((await listAudit(store.db)).map((e) => e.action)).toEqual(['token.create', 'token.revoke']);
    expect((await verifyAudit(store.db)).ok).toBe(true);
    // Every token revoked: the store is back to "no token".
    expect(await tokensExist(deps)).toBe(false);
  });
});

describe('bearerToken', () => {
  it('extracts the token of a Bearer header only', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('BEARER abc')).toBe('abc');
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Token abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
