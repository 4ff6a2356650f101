/**
 * Guilty-frame extractors for hangs. A stall or hung task is caught at a random point of the
 * looping or waiting code, so the top frame would split one bug into many titles; these pick a
 * representative frame deeper in the stack instead (the approach of syzkaller's reports).
 */
import type { FrameExtractor } from './kernel-stack.js';

// Generic dispatch points (syscall entry, workqueue, softirq, timers, file/socket operations).
// The frame *above* the first anchor is the one that says what was running.
const STALL_ANCHORS: RegExp[] = [
  'process_one_work', 'do_syscall_', 'do_fast_syscall_', 'sysenter_dispatch', 'tracesys_phase2',
  'el0_svc_handler', 'invoke_syscall', 'ret_fast_syscall', 'netif_receive_skb', 'do_softirq',
  'call_timer_fn', '_run_timers', 'run_timer_softirq', 'hrtimer_run', 'run_ksoftirqd',
  'smpboot_thread_fn', '^kthread$', 'start_secondary', 'cpu_startup_entry', 'ret_from_fork',
  'vfs_write', 'vfs_read', 'vfs_iter_read', 'vfs_iter_write', 'do_iter_read', 'do_iter_write',
  'call_read_iter', 'call_write_iter', 'new_sync_read', 'new_sync_write', 'vfs_ioctl', 'ksys_ioctl',
  'compat_ioctl', 'compat_sys_ioctl', 'blkdev_driver_ioctl', 'blkdev_ioctl', 'do_iter_readv_writev',
  '^call_mmap', 'mmap_region', 'do_mmap', 'do_dentry_open', 'vfs_open', '^sock_sendmsg', '^sock_recvmsg',
  '^sock_release', '^__sock_release', '^setsockopt$', 'kernel_setsockopt', 'sock_common_setsockopt',
  '^listen$', 'kernel_listen', 'sk_common_release', '^sock_mmap', '^accept$', 'kernel_accept',
  '^sock_do_ioctl', '^sock_ioctl', '^compat_sock_ioctl', '^nfnetlink_rcv_msg', '^rtnetlink_rcv_msg',
  '^netlink_dump', '^(sys_)?(socketpair|connect|ioctl)', '__do_fault', 'do_page_fault', '^page_fault$',
  '__fput', 'task_work_run', 'exit_to_usermode', 'smp_call_function', 'tasklet_action', 'tasklet_hi_action',
].map((s) => new RegExp(s));

/**
 * For stalls and lockups: the frame just above the first generic dispatch point; cross-CPU
 * calls are grouped under `smp_call_function` since the callee varies.
 * @example stallExtractor(['foo', 'kvm_vcpu_ioctl', 'vfs_ioctl']) === 'kvm_vcpu_ioctl'
 */
export const stallExtractor: FrameExtractor = (frames) => {
  let prev = frames[0] ?? '';
  for (const frame of frames) {
    if (STALL_ANCHORS.some((re) => re.test(frame))) {
      if (frame.includes('smp_call_function')) prev = 'smp_call_function';
      return prev;
    }
    prev = frame;
  }
  return '';
};

// Hangs on RCU or rtnl are symptoms of whoever holds them; grouping them keeps one bucket each.
const HANG_ANCHORS: [string, string][] = [
  ['rtnl_lock', ''],
  ['synchronize_rcu', 'synchronize_rcu'],
  ['synchronize_srcu', 'synchronize_rcu'],
  ['synchronize_net', 'synchronize_rcu'],
  ['synchronize_sched', 'synchronize_rcu'],
];
// `down` only as a word of the name (down_read, __down_common), so that `teardown` stays.
const HANG_SKIP =
  /sched|_lock|_slowlock|(?:^|_)down(?:_|$)|rwsem|completion|kthread|wait|synchronize|context_switch|__switch_to|cancel_delayed_work|rcu_barrier/;

/**
 * For hung tasks: `rtnl_lock`/`synchronize_rcu` buckets first, else the first frame that is not
 * scheduling, waiting or locking.
 * @example hangExtractor(['schedule', 'io_schedule', 'folio_wait_bit', 'read_cache_folio']) === 'read_cache_folio'
 */
export const hangExtractor: FrameExtractor = (frames) => {
  for (const frame of frames) {
    for (const [anchor, replacement] of HANG_ANCHORS) {
      if (frame.includes(anchor)) return replacement || frame;
    }
  }
  for (const frame of frames) {
    if (!HANG_SKIP.test(frame)) return frame;
  }
  return '';
};
