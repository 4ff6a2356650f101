import { describe, expect, it } from 'vitest';
import { useCli } from '../test/cli.js';
import { toSystemState } from './system-state.js';
import type { Snapshot } from './index.js';

const { pfa } = useCli('pfa-capture-cli-');

describe('pfa capture --incident', () => {
  const show = (id: string) => JSON.parse(pfa(['incident', 'show', id, '--json']).stdout) as { version: number; system_state?: Record<string, unknown> & { snapshots?: string[]; specs?: { hostname?: string } } };
  const capture = (...args: string[]) => pfa(['capture', '--json', '--no-commands', '--interval', '50ms', '--top', '1', ...args]);

  it('fills an empty system state, keeps a recorded one, and replaces it whole only when asked', () => {
    const id = pfa(['incident', 'create', '--title', 'gw down', '--severity', 'P2', '--started-at', '2025-11-26T10:00:00Z']).stdout.trim();
    const first = capture('--incident', id);
    expect(first.code).toBe(0);
    const snap1 = JSON.parse(first.stdout) as Snapshot;
    expect(first.stderr).toContain(`filled the system state of ${id}`);
    const { snapshots: s1, ...filled } = show(id).system_state ?? {};
    const { snapshots: _, ...expected } = toSystemState(snap1);
    expect(filled).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(s1).toEqual([snap1.id]);
    // The record says when its metrics were read, in the text form too.
    expect(filled.captured_at).toBe(snap1.taken_at);
    expect(pfa(['incident', 'export', id]).stdout).toContain(`STATE CAPTURED AT: ${snap1.taken_at.replace('T', ' ').replace('Z', ' UTC')}`);

    // The state of the failing host, recorded by hand, with a field no capture fills.
    const v = show(id).version;
    const set = pfa(['incident', 'update', id, '--version', String(v), '--set', 'system_state.specs.hostname=ob-eq-01', '--set', 'system_state.specs.storage_type=NVMe RAID1']);
    expect(set.code).toBe(0);
    const second = capture('--incident', id);
    expect(second.code).toBe(0);
    const snap2 = JSON.parse(second.stdout) as Snapshot;
    expect(second.stderr).toMatch(/system state recorded earlier \(host ob-eq-01\) was kept: pass --replace-state/);
    const kept = show(id).system_state;
    expect(kept?.specs).toMatchObject({ hostname: 'ob-eq-01', storage_type: 'NVMe RAID1' });
    expect(kept?.snapshots).toEqual([snap1.id, snap2.id]);

    const third = capture('--incident', id, '--replace-state');
    expect(third.code).toBe(0);
    const snap3 = JSON.parse(third.stdout) as Snapshot;
    expect(third.stderr).toContain(`replaced the system state of ${id}`);
    const { snapshots: s3, ...replaced } = show(id).system_state ?? {};
    const { snapshots: __, ...expected3 } = toSystemState(snap3);
    // Replaced whole: nothing of the hand-written state is left mixed in.
    expect(replaced).toEqual(JSON.parse(JSON.stringify(expected3)));
    expect(s3).toEqual([snap1.id, snap2.id, snap3.id]);
  });
});
