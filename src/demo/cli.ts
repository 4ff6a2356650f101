/** `pfa demo`: load the two demo incidents. */
import type { Command } from 'commander';
import { toJson } from '../cli/output.js';
import { action } from '../cli/runtime.js';
import { loadDemo } from './index.js';

export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description('load the demo incidents: the NASDAQ DNS outage of 2025-11-26 and an order-book OOM kill')
    .option('--replace', 'restore demo incidents that were changed since they were loaded (the changes are lost)')
    .action(
      action(async (rt, o: { replace?: boolean }) => {
        const results = await loadDemo(await rt.deps(), rt.ctx, { replace: Boolean(o.replace) });
        if (rt.output.json) rt.output.out(toJson({ loaded: results }));
        else for (const r of results) rt.output.out(`${r.id}: ${r.outcome}`);
      }),
    );
}
