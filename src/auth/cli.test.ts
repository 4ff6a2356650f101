/** `pfa token revoke` takes a token's id or the name of an active token. */
import { describe, expect, it } from 'vitest';
import { useCli } from '../test/cli.js';
import { tokenIdOf } from './cli.js';
import type { TokenInfo } from './service.js';

const tok = (id: string, name: string, revoked_at: string | null = null): TokenInfo => ({ id, name, role: 'responder', created_at: '2025-11-26T10:00:00Z', created_by: 'admin', revoked_at });

describe('tokenIdOf', () => {
  const tokens = [tok('tok_old', 'ci-bot', '2025-11-20T00:00:00Z'), tok('tok_new', 'ci-bot'), tok('tok_graf', 'grafana'), tok('tok_a', 'twin'), tok('tok_b', 'twin')];

  it('takes an id as it is, and a name for its one active token', () => {
    expect(tokenIdOf(tokens, 'tok_graf')).toBe('tok_graf');
    expect(tokenIdOf(tokens, 'tok_old')).toBe('tok_old');
    expect(tokenIdOf(tokens, 'ci-bot')).toBe('tok_new');
  });

  it('lists the ids of an ambiguous name, and says when nothing has that id or name', () => {
    expect(() => tokenIdOf(tokens, 'twin')).toThrow('2 active tokens are named "twin": give the id of the one to revoke (tok_a, tok_b)');
    expect(() => tokenIdOf(tokens, 'nobody')).toThrow(/no token with id or name "nobody"/);
  });

  it('answers a name whose tokens are all revoked with the latest of them (already revoked)', () => {
    expect(tokenIdOf([tok('tok_1', 'x', '2025-01-01T00:00:00Z'), tok('tok_2', 'x', '2025-02-01T00:00:00Z')], 'x')).toBe('tok_2');
  });
});

const { pfa } = useCli('pfa-token-cli-');

describe('pfa token revoke', () => {
  it('revokes by name as by id', () => {
    const created = JSON.parse(pfa(['--json', 'token', 'create', '--name', 'ci-bot', '--role', 'responder']).stdout) as { id: string };
    const r = pfa(['token', 'revoke', 'ci-bot']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`revoked token ${created.id} "ci-bot"\n`);
    expect(pfa(['token', 'revoke', created.id]).stdout).toMatch(/was already revoked/);
    const none = pfa(['token', 'revoke', 'nobody']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^pfa: no token with id or name "nobody"/);
  });
});
