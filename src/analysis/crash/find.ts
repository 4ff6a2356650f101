/**
 * Entry point: runs every detector over a log and merges their findings into one list of
 * crashes in order of appearance, without reporting the same lines twice.
 */
import { parseLines, type LogLine } from './text.js';
import { journalAsText } from './journal.js';
import { scanKernel } from './kernel.js';
import { findHardwareCrashes } from './hardware.js';
import { findSanitizerCrashes } from './user-sanitizers.js';
import { findCoredumpCrashes } from './user-coredump.js';
import { findJvmCrashes } from './user-jvm.js';
import { findAbortCrashes, findFaultLines, findGdbCrashes } from './user-native.js';
import { findGoCrashes, findJavaCrashes } from './user-managed.js';
import { findDotnetCrashes } from './user-dotnet.js';
import { findNodeCrashes } from './user-node.js';
import { findPythonCrashes } from './user-python.js';
import { findRustCrashes } from './user-rust.js';
import type { Crash, CrashJson } from './types.js';

export interface FindOptions {
  /** Lines read after a kernel report's header at most (default 1000). */
  maxReportLines?: number;
}

// Order matters on ties: a report that starts on the same line as another is the same failure
// seen by a more specific detector first.
const DETECTORS: ((lines: readonly LogLine[]) => Crash[])[] = [
  findSanitizerCrashes,
  findAbortCrashes,
  findGoCrashes,
  findJavaCrashes,
  findDotnetCrashes,
  findNodeCrashes,
  findPythonCrashes,
  findRustCrashes,
  findJvmCrashes,
  findGdbCrashes,
  findCoredumpCrashes,
  findFaultLines,
  findHardwareCrashes,
];

/**
 * Finds the crashes in a text log (kernel console, dmesg, syslog, `journalctl` text or JSON export,
 * program output). In a JSON export, line numbers count the lines of the messages.
 * @example findCrashes('[ 1.0] BUG: KASAN: use-after-free in f+0x1/0x2\n…')[0]?.title
 */
export function findCrashes(text: string, { maxReportLines = 1000 }: FindOptions = {}): Crash[] {
  const lines = parseLines(journalAsText(text) ?? text);
  const { crashes: kernel, consumed } = scanKernel(lines, { maxReportLines });
  const others = DETECTORS.flatMap((detect) => detect(lines)).sort((a, b) => a.startLine - b.startLine);
  const kept: Crash[] = [];
  let keptEnd = -1;
  for (const c of others) {
    // Lines already read as part of a kernel report, or inside another report, are not new crashes.
    if (consumed[c.startLine] || c.startLine <= keptEnd) continue;
    kept.push(c);
    keptEnd = Math.max(keptEnd, c.endLine);
  }
  return foldWatchdogSplats([...kernel, ...kept].sort((a, b) => a.startLine - b.startLine), lines);
}

/**
 * The transmit watchdog prints the device's timeout and then a WARN splat in `dev_watchdog`: one
 * failure, named after the device; the splat's frames and lines join it.
 */
function foldWatchdogSplats(crashes: Crash[], lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  for (const c of crashes) {
    const prev = out[out.length - 1];
    const splat = c.kind === 'warning' && (lines[c.startLine]?.body.includes(' dev_watchdog') ?? false);
    if (prev?.kind === 'netdev-timeout' && splat && c.startLine - prev.endLine <= 3) {
      prev.endLine = Math.max(prev.endLine, c.endLine);
      if (prev.frames.length === 0) prev.frames = c.frames;
      continue;
    }
    out.push(c);
  }
  return out;
}

/**
 * The JSON shape printed by the CLI.
 * @example JSON.stringify(toCrashJson(findCrashes(log)))
 */
export function toCrashJson(crashes: readonly Crash[]): { crashes: CrashJson[] } {
  return {
    crashes: crashes.map((c) => ({
      title: c.title,
      kind: c.kind,
      signature: c.signature,
      frames: c.frames,
      signal: c.signal ?? null,
      address: c.address ?? null,
    })),
  };
}
