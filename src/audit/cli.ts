/** `pfa audit list|verify`: read the audit trail and check its hash chain. */
import type { Command } from 'commander';
import { intOption } from '../cli/input.js';
import { EXIT } from '../cli/exit.js';
import { table, toJson } from '../cli/output.js';
import { action } from '../cli/runtime.js';
import { presentAuditEntry } from './schema.js';
import { listAudit, verifyAudit } from './store.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail of every change');

  audit
    .command('list')
    .description('audit entries, oldest first')
    .option('--subject <id>', 'only entries about this incident (or token)')
    .option('--limit <n>', 'page size', intOption('--limit'), 100)
    .option('--offset <n>', 'skip this many', intOption('--offset'), 0)
    .action(
      action(async (rt, o: { subject?: string; limit: number; offset: number }) => {
        const entries = await listAudit((await rt.deps()).db, o);
        // The page of `GET /api/v1/audit`, entry for entry.
        if (rt.output.json) return rt.output.out(toJson({ items: entries.map(presentAuditEntry), limit: o.limit, offset: o.offset }));
        if (entries.length === 0) return rt.output.out('no audit entries');
        rt.output.out(table(entries, ['seq', 'at', 'actor', 'source', 'action', 'subject']));
      }),
    );

  audit
    .command('verify')
    .description('check the hash chain: exits 1 if any entry was edited, removed or reordered')
    .action(
      action(async (rt) => {
        const result = await verifyAudit((await rt.deps()).db);
        if (rt.output.json) rt.output.out(toJson(result));
        else if (result.ok) rt.output.out(`audit trail intact: ${result.checked} entries verified`);
        else {
          rt.output.err(`audit trail TAMPERED: ${result.problems.length} problem(s) in ${result.checked} entries`);
          for (const p of result.problems) rt.output.err(`  entry ${p.seq}: ${p.message}`);
        }
        if (!result.ok) process.exitCode = EXIT.user;
      }),
    );
}
