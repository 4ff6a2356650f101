/** `pfa kb search`: past incidents that match a crash signature, tags, component, failure type or words. */
import type { Command } from 'commander';
import { collect, intOption } from '../cli/input.js';
import { toJson } from '../cli/output.js';
import { action } from '../cli/runtime.js';
import { InputError } from '../shared/errors.js';
import { printSimilar } from './present.js';
import { similarIncidents } from './service.js';

interface SearchOptions {
  signature?: string[];
  tag?: string[];
  text?: string;
  component?: string;
  failureType?: string;
  limit: number;
}

export function registerKnowledgeCommands(program: Command): void {
  const kb = program.command('kb').description('knowledge base: past incidents, their root causes and fixes');
  kb.command('search')
    .description('past incidents matching a crash signature (strongest), component and failure type, tags or words of title and root cause')
    // Signatures are taken whole: C++ frames in them may hold commas.
    .option('--signature <sig>', 'crash signature as printed by `pfa crash` (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--tag <tag>', 'tag (repeatable, or comma-separated)', collect)
    .option('--text <words>', 'words to look for in titles and root causes')
    .option('--component <component>', 'affected component, e.g. memory')
    .option('--failure-type <type>', 'failure type, e.g. memory_exhaustion')
    .option('--limit <n>', 'most results', intOption('--limit'), 10)
    .action(
      action(async (rt, o: SearchOptions) => {
        const query = {
          ...(o.signature?.length ? { signatures: o.signature } : {}),
          ...(o.tag?.length ? { tags: o.tag } : {}),
          ...(o.text ? { text: o.text } : {}),
          ...(o.component ? { component: o.component } : {}),
          ...(o.failureType ? { failure_type: o.failureType } : {}),
        };
        if (Object.keys(query).length === 0) throw new InputError('give at least one of --signature, --tag, --text, --component, --failure-type');
        const matches = await similarIncidents(await rt.deps(), query, { limit: Math.max(1, o.limit) });
        if (rt.output.json) return rt.output.out(toJson({ matches }));
        printSimilar(rt.output, matches);
      }),
    );
}
