import { describe, expect, it } from 'vitest';
import { completed, diskRates, diskTotals, parseDiskstats } from './diskstats.js';
import { DISKSTATS_A, DISKSTATS_B } from './test-fixtures.js';

describe('parseDiskstats / diskRates', () => {
  const a = parseDiskstats(DISKSTATS_A);
  const b = parseDiskstats(DISKSTATS_B);
  const sda = (list: typeof a) => list.find((d) => d.name === 'sda')!;

  it('reads every device line, whatever the column count', () => {
    expect(a.map((d) => d.name)).toEqual(['loop0', 'sda', 'sda1', 'dm-0']);
    expect(sda(b)).toMatchObject({ reads: 1100, readSectors: 100480, writes: 550, inFlight: 2, ioMs: 4400, weightedMs: 5900 });
    // 14-column lines of kernels before 4.18.
    expect(parseDiskstats('   8 0 sda 10 0 80 5 20 0 160 15 0 18 20\n')[0]).toMatchObject({ reads: 10, writes: 20, weightedMs: 20 });
  });

  it('computes IOPS, MB/s, await, queue depth and utilisation as iostat -x does', () => {
    const io = diskRates(sda(a), sda(b), 500);
    expect(io.read_iops).toBe(200); // 100 reads in 0.5 s
    expect(io.write_iops).toBe(100);
    expect(io.read_mb_s).toBeCloseTo((20480 * 512) / 1e6 / 0.5, 3); // 10 MiB in 0.5 s
    expect(io.write_mb_s).toBeCloseTo((10240 * 512) / 1e6 / 0.5, 3);
    expect(io.read_latency_ms).toBe(1.5); // 150 ms over 100 reads
    expect(io.write_latency_ms).toBe(5); // 250 ms over 50 writes
    expect(io.avg_latency_ms).toBe(2.67); // 400 ms over 150 requests
    expect(io.queue_depth).toBe(1.8); // 900 weighted ms in 500 ms
    expect(io.util_pct).toBe(80); // busy 400 of 500 ms
  });

  it('leaves latency null when nothing completed, and totals weight latency by requests', () => {
    const loop = diskRates(a[0]!, b[0]!, 500);
    expect(loop).toMatchObject({ read_iops: 0, avg_latency_ms: null, read_latency_ms: null, util_pct: 0 });
    const totals = diskTotals([
      { io: diskRates(sda(a), sda(b), 500), completed: completed(sda(a), sda(b)) },
      { io: loop, completed: 0 },
    ]);
    expect(totals).toMatchObject({ read_iops: 200, write_iops: 100, avg_latency_ms: 2.67, queue_depth: 1.8, util_pct: 80 });
    expect(diskTotals([]).avg_latency_ms).toBeNull();
  });
});
