/** `pfa timeline`: one sorted timeline from logs, FIX logs, metrics and alerts around an incident window. */
import type { Command } from 'commander';
import { collect, dateOption, intOption, usageError } from '../../cli/input.js';
import { table, tableLines, writeChunks } from '../../cli/output.js';
import { action } from '../../cli/runtime.js';
import { parseId } from '../../incidents/ids.js';
import { InputError } from '../../shared/errors.js';
import { LEVELS } from '../logs/index.js';
import { addConnectorOptions, connectorSources, hasConnectorSources, type ConnectorCliOptions } from '../connectors/timeline.js';
import { WINDOW_MARGIN } from './defaults.js';
import { chunked, htmlChunks, jsonlChunks, mapped, markdownChunks, timelineJsonChunks } from './render.js';
import { reconstructTimeline } from './service.js';

interface TimelineCliOptions extends ConnectorCliOptions {
  start?: string;
  end?: string;
  before: string;
  after: string;
  minLevel: string;
  format?: string;
  tz?: string;
  year?: number;
  date?: string;
  bootTime?: string;
  offset?: string[];
  baseline: string;
  threshold: string;
  /** False with --no-cache. */
  cache: boolean;
  method: string;
  templates?: boolean;
  save?: boolean;
  workers?: number;
}

export function registerTimelineCommands(program: Command): void {
  addConnectorOptions(program.command('timeline [sources...]'))
    .description('reconstruct the timeline of an incident window from log, FIX, metric and alert files (or `pfa timeline ID`)')
    .option('--start <time>', 'window start (RFC 3339 or epoch); default: the incident start')
    .option('--end <time>', 'window end; default: the incident end, or now')
    .option('--before <duration>', 'also look this long before the start', WINDOW_MARGIN)
    .option('--after <duration>', 'also look this long after the end', WINDOW_MARGIN)
    .option('--min-level <level>', `lowest log level included: ${LEVELS.join(', ')} (trace: every line, lines without a level too)`, 'error')
    .option('--format <format>', 'md, jsonl or html (default: a table; --json for JSON with statistics)')
    .option('--tz <zone>', 'zone of timestamps that carry none (UTC, +02:00, Europe/London)')
    .option('--year <year>', 'year for timestamps without one', intOption('--year', { min: 1900, max: 9999 }))
    .option('--date <yyyy-mm-dd>', 'date of the first line of logs that give only the time of day (default: estimated per file from its last line and modification time)', dateOption('--date'))
    .option('--boot-time <time>', 'boot instant placing raw dmesg times on the wall clock (default: estimated from kernel lines a syslog or journal source also holds)')
    .option('--offset <host=±duration>', 'per-host clock offset to correct (repeatable)', collect)
    .option('--baseline <duration>', 'metric baseline length before the window', '1h')
    .option('--threshold <sigma>', 'metric anomaly threshold in standard deviations', '3')
    .option('--templates', 'also add new and bursting log templates (against the baseline) as events')
    .option('--workers <n>', 'threads reading large files (default: one per core)', intOption('--workers', { min: 1, max: 64 }))
    .option('--no-cache', 'neither use nor keep line-count indexes of large files (kept in $XDG_CACHE_HOME/pfa/line-index; PFA_NO_CACHE=1 does the same)')
    .option('--save', 'with an incident id: save the events into its curated timeline (merged; saving twice adds nothing)')
    .option('--method <sigma|mad>', 'metric baseline statistics: sigma (mean/sd) or mad (median/MAD, robust)', 'sigma')
    .action(
      action(async (rt, sources: string[], o: TimelineCliOptions, cmd: Command) => {
        if (o.format !== undefined && rt.output.json) usageError(cmd, `--format ${o.format} and --json ask for two outputs: give one`);
        const first = sources[0];
        const incidentId = first && parseId(first) !== null ? first : undefined;
        const { timeline: t, saved } = await reconstructTimeline(
          {
            ...(incidentId ? { incidentId } : {}),
            files: incidentId ? sources.slice(1) : sources,
            ...(o.start ? { start: o.start } : {}),
            ...(o.end ? { end: o.end } : {}),
            before: o.before,
            after: o.after,
            minLevel: o.minLevel,
            ...(o.tz ? { tz: o.tz } : {}),
            ...(o.year ? { year: o.year } : {}),
            ...(o.date ? { date: o.date } : {}),
            ...(o.bootTime ? { bootTime: o.bootTime } : {}),
            offsets: o.offset ?? [],
            baseline: o.baseline,
            threshold: Number(o.threshold),
            method: o.method,
            templates: Boolean(o.templates),
            ...(o.workers ? { workers: o.workers } : {}),
            lineIndex: o.cache,
            save: Boolean(o.save),
            live: { given: hasConnectorSources(o), fetch: (w) => connectorSources(o, w) },
          },
          { deps: () => rt.deps(), ctx: rt.ctx, warn: (m) => rt.output.err(m) },
        );
        try {
          if (saved && incidentId) {
            const r = saved.result;
            const removed = r.removed ? `, ${r.removed} removed by a curator before (not brought back)` : '';
            rt.output.err(`saved into ${incidentId}: ${r.added} new entries, ${t.events.length - r.added - r.dropped - r.removed} already there${removed}${r.dropped ? `, ${r.dropped} not saved (the timeline holds at most 10,000)` : ''}; ${r.total} in all (version ${saved.incident.version}). Curate with: pfa curate ${incidentId}`);
          }
          // Notes on the options go to stderr whatever the output, like the per-source statistics.
          for (const n of t.notes) rt.output.err(`note: ${n}`);
          // The events are written as they are read (from disk after a large read): never one string.
          if (rt.output.json) return await writeChunks(timelineJsonChunks(t), true);
          switch (o.format) {
            case 'md':
              return await writeChunks(markdownChunks(t));
            case 'jsonl':
              return await writeChunks(jsonlChunks(t.events));
            case 'html':
              return await writeChunks(htmlChunks(t));
            case undefined:
              break;
            default:
              throw new InputError(`unknown --format "${o.format}": expected md, jsonl or html`);
          }
          const rows = (): Iterable<{ time: string; source: string; type: string; event: string }> => mapped(t.events, (e) => ({ time: e.timestamp, source: e.source, type: e.event_type, event: e.description }));
          if (t.events.length) await writeChunks(chunked(mapped(tableLines(rows, ['time', 'source', 'type', 'event'], { maxWidth: 100 }), (line) => `${line}\n`)));
          else rt.output.out('no events in the window');
        } finally {
          t.close();
        }
        if (t.unplaced.length) {
          rt.output.out(`\n${t.unplaced.length} kernel events with boot-relative times only (no --boot-time, no anchor in the evidence), not placed:`);
          rt.output.out(table(t.unplaced.map((u) => ({ since_boot: `${u.boot_offset}s`, source: u.source, type: u.event_type, event: u.description })), ['since_boot', 'source', 'type', 'event'], { maxWidth: 100 }));
        }
        for (const s of t.sources) {
          const rej = Object.entries(s.rejected).filter(([, v]) => v > 0);
          const flagged = Object.entries(s.flagged ?? {}).filter(([, v]) => v > 0);
          const counts = [
            rej.length ? `rejected: ${rej.map(([k, v]) => `${v} ${k}`).join(', ')}` : '',
            flagged.length ? `kept with a flag: ${flagged.map(([k, v]) => `${v} ${k}`).join(', ')}` : '',
          ].filter(Boolean);
          rt.output.err(`${s.evidence ? `${s.evidence} ` : ''}${s.file}: ${s.kind}/${s.format}, ${s.lines} lines, ${s.events} events${counts.map((c) => `; ${c}`).join('')}${s.notes.length ? ` (${s.notes.join('; ')})` : ''}`);
        }
      }),
    );
}
