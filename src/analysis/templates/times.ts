/**
 * Header times in typed arrays, so that they cross threads without objects: an instant as whole
 * seconds and nanoseconds, and a time whose instant depends on earlier lines (a yearless time, or
 * any time in a zone with DST) packed as numbers for the file's one clock to resolve in order.
 */
import type { TimeValue } from '../../evidence/logs/index.js';

/** A record without a time (its continuations have none either). */
export const TIME_NONE = 0;
export const TIME_KNOWN = 1;
export const TIME_DEFERRED = 2;
/** A continuation line: the time of the file's last record, known only in input order (across chunks). */
export const TIME_PARENT = 3;
/** A line that neither has a header nor continues a record (malformed, too long): no time. */
export const TIME_LOOSE = 4;
export const DEFERRED_STRIDE = 11;
/** Where a packed wall time has its minute; the second, the fraction's value and its digit count follow. */
export const PACKED_MINUTE = 5;

const NS_PER_S = 1_000_000_000n;

/**
 * Writes the nanoseconds of `ns` within its second to nanos[i] and returns the whole seconds (floor).
 * @example splitNs(1_500_000_000n, new Int32Array(1), 0) // 1 (and 500000000 in the array)
 */
export function splitNs(ns: bigint, nanos: Int32Array, i: number): number {
  let s = ns / NS_PER_S;
  let r = ns - s * NS_PER_S;
  if (r < 0n) {
    r += NS_PER_S;
    s -= 1n;
  }
  nanos[i] = Number(r);
  return Number(s);
}

/** The instant of whole seconds and nanoseconds. */
export function joinNs(sec: number, nanos: number): bigint {
  return BigInt(sec) * NS_PER_S + BigInt(nanos);
}

/**
 * Packs a wall or epoch time (and the header's year hint) at out[at, at + DEFERRED_STRIDE).
 * @example packDeferred(new Float64Array(11), 0, { kind: 'epoch', ns: 5n, digits: 9 }, null)
 */
export function packDeferred(out: Float64Array, at: number, t: TimeValue, yearHint: number | null): void {
  if (t.kind === 'epoch') {
    out[at] = 2;
    const nanos = new Int32Array(1);
    out[at + 1] = splitNs(t.ns, nanos, 0);
    out[at + 2] = nanos[0] as number;
    out[at + 3] = t.digits;
    return;
  }
  if (t.kind === 'date') throw new Error('a date has no instant to defer');
  out[at] = 1;
  out[at + 1] = t.year ?? NaN;
  out[at + 2] = t.month;
  out[at + 3] = t.day;
  out[at + 4] = t.hour;
  out[at + 5] = t.minute;
  out[at + 6] = t.second;
  out[at + 7] = t.frac === '' ? 0 : Number(t.frac);
  out[at + 8] = t.frac.length;
  out[at + 9] = t.offsetMin ?? NaN;
  out[at + 10] = yearHint ?? NaN;
}

/**
 * The time packed at `at`, and its year hint.
 * @example unpackDeferred(packed, 0).time.kind // 'wall'
 */
export function unpackDeferred(p: Float64Array, at: number): { time: TimeValue; yearHint: number | null } {
  const num = (k: number): number => p[at + k] as number;
  const orNull = (k: number): number | null => (Number.isNaN(num(k)) ? null : num(k));
  if (num(0) === 2) return { time: { kind: 'epoch', ns: joinNs(num(1), num(2)), digits: num(3) }, yearHint: null };
  const fracLen = num(8);
  return {
    time: {
      kind: 'wall',
      year: orNull(1),
      month: num(2),
      day: num(3),
      hour: num(4),
      minute: num(5),
      second: num(6),
      frac: fracLen === 0 ? '' : String(num(7)).padStart(fracLen, '0'),
      offsetMin: orNull(9),
    },
    yearHint: orNull(10),
  };
}
