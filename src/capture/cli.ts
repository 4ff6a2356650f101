/** `pfa capture`: snapshot the host as evidence, optionally into an incident's system state; diff two snapshots. */
import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { readInput, intOption, usageError } from '../cli/input.js';
import { toJson } from '../cli/output.js';
import { action, type Runtime } from '../cli/runtime.js';
import { addEvidence, evidenceList, getEvidence } from '../evidence/service.js';
import { replacePatch } from '../incidents/merge.js';
import { getIncident, updateIncident, type Deps } from '../incidents/service.js';
import type { Context } from '../shared/context.js';
import { InputError } from '../shared/errors.js';
import { nowTimestamp, parseDuration } from '../shared/time.js';
import { validate } from '../shared/validation.js';
import { table } from '../cli/output.js';
import { captureSnapshot, diffSnapshots, renderDiff, renderSnapshot, snapshotSchema, type Snapshot } from './index.js';
import { planSystemState } from './incident-state.js';
import { captureTiming, STATE_MARGIN, type IncidentWindow } from './timing.js';

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

/**
 * Attaches a snapshot to an incident and updates its system state as `planSystemState` decides (a
 * replaced state is replaced whole, never mixed with the old). Returns what was done, for the user.
 */
async function intoIncident(deps: Deps, ctx: Context, id: string, snap: Snapshot, replace: boolean): Promise<string> {
  const inc = await getIncident(deps, id);
  const plan = planSystemState(inc, snap, replace);
  if (plan.next !== null) await updateIncident(deps, ctx, inc.id, { system_state: replacePatch(inc.system_state ?? {}, plan.next) }, inc.version);
  return plan.note;
}

/**
 * Refuses flags that contradict each other or mean nothing alone, before anything is captured or stored.
 * --replace-state is also refused when the incident's window is already far behind: the capture could
 * not replace the state at the failure anyway, and saying so afterwards would be too late to matter.
 */
function checkOptions(cmd: Command, o: { incident?: string; replaceState?: boolean }): void {
  if (o.replaceState && !o.incident) usageError(cmd, "--replace-state replaces an incident's system state: it needs --incident <id>");
}

function refuseLateReplace(inc: IncidentWindow & { id: string }): void {
  const timing = captureTiming(nowTimestamp(), inc);
  if (!timing.near) throw new InputError(`--replace-state: a capture now would be taken ${timing.text}, more than ${STATE_MARGIN} outside ${inc.id}, and cannot stand for its state at the failure`);
}

export function registerCaptureCommands(program: Command): void {
  const capture = program
    .command('capture')
    .description('snapshot this host (specs, CPU, memory, disk, network, processes, diagnostics) as evidence')
    .option('--incident <id>', `attach to this incident; fill its system-state section when still empty and the capture is within ${STATE_MARGIN} of the incident's window`)
    .option('--replace-state', "with --incident: replace the incident's recorded system state by this capture")
    .option('--interval <duration>', 'time between the two readings rates come from', '1s')
    .option('--top <n>', 'length of the top-process lists', intOption('--top'), 5)
    .option('--no-commands', 'skip the diagnostic commands (uname, free, df, ss, dmesg, journalctl)')
    .addOption(new Option('--no-store', 'print only; do not keep the snapshot').conflicts('incident'))
    .option('--commands-output', 'include the commands’ output in the human report')
    .action(
      action(async (rt, o: { incident?: string; replaceState?: boolean; interval: string; top: number; commands: boolean; store: boolean; commandsOutput?: boolean }, cmd: Command) => {
        checkOptions(cmd, o);
        const intervalMs = Number(parseDuration(o.interval) / 1_000_000n);
        const deps = o.store ? await rt.deps() : undefined;
        // Fail before the capture, not after.
        if (deps && o.incident) {
          const inc = await getIncident(deps, o.incident);
          if (o.replaceState) refuseLateReplace(inc);
        }
        const snap = await captureSnapshot({ intervalMs, top: o.top, ...(o.commands ? {} : { commands: [] }) });
        let note = '';
        if (deps) {
          await addEvidence(deps, rt.ctx, { id: snap.id, kind: 'snapshot', name: `capture of ${snap.host.hostname ?? 'host'}`, content: JSON.stringify(snap), ...(o.incident ? { incidentId: o.incident } : {}), metadata: { taken_at: snap.taken_at, host: snap.host.hostname } });
          if (o.incident) note = await intoIncident(deps, rt.ctx, o.incident, snap, Boolean(o.replaceState));
        }
        if (rt.output.json) rt.output.out(toJson(snap));
        else rt.output.out(renderSnapshot(snap, { commandOutput: Boolean(o.commandsOutput) }));
        // After the report in the human view; on stderr with --json, which keeps stdout one document.
        if (deps) (rt.output.json ? rt.output.err : rt.output.out)(`${rt.output.json ? '' : '\n'}stored as evidence ${snap.id}${note ? `; ${note}` : ''}`);
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
