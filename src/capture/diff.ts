/**
 * Compares two snapshots (typically the last healthy one against the one at the failure): numeric
 * changes with absolute and relative deltas, large ones flagged, changed text, devices and processes
 * that came or went, and what became unavailable.
 */
import { flatten, isUnder, type Leaf } from './flatten.js';
import type { Snapshot, Unavailable } from './schema.js';
import { round } from './text.js';

export interface NumericChange {
  path: string;
  before: number;
  after: number;
  delta: number;
  /** delta / |before|; null when before is 0. */
  relative: number | null;
  flagged: boolean;
}

export interface ValueChange {
  path: string;
  before: Leaf;
  after: Leaf;
}

export interface ProcessChange {
  list: 'top_cpu' | 'top_memory';
  pid: number;
  name: string;
}

export interface SnapshotDiff {
  from: { id: string; taken_at: string };
  to: { id: string; taken_at: string };
  /** Uptime went down: the host rebooted between the snapshots. */
  rebooted: boolean;
  /** Numbers that changed, flagged ones first, then by size of relative change. */
  numeric: NumericChange[];
  /** Text, flags and known↔unknown transitions. */
  changed: ValueChange[];
  /** Devices, filesystems, interfaces… present only in the second snapshot, or only in the first. */
  added: string[];
  removed: string[];
  appeared: ProcessChange[];
  disappeared: ProcessChange[];
  /** Items measured before and unavailable now (of processes, devices… present in both). */
  new_unavailable: Unavailable[];
  /** Items unavailable before and measured now (of processes, devices… present in both). */
  resolved_unavailable: Unavailable[];
}

/**
 * When a numeric change is large, by the unit its path names; the first matching rule applies. A change
 * is flagged when |delta| ≥ `floor` and either |delta| / |before| ≥ `relative` (or before was 0) or
 * |delta| ≥ `absolute`. Counters of bad events (errors, drops, OOM kills, zombies) are flagged on any rise;
 * host specifications (cores, RAM, disk sizes, MTU, link speed) on any change.
 */
export interface DiffRule {
  pattern: RegExp;
  floor: number;
  relative: number;
  absolute?: number;
  /** Flag only increases. */
  risesOnly?: boolean;
}

export const DIFF_RULES: readonly DiffRule[] = [
  { pattern: /(_errors|_drops|oom_kills_since_boot|zombies)$/, floor: 1, relative: 0, risesOnly: true },
  { pattern: /^host\.cpu\.mhz_/, floor: 200, relative: 0.2 },
  { pattern: /^host\./, floor: 0, relative: 0 },
  { pattern: /_pct$/, floor: 5, relative: 0.5, absolute: 20 },
  { pattern: /_ms$/, floor: 1, relative: 0.5 },
  { pattern: /(_mbps|_mb_s)$/, floor: 1, relative: 0.5 },
  { pattern: /(_per_sec|_iops)$/, floor: 10, relative: 0.5 },
  { pattern: /_bytes$/, floor: 64 * 1024 * 1024, relative: 0.5 },
  { pattern: /(load_\w+|queue_depth|in_flight|runnable|blocked)$/, floor: 1, relative: 0.5 },
  { pattern: /./, floor: 10, relative: 0.5 },
];

/** Parts of a snapshot that are not compared leaf by leaf. */
const SKIPPED = ['id', 'taken_at', 'interval_ms', 'host.uptime_s', 'commands', 'unavailable', 'processes.top_cpu', 'processes.top_memory'];

function isFlagged(path: string, before: number, delta: number, rules: readonly DiffRule[]): boolean {
  const rule = rules.find((r) => r.pattern.test(path));
  if (!rule || delta === 0) return false;
  if (rule.risesOnly && delta < 0) return false;
  const size = Math.abs(delta);
  if (size < rule.floor) return false;
  if (rule.absolute !== undefined && size >= rule.absolute) return true;
  return before === 0 || size / Math.abs(before) >= rule.relative;
}

function processChanges(a: Snapshot, b: Snapshot, list: ProcessChange['list']): { appeared: ProcessChange[]; disappeared: ProcessChange[] } {
  // A process is the same one when pid and start time agree: a kernel worker that renamed itself
  // (kworker/0:1-events → kworker/0:1-mm_percpu_wq) stays, a pid reused by a restart goes and comes.
  // Snapshots of earlier versions have no start time: there pid and name must agree.
  const started = [...a.processes[list], ...b.processes[list]].every((p) => p.start_ticks !== undefined);
  const key = (p: { pid: number; name: string; start_ticks?: number | undefined }) => (started ? `${p.pid}@${p.start_ticks}` : `${p.pid}/${p.name}`);
  const before = new Set(a.processes[list].map(key));
  const after = new Set(b.processes[list].map(key));
  return {
    appeared: b.processes[list].filter((p) => !before.has(key(p))).map((p) => ({ list, pid: p.pid, name: p.name })),
    disappeared: a.processes[list].filter((p) => !after.has(key(p))).map((p) => ({ list, pid: p.pid, name: p.name })),
  };
}

/**
 * Whether the thing an unavailable item is about (a process, a device, a command) is in the other
 * snapshot too. Only then did the value itself become unavailable or available again: a process that
 * left the top list took its gaps with it, and it is already reported as gone.
 */
function inBoth(item: string, own: ReadonlySet<string>, other: ReadonlySet<string>): boolean {
  for (const e of own) if (isUnder(item, e) && !other.has(e)) return false;
  return true;
}

/**
 * Differences from snapshot `a` (before) to `b` (after).
 * @example const d = diffSnapshots(lastHealthy, atFailure); d.numeric.filter((c) => c.flagged)
 */
export function diffSnapshots(a: Snapshot, b: Snapshot, { rules = DIFF_RULES }: { rules?: readonly DiffRule[] } = {}): SnapshotDiff {
  const skip = (p: string) => SKIPPED.some((s) => p === s);
  const fa = flatten(a, { skip });
  const fb = flatten(b, { skip });
  const added = [...fb.elements].filter((e) => !fa.elements.has(e));
  const removed = [...fa.elements].filter((e) => !fb.elements.has(e));
  const outside = (p: string) => !added.some((e) => isUnder(p, e)) && !removed.some((e) => isUnder(p, e));
  const numeric: NumericChange[] = [];
  const changed: ValueChange[] = [];
  for (const [path, after] of fb.leaves) {
    if (!fa.leaves.has(path) || !outside(path)) continue;
    const before = fa.leaves.get(path) ?? null;
    if (before === after) continue;
    if (typeof before === 'number' && typeof after === 'number') {
      const delta = after - before;
      numeric.push({ path, before, after, delta: round(delta, 3) ?? delta, relative: before === 0 ? null : round(delta / Math.abs(before), 3), flagged: isFlagged(path, before, delta, rules) });
    } else changed.push({ path, before, after });
  }
  numeric.sort((x, y) => Number(y.flagged) - Number(x.flagged) || Math.abs(y.relative ?? Infinity) - Math.abs(x.relative ?? Infinity) || x.path.localeCompare(y.path));
  const cpu = processChanges(a, b, 'top_cpu');
  const mem = processChanges(a, b, 'top_memory');
  const itemsA = new Set(a.unavailable.map((u) => u.item));
  const itemsB = new Set(b.unavailable.map((u) => u.item));
  const elementsA = flatten(a).elements;
  const elementsB = flatten(b).elements;
  const uptimeA = a.host.uptime_s;
  const uptimeB = b.host.uptime_s;
  return {
    from: { id: a.id, taken_at: a.taken_at },
    to: { id: b.id, taken_at: b.taken_at },
    rebooted: uptimeA !== null && uptimeB !== null && uptimeB < uptimeA && b.taken_at > a.taken_at,
    numeric,
    changed,
    added,
    removed,
    appeared: [...cpu.appeared, ...mem.appeared],
    disappeared: [...cpu.disappeared, ...mem.disappeared],
    new_unavailable: b.unavailable.filter((u) => !itemsA.has(u.item) && inBoth(u.item, elementsB, elementsA)),
    resolved_unavailable: a.unavailable.filter((u) => !itemsB.has(u.item) && inBoth(u.item, elementsA, elementsB)),
  };
}
