import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../shared/time.js';
import { captureSnapshot } from './capture.js';
import { uncoveredNulls } from './flatten.js';
import { snapshotSchema } from './schema.js';
import { toSystemState } from './system-state.js';
import { renderSnapshot } from './render.js';

describe('captureSnapshot (live host)', () => {
  it('captures this machine with plausible values, and lists every null as unavailable', async () => {
    const started = Date.now();
    const snap = await captureSnapshot({
      intervalMs: 200,
      commands: [
        { command: 'uname -a', file: 'uname', args: ['-a'] },
        { command: 'pfa-missing-tool', file: 'pfa-missing-tool-xyz', args: [] },
      ],
    });
    expect(() => snapshotSchema.parse(snap)).not.toThrow();
    expect(uncoveredNulls(snap)).toEqual([]);
    const t = parseTimestamp(snap.taken_at).ns;
    expect(Math.abs(Number(t / 1_000_000n) - Date.now())).toBeLessThan(60_000);
    expect(snap.taken_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(snap.interval_ms).toBeGreaterThanOrEqual(190);
    expect(snap.host.cpu.logical_cores).toBeGreaterThanOrEqual(1);
    expect(snap.memory.total_bytes).toBeGreaterThan(0);
    expect(snap.cpu.per_core.length).toBeGreaterThanOrEqual(1);
    if (snap.cpu.busy_pct !== null) expect(snap.cpu.busy_pct).toBeLessThanOrEqual(100);
    expect(snap.processes.total).toBeGreaterThan(0);
    // This test's own process is alive and reading /proc.
    expect(snap.processes.top_memory.length).toBeGreaterThan(0);
    expect(snap.commands[1]).toMatchObject({ command: 'pfa-missing-tool', exit_code: null });
    expect(snap.unavailable.map((u) => u.item)).toContain('commands[pfa-missing-tool]');
    expect(() => toSystemState(snap)).not.toThrow();
    expect(renderSnapshot(snap)).toContain(snap.id);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses an interval outside 50 ms – 60 s', async () => {
    await expect(captureSnapshot({ intervalMs: 0 })).rejects.toThrow(/between 50 ms and 60 s/);
  });
});
