/** `pfa crash`: find crashes in a log (or a core dump, through gdb) and describe each with a signature. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { usageError } from '../../cli/input.js';
import { table, toJson, type Output } from '../../cli/output.js';
import { action } from '../../cli/runtime.js';
import { InputError, UnavailableError } from '../../shared/errors.js';
import { linkCrashSignatures, printSimilar } from '../../knowledge/index.js';
import { crashFromGdb, findCrashes, GDB_COMMANDS, toCrashJson, type Crash } from './index.js';
import { readCrashLog } from './input.js';

const run = promisify(execFile);

/**
 * Runs gdb in batch mode for every thread's backtrace and the crash it shows. gdb exits non-zero
 * on some cores yet prints the backtrace, so its output decides; without a backtrace, what gdb
 * said on stderr (say, "not a core dump") becomes the error.
 */
async function gdbCrash(binary: string, core: string): Promise<Crash> {
  // gdb goes on without a missing file and prints a backtrace of `??` frames: refuse first.
  for (const f of [binary, core]) if (!existsSync(f)) throw new InputError(`no such file: ${f}`);
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await run('gdb', ['-nx', '-batch', ...GDB_COMMANDS.flatMap((c) => ['-ex', c]), binary, core], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    }));
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new UnavailableError('gdb is not installed (apt-get install gdb)');
    stdout = e.stdout ?? '';
    stderr = e.stderr ?? e.message;
  }
  const crash = crashFromGdb(stdout);
  if (crash) return crash;
  const said = stderr.split('\n').find((l) => l.trim() !== '' && !l.includes('$_siginfo')) ?? 'no output';
  throw new InputError(`gdb found no backtrace in ${core} with ${binary}: ${said.trim()}`);
}

/** The crashes of one signature: the same bug, seen `count` times. */
export interface CrashGroup {
  /** The first crash of the group, in input order. */
  crash: Crash;
  count: number;
  /** 1-based lines where the first and the last report of the group start. */
  firstLine: number;
  lastLine: number;
  /** Distinct faulting addresses (ASLR moves them between runs). */
  addresses: string[];
}

/**
 * Groups crashes by signature, in order of first appearance: a log where a fuzzer or a restart
 * loop hits one bug thirty times is one row with a count, not thirty rows.
 * @example groupCrashes(findCrashes(log)).map((g) => `${g.count}× ${g.crash.title}`)
 */
export function groupCrashes(crashes: readonly Crash[]): CrashGroup[] {
  const groups = new Map<string, CrashGroup>();
  for (const c of crashes) {
    const g = groups.get(c.signature);
    if (!g) {
      groups.set(c.signature, { crash: c, count: 1, firstLine: c.startLine + 1, lastLine: c.startLine + 1, addresses: c.address ? [c.address] : [] });
      continue;
    }
    g.count++;
    g.firstLine = Math.min(g.firstLine, c.startLine + 1);
    g.lastLine = Math.max(g.lastLine, c.startLine + 1);
    if (c.address && !g.addresses.includes(c.address)) g.addresses.push(c.address);
  }
  return [...groups.values()];
}

/** The human view: one row per signature, then the frames of each once. */
function printCrashGroups(output: Output, groups: readonly CrashGroup[], total: number): void {
  const rows = groups.map((g) => ({
    count: g.count,
    lines: g.firstLine === g.lastLine ? String(g.firstLine) : `${g.firstLine}–${g.lastLine}`,
    title: g.crash.displayTitle ?? g.crash.title,
    kind: g.crash.kind,
    signal: g.crash.signal ?? '',
    address: g.addresses.length > 1 ? `${g.addresses.length} addresses` : (g.addresses[0] ?? ''),
    signature: g.crash.signature,
  }));
  output.out(table(rows, ['count', 'lines', 'title', 'kind', 'signal', 'address', 'signature'], { maxWidth: 70 }));
  if (groups.length < total) output.out(`\n${total} crashes, ${groups.length} distinct signature${groups.length === 1 ? '' : 's'} (--json lists every crash)`);
  for (const { crash } of groups) {
    output.out(`\n${crash.displayTitle ?? crash.title}\n${crash.frames.slice(0, 8).map((f) => `  ${f}`).join('\n')}`);
  }
}

export function registerCrashCommands(program: Command): void {
  program
    .command('crash [file]')
    .description('find kernel and userspace crashes in a log; titles, frames and grouping signatures')
    .option('--core <core>', 'a core dump: run gdb for the backtrace (needs --binary)')
    .option('--binary <binary>', 'the executable that dumped the core')
    .option('--incident <id>', 'record the signatures on this incident (tags crash:<signature>) and show past incidents with the same crash')
    .action(
      action(async (rt, file: string | undefined, o: { core?: string; binary?: string; incident?: string }, cmd: Command) => {
        let crashes: Crash[];
        if (o.core || o.binary) {
          if (!o.core || !o.binary) usageError(cmd, '--core and --binary go together');
          crashes = [await gdbCrash(o.binary, o.core)];
        } else {
          if (!file) usageError(cmd, "missing required argument 'file' (a log file, - for stdin), or --core with --binary");
          crashes = findCrashes(await readCrashLog(file));
        }
        // Recorded before printing, so a failed update (unknown incident, stale version) is an error, not a half-done run.
        const link = o.incident ? await linkCrashSignatures(await rt.deps(), rt.ctx, o.incident, crashes.map((c) => c.signature)) : null;
        if (rt.output.json) {
          const linked = link ? { incident: { id: link.incident.id, version: link.incident.version, added: link.added, linked: link.linked }, past_incidents: link.matches } : {};
          return rt.output.out(toJson({ ...toCrashJson(crashes), ...linked }));
        }
        if (crashes.length === 0) return rt.output.out('no crash found');
        printCrashGroups(rt.output, groupCrashes(crashes), crashes.length);
        if (link) {
          const what = link.added.length ? `recorded ${link.added.length} new signature(s)` : 'signatures already recorded';
          rt.output.out(`\n${link.incident.id}: ${what} (version ${link.incident.version})${link.linked.length ? `; linked ${link.linked.join(', ')}` : ''}\n`);
          printSimilar(rt.output, link.matches);
        }
      }),
    );
}
