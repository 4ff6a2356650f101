/**
 * The boot instant of a raw dmesg file, estimated from anchors: kernel lines that another source
 * (syslog, the journal) recorded with both an absolute time and the printk stamp. Pure.
 *
 * Each anchor says boot ≈ time − stamp. Anchors of one boot agree to within their sources' precision;
 * those of different boots (a log spanning a reboot) fall apart into clusters. The cluster chosen is
 * the one sharing the most lines (same stamp, same text) with the dmesg file, else the latest boot.
 */
import { NS_PER_S } from '../../shared/time.js';

export interface Anchor {
  /** Absolute instant of the line, as its source wrote it. */
  ns: bigint;
  /** Fractional digits of that instant: a syslog time in whole seconds is truncated, not rounded. */
  digits: number;
  /** The printk stamp: ns since boot. */
  offsetNs: bigint;
  message: string;
  file: string;
  /** Host the source names for the line, when it does. */
  host?: string;
}

export interface BootEstimate {
  bootNs: bigint;
  /** How far the estimate may be off: half the overlap of the anchors' bounds, or their spread. */
  precisionNs: bigint;
  /** Anchors the estimate rests on, and how many of them are lines of the dmesg file too. */
  anchors: number;
  matched: number;
  files: string[];
  /** Boots seen among the anchors (more than one: the log spans a reboot). */
  boots: number;
}

/** Anchors further apart than this (beyond their precision) belong to different boots. */
const SAME_BOOT_NS = 2n * NS_PER_S;

const unit = (digits: number): bigint => 10n ** BigInt(9 - Math.min(9, Math.max(0, digits)));

/**
 * Boot instant and precision from one boot's anchors. A source records a kernel line when it reads
 * it, never before it was printed, then truncates to its precision: each anchor bounds the boot to
 * [time − stamp − delay, time + unit − stamp − delay) with an unknown delay ≥ 0. Where the bounds of
 * all anchors overlap, the boot is the middle of the overlap; where they do not (receive delays vary
 * by more than the precision: journald under load), the tightest upper bound, which the promptest
 * anchor sets, is the estimate. A median would carry the typical delay into every placed line.
 */
function bootBounds(anchors: readonly Anchor[]): { bootNs: bigint; precisionNs: bigint } | null {
  if (!anchors.length) return null;
  const lows = anchors.map((a) => a.ns - a.offsetNs).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  let hi = lows[0] ?? 0n;
  let hiUnit = 1n;
  anchors.forEach((a, i) => {
    const u = unit(a.digits);
    const high = a.ns - a.offsetNs + u;
    if (i === 0 || high < hi) {
      hi = high;
      hiUnit = u;
    }
  });
  const lo = lows[lows.length - 1] ?? hi;
  if (lo < hi) return { bootNs: (lo + hi) / 2n, precisionNs: (hi - lo) / 2n };
  // Off by the promptest anchor's own delay: of the order of a typical anchor's distance from the bound.
  const typical = lows[Math.floor((lows.length - 1) / 2)] ?? lo;
  const spread = typical > hi ? typical - hi : 0n;
  return { bootNs: hi - hiUnit / 2n, precisionNs: spread + hiUnit / 2n };
}

/** The line's key for matching an anchor with a line of the dmesg file. */
export const lineKey = (offsetNs: bigint, message: string): string => `${offsetNs} ${message}`;

/**
 * Estimates the boot instant for a dmesg file whose lines have the keys `lines` (see lineKey); null
 * without anchors.
 * @example chooseBoot([{ ns: 1_000_000n * NS_PER_S, digits: 0, offsetNs: 5n * NS_PER_S, message: 'x', file: 'syslog' }], new Set())
 */
export function chooseBoot(anchors: Anchor[], lines: ReadonlySet<string>): BootEstimate | null {
  if (!anchors.length) return null;
  // A stamp in whole seconds was truncated: the instant lies within the next unit, by half a unit on average.
  const est = anchors
    .map((a) => ({ a, boot: a.ns - a.offsetNs + unit(a.digits) / 2n, shared: lines.has(lineKey(a.offsetNs, a.message)) }))
    .sort((x, y) => (x.boot < y.boot ? -1 : x.boot > y.boot ? 1 : 0));
  const clusters: (typeof est)[] = [];
  for (const e of est) {
    const current = clusters.at(-1);
    const prev = current?.at(-1);
    if (current && prev && e.boot - prev.boot <= SAME_BOOT_NS + unit(Math.min(e.a.digits, prev.a.digits))) current.push(e);
    else clusters.push([e]);
  }
  let best = clusters[clusters.length - 1] ?? [];
  let bestMatched = best.filter((e) => e.shared).length;
  for (const c of clusters) {
    const matched = c.filter((e) => e.shared).length;
    if (matched > bestMatched) {
      best = c;
      bestMatched = matched;
    }
  }
  // The lines the dmesg file shares are the surest anchors; the rest of their boot's when it shares none.
  const used = bestMatched ? best.filter((e) => e.shared) : best;
  const bounds = bootBounds(used.map((e) => e.a));
  if (!bounds) return null;
  return {
    ...bounds,
    anchors: used.length,
    matched: bestMatched,
    files: [...new Set(used.map((e) => e.a.file))],
    boots: clusters.length,
  };
}
