/**
 * Report formats for the kernel's `WARNING:` and `INFO:` headers: WARN_ON splats (with the
 * subsystem-specific ODEBUG/refcount/kobject/usercopy variants), lockdep reports, RCU stalls,
 * hung tasks. Ordered like the `BUG:` table: earliest match wins, ties go to list order.
 */
import type { Oops, OopsFormat } from './kernel-oops-types.js';
import { CALL_TRACE, compile as c, RIP_FRAME, STACK, type StackFormat } from './kernel-stack.js';
import { hangExtractor, stallExtractor } from './kernel-extractors.js';

const r = String.raw;
const callTrace = { parts: [CALL_TRACE, STACK] };

/** WARN_ON stacks start after the trapping RIP line on x86, `--- interrupt:` on powerpc. */
function warningStack(...skip: string[]): StackFormat {
  return {
    parts: [new RegExp(`(?:${RIP_FRAME.source}|--- interrupt: [0-9]+ at ([a-zA-Z0-9_]+)(?:\\.|\\+))`), STACK],
    parts2: [CALL_TRACE, STACK],
    skip,
  };
}

// The subsystem WARNs are told by their source file; since 6.16 the header may name no function
// (`WARNING: lib/debugobjects.c:615 at 0x0, CPU#1: …`), hence the `at` alternatives.
const WARN_FORMATS: OopsFormat[] = [
  {
    title: c(r`WARNING: .*lib/debugobjects\.c.* (?:debug_print|debug_check|at)`),
    fmt: 'WARNING: ODEBUG bug in {1}',
    kind: 'warning',
    // The users of debug objects (timers, work, rcu, allocators) are not the buggy code either.
    stack: warningStack('debug_', 'rcu', 'hrtimer_', 'timer_', 'work_', 'percpu_', 'vunmap', 'vfree',
      '__free_', 'debug_check', 'kobject_'),
  },
  {
    title: c(r`WARNING: .*mm/usercopy\.c.* (?:usercopy_warn|at)`),
    fmt: 'WARNING: bad usercopy in {1}',
    kind: 'bad-usercopy',
    stack: warningStack('usercopy', '__check'),
  },
  { title: c(r`WARNING: .*lib/kobject\.c.* (?:kobject_|at)`), fmt: 'WARNING: kobject bug in {1}', kind: 'warning', stack: warningStack('kobject_') },
  { title: c(r`WARNING: .*fs/proc/generic\.c.* (?:proc_register|at)`), fmt: 'WARNING: proc registration bug in {1}', kind: 'warning', stack: warningStack('proc_') },
  { title: c(r`WARNING: .*lib/refcount\.c`), fmt: 'WARNING: refcount bug in {1}', kind: 'refcount', stack: warningStack('refcount', 'kobject_') },
  { title: c(r`WARNING: .*kernel/locking/lockdep\.c.*lock_`), fmt: 'WARNING: locking bug in {1}', kind: 'lockdep', stack: warningStack('lock_sock', 'release_sock') },
  {
    title: c(r`WARNING: .*still has locks held!`),
    report: c(r`WARNING: .*still has locks held!(?:.*\n)+?.*at: {{FUNC}}`),
    fmt: 'WARNING: still has locks held in {1}',
    kind: 'lockdep',
  },
  { title: c(r`WARNING: Nested lock was not taken`), fmt: 'WARNING: nested lock was not taken in {1}', kind: 'lockdep', stack: warningStack() },
  {
    title: c(r`WARNING: lock held when returning to user space`),
    report: c(r`WARNING: lock held when returning to user space(?:.*\n)+?.*leaving the kernel with locks still held(?:.*\n)+?.*at: (?:{{PC}} +)?{{FUNC}}`),
    fmt: 'WARNING: lock held when returning to user space in {1}',
    kind: 'lockdep',
    noStackTrace: true,
  },
  {
    title: c(r`WARNING: .*mm/.*\.c.* k?.?malloc`),
    fmt: 'WARNING: kmalloc bug in {1}',
    kind: 'warning',
    stack: warningStack('kmalloc', 'krealloc', 'slab', 'kmem'),
  },
  { title: c(r`WARNING: .*mm/vmalloc.c.*__vmalloc_node`), fmt: 'WARNING: zero-size vmalloc in {1}', kind: 'warning', stack: warningStack() },
  {
    title: c(r`WARNING: .* usb_submit_urb`),
    fmt: 'WARNING in {1}/usb_submit_urb',
    kind: 'warning',
    stack: warningStack('usb_submit_urb', 'usb_start_wait_urb', 'usb_bulk_msg', 'usb_interrupt_msg', 'usb_control_msg'),
  },
  {
    // The transmit watchdog WARN (older kernels) names the interface, which is what operators need.
    title: c(r`WARNING: .* dev_watchdog`),
    report: c(r`NETDEV WATCHDOG: (\S+) \(([^)]*)\): transmit queue`),
    fmt: 'NETDEV WATCHDOG: {1} ({2}): transmit queue timed out',
    kind: 'netdev-timeout',
    noStackTrace: true,
  },
  { title: c(r`WARNING: .* at {{SRC}} {{FUNC}}`), fmt: 'WARNING in {3}', kind: 'warning', stack: warningStack() },
  // Since 6.16: `WARNING: fs/x.c:12 at func+0x1/0x2, CPU#0: comm/pid`.
  { title: c(r`WARNING: {{SRC}} at (?:{{FUNC}}|0x)`), fmt: 'WARNING in {3}', kind: 'warning', stack: warningStack() },
  {
    title: c(r`WARNING: possible circular locking dependency detected`),
    report: c(r`WARNING: possible circular locking dependency detected(?:.*\n)+?.*is trying to acquire lock`),
    fmt: 'possible deadlock in {1}',
    kind: 'deadlock',
    stack: {
      parts: [c(r`at: (?:{{PC}} +)?{{FUNC}}`), c(r`at: (?:{{PC}} +)?{{FUNC}}`), STACK],
      // Workqueue flushing takes pseudo-locks of work items; the deadlock is in the work user.
      skip: ['process_one_work', 'flush_workqueue', 'drain_workqueue', 'destroy_workqueue'],
    },
  },
  {
    title: c(r`WARNING: possible irq lock inversion dependency detected`),
    report: c(r`WARNING: possible irq lock inversion dependency detected(?:.*\n)+?.*just changed the state of lock(?:.*\n)+?.*at: (?:{{PC}} +)?{{FUNC}}`),
    fmt: 'possible deadlock in {1}',
    kind: 'deadlock',
  },
  {
    title: c(r`WARNING: .*-safe -> .*-unsafe lock order detected`),
    fmt: 'possible deadlock in {1}',
    kind: 'deadlock',
    stack: { parts: [c(r`which became (?:.*) at:`), STACK] },
  },
  {
    title: c(r`WARNING: possible recursive locking detected`),
    report: c(r`WARNING: possible recursive locking detected(?:.*\n)+?.*is trying to acquire lock(?:.*\n)+?.*at: (?:{{PC}} +)?{{FUNC}}`),
    fmt: 'possible deadlock in {1}',
    kind: 'deadlock',
  },
  {
    title: c(r`WARNING: inconsistent lock state`),
    report: c(r`WARNING: inconsistent lock state(?:.*\n)+?.*takes(?:.*\n)+?.*at: (?:{{PC}} +)?{{FUNC}}`),
    // The function lockdep names as taking the lock; newer kernels put lockdep's own frames
    // (valid_state, mark_lock_irq) and lock wrappers (lock_sock_nested) above it in the trace.
    fmt: 'inconsistent lock state in {1}',
    kind: 'lockdep',
    stack: callTrace,
  },
  {
    title: c(r`WARNING: suspicious RCU usage`),
    report: c(r`WARNING: suspicious RCU usage(?:.*\n)+?.*?{{SRC}}`),
    fmt: 'WARNING: suspicious RCU usage in {2}',
    kind: 'lockdep',
    stack: { ...callTrace, skip: ['rcu', 'kmem', 'slab'] },
  },
  {
    title: c(r`WARNING: kernel stack regs at [0-9a-f]+ in [^ ]* has bad '([^']+)' value`),
    fmt: "WARNING: kernel stack regs has bad '{1}' value",
    kind: 'warning',
    noStackTrace: true,
  },
  {
    title: c(r`WARNING: kernel stack frame pointer at [0-9a-f]+ in [^ ]* has bad value`),
    fmt: 'WARNING: kernel stack frame pointer has bad value',
    kind: 'warning',
    noStackTrace: true,
  },
  {
    title: c(r`WARNING: bad unlock balance detected!`),
    fmt: 'WARNING: bad unlock balance in {1}',
    kind: 'lockdep',
    stack: { parts: [c(r`{{PC}} +{{FUNC}}`), CALL_TRACE, STACK] },
  },
  {
    title: c(r`WARNING: held lock freed!`),
    report: c(r`WARNING: held lock freed!(?:.*\n)+?.*at:(?: {{PC}})? +{{FUNC}}`),
    fmt: 'WARNING: held lock freed in {1}',
    kind: 'lockdep',
  },
  { title: c(r`WARNING: kernel stack regs .* has bad 'bp' value`), fmt: 'WARNING: kernel stack regs has bad value', kind: 'warning', noStackTrace: true },
  { title: c(r`WARNING: kernel stack frame pointer .* has bad value`), fmt: 'WARNING: kernel stack regs has bad value', kind: 'warning', noStackTrace: true },
  { title: c(r`WARNING:\s*(?:\n|$)`), fmt: 'WARNING: corrupted', kind: 'warning', corrupted: true },
];

export const WARNING_OOPS: Oops = {
  header: 'WARNING:',
  formats: WARN_FORMATS,
  suppressions: [
    c(r`WARNING: /etc/ssh/moduli does not exist, using fixed modulus`),
    c(r`WARNING: workqueue cpumask: online intersect > possible intersect`),
    c(r`WARNING: [Tt]he mand mount option`),
    c(r`WARNING: Unsupported flag value\(s\) of 0x%x in DT_FLAGS_1`),
    // With eIBRS or not (kernels since 6.x print it without): a configuration notice, not a bug.
    c(r`WARNING: Unprivileged eBPF is enabled`),
    c(r`WARNING: fbcon: Driver '(.*)' missed to adjust virtual screen size`),
    // Boot-time CPU vulnerability notices (arch/x86/kernel/cpu/bugs.c) are not bugs.
    c(r`(?:Spectre|Speculative|MDS|TAA|MMIO Stale Data|Retbleed|RETBleed|GDS|RFDS|SRBDS|L1TF|BHI|ITS|SRSO)[^:]*: WARNING:`),
    // Deprecation notice of net/wireless/wext-core.c, whatever the log's letter case.
    /uses wireless extensions/i,
    // Userspace sanitizer reports have their own detector.
    c(r`WARNING: (?:ThreadSanitizer|MemorySanitizer|AddressSanitizer|LeakSanitizer):`),
  ],
};

const lockdepInfo = (title: string, marker: string, fmt: string): OopsFormat => ({
  title: c(r`INFO: ` + title),
  report: c(r`INFO: ` + title + r` \](?:.*\n)+?.*` + marker + r`(?:.*\n)+?.*at: {{PC}} +{{FUNC}}`),
  fmt,
  kind: 'deadlock',
});

const INFO_FORMATS: OopsFormat[] = [
  lockdepInfo('possible circular locking dependency detected', 'is trying to acquire lock', 'possible deadlock in {1}'),
  lockdepInfo('possible irq lock inversion dependency detected', 'just changed the state of lock', 'possible deadlock in {1}'),
  lockdepInfo('SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected', 'is trying to acquire', 'possible deadlock in {1}'),
  lockdepInfo('possible recursive locking detected', 'is trying to acquire lock', 'possible deadlock in {1}'),
  { ...lockdepInfo('inconsistent lock state', 'takes', 'inconsistent lock state in {1}'), kind: 'lockdep' },
  {
    title: c(r`INFO: rcu_(?:preempt|sched|bh|tasks(?:_trace|_rude)?) (?:self-)?detected(?: expedited)? stall`),
    fmt: 'INFO: rcu detected stall in {1}',
    kind: 'rcu-stall',
    stack: {
      // The stalled code is what the timer interrupt interrupted.
      parts: [c(r`apic_timer_interrupt`), RIP_FRAME, STACK],
      parts2: [c(r`(?:apic_timer_interrupt|Exception stack|el1h_64_irq)`), STACK],
      skip: ['apic_timer_interrupt', 'rcu'],
      extractor: stallExtractor,
      taskFallback: true,
    },
  },
  {
    title: c(r`INFO: trying to register non-static key`),
    fmt: 'INFO: trying to register non-static key in {1}',
    kind: 'lockdep',
    stack: { ...callTrace, skip: ['stack', 'lock', 'IRQ'] },
  },
  {
    title: c(r`INFO: suspicious RCU usage`),
    report: c(r`INFO: suspicious RCU usage(?:.*\n)+?.*?{{SRC}}`),
    fmt: 'INFO: suspicious RCU usage in {2}',
    kind: 'lockdep',
    stack: { ...callTrace, skip: ['rcu', 'kmem', 'slab'] },
  },
  {
    // A task name may hold a newline (a fuzzer's prctl): the rest of the header then starts a line.
    title: c(r`INFO: task (?:.*\n)?.* blocked (?:in [\w/ ]+ )?for more than [0-9]+ seconds`),
    fmt: 'INFO: task hung in {1}',
    kind: 'hung-task',
    stack: { ...callTrace, extractor: hangExtractor },
  },
  {
    title: c(r`INFO: task .* can't die for more than .* seconds`),
    fmt: "INFO: task can't die in {1}",
    kind: 'hung-task',
    stack: { ...callTrace, skip: ['schedule'] },
  },
  {
    // Captured for corrupted old-style KASAN reports.
    title: c(r`INFO: (Freed|Allocated) in (.*)`),
    fmt: 'INFO: {1} in {2}',
    kind: 'kasan',
    corrupted: true,
  },
  { title: c(r`INFO:\s*(?:\n|$)`), fmt: 'INFO: corrupted', kind: 'bug', corrupted: true },
];

export const INFO_OOPS: Oops = {
  header: 'INFO:',
  formats: INFO_FORMATS,
  suppressions: [
    c(r`INFO: lockdep is turned off`),
    c(r`INFO: Stall ended before state dump start`),
    c(r`INFO: NMI handler`),
    c(r`INFO: recovery required on readonly filesystem`),
    c(r`(handler|interrupt).*took too long`),
    c(r`_INFO::`),
    c(r`INFO: sys_.* is not present in /proc/kallsyms`),
    c(r`INFO: no syscalls can create resource`),
    c(r`CAM_INFO:`),
    c(r`rmt_storage:INFO:`),
  ],
};
