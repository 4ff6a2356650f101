/**
 * Compiler sanitizer reports of userspace programs: AddressSanitizer (and HWASan), MemorySanitizer,
 * ThreadSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer, titled like
 * `AddressSanitizer: heap-use-after-free in Book::erase`.
 */
import type { LogLine } from './text.js';
import type { Crash, CrashKind } from './types.js';
import { makeCrash, parseHashFrame, pickGuilty } from './user-frames.js';

const HEADER =
  /^(?:==\d+==\s*ERROR: |WARNING: )((?:HW)?AddressSanitizer|MemorySanitizer|ThreadSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer): (.+?)\s*$/;
const UBSAN_RUNTIME = /^(\S+?):(\d+):(?:\d+:)? runtime error: (.+)$/;
const SUMMARY = /^SUMMARY: \w*Sanitizer:/;
const ENDS = /^==\d+==ABORTING|^={10,}$/;

const KINDS: Record<string, CrashKind> = {
  AddressSanitizer: 'asan',
  HWAddressSanitizer: 'asan',
  MemorySanitizer: 'msan',
  ThreadSanitizer: 'tsan',
  LeakSanitizer: 'lsan',
  UndefinedBehaviorSanitizer: 'ubsan',
};

/** `heap-use-after-free on address 0x… at pc …` -> `heap-use-after-free`; keeps multi-word classes. */
function bugClass(text: string): string {
  return text
    .replace(/\s*\(pid=\d+\)\s*$/, '')
    .replace(/\s+(?:on|at) (?:unknown )?address\b.*$/, '')
    .replace(/\s+on 0x[0-9a-f]+.*$/, '')
    .replace(/\s+in thread T\d+.*$/, '')
    .replace(/\s+\(pc 0x.*$/, '')
    .trim();
}

const SIGNAL_OF: Record<string, string> = { SEGV: 'SIGSEGV', BUS: 'SIGBUS', FPE: 'SIGFPE', ILL: 'SIGILL', ABRT: 'SIGABRT' };

/** Frames of the first `#0 …` stack after line `from`, and where the report ends. */
function firstStack(lines: readonly LogLine[], from: number, limit: number): { frames: string[]; end: number } {
  const frames: string[] = [];
  let end = from;
  let inStack = false;
  for (let i = from + 1; i < lines.length && i <= from + limit; i++) {
    const body = lines[i]!.body;
    if (SUMMARY.test(body) || ENDS.test(body.trim())) {
      end = i;
      if (SUMMARY.test(body)) break;
      continue;
    }
    const f = body.trimStart().startsWith('#') ? parseHashFrame(body) : null;
    if (f) {
      if (f.index === 0 && inStack && frames.length > 0) {
        // A second stack (allocation, free, previous access) belongs to the same report.
        inStack = false;
      }
      if (f.index === 0 && frames.length === 0) inStack = true;
      if (inStack) frames.push(f.name);
      end = i;
      continue;
    }
    if (inStack && frames.length > 0) inStack = false;
    if (HEADER.test(body)) break;
    end = i;
  }
  return { frames, end };
}

function report(lines: readonly LogLine[], i: number, tool: string, detail: string): Crash {
  const kind = KINDS[tool] ?? 'asan';
  const cls = bugClass(detail);
  const { frames, end } = firstStack(lines, i, 400);
  const guilty = frames.length > 0 ? pickGuilty(frames) : '';
  const addr = /(?:address|on) (0x[0-9a-f]+)/.exec(detail);
  const sig = SIGNAL_OF[cls.split(' ')[0]!];
  return makeCrash({
    title: guilty ? `${tool}: ${cls} in ${guilty}` : `${tool}: ${cls}`,
    kind,
    frames,
    guilty: guilty ? [guilty] : [],
    startLine: i,
    endLine: end,
    ...(sig !== undefined ? { signal: sig } : {}),
    ...(addr ? { address: addr[1]! } : {}),
  });
}

function runtimeError(lines: readonly LogLine[], i: number, m: RegExpExecArray): Crash {
  // `signed integer overflow: 2147483647 + 1 cannot be represented…` -> `signed integer overflow`.
  const msg = m[3]!;
  const cls = msg.includes(': ') ? msg.slice(0, msg.indexOf(': ')) : msg;
  const { frames, end } = firstStack(lines, i, 60);
  const file = m[1]!.split('/').pop() ?? m[1]!;
  const guilty = frames.length > 0 ? pickGuilty(frames) : file;
  return makeCrash({
    title: `UndefinedBehaviorSanitizer: ${cls} in ${guilty}`,
    kind: 'ubsan',
    frames,
    guilty: [guilty],
    startLine: i,
    endLine: frames.length > 0 ? end : i,
    message: msg,
  });
}

/**
 * All sanitizer reports in the lines.
 * @example findSanitizerCrashes(parseLines(asanOutput))[0]?.kind === 'asan'
 */
export function findSanitizerCrashes(lines: readonly LogLine[]): Crash[] {
  const out: Crash[] = [];
  for (let i = 0; i < lines.length; i++) {
    const body = lines[i]!.body;
    if (!body.includes('Sanitizer') && !body.includes('runtime error:')) continue;
    const h = HEADER.exec(body);
    if (h) {
      const c = report(lines, i, h[1]!, h[2]!);
      out.push(c);
      i = c.endLine;
      continue;
    }
    const u = UBSAN_RUNTIME.exec(body);
    if (u) {
      const c = runtimeError(lines, i, u);
      out.push(c);
      i = c.endLine;
    }
  }
  return out;
}
