/** Timeline output: Markdown table, JSON lines, and a self-contained HTML page (every value escaped). */
import { formatTimestamp } from '../../shared/time.js';
import { eventJson, type TimelineEvent } from './event.js';
import type { Timeline } from './build.js';

/** Escapes text for a Markdown table cell: no structure, links or HTML can be injected. */
export function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/([|`*_[\]<>#!])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

export function renderMarkdown(t: Timeline): string {
  const rows = t.events.map((e) => `| ${e.timestamp} | ${e.source} | ${mdCell(e.event_type)} | ${mdCell(e.description)} |`);
  return [
    `## Timeline (UTC) ${formatTimestamp(t.window.start, 0)} – ${formatTimestamp(t.window.end, 0)}`,
    '',
    '| Time | Source | Type | Event |',
    '|------|--------|------|-------|',
    ...(rows.length ? rows : ['| | | | _No events in the window._ |']),
    '',
    ...unplacedMarkdown(t),
  ].join('\n');
}

/** Kernel events that could not be placed (boot-relative, no boot time), after the timeline. */
function unplacedMarkdown(t: Timeline): string[] {
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

export function renderJsonl(events: TimelineEvent[]): string {
  return events.map((e) => JSON.stringify(eventJson(e))).join('\n') + (events.length ? '\n' : '');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

export function renderHtml(t: Timeline): string {
  const rows = t.events
    .map((e) => {
      const meta = Object.entries(e.metadata)
        .filter(([, v]) => v !== null && v !== '')
        .map(([k, v]) => `${escapeHtml(k)}=${escapeHtml(String(v))}`)
        .join(' ');
      return `<tr class="${escapeHtml(e.source)}"><td class="t">${escapeHtml(e.timestamp)}</td><td>${escapeHtml(e.source)}</td><td>${escapeHtml(e.event_type)}</td><td>${escapeHtml(e.description)}<div class="m">${meta}</div></td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
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
${rows || '<tr><td colspan="4">No events in the window.</td></tr>'}
</tbody></table></body></html>
`;
}
