/**
 * Finds kernel crash reports in console output and dmesg. A report starts at a header line
 * (see kernel-oopses.ts) and is reassembled from the lines of the same printk context, so that
 * output of other CPUs or tasks interleaved with it does not end up in its title.
 */
import type { LogLine } from './text.js';
import { isCpuContext } from './text.js';
import type { Oops } from './kernel-oops-types.js';
import { INFO_WITH_STACK as INFO_WITH_STACK_MESSAGES, KERNEL_OOPSES, REPORT_CONTINUATIONS } from './kernel-oopses.js';
import { describeReport } from './kernel-title.js';
import { makeSignature, normalizeTitle } from './signature.js';
import type { Crash, CrashKind } from './types.js';

export interface KernelOptions {
  /** Lines read after a report's header at most; bounds the work on runaway interleavings. */
  maxReportLines?: number;
}

// One alternation of all headers: a single test rejects the vast majority of lines.
const ANY_HEADER = new RegExp(KERNEL_OOPSES.map((o) => o.header.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

const END_MARKER = /^\s*-+\[ end (?:trace|Kernel panic)|^Kernel Offset:|^Rebooting in \d+ seconds|^\s*={20,}\s*$/;
const STACKISH =
  /\+0x[0-9a-f]+\/0x[0-9a-f]+|^\[ *\d+\] +\d+ +\d+ |\[inline\]|^\s*(?:R[A-Z0-9]{1,3}|E?FLAGS|[A-Z]S|CR[0-4]|DR[0-7]|Code|pc|lr|sp|x\d+|r\d+|Call [Tt]race|Backtrace|Exception stack)\s*:|<\/?(?:IRQ|TASK|NMI|EOI)>|^\s*-+\[ cut here \]/;
// A report whose last frame-like line is this far behind has ended.
const STACK_GAP = 40;
// Panics that only say an earlier report made the kernel give up (panic_on_warn, hung_task
// panic…) belong to that report even after long lock and backtrace dumps.
const CONSEQUENCE = /not syncing: (?:Oops: |kernel: )?(?:Fatal exception|panic_on_\w+ set|hung_task|softlockup: hung tasks)/;
const CONSEQUENCE_DISTANCE = 2000;
const PANIC = 'Kernel panic - not syncing: ';
const DMESG_STAMP = /\[ *(\d+)\.\d+\]/;

/**
 * A panic that gives its own reason (`Attempted to kill init!`, `Fatal machine check`, `VFS: Unable
 * to mount root fs`) is a failure of its own, even right after another report; not one that only
 * follows from a report (CONSEQUENCE), nor one whose reason repeats the report's (`scheduling while atomic`).
 */
function ownPanic(body: string, report: string): boolean {
  if (!body.includes(PANIC) || CONSEQUENCE.test(body)) return false;
  // (the closing `---[ end Kernel panic - not syncing: … ]---` repeats the panic's own line)
  const reason = body.slice(body.indexOf('not syncing: ') + 'not syncing: '.length).split(':')[0]!.replace(/\s*\]-*\s*$/, '').trim();
  return !report.includes(reason);
}

/** Whether the kernel's clock went back between two lines: the machine restarted in between. */
function rebootedSince(lines: readonly LogLine[], from: number, to: number): boolean {
  const a = DMESG_STAMP.exec(lines[from]!.raw);
  const b = DMESG_STAMP.exec(lines[to]!.raw);
  return a !== null && b !== null && Number(b[1]) < Number(a[1]);
}
// Same-task reports after which a report stops being read.
const MAX_LATER_REPORTS = 10;
// A continuation header (e.g. a panic) this close to the previous report belongs to it.
const ATTACH_DISTANCE = 50;

// On a line without a kernel prefix, a header counts only at the start of the text, after a
// Go-style log time, or after one `subsystem: ` word, so that application logs saying
// "WARNING: …" or "INFO: …" mid-sentence are not taken for kernel reports.
const PLAIN_PREFIX = /^(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d+)? )?(?:[\w.-]+: )?$/;

function matchOops(line: LogLine): Oops | null {
  const body = line.body;
  if (!ANY_HEADER.test(body)) return null;
  // Another program's syslog lines are not kernel output.
  if (line.context.startsWith('tag:')) return null;
  for (const oops of KERNEL_OOPSES) {
    const at = body.indexOf(oops.header);
    if (at < 0) continue;
    const after = body.charCodeAt(at + oops.header.length);
    // `INFO:root:…` (Python logging) is not the `INFO: ` of a kernel report.
    if (oops.header.endsWith(':') && at + oops.header.length < body.length && after !== 32 && after !== 9) continue;
    if (line.context === '' && at > 0 && !PLAIN_PREFIX.test(body.slice(0, at))) continue;
    if (oops.suppressions.some((re) => re.test(body))) continue;
    return oops;
  }
  return null;
}

const CONTINUATION = new RegExp(REPORT_CONTINUATIONS.map((re) => re.source).join('|'));
const isContinuation = (body: string): boolean => CONTINUATION.test(body);
// OOM lines continue another report (kills caused by a crash being reported), but after an OOM
// report's own kill line the next OOM line is the next kill: an OOM storm is one report per kill.
const OOM_LINE = /invoked oom-killer:|[Oo]ut of memory: Kill/;
const OOM_KILL = /[Oo]ut of memory: Kill/;
const nextKill = (body: string, killed: boolean): boolean => killed && OOM_LINE.test(body);
const INFO_WITH_STACK = new RegExp(INFO_WITH_STACK_MESSAGES.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
// Lines that change how the rest of a report is read (see collect).
const SPECIAL =
  /Disabling lock debugging due to kernel taint|Sending NMI from CPU|Kernel panic - not syncing|WARNING: possible circular locking dependency detected/;

interface Collected {
  text: string;
  included: number[];
  /** Line index of the first other report that starts inside this one, or -1. */
  second: number;
}

/** Reads one report, following syzkaller's findReport: same-context lines, panics stripped. */
function collect(lines: readonly LogLine[], oopsAt: (i: number) => Oops | null, start: number, max: number): Collected {
  const context = lines[start]!.context;
  const minLines = lines[start]!.body.includes('BUG: KMSAN:') ? 16 : 22;
  const out: string[] = [];
  const included: number[] = [];
  let reportEnd = 0;
  let second = -1;
  let textLines = 0;
  let skipText = false;
  let cpuTraceback = false;
  const end = Math.min(lines.length, start + max);
  const ownContext = context !== '' && context !== 'console';
  let laterReports = 0;
  const oom = OOM_LINE.test(lines[start]!.body);
  let killed = false;
  for (let i = start; i < end; i++) {
    const line = lines[i]!;
    const isStart = i === start;
    if (!isStart && oopsAt(i) !== null && (!isContinuation(line.body) || ownPanic(line.body, lines[start]!.body) || (oom && nextKill(line.body, killed)))) {
      if (second < 0) second = i;
      // Without caller ids nothing after the next report can join this one; with them, a
      // storm of reports from the same task is cut short.
      if (!ownContext || (line.context === context && ++laterReports >= MAX_LATER_REPORTS)) break;
    } else if (!isStart && second < 0 && oopsAt(i) === null && INFO_WITH_STACK.test(line.body)) {
      second = i;
      if (!ownContext) break;
    }
    if (!isStart && (line.questionable || (line.context !== context && (!cpuTraceback || !isCpuContext(line.context))))) {
      continue;
    }
    textLines++;
    if (oom && OOM_KILL.test(line.body)) killed = true;
    let skipLine = skipText;
    const special = SPECIAL.exec(line.body)?.[0];
    if (special === undefined) {
      // Plain report line.
    } else if (special === 'Disabling lock debugging due to kernel taint') {
      skipLine = true;
    } else if (special === 'Sending NMI from CPU') {
      // Backtraces of all CPUs follow; keep them whatever CPU printed them.
      cpuTraceback = true;
    } else if (textLines > minLines) {
      // The panic_on_warn panic (or a deadlock report induced by the oops) repeats the stack
      // of the real report; once we have enough of it, drop the rest.
      skipText = true;
      skipLine = true;
    }
    if (!isStart && skipLine) continue;
    out.push(line.body);
    included.push(i);
    // Without caller ids, another report's lines cannot be told apart: stop at the next one.
    if (second < 0 || ownContext) reportEnd = out.length;
  }
  return { text: out.slice(0, reportEnd).join('\n') + '\n', included: included.slice(0, reportEnd), second };
}

/** Index of the report's last line: an end marker, or the last frame-like line before a long gap. */
function reportEndLine(lines: readonly LogLine[], included: readonly number[], start: number, stopBefore: number): number {
  let last = start;
  let sinceStack = 0;
  for (const i of included) {
    if (i >= stopBefore) break;
    const body = lines[i]!.body;
    if (i !== start && END_MARKER.test(body)) return i;
    if (STACKISH.test(body) || isContinuation(body)) {
      last = i;
      sinceStack = 0;
    } else if (++sinceStack > STACK_GAP) {
      break;
    }
  }
  return last;
}

const ADDRESS_RES: RegExp[] = [
  /(?:paging request|page fault for address|NULL pointer dereference|user memory) at (?:virtual address )?(?:0x)?([0-9a-f]{8,16})/,
  /(?:page fault for address|NULL pointer dereference|data access),? (?:address|on): ?(?:0x)?([0-9a-f]{8,16})/,
  // x86 since 5.0: `BUG: unable to handle page fault for address: ffffc90001a3f000`.
  /page fault for address: ?(?:0x)?([0-9a-f]{8,16})/,
  /(?:Read|Write) (?:of size \d+ )?at addr (?:0x)?([0-9a-f]{8,16})/,
  /non-canonical address (0x[0-9a-f]+)/,
  /at addr ([0-9a-f]{8,16})/,
  /on address\s+([0-9a-f]{8,16})/,
];

const TRAPS: [RegExp, string][] = [
  [/general protection fault/, 'general protection fault'],
  [/unable to handle (?:kernel paging request|page fault)|Unable to handle kernel paging request|NULL pointer dereference/i, 'page fault'],
  [/divide[ _]error/, 'divide error'],
  [/invalid opcode/, 'invalid opcode'],
  [/double fault/, 'double fault'],
  [/stack segment/, 'stack segment fault'],
];

function firstLines(text: string, n: number): string {
  let pos = 0;
  for (let k = 0; k < n && pos >= 0; k++) pos = text.indexOf('\n', pos + 1);
  return pos < 0 ? text : text.slice(0, pos);
}

function extractAddress(head: string): string | undefined {
  for (const re of ADDRESS_RES) {
    const m = re.exec(head);
    if (m) {
      const a = m[1]!.toLowerCase();
      return a.startsWith('0x') ? a : `0x${a}`;
    }
  }
  return undefined;
}

/** Pulls a function name out of a title such as `BUG: held lock freed in sk_clone_lock`. */
function titleFrame(title: string): string[] {
  const m = / in ([A-Za-z_<][\w:<>.~]*)$/.exec(title);
  return m ? [m[1]!] : [];
}

/**
 * Finds every kernel crash report in parsed lines, in order of their first line.
 * @example findKernelCrashes(parseLines(dmesg))[0]?.title
 */
export function findKernelCrashes(lines: readonly LogLine[], options: KernelOptions = {}): Crash[] {
  return scanKernel(lines, options).crashes;
}

/**
 * Kernel crashes plus a per-line mark of the lines their reports took.
 * @example scanKernel(parseLines(dmesg)).consumed[0] === 1
 */
export function scanKernel(
  lines: readonly LogLine[],
  { maxReportLines = 1000 }: KernelOptions = {},
): { crashes: Crash[]; consumed: Uint8Array } {
  const cache: (Oops | null | undefined)[] = new Array<Oops | null | undefined>(lines.length);
  const oopsAt = (i: number): Oops | null => {
    let v = cache[i];
    if (v === undefined) {
      v = matchOops(lines[i]!);
      cache[i] = v;
    }
    return v;
  };
  const consumed = new Uint8Array(lines.length);
  const crashes: Crash[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (consumed[i]) continue;
    const oops = oopsAt(i);
    if (!oops) continue;
    const line = lines[i]!;
    const prev = crashes[crashes.length - 1];
    if (
      prev &&
      isContinuation(line.body) &&
      !(prev.kind === 'oom-kill' && nextKill(line.body, killsIn(lines, prev))) &&
      (CONSEQUENCE.test(line.body)
        ? i - prev.endLine <= CONSEQUENCE_DISTANCE
        : i - prev.endLine <= ATTACH_DISTANCE && !ownPanic(line.body, lines[prev.startLine]!.body) && !rebootedSince(lines, prev.endLine, i))
    ) {
      prev.endLine = Math.max(prev.endLine, i);
      continue;
    }
    const rep = collect(lines, oopsAt, i, maxReportLines);
    const sameContextSecond =
      rep.second >= 0 && (line.context === '' || line.context === 'console' || lines[rep.second]!.context === line.context);
    const endLine = reportEndLine(lines, rep.included, i, sameContextSecond ? rep.second : Infinity);
    for (const j of rep.included) {
      if (j > endLine) break;
      consumed[j] = 1;
    }
    const crash = buildCrash(rep.text, oops, i, endLine, line.context === '');
    if (crash) crashes.push(crash);
  }
  return { crashes, consumed };
}

/** Whether a report's lines hold an OOM kill line (its own kill: a later OOM line is another kill). */
function killsIn(lines: readonly LogLine[], c: Crash): boolean {
  for (let j = c.startLine; j <= c.endLine; j++) if (OOM_KILL.test(lines[j]!.body)) return true;
  return false;
}

// A kernel stack in a report: what an unprefixed header needs to count (see buildCrash).
const HAS_TRACE = /Call (?:T|t)race|Backtrace:|\+0x[0-9a-f]+\/0x[0-9a-f]+/;

function buildCrash(text: string, oops: Oops, startLine: number, endLine: number, plain: boolean): Crash | null {
  const d = describeReport(text, oops);
  // Unprefixed text that starts like a kernel header but fits none of its formats and carries no
  // kernel stack (`WARNING: deprecated key`, `general protection fault handler test passed`) is an
  // application's message, not a kernel report.
  if (plain && d.format === null && !HAS_TRACE.test(text)) return null;
  const title = normalizeTitle(d.title);
  const shown = normalizeTitle(d.title, { numbers: false });
  const kind: CrashKind = d.format?.kind ?? 'bug';
  const guilty = d.guilty.length > 0 ? d.guilty : titleFrame(title);
  const head = firstLines(text, 12);
  const crash: Crash = {
    title,
    kind,
    origin: 'kernel',
    signature: makeSignature(kind, title, guilty),
    frames: d.frames,
    startLine,
    endLine,
  };
  if (shown !== title) crash.displayTitle = shown;
  const trap = TRAPS.find(([re]) => re.test(head));
  if (trap) crash.signal = trap[1];
  const address = extractAddress(head);
  if (address !== undefined) crash.address = address;
  if (d.corrupted) crash.corrupted = true;
  return crash;
}
