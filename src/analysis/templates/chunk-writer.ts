/**
 * The per-line results of a log chunk as prepare.ts makes them: a line read in full (header parsed,
 * message hashed, time resolved where it does not depend on earlier lines, else packed for the
 * file's clock), or a line whose header layout gave its key and time (layouts.ts).
 */
import type { TimeValue, WallTime } from '../../evidence/logs/index.js';
import { grown } from './arrays.js';
import type { TimeProto } from './layouts.js';
import type { LogPreparer, PreparedChunk } from './prepare.js';
import { skeletonHash, skeletonLane2 } from './skeleton.js';
import * as timeArrays from './times.js';

// Local copies of imported constants: V8 folds them, while it re-reads imported bindings at every use.
const { DEFERRED_STRIDE, PACKED_MINUTE, TIME_DEFERRED, TIME_KNOWN, TIME_LOOSE, TIME_NONE, TIME_PARENT, packDeferred, splitNs } = timeArrays;

/**
 * The per-line results of a log chunk as they are made, in line order.
 * @example const w = new ChunkWriter(lines); w.read(preparer, text, 0, false, true); w.done(bytes, starts, false)
 */
export class ChunkWriter {
  readonly keys: Int32Array;
  readonly kind: Uint8Array;
  readonly sec: Float64Array;
  readonly nanos: Int32Array;
  readonly digits: Uint8Array;
  private deferred = new Float64Array(0);
  private nDeferred = 0;
  binary = 0;
  invalid = 0;

  constructor(readonly lines: number) {
    this.keys = new Int32Array(lines * 2);
    this.kind = new Uint8Array(lines);
    this.sec = new Float64Array(lines);
    this.nanos = new Int32Array(lines);
    this.digits = new Uint8Array(lines);
  }

  /** Reads line i's text in full (LineReader.read); false when the line is skipped. */
  read(p: LogPreparer, text: string, i: number, whole: boolean, clean: boolean): boolean {
    const { reader } = p;
    if (!reader.read(text, whole, clean)) {
      this.keys[2 * i] = -1;
      if (reader.binary) this.binary++;
      return false;
    }
    this.keys[2 * i] = skeletonHash(reader.message);
    this.keys[2 * i + 1] = skeletonLane2();
    const t = reader.time;
    if (reader.role !== 'record') this.kind[i] = reader.role === 'continuation' ? TIME_PARENT : TIME_LOOSE;
    else if (t === null || t.kind === 'date') this.kind[i] = TIME_NONE;
    else if (p.fixedZone && (t.kind === 'epoch' || t.year !== null || reader.yearHint !== null)) {
      // Independent of earlier lines (no year to carry, no DST overlap): resolved here.
      this.kind[i] = TIME_KNOWN;
      this.sec[i] = resolveHere(p, t, reader.yearHint, this.nanos, i);
      this.digits[i] = p.memo.digits;
    } else {
      packDeferred(this.slot(), (this.nDeferred - 1) * DEFERRED_STRIDE, t, reader.yearHint);
      this.kind[i] = TIME_DEFERRED;
    }
    return true;
  }

  /**
   * Line i from its layout: its skeleton key, and its time from the time key's `proto` with this
   * line's minute, second and fraction (`minute` -1: the proto's time whole). False when those
   * digits are no valid time (the line is then read in full).
   */
  fromLayout(i: number, proto: TimeProto, k1: number, k2: number, minute: number, second: number, frac: number, fracDigits: number): boolean {
    const kind = proto.kind;
    if (minute >= 0 && kind !== TIME_NONE && !(minute <= 59 && second <= 60 && (proto.hour < 24 || (minute === 0 && second === 0)))) return false;
    this.keys[2 * i] = k1;
    this.keys[2 * i + 1] = k2;
    this.kind[i] = kind;
    if (kind === TIME_KNOWN) {
      if (minute >= 0) {
        this.sec[i] = proto.sec + minute * 60 + second;
        this.nanos[i] = frac * (POW10[9 - fracDigits] as number);
        this.digits[i] = fracDigits;
      } else {
        this.sec[i] = proto.sec;
        this.nanos[i] = proto.nanos;
        this.digits[i] = proto.digits;
      }
    } else if (kind === TIME_DEFERRED && proto.packed) {
      const out = this.slot();
      const at = (this.nDeferred - 1) * DEFERRED_STRIDE;
      out.set(proto.packed, at);
      if (minute >= 0) {
        out[at + PACKED_MINUTE] = minute;
        out[at + PACKED_MINUTE + 1] = second;
        out[at + PACKED_MINUTE + 2] = frac;
        out[at + PACKED_MINUTE + 3] = fracDigits;
      }
    }
    return true;
  }

  /** The packed form of the last deferred time, copied. */
  lastDeferred(): Float64Array {
    const at = (this.nDeferred - 1) * DEFERRED_STRIDE;
    return this.deferred.slice(at, at + DEFERRED_STRIDE);
  }

  done(bytes: Uint8Array, starts: Int32Array, cut: boolean): PreparedChunk {
    const times = { kind: this.kind, sec: this.sec, nanos: this.nanos, digits: this.digits, deferred: this.deferred.slice(0, this.nDeferred * DEFERRED_STRIDE) };
    return { bytes, lines: this.lines, starts, keys: this.keys, times, binary: this.binary, invalid: this.invalid, ...(cut ? { cut } : {}) };
  }

  /** Room for one more deferred time (the array returned; it is at nDeferred - 1). */
  private slot(): Float64Array {
    if ((this.nDeferred + 1) * DEFERRED_STRIDE > this.deferred.length) this.deferred = grown(this.deferred, 64);
    this.nDeferred++;
    return this.deferred;
  }
}

const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

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
