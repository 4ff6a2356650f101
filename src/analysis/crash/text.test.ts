import { describe, expect, it } from 'vitest';
import { parseLine, splitLines } from './text.js';

describe('parseLine', () => {
  it.each([
    ['[  634.794473] general protection fault: 0000 [#1] SMP', 'general protection fault: 0000 [#1] SMP', 'console'],
    ['[  150.665871][    C0] Oops: int3: 0000 [#1] SMP KASAN NOPTI', 'Oops: int3: 0000 [#1] SMP KASAN NOPTI', 'C0'],
    ['[ 1164.176368][T16664] xfs: Unknown parameter', 'xfs: Unknown parameter', 'T16664'],
    ['<6>[   85.501187] WARNING: foo', 'WARNING: foo', 'console'],
    ['Jul 09 23:44:05 knx kernel: general protection fault: 0000', 'general protection fault: 0000', 'console'],
    ['Sep 16 19:51:15 kernel: [    0.064261] mce: [Hardware Error]: x', 'mce: [Hardware Error]: x', 'console'],
    ['Tue Aug 12 16:40:43 2025 kern.crit kernel: [1317557.006117] eth0: x', 'eth0: x', 'console'],
    ['2025-10-29T17:17:15.861703+00:00 sonic kernel: [    0.000000] Linux version 6.1', 'Linux version 6.1', 'console'],
    ['[Mon Jan 27 19:27:15 2020] EDAC MC0: 1 CE memory read error', 'EDAC MC0: 1 CE memory read error', 'console'],
    ['kern  :notice: [    0.000000] Linux version 5.4.0', 'Linux version 5.4.0', 'console'],
    // dmesg -xT: the facility, then a human time in the locale's names
    ['kern  :info  : [lun may  5 18:11:41 2025] gw[3552]: segfault at 0', 'gw[3552]: segfault at 0', 'console'],
    ['kern  :warn  : [Mon Jan 27 19:27:15 2020] show_signal_msg: 32 callbacks suppressed', 'show_signal_msg: 32 callbacks suppressed', 'console'],
    // logcat -v time
    ['06-26 17:53:52.362 I/wrap.sh (12487):     #0 0x76d18550a7  (/data/app/lib/libx.so+0x68d0a7)', '    #0 0x76d18550a7  (/data/app/lib/libx.so+0x68d0a7)', 'tag:wrap.sh'],
    ['DEC  4 17:33:14 SYZKALLER KERN.WARN KERNEL: [   53.573906][ T6865] WARNING: x', 'WARNING: x', 'T6865'],
    ['Mar  1 12:00:01 host trader[77]: BUG: order rejected', 'BUG: order rejected', 'tag:trader'],
    ['syzkaller login: [   10.000001] BUG: foo', 'BUG: foo', 'console'],
    ['03-17 16:13:45.466  1702 17632 E AndroidRuntime: \tat com.x.Foo.bar(Foo.java:12)', '\tat com.x.Foo.bar(Foo.java:12)', 'tag:androidruntime'],
    ['plain text line', 'plain text line', ''],
    // a timestamp on every line (docker logs -t, kubectl --timestamps, CRI files, supervisors): the text after it
    ['2024-05-02T10:11:12.000000002Z panic: runtime error: x', 'panic: runtime error: x', ''],
    ['2024-05-02T10:11:12.000000002Z stderr F \tat com.x.Foo.bar(Foo.java:12)', '\tat com.x.Foo.bar(Foo.java:12)', ''],
    ['[2024-05-02 10:11:12.003] BUG: order book crossed', 'BUG: order book crossed', ''],
    ['2024-05-02T10:11:12+00:00 gw01 trader[7]: panic: x', 'panic: x', 'tag:trader'],
  ])('strips the prefix of %j', (raw, body, context) => {
    const l = parseLine(raw);
    expect(l.body).toBe(body);
    expect(l.context).toBe(context);
    expect(l.questionable).toBe(false);
  });

  it('marks unreliable `?` frames and strips the marker', () => {
    const l = parseLine('[  649.705965][ T6659]  ? __virt_addr_valid+0x22f/0x2e0');
    expect(l).toMatchObject({ questionable: true, body: ' __virt_addr_valid+0x22f/0x2e0' });
    expect(parseLine('[   1.0]  [<ffffffff81234>] ? foo+0x1/0x2').questionable).toBe(true);
    expect(parseLine('[   1.0] stack: 0000 (unreliable)').questionable).toBe(true);
    expect(parseLine('[   1.0]  <EOI>  ? foo+0x1/0x2').questionable).toBe(false);
  });
});

describe('splitLines', () => {
  it('accepts CRLF and ignores a final newline', () => {
    expect(splitLines('a\r\nb\n')).toEqual(['a', 'b']);
  });
});
