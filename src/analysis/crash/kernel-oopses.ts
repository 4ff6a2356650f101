/**
 * The kernel report catalogue: every header that starts a kernel crash report, in priority
 * order, with the formats that title it. Also the lines that continue rather than start a
 * report, and info messages whose stacks can get mixed into another report.
 */
import type { Oops, OopsFormat } from './kernel-oops-types.js';
import { BUG_OOPS, LEAK_SKIP } from './kernel-oopses-bug.js';
import { INFO_OOPS, WARNING_OOPS } from './kernel-oopses-warn.js';
import { CALL_TRACE, compile as c, RIP_FRAME, STACK } from './kernel-stack.js';
import { stallExtractor } from './kernel-extractors.js';

const r = String.raw;
const ripThenTrace = { parts: [RIP_FRAME, CALL_TRACE, STACK] };
const callTrace = { parts: [CALL_TRACE, STACK] };

function single(header: string, formats: OopsFormat[], suppressions: RegExp[] = []): Oops {
  return { header, formats, suppressions };
}

const PANIC: OopsFormat[] = [
  // Stack-protector panics may lack a symbol name or an unwindable stack.
  {
    title: c(r`Kernel panic - not syncing: stack-protector:`),
    report: c(r`Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: {{FUNC}}`),
    fmt: 'kernel panic: stack is corrupted in {1}',
    kind: 'stack-overflow',
    noStackTrace: true,
  },
  {
    title: c(r`Kernel panic - not syncing: stack-protector:`),
    report: c(r`Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: [a-f0-9]+`),
    fmt: 'kernel panic: stack is corrupted in {1}',
    kind: 'stack-overflow',
    stack: { ...callTrace, skip: ['stack_chk'] },
  },
  {
    title: c(r`Kernel panic - not syncing: corrupted stack end`),
    report: c(r`Kernel panic - not syncing: corrupted stack end detected inside scheduler`),
    fmt: 'kernel panic: corrupted stack end in {1}',
    kind: 'stack-overflow',
    stack: { ...callTrace, skip: ['schedule', 'retint_kernel'], extractor: stallExtractor },
  },
  {
    title: c(r`Kernel panic - not syncing: kernel stack overflow`),
    fmt: 'kernel stack overflow in {1}',
    kind: 'stack-overflow',
    stack: { ...callTrace, skip: ['bad_stack'], extractor: stallExtractor },
  },
  { title: c(r`Kernel panic - not syncing: Attempted to kill init!`), fmt: 'kernel panic: Attempted to kill init!', kind: 'panic' },
  {
    title: c(r`Kernel panic - not syncing: Couldn't open N_TTY ldisc for [^ ]+ --- error -[0-9]+`),
    fmt: "kernel panic: Couldn't open N_TTY ldisc",
    kind: 'panic',
  },
  {
    title: c(r`Kernel panic - not syncing: (?:Fatal machine check|Machine check)`),
    fmt: 'kernel panic: fatal machine check',
    kind: 'machine-check',
    noStackTrace: true,
  },
  {
    title: c(r`Kernel panic - not syncing: (?:Hard LOCKUP|hard LOCKUP)`),
    fmt: 'BUG: hard lockup in {1}',
    kind: 'hard-lockup',
    // Interrupts are off in the spinning code itself, so its first frame is the suspect.
    stack: ripThenTrace,
  },
  // These usually follow a BUG/WARNING/hung task; seen first, the real header was lost.
  { title: c(r`Kernel panic - not syncing: Fatal exception`), fmt: 'kernel panic: Fatal exception', kind: 'panic', corrupted: true },
  { title: c(r`Kernel panic - not syncing: panic_on_warn set`), fmt: 'kernel panic: panic_on_warn set', kind: 'panic', corrupted: true },
  { title: c(r`Kernel panic - not syncing: hung_task: blocked tasks`), fmt: 'kernel panic: hung_task: blocked tasks', kind: 'hung-task', corrupted: true },
  { title: c(r`Kernel panic - not syncing: (.*)`), fmt: 'kernel panic: {1}', kind: 'panic' },
];

const KERNEL_BUG: OopsFormat[] = [
  {
    title: c(r`kernel BUG at mm/usercopy.c`),
    fmt: 'BUG: bad usercopy in {1}',
    kind: 'bad-usercopy',
    stack: { ...callTrace, skip: ['usercopy', '__check'] },
  },
  { title: c(r`kernel BUG at lib/list_debug.c`), fmt: 'BUG: corrupted list in {1}', kind: 'corrupted-list', stack: callTrace },
  {
    title: c(r`kernel BUG at (.*)`),
    fmt: 'kernel BUG in {2}',
    kind: 'kernel-bug',
    // Many skb helpers BUG_ON bad arguments; the bug is in their caller.
    stack: { ...ripThenTrace, skip: ['^skb_', '^(?:__)?folio_'] },
  },
];

const UBSAN: OopsFormat[] = [
  {
    title: c(r`UBSAN:`),
    report: c(r`UBSAN: Undefined behaviour in`),
    fmt: 'UBSAN: undefined-behaviour in {1}',
    kind: 'ubsan',
    stack: { ...callTrace, skip: ['ubsan', 'overflow'] },
  },
  {
    title: c(r`UBSAN: array-index-out-of-bounds in`),
    fmt: 'UBSAN: array-index-out-of-bounds in {1}',
    kind: 'ubsan',
    stack: { ...callTrace, skip: ['ubsan', 'overflow'] },
  },
  {
    title: c(r`UBSAN:`),
    report: c(r`UBSAN: (.*?) in`),
    fmt: 'UBSAN: {1} in {2}',
    kind: 'ubsan',
    stack: { ...callTrace, skip: ['ubsan', 'overflow'] },
  },
];

const TRUSTY: OopsFormat[] = [
  {
    title: c(r`trusty: panic.* ASSERT FAILED`),
    report: c(r`trusty: panic \(.*?\):(?: DEBUG)? ASSERT FAILED at \(.*?\): (.+)`),
    fmt: 'trusty: ASSERT FAILED: {1}',
    kind: 'assert',
    noStackTrace: true,
  },
  { title: c(r`trusty: panic.* ASSERT FAILED.*: *(.*)`), fmt: 'trusty: ASSERT FAILED: {1}', kind: 'assert', corrupted: true },
  { title: c(r`trusty: panic`), report: c(r`trusty: panic \(.*?\): (.+)`), fmt: 'trusty: panic: {1}', kind: 'assert', noStackTrace: true },
];

const OOM: OopsFormat[] = [
  {
    // The kill line names the victim; the invoking task is often an innocent allocator.
    title: c(r`(?:\S+ )?invoked oom-killer:|[Oo]ut of memory: Kill`),
    report: c(r`((?:Memory cgroup )?[Oo]ut of memory): Kill(?:ed)? process [0-9]+ \(([^)]*)\)`),
    fmt: '{1}: killed process {2}',
    kind: 'oom-kill',
    noStackTrace: true,
  },
  { title: c(r`(\S+) invoked oom-killer:`), fmt: 'out of memory: {1} invoked oom-killer', kind: 'oom-kill', noStackTrace: true },
];

/** Kernel report headers in priority order (the first header found on a line wins). */
export const KERNEL_OOPSES: Oops[] = [
  BUG_OOPS,
  WARNING_OOPS,
  INFO_OOPS,
  single('Unable to handle kernel', [
    {
      title: c(r`Unable to handle kernel (paging request|NULL pointer dereference|access to user memory)`),
      fmt: 'BUG: unable to handle kernel {1} in {2}',
      kind: 'paging-request',
      stack: ripThenTrace,
    },
  ]),
  single(
    'general protection fault',
    [{ title: c(r`general protection fault.*:`), fmt: 'general protection fault in {1}', kind: 'general-protection-fault', stack: ripThenTrace }],
    // `traps: prog[123] general protection fault ip:… error:0 in libc.so` is a userspace fault.
    [c(r`general protection fault .* error:\d+ in `), c(r`general protection fault ip:`)],
  ),
  single('stack segment: ', [{ title: c(r`stack segment: `), fmt: 'stack segment fault in {1}', kind: 'general-protection-fault', stack: ripThenTrace }]),
  single('Kernel panic', PANIC),
  single('PANIC: double fault', [{ title: c(r`PANIC: double fault`), fmt: 'PANIC: double fault in {1}', kind: 'double-fault', stack: { parts: [RIP_FRAME] } }]),
  single('kernel BUG', KERNEL_BUG),
  single('Kernel BUG', [{ title: c(r`Kernel BUG (.*)`), fmt: 'kernel BUG {1}', kind: 'kernel-bug' }]),
  single('BUG kmalloc-', [{ title: c(r`BUG kmalloc-.*: Object already free`), fmt: 'BUG: Object already free', kind: 'bug' }]),
  single('divide error:', [{ title: c(r`divide error: `), fmt: 'divide error in {1}', kind: 'divide-error', stack: { parts: [RIP_FRAME] } }]),
  // A misspelling introduced by "x86/entry: Convert Divide Error to IDTENTRY".
  single('divide_error:', [{ title: c(r`divide_error: `), fmt: 'divide error in {1}', kind: 'divide-error', stack: { parts: [RIP_FRAME] } }]),
  single('invalid opcode:', [{ title: c(r`invalid opcode: `), fmt: 'invalid opcode in {1}', kind: 'invalid-opcode', stack: { parts: [RIP_FRAME] } }]),
  single('UBSAN:', UBSAN),
  single('Booting the kernel.', [{ title: c(r`Booting the kernel.`), fmt: 'unexpected kernel reboot', kind: 'reboot', noStackTrace: true }], [
    c(r`Parsing ELF|Decompressing Linux`),
    // The boot banner is alone on its line; quoted inside another message it is an echo.
    c(r`\S.*Booting the kernel`),
  ]),
  single('unregister_netdevice: waiting for', [
    {
      title: c(r`unregister_netdevice: waiting for (?:.*) to become free`),
      fmt: 'unregister_netdevice: waiting for DEV to become free',
      kind: 'hung-task',
      noStackTrace: true,
    },
  ]),
  single('VFS: Close: file count is 0', [
    { title: c(r`VFS: Close: file count is 0`), fmt: 'VFS: Close: file count is zero (use-after-free)', kind: 'bug', noStackTrace: true },
  ]),
  single('VFS: Busy inodes after unmount', [
    { title: c(r`VFS: Busy inodes after unmount`), fmt: 'VFS: Busy inodes after unmount (use-after-free)', kind: 'bug', noStackTrace: true },
  ]),
  single('Internal error:', [{ title: c(r`Internal error:`), fmt: 'Internal error in {1}', kind: 'bad-access', stack: ripThenTrace }]),
  single('Unhandled fault:', [{ title: c(r`Unhandled fault:`), fmt: 'Unhandled fault in {1}', kind: 'bad-access', stack: ripThenTrace }]),
  single('Alignment trap:', [{ title: c(r`Alignment trap:`), fmt: 'Alignment trap in {1}', kind: 'bad-access', stack: ripThenTrace }]),
  single('trusty: panic', TRUSTY),
  single('rust_kernel: panicked at', [
    {
      title: c(r`rust_kernel: panicked at`),
      report: c(r`rust_kernel: panicked at [^\n]*\n(?:[^\n]*rust_kernel: )?\s*([^\n]+)`),
      fmt: '{1} in {2}',
      kind: 'rust-panic',
      stack: { ...callTrace, skip: ['rust_begin_unwind', 'panicking', '^core::', 'rust_helper'] },
    },
  ]),
  single('Watchdog detected hard LOCKUP', [
    {
      title: c(r`Watchdog detected hard LOCKUP`),
      fmt: 'BUG: hard lockup in {1}',
      kind: 'hard-lockup',
      stack: ripThenTrace,
    },
  ]),
  // kmemleak's own report (debugfs or dmesg) without syzkaller's `BUG: memory leak` banner.
  single('unreferenced object 0x', [
    {
      title: c(r`unreferenced object 0x`),
      fmt: 'memory leak in {1}',
      kind: 'memory-leak',
      stack: { parts: [c(r`backtrace(?: \(crc [0-9a-f]+\))?:`), STACK], skip: LEAK_SKIP },
    },
  ]),
  single('invoked oom-killer:', OOM),
  single('ut of memory: Kill', OOM),
  single('SYZFAIL:', [{ title: c(r`SYZFAIL:(.*)`), fmt: 'SYZFAIL:{1}', kind: 'executor-failure', noStackTrace: true }]),
  single('SYZFATAL:', [{ title: c(r`SYZFATAL:(.*)`), fmt: 'SYZFATAL:{1}', kind: 'executor-failure', noStackTrace: true }]),
  // Newer x86 oops header (`Oops: int3: 0000 [#1]`) for traps that have no header of their own.
  single('Oops: ', [
    { title: c(r`Oops: (?:Oops - )?([a-z][a-z0-9 ]*[a-z0-9]):`), fmt: 'Oops: {1} in {2}', kind: 'bug', stack: ripThenTrace },
  ], [c(r`Oops: [0-9a-f]+ \[`), c(r`Oops: (?:general protection fault|invalid opcode|divide error|stack segment)`)]),
];

/** Headers that continue a report already being read instead of starting a new one. */
export const REPORT_CONTINUATIONS: RegExp[] = [
  c(r`invalid opcode: 0000`),
  c(r`Kernel panic - not syncing`),
  c(r`unregister_netdevice: waiting for`),
  // A double fault often happens while handling the page fault being reported.
  c(r`PANIC: double fault`),
  c(r`Internal error:`),
  c(r`Oops: `),
  // Every leaked object of one kmemleak scan is listed under the same report.
  c(r`unreferenced object 0x`),
  // Rust panics end in BUG() through this helper; the panic message came first.
  c(r`kernel BUG at rust/helpers/`),
  // The OOM report's own kill line, and OOM kills caused by a crash being reported.
  c(r`[Oo]ut of memory: Kill`),
  c(r`invoked oom-killer:`),
];

/** Messages that carry a stack but are not bugs; seen inside a report they end its clean part. */
export const INFO_WITH_STACK: string[] = [
  'vmalloc: allocation failure:',
  'FAULT_INJECTION: forcing a failure',
  'FAULT_FLAG_ALLOW_RETRY missing',
];
