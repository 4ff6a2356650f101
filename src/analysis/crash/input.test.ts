import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { findCrashes } from './index.js';
import { readCrashLog } from './input.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pfa-crash-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KERN_LOG = `Mar  3 02:11:09 ld4-risk-02 kernel: [88120.442113] ------------[ cut here ]------------
Mar  3 02:11:09 ld4-risk-02 kernel: [88120.442118] WARNING: CPU: 2 PID: 0 at net/sched/sch_generic.c:525 dev_watchdog+0x20f/0x250
Mar  3 02:11:09 ld4-risk-02 kernel: [88120.442121] RIP: 0010:xprt_flush_ring+0x88/0x1c0 [xprt]
Mar  3 02:11:09 ld4-risk-02 kernel: [88120.442125] Call Trace:
Mar  3 02:11:09 ld4-risk-02 kernel: [88120.442126]  xprt_tx_timeout+0x31/0x90 [xprt]
Mar  3 02:11:09 ld4-risk-02 kernel: [88120.442129]  call_timer_fn+0x27/0x130
`;

describe('readCrashLog', () => {
  it('reads a rotated log compressed by logrotate as its text', async () => {
    const file = path.join(dir, 'kern.log.2.gz');
    writeFileSync(file, gzipSync(KERN_LOG));
    const text = await readCrashLog(file);
    expect(text).toBe(KERN_LOG);
    expect(findCrashes(text)[0]?.title).toBe('WARNING in xprt_flush_ring');
  });

  it('reads a plain file as it is, and says so when a .gz file is damaged', async () => {
    const plain = path.join(dir, 'kern.log');
    writeFileSync(plain, KERN_LOG);
    expect(await readCrashLog(plain)).toBe(KERN_LOG);
    const broken = path.join(dir, 'kern.log.3.gz');
    writeFileSync(broken, gzipSync(KERN_LOG).subarray(0, 40));
    await expect(readCrashLog(broken)).rejects.toThrow(/cannot decompress .*kern\.log\.3\.gz/);
  });
});
