/**
 * Report formats for the kernel's `BUG:` header: sanitizers (KASAN, KMSAN, KCSAN, KFENCE), bad
 * memory accesses, lockups, locking and sleeping-in-atomic bugs, memory leaks.
 * Formats are ordered: the first format whose title regexp matches earliest in the report wins.
 */
import type { Oops, OopsFormat } from './kernel-oops-types.js';
import { CALL_TRACE, compile as c, RIP_FRAME, STACK } from './kernel-stack.js';
import { stallExtractor } from './kernel-extractors.js';

const r = String.raw;
const callTrace = { parts: [CALL_TRACE, STACK] };
const ripThenTrace = { parts: [RIP_FRAME, CALL_TRACE, STACK] };

const KASAN: OopsFormat[] = [
  {
    title: c(r`BUG: KASAN:`),
    report: c(r`BUG: KASAN: ([a-z\-]+) in {{FUNC}}(?:.*\n)+?.*(Read|Write) (?:of size|at addr) (?:[0-9a-f]+)`),
    fmt: 'KASAN: {1} {3} in {4}',
    kind: 'kasan',
    stack: {
      parts: [c(r`BUG: KASAN: (?:[a-z\-]+) in {{FUNC}}`), CALL_TRACE, STACK],
      // Hardware tag-based KASAN reports go through the arm64 fault path first.
      skip: ['kernel_fault', 'tag_check', 'mem_abort', '^el1_', '^el1h_'],
    },
  },
  {
    title: c(r`BUG: KASAN:`),
    report: c(r`BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in {{FUNC}}`),
    fmt: 'KASAN: invalid-free in {2}',
    kind: 'kasan',
    stack: {
      parts: [c(r`BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in {{FUNC}}`), CALL_TRACE, STACK],
      skip: ['slab_', 'kfree', 'vunmap', 'vfree'],
    },
  },
  {
    // Old KASAN: `BUG: KASAN: slab-out-of-bounds in foo at addr ffff…` without an access line.
    title: c(r`BUG: KASAN: ([a-z\-]+) in {{FUNC}}[^\n]* at addr ([0-9a-f]+)`),
    fmt: 'KASAN: {1} in {2} at addr {3}',
    kind: 'kasan',
  },
  {
    title: c(r`BUG: KASAN: ([a-z\-]+) on address(?:.*\n)+?.*(Read|Write) of size ([0-9]+)`),
    fmt: 'KASAN: {1} {2}',
    kind: 'kasan',
  },
  { title: c(r`BUG: KASAN: (.*)`), fmt: 'KASAN: {1}', kind: 'kasan', corrupted: true },
  {
    title: c(r`BUG: KMSAN: kernel-usb-infoleak`),
    report: c(r`BUG: KMSAN: kernel-usb-infoleak in {{FUNC}}`),
    fmt: 'KMSAN: kernel-usb-infoleak in {2}',
    kind: 'kmsan',
    stack: {
      parts: [STACK, c(r`(Local variable .* created at:|Uninit was created at:)`), STACK],
      skip: ['alloc_skb', 'usb_submit_urb', 'usb_start_wait_urb', 'usb_bulk_msg', 'usb_interrupt_msg', 'usb_control_msg'],
    },
    noStackTrace: true,
  },
  {
    title: c(r`BUG: KMSAN:`),
    report: c(r`BUG: KMSAN: ([a-z\-]+) in {{FUNC}}`),
    fmt: 'KMSAN: {1} in {3}',
    kind: 'kmsan',
    stack: {
      parts: [STACK, c(r`(Local variable .* created at:|Uninit was created at:)`), STACK],
      // Encryption routines are where the uninit value is used, but generic crypto code makes a
      // poor title: the caller that fed it is the bug (as newer syzkaller versions skip them).
      skip: ['alloc_skb', 'netlink_ack', 'netlink_rcv_skb', '_encrypt$', '^(?:crypto|cipher|drbg|rng)_'],
    },
    noStackTrace: true,
  },
  { title: c(r`BUG: KCSAN:`), report: c(r`BUG: KCSAN: (.*)`), fmt: 'KCSAN: {1}', kind: 'kcsan', noStackTrace: true },
  {
    title: c(r`BUG: KFENCE: (use-after-free|out-of-bounds) ([a-z\-]+) in {{FUNC}}`),
    fmt: 'KFENCE: {1} {2} in {4}',
    kind: 'kfence',
    stack: { parts: [c(r`BUG: KFENCE: (?:[a-z\- ]+) in {{FUNC}}`), STACK] },
  },
  {
    title: c(r`BUG: KFENCE: invalid free in {{FUNC}}`),
    fmt: 'KFENCE: invalid free in {2}',
    kind: 'kfence',
    noStackTrace: true,
    stack: { parts: [c(r`BUG: KFENCE: (?:[a-z\- ]+) in {{FUNC}}`), STACK] },
  },
  {
    title: c(r`BUG: KFENCE: invalid (read|write) in {{FUNC}}`),
    fmt: 'KFENCE: invalid {1} in {3}',
    kind: 'kfence',
    stack: { parts: [c(r`BUG: KFENCE: (?:[a-z\- ]+) in {{FUNC}}`), STACK] },
  },
  {
    title: c(r`BUG: KFENCE: memory corruption in {{FUNC}}`),
    fmt: 'KFENCE: memory corruption in {2}',
    kind: 'kfence',
    noStackTrace: true,
    stack: { parts: [c(r`BUG: KFENCE: (?:[a-z\- ]+) in {{FUNC}}`), STACK] },
  },
];

const ACCESS: OopsFormat[] = [
  {
    title: c(r`BUG: (?:unable to handle kernel paging request|unable to handle page fault for address|Unable to handle kernel data access)`),
    fmt: 'BUG: unable to handle kernel paging request in {1}',
    kind: 'paging-request',
    stack: ripThenTrace,
  },
  {
    title: c(r`BUG: (?:unable to handle kernel NULL pointer dereference|kernel NULL pointer dereference|Kernel NULL pointer dereference)`),
    fmt: 'BUG: unable to handle kernel NULL pointer dereference in {1}',
    kind: 'null-deref',
    stack: ripThenTrace,
  },
  {
    // The second half of the header is a separate printk and is sometimes lost.
    title: c(r`BUG: (?:unable to handle kernel|Unable to handle kernel)`),
    fmt: 'BUG: unable to handle kernel',
    kind: 'bad-access',
    corrupted: true,
  },
];

const LOCKING: OopsFormat[] = [
  {
    title: c(r`BUG: (spinlock|rwlock) (lockup suspected|already unlocked|recursion|cpu recursion|bad magic|wrong owner|wrong CPU|trylock failure on UP)`),
    fmt: 'BUG: {1} {2} in {3}',
    kind: 'lockdep',
    stack: { ...callTrace, skip: ['spin_', '_lock', '_unlock'] },
  },
  {
    title: c(r`BUG: soft lockup`),
    fmt: 'BUG: soft lockup in {1}',
    kind: 'soft-lockup',
    stack: { ...ripThenTrace, extractor: stallExtractor, taskFallback: true },
  },
  {
    title: c(r`BUG: .*still has locks held!`),
    report: c(r`BUG: .*still has locks held!(?:.*\n)+?.*{{PC}} +{{FUNC}}`),
    fmt: 'BUG: still has locks held in {1}',
    kind: 'lockdep',
  },
  {
    title: c(r`BUG: scheduling while atomic`),
    fmt: 'BUG: scheduling while atomic in {1}',
    kind: 'atomic-sleep',
    stack: { ...callTrace, skip: ['schedule'] },
  },
  {
    title: c(r`BUG: lock held when returning to user space`),
    report: c(r`BUG: lock held when returning to user space(?:.*\n)+?.*leaving the kernel with locks still held(?:.*\n)+?.*at: (?:{{PC}} +)?{{FUNC}}`),
    fmt: 'BUG: lock held when returning to user space in {1}',
    kind: 'lockdep',
    noStackTrace: true,
  },
  {
    title: c(r`BUG: bad unlock balance detected!`),
    fmt: 'BUG: bad unlock balance in {1}',
    kind: 'lockdep',
    stack: { parts: [c(r`{{PC}} +{{FUNC}}`), CALL_TRACE, STACK] },
  },
  {
    title: c(r`BUG: held lock freed!`),
    report: c(r`BUG: held lock freed!(?:.*\n)+?.*{{PC}} +{{FUNC}}`),
    fmt: 'BUG: held lock freed in {1}',
    kind: 'lockdep',
  },
  {
    title: c(r`BUG: Invalid wait context`),
    // arm reports what x86 calls a lockdep WARNING; keep one title for both.
    fmt: 'WARNING: locking bug in {1}',
    kind: 'lockdep',
    stack: { ...callTrace, skip: ['lock_sock', 'release_sock'] },
  },
];

/** Allocation machinery between a leaked object and the code that leaked it. */
export const LEAK_SKIP = ['kmemleak', 'mmap', 'kmem', 'slab', 'alloc', 'create_object', 'idr_get', 'list_lru_init',
  'kasprintf', 'kvasprintf', 'pcpu_create', 'strdup', 'strndup', 'memdup'];

const MISC: OopsFormat[] = [
  { title: c(r`BUG: Bad rss-counter state`), fmt: 'BUG: Bad rss-counter state', kind: 'bug', noStackTrace: true },
  { title: c(r`BUG: non-zero nr_ptes on freeing mm`), fmt: 'BUG: non-zero nr_ptes on freeing mm', kind: 'bug', noStackTrace: true },
  { title: c(r`BUG: non-zero nr_pmds on freeing mm`), fmt: 'BUG: non-zero nr_pmds on freeing mm', kind: 'bug', noStackTrace: true },
  {
    // Filesystem type and block device (loop0, loop1…) would split one bug into many titles.
    title: c(r`BUG: Dentry .* still in use`),
    report: c(r`BUG: Dentry .* still in use \([0-9]+\) \[(unmount) of ([^\]]+)\]`),
    fmt: 'BUG: Dentry still in use in {1}',
    kind: 'bug',
  },
  {
    title: c(r`BUG: Bad page (state|map|cache)`),
    fmt: 'BUG: Bad page {1} in {2}',
    kind: 'bug',
    // With page_owner on, the stack that allocated the page names the user that leaked or broke
    // it; else the first stack printed. Allocator, page pool and page-owner frames are skipped.
    stack: {
      parts: [c(r`page last allocated`), STACK],
      parts2: [STACK],
      skip: ['(free|put|get|update|release)_page', 'free_pages', 'free_unref', 'page_pool', '^_*folio', 'truncate_inode_pages',
        'bad_page', 'check_new_page', 'prep_new_page', 'alloc', 'vmap', 'page_owner', 'rmqueue', 'page_frag'],
    },
  },
  {
    // Newer kernels show the busy workers of the stalled pool: the first one's work item is the culprit.
    title: c(r`BUG: workqueue lockup`),
    report: c(r`BUG: workqueue lockup(?:.*\n)+?.*Showing backtraces of busy workers in stalled worker pools:(?:.*\n)+?.*Workqueue: \S+ ([a-zA-Z0-9_]+)`),
    fmt: 'BUG: workqueue lockup in {1}',
    kind: 'workqueue-lockup',
    noStackTrace: true,
  },
  { title: c(r`BUG: workqueue lockup`), fmt: 'BUG: workqueue lockup', kind: 'workqueue-lockup', noStackTrace: true },
  {
    title: c(r`BUG: sleeping function called from invalid context at (.*)`),
    fmt: 'BUG: sleeping function called from invalid context in {2}',
    kind: 'atomic-sleep',
    stack: callTrace,
  },
  {
    title: c(r`BUG: using ([a-z_]+)\(\) in preemptible`),
    fmt: 'BUG: using {1}() in preemptible code in {2}',
    kind: 'atomic-sleep',
    stack: { ...callTrace, skip: ['dump_stack', 'preemption', 'preempt', 'debug_', 'processor_id', 'this_cpu'] },
  },
  {
    title: c(r`BUG: workqueue leaked lock or atomic`),
    report: c(r`BUG: workqueue leaked lock or atomic(?:.*\n)+?.*last function: ([a-zA-Z0-9_]+)\n`),
    fmt: 'BUG: workqueue leaked lock or atomic in {1}',
    kind: 'lockdep',
    noStackTrace: true,
  },
  {
    title: c(r`BUG: memory leak`),
    fmt: 'memory leak in {1}',
    kind: 'memory-leak',
    stack: { parts: [c(r`backtrace(?: \(crc [0-9a-f]+\))?:`), STACK], skip: LEAK_SKIP },
  },
  {
    title: c(r`BUG: .*stack guard page was hit at`),
    fmt: 'BUG: stack guard page was hit in {1}',
    kind: 'stack-overflow',
    stack: { ...ripThenTrace, extractor: stallExtractor },
  },
  { title: c(r`BUG:\s*(?:\n|$)`), fmt: 'BUG: corrupted', kind: 'bug', corrupted: true },
];

export const BUG_OOPS: Oops = {
  header: 'BUG:',
  formats: [...KASAN, ...ACCESS, ...LOCKING, ...MISC],
  suppressions: [
    c(r`ODEBUG:`), // CONFIG_DEBUG_OBJECTS chatter
    c(r`Boot_DEBUG:`),
    c(r`xlog_status:`),
    c(r`DEBUG:`),
    c(r`BUG: no syscalls can create resource`),
  ],
};
