import { describe, expect, it } from 'vitest';
import { NOTABLE_HINT, notableKind } from './notable.js';

describe('notableKind', () => {
  it('names the NIC failures a host logs beyond the watchdog: resets, lost devices, a bond losing its slave', () => {
    for (const m of [
      'ixgbe 0000:3b:00.1 enp59s0f1: initiating reset due to tx timeout',
      'mlx5_core 0000:5e:00.0 ens1f0: TX timeout detected',
      'e1000e 0000:00:1f.6 eno1: Detected Hardware Unit Hang:',
      'ixgbe 0000:3b:00.1: Adapter removed',
      'bond0: (slave enp59s0f1): link status definitely down, disabling slave',
    ]) {
      expect(notableKind(m)).toBe('nic_failure');
      NOTABLE_HINT.lastIndex = 0;
      expect(NOTABLE_HINT.test(m)).toBe(true);
    }
  });

  it('names an uncorrected PCIe error, not the routine corrected ones or a link coming back', () => {
    expect(notableKind('pcieport 0000:3a:00.0: AER: PCIe Bus Error: severity=Uncorrected (Non-Fatal), type=Transaction Layer')).toBe('machine_check');
    expect(notableKind('pcieport 0000:3a:00.0: AER: PCIe Bus Error: severity=Corrected, type=Physical Layer')).toBeNull();
    expect(notableKind('bond0: (slave enp59s0f1): link status definitely up, 10000 Mbps full duplex')).toBeNull();
    expect(notableKind('ethtool: tx_timeout_count: 0')).toBeNull();
  });

  it('names a kernel WARNING by its own line in every header format, and not the cut-here line before it', () => {
    for (const m of [
      'WARNING: CPU: 3 PID: 23810 at net/netlink/genetlink.c:1037 genl_unbind+0x110/0x130',
      'WARNING: at fs/locks.c:241 locks_free_lock_context+0x118/0x180()',
      'WARNING: lib/debugobjects.c:615 at debug_print_object+0x1a2/0x2b0, CPU#1: syz-executor/5836',
      'WARNING: suspicious RCU usage',
      'WARNING: possible circular locking dependency detected',
    ]) {
      expect(notableKind(m)).toBe('kernel_warning');
      NOTABLE_HINT.lastIndex = 0;
      expect(NOTABLE_HINT.test(m)).toBe(true);
    }
    expect(notableKind('------------[ cut here ]------------')).toBeNull();
    expect(notableKind('WARNING: disk usage at 91% on /var')).toBeNull();
  });
});
