/** `pfa token create|list|revoke`: manage the API tokens of the store. */
import type { Command } from 'commander';
import { action } from '../cli/runtime.js';
import { table, toJson } from '../cli/output.js';
import { ROLES } from '../shared/context.js';
import { createToken, listTokens, revokeToken } from './service.js';

interface CreateOptions {
  name: string;
  role: string;
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
    .argument('<id>', 'token id, as shown by `pfa token list`')
    .action(
      action(async (rt, id: string) => {
        const { info, changed } = await revokeToken(await rt.deps(), rt.ctx, id);
        if (rt.output.json) {
          rt.output.out(toJson({ ...info, changed }));
          return;
        }
        rt.output.out(changed ? `revoked token ${info.id} "${info.name}"` : `token ${info.id} "${info.name}" was already revoked (${info.revoked_at ?? ''})`);
      }),
    );
}
