/**
 * prepareLogChunk with the native pass (layouts.ts, native/templates.c): the
 * lines that fit a header layout learned before, with a time key seen before, take the pass's keys
 * and their time from that key; the others are read in full, and teach layouts and time keys.
 */
import { ChunkWriter } from './chunk-writer.js';
import { classes, OUT_STRIDE, type LayoutTable, type TimeProto } from './layouts.js';
import { isInvalidUtf8 } from './lines.js';
import { lineDecoder, lineEnd, lineStarts, type LogPreparer, type PreparedChunk } from './prepare.js';
import * as timeArrays from './times.js';

const { TIME_DEFERRED, TIME_KNOWN, TIME_NONE } = timeArrays;
const layoutClasses = classes;

/** Lines the native pass reads at a time: layouts learned from one batch serve the next. */
export const BATCH = 256;

/** prepareLogChunk with the native pass: only lines that fit no layout (or time key) learned yet, or are not printable ASCII, are read in full. */
export function prepareByLayouts(p: LogPreparer, table: LayoutTable, bytes: Uint8Array, end: number): PreparedChunk {
  const starts = nativeLineStarts(p, bytes, end);
  const lines = starts.length - 1;
  const w = new ChunkWriter(lines);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  const { out, io, ms } = p.pass;
  const pass = p.pass.run;
  for (let from = 0; from < lines; from += BATCH) {
    io[0] = from;
    io[1] = Math.min(BATCH, lines - from);
    pass(bytes, starts, io, layoutClasses, table.table, table.patterns, table.endsAt, out);
    for (let n = 0, i = from; n < io[1]; n++, i++) {
      const o = n * OUT_STRIDE;
      const id = out[o] as number;
      if (id >= 0) {
        const proto = table.timeOf(id, out[o + 3] as number, out[o + 4] as number);
        const fracDigits = (table.layouts[id] as (typeof table.layouts)[number]).fracDigits;
        if (proto && w.fromLayout(i, proto, out[o + 1] as number, out[o + 2] as number, out[o + 5] as number, out[o + 6] as number, out[o + 7] as number, fracDigits)) {
          table.hits++;
          continue;
        }
      }
      const a = starts[i] as number;
      const b = lineEnd(bytes, starts, i);
      // printable ASCII (the pass said so) reads as Latin-1, faster; any other line is decoded as evidence/logs decodes it
      const line = id === -2 ? lineDecoder.decode(bytes.subarray(a, b)) : text.toString('latin1', a, b);
      const read = w.read(p, line, i, false, id !== -2);
      // U+FFFD in valid text is rare: only then are the line's bytes checked.
      if (read && id === -2 && line.includes('\uFFFD') && isInvalidUtf8(bytes, a, b)) w.invalid++;
      if (!read || p.reader.role !== 'record') continue;
      if (id >= 0) {
        ms[0] = out[o + 5] as number;
        ms[1] = out[o + 6] as number;
        ms[3] = out[o + 4] as number;
        rememberTime(p, table, id, out[o + 3] as number, w, i, ms, line);
      } else if (id === -1) {
        const l = p.reader.layout(line);
        const learned = l ? table.learn(line, l) : -1;
        if (learned >= 0) rememberTime(p, table, learned, table.keyOf(learned, bytes, a, ms), w, i, ms, line);
      }
    }
  }
  return w.done(bytes, starts, false);
}

/** lineStarts() by the addon's lineStarts, into the preparer's buffer (grown as needed), copied out. */
function nativeLineStarts(p: LogPreparer, bytes: Uint8Array, end: number): Int32Array {
  const native = p.pass.lineStarts;
  if (!native) return lineStarts(bytes, end);
  const view = bytes.subarray(0, end);
  // a line per 16 bytes is room enough for most logs; a chunk of shorter lines gets the room it needs
  if (p.pass.starts.length < (end >> 4) + 2) p.pass.starts = new Int32Array((end >> 4) + 2);
  let n: number;
  try {
    n = native(view, p.pass.starts);
  } catch {
    p.pass.starts = new Int32Array(end + 2);
    n = native(view, p.pass.starts);
  }
  return p.pass.starts.slice(0, n); // n - 1 lines and the end
}

/**
 * Keeps what line i (read in full into w) tells of its time key in layout `id`: only when its
 * reading is the layout's (the message where the layout has it, the header time's minute and
 * second the digits the layout has them at), as every line of that key with valid digits reads.
 */
function rememberTime(p: LogPreparer, table: LayoutTable, id: number, t1: number, w: ChunkWriter, i: number, ms: Int32Array, line: string): void {
  const t = p.reader.time;
  const minute = ms[0] as number;
  if (minute >= 0 && !(t?.kind === 'wall' && t.minute === minute && t.second === ms[1])) return;
  if (p.reader.message !== line.slice(table.messageAt(id)).trimEnd()) return;
  const kind = w.kind[i] as number;
  const proto: TimeProto = { kind, sec: w.sec[i] as number, nanos: w.nanos[i] as number, digits: w.digits[i] as number, packed: null, hour: t?.kind === 'wall' ? t.hour : 0, lane2: ms[3] as number };
  if (kind === TIME_KNOWN && minute >= 0) proto.sec -= minute * 60 + (ms[1] as number);
  else if (kind === TIME_DEFERRED) proto.packed = w.lastDeferred();
  else if (kind !== TIME_KNOWN && kind !== TIME_NONE) return;
  table.remember(id, t1, proto);
}
