/** Decides what a file is — log, FIX log, metrics or alerts — from its name and first bytes. */

import { isQuickFixEventText, isQuickFixLogName } from '../fix/index.js';

export type SourceKind = 'log' | 'fix' | 'metrics' | 'alerts';

/**
 * @example sniffSource('gw.log', '20251126-10:27:35.123 : 8=FIX.4.4\x019=…') // 'fix'
 */
export function sniffSource(name: string, head: string): SourceKind {
  const lower = name.toLowerCase();
  const text = head.replace(/^\uFEFF/, '');
  if (/8=FIXT?\.\d/.test(text.slice(0, 16_384))) return 'fix';
  // A QuickFIX/J event log holds no message: its name, or its lines, tell it.
  if (isQuickFixLogName(name) || isQuickFixEventText(text)) return 'fix';
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    // Alertmanager webhook payloads and API answers carry alerts with startsAt; query_range answers a matrix.
    if (/"startsAt"\s*:/.test(text) && /"labels"\s*:/.test(text) && !/\n\s*\{"(__REALTIME_TIMESTAMP|MESSAGE)"/.test(text)) {
      if (/^\{\s*"(receiver|version|status|groupKey|alerts)"/.test(trimmed) || /^\[\s*\{\s*"(annotations|labels|startsAt|endsAt|fingerprint)"/.test(trimmed)) return 'alerts';
    }
    if (/"resultType"\s*:\s*"matrix"/.test(text)) return 'metrics';
    return 'log';
  }
  if (/\.(csv|tsv|prom|om|openmetrics|metrics)$/.test(lower)) return 'metrics';
  const first = trimmed.split('\n', 1)[0] ?? '';
  if (/^"?(time|timestamp|ts|date)"?\s*[,\t]/i.test(first)) return 'metrics';
  if (/^# (TYPE|HELP) \S+/m.test(text) && SAMPLE.test(text)) return 'metrics';
  if (allSamples(trimmed)) return 'metrics';
  return 'log';
}

/** An exposition sample with a timestamp: `name{label="v"} value ms`. */
const SAMPLE = /^[a-zA-Z_:][\w:]*(\{[^}]*\})? -?[\d.eE+-]+ \d+/m;
const SAMPLE_LINE = /^[a-zA-Z_:][\w:]*(?:\{[^}]*\})?[ \t]+(?:[-+]?(?:[\d.]+(?:[eE][-+]?\d+)?|Inf|NaN))(?:[ \t]+-?\d+)?[ \t]*$/;

/**
 * Prometheus text without `# TYPE` lines in a file of any name: every line of the head is a
 * timestamped sample or a comment (a log line never has this shape: a name, a number, an integer).
 */
function allSamples(text: string): boolean {
  const lines = text.split('\n', 65).slice(0, 64).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  // The last line of the head may be cut mid-way.
  if (lines.length > 1 && !text.endsWith('\n')) lines.pop();
  return lines.length >= 3 && lines.every((l) => SAMPLE_LINE.test(l)) && lines.some((l) => SAMPLE.test(l));
}
