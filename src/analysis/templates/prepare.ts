/**
 * The costly per-line work of file mining, done per chunk of whole lines so that it can run in any
 * thread: each line becomes the skeleton key the miner caches on (and, for log files, the time of
 * its header). Pure: bytes in, typed arrays out; the same chunk gives the same arrays everywhere.
 */
import { isAscii } from 'node:buffer';
import { Clock } from '../../evidence/logs/clock.js';
import { createZone, type TimeValue } from '../../evidence/logs/index.js';
import { nativeFunction, type NativeLineStarts, type NativeTemplateLines } from '../../evidence/logs/native.js';
import { ChunkWriter } from './chunk-writer.js';
import { LayoutTable, OUT_STRIDE, templateLines } from './layouts.js';
import { LineReader, hasControls, isInvalidUtf8, type LogSetup } from './lines.js';
import { BATCH, prepareByLayouts } from './prepare-layouts.js';
import { skeletonBytesLane2, skeletonHashBytes } from './skeleton-bytes.js';


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
  /** The file's header layouts, where its format has them and the native pass is here (layouts.ts). */
  layouts: LayoutTable | null;
  /** The native pass and its buffers (for layouts). */
  pass: { run: NativeTemplateLines; out: Int32Array; io: Int32Array; ms: Int32Array; lineStarts: NativeLineStarts | undefined; starts: Int32Array };
}

/**
 * The preparer of one file's log chunks; `layouts`: learn header layouts where the native pass is (layouts.ts).
 * @example createLogPreparer({ format: 'plain', sample: [], tz: 'UTC', latest: 0n }).fixedZone // true
 */
export function createLogPreparer(setup: LogSetup, layouts = true): LogPreparer {
  const { tz, latest, year, date, dateAssumed } = setup;
  const fixedZone = isFixedZone(tz);
  const reader = new LineReader(setup);
  const run = templateLines();
  return {
    reader,
    layouts: layouts && run && reader.layouts ? new LayoutTable() : null,
    pass: { run: run ?? noPass, out: new Int32Array(BATCH * OUT_STRIDE), io: new Int32Array(2), ms: new Int32Array(4), lineStarts: nativeFunction('lineStarts'), starts: new Int32Array(0) },
    clock: new Clock({ tz, latest, ...(year !== undefined ? { year } : {}), ...(date !== undefined ? { date, dateAssumed: dateAssumed === true } : {}) }),
    fixedZone,
    zoneOffsetMin: fixedZone ? createZone(tz).offsetAt(0) : 0,
    memo: { time: null, hint: null, sec: 0, digits: 0 },
  };
}

const noPass: NativeTemplateLines = () => {
  throw new Error('no native pass here');
};

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
 * With the native pass (layouts.ts), lines laid out like one read before skip the header scan.
 * @example prepareLogChunk(createLogPreparer(setup), bytes, bytes.length).keys
 */
export function prepareLogChunk(p: LogPreparer, bytes: Uint8Array, end: number, cut = false): PreparedChunk {
  if (p.layouts && !cut) return prepareByLayouts(p, p.layouts, bytes, end);
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
  const w = new ChunkWriter(lines);
  for (let i = 0; i < lines; i++) {
    let text = texts[i] as string;
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    // U+FFFD in valid text is rare: only then are the line's bytes checked.
    if (w.read(p, text, i, cut, clean) && !ascii && text.includes('\uFFFD') && isInvalidUtf8(bytes, starts[i] as number, lineEnd(bytes, starts, i))) w.invalid++;
  }
  return w.done(bytes, starts, cut);
}

/** UTC or a fixed offset, as evidence/logs' zone reads them: no DST, so an instant never depends on earlier lines. */
function isFixedZone(tz: string): boolean {
  const name = tz.trim();
  return name === '' || /^(?:utc|gmt|z)$/i.test(name) || /^(?:UTC|GMT|Z)?[+-]\d{1,2}(?::?\d{2})?$/i.test(name);
}
