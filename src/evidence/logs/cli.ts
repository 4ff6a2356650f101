/** `pfa logs parse`: the parsing layer on its own, one JSON object per input line. */
import type { Command } from 'commander';
import { dateOption, intOption } from '../../cli/input.js';
import { toJson } from '../../cli/output.js';
import { action, type Runtime } from '../../cli/runtime.js';
import { InputError } from '../../shared/errors.js';
import { fileMtimeNs, withDecompressed } from '../files.js';
import { LOG_FORMATS, type LogFormat } from './types.js';
import { streamLogFile, toJsonl } from './index.js';

interface ParseOptions {
  jsonl?: boolean;
  format?: string;
  year?: number;
  date?: string;
  tz: string;
  bootTime?: string;
}

export function registerLogCommands(program: Command): void {
  const logs = program.command('logs').description('read log files');
  logs
    .command('parse <file>')
    .description('parse a log file: format detected per file; one JSON object per line with --jsonl')
    .option('--jsonl', 'one JSON object per input line: {line, timestamp, level, message, format, kind}')
    .option('--format <format>', `skip detection: ${LOG_FORMATS.join(', ')}`)
    .option('--year <year>', 'year for timestamps without one (default: from the file time)', intOption('--year', { min: 1900, max: 9999 }))
    .option('--date <yyyy-mm-dd>', 'date of the first line of a log whose lines give only the time of day (default: from the file time)', dateOption('--date'))
    .option('--tz <zone>', 'zone of timestamps without one: UTC, +02:00, or an IANA name', 'UTC')
    .option('--boot-time <time>', 'boot instant placing raw dmesg times on the wall clock')
    .action(
      action(async (rt, file: string, o: ParseOptions) => {
        if (o.format && !(LOG_FORMATS as readonly string[]).includes(o.format)) throw new InputError(`unknown --format "${o.format}": expected ${LOG_FORMATS.join(', ')}`);
        // A rotated log compressed by logrotate is read from a decompressed copy.
        await withDecompressed(file, (plain, gzip) => parse(rt, file, plain, gzip, o));
      }),
    );
}

async function parse(rt: Runtime, file: string, plain: string, gzip: boolean, o: ParseOptions): Promise<void> {
  const latest = fileMtimeNs(plain);
  const stream = streamLogFile(plain, {
    tz: o.tz,
    latest,
    ...(o.year !== undefined ? { year: o.year } : {}),
    ...(o.date !== undefined ? { date: o.date } : {}),
    ...(o.format ? { format: o.format as LogFormat } : {}),
    ...(o.bootTime ? { bootTime: o.bootTime } : {}),
  });
  const out = process.stdout;
  for await (const batch of stream.batches()) {
    let chunk = '';
    if (o.jsonl || rt.output.json) for (const r of batch) chunk += `${toJsonl(r, stream.stats.format)}\n`;
    if (chunk && !out.write(chunk)) await new Promise((res) => out.once('drain', res));
  }
  const stats = stream.stats;
  if (!o.jsonl && !rt.output.json) {
    const annotations = stats.annotation ? `, ${stats.annotation} annotation` : '';
    rt.output.out(`${file}: ${gzip ? 'decompressed from gzip, ' : ''}format ${stats.format}, ${stats.lines} lines, ${stats.parsed} parsed, ${stats.continuation} continuation${annotations}`);
    const rejected = Object.entries(stats.rejected);
    if (rejected.length) rt.output.out(`rejected: ${rejected.map(([k, v]) => `${v} ${k}`).join(', ')}`);
    const flagged = Object.entries(stats.flagged);
    if (flagged.length) rt.output.out(`flagged: ${flagged.map(([k, v]) => `${v} ${k}`).join(', ')}`);
  } else {
    // Statistics go to stderr so that stdout stays one object per input line.
    rt.output.err(toJson({ file, ...(gzip ? { decompressed: 'gzip' } : {}), stats }).replace(/\s*\n\s*/g, ' '));
  }
}
