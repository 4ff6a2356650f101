/**
 * `pfa capture`'s engine entry: two readings of the live host over an interval, the one-off state,
 * the diagnostic commands, then the pure assembly into a snapshot.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from '../shared/errors.js';
import { assembleSnapshot } from './assemble.js';
import { topProcesses } from './assemble-procs.js';
import { DEFAULT_COMMANDS, runCommands, type CommandSpec } from './commands.js';
import { parseMountinfo, selectFilesystems } from './mounts.js';
import { parseProcStat } from './proc-stat.js';
import type { RawCapture } from './raw.js';
import { DEFAULT_PATHS, readHostState, readProcessDetails, readReading, readStatfs, type HostPaths } from './read.js';
import type { Snapshot } from './schema.js';

export interface CaptureOptions {
  /** Time between the two readings the rates come from. */
  intervalMs?: number;
  /** Length of the top-process lists. */
  top?: number;
  /** Diagnostic commands to run after the readings; `[]` runs none. */
  commands?: readonly CommandSpec[];
  commandTimeoutMs?: number;
  /** Timeout of each filesystem's statfs. */
  statfsTimeoutMs?: number;
  paths?: HostPaths;
}

/**
 * Reads the live host into a raw capture (the I/O half of `captureSnapshot`).
 * @example const raw = await readRawCapture({ intervalMs: 200, commands: [] });
 */
export async function readRawCapture({
  intervalMs = 1000,
  top = 5,
  commands = DEFAULT_COMMANDS,
  commandTimeoutMs = 2000,
  statfsTimeoutMs = 1000,
  paths = DEFAULT_PATHS,
}: CaptureOptions = {}): Promise<RawCapture> {
  if (!Number.isFinite(intervalMs) || intervalMs < 50 || intervalMs > 60_000) {
    throw new InputError(`capture interval must be between 50 ms and 60 s, got ${intervalMs} ms`);
  }
  const first = await readReading(paths);
  await sleep(Math.max(0, first.atMs + intervalMs - performance.now()));
  const second = await readReading(paths);
  const host = await readHostState(paths);
  const statA = first.stat.ok ? parseProcStat(first.stat.text) : null;
  const statB = second.stat.ok ? parseProcStat(second.stat.text) : null;
  const ranked = topProcesses({ first, second }, statA, statB, top);
  const pids = [...new Set([...ranked.byCpu, ...ranked.byMemory].map((r) => r.stat.pid))];
  const mounts = host.mountinfo.ok ? selectFilesystems(parseMountinfo(host.mountinfo.text)).map((m) => m.mountPoint) : [];
  // Commands run after the readings so their own CPU use does not show in the measured interval.
  const [processDetails, statfs, outputs] = await Promise.all([
    readProcessDetails(paths, pids),
    readStatfs(mounts, { timeoutMs: statfsTimeoutMs }),
    runCommands(commands, { timeoutMs: commandTimeoutMs }),
  ]);
  return { ...host, wallNs: second.wallNs, first, second, statfs, processDetails, commands: outputs };
}

/**
 * Captures the host: rates over `intervalMs` (default 1 s), state at its end, the appendix's commands.
 * @example const snap = await captureSnapshot({ intervalMs: 1000 }); console.log(renderSnapshot(snap));
 */
export async function captureSnapshot(options: CaptureOptions = {}): Promise<Snapshot> {
  const raw = await readRawCapture(options);
  return assembleSnapshot(raw, { top: options.top ?? 5 });
}
