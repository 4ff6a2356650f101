import { describe, expect, it } from 'vitest';
import { assembleSnapshot } from './assemble.js';
import { diffSnapshots } from './diff.js';
import { renderDiff, renderSnapshot } from './render.js';
import { buildRaw } from './test-fixtures.js';

describe('renderers', () => {
  const snap = assembleSnapshot(buildRaw());

  it('renders every section with aligned labels and n/a for unknowns', () => {
    const text = renderSnapshot(snap);
    for (const title of ['HOST', 'CPU', 'MEMORY', 'DISK', 'NETWORK', 'PROCESSES', 'COMMANDS', 'UNAVAILABLE (17)']) expect(text).toMatch(new RegExp(`^${title.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(text).toContain('  busy              52.5% (user 45.0%');
    expect(text).toContain('  per core          cpu0 90.0%, cpu1 15.0%');
    expect(text).toContain('/mnt/my data    size n/a, used n/a, avail n/a, use n/a');
    expect(text).toContain('  pressure          some 8.5% full 1.2% (avg10) → medium');
    expect(text).not.toContain('$ uname -a');
    expect(renderSnapshot(snap, { commandOutput: true })).toContain('$ uname -a\nLinux trade-gw-01');
  });

  // Probe E F10: "25.6% of 251.97 GiB" hid that only 75.5 GiB were available.
  it('shows each filesystem with its available space, as df, since use % is not of the size', () => {
    const text = renderSnapshot(snap);
    // 1000 blocks of 4 KiB, 400 free, 300 available to users: 600 used, use 600 / 900.
    expect(text).toContain('  /               size 3.91 MiB, used 2.34 MiB, avail 1.17 MiB, use 66.7% (ext4 /dev/sda1)');
    expect(text).toContain('  usage             66.7% used, as df: used / (used + available); fullest / 66.7%');
  });

  it('renders flagged changes marked, and the rest only on request', () => {
    const after = structuredClone(snap);
    after.memory.used_pct = 97;
    after.cpu.context_switches_per_sec = 5100;
    const d = diffSnapshots(snap, after);
    const text = renderDiff(d);
    expect(text).toContain('CHANGES (1 flagged of 2)');
    expect(text).toMatch(/^! memory\.used_pct\s+50 → 97\s+\+47 \(\+94%\)$/m);
    expect(text).not.toContain('context_switches');
    expect(renderDiff(d, { all: true })).toMatch(/^ {2}cpu\.context_switches_per_sec\s+5000 → 5100\s+\+100 \(\+2%\)$/m);
  });
});
