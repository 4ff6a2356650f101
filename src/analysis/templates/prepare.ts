/**
 * The costly per-line work of file mining, done per chunk of whole lines so that it can run in any
 * thread: each line becomes the skeleton key the miner caches on (and, for log files, the time of
 * its header). Pure: bytes in, typed arrays out; the same chunk gives the same arrays everywhere.
 */
import { isAscii } from 'node:buffer';
import { Clock } from '../../evidence/logs/clock.js';
import { createZone, type TimeValue, type WallTime } from '../../evidence/logs/index.js';
import { LineReader, hasControls, isInvalidUtf8, type LogSetup } from './lines.js';
import { skeletonBytesLane2, skeletonHashBytes } from './skeleton-bytes.js';
import { skeletonHash, skeletonLane2 } from './skeleton.js';
import * as timeArrays from './times.js';

// Local copies of imported constants: V8 folds them, while it re-reads imported bindings at every use.
const { DEFERRED_STRIDE, TIME_DEFERRED, TIME_KNOWN, TIME_LOOSE, TIME_NONE, TIME_PARENT, packDeferred, splitNs } = timeArrays;

/** Per-line results of a chunk; line i is bytes [starts[i], starts[i + 1] - 1), a final CR excluded. */
export interface PreparedChunk {
  /** The chunk itself, handed back (a worker returns it with the results). */
  bytes: Uint8Array;
  lines: number;
  starts: Int32Array;
  /** Two per line: the skeleton key of what is mined; -1 first for a skipped line. */
  keys: Int32Array;
  times?: ChunkTimes;
  /** The chunk is the cut start of a line too long to buffer (mined whole, as evidence/logs rejects it). */
  cut?: boolean;
  /** Log chunks: lines skipped as binary, and lines mined that are not valid UTF-8 (what a user should hear of). */
  binary?: number;
  invalid?: number;
}

/** Header times of a chunk's lines (times.ts' TIME_* kinds): TIME_KNOWN ones as seconds, nanoseconds and digits. */
export interface ChunkTimes {
  kind: Uint8Array;
  sec: Float64Array;
  nanos: Int32Array;
  digits: Uint8Array;
  /** DEFERRED_STRIDE numbers per TIME_DEFERRED line, in line order (for the file's own clock). */
  deferred: Float64Array;
}

/** Decodes line bytes as evidence/logs does: invalid sequences become U+FFFD, a BOM stays. */
export const lineDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Line starts of a chunk of whole lines (every line ends with '\n' before `end`).
 * @example lineStarts(new TextEncoder().encode('a\nbc\n'), 5) // Int32Array [0, 2, 5]
 */
export function lineStarts(bytes: Uint8Array, end: number): Int32Array {
  let starts = new Int32Array(Math.max(16, end >> 6));
  let n = 0;
  const view = bytes.subarray(0, end);
  for (let nl = view.indexOf(10); nl >= 0; nl = view.indexOf(10, nl + 1)) {
    if (n + 2 > starts.length) {
      const bigger = new Int32Array(starts.length * 2);
      bigger.set(starts);
      starts = bigger;
    }
    starts[++n] = nl + 1;
  }
  return starts.slice(0, n + 1);
}

/** End of line i without its newline and CR. */
export function lineEnd(bytes: Uint8Array, starts: Int32Array, i: number): number {
  const b = (starts[i + 1] as number) - 1;
  return b > (starts[i] as number) && bytes[b - 1] === 13 ? b - 1 : b;
}

/**
 * Whole lines as bytes: the byte skeleton key of each (TemplateMiner.addCached(k1, k2, true)).
 * @example prepareRawChunk(new TextEncoder().encode('took 5 ms\n'), 10).lines // 1
 */
export function prepareRawChunk(bytes: Uint8Array, end: number): PreparedChunk {
  const starts = lineStarts(bytes, end);
  const lines = starts.length - 1;
  const keys = new Int32Array(lines * 2);
  for (let i = 0; i < lines; i++) {
    keys[2 * i] = skeletonHashBytes(bytes, starts[i] as number, lineEnd(bytes, starts, i));
    keys[2 * i + 1] = skeletonBytesLane2();
  }
  return { bytes, lines, starts, keys };
}

/** Per-file state of log chunk preparation in one thread. */
export interface LogPreparer {
  reader: LineReader;
  /** This thread's clock: only for times whose instant does not depend on earlier lines. */
  clock: Clock;
  fixedZone: boolean;
  /** The zone's offset from UTC in minutes, when fixedZone. */
  zoneOffsetMin: number;
  /** The last time the clock resolved here, its whole seconds and the digits of the last line's time. */
  memo: { time: TimeValue | null; hint: number | null; sec: number; digits: number };
}

/**
 * The preparer of one file's log chunks.
 * @example createLogPreparer({ format: 'plain', sample: [], tz: 'UTC', latest: 0n }).fixedZone // true
 */
export function createLogPreparer(setup: LogSetup): LogPreparer {
  const { tz, latest, year, date, dateAssumed } = setup;
  const fixedZone = isFixedZone(tz);
  return {
    reader: new LineReader(setup),
    clock: new Clock({ tz, latest, ...(year !== undefined ? { year } : {}), ...(date !== undefined ? { date, dateAssumed: dateAssumed === true } : {}) }),
    fixedZone,
    zoneOffsetMin: fixedZone ? createZone(tz).offsetAt(0) : 0,
    memo: { time: null, hint: null, sec: 0, digits: 0 },
  };
}

/**
 * Reads the message of line i of a prepared chunk again (the miner needs the text of a line whose
 * skeleton it has not cached): the same text, and so the same message, as in prepareLogChunk.
 */
export function readLine(p: LogPreparer, c: PreparedChunk, i: number): boolean {
  const { bytes, starts } = c;
  const a = starts[i] as number;
  const b = lineEnd(bytes, starts, i);
  const text = lineDecoder.decode(bytes.subarray(a, b));
  // A line that is not valid UTF-8 is read like any other, with U+FFFD for its bad bytes (as evidence/logs does).
  return p.reader.read(text, c.cut === true);
}

/**
 * Log lines: the skeleton key of each line's message (TemplateMiner.addCached(k1, k2)) and its time.
 * @example prepareLogChunk(createLogPreparer(setup), bytes, bytes.length).keys
 */
export function prepareLogChunk(p: LogPreparer, bytes: Uint8Array, end: number, cut = false): PreparedChunk {
  const decoded = lineDecoder.decode(bytes.subarray(0, end));
  const clean = !hasControls(decoded);
  const texts = decoded.split('\n');
  const lines = texts.length - 1; // the chunk ends with '\n'
  // ASCII (the usual case): no invalid bytes, and a line's bytes are its characters
  const ascii = isAscii(bytes.subarray(0, end));
  let starts: Int32Array;
  if (ascii) {
    starts = new Int32Array(lines + 1);
    for (let i = 0; i < lines; i++) starts[i + 1] = (starts[i] as number) + (texts[i] as string).length + 1;
  } else starts = lineStarts(bytes, end);
  const keys = new Int32Array(lines * 2);
  const kind = new Uint8Array(lines);
  const sec = new Float64Array(lines);
  const nanos = new Int32Array(lines);
  const digits = new Uint8Array(lines);
  let deferred = new Float64Array(0);
  let nDeferred = 0;
  const { reader } = p;
  let binary = 0;
  let invalid = 0;
  for (let i = 0; i < lines; i++) {
    let text = texts[i] as string;
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    const whole = cut;
    if (!reader.read(text, whole, clean)) {
      keys[2 * i] = -1;
      if (reader.binary) binary++;
      continue;
    }
    // U+FFFD in valid text is rare: only then are the line's bytes checked.
    if (!ascii && text.includes('\uFFFD') && isInvalidUtf8(bytes, starts[i] as number, lineEnd(bytes, starts, i))) invalid++;
    keys[2 * i] = skeletonHash(reader.message);
    keys[2 * i + 1] = skeletonLane2();
    const t = reader.time;
    if (reader.role !== 'record') kind[i] = reader.role === 'continuation' ? TIME_PARENT : TIME_LOOSE;
    else if (t === null || t.kind === 'date') kind[i] = TIME_NONE;
    else if (p.fixedZone && (t.kind === 'epoch' || t.year !== null || reader.yearHint !== null)) {
      // Independent of earlier lines (no year to carry, no DST overlap): resolved here.
      kind[i] = TIME_KNOWN;
      sec[i] = resolveHere(p, t, reader.yearHint, nanos, i);
      digits[i] = p.memo.digits;
    } else {
      if ((nDeferred + 1) * DEFERRED_STRIDE > deferred.length) {
        const bigger = new Float64Array(Math.max(64, deferred.length * 2));
        bigger.set(deferred);
        deferred = bigger;
      }
      packDeferred(deferred, nDeferred++ * DEFERRED_STRIDE, t, reader.yearHint);
      kind[i] = TIME_DEFERRED;
    }
  }
  const times = { kind, sec, nanos, digits, deferred: deferred.slice(0, nDeferred * DEFERRED_STRIDE) };
  return { bytes, lines, starts, keys, times, binary, invalid, ...(cut ? { cut } : {}) };
}

/**
 * The instant of a time that does not depend on earlier lines, as seconds (returned), nanoseconds
 * (nanos[i]) and digits (p.memo.digits), computed as evidence/logs' clock computes it in a fixed
 * zone (without its bigints: this runs for every line), once per second for runs of lines.
 */
function resolveHere(p: LogPreparer, t: Exclude<TimeValue, { kind: 'date' }>, hint: number | null, nanos: Int32Array, i: number): number {
  const memo = p.memo;
  if (t.kind === 'wall') {
    memo.digits = t.frac.length;
    nanos[i] = fractionNanos(t.frac);
    if (!(memo.time?.kind === 'wall' && memo.hint === hint && sameSecond(memo.time, t))) {
      // In a fixed zone the clock takes the wall time less the offset (the line's, else the zone's).
      const wallMs = Date.UTC(t.year ?? (hint as number), t.month - 1, t.day, t.hour, t.minute, t.second);
      memo.sec = (wallMs - (t.offsetMin ?? p.zoneOffsetMin) * 60_000) / 1000;
      memo.time = t;
      memo.hint = hint;
    }
    return memo.sec;
  }
  const at = p.clock.resolve(t, hint);
  if (!at) throw new Error('an epoch time without an instant');
  memo.digits = at.digits;
  memo.time = t;
  return splitNs(at.ns, nanos, i);
}

/** Nanoseconds of a decimal fraction's digits, at most 9 used (as evidence/logs' clock reads them). */
function fractionNanos(frac: string): number {
  const len = Math.min(frac.length, 9);
  let v = 0;
  for (let k = 0; k < len; k++) v = v * 10 + frac.charCodeAt(k) - 48;
  for (let k = len; k < 9; k++) v *= 10;
  return v;
}

/** Whether two wall times are in the same second (fraction aside) as written. */
function sameSecond(a: WallTime, b: WallTime): boolean {
  return a.second === b.second && a.minute === b.minute && a.hour === b.hour && a.day === b.day && a.month === b.month
    && a.year === b.year && a.offsetMin === b.offsetMin;
}

/** UTC or a fixed offset, as evidence/logs' zone reads them: no DST, so an instant never depends on earlier lines. */
function isFixedZone(tz: string): boolean {
  const name = tz.trim();
  return name === '' || /^(?:utc|gmt|z)$/i.test(name) || /^(?:UTC|GMT|Z)?[+-]\d{1,2}(?::?\d{2})?$/i.test(name);
}
