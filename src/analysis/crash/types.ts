/**
 * Shapes shared by every crash detector: one `Crash` per failure found in a log, with a title in
 * the style of syzbot reports, a stable kind and a grouping signature.
 */

/** Where the failure happened; kernel-reported userspace faults count as `user`. */
export type CrashOrigin = 'kernel' | 'user' | 'hardware';

/**
 * Stable, enum-like crash classes. New detectors add values here rather than inventing strings
 * elsewhere, so dashboards and stored signatures keep meaning the same thing.
 */
export const CRASH_KINDS = [
  // Kernel memory/concurrency sanitizers and similar detectors.
  'kasan', 'kmsan', 'kcsan', 'kfence', 'ubsan', 'memory-leak',
  // Kernel oops classes.
  'warning', 'bug', 'kernel-bug', 'general-protection-fault', 'paging-request', 'null-deref',
  'bad-access', 'double-fault', 'divide-error', 'invalid-opcode', 'stack-overflow', 'corrupted-list',
  // `rust-panic` is also a userspace Rust program's panic (origin `user`).
  'bad-usercopy', 'refcount', 'lockdep', 'deadlock', 'atomic-sleep', 'panic', 'rust-panic',
  // Hangs.
  'hung-task', 'soft-lockup', 'hard-lockup', 'rcu-stall', 'workqueue-lockup',
  // Resource exhaustion and reboots.
  'oom-kill', 'reboot', 'executor-failure', 'assert',
  // Hardware and device failures.
  'machine-check', 'edac', 'nvme-timeout', 'nvme-error', 'io-error', 'netdev-timeout',
  // Userspace.
  'segfault', 'signal', 'asan', 'msan', 'tsan', 'lsan', 'glibc-abort', 'cpp-exception',
  'go-panic', 'java-exception', 'python-exception', 'dotnet-exception', 'js-exception',
] as const;
export type CrashKind = (typeof CRASH_KINDS)[number];

export interface Crash {
  /**
   * Title in the style of syzbot reports, e.g. `KASAN: use-after-free Read in tty_release` or
   * `SIGSEGV in parse_order`. Standalone numbers read NUM, as in syzkaller's titles, so that it
   * stays the same across runs and can be compared with theirs.
   */
  title: string;
  /** The title with its numbers as printed (`unknown-block(0,0)`), when that differs: for people. */
  displayTitle?: string;
  kind: CrashKind;
  origin: CrashOrigin;
  /** `<12 hex digits>:<kind>:<frames>`; equal for crashes that are the same bug. */
  signature: string;
  /** Cleaned function names of the crashing thread, innermost first. */
  frames: string[];
  /** POSIX signal name (SIGSEGV…) or the fault class when the report gives one. */
  signal?: string;
  /** Faulting address as printed (hex with 0x), when the report gives one. */
  address?: string;
  /** Free text that is not part of the title (exception message, assertion text). */
  message?: string;
  /** 0-based line index of the first line of the report in the input text. */
  startLine: number;
  /** 0-based index of the last line that belongs to the report (inclusive). */
  endLine: number;
  /** Set when the report is truncated or interleaved so that the title may be unreliable. */
  corrupted?: boolean;
}

/** The JSON shape the CLI prints: `{"crashes": [...]}`. */
export interface CrashJson {
  title: string;
  kind: CrashKind;
  signature: string;
  frames: string[];
  signal: string | null;
  address: string | null;
}
