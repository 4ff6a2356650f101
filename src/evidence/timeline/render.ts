/**
 * Timeline output: Markdown table, JSON lines, and a self-contained HTML page (every value escaped).
 * Each comes as a string and as a sequence of chunks, which `pfa timeline` writes as they come: a
 * full scan's hundreds of thousands of events are never one string.
 */
import { exactDigits, formatTimestamp } from '../../shared/time.js';
import { bigintsAsStrings } from '../../shared/json.js';
import { eventJson, type TimelineEvent } from './event.js';
import type { Timeline } from './build.js';

/** What the renderers read of a timeline: its events may be an array or read from disk (spool.ts). */
export type Renderable = Pick<Timeline, 'window' | 'unplaced'> & { events: Iterable<TimelineEvent> & { readonly length: number } };

/** Rows of up to this many characters are joined into one chunk. */
const CHUNK = 1 << 16;

/** Each item made into another, as they are read. */
export function* mapped<T, U>(items: Iterable<T>, f: (t: T) => U): Generator<U> {
  for (const x of items) yield f(x);
}

/** Joins short pieces into chunks of about CHUNK characters. */
export function* chunked(pieces: Iterable<string>): Generator<string> {
  let buf = '';
  for (const p of pieces) {
    buf += p;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** Escapes text for a Markdown table cell: no structure, links or HTML can be injected. */
export function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/([|`*_[\]<>#!])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

export const renderMarkdown = (t: Renderable): string => [...markdownChunks(t)].join('');

export function markdownChunks(t: Renderable): Generator<string> {
  return chunked(markdownPieces(t));
}

function* markdownPieces(t: Renderable): Generator<string> {
  yield `## Timeline (UTC) ${formatTimestamp(t.window.start, 0)} – ${formatTimestamp(t.window.end, 0)}\n\n| Time | Source | Type | Event |\n|------|--------|------|-------|\n`;
  for (const e of t.events) yield `| ${e.timestamp} | ${e.source} | ${mdCell(e.event_type)} | ${mdCell(e.description)} |\n`;
  if (t.events.length === 0) yield '| | | | _No events in the window._ |\n';
  yield ['', ...unplacedMarkdown(t)].join('\n');
}

/** Kernel events that could not be placed (boot-relative, no boot time), after the timeline. */
function unplacedMarkdown(t: Renderable): string[] {
  if (!t.unplaced.length) return [];
  return [
    `Not placed (boot-relative times only; give \`--boot-time\` or a syslog/journal file with the same kernel lines):`,
    '',
    '| Since boot | Source | Type | Event |',
    '|------|--------|------|-------|',
    ...t.unplaced.map((u) => `| +${u.boot_offset}s | ${u.source} | ${mdCell(u.event_type)} | ${mdCell(u.description)} |`),
    '',
  ];
}

export const renderJsonl = (events: Iterable<TimelineEvent>): string => [...jsonlChunks(events)].join('');

export function jsonlChunks(events: Iterable<TimelineEvent>): Generator<string> {
  return chunked(mapped(events, (e) => `${JSON.stringify(eventJson(e))}\n`));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

export const renderHtml = (t: Renderable): string => [...htmlChunks(t)].join('');

export function htmlChunks(t: Renderable): Generator<string> {
  return chunked(htmlPieces(t));
}

function htmlRow(e: TimelineEvent): string {
  const meta = Object.entries(e.metadata)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${escapeHtml(k)}=${escapeHtml(String(v))}`)
    .join(' ');
  return `<tr class="${escapeHtml(e.source)}"><td class="t">${escapeHtml(e.timestamp)}</td><td>${escapeHtml(e.source)}</td><td>${escapeHtml(e.event_type)}</td><td>${escapeHtml(e.description)}<div class="m">${meta}</div></td></tr>`;
}

function* htmlPieces(t: Renderable): Generator<string> {
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Timeline ${escapeHtml(formatTimestamp(t.window.start, 0))}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
td.t{font-family:monospace;white-space:nowrap}.m{color:#666;font-size:12px;font-family:monospace}
tr.alert td{background:#fff4e5}tr.metric td{background:#eef6ff}tr.order td{background:#f3f0ff}tr.system td{background:#fdecea}
</style></head><body>
<h1>Timeline (UTC)</h1><p>${escapeHtml(formatTimestamp(t.window.start, 0))} – ${escapeHtml(formatTimestamp(t.window.end, 0))}, ${t.events.length} events</p>
<table><thead><tr><th>Time</th><th>Source</th><th>Type</th><th>Event</th></tr></thead><tbody>
`;
  let first = true;
  for (const e of t.events) {
    yield `${first ? '' : '\n'}${htmlRow(e)}`;
    first = false;
  }
  if (first) yield '<tr><td colspan="4">No events in the window.</td></tr>';
  yield `
</tbody></table></body></html>
`;
}

/** The window as events give their time: RFC 3339 (as precise as the bounds are) and epoch nanoseconds. */
export function windowJson(w: { start: bigint; end: bigint }): { start: string; end: string; start_ns: string; end_ns: string } {
  return { start: formatTimestamp(w.start, exactDigits(w.start)), end: formatTimestamp(w.end, exactDigits(w.end)), start_ns: w.start.toString(), end_ns: w.end.toString() };
}

/** What the JSON form reads of a timeline. */
export type JsonTimeline = Renderable & Pick<Timeline, 'sources' | 'notes'>;

/**
 * A timeline as JSON (`pfa timeline --json`, the API): the window, the events with their instants as
 * strings, per-source statistics, and the unplaced kernel lines and notes when there are any.
 * @example JSON.stringify(timelineJson(t))
 */
export function timelineJson(t: JsonTimeline) {
  return {
    window: windowJson(t.window),
    events: Array.from(t.events, eventJson),
    sources: t.sources,
    ...(t.unplaced.length ? { unplaced: t.unplaced } : {}),
    ...(t.notes.length ? { notes: t.notes } : {}),
  };
}

/**
 * `timelineJson` printed with two-space indents, as the CLI's JSON output is, in chunks: the text
 * around the events is printed whole, each event as it is read.
 * @example for (const chunk of timelineJsonChunks(t)) process.stdout.write(chunk);
 */
export function* timelineJsonChunks(t: JsonTimeline): Generator<string> {
  const mark = '\u0000events\u0000';
  const [head = '', tail = ''] = JSON.stringify({ ...timelineJson({ ...t, events: [] }), events: mark }, bigintsAsStrings, 2).split(JSON.stringify(mark));
  yield head;
  if (t.events.length === 0) yield '[]';
  else {
    let sep = '[\n    ';
    yield* chunked(
      mapped(t.events, (e) => {
        const text = `${sep}${JSON.stringify(eventJson(e), bigintsAsStrings, 2).replace(/\n/g, '\n    ')}`;
        sep = ',\n    ';
        return text;
      }),
    );
    yield '\n  ]';
  }
  yield tail;
}
