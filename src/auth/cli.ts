/** `pfa token create|list|revoke`: manage the API tokens of the store. */
import type { Command } from 'commander';
import { action } from '../cli/runtime.js';
import { table, toJson } from '../cli/output.js';
import { ROLES } from '../shared/context.js';
import { InputError, NotFoundError } from '../shared/errors.js';
import { createToken, listTokens, revokeToken, type TokenInfo } from './service.js';

interface CreateOptions {
  name: string;
  role: string;
}

/**
 * The token a user means by `ref`: its id, else the one active token of that name (names are what
 * people remember; `token create` keeps them unique among active tokens, but an old store may not).
 * @example tokenIdOf(await listTokens(deps), 'ci-bot') // 'tok_3f9a1c0b7e2d'
 */
export function tokenIdOf(tokens: readonly TokenInfo[], ref: string): string {
  if (tokens.some((t) => t.id === ref)) return ref;
  const named = tokens.filter((t) => t.name === ref);
  const active = named.filter((t) => t.revoked_at === null);
  if (active.length > 1) throw new InputError(`${active.length} active tokens are named "${ref}": give the id of the one to revoke (${active.map((t) => t.id).join(', ')})`);
  if (active[0]) return active[0].id;
  // Only revoked ones: revoking is idempotent, so the latest is reported as already revoked.
  const latest = named[named.length - 1];
  if (latest) return latest.id;
  throw new NotFoundError(`no token with id or name "${ref.slice(0, 40)}" (see \`pfa token list\`)`, { ref });
}

/**
 * @example registerTokenCommands(program); // pfa token create --name ci --role responder
 */
export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('manage API tokens for `pfa serve`');

  token
    .command('create')
    .description('create an API token; the secret is printed once and only its hash is stored')
    .requiredOption('--name <name>', 'who uses the token (recorded as the actor of its changes)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .action(
      action(async (rt, opts: CreateOptions) => {
        const { token: secret, info } = await createToken(await rt.deps(), rt.ctx, { name: opts.name, role: opts.role });
        if (rt.output.json) {
          rt.output.out(toJson({ ...info, token: secret }));
          return;
        }
        rt.output.out(`created token ${info.id} "${info.name}" (role ${info.role})`);
        rt.output.out(secret);
        rt.output.err('store it now: it is shown only this once and cannot be recovered');
      }),
    );

  token
    .command('list')
    .description('list API tokens (never their secrets)')
    .action(
      action(async (rt) => {
        const tokens = await listTokens(await rt.deps());
        if (rt.output.json) {
          rt.output.out(toJson(tokens));
          return;
        }
        if (tokens.length === 0) {
          rt.output.out('no API tokens: `pfa serve` accepts unauthenticated requests on loopback only');
          return;
        }
        const rows = tokens.map((t) => ({ ...t, state: t.revoked_at ? `revoked ${t.revoked_at}` : 'active' }));
        rt.output.out(table(rows, ['id', 'name', 'role', 'state', 'created_at', 'created_by']));
      }),
    );

  token
    .command('revoke')
    .description('revoke an API token at once')
    .argument('<token>', 'token id (tok_…) or the name of an active token, as shown by `pfa token list`')
    .action(
      action(async (rt, ref: string) => {
        const deps = await rt.deps();
        const id = tokenIdOf(await listTokens(deps), ref);
        const { info, changed } = await revokeToken(deps, rt.ctx, id);
        if (rt.output.json) {
          rt.output.out(toJson({ ...info, changed }));
          return;
        }
        rt.output.out(changed ? `revoked token ${info.id} "${info.name}"` : `token ${info.id} "${info.name}" was already revoked (${info.revoked_at ?? ''})`);
      }),
    );
}
