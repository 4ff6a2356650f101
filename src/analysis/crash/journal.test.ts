import { describe, expect, it } from 'vitest';
import { findCrashes } from './index.js';
import { journalAsText } from './journal.js';

/** One `journalctl -o json` line per message, as journald exports kernel and program messages. */
function journal(entries: { id: string; msg: string; pid?: number }[]): string {
  return entries
    .map((e, i) =>
      JSON.stringify({
        __CURSOR: `s=4f1c;i=${1000 + i}`,
        __REALTIME_TIMESTAMP: String(1760000000000000 + i * 1000),
        __MONOTONIC_TIMESTAMP: String(912000000 + i * 1000),
        _BOOT_ID: '6a1f0c2d9e8b4c7a8f3e2d1c0b9a8f7e',
        PRIORITY: e.id === 'kernel' ? '4' : '6',
        _HOSTNAME: 'ld4-risk-02',
        SYSLOG_IDENTIFIER: e.id,
        ...(e.id === 'kernel' ? { _TRANSPORT: 'kernel', SYSLOG_FACILITY: '0' } : { _TRANSPORT: 'syslog', _PID: String(e.pid ?? 1) }),
        MESSAGE: e.msg,
      }),
    )
    .join('\n');
}

const kernel = (msg: string) => ({ id: 'kernel', msg });

describe('journalctl -o json exports', () => {
  it('finds a kernel report in the MESSAGE fields, titled and framed as in dmesg', () => {
    const text = journal([
      { id: 'systemd', msg: 'Started risk-engine.service - Risk engine.', pid: 1 },
      kernel('BUG: kernel NULL pointer dereference, address: 0000000000000010'),
      kernel('#PF: supervisor read access in kernel mode'),
      kernel('Oops: 0000 [#1] PREEMPT SMP NOPTI'),
      kernel('CPU: 4 PID: 7312 Comm: risk-engine Tainted: G           OE      6.1.0 #1'),
      kernel('RIP: 0010:xdp_ring_refill+0x3e/0x150 [fastnic]'),
      kernel('Call Trace:'),
      kernel(' <TASK>'),
      kernel(' fastnic_poll+0x2b1/0x4a0 [fastnic]'),
      kernel(' __napi_poll+0x2b/0x1b0'),
      kernel(' net_rx_action+0x2a1/0x340'),
      kernel(' </TASK>'),
      { id: 'risk-engine', msg: 'BUG: order 881 priced twice', pid: 7312 },
    ]);
    const crashes = findCrashes(text);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({
      title: 'BUG: unable to handle kernel NULL pointer dereference in xdp_ring_refill',
      address: '0x0000000000000010',
    });
    expect(crashes[0]?.frames).toContain('fastnic_poll');
  });

  it('reads an OOM kill that journald stored as bytes', () => {
    const msg = 'Out of memory: Killed process 7312 (risk-engine) total-vm:9120044kB, anon-rss:7800120kB, file-rss:0kB, shmem-rss:0kB, UID:1001';
    const text = journal([kernel('placeholder')]).replace('"placeholder"', JSON.stringify([...Buffer.from(msg)]));
    expect(findCrashes(text)[0]).toMatchObject({ title: 'Out of memory: killed process risk-engine', kind: 'oom-kill' });
  });

  it('leaves other text alone', () => {
    expect(journalAsText('[ 1.0] BUG: KASAN: use-after-free in f+0x1/0x2\n')).toBeNull();
    expect(journalAsText('{"ts":"2025-01-01T00:00:00Z","msg":"hello"}\n')).toBeNull();
  });
});
