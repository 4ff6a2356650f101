/** `pfa policy ID` and `pfa overdue`: is a post-mortem mandatory, and which deadlines are slipping. */
import type { Command } from 'commander';
import { paint, table, toJson } from '../cli/output.js';
import { action } from '../cli/runtime.js';
import { EXIT } from '../cli/exit.js';
import { overdueDeadlines, policyFor } from './service.js';

export function registerPolicyCommands(program: Command): void {
  program
    .command('policy <id>')
    .description('whether a post-mortem is mandatory for an incident (with the reasons) and its deadlines')
    .action(
      action(async (rt, id: string) => {
        const p = await policyFor(await rt.deps(), id);
        if (rt.output.json) return rt.output.out(toJson(p));
        rt.output.out(`${p.incident_id}  ${p.title}`);
        rt.output.out(`Post-mortem: ${p.mandatory ? paint('MANDATORY') : 'optional'}`);
        for (const r of p.reasons) rt.output.out(`  - ${r}`);
        rt.output.out('');
        rt.output.out(
          table(
            p.deadlines.map((d) => ({ deadline: d.label, due_at: d.due_at ?? '(after the incident ends)', done_at: d.done_at ?? '', state: paint(d.state) })),
            ['deadline', 'due_at', 'done_at', 'state'],
          ),
        );
      }),
    );

  program
    .command('overdue')
    .description('missed post-mortem deadlines across incidents not yet closed')
    .option('--fail', 'exit with code 1 when anything is overdue (for cron and CI checks)')
    .action(
      action(async (rt, o: { fail?: boolean }) => {
        const items = await overdueDeadlines(await rt.deps());
        // The same page as GET /api/v1/overdue.
        if (rt.output.json) rt.output.out(toJson({ total: items.length, items }));
        else if (items.length === 0) rt.output.out('nothing overdue');
        else
          rt.output.out(
            table(
              items.map((i) => ({ incident: i.incident_id, severity: paint(i.severity), status: i.status, deadline: i.deadline.label, due_at: i.deadline.due_at ?? '', title: i.title })),
              ['incident', 'severity', 'status', 'deadline', 'due_at', 'title'],
            ),
          );
        if (o.fail && items.length > 0) process.exitCode = EXIT.user;
      }),
    );
}
