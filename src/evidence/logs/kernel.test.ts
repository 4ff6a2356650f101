import { describe, expect, it } from 'vitest';
import { parseKernel } from './kernel.js';
import { parseLogText } from './parser.js';
import type { LogRecord } from './types.js';

const records = (text: string, options = {}): LogRecord[] =>
  parseLogText(text, options).results.flatMap((r) => (r.kind === 'record' ? [r.record] : []));

const DMESG = [
  '[    0.000000] Linux version 5.4.0-77-generic (buildd@lgw01-amd64-028)',
  '[  634.794473] general protection fault: 0000 [#1] SMP',
  '[  634.794480]  ? __call_rcu+0x1f/0x280',
  '[  150.665871][    C0] Oops: int3: 0000 [#1] SMP KASAN NOPTI',
].join('\n');

describe('kernel', () => {
  it('keeps raw dmesg times boot-relative and flags them', () => {
    const rs = records(DMESG);
    expect(rs[0]?.format).toBe('kernel');
    expect(rs[1]).toMatchObject({ timestamp: null, ns: null, relative: true, bootOffsetNs: 634_794_473_000n, message: 'general protection fault: 0000 [#1] SMP' });
    // one space ends the header; call-trace indentation stays
    expect(rs[2]?.message).toBe(' ? __call_rcu+0x1f/0x280');
    expect(rs[3]).toMatchObject({ thread: 'C0', message: 'Oops: int3: 0000 [#1] SMP KASAN NOPTI' });
  });

  it('places dmesg times on the absolute axis when the boot time is known', () => {
    const rs = records(DMESG, { bootTime: '2025-11-26T10:00:00Z' });
    expect(rs[1]).toMatchObject({ timestamp: '2025-11-26T10:10:34.794473Z', bootOffsetNs: 634_794_473_000n });
    expect(rs[1]?.relative).toBeUndefined();
  });

  it('reads dmesg -T, --time-format=iso, -x and <N> prefixes', () => {
    expect(parseKernel('[Wed Nov 26 10:27:35 2025] usb 1-1: new high-speed USB device')).toMatchObject({
      time: { year: 2025, month: 11, day: 26, hour: 10 }, dialect: 'dmesg-ctime', message: 'usb 1-1: new high-speed USB device',
    });
    expect(parseKernel('2025-11-26T10:27:35,123456+01:00 nvme nvme0: timeout')).toMatchObject({
      time: { frac: '123456', offsetMin: 60 }, dialect: 'dmesg-iso', message: 'nvme nvme0: timeout',
    });
    expect(parseKernel('kern  :err   : [ 1234.5] nvme nvme0: I/O 12 QID 3 timeout')).toMatchObject({
      level: 'error', rawLevel: 'err', extra: { facility: 'kern' }, boot: { ns: 1_234_500_000_000n, digits: 1 }, message: 'nvme nvme0: I/O 12 QID 3 timeout',
    });
    expect(parseKernel('<3>[ 1234.567890] EDAC MC0: 1 CE memory read error')).toMatchObject({ level: 'error', rawLevel: '<3>', message: 'EDAC MC0: 1 CE memory read error' });
    expect(parseKernel('<4>plain kmsg line')).toMatchObject({ level: 'warn', dialect: 'kmsg', time: null, message: 'plain kmsg line' });
    expect(parseKernel('no header here')).toBeNull();
  });

  it('detects a syzkaller-style console log and treats its preamble as header-less', () => {
    const { stats } = parseLogText(`TITLE: KASAN: use-after-free Read in x\n\n${DMESG}\n`);
    expect(stats).toMatchObject({ format: 'kernel', parsed: 4, rejected: { no_header: 1, empty: 1 } });
  });
});
