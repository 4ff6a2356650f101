/**
 * Adapter: the anchor of an evidence link inside its evidence (`#line N` of a log, `#series` of
 * metrics), read from the stored content or, for evidence kept by reference, from its file.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { evidenceText } from '../../analysis/suggest/index.js';
import { materialize, storedText } from '../../evidence/files.js';
import { parseMetricsText, seriesKey, tryParseSelector } from '../../evidence/metrics/index.js';
import { lineNumberOf } from '../../incidents/schema/index.js';
import type { Evidence } from '../../evidence/schema.js';

/** Line `n` of file evidence, or how many lines it has, or why it cannot be read. */
export type LineRead = { ok: true; text: string } | { ok: false; lines: number } | { ok: false; unreadable: string };

const GONE = (e: Evidence) => `${e.name} is kept by reference and its file is gone or changed`;

/** Line `n` (1-based) of a file, read as a stream so a large log is not loaded whole. */
async function lineOfFile(path: string, n: number): Promise<LineRead> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let i = 0;
  try {
    for await (const line of rl) if (++i === n) return { ok: true, text: line };
  } finally {
    rl.close();
  }
  return { ok: false, lines: i };
}

/**
 * Line `n` (1-based) of file evidence: from the stored content, else from the file it was added
 * from if it is still there unchanged.
 * @example const r = await readLine(e, 4); if (r.ok) quote(r.text);
 */
export async function readLine(e: Evidence, n: number): Promise<LineRead> {
  const stored = storedText(e);
  if (stored !== null) {
    // A final line break ends the last line; it does not start another one.
    const lines = stored === '' ? [] : stored.replace(/\r?\n$/, '').split('\n');
    const text = lines[n - 1];
    return text === undefined ? { ok: false, lines: lines.length } : { ok: true, text: text.replace(/\r$/, '') };
  }
  const m = await materialize(e);
  if (!m) return { ok: false, unreadable: GONE(e) };
  try {
    return await lineOfFile(m.path, n);
  } catch (err) {
    return { ok: false, unreadable: `cannot read ${e.name}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  } finally {
    await m.release();
  }
}

/** A series as written, as a selector with its labels in any order, and by metric name alone. */
function seriesForms(name: string, metric?: string, labels?: Readonly<Record<string, string>>): string[] {
  const s = metric === undefined ? tryParseSelector(name) : { metric, labels: labels ?? {} };
  return s ? [name.trim(), seriesKey(s.metric, s.labels)] : [name.trim()];
}

/** The series names of metric evidence (each in every form seriesForms gives), or why they cannot be read. */
async function seriesOf(e: Evidence): Promise<{ names: Set<string> } | { unreadable: string }> {
  const t = await evidenceText(e);
  if (!t) return { unreadable: GONE(e) };
  try {
    const parsed = parseMetricsText(t.text, { source: typeof e.metadata.path === 'string' ? e.metadata.path : e.name });
    return { names: new Set(parsed.series.flatMap((s) => [...seriesForms(s.name, s.metric, s.labels), s.metric].filter(Boolean))) };
  } catch {
    return { names: new Set() }; // not metrics at all: no series to link to
  }
}

const LINE_KINDS = new Set(['log', 'order', 'system']);

/**
 * Whether the anchor of a link exists in its evidence: `bad` says why not; `note` says it could not
 * be checked because the evidence's file is gone. Such a link is kept, not refused: the evidence is
 * attached (its checksum and name are on record), and a post-mortem may well cite a log that was
 * rotated away since; the document then shows the line as unreadable.
 * @example await checkAnchor(evidence, 'log', 'line 400') // { bad: 'ob-eq-01-syslog.log has 8 lines' }
 */
export async function checkAnchor(e: Evidence, kind: string, ref: string): Promise<{ bad?: string; note?: string }> {
  if (kind === 'metric') {
    const s = await seriesOf(e);
    if ('unreadable' in s) return { note: `series not checked: ${s.unreadable}` };
    if (s.names.size === 0) return { bad: `${e.name} holds no metric series` };
    return seriesForms(ref).some((f) => s.names.has(f)) ? {} : { bad: `${e.name} has no series ${ref}` };
  }
  if (!LINE_KINDS.has(kind)) return {};
  const n = lineNumberOf(ref) ?? Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) return { bad: 'a log reference is "line N", N from 1' };
  const r = await readLine(e, n);
  if (r.ok) return {};
  if ('unreadable' in r) return { note: `line ${n} not checked: ${r.unreadable}` };
  return { bad: `${e.name} has ${r.lines} line${r.lines === 1 ? '' : 's'}` };
}
