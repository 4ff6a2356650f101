/** `pfa kb search`: past incidents that match a crash signature, tags, component, failure type or words. */
import type { Command } from 'commander';
import { z } from 'zod';
import { collect, intOption, usageError, validateOptions } from '../cli/input.js';
import { toJson, type Output } from '../cli/output.js';
import { action } from '../cli/runtime.js';
import { choices } from '../incidents/schema/index.js';
import { printSimilar } from './present.js';
import type { SimilarityQuery } from './score.js';
import { explainNoMatch, similarIncidents } from './service.js';

interface SearchOptions {
  signature?: string[];
  tag?: string[];
  text?: string;
  component?: string;
  failureType?: string;
  limit: number;
}

// The same vocabulary as incident records: a misspelt component is an error, not an empty result.
const choiceOptions = z.object({ component: choices.component.one().optional(), failure_type: choices.failureType.one().optional() });

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
      action(async (rt, o: SearchOptions, cmd: Command) => {
        const { component, failure_type } = validateOptions(choiceOptions, { component: o.component, failure_type: o.failureType });
        const query: SimilarityQuery = {
          ...(o.signature?.length ? { signatures: o.signature } : {}),
          ...(o.tag?.length ? { tags: o.tag } : {}),
          ...(o.text ? { text: o.text } : {}),
          ...(component ? { component } : {}),
          ...(failure_type ? { failure_type } : {}),
        };
        if (Object.keys(query).length === 0) usageError(cmd, 'missing search criteria: give at least one of --signature, --tag, --text, --component, --failure-type');
        const deps = await rt.deps();
        const matches = await similarIncidents(deps, query, { limit: Math.max(1, o.limit) });
        if (rt.output.json) return rt.output.out(toJson({ matches }));
        if (matches.length === 0) return noMatch(rt.output, await explainNoMatch(deps, query));
        printSimilar(rt.output, matches);
      }),
    );
}

/** An empty result is an answer (exit 0, as `incident list` says "no incidents match"), with its reasons. */
function noMatch(output: Output, reasons: string[]): void {
  output.out(reasons.length ? reasons.join('\n') : 'no similar incident found');
}
