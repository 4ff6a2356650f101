/**
 * Parser for gdb batch output (`gdb -batch -ex "thread apply all bt" BIN CORE`, or `bt`): the
 * signal that stopped the program, each thread's frames, and which thread crashed.
 */
import { findGuilty, parseHashFrame, makeCrash, signalName } from './user-frames.js';
import type { Crash } from './types.js';
import { splitLines } from './text.js';

export interface GdbThread {
  /** gdb's thread number (1 when the output has no thread headers). */
  id: number;
  lwp?: number;
  name?: string;
  /** Cleaned function names, innermost first. */
  frames: string[];
}

export interface GdbReport {
  /** POSIX signal name, e.g. `SIGSEGV`. */
  signal?: string;
  /** gdb's description, e.g. `Segmentation fault`. */
  signalDescription?: string;
  threads: GdbThread[];
  /** The thread that received the signal, when it can be told. */
  crashingThread?: number;
  /** The faulting address of a fault signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE), from `$_siginfo`. */
  address?: string;
}

/**
 * The gdb commands after which {@link parseGdbOutput} reads the output: registers, every thread's
 * backtrace, and the fault address, printed behind a marker (the last command: on a core without
 * siginfo it fails, and nothing after it would run).
 */
export const GDB_COMMANDS = [
  'set pagination off',
  'info registers',
  'thread apply all bt',
  'printf "pfa-fault-address %p\\n", $_siginfo._sifields._sigfault.si_addr',
];
const FAULT_ADDRESS = /^pfa-fault-address (0x[0-9a-f]+|\(nil\))$/;
// Signals whose siginfo carries the faulting address; for others the union holds a pid and uid.
const FAULT_SIGNALS = new Set(['SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGFPE']);

const SIGNAL = /(?:Program (?:received|terminated with) signal|Thread (\d+) (?:"[^"]*" )?received signal) (SIG[A-Z0-9]+)(?:, ([^.]+))?/;
const THREAD = /^Thread (\d+) \((.*)\):\s*$/;
const CURRENT = /^\[Current thread is (\d+)/;
// Frames only the thread that took the signal has: glibc raising SIGABRT (abort, a failed
// assert, pthread_kill) or gdb's marker of a signal handler's frame.
const ABORTING = /^(?:__GI_)?(?:raise|gsignal|abort)$|^(?:__GI_)?__pthread_kill|^(?:__GI_)?__assert_fail|^<signal handler called>$/;

/**
 * Parses gdb output.
 * @example parseGdbOutput('Program received signal SIGSEGV, Segmentation fault.\n#0  0x1 in f (p=0x0) at a.c:3\n').threads[0]?.frames[0] === 'f'
 */
export function parseGdbOutput(text: string): GdbReport {
  const report: GdbReport = { threads: [] };
  let current: GdbThread | null = null;
  const implicit = new Set<GdbThread>();
  let marked: number | undefined;
  let address: string | undefined;
  for (const raw of joinWrappedFrames(splitLines(text))) {
    const line = raw.trimEnd();
    const fault = FAULT_ADDRESS.exec(line);
    if (fault) {
      address = fault[1] === '(nil)' ? '0x0' : fault[1];
      continue;
    }
    const sig = SIGNAL.exec(line);
    if (sig) {
      report.signal = sig[2]!;
      if (sig[3] !== undefined) report.signalDescription = sig[3].trim();
      if (sig[1] !== undefined) marked = Number(sig[1]);
      continue;
    }
    const cur = CURRENT.exec(line);
    if (cur) {
      marked = Number(cur[1]);
      continue;
    }
    const th = THREAD.exec(line);
    if (th) {
      current = { id: Number(th[1]), frames: [] };
      const lwp = /LWP (\d+)/.exec(th[2]!);
      const name = /"([^"]*)"/.exec(th[2]!);
      if (lwp) current.lwp = Number(lwp[1]);
      if (name) current.name = name[1]!;
      report.threads.push(current);
      continue;
    }
    if (!line.startsWith('#')) continue;
    const f = parseHashFrame(line);
    if (!f) continue;
    if (f.index === 0 && current !== null && current.frames.length > 0) current = null;
    if (current === null) {
      // A plain `bt`, or the frame printed when the core is loaded: one implicit thread.
      current = { id: report.threads.length === 0 ? 1 : report.threads.length + 1, frames: [] };
      implicit.add(current);
      report.threads.push(current);
    }
    current.frames.push(f.name);
  }
  const loaded = loadFrame(report.threads);
  report.threads = dedupeImplicit(report.threads);
  renumberImplicit(report.threads, implicit);
  // The frame printed when the core is loaded is the crashing thread's: find it among the threads.
  if (marked === undefined && loaded !== undefined) marked = report.threads.find((t) => t.frames[0] === loaded)?.id;
  const crashing = chooseCrashingThread(report.threads, marked);
  if (crashing !== undefined) report.crashingThread = crashing;
  if (address !== undefined && report.signal !== undefined && FAULT_SIGNALS.has(report.signal)) report.address = address;
  return report;
}

/**
 * gdb wraps a long frame onto indented lines (`#2  0x… in __libc_message (action=…,` then
 * `    fmt=…) at libc_fatal.c:181`, or `    at ./nptl/pthread_kill.c:44`): joined, they are one frame.
 */
function joinWrappedFrames(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.length > 0 ? out[out.length - 1]! : '';
    if (/^#\d+\s/.test(prev) && /^\s+\S/.test(line) && (openParens(prev) > 0 || /^\s+(?:at|from) \S+$/.test(line))) {
      out[out.length - 1] = `${prev.trimEnd()} ${line.trim()}`;
    } else {
      out.push(line);
    }
  }
  return out;
}

/** Unclosed `(` in a line, ignoring those inside double-quoted strings. */
function openParens(line: string): number {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') i++;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
  }
  return depth;
}

/** The implicit thread of the lone frame gdb prints when it loads a core, when a thread list follows it. */
function implicitFirst(threads: readonly GdbThread[]): GdbThread | undefined {
  const first = threads[0];
  return threads.length > 1 && first && first.lwp === undefined && first.name === undefined && first.frames.length <= 1 ? first : undefined;
}

/** The frame gdb printed on loading the core, if any. */
function loadFrame(threads: readonly GdbThread[]): string | undefined {
  return implicitFirst(threads)?.frames[0];
}

// Loading a core prints frame #0 before `thread apply all bt` prints every thread again.
function dedupeImplicit(threads: GdbThread[]): GdbThread[] {
  const first = implicitFirst(threads);
  if (first && threads.slice(1).some((t) => t.frames[0] === first.frames[0])) return threads.slice(1);
  return threads;
}

/**
 * A backtrace pasted without its `Thread 3 (…):` header got a made-up number; when a listed thread
 * has that number, the made-up one moves past the highest, so that a thread number names one thread.
 */
function renumberImplicit(threads: readonly GdbThread[], implicit: ReadonlySet<GdbThread>): void {
  const listed = new Set(threads.filter((t) => !implicit.has(t)).map((t) => t.id));
  let next = Math.max(0, ...threads.map((t) => t.id)) + 1;
  for (const t of threads) if (implicit.has(t) && listed.has(t.id)) t.id = next++;
}

function chooseCrashingThread(threads: readonly GdbThread[], marked: number | undefined): number | undefined {
  if (threads.length === 0) return undefined;
  if (marked !== undefined && threads.some((t) => t.id === marked)) return marked;
  const aborting = threads.find((t) => t.frames.some((f) => ABORTING.test(f)));
  if (aborting) return aborting.id;
  // `thread apply all bt` lists the highest number first; in a core, thread 1 took the signal.
  return threads.reduce((a, b) => (b.id < a.id ? b : a)).id;
}

/**
 * Builds one Crash from gdb batch output (e.g. from `--core CORE --binary BIN`), or null when
 * the output has no frames.
 * @example crashFromGdb(out)?.title === 'SIGSEGV in parse_order'
 */
export function crashFromGdb(text: string): Crash | null {
  const r = parseGdbOutput(text);
  const thread = r.threads.find((t) => t.id === r.crashingThread);
  if (!thread || thread.frames.length === 0) return null;
  return gdbCrash(r, thread, 0, splitLines(text).length - 1);
}

/**
 * The Crash of a parsed gdb report's crashing thread.
 * @example gdbCrash(report, report.threads[0]!, 0, 10).title
 */
export function gdbCrash(r: GdbReport, thread: GdbThread, startLine: number, endLine: number): Crash {
  // Frames above `<signal handler called>` are the program's own handler (a crash reporter, a
  // backtrace dumper); the fault is in the frames below it.
  const marker = thread.frames.indexOf('<signal handler called>');
  const frames = marker >= 0 && marker < thread.frames.length - 1 ? thread.frames.slice(marker + 1) : thread.frames;
  const signal = r.signal ?? inferSignal(thread.frames);
  const guilty = findGuilty(frames);
  return makeCrash({
    title: guilty !== undefined ? `${signal ?? 'crash'} in ${guilty}` : (signal ?? 'crash'),
    kind: 'signal',
    frames,
    guilty: guilty !== undefined ? [guilty] : [],
    startLine,
    endLine,
    ...(signal !== undefined ? { signal: signalName(signal) } : {}),
    ...(r.address !== undefined ? { address: r.address } : {}),
  });
}

function inferSignal(frames: readonly string[]): string | undefined {
  if (frames.some((f) => /^(?:__GI_)?abort$|^__pthread_kill|^(?:__GI_)?raise$/.test(f))) return 'SIGABRT';
  return undefined;
}
