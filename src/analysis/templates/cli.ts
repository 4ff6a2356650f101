/** `pfa templates`: the message templates of log files, with counts, first and last seen, and an example. */
import type { Command } from 'commander';
import { toJson, table } from '../../cli/output.js';
import { action } from '../../cli/runtime.js';
import { InputError } from '../../shared/errors.js';
import { mineLogs } from './index.js';

export function registerTemplateCommands(program: Command): void {
  program
    .command('templates <files...>')
    .description('mine the message templates of log files (headers detected as in `pfa logs parse`)')
    .option('--assignments', 'JSON lines, one per input line: {line, template_id, template}')
    .option('--tz <zone>', 'zone of timestamps that carry none', 'UTC')
    .option('--year <year>', 'year for timestamps without one')
    .option('--top <n>', 'rows in the human report', '30')
    .option('--threads <n>', 'worker threads for large inputs (default: one per core from 16 MiB; 0: none)')
    .action(
      action(async (rt, files: string[], o: { assignments?: boolean; tz: string; year?: string; top: string; threads?: string }) => {
        const year = o.year === undefined ? undefined : Number(o.year);
        if (year !== undefined && !Number.isInteger(year)) throw new InputError('--year must be a whole number');
        const threads = o.threads === undefined ? 'auto' : Number(o.threads);
        if (threads !== 'auto' && !(Number.isInteger(threads) && threads >= 0)) throw new InputError('--threads must be a whole number, 0 or more');
        const mined = await mineLogs(files, { tz: o.tz, ...(year !== undefined ? { year } : {}), threads, trackLines: Boolean(o.assignments) });
        const { templates } = mined;
        if (o.assignments) {
          // The template part of each JSON line is the same for all lines of a template: build it once.
          const tails = templates.map((t) => `,"template_id":${JSON.stringify(t.templateId)},"template":${JSON.stringify(t.template)}}\n`);
          const heads = files.map((f) => (files.length > 1 ? `{"file":${JSON.stringify(f)},"line":` : '{"line":'));
          let out = '';
          for (const { file, line, template } of mined.eachLine()) {
            out += `${heads[file] as string}${line}${tails[template] as string}`;
            if (out.length > 1 << 20) {
              await write(out);
              out = '';
            }
          }
          await write(out);
          return;
        }
        const rows = templates.map((t) => ({
          template_id: t.templateId,
          template: t.template,
          count: t.count,
          first_seen: t.firstSeen,
          last_seen: t.lastSeen,
          example: t.example,
        }));
        if (rt.output.json) return rt.output.out(toJson({ templates: rows }));
        const top = Number(o.top) || 30;
        rt.output.out(table(rows.slice(0, top), ['template_id', 'count', 'first_seen', 'template'], { maxWidth: 90 }));
        rt.output.out(`\n${rows.length} templates over ${mined.lines} lines${rows.length > top ? ` (top ${top} shown; --json for all)` : ''}`);
      }),
    );
}

/** Writes to stdout, waiting when the pipe is full. */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve).once('error', reject);
  });
}
