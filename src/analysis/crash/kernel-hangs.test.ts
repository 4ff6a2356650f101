import { describe, expect, it } from 'vitest';
import { findCrashes } from './index.js';
import { dmesg } from './testing.js';

describe('kernel hangs', () => {
  it('picks the first non-waiting frame of a hung task', () => {
    const log = dmesg(`INFO: task md5sum:4521 blocked for more than 120 seconds.
      Not tainted 5.15.0 #1
"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
task:md5sum          state:D stack:    0 pid: 4521 ppid:  4500 flags:0x00004000
Call Trace:
 <TASK>
 __schedule+0x2e9/0x860
 schedule+0x4e/0xc0
 io_schedule+0x16/0x40
 folio_wait_bit_common+0x14b/0x330
 filemap_read+0x1b0/0x380
 xfs_file_buffered_read+0x4e/0xd0 [xfs]
 vfs_read+0x1a1/0x1e0`);
    expect(findCrashes(log)[0]).toMatchObject({ title: 'INFO: task hung in filemap_read', kind: 'hung-task' });
  });

  it('reads a hung task whose name holds a newline (the header goes on on the next line)', () => {
    const log = dmesg(`INFO: task \u00ff\u00fe
\u00fd!:18088 blocked for more than 143 seconds.
"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
Call Trace:
 <TASK>
 __schedule+0x10e9/0x6820
 schedule+0xdd/0x390
 schedule_timeout+0x1b2/0x280
 __wait_for_common+0x2e7/0x4c0
 __flush_work+0x7c7/0xcb0
 p9_fd_close+0x299/0x5a0
 p9_client_create+0x678/0xd40`, 'T41');
    expect(findCrashes(log)[0]).toMatchObject({ title: 'INFO: task hung in p9_fd_close', kind: 'hung-task' });
  });

  it('keeps the hung_task panic with its report after long lock dumps', () => {
    const locks = Array.from({ length: 80 }, (_, i) => ` #${i}: ffff8880${String(i).padStart(8, '0')} (&sb->s_type->i_mutex_key#${i}){+.+.}-{3:3}`);
    const log = dmesg(
      [
        'INFO: task kworker/0:1:42 blocked for more than 143 seconds.',
        'Call Trace:',
        ' __schedule+0x2e9/0x860',
        ' schedule+0x4e/0xc0',
        ' flush_work+0x1a/0x30',
        ' ring_teardown+0x44/0x90',
        '',
        'Showing all locks held in the system:',
        ...locks,
        'Kernel panic - not syncing: hung_task: blocked tasks',
      ].join('\n'),
    );
    const crashes = findCrashes(log);
    expect(crashes.map((c) => c.title)).toEqual(['INFO: task hung in ring_teardown']);
    expect(crashes[0]?.endLine).toBe(88);
  });

  it('groups hangs behind rtnl_lock', () => {
    const log = dmesg(`INFO: task ip:900 blocked for more than 143 seconds.
Call Trace:
 __schedule+0x2e9/0x860
 schedule_preempt_disabled+0x13/0x20
 __mutex_lock+0x3a1/0x8a0
 rtnl_lock+0x17/0x20
 do_setlink+0x10/0x90`);
    expect(findCrashes(log)[0]?.title).toBe('INFO: task hung in rtnl_lock');
  });

  it('names a soft lockup after the frame above the syscall dispatcher', () => {
    const log = dmesg(`watchdog: BUG: soft lockup - CPU#0 stuck for 23s! [trader:1234]
CPU: 0 PID: 1234 Comm: trader Not tainted 5.15.0 #1
RIP: 0010:_raw_spin_lock+0x1a/0x30
Call Trace:
 <TASK>
 ring_poll+0x55/0x120 [ringdrv]
 ring_ioctl+0x9a/0x1f0 [ringdrv]
 __x64_sys_ioctl+0x8b/0xc0
 do_syscall_64+0x38/0x90`);
    expect(findCrashes(log)[0]).toMatchObject({ title: 'BUG: soft lockup in ring_ioctl', kind: 'soft-lockup' });
  });

  it('names an RCU stall after the interrupted code', () => {
    const log = dmesg(`rcu: INFO: rcu_preempt self-detected stall on CPU
rcu: 	1-....: (10500 ticks this GP) idle=19a/1/0x4000000000000002
Call Trace:
 <IRQ>
 rcu_dump_cpu_stacks+0x175/0x1c2
 update_process_times+0x2d/0x70
 smp_apic_timer_interrupt+0x1a1/0x760
 apic_timer_interrupt+0xf/0x20
 </IRQ>
RIP: 0010:ob_match+0x2a3/0x1ad0
 ob_insert+0x29e/0x6a0
 ob_ioctl+0x72b/0x1150
 do_vfs_ioctl+0x1de/0x1720
 ksys_ioctl+0xa9/0xd0`, ' C1');
    expect(findCrashes(log)[0]).toMatchObject({ title: 'INFO: rcu detected stall in ob_ioctl', kind: 'rcu-stall' });
  });

  it('names a soft lockup in a driver poll loop after the task stack, not the watchdog interrupt', () => {
    const lockup = (cpu: number, frames: string) =>
      dmesg(`watchdog: BUG: soft lockup - CPU#${cpu} stuck for 26s! [ksoftirqd/${cpu}:${cpu * 7 + 3}]
Modules linked in: mlx5_core ixgbe
CPU: ${cpu} PID: ${cpu * 7 + 3} Comm: ksoftirqd/${cpu} Tainted: G             L     6.6.15 #1
RIP: 0010:native_queued_spin_lock_slowpath+0x7c/0x2d0
Call Trace:
 <IRQ>
 ? watchdog_timer_fn+0x1d8/0x250
 ? __hrtimer_run_queues+0x10f/0x2a0
 </IRQ>
 <TASK>
 _raw_spin_lock_bh+0x2b/0x40
${frames}
 </TASK>`);
    const mlx = findCrashes(lockup(5, ' mlx5e_poll_rx_cq+0x3a1/0x8e0 [mlx5_core]\n mlx5e_napi_poll+0xe2/0x6c0 [mlx5_core]'))[0];
    const ixgbe = findCrashes(lockup(9, ' ixgbe_clean_rx_irq+0x51e/0xa50 [ixgbe]\n ixgbe_poll+0x103/0x2c0 [ixgbe]'))[0];
    expect(mlx).toMatchObject({ title: 'BUG: soft lockup in mlx5e_poll_rx_cq', kind: 'soft-lockup' });
    expect(ixgbe?.title).toBe('BUG: soft lockup in ixgbe_clean_rx_irq');
    expect(mlx?.signature).not.toBe(ixgbe?.signature);
  });

  it('names an RCU stall whose stack has no dispatch point after the stalled CPU', () => {
    const stall = (fn: string) =>
      dmesg(`rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
rcu: 	3-...!: (1 GPs behind) idle=d8c/1/0x4000000000000000 softirq=88121/88122 fqs=1
	(detected by 0, t=21002 jiffies, g=912345, q=402 ncpus=8)
Sending NMI from CPU 0 to CPUs 3:
NMI backtrace for cpu 3
CPU: 3 PID: 2211 Comm: md-gateway Tainted: G           O       6.1.0 #1
RIP: 0010:${fn}+0x4c/0x1b0 [mdfeed]
Call Trace:
 <TASK>
 mdfeed_drain+0x91/0x150 [mdfeed]
 mdfeed_rx_poll+0x1c2/0x260 [mdfeed]
 __napi_poll+0x2b/0x1b0
 </TASK>`);
    const a = findCrashes(stall('mdfeed_parse_book'))[0];
    const b = findCrashes(stall('mdfeed_parse_trades'))[0];
    expect(a).toMatchObject({ title: 'INFO: rcu detected stall in mdfeed_parse_book', kind: 'rcu-stall' });
    expect(b?.title).toBe('INFO: rcu detected stall in mdfeed_parse_trades');
    expect(a?.signature).not.toBe(b?.signature);
    // A self-detected stall waiting on a cross-CPU call is grouped under it, as syzbot does.
    const selfDetected = dmesg(`rcu: INFO: rcu_sched self-detected stall on CPU
rcu: 	2-....: (5249 ticks this GP) idle=5a2/1/0x4000000000000000 softirq=311/311 fqs=2599
NMI backtrace for cpu 2
CPU: 2 PID: 901 Comm: pricer Not tainted 5.10.0 #1
RIP: 0010:smp_call_function_many_cond+0x12a/0x360
Call Trace:
 <IRQ>
 rcu_dump_cpu_stacks+0xaa/0xdc
 rcu_sched_clock_irq.cold+0x1ff/0x3d9
 </IRQ>
 on_each_cpu_cond_mask+0x1d/0x30
 flush_tlb_mm_range+0xf6/0x150`);
    expect(findCrashes(selfDetected)[0]?.title).toBe('INFO: rcu detected stall in smp_call_function');
  });

  it('keeps a stall corrupted when its only stack is a scheduled-out task dump', () => {
    const log = dmesg(`rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
rcu: 	Tasks blocked on level-0 rcu_node (CPUs 0-1): P812/1:b..l
	(detected by 1, t=10002 jiffies, g=2041, q=880 ncpus=2)
task:gateway         state:R  running task     stack:26720 pid:812   ppid:1      flags:0x00004002
Call Trace:
 <TASK>
 __schedule+0x1335/0x44b0
 preempt_schedule_common+0x9c/0xe0
 gw_flush_batch+0x2a8/0x460
 gw_sendmsg+0x9fc/0x1310
 </TASK>`, ' C1');
    expect(findCrashes(log)[0]?.title).toBe('INFO: rcu detected stall in corrupted');
  });

  it('reads a hard lockup', () => {
    const log = dmesg(`NMI watchdog: Watchdog detected hard LOCKUP on cpu 3
CPU: 3 PID: 77 Comm: feed Not tainted 5.10.0 #1
RIP: 0010:native_queued_spin_lock_slowpath+0x5a/0x1d0
Call Trace:
 _raw_spin_lock_irqsave+0x3d/0x40
 feed_rx_poll+0x21/0x190 [feednic]
 net_rx_action+0x142/0x390`);
    expect(findCrashes(log)[0]).toMatchObject({ title: 'BUG: hard lockup in feed_rx_poll', kind: 'hard-lockup' });
  });

  it('reports one OOM kill named after the victim', () => {
    const log = dmesg(`trader invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0
CPU: 1 PID: 3000 Comm: trader Not tainted 5.15.0 #1
Call Trace:
 <TASK>
 dump_stack_lvl+0x4a/0x63
 dump_header+0x4a/0x1f0
 oom_kill_process.cold+0xb/0x10
 out_of_memory+0x1bd/0x4f0
 </TASK>
Mem-Info:
active_anon:1000 inactive_anon:2000 isolated_anon:0
Tasks state (memory values in pages):
[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
[   3000]  1000  3000  5000000  4000000 32000000        0             0 trader
oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task=trader,pid=3000,uid=1000
Out of memory: Killed process 3000 (trader) total-vm:20000000kB, anon-rss:16000000kB, file-rss:0kB, UID:1000`);
    const crashes = findCrashes(log);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ title: 'Out of memory: killed process trader', kind: 'oom-kill', endLine: 15 });
  });

  it('reports each kill of an OOM storm, and OOM kills that follow another report as part of it', () => {
    const kill = (pid: number, name: string) => `${name} invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0
CPU: 1 PID: ${pid} Comm: ${name} Not tainted 5.15.0 #1
Mem-Info:
active_anon:1000 inactive_anon:2000 isolated_anon:0
Out of memory: Killed process ${pid} (${name}) total-vm:20000000kB, anon-rss:16000000kB, file-rss:0kB, UID:1000`;
    const storm = findCrashes(dmesg([kill(3000, 'trader'), kill(3001, 'trader'), kill(3100, 'risk-calc')].join('\n')));
    expect(storm.map((c) => [c.title, c.startLine, c.endLine])).toEqual([
      ['Out of memory: killed process trader', 0, 4],
      ['Out of memory: killed process trader', 5, 9],
      ['Out of memory: killed process risk-calc', 10, 14],
    ]);
    expect(new Set(storm.map((c) => c.signature)).size).toBe(2);
    // After a report of another kind, OOM lines are its consequence (as syzkaller reads them): one crash.
    const after = findCrashes(dmesg([`BUG: KASAN: use-after-free in book_insert+0x1c/0x90
Read of size 8 at addr ffff888012345678 by task matcher/4242
Call Trace:
 book_insert+0x1c/0x90
 match_loop+0x55/0x120`, kill(3000, 'trader'), kill(3001, 'trader')].join('\n')));
    expect(after.map((c) => c.kind)).toEqual(['kasan']);
  });

  it('titles a lockdep deadlock by the lock being acquired', () => {
    const log = dmesg(`======================================================
WARNING: possible circular locking dependency detected
5.15.0 #221 Not tainted
------------------------------------------------------
trader/4217 is trying to acquire lock:
ffffffff8a8b1c28 (rtnl_mutex){+.+.}-{3:3}, at: rtnl_lock+0x17/0x20

but task is already holding lock:
ffff8880a1b2c3d0 (&xt[i].mutex){+.+.}-{3:3}, at: xt_find_table_lock+0x3e/0x3e0`);
    expect(findCrashes(log)[0]).toMatchObject({ title: 'possible deadlock in rtnl_lock', kind: 'deadlock' });
  });
});
