/** `pfa capture`: snapshot the host as evidence, optionally into an incident's system state; diff two snapshots. */
import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { readInput, intOption, usageError } from '../cli/input.js';
import { table, toJson } from '../cli/output.js';
import { action, type Runtime } from '../cli/runtime.js';
import { parseDuration } from '../shared/time.js';
import { captureSnapshot, diffSnapshots, renderDiff, renderSnapshot, type Snapshot } from './index.js';
import { checkCaptureTarget, listSnapshots, parseSnapshot, storedSnapshot, storeSnapshot } from './service.js';
import { STATE_MARGIN } from './timing.js';

/** A snapshot by evidence id, or from a JSON file written by `pfa capture --json`. */
async function loadSnapshot(rt: Runtime, ref: string): Promise<Snapshot> {
  if (existsSync(ref)) return parseSnapshot(readInput(ref), ref);
  return storedSnapshot(await rt.deps(), ref);
}

/** Refuses flags that contradict each other or mean nothing alone, before anything is captured or stored. */
function checkOptions(cmd: Command, o: { incident?: string; replaceState?: boolean }): void {
  if (o.replaceState && !o.incident) usageError(cmd, "--replace-state replaces an incident's system state: it needs --incident <id>");
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
        const target = { ...(o.incident ? { incident: o.incident } : {}), ...(o.replaceState ? { replaceState: true } : {}) };
        // Fail before the capture, not after.
        if (deps) await checkCaptureTarget(deps, target);
        const snap = await captureSnapshot({ intervalMs, top: o.top, ...(o.commands ? {} : { commands: [] }) });
        const note = deps ? (await storeSnapshot(deps, rt.ctx, snap, target)).note : '';
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
        const rows = await listSnapshots(await rt.deps(), o.incident ? { incident: o.incident } : {});
        if (rt.output.json) rt.output.out(toJson({ snapshots: rows }));
        else rt.output.out(rows.length ? table(rows, ['id', 'incident', 'taken_at', 'size']) : 'no snapshots');
      }),
    );
}
