/**
 * Adapter: runs the form's diagnostic commands (APPENDIX) with a short timeout each and keeps their
 * output as text. A missing, refused, failed or timed-out command is recorded as unavailable with why.
 */
import { execFile, type ExecFileException } from 'node:child_process';
import type { CommandOutput } from './schema.js';

export interface CommandSpec {
  /** As shown in the snapshot. */
  command: string;
  file: string;
  args: readonly string[];
  /** Keep only the last lines (done here rather than through a shell pipe to `tail`). */
  tailLines?: number;
}

/** The appendix's read-only commands that finish on their own; interactive or sampling ones (top, iostat 1 10) are left out. */
export const DEFAULT_COMMANDS: readonly CommandSpec[] = [
  { command: 'uname -a', file: 'uname', args: ['-a'] },
  { command: 'uptime', file: 'uptime', args: [] },
  { command: 'free -h', file: 'free', args: ['-h'] },
  { command: 'df -h', file: 'df', args: ['-h'] },
  { command: 'lscpu', file: 'lscpu', args: [] },
  { command: 'ss -s', file: 'ss', args: ['-s'] },
  { command: 'dmesg -T | tail -n 200', file: 'dmesg', args: ['-T'], tailLines: 200 },
  { command: 'journalctl -p err -n 200 --no-pager', file: 'journalctl', args: ['-p', 'err', '-n', '200', '--no-pager'] },
];

/** Longest output kept per command; the tail is kept, where the latest kernel and journal lines are. */
const MAX_OUTPUT = 100_000;

function tail(text: string, lines: number | undefined): string {
  let out = text;
  if (lines !== undefined && out !== '') out = `${out.replace(/\n$/, '').split('\n').slice(-lines).join('\n')}\n`;
  return out.length > MAX_OUTPUT ? `…${out.slice(-MAX_OUTPUT)}` : out;
}

const firstLine = (s: string) => s.trim().split('\n')[0]?.slice(0, 200) ?? '';

/**
 * Runs one command (no shell) and classifies the outcome.
 * @example const out = await runCommand({ command: 'uptime', file: 'uptime', args: [] });
 */
export function runCommand(spec: CommandSpec, { timeoutMs = 2000 }: { timeoutMs?: number } = {}): Promise<CommandOutput> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      spec.file,
      [...spec.args],
      // C locale: dates and decimals in a form tools and diffs can read the same way on every host.
      { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 8 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' }, windowsHide: true },
      (error: ExecFileException | null, stdout: string, stderr: string) => {
        const duration_ms = Math.round(performance.now() - started);
        const output = tail(stdout + (stderr ? (stdout ? '\n' : '') + stderr : ''), spec.tailLines);
        if (!error) {
          resolve({ command: spec.command, exit_code: 0, duration_ms, output });
          return;
        }
        let reason: string;
        let exit: number | null = null;
        if (error.code === 'ENOENT') reason = `not installed (${spec.file} not found in PATH)`;
        else if (error.code === 'EACCES') reason = `not permitted to run ${spec.file}`;
        else if (error.killed || error.signal) reason = error.killed ? `timed out after ${timeoutMs} ms` : `killed by ${error.signal}`;
        else if (typeof error.code === 'number') {
          exit = error.code;
          reason = `exited with code ${exit}${stderr.trim() ? `: ${firstLine(stderr)}` : ''}`;
        } else reason = `${error.code ?? 'failed'}: ${firstLine(error.message)}`;
        resolve({ command: spec.command, exit_code: exit, duration_ms, output, unavailable: reason });
      },
    );
  });
}

/**
 * Runs commands concurrently, each with its own timeout, results in the given order.
 * @example const outputs = await runCommands(DEFAULT_COMMANDS, { timeoutMs: 2000 });
 */
export function runCommands(specs: readonly CommandSpec[], { timeoutMs = 2000 }: { timeoutMs?: number } = {}): Promise<CommandOutput[]> {
  return Promise.all(specs.map((s) => runCommand(s, { timeoutMs })));
}
