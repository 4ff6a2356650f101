/** `pfa capture`: snapshot the host as evidence, optionally into an incident's system state; diff two snapshots. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { readInput, intOption } from '../cli/input.js';
import { toJson } from '../cli/output.js';
import { action, type Runtime } from '../cli/runtime.js';
import { addEvidence, evidenceList, getEvidence } from '../evidence/service.js';
import { getIncident, updateIncident } from '../incidents/service.js';
import { InputError } from '../shared/errors.js';
import { parseDuration } from '../shared/time.js';
import { validate } from '../shared/validation.js';
import { table } from '../cli/output.js';
import { captureSnapshot, diffSnapshots, renderDiff, renderSnapshot, snapshotSchema, toSystemState, type Snapshot } from './index.js';

/** A snapshot by evidence id, or from a JSON file written by `pfa capture --json`. */
async function loadSnapshot(rt: Runtime, ref: string): Promise<Snapshot> {
  let text: string | null;
  if (existsSync(ref)) text = readInput(ref);
  else text = (await getEvidence(await rt.deps(), ref)).content;
  if (!text) throw new InputError(`${ref} holds no snapshot`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(`${ref} is not a snapshot (not JSON)`);
  }
  return validate(snapshotSchema, raw, `snapshot ${ref}`);
}

export function registerCaptureCommands(program: Command): void {
  const capture = program
    .command('capture')
    .description('snapshot this host (specs, CPU, memory, disk, network, processes, diagnostics) as evidence')
    .option('--incident <id>', 'attach to this incident and fill its system-state section')
    .option('--interval <duration>', 'time between the two readings rates come from', '1s')
    .option('--top <n>', 'length of the top-process lists', intOption('--top'), 5)
    .option('--no-commands', 'skip the diagnostic commands (uname, free, df, ss, dmesg, journalctl)')
    .option('--no-store', 'print only; do not keep the snapshot')
    .option('--commands-output', 'include the commands’ output in the human report')
    .action(
      action(async (rt, o: { incident?: string; interval: string; top: number; commands: boolean; store: boolean; commandsOutput?: boolean }) => {
        const intervalMs = Number(parseDuration(o.interval) / 1_000_000n);
        const deps = o.store || o.incident ? await rt.deps() : undefined;
        if (deps && o.incident) await getIncident(deps, o.incident); // fail before the capture, not after
        const snap = await captureSnapshot({ intervalMs, top: o.top, ...(o.commands ? {} : { commands: [] }) });
        if (deps) {
          await addEvidence(deps, rt.ctx, { id: snap.id, kind: 'snapshot', name: `capture of ${snap.host.hostname ?? 'host'}`, content: JSON.stringify(snap), ...(o.incident ? { incidentId: o.incident } : {}), metadata: { taken_at: snap.taken_at, host: snap.host.hostname } });
          if (o.incident) {
            const inc = await getIncident(deps, o.incident);
            const state = toSystemState(snap);
            const snapshots = [...(inc.system_state?.snapshots ?? []), snap.id];
            await updateIncident(deps, rt.ctx, inc.id, { system_state: { ...state, snapshots } }, inc.version);
          }
        }
        if (rt.output.json) rt.output.out(toJson(snap));
        else {
          rt.output.out(renderSnapshot(snap, { commandOutput: Boolean(o.commandsOutput) }));
          if (deps) rt.output.out(`\nstored as evidence ${snap.id}${o.incident ? ` and filled the system state of ${o.incident}` : ''}`);
        }
      }),
    );

  capture
    .command('diff <a> <b>')
    .description('compare two snapshots (evidence ids or JSON files), e.g. the last healthy one against the failure')
    .option('--all', 'show every numeric change, not only the flagged ones')
    .action(
      action(async (rt, a: string, b: string, o: { all?: boolean }) => {
        const d = diffSnapshots(await loadSnapshot(rt, a), await loadSnapshot(rt, b));
        rt.output.out(rt.output.json ? toJson(d) : renderDiff(d, { all: Boolean(o.all) }));
      }),
    );

  capture
    .command('list')
    .description('stored snapshots, newest first')
    .option('--incident <id>', 'only those attached to this incident')
    .action(
      action(async (rt, o: { incident?: string }) => {
        const items = await evidenceList(await rt.deps(), { kind: 'snapshot', ...(o.incident ? { incidentId: o.incident } : {}) });
        const rows = items.map((e) => ({ id: e.id, incident: e.incident_id ?? '', taken_at: e.created_at, size: e.size }));
        if (rt.output.json) rt.output.out(toJson({ snapshots: rows }));
        else rt.output.out(rows.length ? table(rows, ['id', 'incident', 'taken_at', 'size']) : 'no snapshots');
      }),
    );
}
