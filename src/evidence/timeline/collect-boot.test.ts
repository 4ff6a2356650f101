/** Raw dmesg placed on the absolute axis by kernel lines that syslog or the journal also recorded. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../shared/time.js';
import { buildTimeline } from './build.js';

let dir: string;
const window = { start: parseTimestamp('2025-11-26T10:00:00Z'), end: parseTimestamp('2025-11-26T10:30:00Z'), before: '0s', after: '0s' };
const file = (name: string, lines: string[]): string => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

// The host booted at 2025-11-26T08:00:00.250000Z: a stamp of s seconds is 08:00:00.25 + s.
const DMESG = [
  '[ 7200.000100] ixgbe 0000:03:00.0 eth2: NIC Link is Up 10 Gbps',
  '[ 8100.500000] Out of memory: Killed process 4821 (ob-engine)',
  '[ 8102.125000] ob-engine[4901]: segfault at 10 ip 00005581d2a3b4c5 sp 00007ffd9e1c2a30 error 4 in ob-engine[5581d2a00000+2f0000]',
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfa-boot-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('boot-relative dmesg lines', () => {
  it('stay off the axis, kept beside it with their offset since boot and a note saying how to place them, when nothing anchors them', async () => {
    const t = await buildTimeline([file('dmesg-alone', DMESG)], window);
    expect(t.events).toEqual([]);
    expect(t.sources[0]?.notes[0]).toMatch(/^3 kernel lines have boot-relative times only: pass --boot-time, or add a syslog or journal file/);
    // the two that would be events (the NIC line is not one) are kept, in file order
    expect(t.unplaced.map((u) => [u.boot_offset, u.event_type, u.metadata.line])).toEqual([
      ['8100.500000', 'oom_kill', 2],
      ['8102.125000', 'segfault', 3],
    ]);
  });

  it('are not kept beside the axis once placed', async () => {
    const syslog = file('syslog-anchor', ['Nov 26 10:15:00 gw01 kernel: [ 8100.500000] Out of memory: Killed process 4821 (ob-engine)']);
    const t = await buildTimeline([file('dmesg-placed', DMESG), syslog], { ...window, year: 2025 });
    expect(t.unplaced).toEqual([]);
    expect(t.events.length).toBeGreaterThan(0);
  });

  it('are placed by the syslog lines holding the same printk stamps, each event once', async () => {
    const syslog = file('syslog', [
      'Nov 26 10:00:00 gw01 kernel: [ 7200.000100] ixgbe 0000:03:00.0 eth2: NIC Link is Up 10 Gbps',
      'Nov 26 10:15:00 gw01 kernel: [ 8100.500000] Out of memory: Killed process 4821 (ob-engine)',
      'Nov 26 10:15:01 gw01 app[7]: restarting',
    ]);
    const t = await buildTimeline([file('dmesg', DMESG), syslog], { ...window, year: 2025 });
    expect(t.events.map((e) => [e.timestamp, e.event_type, e.metadata.file, e.metadata.boot_offset])).toEqual([
      // Syslog holds it too, at a whole second: the copy placed on the kernel's clock is kept.
      ['2025-11-26T10:15:00.749950Z', 'oom_kill', 'dmesg', '8100.500000'],
      // Each anchor dates the boot within a second (syslog truncates): [07:59:59.9999, 08:00:00.9999) and
      // [07:59:59.5, 08:00:00.5); the middle of their overlap is 08:00:00.24995, ± 250.05 ms.
      ['2025-11-26T10:15:02.374950Z', 'segfault', 'dmesg', '8102.125000'],
    ]);
    const segfault = t.events[1];
    // The boot's uncertainty is each placed time's, and the anchors' host is the dmesg file's.
    expect(segfault?.metadata).toMatchObject({ boot_time: '2025-11-26T08:00:00.249950Z', boot_time_from: 'syslog', time_uncertainty: '±250050µs', host: 'gw01' });
    expect(t.sources[0]?.notes[0]).toBe(
      'boot-relative times placed with boot time 2025-11-26T08:00:00.249950Z (± 250050µs), estimated from 2 kernel lines of syslog that carry both times (2 of them also in this file); 1 event also in syslog kept from here, whose times there are whole seconds',
    );
    expect(t.sources[1]).toMatchObject({ events: 0 });
    expect(t.sources[1]?.notes).toContain("1 kernel event also in dmesg kept from there, on the kernel's clock (whole seconds here)");
  });

  it('keep the order of one kernel clock when the anchoring syslog has whole seconds only', async () => {
    const dmesg = file('dmesg-nic', ['[12345.200000] NETDEV WATCHDOG: eth2 (ixgbe): transmit queue 3 timed out', '[12345.678901] ixgbe 0000:3b:00.0 eth2: NIC Link is Down']);
    const syslog = file('syslog-nic', ['Nov 26 10:27:35 gw01 kernel: [12345.678901] ixgbe 0000:3b:00.0 eth2: NIC Link is Down']);
    const t = await buildTimeline([dmesg, syslog], { start: parseTimestamp('2025-11-26T10:27:00Z'), end: parseTimestamp('2025-11-26T10:28:00Z'), year: 2025 });
    expect(t.events.map((e) => [e.metadata.boot_offset, e.metadata.file])).toEqual([
      ['12345.200000', 'dmesg-nic'],
      ['12345.678901', 'dmesg-nic'],
    ]);
    const [a, b] = t.events;
    expect(a && b ? b.ns - a.ns : 0n).toBe(478_901_000n);
  });

  it('are placed to the microsecond by the journal’s kernel entries', async () => {
    const entry = (realtimeUs: bigint, monoUs: number, message: string): string =>
      JSON.stringify({ __REALTIME_TIMESTAMP: String(realtimeUs), _SOURCE_MONOTONIC_TIMESTAMP: String(monoUs), _TRANSPORT: 'kernel', PRIORITY: '6', SYSLOG_IDENTIFIER: 'kernel', MESSAGE: message });
    const bootUs = parseTimestamp('2025-11-26T08:00:00.250000Z').ns / 1000n;
    // journald receives a kernel line a few microseconds after printk stamped it.
    const journal = file('journal.json', [entry(bootUs + 7_200_000_100n + 7n, 7_200_000_100, 'ixgbe 0000:03:00.0 eth2: NIC Link is Up 10 Gbps')]);
    const t = await buildTimeline([file('dmesg2', DMESG), journal], window);
    expect(t.events.map((e) => [e.timestamp, e.event_type])).toEqual([
      ['2025-11-26T10:15:00.750007Z', 'oom_kill'],
      ['2025-11-26T10:15:02.375007Z', 'segfault'],
    ]);
  });

  it('keep an explicit --boot-time', async () => {
    const syslog = file('syslog2', ['Nov 26 10:15:00 gw01 kernel: [ 8100.500000] Out of memory: Killed process 4821 (ob-engine)']);
    const t = await buildTimeline([file('dmesg3', DMESG), syslog], { ...window, year: 2025, bootTime: '2025-11-26T08:00:01Z' });
    expect(t.events.find((e) => e.event_type === 'segfault')?.timestamp).toBe('2025-11-26T10:15:03.125000Z');
  });
});
