import { describe, expect, it } from 'vitest';
import { NS_PER_S, parseTimestamp } from '../../shared/time.js';
import { chooseBoot, lineKey, type Anchor } from './boot-anchor.js';

const at = (s: string): bigint => parseTimestamp(s).ns;
const secs = (s: number): bigint => BigInt(Math.round(s * 1e6)) * 1000n;
const anchor = (time: string, digits: number, stamp: number, message: string, file = 'syslog'): Anchor => ({ ns: at(time), digits, offsetNs: secs(stamp), message, file });

describe('chooseBoot', () => {
  it('needs an anchor', () => {
    expect(chooseBoot([], new Set())).toBeNull();
  });

  it('takes the middle of a syslog second, whose times are truncated', () => {
    // Booted at 10:00:00.250: a line stamped 100.5 s was logged during 10:01:40 (written as 10:01:40).
    const e = chooseBoot([anchor('2025-11-26T10:01:40Z', 0, 100.5, 'eth0: link down')], new Set());
    expect(e).toMatchObject({ bootNs: at('2025-11-26T10:00:00Z'), precisionNs: NS_PER_S / 2n, anchors: 1, matched: 0, boots: 1 });
  });

  it('is exact to the microsecond with journal anchors', () => {
    const e = chooseBoot([anchor('2025-11-26T10:01:40.750123Z', 6, 100.5, 'x', 'journal.json')], new Set());
    expect(e?.bootNs).toBe(at('2025-11-26T10:00:00.250123Z') + 500n);
    expect(e?.precisionNs).toBe(500n);
  });

  it('picks the boot whose lines the dmesg file shares, over a later one', () => {
    const before = [anchor('2025-11-26T10:01:40Z', 0, 100.25, 'oom'), anchor('2025-11-26T10:02:00Z', 0, 120.75, 'segfault')];
    const after = [anchor('2025-11-26T12:00:10Z', 0, 5.5, 'eth0: link up'), anchor('2025-11-26T12:00:20Z', 0, 15.5, 'eth1: link up')];
    const e = chooseBoot([...after, ...before], new Set([lineKey(secs(120.75), 'segfault')]));
    expect(e).toMatchObject({ boots: 2, matched: 1, anchors: 1 });
    expect(e?.bootNs).toBe(at('2025-11-26T09:59:59.75Z'));
    // Sharing no line, the latest boot is taken: a dmesg file is the ring buffer of the running kernel.
    const latest = chooseBoot([...before, ...after], new Set());
    expect(latest).toMatchObject({ boots: 2, matched: 0, anchors: 2 });
    expect(latest?.bootNs).toBe(at('2025-11-26T12:00:05Z'));
  });

  it('takes the median of one boot, not the mean that an outlier would pull', () => {
    const lines = [0, 1, 2, 3].map((k) => anchor(`2025-11-26T10:01:4${k}.000000Z`, 6, 100 + k, `l${k}`));
    lines.push(anchor('2025-11-26T10:01:49.900000Z', 6, 108, 'late delivery'));
    expect(chooseBoot(lines, new Set())?.bootNs).toBe(at('2025-11-26T10:00:00Z') + 500n);
  });

  it('takes the promptest journal anchor: journald records a kernel line after it was printed, never before', () => {
    // Booted at 12:00:00.250000; journald received the lines 120, 900, 450 and 300 µs after printk.
    const delays = [120, 900, 450, 300];
    const lines = delays.map((d, k) => anchor(`2025-08-12T13:30:0${k}.${String(250000 + d).padStart(6, '0')}Z`, 6, 5400 + k, `l${k}`, 'journal.json'));
    const e = chooseBoot(lines, new Set());
    // Within the promptest line's delay (120 µs) of the truth; the median would be ~375 µs late.
    expect(e?.bootNs).toBe(at('2025-08-12T12:00:00.250120Z') + 500n);
    // The stated precision covers the error it may have (it does not claim the source's 0.5 µs).
    expect(e?.precisionNs).toBeGreaterThanOrEqual(120_000n);
  });

  it('narrows a whole-second syslog boot to where the seconds of several lines overlap', () => {
    // Stamps 99.4 and 100.6 were logged during 10:01:40 and 10:01:41 (whole seconds, truncated).
    const e = chooseBoot([anchor('2025-11-26T10:01:40Z', 0, 99.4, 'a'), anchor('2025-11-26T10:01:41Z', 0, 100.6, 'b')], new Set());
    // The first bounds the boot to [10:00:00.6, 10:00:01.6), the second to [10:00:00.4, 10:00:01.4).
    expect(e?.bootNs).toBe(at('2025-11-26T10:00:01.000Z'));
    expect(e?.precisionNs).toBe(400_000_000n);
  });
});
