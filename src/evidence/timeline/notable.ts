/**
 * Log lines that matter whatever their level: kernel crash reports and the failures the framework
 * names (OOM kill, segfault, hung task, machine check, NIC and NVMe timeouts, clock sync). Pure.
 */

export const NOTABLE: readonly [RegExp, string][] = [
  [/\bKernel panic\b|\bkernel BUG at\b|\bBUG: |\bOops\b|general protection fault|\bKASAN:|\bUBSAN:|\bKMSAN:|\bKCSAN:/, 'kernel_crash'],
  // The WARNING line itself, not the `[ cut here ]` line before it (one event per report, and the one
  // that says where): `WARNING: CPU: 3 PID: 1 at …`, older `WARNING: at …`, 6.16's `WARNING: file.c:12
  // at func+0x…, CPU#1: …`, and lockdep's reports.
  [/\bWARNING: (?:CPU|at|possible)\b|\bWARNING: \S+:\d+ at \S+, CPU#\d+|\bWARNING: (?:suspicious RCU usage|inconsistent lock state|bad unlock balance detected|held lock freed|lock held when returning to user space|nested lock was not taken)/, 'kernel_warning'],
  [/\bOut of memory\b|\boom-kill(?:er)?\b|\bKilled process \d+|invoked oom-killer|Memory cgroup out of memory/i, 'oom_kill'],
  [/\bsegfault at\b|\btraps: .* general protection|\bSIGSEGV\b/, 'segfault'],
  [/blocked for more than \d+ seconds|hung_task/, 'hung_task'],
  [/soft lockup|hard LOCKUP|rcu_(?:sched|preempt)? ?(?:detected )?stall|rcu: INFO: .*stall/i, 'lockup'],
  // AER: only uncorrected errors; corrected ones are routine noise on many boards.
  [/\bmce: |Machine Check|\bEDAC\b|Hardware Error|PCIe Bus Error: severity=Uncorrected/, 'machine_check'],
  // Driver watchdogs and resets (ixgbe, igb, e1000e, mlx5…), a device gone from the bus, a bond losing a slave.
  [/NETDEV WATCHDOG|transmit queue \d+ timed out|(?:Tx|Hardware) Unit Hang|\btx timeout\b|link is down|NIC Link is Down|link status definitely down|\bAdapter removed\b/i, 'nic_failure'],
  [/\bnvme\d*\S*:? .*(?:timeout|I\/O \d+ QID \d+ timeout|controller is down|resetting controller)/i, 'storage_failure'],
  [/\bI\/O error\b|\bBuffer I\/O error\b|blk_update_request: .*error/, 'storage_failure'],
  // Time going wrong, which a trading host must report (MiFID II RTS 25): linuxptp's ptp4l losing its
  // hardware timestamps, its clock jumping or a port faulting; chrony or ntpd stepping the clock or
  // losing every source; the kernel dropping a clocksource (TSC) it no longer trusts.
  [/timed out while polling for tx timestamp|clock jumped backward|clockcheck: clock frequency changed|\bto FAULTY on\b|Can't synchronise: no selectable sources|System clock wrong by|System clock was stepped by|no servers reachable|kernel reports TIME_ERROR|Marking clocksource \S+ as unstable|Marking TSC unstable/, 'clock_sync'],
];

/** The kind of a notable line, or null. @example notableKind('Killed process 4821 (ob-engine)') === 'oom_kill' */
export function notableKind(message: string): string | null {
  for (const [re, kind] of NOTABLE) if (re.test(message)) return kind;
  return null;
}

/**
 * One pattern (global) matching, anywhere in a line, at least every line whose message
 * {@link notableKind} would name: the same phrases without word boundaries and ignoring case. A
 * reader uses it to parse in full only the lines that may be notable.
 * @example NOTABLE_HINT.test('Nov 26 10:27:35 gw01 kernel: Out of memory: Killed process 1') === true
 */
export const NOTABLE_HINT = new RegExp(NOTABLE.map(([re]) => `(?:${re.source.replace(/\\b/g, '')})`).join('|'), 'gi');

/**
 * Text every match of {@link NOTABLE_HINT} holds, ignoring case: one or more of these. The prescan
 * (logs/prescan.ts) flags lines by their first 3–4 bytes, so each is chosen from its phrase where
 * those bytes are rare in ordinary logs (`ockup`, not `lock`). notable.test.ts checks that every
 * alternative above holds one of them.
 */
export const NOTABLE_LITERALS: readonly string[] = [
  'panic', 'el BUG', 'BUG: ', 'Oops', ' fault', 'KASAN:', 'UBSAN:', 'KMSAN:', 'KCSAN:',
  'ING: ', 'CPU#',
  'of memory', 'oom-kill', 'Killed process',
  'segfault', 'traps: ', 'SIGSEGV',
  'blocked for', 'hung_task',
  'ockup', 'rcu_', 'rcu: ',
  'mce: ', 'Machine Check', 'EDAC', 'dware Error', 'PCIe Bus',
  'NETDEV', 'smit queue', 'Unit Hang', 'tx timeout', 'nk is down', 'nk status', 'Adapter removed',
  'nvme', 'I/O error', 'blk_update',
  'tx timestamp', 'jumped backward', 'kcheck:', 'ULTY on', 'selectable sources', 'clock wrong', 'was stepped', 'servers reachable', 'TIME_ERROR', 'as unstable', 'TSC unstable',
];

