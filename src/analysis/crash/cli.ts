/** `pfa crash`: find crashes in a log (or a core dump, through gdb) and describe each with a signature. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { readInput } from '../../cli/input.js';
import { table, toJson } from '../../cli/output.js';
import { action } from '../../cli/runtime.js';
import { InputError, UnavailableError } from '../../shared/errors.js';
import { linkCrashSignatures, printSimilar } from '../../knowledge/index.js';
import { crashFromGdb, findCrashes, GDB_COMMANDS, toCrashJson, type Crash } from './index.js';

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

export function registerCrashCommands(program: Command): void {
  program
    .command('crash [file]')
    .description('find kernel and userspace crashes in a log; titles, frames and grouping signatures')
    .option('--core <core>', 'a core dump: run gdb for the backtrace (needs --binary)')
    .option('--binary <binary>', 'the executable that dumped the core')
    .option('--incident <id>', 'record the signatures on this incident (tags crash:<signature>) and show past incidents with the same crash')
    .action(
      action(async (rt, file: string | undefined, o: { core?: string; binary?: string; incident?: string }) => {
        let crashes: Crash[];
        if (o.core || o.binary) {
          if (!o.core || !o.binary) throw new InputError('--core and --binary go together');
          crashes = [await gdbCrash(o.binary, o.core)];
        } else {
          if (!file) throw new InputError('give a log file (or - for stdin), or --core with --binary');
          crashes = findCrashes(readInput(file));
        }
        // Recorded before printing, so a failed update (unknown incident, stale version) is an error, not a half-done run.
        const link = o.incident ? await linkCrashSignatures(await rt.deps(), rt.ctx, o.incident, crashes.map((c) => c.signature)) : null;
        if (rt.output.json) {
          const linked = link ? { incident: { id: link.incident.id, version: link.incident.version, added: link.added, linked: link.linked }, past_incidents: link.matches } : {};
          return rt.output.out(toJson({ ...toCrashJson(crashes), ...linked }));
        }
        if (crashes.length === 0) return rt.output.out('no crash found');
        rt.output.out(table(crashes.map((c) => ({ title: c.title, kind: c.kind, signal: c.signal ?? '', address: c.address ?? '', signature: c.signature })), ['title', 'kind', 'signal', 'address', 'signature'], { maxWidth: 70 }));
        for (const c of crashes) {
          rt.output.out(`\n${c.title}\n${c.frames.slice(0, 8).map((f) => `  ${f}`).join('\n')}`);
        }
        if (link) {
          const what = link.added.length ? `recorded ${link.added.length} new signature(s)` : 'signatures already recorded';
          rt.output.out(`\n${link.incident.id}: ${what} (version ${link.incident.version})${link.linked.length ? `; linked ${link.linked.join(', ')}` : ''}\n`);
          printSimilar(rt.output, link.matches);
        }
      }),
    );
}
