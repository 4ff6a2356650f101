import { describe, expect, it } from 'vitest';
import { NOTABLE, NOTABLE_HINT, NOTABLE_LITERALS, notableKind } from './notable.js';

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

  it('names clock-sync failures of ptp4l, chrony, ntpd and the kernel, not their routine lines', () => {
    for (const m of [
      'timed out while polling for tx timestamp',
      '[4270.500] clockcheck: clock jumped backward or running slower than expected!',
      'clockcheck: clock frequency changed unexpectedly!',
      'port 1 (enp59s0f0): SLAVE to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)',
      "Can't synchronise: no selectable sources",
      'System clock wrong by -1.503211 seconds, adjustment started',
      'System clock was stepped by 12.000401 seconds',
      'no servers reachable',
      'kernel reports TIME_ERROR: 0x2041: Clock Unsynchronized',
      "clocksource: timekeeping watchdog on CPU3: Marking clocksource 'tsc' as unstable because the skew is too large:",
      'tsc: Marking TSC unstable due to clocksource watchdog',
    ]) {
      expect(notableKind(m), m).toBe('clock_sync');
      NOTABLE_HINT.lastIndex = 0;
      expect(NOTABLE_HINT.test(m), m).toBe(true);
    }
    for (const m of [
      'port 1 (enp59s0f0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED',
      'master offset        -12 s2 freq   +1234 path delay       567',
      'Selected source 10.0.0.1 (ntp1.example.com)',
      'clocksource: Switched to clocksource tsc',
      'FAULTY disk replaced', // a word, not a port state
    ]) expect(notableKind(m), m).toBeNull();
  });
});

/** A pattern's top-level alternatives. */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** The runs of plain characters every match of an alternative holds (groups, classes and quantified characters end a run). */
function mandatoryRuns(alternative: string): string[] {
  const runs: string[] = [];
  let run = '';
  const end = (): void => {
    if (run) runs.push(run);
    run = '';
  };
  // The index of the last character of a quantifier starting after i, or i when none does.
  const quantifier = (i: number): number => {
    const q = alternative[i + 1];
    if (q === '{') i = alternative.indexOf('}', i + 1);
    else if (q === '?' || q === '*' || q === '+') i++;
    else return i;
    return alternative[i + 1] === '?' ? i + 1 : i;
  };
  for (let i = 0; i < alternative.length; i++) {
    let c = alternative[i] as string;
    if (c === '(' || c === '[') {
      end();
      let depth = 0;
      for (; i < alternative.length; i++) {
        const d = alternative[i];
        if (d === '\\') i++;
        else if (d === '(' || d === '[') depth++;
        else if ((d === ')' || d === ']') && --depth === 0) break;
      }
      i = quantifier(i);
      continue;
    }
    if (c === '\\') {
      const e = alternative[++i] as string;
      if (/[bBdDsSwW]/.test(e)) {
        if (e !== 'b' && e !== 'B') end();
        i = quantifier(i);
        continue;
      }
      c = e;
    } else if ('.^$'.includes(c)) {
      end();
      i = quantifier(i);
      continue;
    }
    const after = quantifier(i);
    if (after !== i) {
      end();
      i = after;
      continue;
    }
    run += c;
  }
  end();
  return runs;
}

describe('NOTABLE_LITERALS', () => {
  it('has, in every alternative of every notable pattern, a literal that all its matches hold', () => {
    const literals = NOTABLE_LITERALS.map((l) => l.toLowerCase());
    const uncovered = NOTABLE.flatMap(([re]) => alternatives(re.source))
      .filter((alt) => !mandatoryRuns(alt).some((run) => literals.some((l) => run.toLowerCase().includes(l))));
    expect(uncovered).toEqual([]);
  });

  it('reads the mandatory text of an alternative, and not its optional or quantified parts', () => {
    expect(mandatoryRuns(String.raw`\bKilled process \d+`)).toEqual(['Killed process ']);
    expect(mandatoryRuns(String.raw`rcu_(?:sched|preempt)? ?(?:detected )?stall`)).toEqual(['rcu_', 'stall']);
    expect(mandatoryRuns(String.raw`\boom-kill(?:er)?\b`)).toEqual(['oom-kill']);
    expect(mandatoryRuns(String.raw`I\/O error`)).toEqual(['I/O error']);
    expect(alternatives('a|(?:b|c)|[|]')).toEqual(['a', '(?:b|c)', '[|]']);
  });
});

