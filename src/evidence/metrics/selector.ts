/**
 * Series selectors `name{label="v",other="w"}`: the one label syntax shared by CSV headers, the
 * Prometheus/OpenMetrics exposition and series names, so every reader names and merges series alike.
 */

export interface Selector {
  /** Metric name; empty when the selector has only labels (e.g. the result of `rate()`). */
  metric: string;
  labels: Record<string, string>;
}

const NAME_START = /[a-zA-Z_:]/;
const NAME_CHAR = /[a-zA-Z0-9_:.]/;

/** Result of reading a label set at a position: the labels, a quoted metric name if one came first, and where it ended. */
export interface LabelSetRead {
  labels: Record<string, string>;
  quotedName: string | null;
  /** Index just after the closing brace. */
  end: number;
}

/**
 * Reads `{a="b", c="d"}` starting at `pos` (which must be `{`). Accepts double or single quotes, a trailing
 * comma, and the UTF-8 form where the first item is a quoted metric name (`{"my.metric", a="b"}`).
 * Returns null when the text is not a label set (e.g. a PromQL matcher such as `a=~"x"`).
 * @example readLabelSet('{a="1"} 5', 0) // → { labels: { a: '1' }, quotedName: null, end: 7 }
 */
export function readLabelSet(text: string, pos: number): LabelSetRead | null {
  if (text[pos] !== '{') return null;
  const labels: Record<string, string> = {};
  let quotedName: string | null = null;
  let i = skipSpace(text, pos + 1);
  let first = true;
  while (i < text.length && text[i] !== '}') {
    let key: string;
    const c = text[i] ?? '';
    if (c === '"' || c === "'") {
      const q = readQuoted(text, i);
      if (!q) return null;
      i = skipSpace(text, q.end);
      if (first && (text[i] === ',' || text[i] === '}')) {
        quotedName = q.value;
        first = false;
        if (text[i] === ',') i = skipSpace(text, i + 1);
        continue;
      }
      key = q.value;
    } else {
      const start = i;
      while (i < text.length && /[a-zA-Z0-9_]/.test(text[i] ?? '')) i++;
      if (i === start) return null;
      key = text.slice(start, i);
      i = skipSpace(text, i);
    }
    first = false;
    if (text[i] !== '=' || text[i + 1] === '~' || text[i + 1] === '=') return null;
    i = skipSpace(text, i + 1);
    const v = readQuoted(text, i);
    if (!v) return null;
    labels[key] = v.value;
    i = skipSpace(text, v.end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (text[i] !== '}') return null;
  }
  if (text[i] !== '}') return null;
  return { labels, quotedName, end: i + 1 };
}

/**
 * Parses a whole selector; null when the text is not one (callers then keep the text as a plain name).
 * @example tryParseSelector('cpu{pod="a",ns="b"}') // → { metric: 'cpu', labels: { pod: 'a', ns: 'b' } }
 */
export function tryParseSelector(text: string): Selector | null {
  const s = text.trim();
  let i = 0;
  if (NAME_START.test(s[0] ?? '')) {
    while (i < s.length && NAME_CHAR.test(s[i] ?? '')) i++;
  }
  const metric = s.slice(0, i);
  if (i === s.length) return metric ? { metric, labels: {} } : null;
  const set = readLabelSet(s, skipSpace(s, i));
  if (!set || skipSpace(s, set.end) !== s.length) return null;
  if (set.quotedName !== null && metric) return null;
  return { metric: set.quotedName ?? metric, labels: set.labels };
}

/**
 * Formats a selector in the exposition style, labels in the given order.
 * @example formatSelector('cpu', { pod: 'a' }) === 'cpu{pod="a"}'
 */
export function formatSelector(metric: string, labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return metric || '{}';
  const body = keys.map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`).join(',');
  return `${metric}{${body}}`;
}

/**
 * Identity of a series regardless of label order, used to merge the same series across files.
 * @example seriesKey('cpu', { b: '2', a: '1' }) === seriesKey('cpu', { a: '1', b: '2' })
 */
export function seriesKey(metric: string, labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? metric : formatSelector(metric, Object.fromEntries(keys.map((k) => [k, labels[k] ?? ''])));
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function readQuoted(text: string, pos: number): { value: string; end: number } | null {
  const quote = text[pos];
  if (quote !== '"' && quote !== "'") return null;
  let out = '';
  for (let i = pos + 1; i < text.length; i++) {
    const c = text[i];
    if (c === quote) return { value: out, end: i + 1 };
    if (c === '\\') {
      const n = text[++i];
      out += n === 'n' ? '\n' : (n ?? '');
    } else {
      out += c;
    }
  }
  return null;
}
