/** `pfa store copy TARGET`: move the store to PostgreSQL (or back), or take a consistent backup of it. */
import type { Command } from 'commander';
import { EXIT } from '../cli/exit.js';
import { progressLine, table, toJson } from '../cli/output.js';
import { action, checkDatabaseUrl } from '../cli/runtime.js';
import { copyStore } from './copy.js';

export function registerStoreCommands(program: Command): void {
  const store = program.command('store').description('the store as a whole: copy it to another SQLite file or PostgreSQL database');

  store
    .command('copy')
    .description('copy every table of the store (incidents, evidence, reviews, audit trail, tokens…) into an empty TARGET, from one snapshot, in one transaction, verified')
    .argument('<target>', 'an SQLite file (created when missing; its directory must exist) or postgres://user:pass@host/db')
    .addHelpText(
      'after',
      '\nThe store copied is the one --db / PFA_DATABASE_URL names, read as of one moment (pfa serve may keep writing).\n' +
        'TARGET must be empty; a failure leaves it so. Examples:\n' +
        '  pfa store copy postgres://pfa@db.example/pfa      # a laptop store to the team database\n' +
        '  pfa store copy ~/backups/pfa-$(date +%F).db       # a consistent backup file\n',
    )
    .action(
      action(async (rt, target: string) => {
        const { store: source } = await rt.deps();
        const progress = progressLine();
        const result = await copyStore(source, checkDatabaseUrl(target), {
          onProgress: (p) => progress.update(`copying ${p.table}: ${p.copied}/${p.total} rows`),
        }).finally(() => progress.done());
        if (rt.output.json) rt.output.out(toJson({ target: result.target, tables: result.tables, verified: result.verified }));
        else {
          rt.output.out(table(Object.entries(result.tables).map(([name, rows]) => ({ table: name, rows })), ['table', 'rows']));
          if (result.verified) rt.output.out(`copied into ${result.target}: row counts equal, audit trail intact (${result.tables.audit_log} entries)`);
        }
        if (!result.verified) {
          // The source's own chain was broken: copied faithfully, and reported like `pfa audit verify` does.
          rt.output.err(`copied into ${result.target}, but the audit trail was already broken in the source: ${result.problems.length} problem(s)`);
          for (const p of result.problems) rt.output.err(`  entry ${p.seq}: ${p.message}`);
          process.exitCode = EXIT.user;
        }
      }),
    );
}
