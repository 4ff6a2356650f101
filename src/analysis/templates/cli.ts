/** `pfa templates`: the message templates of log files, with counts, first and last seen, and an example. */
import type { Command } from 'commander';
import { toJson, table } from '../../cli/output.js';
import { action } from '../../cli/runtime.js';
import { InputError } from '../../shared/errors.js';
import { formatTimestamp } from '../../shared/time.js';
import { fileMtimeNs } from '../../evidence/files.js';
import { streamLogFile } from '../../evidence/logs/index.js';
import { createTemplateMiner } from './index.js';

interface LineRef {
  file: string;
  line: number;
  ns: bigint | null;
  /** The source's own timestamp text (full precision). */
  ts: string | null;
}

export function registerTemplateCommands(program: Command): void {
  program
    .command('templates <files...>')
    .description('mine the message templates of log files (headers detected as in `pfa logs parse`)')
    .option('--assignments', 'JSON lines, one per input line: {line, template_id, template}')
    .option('--tz <zone>', 'zone of timestamps that carry none', 'UTC')
    .option('--year <year>', 'year for timestamps without one')
    .option('--top <n>', 'rows in the human report', '30')
    .action(
      action(async (rt, files: string[], o: { assignments?: boolean; tz: string; year?: string; top: string }) => {
        const miner = createTemplateMiner({ trackLines: true });
        const refs: LineRef[] = [];
        const year = o.year === undefined ? undefined : Number(o.year);
        if (year !== undefined && !Number.isInteger(year)) throw new InputError('--year must be a whole number');
        for (const file of files) {
          const latest = fileMtimeNs(file);
          const stream = streamLogFile(file, { tz: o.tz, latest, ...(year !== undefined ? { year } : {}) });
          for await (const batch of stream.batches()) {
            for (const r of batch) {
              // A line the parser cannot read a header from is mined whole, so no line is lost.
              let message: string;
              let ns: bigint | null = null;
              let ts: string | null = null;
              if (r.kind === 'record') {
                message = r.record.message;
                ns = r.record.ns;
                ts = r.record.timestamp;
              } else if (r.kind === 'continuation') message = r.text;
              else if (r.reason === 'empty' || r.reason === 'binary') continue;
              else message = r.text;
              miner.add(message);
              refs.push({ file, line: r.line, ns, ts });
            }
          }
        }
        const templates = miner.templates();
        const assignment = miner.lineTemplates();
        const multi = files.length > 1;
        if (o.assignments) {
          let out = '';
          for (let i = 0; i < refs.length; i++) {
            const t = templates[assignment[i] ?? -1];
            const ref = refs[i] as LineRef;
            out += `${JSON.stringify({ ...(multi ? { file: ref.file } : {}), line: ref.line, template_id: t?.templateId ?? null, template: t?.template ?? null })}\n`;
            if (out.length > 1 << 20) {
              process.stdout.write(out);
              out = '';
            }
          }
          process.stdout.write(out);
          return;
        }
        const first = new Array<LineRef | undefined>(templates.length);
        const last = new Array<LineRef | undefined>(templates.length);
        for (let i = 0; i < refs.length; i++) {
          const k = assignment[i] ?? -1;
          const ref = refs[i] as LineRef;
          if (k < 0 || ref.ns === null) continue;
          const f = first[k];
          const l = last[k];
          if (!f || (f.ns as bigint) > ref.ns) first[k] = ref;
          if (!l || (l.ns as bigint) < ref.ns) last[k] = ref;
        }
        const seen = (r: LineRef | undefined) => (r ? (r.ts ?? formatTimestamp(r.ns as bigint, 9)) : null);
        const rows = templates.map((t, k) => ({
          template_id: t.templateId,
          template: t.template,
          count: t.count,
          first_seen: seen(first[k]),
          last_seen: seen(last[k]),
          example: t.example,
        }));
        if (rt.output.json) return rt.output.out(toJson({ templates: rows }));
        const top = Number(o.top) || 30;
        rt.output.out(table(rows.slice(0, top), ['template_id', 'count', 'first_seen', 'template'], { maxWidth: 90 }));
        rt.output.out(`\n${rows.length} templates over ${refs.length} lines${rows.length > top ? ` (top ${top} shown; --json for all)` : ''}`);
      }),
    );
}
