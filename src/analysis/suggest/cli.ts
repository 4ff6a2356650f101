/**
 * `pfa rca suggest ID`: proposed contributing factors of an incident from its evidence. Registered
 * together with `pfa kb` (knowledge/cli.ts), whose past incidents the suggestions draw on.
 */
import type { Command } from 'commander';
import { table, toJson } from '../../cli/output.js';
import { action } from '../../cli/runtime.js';
import { registerKnowledgeCommands } from '../../knowledge/cli.js';
import { suggestForIncident } from './service.js';

/**
 * Adds `rca suggest` (to the `rca` command of rank/cli.ts, or a new one) and `kb search`.
 * @example registerSuggestCommands(program);
 */
export function registerSuggestCommands(program: Command): void {
  const rca = program.commands.find((c) => c.name() === 'rca') ?? program.command('rca').description('root-cause analysis');
  rca
    .command('suggest <id>')
    .description("propose contributing factors from the incident's metric and log evidence and similar past incidents")
    .action(
      action(async (rt, id: string) => {
        const s = await suggestForIncident(await rt.deps(), id);
        if (rt.output.json) return rt.output.out(toJson(s));
        rt.output.out(`${s.incident_id}: onset ${s.onset} (${s.onset_source})`);
        if (s.factors.length === 0) rt.output.out('\nno contributing factor to suggest');
        else {
          rt.output.out('');
          rt.output.out(
            table(
              s.factors.map((f, i) => ({ '#': i + 1, kind: f.kind, score: f.score === undefined ? '' : f.score.toFixed(2), factor: f.description })),
              ['#', 'kind', 'score', 'factor'],
              { maxWidth: 110 },
            ),
          );
          rt.output.out('\nevidence:');
          s.factors.forEach((f, i) => {
            const links = f.evidence.map((e) => `${e.evidence_id} ${e.ref}`);
            if (links.length) rt.output.out(`  ${i + 1}. ${links.slice(0, 6).join('; ')}${links.length > 6 ? ` (+${links.length - 6} more)` : ''}`);
          });
        }
        for (const n of s.notes) rt.output.err(`note: ${n}`);
      }),
    );
  registerKnowledgeCommands(program);
}
