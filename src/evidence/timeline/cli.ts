/** `pfa timeline`: one sorted timeline from logs, FIX logs, metrics and alerts around an incident window. */
import type { Command } from 'commander';
import { collect, intOption, usageError } from '../../cli/input.js';
import { table, toJson } from '../../cli/output.js';
import { action, type Runtime } from '../../cli/runtime.js';
import { parseId } from '../../incidents/ids.js';
import { InputError } from '../../shared/errors.js';
import { exactDigits, formatTimestamp, parseInstant, nowNs, type ParsedTimestamp } from '../../shared/time.js';
import { LEVELS, createZone, normalizeLevel } from '../logs/index.js';
import { addConnectorOptions, connectorSources, hasConnectorSources, type ConnectorCliOptions } from '../connectors/index.js';
import { WINDOW_MARGIN } from './defaults.js';
import { buildTimeline, eventJson, renderHtml, renderJsonl, renderMarkdown } from './index.js';
import { basename } from 'node:path';
import type { Materialized } from '../files.js';

interface TimelineCliOptions extends ConnectorCliOptions {
  start?: string;
  end?: string;
  before: string;
  after: string;
  minLevel: string;
  format?: string;
  tz?: string;
  year?: number;
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

function offsets(pairs: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const m = /^([^=]+)=([+-]?\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))$/.exec(p);
    if (!m?.[1] || !m[2]) throw new InputError(`invalid --offset "${p}": expected HOST=±DURATION, e.g. trade-gw-01=+250us`);
    // Two offsets for one host cannot both be right: keeping either silently would hide the mistake.
    if (m[1] in out && out[m[1]] !== m[2]) throw new InputError(`--offset given twice for ${m[1]} (${out[m[1]] ?? ''} and ${m[2]}): give one`);
    out[m[1]] = m[2];
  }
  return out;
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
        // Stored evidence is read from temporary copies, removed however the command ends.
        const copies: Materialized[] = [];
        try {
          let start: ParsedTimestamp | undefined = o.start ? instantIn(o.start, o.tz) : undefined;
          let end: ParsedTimestamp | undefined = o.end ? instantIn(o.end, o.tz) : undefined;
          let files = sources;
          const first = sources[0];
          const incidentId = first && parseId(first) !== null ? first : undefined;
          /** The evidence each file read comes from, by the path it was read at. */
          let read = new Map<string, EvidenceRead>();
          if (incidentId) {
            const inc = await incidentSources(rt, incidentId, copies);
            start ??= inc.start;
            end ??= inc.end;
            // The incident's attached files join any named on the command line.
            files = [...sources.slice(1), ...inc.read.keys()];
            read = inc.read;
          }
          if (!start) throw new InputError('give --start (and --end), or an incident id first');
          if (o.save && !incidentId) throw new InputError('--save needs an incident id first: pfa timeline ID --save');
          end ??= start;
          if (end.ns < start.ns) throw new InputError('--end is before --start');
          if (files.length === 0 && !hasConnectorSources(o)) throw new InputError('no sources: name log, FIX, metric or alert files, or --prometheus/--alertmanager');
          // Any spelling a log uses is accepted: warning, err, critical, fatal, emergency, 4…
          const minLevel = normalizeLevel(o.minLevel);
          if (minLevel === null) throw new InputError(`--min-level "${o.minLevel}" is not a level: use one of ${LEVELS.join(', ')} (or warning, err, critical, fatal…)`);
          if (o.method !== 'sigma' && o.method !== 'mad') throw new InputError('--method must be sigma or mad');
          const threshold = Number(o.threshold);
          if (!(threshold > 0)) throw new InputError('--threshold must be a positive number');
          const t = await buildTimeline(files, {
            start,
            end,
            before: o.before,
            after: o.after,
            minLevel,
            offsets: offsets(o.offset),
            baseline: o.baseline,
            threshold,
            method: o.method,
            templates: Boolean(o.templates),
            ...(o.workers ? { workers: o.workers } : {}),
            lineIndex: o.cache,
            ...(o.tz ? { tz: o.tz } : {}),
            ...(o.year ? { year: o.year } : {}),
            ...(o.bootTime ? { bootTime: o.bootTime } : {}),
            ...(await connectorSources(o, { start: start.ns, end: end.ns, before: o.before, after: o.after, baseline: o.baseline })),
          });
          // Evidence read from a temporary copy is named as the user knows it: its id and original file.
          t.sources = t.sources.map((src) => {
            const as = read.get(src.file);
            return as ? { ...src, ...as } : src;
          });
          if (o.save && incidentId) {
            const { saveTimeline } = await import('../../postmortem/workspace/service.js');
            // Events name their file by its base name: saved entries link to their exact line of that evidence.
            const evidenceOf = new Map([...read].map(([path, r]) => [basename(path), r.evidence]));
            const saved = await saveTimeline(await rt.deps(), rt.ctx, incidentId, t.events, (f) => evidenceOf.get(f));
            const r = saved.result;
            const removed = r.removed ? `, ${r.removed} removed by a curator before (not brought back)` : '';
            rt.output.err(`saved into ${incidentId}: ${r.added} new entries, ${t.events.length - r.added - r.dropped - r.removed} already there${removed}${r.dropped ? `, ${r.dropped} not saved (the timeline holds at most 10,000)` : ''}; ${r.total} in all (version ${saved.incident.version}). Curate with: pfa curate ${incidentId}`);
          }
          const unplaced = t.unplaced.length ? { unplaced: t.unplaced } : {};
          // Notes on the options go to stderr whatever the output, like the per-source statistics.
          for (const n of t.notes) rt.output.err(`note: ${n}`);
          if (rt.output.json) return rt.output.out(toJson({ window: windowJson(t.window), events: t.events.map(eventJson), sources: t.sources, ...unplaced, ...(t.notes.length ? { notes: t.notes } : {}) }));
          switch (o.format) {
            case 'md':
              return void process.stdout.write(renderMarkdown(t));
            case 'jsonl':
              return void process.stdout.write(renderJsonl(t.events));
            case 'html':
              return void process.stdout.write(renderHtml(t));
            case undefined:
              break;
            default:
              throw new InputError(`unknown --format "${o.format}": expected md, jsonl or html`);
          }
          rt.output.out(t.events.length ? table(t.events.map((e) => ({ time: e.timestamp, source: e.source, type: e.event_type, event: e.description })), ['time', 'source', 'type', 'event'], { maxWidth: 100 }) : 'no events in the window');
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
        } finally {
          await Promise.all(copies.map((m) => m.release()));
        }
      }),
    );
}

/** An attached file as the user knows it: its original path (or name) and evidence id. */
interface EvidenceRead {
  file: string;
  evidence: string;
}

/**
 * An incident's window and attached files, for `pfa timeline ID`: files kept by reference are read
 * in place, stored ones from temporary copies added to `copies` (the caller releases them).
 */
async function incidentSources(
  rt: Runtime,
  incidentId: string,
  copies: Materialized[],
): Promise<{ start: ParsedTimestamp; end: ParsedTimestamp; read: Map<string, EvidenceRead> }> {
  // Loaded here: reading files alone should not pay for the store's modules at start-up.
  const [{ getIncident }, { evidenceList }, { materialize }] = await Promise.all([
    import('../../incidents/service.js'), import('../service.js'), import('../files.js'),
  ]);
  const inc = await getIncident(await rt.deps(), incidentId);
  const read = new Map<string, EvidenceRead>();
  for (const e of await evidenceList(await rt.deps(), { incidentId, limit: 1000 })) {
    // Files, and the Alertmanager payloads the webhook stored as alert evidence.
    if (e.kind !== 'file' && e.kind !== 'alert') continue;
    const m = await materialize(e);
    if (!m) {
      rt.output.err(`evidence ${e.id} (${e.name}) is no longer readable (the file is gone and no copy was stored): skipped`);
      continue;
    }
    if (m.changed) rt.output.err(`evidence ${e.id} (${e.name}): ${m.changed}`);
    copies.push(m);
    read.set(m.path, { file: typeof e.metadata.path === 'string' ? e.metadata.path : e.name, evidence: e.id });
  }
  const start = parseInstant(inc.started_at);
  const end = inc.ended_at ? parseInstant(inc.ended_at) : { ns: nowNs(), digits: 6 };
  return { start, end, read };
}

const HAS_ZONE = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?|UTC|GMT)$/;

/**
 * A --start/--end value: one without a zone is a wall time in --tz (the zone the user reads their
 * logs in), else UTC; an epoch or a time with its zone is what it says.
 * @example instantIn('2025-11-26T10:20:00', '+05:00').ns === parseInstant('2025-11-26T05:20:00Z').ns
 */
export function instantIn(input: string, tz: string | undefined): ParsedTimestamp {
  const utc = parseInstant(input);
  const text = input.trim();
  if (!tz || HAS_ZONE.test(text) || !/^\d{4}-\d{2}-\d{2}[T ]\d/.test(text)) return utc;
  // read as a wall clock: its UTC instant under the zone (a DST gap has none; an overlap takes the first)
  const wallMs = utc.ns / 1_000_000n;
  const [ms] = createZone(tz).toUtc(Number(wallMs));
  if (ms === undefined) throw new InputError(`${text} does not exist in ${tz} (a daylight-saving gap)`);
  return { ns: BigInt(ms) * 1_000_000n + (utc.ns - wallMs * 1_000_000n), digits: utc.digits };
}

/** The window as events give their time: RFC 3339 (as precise as the bounds are) and epoch nanoseconds. */
function windowJson(w: { start: bigint; end: bigint }): { start: string; end: string; start_ns: string; end_ns: string } {
  return { start: formatTimestamp(w.start, exactDigits(w.start)), end: formatTimestamp(w.end, exactDigits(w.end)), start_ns: w.start.toString(), end_ns: w.end.toString() };
}
