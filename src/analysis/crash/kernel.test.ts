import { describe, expect, it } from 'vitest';
import { findCrashes } from './index.js';
import { dmesg } from './testing.js';


describe('kernel sanitizer reports', () => {
  it('titles a KASAN report by access type and the first frame outside the sanitizer', () => {
    const log = dmesg(
      `==================================================================
BUG: KASAN: slab-use-after-free in tcp_close+0x1ef/0x7b0
Read of size 8 at addr ffff888077ec2bf8 by task gateway/6659

CPU: 0 PID: 6659 Comm: gateway Not tainted 6.4.0 #0
Call Trace:
 <TASK>
 dump_stack_lvl+0x1e7/0x2d0
 print_report+0x163/0x540
 ? __virt_addr_valid+0x22f/0x2e0
 kasan_report+0x175/0x1b0
 tcp_close+0x1ef/0x7b0
 inet_release+0x177/0x200
 __sock_release+0xcd/0x280
 </TASK>
==================================================================`,
      ' T6659',
    );
    const [c] = findCrashes(log);
    expect(c?.title).toBe('KASAN: slab-use-after-free Read in tcp_close');
    expect(c?.kind).toBe('kasan');
    expect(c?.address).toBe('0xffff888077ec2bf8');
    expect(c?.frames).toContain('inet_release');
    expect(c?.frames).not.toContain('__virt_addr_valid');
    expect(c?.signature).toMatch(/^[0-9a-f]{12}:kasan:tcp_close$/);
    expect(c?.endLine).toBe(15);
  });

  it('titles a KMSAN report in generic crypto code by the caller that fed it', () => {
    const log = dmesg(`BUG: KMSAN: uninit-value in aes_encrypt+0x1239/0x1960
 aes_encrypt+0x1239/0x1960
 aesti_encrypt+0x7d/0xf0
 cipher_crypt_one+0x120/0x2e0
 crypto_cipher_encrypt_one+0x33/0x40
 drbg_ctr_update+0x19a9/0x3700
 drbg_seed+0xb1e/0xe20
 crypto_rng_reset+0x193/0x250
 rng_setkey+0x52/0x70
 alg_setkey+0x265/0x3b0
 alg_setsockopt+0x503/0x760

Local variable intermediary created at:
 jent_hash_time+0x9b/0x590

CPU: 0 UID: 0 PID: 8436 Comm: syz.2.690 Not tainted 6.17.0 #0
=====================================================`);
    expect(findCrashes(log)[0]?.title).toBe('KMSAN: uninit-value in alg_setkey');
  });

  it('titles a KMSAN USB infoleak whose stack starts under a Call Trace line by the driver that sent the data', () => {
    const log = dmesg(`BUG: KMSAN: kernel-usb-infoleak in usb_submit_urb+0x7ec/0x1fa0
CPU: 1 PID: 49 Comm: kworker/1:1 Not tainted 5.1.0+ #1
Workqueue: usb_hub_wq hub_event
Call Trace:
 dump_stack+0x191/0x1f0
 kmsan_report+0x162/0x2d0
 kmsan_internal_check_memory+0x974/0xa80
 ? hub_event+0x48d1/0x7290
 kmsan_handle_urb+0x28/0x40
 usb_submit_urb+0x7ec/0x1fa0
 usb_start_wait_urb+0x143/0x410
 usb_bulk_msg+0x811/0x920
 radio_send_command+0x47d/0xd50
 radio_probe+0xe31/0x4e00
 usb_probe_interface+0xd66/0x1320

Uninit was created at:
 kmsan_internal_poison_shadow+0x92/0x150
 kmsan_kmalloc+0xa9/0x130
 kmem_cache_alloc_trace+0x503/0xae0
 radio_send_command+0x16b/0xd50
 radio_probe+0xe31/0x4e00

Bytes 4-63 of 64 are uninitialized
==================================================================`);
    const [crash] = findCrashes(log);
    expect(crash?.title).toBe('KMSAN: kernel-usb-infoleak in radio_send_command');
    expect(crash?.signature).not.toContain('created at');
  });
  it('reads KMSAN, KCSAN and UBSAN reports', () => {
    const kmsan = dmesg(`BUG: KMSAN: uninit-value in ppp_send_frame+0x28d/0x27c0
 ppp_send_frame+0x28d/0x27c0
 __ppp_xmit_process+0x23e/0x4b0
 ppp_write+0x5cb/0x5e0

Uninit was created at:
 __kmalloc_node_track_caller+0xe0c/0x1510
 __alloc_skb+0x545/0xf90
 ppp_write+0x11d/0x5e0`);
    expect(findCrashes(kmsan)[0]?.title).toBe('KMSAN: uninit-value in ppp_send_frame');
    const kcsan = dmesg(`==================================================================
BUG: KCSAN: data-race in e1000_clean_rx_irq+0x551/0xb10 / e1000_xmit_frame+0x10/0x90

race at unknown origin, with read to 0xffff933db8a2ae6c of 1 bytes by interrupt on cpu 0:
 e1000_clean_rx_irq+0x551/0xb10`);
    expect(findCrashes(kcsan)[0]).toMatchObject({ title: 'KCSAN: data-race in e1000_clean_rx_irq / e1000_xmit_frame', kind: 'kcsan' });
    const ubsan = dmesg(`================================================================================
UBSAN: array-index-out-of-bounds in drivers/net/ring.c:120:15
index 16 is out of range for type 'u32 [16]'
CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.1.0 #1
Call Trace:
 <TASK>
 dump_stack_lvl+0x44/0x5c
 __ubsan_handle_out_of_bounds.cold+0x44/0x49
 ring_refill+0x2f1/0x300
 ring_open+0x120/0x200`);
    expect(findCrashes(ubsan)[0]).toMatchObject({ title: 'UBSAN: array-index-out-of-bounds in ring_refill', kind: 'ubsan' });
  });
});

describe('kernel oopses', () => {
  it('skips the reporting frame of a WARNING and strips compiler suffixes', () => {
    const log = dmesg(`------------[ cut here ]------------
WARNING: CPU: 1 PID: 5830 at fs/inode.c:336 drop_nlink+0xc4/0x110
Modules linked in:
CPU: 1 PID: 5830 Comm: rm Not tainted 6.8.0 #0
RIP: 0010:drop_nlink+0xc4/0x110
Call Trace:
 <TASK>
 udf_rmdir.isra.3+0x3bc/0x730
 vfs_rmdir+0x3a3/0x510
 do_rmdir+0x3b5/0x580
 </TASK>
---[ end trace 0000000000000000 ]---`);
    const [c] = findCrashes(log);
    expect(c).toMatchObject({ title: 'WARNING in udf_rmdir', kind: 'warning', startLine: 1, endLine: 11 });
    expect(c?.frames.slice(0, 3)).toEqual(['drop_nlink', 'udf_rmdir', 'vfs_rmdir']);
  });

  it('titles an inconsistent lock state by the function lockdep says took the lock, not by lockdep frames above it', () => {
    const log = dmesg(
      `================================
WARNING: inconsistent lock state
6.17.0 #0 Not tainted
--------------------------------
inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.
swapper/1/0 [HC0[0]:SC1[1]:HE1:SE0] takes:
ffff888026ad6260 (sk_lock-AF_X25){+.?.}-{0:0}, at: x25_kill_by_neigh+0x10d/0x250
{SOFTIRQ-ON-W} state was registered at:
  lock_acquire+0x115/0x350
  x25_bind+0x209/0x450
 *** DEADLOCK ***
stack backtrace:
CPU: 1 UID: 0 PID: 0 Comm: swapper/1 Not tainted 6.17.0 #0 PREEMPT(full)
Call Trace:
 <IRQ>
 dump_stack_lvl+0xe8/0x150
 print_usage_bug+0x28c/0x2e0
 valid_state+0xbe/0xf0
 mark_lock_irq+0x36/0x380
 mark_lock+0x117/0x190
 __lock_acquire+0x6b7/0x2e50
 lock_acquire+0x115/0x350
 lock_sock_nested+0x41/0x100
 x25_kill_by_neigh+0x10d/0x250
 x25_lapb_receive_frame+0x1b0/0xfb0
 </IRQ>`,
      'C1',
    );
    expect(findCrashes(log)[0]?.title).toBe('inconsistent lock state in x25_kill_by_neigh');
  });

  it('titles a workqueue lockup by the work item of the first busy worker shown, when the kernel shows them', () => {
    const head = `BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 stuck for 168s!
Showing busy workqueues and worker pools:
workqueue wg-kex-wg0: flags=0x124
  pwq 2: cpus=0 node=0 flags=0x0 nice=0 active=1 refcnt=2
    pending: wg_packet_handshake_receive_worker
pool 2: cpus=0 node=0 flags=0x0 nice=0 hung=169s workers=8 idle: 9 187 5727`;
    const workers = `
Showing backtraces of busy workers in stalled worker pools:
pool 2:
task:kworker/0:1     state:R  running task     stack:23976 pid:10    tgid:10    ppid:2
Workqueue: wg-kex-wg0 wg_packet_handshake_receive_worker
Call Trace:
 <TASK>
 __schedule+0x17d9/0x56c0
 preempt_schedule_common+0x82/0xd0`;
    expect(findCrashes(dmesg(head + workers, 'C0'))[0]?.title).toBe('BUG: workqueue lockup in wg_packet_handshake_receive_worker');
    expect(findCrashes(dmesg(head, 'C0'))[0]?.title).toBe('BUG: workqueue lockup');
  });

  it('does not take the unprivileged-eBPF notice for a warning, in either wording', () => {
    const log = dmesg(`8021q: adding VLAN 0 to HW filter on device eth12
WARNING: Unprivileged eBPF is enabled, data leaks possible via Spectre v2 BHB attacks!
Spectre V2 : WARNING: Unprivileged eBPF is enabled with eIBRS on, data leaks possible via Spectre v2 BHB attacks!`, 'T4402');
    expect(findCrashes(log)).toEqual([]);
  });

  it('reads the 6.16 WARNING header format', () => {
    const log = dmesg(`WARNING: fs/jfs/jfs_dmap.c:2867 at dbAdjTree+0x454/0x4e0, CPU#0: jfsCommit/112
Modules linked in:
RIP: 0010:dbAdjTree+0x454/0x4e0
Call Trace:
 dbJoin+0x238/0x300`);
    expect(findCrashes(log)[0]?.title).toBe('WARNING in dbAdjTree');
  });

  it('tells a subsystem WARN by its source file when the 6.16 header names no function', () => {
    const log = dmesg(`ODEBUG: free active (active state 0) object: ffff88807b3c4490 object type: timer_list hint: x_expiry+0x0/0x350
WARNING: lib/debugobjects.c:615 at 0x0, CPU#1: kworker/1:3/17677
Modules linked in:
RIP: 0010:debug_check_no_obj_freed+0x44a/0x550
Call Trace:
 <IRQ>
 kfree+0x13b/0x660
 radio_timer_expiry+0x4cb/0x600
 call_timer_fn+0x16e/0x590
 radio_poll+0x61a/0x860
 handle_softirqs+0x27d/0x850`);
    expect(findCrashes(log)[0]?.title).toBe('WARNING: ODEBUG bug in radio_poll');
  });

  it('keeps the stack printed after a panic_on_warn panic line in the WARNING it follows (arm)', () => {
    const log = dmesg(`------------[ cut here ]------------
WARNING: CPU: 1 PID: 2949 at mm/vmalloc.c:3132 __vmalloc_node_range+0x44c/0x584 mm/vmalloc.c:3132
Modules linked in:
Kernel panic - not syncing: kernel: panic_on_warn set ...
CPU: 1 PID: 2949 Comm: syz-executor398 Not tainted 6.3.0 #0
Backtrace:
[<817b2528>] (dump_backtrace) from [<817b261c>] (show_stack+0x18/0x1c arch/arm/kernel/traps.c:256)
[<802425e8>] (warn_slowpath_fmt) from [<80469ba0>] (__vmalloc_node_range+0x44c/0x584 mm/vmalloc.c:3132)
[<80469754>] (__vmalloc_node_range) from [<80469db0>] (vmalloc_user+0x6c/0x74 mm/vmalloc.c:3359)
[<80469d44>] (vmalloc_user) from [<8153d2c0>] (ring_create+0x70/0x18c)
[<8153d250>] (ring_create) from [<8153e7f0>] (ring_setsockopt+0x2c4/0x3b0)`);
    const crashes = findCrashes(log);
    expect(crashes.map((c) => c.title)).toEqual(['WARNING: zero-size vmalloc in ring_create']);
  });

  it('titles a bad page by the code that allocated it when page_owner shows it', () => {
    const log = dmesg(`BUG: Bad page state in process syz.2.1806  pfn:ab652
page dumped because: page_pool leak
page_owner tracks the page as allocated
page last allocated via order 0, migratetype Unmovable, gfp_mask 0x2820(GFP_ATOMIC|__GFP_NOWARN), pid 18955
 __set_page_owner+0xa2/0x70c
 post_alloc_hook+0xec/0x1e4
 get_page_from_freelist+0xdaa/0x295a
 __alloc_pages_noprof+0x1e2/0x1eb6
 page_pool_alloc_pages+0x20/0x62
 xdp_run_batch+0x362/0x1816
 bpf_test_run_xdp_live+0x2f6/0x49e
page last free pid 16342 tgid 16342 stack trace:
 free_unref_page+0x592/0xf08
Call Trace:
 dump_stack+0x1c/0x24
 bad_page+0x268/0x2da
 free_unref_page+0x78a/0xf08
 skb_free_head+0x1ce/0x2ec`);
    expect(findCrashes(log)[0]?.title).toBe('BUG: Bad page state in xdp_run_batch');
  });

  it('reads a general protection fault from a journald log, ignoring other programs', () => {
    const log = `Jul 09 23:44:05 knx kernel: general protection fault: 0000 [#1] SMP
Jul 09 23:44:05 knx sshd[771]: Accepted publickey for ops from 10.0.0.5 port 50022
Jul 09 23:44:05 knx kernel: CPU: 3 PID: 1130 Comm: java Not tainted 4.9.0 #1
Jul 09 23:44:05 knx kernel: RIP: 0010:[<ffffffff810a61d0>]  [<ffffffff810a61d0>] __rwsem_do_wake+0x80/0x160
Jul 09 23:44:05 knx kernel: Call Trace:
Jul 09 23:44:05 knx kernel:  [<ffffffff810a6f3a>] rwsem_wake+0x4a/0x70`;
    const crashes = findCrashes(log);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ title: 'general protection fault in __rwsem_do_wake', signal: 'general protection fault' });
  });

  it('titles a NULL pointer dereference and keeps the faulting address', () => {
    const log = dmesg(`BUG: kernel NULL pointer dereference, address: 0000000000000008
#PF: supervisor read access in kernel mode
Oops: 0000 [#1] PREEMPT SMP NOPTI
CPU: 2 PID: 812 Comm: kworker/2:1 Tainted: G           O      5.15.0 #1
Workqueue: events mlx5e_tx_timeout_work [mlx5_core]
RIP: 0010:mlx5e_tx_reporter_timeout_recover+0x2a/0x80 [mlx5_core]
Call Trace:
 <TASK>
 devlink_health_report+0x1b4/0x2e0
 mlx5e_reporter_tx_timeout+0x11a/0x150 [mlx5_core]
 </TASK>
---[ end trace 0000000000000000 ]---
Kernel panic - not syncing: Fatal exception
Kernel Offset: disabled`);
    const crashes = findCrashes(log);
    // The panic that follows the oops is part of it, not a second crash.
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({
      title: 'BUG: unable to handle kernel NULL pointer dereference in mlx5e_tx_reporter_timeout_recover',
      kind: 'null-deref',
      address: '0x0000000000000008',
      signal: 'page fault',
    });
    expect(crashes[0]!.endLine).toBeGreaterThanOrEqual(12);
  });

  it('keeps the faulting address of an x86 page fault report', () => {
    const log = dmesg(`BUG: unable to handle page fault for address: ffffed1004e3b7c2
#PF: supervisor read access in kernel mode
#PF: error_code(0x0000) - not-present page
Oops: 0000 [#1] PREEMPT SMP KASAN NOPTI
CPU: 1 PID: 4410 Comm: fixgw Not tainted 6.1.0 #1
RIP: 0010:ring_copy_out+0x5d/0x1a0 [fastring]
Call Trace:
 <TASK>
 ring_read+0x8e/0x120 [fastring]
 vfs_read+0xb2/0x2d0
 </TASK>`);
    expect(findCrashes(log)[0]).toMatchObject({
      title: 'BUG: unable to handle kernel paging request in ring_copy_out',
      address: '0xffffed1004e3b7c2',
      signal: 'page fault',
    });
  });

  it('keeps the numbers of a panic message in the displayed title, and NUM in the matching one', () => {
    const panic = (dev: string) =>
      dmesg(`VFS: Cannot open root device "nvme0n1p2" or ${dev}: error -6
Please append a correct "root=" boot option; here are the available partitions:
Kernel panic - not syncing: VFS: Unable to mount root fs on ${dev}
CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.1.0 #1
Call Trace:
 <TASK>
 dump_stack_lvl+0x44/0x5c
 panic+0x118/0x2ed
 mount_block_root+0x1d3/0x1e6
 prepare_namespace+0x136/0x165
 </TASK>`);
    const a = findCrashes(panic('unknown-block(0,0)'))[0];
    const b = findCrashes(panic('unknown-block(259,2)'))[0];
    expect(a).toMatchObject({
      title: 'kernel panic: VFS: Unable to mount root fs on unknown-block(NUM,NUM)',
      displayTitle: 'kernel panic: VFS: Unable to mount root fs on unknown-block(0,0)',
    });
    expect(b?.displayTitle).toBe('kernel panic: VFS: Unable to mount root fs on unknown-block(259,2)');
    expect(b?.signature).toBe(a?.signature);
    // Nothing to keep: no second title.
    expect(findCrashes(panic('unknown-block(0,0)').replace(/on unknown-block\(0,0\)$/m, 'on root'))[0]).not.toHaveProperty('displayTitle');
  });

  it('names the interface of a transmit watchdog WARN and reports it once', () => {
    const log = dmesg(`------------[ cut here ]------------
WARNING: CPU: 0 PID: 7 at net/sched/sch_generic.c:316 dev_watchdog+0x22c/0x244
NETDEV WATCHDOG: eth0 (ftgmac100): transmit queue 0 timed out
Modules linked in:
CPU: 0 PID: 7 Comm: ksoftirqd/0 Not tainted 4.13.16 #1
Call Trace:
 call_timer_fn+0x1a/0x80
 run_timer_softirq+0x1c4/0x220`);
    const crashes = findCrashes(log);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ title: 'NETDEV WATCHDOG: eth0 (ftgmac100): transmit queue timed out', kind: 'netdev-timeout' });
  });

  it('reports a transmit watchdog once when the kernel prints the timeout before the WARN splat (newer kernels)', () => {
    const log = dmesg(`------------[ cut here ]------------
NETDEV WATCHDOG: eth0 (ixgbe): transmit queue 3 timed out 5120 ms
WARNING: CPU: 5 PID: 0 at net/sched/sch_generic.c:525 dev_watchdog+0x20f/0x250
Modules linked in: ixgbe
Call Trace:
 <IRQ>
 call_timer_fn+0x27/0x130
 run_timer_softirq+0x1c4/0x220
---[ end trace 6a1b2c3d4e5f6a7b ]---`);
    expect(findCrashes(log).map((c) => c.kind)).toEqual(['netdev-timeout']);
  });

  it('keeps a later panic with a reason of its own apart, and joins one that only follows from the report', () => {
    const hung = `INFO: task jbd2/nvme0n1p2-:412 blocked for more than 122 seconds.
task:jbd2/nvme0n1p2- state:D stack:    0 pid:  412 ppid:     2 flags:0x00004000
Call Trace:
 __schedule+0x24e/0x590
 schedule+0x69/0x110
 jbd2_journal_commit_transaction+0x1702/0x1a40
 kthread+0x127/0x150`;
    const own = findCrashes(dmesg(`${hung}\nKernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b\n---[ end Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b ]---`));
    expect(own.map((c) => c.title)).toEqual(['INFO: task hung in jbd2_journal_commit_transaction', 'kernel panic: Attempted to kill init!']);
    const consequence = findCrashes(dmesg(`${hung}\nKernel panic - not syncing: hung_task: blocked tasks`));
    expect(consequence.map((c) => c.title)).toEqual(['INFO: task hung in jbd2_journal_commit_transaction']);
  });

  it('marks a report whose stack was lost as corrupted', () => {
    const [c] = findCrashes(dmesg('BUG: unable to handle kernel paging request at ffff88002bde1e40\nunrelated line'));
    expect(c).toMatchObject({ title: 'BUG: unable to handle kernel paging request in corrupted', corrupted: true });
  });

  it('titles panics, keeping the reason', () => {
    const [c] = findCrashes(dmesg('Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)'));
    expect(c).toMatchObject({ title: 'kernel panic: VFS: Unable to mount root fs on unknown-block(NUM,NUM)', kind: 'panic' });
  });

  it('finds several crashes in order and keeps interleaved tasks apart', () => {
    // The WARNING's own frames follow its Call Trace; the other task's lines come in between.
    const warn = dmesg(`WARNING: CPU: 0 PID: 10 at lib/refcount.c:25 refcount_warn_saturate+0x1/0x2
RIP: 0010:refcount_warn_saturate+0x1/0x2
Call Trace:
 <TASK>
 team_port_add+0x10/0x90`, ' T10');
    const other = dmesg(`usb 1-1: new high-speed USB device number 2
BUG: KASAN: use-after-free in hso_probe+0x1/0x2
Write of size 4 at addr ffff888011112222 by task kworker/0:1/20
Call Trace:
 kasan_report+0x1/0x2
 hso_probe+0x1/0x2
 usb_probe_interface+0x1/0x2`, ' T20');
    const a = warn.split('\n');
    const b = other.split('\n');
    const mixed = [a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3], b[4], b[5], a[4], b[6]].join('\n');
    const crashes = findCrashes(mixed);
    expect(crashes.map((c) => c.title)).toEqual(['WARNING: refcount bug in team_port_add', 'KASAN: use-after-free Write in hso_probe']);
    expect(crashes.map((c) => c.startLine)).toEqual([0, 3]);
  });
});

describe('things that are not kernel crashes', () => {
  it('ignores application messages that merely say WARNING or INFO', () => {
    const log = [
      '2024-03-01 12:00:00 WARNING: disk usage at 91%',
      'WARNING: You are using pip version 21.0; however, version 24.0 is available.',
      'INFO:root:starting order gateway',
      'Mar  1 12:00:01 host trader[77]: BUG: order 123 rejected twice',
    ].join('\n');
    expect(findCrashes(log)).toEqual([]);
  });

  it('ignores benign kernel notices', () => {
    const log = dmesg(
      [
        'Speculative Return Stack Overflow: WARNING: kernel not compiled with CPU_SRSO.',
        "xfs: Unknown parameter 'Booting the kernel.'",
        'INFO: lockdep is turned off.',
      ].join('\n'),
    );
    expect(findCrashes(log)).toEqual([]);
  });
});
