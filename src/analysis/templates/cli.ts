/** `pfa templates`: the message templates of log files, with counts, first and last seen, and an example. */
import type { Command } from 'commander';
import { dateOption, intOption, requireFiles } from '../../cli/input.js';
import { toJson, table, writeOut } from '../../cli/output.js';
import { action } from '../../cli/runtime.js';
import { withDecompressedAll } from '../../evidence/files.js';
import { binaryWarning, looksBinary, mineLogs, qualityNote } from './index.js';

interface TemplateOptions {
  assignments?: boolean;
  tz: string;
  year?: number;
  date?: string;
  top: number;
  threads?: number;
}

export function registerTemplateCommands(program: Command): void {
  program
    .command('templates <files...>')
    .description('mine the message templates of log files (headers detected as in `pfa logs parse`)')
    .option('--assignments', 'JSON lines, one per input line: {line, template_id, template}')
    .option('--tz <zone>', 'zone of timestamps that carry none', 'UTC')
    .option('--year <year>', 'year for timestamps without one', intOption('--year', { min: 1900, max: 9999 }))
    .option('--date <yyyy-mm-dd>', 'date of the first line of a log whose lines give only the time of day', dateOption('--date'))
    .option('--top <n>', 'rows in the human report', intOption('--top', { min: 1 }), 30)
    .option('--threads <n>', 'worker threads for large inputs (default: one per core from 16 MiB; 0: none)', intOption('--threads', { max: 64 }))
    .action(
      action(async (rt, files: string[], o: TemplateOptions) => {
        // A directory would fail in the middle of the read, with an error that names no path.
        requireFiles(files);
        const { year, date, threads = 'auto', top } = o;
        // Rotated logs compressed by logrotate are mined from decompressed copies (their lines keep the file's name).
        const mined = await withDecompressedAll(files, (plain) => mineLogs(plain, { tz: o.tz, ...(year !== undefined ? { year } : {}), ...(date !== undefined ? { date } : {}), threads, trackLines: Boolean(o.assignments) }));
        const { templates } = mined;
        // Said before any output: a file of random or compressed bytes yields templates that are noise.
        mined.files.forEach((q, i) => {
          const warning = binaryWarning(files[i] as string, q);
          if (warning) rt.output.err(warning);
        });
        if (o.assignments) {
          // The template part of each JSON line is the same for all lines of a template: build it once.
          const tails = templates.map((t) => `,"template_id":${JSON.stringify(t.templateId)},"template":${JSON.stringify(t.template)}}\n`);
          const heads = files.map((f) => (files.length > 1 ? `{"file":${JSON.stringify(f)},"line":` : '{"line":'));
          let out = '';
          for (const { file, line, template } of mined.eachLine()) {
            out += `${heads[file] as string}${line}${tails[template] as string}`;
            if (out.length > 1 << 20) {
              await writeOut(out);
              out = '';
            }
          }
          await writeOut(out);
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
        if (rt.output.json) {
          const inputs = mined.files.map((q, i) => ({ file: files[i], lines: q.lines, skipped_binary: q.binary, invalid_utf8: q.invalidUtf8, looks_binary: looksBinary(q) }));
          return rt.output.out(toJson({ templates: rows, files: inputs }));
        }
        rt.output.out(table(rows.slice(0, top), ['template_id', 'count', 'first_seen', 'last_seen', 'template'], { maxWidth: 90 }));
        rt.output.out(`\n${rows.length} templates over ${mined.lines} lines${rows.length > top ? ` (top ${top} shown; --json for all)` : ''}`);
        for (const [i, q] of mined.files.entries()) {
          const note = qualityNote(files[i] as string, q);
          if (note) rt.output.out(note);
        }
      }),
    );
}

