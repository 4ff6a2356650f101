/**
 * Test fixtures: /proc and /sys texts of an imagined 2-CPU host, read twice one second apart, and a
 * raw-capture builder over them. Values are chosen so every expected figure can be worked out by hand.
 */
import type { RawCapture, RawReading } from './raw.js';
import { read, unread } from './text.js';

export const STAT_A = `cpu  1000 0 500 8000 100 0 0 0 0 0
cpu0 600 0 300 4000 50 0 0 0 0 0
cpu1 400 0 200 4000 50 0 0 0 0 0
intr 50000 10 20 0 0
ctxt 200000
btime 1700000000
processes 3000
procs_running 2
procs_blocked 1
`;

/** One second later: cpu0 gained 80 user, 10 system, 5 idle, 5 iowait; cpu1 10, 5, 80, 5. */
export const STAT_B = `cpu  1090 0 515 8085 110 0 0 0 0 0
cpu0 680 0 310 4005 55 0 0 0 0 0
cpu1 410 0 205 4080 55 0 0 0 0 0
intr 51200 10 20 0 0
ctxt 205000
btime 1700000000
processes 3007
procs_running 3
procs_blocked 0
`;

export const DISKSTATS_A = `   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
   8       0 sda 1000 10 80000 2000 500 5 40000 3000 0 4000 5000 0 0 0 0 0 0
   8       1 sda1 900 10 70000 1800 450 5 36000 2700 0 3600 4500 0 0 0 0 0 0
 253       0 dm-0 900 0 70000 1900 450 0 36000 2800 0 3700 4700 0 0 0 0 0 0
`;

/** 500 ms later: sda did 100 reads (10 MiB, 150 ms) and 50 writes (5 MiB, 250 ms), busy 400 ms, weighted 900 ms. */
export const DISKSTATS_B = `   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
   8       0 sda 1100 10 100480 2150 550 5 50240 3250 2 4400 5900 0 0 0 0 0 0
   8       1 sda1 1000 10 90480 1950 500 5 46240 2950 2 4000 5400 0 0 0 0 0 0
 253       0 dm-0 1000 0 90480 2050 500 0 46240 3050 2 4100 5600 0 0 0 0 0 0
`;

export const MEMINFO = `MemTotal:       16384000 kB
MemFree:         2048000 kB
MemAvailable:    8192000 kB
Buffers:          512000 kB
Cached:          4096000 kB
SwapCached:            0 kB
Shmem:            100000 kB
SReclaimable:     256000 kB
Dirty:              1000 kB
SwapTotal:       4096000 kB
SwapFree:        3072000 kB
CommitLimit:    12288000 kB
Committed_AS:    9000000 kB
HugePages_Total:     128
HugePages_Free:       64
Hugepagesize:       2048 kB
`;

export const VMSTAT_A = 'pgfault 100000\npgmajfault 50\npswpin 0\npswpout 10\noom_kill 1\n';
export const VMSTAT_B = 'pgfault 102000\npgmajfault 53\npswpin 0\npswpout 30\noom_kill 1\n';

export const PSI_MEMORY_A = 'some avg10=8.00 avg60=3.00 avg300=1.00 total=1000000\nfull avg10=1.00 avg60=0.50 avg300=0.10 total=200000\n';
export const PSI_MEMORY_B = 'some avg10=8.50 avg60=3.10 avg300=1.00 total=1100000\nfull avg10=1.20 avg60=0.50 avg300=0.10 total=220000\n';
export const PSI_CPU = 'some avg10=0.50 avg60=0.40 avg300=0.30 total=500\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n';

export const NETDEV_A = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:  5000000   1000    0    0    0     0          0         0  5000000   1000    0    0    0     0       0          0
  eth0: 100000000  200000    2    5    0     0          0         0 50000000  100000    0    1    0     0       0          0
`;

/** One second later: eth0 received 12.5 MB (100 Mbps) in 10,000 packets, sent 2.5 MB; 1 new rx drop. */
export const NETDEV_B = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:  6000000   1100    0    0    0     0          0         0  6000000   1100    0    0    0     0       0          0
  eth0: 112500000  210000    2    6    0     0          0         0 52500000  105000    0    1    0     0       0          0
`;

export const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 1002 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 1003 1 0000000000000000 20 4 30 10 -1
   3: 0A000001:D431 0A000002:01BB 06 00000000:00000000 03:00000F9A 00000000     0        0 0 3 0000000000000000
`;
export const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:1F91 00000000000000000000000001000000:C351 01 00000000:00000000 00:00000000 00000000     0        0 1004 1 0000000000000000 20 4 30 10 -1
`;
export const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  100: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2001 2 0000000000000000 0
`;
export const SOCKSTAT = `sockets: used 120
TCP: inuse 3 orphan 0 tw 1 alloc 5 mem 2
UDP: inuse 1 mem 1
UDPLITE: inuse 0
RAW: inuse 0
FRAG: inuse 0 memory 0
`;

/** Two hyperthreads of one core on one socket. */
export const CPUINFO = [0, 1]
  .map((i) => `processor\t: ${i}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz\ncpu MHz\t\t: ${2000 + i * 100}.000\nphysical id\t: 0\ncore id\t\t: 0\n`)
  .join('\n');

export const MOUNTINFO = `22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
28 27 8:1 /var/lib/docker /srv/docker rw,relatime - ext4 /dev/sda1 rw
29 27 0:23 / /dev/shm rw - tmpfs tmpfs rw
30 27 0:40 / /dev/shm rw - tmpfs shm rw
31 27 253:0 / /mnt/my\\040data rw - xfs /dev/mapper/vg-data rw
`;

export function reading(atMs: number, texts: { stat: string; diskstats: string; netdev: string; vmstat: string; psiMemory: string; pids: string[] }): RawReading {
  return {
    atMs,
    stat: read(texts.stat),
    diskstats: read(texts.diskstats),
    netdev: read(texts.netdev),
    vmstat: read(texts.vmstat),
    pressure: { cpu: read(PSI_CPU), memory: read(texts.psiMemory), io: unread('ENOENT: no such file or directory') },
    pidStats: { ok: true, items: texts.pids },
  };
}

/** `/proc/[pid]/stat` line; ticks = utime + stime, rss in 4 KiB pages, start in ticks after boot. */
export function pidStat(pid: number, comm: string, state: string, utime: number, stime: number, threads: number, rssPages: number, start = 1000): string {
  return `${pid} (${comm}) ${state} 1 ${pid} ${pid} 0 -1 4194304 100 0 0 0 ${utime} ${stime} 0 0 20 0 ${threads} 0 ${start} 1000000 ${rssPages} 18446744073709551615`;
}

/**
 * A raw capture of the fixture host, readings 1000 ms apart; `overrides` replace top-level fields.
 * (The diskstats texts describe 500 ms of I/O; at 1000 ms the rates are half.)
 */
export function buildRaw(overrides: Partial<RawCapture> = {}): RawCapture {
  const pidsA = [pidStat(1, 'systemd', 'S', 100, 50, 1, 3000), pidStat(200, 'order gw (fix)', 'S', 5000, 1000, 12, 500000), pidStat(300, 'md-feed', 'R', 9000, 500, 4, 200000), pidStat(400, 'defunct', 'Z', 10, 0, 1, 0)];
  const pidsB = [pidStat(1, 'systemd', 'S', 100, 50, 1, 3000), pidStat(200, 'order gw (fix)', 'S', 5020, 1005, 12, 500000), pidStat(300, 'md-feed', 'R', 9080, 510, 4, 200000), pidStat(400, 'defunct', 'Z', 10, 0, 1, 0), pidStat(500, 'cron', 'S', 2, 1, 1, 1000)];
  return {
    wallNs: 1_764_152_855_123_456_000n,
    first: reading(1000, { stat: STAT_A, diskstats: DISKSTATS_A, netdev: NETDEV_A, vmstat: VMSTAT_A, psiMemory: PSI_MEMORY_A, pids: pidsA }),
    second: reading(2000, { stat: STAT_B, diskstats: DISKSTATS_B, netdev: NETDEV_B, vmstat: VMSTAT_B, psiMemory: PSI_MEMORY_B, pids: pidsB }),
    hostname: 'trade-gw-01',
    addresses: {
      ok: true,
      items: [
        { iface: 'lo', info: { address: '127.0.0.1', family: 'IPv4', internal: true, cidr: '127.0.0.1/8' } },
        { iface: 'eth0', info: { address: '10.0.0.1', family: 'IPv4', internal: false, cidr: '10.0.0.1/24' } },
        { iface: 'eth0', info: { address: 'fd00::1', family: 'IPv6', internal: false, cidr: 'fd00::1/64' } },
      ],
    },
    kernel: { release: '6.1.0-18-amd64', version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1', machine: 'x86_64' },
    osCpus: { model: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', count: 2 },
    osRelease: read('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n'),
    procVersion: read('Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1\n'),
    cpuinfo: read(CPUINFO),
    cpufreq: {
      ok: true,
      items: ['cpu0', 'cpu1'].map((cpu) => ({ cpu, curKhz: read('3000000\n'), maxKhz: read('3200000\n'), governor: read('performance\n') })),
    },
    meminfo: read(MEMINFO),
    loadavg: read('1.50 1.20 0.90 3/400 12345\n'),
    uptime: read('86400.50 300000.00\n'),
    fileNr: read('5000\t0\t1000000\n'),
    sockstat: read(SOCKSTAT),
    sockstat6: read('TCP6: inuse 1\nUDP6: inuse 0\n'),
    tcp: read(TCP),
    tcp6: read(TCP6),
    udp: read(UDP),
    udp6: read('   sl  local_address rem_address   st\n'),
    blockDevices: {
      ok: true,
      items: [
        { name: 'loop0', size: read('0\n'), rotational: read('0\n'), removable: read('0\n'), model: unread('ENOENT'), virtual: true, slaves: [] },
        { name: 'sda', size: read('1953525168\n'), rotational: read('0\n'), removable: read('0\n'), model: read('SAMSUNG MZ7L31T9\n'), virtual: false, slaves: [] },
        { name: 'dm-0', size: read('1000000000\n'), rotational: read('0\n'), removable: read('0\n'), model: unread('ENOENT'), virtual: true, slaves: ['sda1'] },
      ],
    },
    nics: {
      ok: true,
      items: [
        { name: 'lo', type: read('772\n'), operstate: read('unknown\n'), mtu: read('65536\n'), speed: unread('EINVAL: invalid argument'), address: read('00:00:00:00:00:00\n'), driver: null, virtual: true },
        { name: 'eth0', type: read('1\n'), operstate: read('up\n'), mtu: read('9000\n'), speed: read('25000\n'), address: read('0c:42:a1:00:00:01\n'), driver: 'mlx5_core', virtual: false },
      ],
    },
    mountinfo: read(MOUNTINFO),
    statfs: [
      { mountPoint: '/', stat: { ok: true, numbers: { bsize: 4096, blocks: 1000, bfree: 400, bavail: 300, files: 100, ffree: 60 } } },
      { mountPoint: '/dev/shm', stat: { ok: true, numbers: { bsize: 4096, blocks: 100, bfree: 100, bavail: 100, files: 0, ffree: 0 } } },
      { mountPoint: '/mnt/my data', stat: { ok: false, reason: 'timed out after 1000 ms' } },
    ],
    processDetails: [200, 300, 1, 500, 400].map((pid) => ({
      pid,
      status: read(pid === 400 ? 'Name:\tdefunct\nState:\tZ (zombie)\n' : `Name:\tx\nVmRSS:\t ${pid * 100} kB\nThreads:\t1\n`),
      cmdline: read(pid === 400 ? '' : `/usr/bin/app${pid}\0--flag\0`),
      limits: read('Limit                     Soft Limit           Hard Limit           Units\nMax open files            65536                65536                files\n'),
      fdCount: pid === 1 ? { ok: false as const, reason: 'EACCES: permission denied' } : { ok: true as const, count: pid / 10 },
    })),
    commands: [
      { command: 'uname -a', exit_code: 0, duration_ms: 3, output: 'Linux trade-gw-01 6.1.0-18-amd64 x86_64 GNU/Linux\n' },
      { command: 'dmesg -T | tail -n 200', exit_code: 1, duration_ms: 2, output: 'dmesg: read kernel buffer failed: Operation not permitted\n', unavailable: 'exited with code 1: dmesg: read kernel buffer failed: Operation not permitted' },
    ],
    ...overrides,
  };
}
