/** `pfa incident …`: thin commands over the incident service. */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { stringify as toYaml } from 'yaml';
import { collect, intOption, readInput, setPairsToPatch, validateOptions } from '../cli/input.js';
import { parseStructured } from '../cli/structured.js';
import { paint, table, toJson } from '../cli/output.js';
import { action, type Runtime } from '../cli/runtime.js';
import { InputError } from '../shared/errors.js';
import { incidentListQuerySchema } from './routes.js';
import { formatDuration, parseTimestamp } from '../shared/time.js';
import { choices, type Incident, type IncidentExport } from './schema/index.js';
import {
  createIncident,
  exportIncident,
  getIncident,
  importIncident,
  listIncidentSummaries,
  transitionIncident,
  updateIncident,
} from './service.js';
import { detectFormat, parseText, renderMarkdown, renderText } from './textform/index.js';
import { TRANSITIONS } from './lifecycle.js';

interface CreateOptions {
  file?: string;
  title?: string;
  severity?: string;
  component?: string;
  failureType?: string;
  startedAt?: string;
  endedAt?: string;
  kind?: string;
  description?: string;
  commander?: string;
  responder?: string[];
}

function createInput(o: CreateOptions): Record<string, unknown> {
  const base = o.file ? parseStructured(readInput(o.file), o.file) : {};
  if (typeof base !== 'object' || base === null || Array.isArray(base)) throw new InputError(`${o.file ?? 'input'} must hold one incident object`);
  const input: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  const set = (k: string, v: unknown) => {
    if (v !== undefined) input[k] = v;
  };
  set('title', o.title);
  set('severity', o.severity);
  set('component', o.component);
  set('failure_type', o.failureType);
  set('started_at', o.startedAt ?? (input.started_at === undefined ? new Date().toISOString() : undefined));
  set('ended_at', o.endedAt);
  set('kind', o.kind);
  if (o.description || o.commander || o.responder) {
    const summary = { ...(input.summary as Record<string, unknown> | undefined) };
    if (o.description) summary.description = o.description;
    if (o.commander) summary.incident_commander = o.commander;
    if (o.responder) summary.responders = o.responder;
    input.summary = summary;
  }
  return input;
}

function showHuman(rt: Runtime, inc: Incident): void {
  const duration = inc.ended_at ? formatDuration(parseTimestamp(inc.ended_at).ns - parseTimestamp(inc.started_at).ns) : 'ongoing';
  const rows: [string, string | undefined][] = [
    ['ID', inc.id],
    ['Title', inc.title],
    ['Kind', inc.kind === 'sys' ? 'system failure' : 'incident'],
    ['Severity', paint(choices.severity.label(inc.severity))],
    ['Status', inc.status],
    ['Component', inc.component && choices.component.label(inc.component)],
    ['Failure type', inc.failure_type && choices.failureType.label(inc.failure_type)],
    ['Started', inc.started_at],
    ['Ended', inc.ended_at],
    ['Duration', duration],
    ['Commander', inc.summary?.incident_commander],
    ['Responders', inc.summary?.responders?.join(', ')],
    ['Root cause', inc.analysis?.root_cause],
    ['Version', String(inc.version)],
    ['Updated', inc.updated_at],
  ];
  const sections = Object.keys(inc).filter((k) => typeof (inc as Record<string, unknown>)[k] === 'object');
  for (const [k, v] of rows) if (v) rt.output.out(`${`${k}:`.padEnd(14)}${v}`);
  rt.output.out(`${'Sections:'.padEnd(14)}${sections.join(', ') || 'none yet'}`);
}

function printIncident(rt: Runtime, inc: Incident, humanLine?: string): void {
  if (rt.output.json) rt.output.out(toJson(inc));
  else if (humanLine) rt.output.out(humanLine);
  else showHuman(rt, inc);
}

const FORMATS = ['text', 'md', 'json', 'yaml'] as const;

function render(inc: IncidentExport, format: string): string {
  switch (format) {
    case 'text':
      return renderText(inc);
    case 'md': {
      // A document to read, not to import: the removed entries are not part of it.
      const { timeline_dismissals: _d, ...record } = inc;
      return renderMarkdown(record);
    }
    case 'json':
      return `${toJson(inc)}\n`;
    case 'yaml':
      return toYaml(inc);
    default:
      throw new InputError(`unknown format "${format}": expected ${FORMATS.join(', ')}`);
  }
}

export function registerIncidentCommands(program: Command): void {
  const incident = program.command('incident').description('create, inspect, update and move incidents through their lifecycle');

  incident
    .command('create')
    .description('create an incident from flags or a JSON/YAML file; prints the new id')
    .option('-f, --file <file>', 'whole record as JSON or YAML (- for stdin); flags override its fields')
    .option('--title <text>', 'short title')
    .option('--severity <P0-P4>', 'P0 critical, P1 high, P2 medium, P3 low, P4 informational')
    .option('--component <name>', `affected component: ${choices.component.values.join(', ')}, or "other: …"`)
    .option('--failure-type <type>', `failure type: ${choices.failureType.values.join(', ')}, or "other: …"`)
    .option('--started-at <time>', 'start, RFC 3339 with up to 9 fractional digits (default: now)')
    .option('--ended-at <time>', 'end, if already over')
    .option('--kind <sys|inc>', 'sys for a system failure (SYS- id), inc for any other incident (INC- id)')
    .option('--description <text>', 'what happened, briefly')
    .option('--commander <name>', 'incident commander')
    .option('--responder <name>', 'responder (repeatable or comma-separated)', collect)
    .action(
      action(async (rt, o: CreateOptions) => {
        const inc = await createIncident(await rt.deps(), rt.ctx, createInput(o));
        printIncident(rt, inc, inc.id);
      }),
    );

  incident
    .command('show <id>')
    .description('show one incident')
    .action(action(async (rt, id: string) => printIncident(rt, await getIncident(await rt.deps(), id))));

  incident
    .command('list')
    .description('list incidents, newest first')
    .option('--severity <list>', 'P0..P4 (repeatable or comma-separated)', collect)
    .option('--status <list>', 'status filter', collect)
    .option('--component <list>', 'component filter', collect)
    .option('--kind <list>', 'sys or inc', collect)
    .option('--from <time>', 'started at or after')
    .option('--to <time>', 'started before')
    .option('-q, --query <text>', 'title contains')
    .option('--limit <n>', 'page size (max 500)', intOption('--limit'), 50)
    .option('--offset <n>', 'skip this many', intOption('--offset'), 0)
    .action(
      action(async (rt, o: { severity?: string[]; status?: string[]; component?: string[]; kind?: string[]; from?: string; to?: string; query?: string; limit: number; offset: number }) => {
        // The API's query schema: the same checks and normalization (an unknown status or severity is
        // an error, not an empty page).
        const { query, ...rest } = o;
        const filter = validateOptions(incidentListQuerySchema, { ...rest, ...(query !== undefined ? { q: query } : {}) }, { names: { q: '--query' } });
        const page = await listIncidentSummaries(await rt.deps(), filter);
        if (rt.output.json) return rt.output.out(toJson({ ...page, limit: o.limit, offset: o.offset }));
        if (page.items.length === 0) return rt.output.out('no incidents match');
        rt.output.out(table(page.items.map((i) => ({ ...i, severity: paint(i.severity) })), ['id', 'severity', 'status', 'started_at', 'component', 'title']));
        const last = o.offset + page.items.length;
        rt.output.out(`\n${o.offset + 1}–${last} of ${page.total}${last < page.total ? ` (next: --offset ${last})` : ''}`);
      }),
    );

  incident
    .command('update <id>')
    .description('change fields: --set path=text, --set path:=json, or a JSON/YAML merge patch with --file')
    .option('--set <pair>', 'e.g. --set analysis.root_cause="DNS failover not configured" --set impact.trading.orders_lost:=437', (v: string, p: string[] = []) => [...p, v])
    .option('-f, --file <file>', 'JSON merge patch (RFC 7396) as JSON or YAML; null removes a field')
    .option('--version <n>', 'only update if the incident is still at this version (default: the latest)', intOption('--version'))
    .action(
      action(async (rt, id: string, o: { set?: string[]; file?: string; version?: number }) => {
        if (!o.set && !o.file) throw new InputError('nothing to update: give --set path=value or --file patch.yaml');
        const fromFile = o.file ? parseStructured(readInput(o.file), o.file) : {};
        if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) throw new InputError(`${o.file ?? ''} must hold an object`);
        const patch = { ...(fromFile as Record<string, unknown>), ...setPairsToPatch(o.set ?? []) };
        const deps = await rt.deps();
        const version = o.version ?? (await getIncident(deps, id)).version;
        const inc = await updateIncident(deps, rt.ctx, id, patch, version);
        printIncident(rt, inc, `${inc.id} updated (version ${inc.version})`);
      }),
    );

  incident
    .command('transition <id> <status>')
    .description(`move along the lifecycle: ${[...new Set(TRANSITIONS.map((t) => `${t.from}→${t.to}`))].join(', ')}`)
    .option('--at <time>', 'when it happened (default: now)')
    .option('--note <text>', 'why, for the audit trail')
    .option('--version <n>', 'only if still at this version', intOption('--version'))
    .action(
      action(async (rt, id: string, status: string, o: { at?: string; note?: string; version?: number }) => {
        const inc = await transitionIncident(await rt.deps(), rt.ctx, id, status, o);
        printIncident(rt, inc, `${inc.id} is now ${inc.status}`);
      }),
    );

  incident
    .command('export <id>')
    .description('render an incident: text (the system-failure form), json or yaml (with its removed timeline entries, for import), or md')
    .option('--format <format>', FORMATS.join('|'), 'text')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(
      action(async (rt, id: string, o: { format: string; output?: string }) => {
        const text = render(await exportIncident(await rt.deps(), id), o.format);
        // --json wraps the rendering (or names the file written) instead of being silently ignored.
        if (o.output) {
          writeFileSync(o.output, text);
          if (rt.output.json) rt.output.out(toJson({ id, format: o.format, output: o.output, bytes: Buffer.byteLength(text) }));
        } else if (rt.output.json) rt.output.out(toJson({ id, format: o.format, document: text }));
        else process.stdout.write(text);
      }),
    );

  incident
    .command('import <files...>')
    .description('import records from the filled-in text form, JSON or YAML (format detected)')
    .option('--replace', 'overwrite an existing incident with the same id')
    .addOption(new Option('--new-id', 'ignore the id in the file and allocate a new one').conflicts('replace'))
    .action(
      action(async (rt, files: string[], o: { replace?: boolean; newId?: boolean }) => {
        const deps = await rt.deps();
        const results = [];
        for (const file of files) {
          const text = readInput(file);
          const format = detectFormat(text);
          const parsed = format === 'text' ? parseText(text) : parseStructured(text, file);
          const records = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
          for (const record of records) {
            const r = await importIncident(deps, rt.ctx, record, o);
            results.push({ file, id: r.incident.id, outcome: r.outcome, version: r.incident.version });
            // Printed as each commit lands: a line on stdout means the incident is durably stored.
            if (!rt.output.json) rt.output.out(`${r.incident.id}: ${r.outcome} (from ${file})`);
          }
        }
        if (rt.output.json) rt.output.out(toJson({ imported: results }));
      }),
    );
}
