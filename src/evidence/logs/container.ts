/**
 * Container runtimes' wrappers around an application's lines: Docker's json-file
 * (`{"log":"…\n","stream":"stderr","time":"…"}`) and the CRI format of Kubernetes nodes
 * (`2025-11-26T10:27:35.123456789Z stderr F …`). Recognized once per file; the wrapper gives the
 * record its time, the application's own line (read in the format detected from the sampled inner
 * lines) its level and message.
 */
import { familyParser, mostLines, quickHeader, type FamilyParser, type FamilyResult, type Parsed, type QuickHeader } from './family.js';
import { parseLeveled } from './plain.js';
import { parseTimeText } from './timestamp.js';
import { criStream } from './tokens.js';

export type ContainerWrapper = 'docker' | 'cri';

/** Detects the inner lines' parser (a file's format detection, without looking for wrappers again). */
export type InnerDetector = (innerSample: readonly string[]) => FamilyParser | null;

/**
 * The container wrapper most sampled lines (half at least) have, or null.
 * @example wrapperOf(['2025-11-26T10:27:35.1Z stderr F boom']) === 'cri'
 */
export function wrapperOf(sample: readonly string[]): ContainerWrapper | null {
  if (mostLines(sample, (line) => criInner(line) >= 0)) return 'cri';
  return mostLines(sample, (line) => criInner(line) < 0 && dockerLog(line) !== null) ? 'docker' : null;
}

/**
 * Wraps the parser chosen for a container log so that the level and message come from the inner
 * line, or returns `outer` unchanged when the sample is not a container log. The wrapper's time
 * stays the record's time (the runtime's clock, in order, with nanoseconds); the stream is not a
 * severity (`stderr` carries a program's ordinary output as often as its errors). When the inner
 * line's header is recognized its message is the message, as if the application's file were read;
 * otherwise the whole inner line is.
 * @example containerParser(sample, jsonParser, (inner) => detectFormat(inner).parser)
 */
export function containerParser(sample: readonly string[], outer: FamilyParser, detectInner: InnerDetector): FamilyParser {
  const kind = wrapperOf(sample);
  if (kind === null) return outer;
  const split = kind === 'cri' ? splitCri : (line: string): Split | null => splitDocker(line, outer);
  const innerSample: string[] = [];
  for (const line of sample) {
    const s = split(line);
    if (s !== null && s.inner.trim() !== '') innerSample.push(s.inner);
  }
  const inner = detectInner(innerSample);
  const parse = (line: string): FamilyResult => {
    const s = split(line);
    if (s === null) return kind === 'cri' ? outer.parse(line) : null;
    const out = s.parsed;
    const r = readInner(inner, s.inner);
    if (r === null) {
      out.message = s.inner.trimEnd();
      return out;
    }
    out.level = r.level;
    out.rawLevel = r.rawLevel;
    out.message = r.message;
    if (r.component !== undefined) out.component ??= r.component;
    if (r.thread !== undefined) out.thread ??= r.thread;
    if (r.pid !== undefined) out.pid ??= r.pid;
    return out;
  };
  // The outer family's quick look would report the wrapper's level (none): the inner line decides.
  const quick = (line: string): QuickHeader | null => {
    const r = parse(line);
    if (r === null || r === 'malformed') return null;
    return quickHeader(r.time, r.level, true, true, r.message, r.yearHint ?? null);
  };
  return familyParser(parse, quick);
}

interface Split {
  /** The record as the wrapper alone makes it (time, stream); level and message are then set. */
  parsed: Parsed;
  inner: string;
}

/** The inner line read by the file's inner parser, or as a line leading with its level; null when neither knows it. */
function readInner(inner: FamilyParser | null, text: string): Parsed | null {
  const r = inner?.parse(text) ?? null;
  if (r !== null && r !== 'malformed') return r;
  const led = parseLeveled(text);
  return led !== null && led !== 'malformed' ? led : null;
}

/**
 * Index where a CRI line's inner text starts (after `TIME STREAM TAG `), or -1. The time must
 * be RFC 3339 (it is what the kubelet writes), checked by splitCri.
 */
function criInner(line: string): number {
  const sp = line.indexOf(' ');
  // A CRI time is `2025-11-26T10:27:35…`: a digit first, a `T` at 10.
  if (sp < 20 || line.charCodeAt(10) !== 84 || line.charCodeAt(0) < 48 || line.charCodeAt(0) > 57) return -1;
  const q = sp + 7;
  if (!criStream(line, sp + 1, q)) return -1;
  return Math.min(line.length, q + 3);
}

function splitCri(line: string): Split | null {
  const at = criInner(line);
  if (at < 0) return null;
  const sp = line.indexOf(' ');
  const time = parseTimeText(line.slice(0, sp));
  if (time === null) return null;
  // `F` a full line, `P` a part of one the runtime split (the rest follows on the next lines).
  const parsed: Parsed = { time, rawLevel: null, level: null, message: '', dialect: 'cri', extra: { stream: line.slice(sp + 1, sp + 7), tag: line.charAt(sp + 8) } };
  return { parsed, inner: line.slice(at) };
}

/** A Docker json-file line's `log` value, or null. Only used on the sample (detection). */
function dockerLog(line: string): string | null {
  if (line.charCodeAt(0) !== 123 || !line.includes('"log"') || !line.includes('"stream"')) return null;
  try {
    const o: unknown = JSON.parse(line);
    if (o === null || typeof o !== 'object') return null;
    const { log, stream } = o as Record<string, unknown>;
    return typeof log === 'string' && typeof stream === 'string' ? log : null;
  } catch {
    return null;
  }
}

// The json family reads the wrapper already (time under `time`, the inner line as message under `log`).
function splitDocker(line: string, outer: FamilyParser): Split | null {
  const r = outer.parse(line);
  if (r === null || r === 'malformed') return null;
  return { parsed: r, inner: r.message };
}
