/**
 * `/proc/diskstats`: per-device I/O counters, and from two readings the iostat -x figures (IOPS,
 * MB/s, await, aqu-sz, %util).
 */
import type { DiskIo } from './schema.js';
import { fields, lines, rate, round, sumKnown, toCount } from './text.js';

/** Sector size of the diskstats counters: always 512 bytes, whatever the device's real sector size. */
const SECTOR = 512;

export interface DiskCounters {
  name: string;
  reads: number;
  readSectors: number;
  readMs: number;
  writes: number;
  writeSectors: number;
  writeMs: number;
  inFlight: number;
  ioMs: number;
  weightedMs: number;
}

/**
 * Parses `/proc/diskstats` (14 to 20 columns depending on the kernel).
 * @example parseDiskstats(' 8 0 sda 10 0 80 5 20 0 160 15 0 18 20\n')[0]?.reads === 10
 */
export function parseDiskstats(text: string): DiskCounters[] {
  const out: DiskCounters[] = [];
  for (const line of lines(text)) {
    const f = fields(line);
    const name = f[2];
    const v = f.slice(3, 14).map((x) => toCount(x));
    if (!name || v.length < 11 || v.some((x) => x === null)) continue;
    // Every column was checked above, so the casts only narrow away the impossible undefined.
    const at = (i: number) => v[i] as number;
    out.push({
      name,
      reads: at(0),
      readSectors: at(2),
      readMs: at(3),
      writes: at(4),
      writeSectors: at(6),
      writeMs: at(7),
      inFlight: at(8),
      ioMs: at(9),
      weightedMs: at(10),
    });
  }
  return out;
}

function d(a: number, b: number): number | null {
  return b >= a ? b - a : null;
}

const div = (x: number | null, y: number | null): number | null => (x === null || y === null || y <= 0 ? null : round(x / y));

/**
 * iostat -x figures of one device between two readings. Latency is null when no request completed in
 * the interval (there is no latency to speak of, and 0 would claim an instant disk).
 * @example diskRates(before, after, 1000).read_iops
 */
export function diskRates(a: DiskCounters, b: DiskCounters, elapsedMs: number): DiskIo {
  const reads = d(a.reads, b.reads);
  const writes = d(a.writes, b.writes);
  const readMs = d(a.readMs, b.readMs);
  const writeMs = d(a.writeMs, b.writeMs);
  const ios = reads === null || writes === null ? null : reads + writes;
  const ioTicks = readMs === null || writeMs === null ? null : readMs + writeMs;
  const weighted = d(a.weightedMs, b.weightedMs);
  const busy = d(a.ioMs, b.ioMs);
  const mbs = (x: number, y: number) => {
    const r = rate(x, y, elapsedMs);
    return r === null ? null : round((r * SECTOR) / 1e6, 3);
  };
  return {
    read_iops: rate(a.reads, b.reads, elapsedMs),
    write_iops: rate(a.writes, b.writes, elapsedMs),
    read_mb_s: mbs(a.readSectors, b.readSectors),
    write_mb_s: mbs(a.writeSectors, b.writeSectors),
    avg_latency_ms: div(ioTicks, ios),
    read_latency_ms: div(readMs, reads),
    write_latency_ms: div(writeMs, writes),
    queue_depth: elapsedMs > 0 && weighted !== null ? round(weighted / elapsedMs) : null,
    util_pct: elapsedMs > 0 && busy !== null ? round(Math.min(100, (busy / elapsedMs) * 100)) : null,
  };
}

/**
 * Totals over several devices: IOPS, throughput and queue depth add up; latency is the request-weighted
 * mean; utilisation is the busiest device's (averaging would hide one saturated disk).
 * @example diskTotals([{ io: diskRates(a, b, 1000), reads: 10, writes: 5 }])
 */
export function diskTotals(devices: readonly { io: DiskIo; completed: number | null }[]): DiskIo {
  const sum = (k: keyof DiskIo) => round(sumKnown(devices.map((x) => x.io[k])), 3);
  let ticks = 0;
  let ios = 0;
  for (const { io, completed } of devices) {
    if (io.avg_latency_ms !== null && completed !== null && completed > 0) {
      ticks += io.avg_latency_ms * completed;
      ios += completed;
    }
  }
  const utils = devices.map((x) => x.io.util_pct).filter((u): u is number => u !== null);
  return {
    read_iops: sum('read_iops'),
    write_iops: sum('write_iops'),
    read_mb_s: sum('read_mb_s'),
    write_mb_s: sum('write_mb_s'),
    avg_latency_ms: ios > 0 ? round(ticks / ios) : null,
    read_latency_ms: weightedMean(devices, 'read_latency_ms', 'read_iops'),
    write_latency_ms: weightedMean(devices, 'write_latency_ms', 'write_iops'),
    queue_depth: sum('queue_depth'),
    util_pct: utils.length > 0 ? Math.max(...utils) : null,
  };
}

function weightedMean(devices: readonly { io: DiskIo }[], value: keyof DiskIo, weight: keyof DiskIo): number | null {
  let num = 0;
  let den = 0;
  for (const { io } of devices) {
    const v = io[value];
    const w = io[weight];
    if (v !== null && w !== null && w > 0) {
      num += v * w;
      den += w;
    }
  }
  return den > 0 ? round(num / den) : null;
}

/** Requests completed between two readings, for weighting. */
export function completed(a: DiskCounters, b: DiskCounters): number | null {
  const r = d(a.reads, b.reads);
  const w = d(a.writes, b.writes);
  return r === null || w === null ? null : r + w;
}
