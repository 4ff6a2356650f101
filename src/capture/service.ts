/**
 * Capture use cases over the store, shared by `pfa capture` and the capture routes: snapshot this host
 * as evidence (attached to an incident, whose system state it fills when still empty), read stored
 * snapshots back, list them, and compare two.
 */
import { addEvidence, evidenceList, getEvidence } from '../evidence/service.js';
import type { Evidence } from '../evidence/schema.js';
import { replacePatch } from '../incidents/merge.js';
import { getIncident, updateIncident, type Deps } from '../incidents/service.js';
import type { Context } from '../shared/context.js';
import { InputError } from '../shared/errors.js';
import { nowTimestamp } from '../shared/time.js';
import { validate } from '../shared/validation.js';
import { captureSnapshot, type CaptureOptions } from './capture.js';
import { diffSnapshots, type SnapshotDiff } from './diff.js';
import { planSystemState } from './incident-state.js';
import { snapshotSchema, type Snapshot } from './schema.js';
import { captureTiming, STATE_MARGIN } from './timing.js';

export interface CaptureTarget {
  /** Attach to this incident (and fill its system state when still empty). */
  incident?: string;
  /** Replace the incident's recorded system state by this capture. */
  replaceState?: boolean;
}

/**
 * Checks the incident a capture goes to before anything is captured: it exists, and a replacement of
 * its state is refused when the incident's window is already far behind (the capture could not stand
 * for the state at the failure, and saying so afterwards would be too late to matter).
 * @example await checkCaptureTarget(deps, { incident: 'SYS-20251119-001', replaceState: true });
 */
export async function checkCaptureTarget(deps: Deps, { incident, replaceState }: CaptureTarget): Promise<void> {
  if (replaceState && !incident) throw new InputError("replacing an incident's system state needs the incident");
  if (!incident) return;
  const inc = await getIncident(deps, incident);
  if (!replaceState) return;
  const timing = captureTiming(nowTimestamp(), inc);
  if (!timing.near) throw new InputError(`--replace-state: a capture now would be taken ${timing.text}, more than ${STATE_MARGIN} outside ${inc.id}, and cannot stand for its state at the failure`);
}

/**
 * Stores a snapshot as evidence and, with an incident, updates its system state as `planSystemState`
 * decides (a replaced state is replaced whole, never mixed with the old). `note` says what was done.
 * @example const { note } = await storeSnapshot(deps, ctx, snap, { incident: 'SYS-20251119-001' });
 */
export async function storeSnapshot(deps: Deps, ctx: Context, snap: Snapshot, { incident, replaceState }: CaptureTarget = {}): Promise<{ evidence: Evidence; note: string }> {
  const evidence = await addEvidence(deps, ctx, {
    id: snap.id,
    kind: 'snapshot',
    name: `capture of ${snap.host.hostname ?? 'host'}`,
    content: JSON.stringify(snap),
    ...(incident ? { incidentId: incident } : {}),
    metadata: { taken_at: snap.taken_at, host: snap.host.hostname },
  });
  if (!incident) return { evidence, note: '' };
  const inc = await getIncident(deps, incident);
  const plan = planSystemState(inc, snap, Boolean(replaceState));
  if (plan.next !== null) await updateIncident(deps, ctx, inc.id, { system_state: replacePatch(inc.system_state ?? {}, plan.next) }, inc.version);
  return { evidence, note: plan.note };
}

/**
 * Captures this host and stores the snapshot: the target is checked first, so a bad incident costs
 * no capture.
 * @example const { snapshot, note } = await captureHost(deps, ctx, { intervalMs: 1000, incident: 'SYS-20251119-001' });
 */
export async function captureHost(deps: Deps, ctx: Context, opts: CaptureTarget & CaptureOptions): Promise<{ snapshot: Snapshot; evidence: Evidence; note: string }> {
  const { incident, replaceState, ...capture } = opts;
  const target = { ...(incident ? { incident } : {}), ...(replaceState ? { replaceState } : {}) };
  await checkCaptureTarget(deps, target);
  const snapshot = await captureSnapshot(capture);
  return { snapshot, ...(await storeSnapshot(deps, ctx, snapshot, target)) };
}

/**
 * A snapshot from its JSON text (stored evidence, or a file `pfa capture --json` wrote); `ref` names it in errors.
 * @example parseSnapshot(readFileSync('snap.json', 'utf8'), 'snap.json')
 */
export function parseSnapshot(text: string | null, ref: string): Snapshot {
  if (!text) throw new InputError(`${ref} holds no snapshot`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(`${ref} is not a snapshot (not JSON)`);
  }
  return validate(snapshotSchema, raw, `snapshot ${ref}`);
}

/** A stored snapshot by its evidence id. */
export async function storedSnapshot(deps: Deps, id: string): Promise<Snapshot> {
  return parseSnapshot((await getEvidence(deps, id)).content, id);
}

/**
 * Compares two stored snapshots, typically the last healthy one against the one at the failure.
 * @example const d = await diffStoredSnapshots(deps, 'snap-…-gw-01', 'snap-…-gw-01');
 */
export async function diffStoredSnapshots(deps: Deps, a: string, b: string): Promise<SnapshotDiff> {
  return diffSnapshots(await storedSnapshot(deps, a), await storedSnapshot(deps, b));
}

/**
 * Stored snapshots, newest first, as `pfa capture list` shows them.
 * @example const rows = await listSnapshots(deps, { incident: 'SYS-20251119-001' });
 */
export async function listSnapshots(deps: Deps, { incident }: { incident?: string } = {}): Promise<{ id: string; incident: string; taken_at: string; size: number | null }[]> {
  const items = await evidenceList(deps, { kind: 'snapshot', ...(incident ? { incidentId: incident } : {}) });
  return items.map((e) => ({ id: e.id, incident: e.incident_id ?? '', taken_at: e.created_at, size: e.size }));
}
